import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FaultGraph, NodeRef } from '../../server/src/analysis/fault-graph';
import { compileStructure, SYSTEM_ROOT } from '../../server/src/analysis/structure';
import { analyzeText } from '../support/analyze-text';

/** Invariants of the figures on random models (fast-check). */

interface RandomComponent {
  mtbf: number;
  mttr: number;
  replicas: number;
  quorum: number;
}

type RandomExpr = { kind: 'ref'; index: number } | { kind: 'series' | 'parallel'; members: RandomExpr[] } | { kind: 'kofn'; k: number; members: RandomExpr[] };

const componentArb = fc
  .record({
    mtbf: fc.integer({ min: 10, max: 100_000 }),
    mttr: fc.integer({ min: 1, max: 100 }),
    replicas: fc.integer({ min: 1, max: 3 }),
    quorumShare: fc.integer({ min: 1, max: 3 }),
  })
  .map(({ mtbf, mttr, replicas, quorumShare }) => ({ mtbf, mttr, replicas, quorum: Math.min(replicas, quorumShare) }));

const exprArb = (components: number): fc.Arbitrary<RandomExpr> =>
  fc.letrec<{ expr: RandomExpr }>((tie) => ({
    expr: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.integer({ min: 0, max: components - 1 }).map((index) => ({ kind: 'ref' as const, index })),
      fc
        .record({ kind: fc.constantFrom('series' as const, 'parallel' as const), members: fc.array(tie('expr'), { minLength: 1, maxLength: 3 }) })
        .map((e) => e as RandomExpr),
      fc
        .array(tie('expr'), { minLength: 1, maxLength: 4 })
        .chain((members) => fc.integer({ min: 1, max: members.length }).map((k) => ({ kind: 'kofn' as const, k, members }))),
    ),
  })).expr;

const modelArb = fc
  .array(componentArb, { minLength: 1, maxLength: 6 })
  .chain((components) => fc.record({ components: fc.constant(components), system: exprArb(components.length) }));

function exprText(e: RandomExpr): string {
  if (e.kind === 'ref') return `c${e.index}`;
  const members = e.members.map(exprText).join(', ');
  return e.kind === 'kofn' ? `${e.k} of (${members})` : `${e.kind}(${members})`;
}

function modelText(components: readonly RandomComponent[], system: RandomExpr): string {
  const lines = [`system s { needs ${exprText(system)} }`];
  components.forEach((c, i) => {
    const replicas = c.replicas > 1 ? `  replicas ${c.replicas}  quorum ${c.quorum}` : '';
    lines.push(`component c${i} { mtbf ${c.mtbf}h  mttr ${c.mttr}h${replicas} }`);
  });
  return lines.join('\n');
}

/** Evaluates "the node failed" for a set of failed events, by a loop over the topologically ordered gates. */
function evaluate(graph: FaultGraph, root: NodeRef, failed: ReadonlySet<number>): boolean {
  const gateValue: boolean[] = [];
  const value = (r: NodeRef): boolean => (r.kind === 'const' ? r.value : r.kind === 'event' ? failed.has(r.index) : gateValue[r.index]!);
  graph.gates.forEach((g, i) => {
    const inputs = g.inputs.map(value);
    const count = inputs.filter(Boolean).length;
    if (g.kind === 'atleast') gateValue[i] = count >= g.k;
    else gateValue[i] = g.kind === 'or' ? count > 0 : count === inputs.length;
  });
  return value(root);
}

describe('figure invariants on random models', () => {
  it('every probability lies in [0, 1] and availability + unavailability = 1', () => {
    fc.assert(
      fc.property(modelArb, ({ components, system }) => {
        const s = analyzeText(modelText(components, system)).system;
        for (const v of [s.availability, s.unavailability, s.reliability, s.unreliability]) {
          expect(v).not.toBeNull();
          expect(v!).toBeGreaterThanOrEqual(0);
          expect(v!).toBeLessThanOrEqual(1);
        }
        expect(Math.abs(s.availability! + s.unavailability! - 1)).toBeLessThan(1e-12);
        expect(Math.abs(s.reliability! + s.unreliability! - 1)).toBeLessThan(1e-12);
      }),
      { numRuns: 60 },
    );
  });

  it('reports a near-certain failure as exactly 1, not one rounding step above (found by the property above)', () => {
    const s = analyzeText(`system s { needs 3 of (series(3 of (c1, c2, c0), c3), 1 of (c3, c1, c2), 3 of (c0, c2, c0, parallel(c0))) }
      component c0 { mtbf 71904h  mttr 11h  replicas 3  quorum 1 }
      component c1 { mtbf 53795h  mttr 81h }
      component c2 { mtbf 12h  mttr 42h }
      component c3 { mtbf 36113h  mttr 86h  replicas 3  quorum 2 }`).system;
    expect(s.reliability!).toBeGreaterThanOrEqual(0);
    expect(s.reliability!).toBeLessThan(1e-300);
    expect(s.unreliability).toBe(1);
  });

  it('improving any component never lowers the system availability', () => {
    fc.assert(
      fc.property(modelArb, fc.nat(), fc.integer({ min: 2, max: 10 }), ({ components, system }, pick, factor) => {
        const before = analyzeText(modelText(components, system)).system.unavailability!;
        const i = pick % components.length;
        const improved = components.map((c, j) => (j === i ? { ...c, mtbf: c.mtbf * factor } : c));
        const after = analyzeText(modelText(improved, system)).system.unavailability!;
        expect(after).toBeLessThanOrEqual(before * (1 + 1e-12));
      }),
      { numRuns: 40 },
    );
  });

  it('a parallel pair is at least as available as each of its members', () => {
    fc.assert(
      fc.property(componentArb, componentArb, (a, b) => {
        const text = `system s { needs g }
          component a { mtbf ${a.mtbf}h  mttr ${a.mttr}h }
          component b { mtbf ${b.mtbf}h  mttr ${b.mttr}h }
          group g = parallel(a, b)`;
        const { system, analysis } = analyzeText(text);
        expect(system.availability!).toBeGreaterThanOrEqual(analysis.elements.get('a')!.availability!);
        expect(system.availability!).toBeGreaterThanOrEqual(analysis.elements.get('b')!.availability!);
      }),
      { numRuns: 40 },
    );
  });

  it('every listed cut set fails the system, and no proper subset of it does', () => {
    fc.assert(
      fc.property(modelArb, ({ components, system }) => {
        const { model, system: figures } = analyzeText(modelText(components, system));
        const graph = compileStructure(model).graph;
        const root = graph.roots.get(SYSTEM_ROOT)!;
        const indexOf = new Map(graph.events.map((e, i) => [e.name, i]));
        for (const cut of figures.cutSets) {
          const events = cut.events.map((name) => indexOf.get(name)!);
          expect(evaluate(graph, root, new Set(events))).toBe(true);
          for (const left of events) {
            expect(evaluate(graph, root, new Set(events.filter((e) => e !== left)))).toBe(false);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
