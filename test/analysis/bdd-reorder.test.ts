/**
 * Variable reordering: adjacent-level swaps in place (ReorderTable), sifting
 * (Rudell) into a fresh manager, and the per-root diagrams that are sifted
 * and reuse learned orders. Every order must give the same function: checked
 * by evaluating the diagrams on every assignment of small random graphs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFaultGraph } from '../../server/src/analysis/bdd';
import { layoutOf, type BddLayout } from '../../server/src/analysis/bdd-layout';
import { BddNodeLimitError } from '../../server/src/analysis/bdd-node-store';
import { DEFAULT_SIFT_LIMITS, reorderLive, type SiftPolicy } from '../../server/src/analysis/bdd-reorder';
import { ReorderTable } from '../../server/src/analysis/bdd-reorder-table';
import type { FaultGraph, Gate } from '../../server/src/analysis/fault-graph';
import { normalizeGraph } from '../../server/src/analysis/graph-normalize';
import { rootProbability } from '../../server/src/analysis/probability';
import { compileRootDiagram, type RegionView } from '../../server/src/analysis/root-diagram';
import { and, ev, evaluate, graphOf, gt, or, randomCaseArb, relativeError, uniform } from './bdd-fixtures';

/** Value of a flat layout when the events in `failed` (bit mask) have failed. */
function evaluateLayout(layout: BddLayout, failed: number): boolean {
  let node = layout.root;
  while (node >= 2) node = ((failed >> layout.event[node]!) & 1) === 1 ? layout.hi[node]! : layout.lo[node]!;
  return node === 1;
}

/** A table holding the diagram of a layout (levels as variables), the root retained. */
function tableOf(layout: BddLayout): { table: ReorderTable; root: number; eventOfVariable: Int32Array } {
  const table = new ReorderTable(layout.levelCount, 16, 1_000_000);
  const idOf = new Int32Array(layout.size);
  idOf[1] = 1;
  const eventOfVariable = new Int32Array(layout.levelCount).fill(-1);
  for (let i = 2; i < layout.size; i++) {
    idOf[i] = table.make(layout.level[i]!, idOf[layout.lo[i]!]!, idOf[layout.hi[i]!]!);
    eventOfVariable[layout.level[i]!] = layout.event[i]!;
  }
  const root = idOf[layout.root]!;
  table.retain(root);
  for (let i = 2; i < layout.size; i++) table.release(idOf[i]!);
  return { table, root, eventOfVariable };
}

function evaluateTable(table: ReorderTable, root: number, eventOfVariable: Int32Array, failed: number): boolean {
  let node = root;
  while (node >= 2) node = ((failed >> eventOfVariable[table.variableOfNode(node)]!) & 1) === 1 ? table.hiOf(node) : table.loOf(node);
  return node === 1;
}

/** Reduced, unique, ordered, and exactly the nodes the root reaches. */
function expectCanonical(table: ReorderTable, root: number): void {
  const nodes = [...table.nodesBottomUp()];
  const keys = new Set<string>();
  for (const n of nodes) {
    expect(table.loOf(n)).not.toBe(table.hiOf(n));
    expect(table.levelOf(table.loOf(n))).toBeGreaterThan(table.levelOf(n));
    expect(table.levelOf(table.hiOf(n))).toBeGreaterThan(table.levelOf(n));
    keys.add(`${table.variableOfNode(n)} ${table.loOf(n)} ${table.hiOf(n)}`);
  }
  expect(keys.size).toBe(nodes.length);
  const reached = new Set<number>();
  const stack = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n < 2 || reached.has(n)) continue;
    reached.add(n);
    stack.push(table.loOf(n), table.hiOf(n));
  }
  expect(reached.size).toBe(table.size);
}

describe('adjacent-level swaps (ReorderTable)', () => {
  it('keep the function and a canonical table through any sequence of swaps', () => {
    fc.assert(
      fc.property(randomCaseArb(8), fc.array(fc.nat(), { maxLength: 40 }), ({ graph }, swaps) => {
        const layout = layoutOf(compileFaultGraph(graph), 'top');
        if (layout.levelCount < 2) return;
        const { table, root, eventOfVariable } = tableOf(layout);
        for (const s of swaps) table.swap(s % (layout.levelCount - 1));
        expectCanonical(table, root);
        for (let failed = 0; failed < 1 << graph.events.length; failed++) {
          expect(evaluateTable(table, root, eventOfVariable, failed)).toBe(evaluate(graph, graph.roots.get('top')!, failed));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('frees a 20,000-node chain when its root is released, without recursion', () => {
    const n = 20_000;
    const table = new ReorderTable(n, 16, 1_000_000);
    let node = 1;
    for (let v = n - 1; v >= 0; v--) {
      const next = table.make(v, 0, node);
      table.release(node);
      node = next;
    }
    expect(table.size).toBe(n);
    table.release(node);
    expect(table.size).toBe(0);
  });

  it('stops at the node limit with a BddNodeLimitError, not a crash', () => {
    const table = new ReorderTable(100, 16, 50);
    expect(() => {
      for (let v = 99; v >= 0; v--) table.make(v, 0, 1);
    }).toThrow(BddNodeLimitError);
  });
});

describe('sifting (Rudell)', () => {
  it('takes x1y1 ∨ … ∨ x8y8 from the exponential order x1…x8 y1…y8 to the linear interleaved size', () => {
    const n = 8;
    const graph = graphOf(2 * n, [...Array.from({ length: n }, (_, i) => and(ev(i), ev(n + i))), or(...Array.from({ length: n }, (_, i) => gt(i)))]);
    const bad = compileFaultGraph(graph, { order: Int32Array.from({ length: 2 * n }, (_, i) => i) });
    expect(layoutOf(bad, 'top').size - 2).toBe(2 ** (n + 1) - 2);
    const sifted = reorderLive(bad.manager, [bad.roots.get('top')!], 2 * n, () => DEFAULT_SIFT_LIMITS)!;
    expect(sifted.sifted).toBe(true);
    expect(sifted.size).toBe(2 * n);
    // Each x_i sits next to its y_i.
    for (let i = 0; i < n; i++) expect(Math.abs(sifted.newLevelOf[i]! - sifted.newLevelOf[n + i]!)).toBe(1);
    const levelToEvent = new Int32Array(2 * n);
    for (let level = 0; level < 2 * n; level++) levelToEvent[sifted.newLevelOf[level]!] = bad.levelToEvent[level]!;
    const { q, p } = uniform(2 * n, 0.1);
    const before = rootProbability(bad, 'top', q, p);
    const after = rootProbability(
      { ...bad, manager: sifted.manager, roots: new Map([['top', sifted.roots[0]!]]), levelToEvent, layoutCache: new Map() },
      'top',
      q,
      p,
    );
    expect(relativeError(after.failure, before.failure)).toBeLessThan(1e-14);
    expect(relativeError(after.success, before.success)).toBeLessThan(1e-14);
  });

  it('gives up, keeping the order, when it has not shrunk the diagram enough by the end of its trial', () => {
    const n = 6;
    const graph = graphOf(2 * n, [...Array.from({ length: n }, (_, i) => and(ev(i), ev(n + i))), or(...Array.from({ length: n }, (_, i) => gt(i)))]);
    const bad = compileFaultGraph(graph, { order: Int32Array.from({ length: 2 * n }, (_, i) => i) });
    const top = bad.roots.get('top')!;
    // Judged before any variable is sifted: not shrunk at all, so given up.
    expect(reorderLive(bad.manager, [top], 2 * n, () => ({ ...DEFAULT_SIFT_LIMITS, trial: { variables: 0, sizeShare: 0.99 } }))).toBeUndefined();
    // Judged after the first variable, which takes the diagram below 99% of its size: sifting goes on to the end.
    const sifted = reorderLive(bad.manager, [top], 2 * n, () => ({ ...DEFAULT_SIFT_LIMITS, trial: { variables: 1, sizeShare: 0.99 } }))!;
    expect(sifted.sifted).toBe(true);
    expect(sifted.size).toBe(2 * n);
  });

  it('only compacts (same order, garbage dropped) when told to', () => {
    const graph = graphOf(4, [and(ev(0), ev(1)), or(gt(0), ev(2), ev(3))]);
    const bdd = compileFaultGraph(graph);
    const compacted = reorderLive(bdd.manager, [bdd.roots.get('top')!], 4, () => 'compact')!;
    expect(compacted.sifted).toBe(false);
    expect([...compacted.newLevelOf]).toEqual([0, 1, 2, 3]);
    expect(compacted.manager.store.nodeCount).toBe(compacted.size);
    expect(reorderLive(bdd.manager, [bdd.roots.get('top')!], 4, () => 'keep')).toBeUndefined();
  });
});

describe('per-root diagrams with sifting and learned orders', () => {
  /** Every diagram sifted, so that every later one may reuse a learned order. */
  const eager = { minSize: 1, maxSize: 1 << 30, blowUp: 0, minMs: 1000 };

  it('represent each gate exactly, compiled from the top down in one compilation', () => {
    fc.assert(
      fc.property(randomCaseArb(9), ({ graph: original }) => {
        const { graph } = normalizeGraph(original);
        const view: RegionView = { graph, pseudoOf: new Int32Array(graph.gates.length).fill(-1), nodeLimit: 1_000_000, sifting: eager };
        for (let g = graph.gates.length - 1; g >= 0; g--) {
          const { layout, levelToVariable } = compileRootDiagram(view, gt(g));
          for (let level = 0; level < layout.levelCount; level++) {
            for (let i = 2; i < layout.size; i++) if (layout.level[i] === level) expect(layout.event[i]).toBe(levelToVariable[level]);
          }
          for (let failed = 0; failed < 1 << graph.events.length; failed++) {
            expect(evaluateLayout(layout, failed)).toBe(evaluate(graph as FaultGraph, gt(g), failed));
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  /** Never sifted. */
  const never = { minSize: 1 << 30, maxSize: 1 << 30, blowUp: 1, minMs: 0 };

  /** Every gate a root, as in an imported fault tree; the last gate is compiled first, then the others must come in its order, exactly. */
  function expectNestedInTopOrder(eventCount: number, gates: Gate[], options: Pick<RegionView, 'sifting' | 'nestedRootsFrom'>): void {
    const graph: FaultGraph = { ...graphOf(eventCount, gates), roots: new Map(gates.map((_, g) => [`g${g}`, gt(g)])) };
    const view: RegionView = { graph, pseudoOf: new Int32Array(gates.length).fill(-1), nodeLimit: 1000, ...options };
    const top = compileRootDiagram(view, gt(gates.length - 1));
    for (let g = 0; g < gates.length - 1; g++) {
      const { layout, levelToVariable } = compileRootDiagram(view, gt(g));
      expect([...levelToVariable]).toEqual([...top.levelToVariable]);
      for (let failed = 0; failed < 1 << eventCount; failed++) expect(evaluateLayout(layout, failed)).toBe(evaluate(graph, gt(g), failed));
    }
  }

  it('take the roots nested in a sifted diagram from one build of its region, in its order', () => {
    // top = e3 ∨ e0·e1 ∨ e1·e2: its residual e0·e1 ∨ e1·e2 is sifted (eagerly), then both ands come from one build.
    expectNestedInTopOrder(4, [and(ev(0), ev(1)), and(ev(1), ev(2)), or(gt(0), gt(1), ev(3))], { sifting: eager });
  });

  it('take the roots nested in a large unpeeled build from it, in its order', () => {
    // top = (e0 ∨ e1)·(e1 ∨ e2): nothing to peel; built once, its two ors are in the build already
    // (compiled alone, each would be a chain over its own two events).
    expectNestedInTopOrder(3, [or(ev(0), ev(1)), or(ev(1), ev(2)), and(gt(0), gt(1))], { sifting: never, nestedRootsFrom: 0 });
  });

  it('keep a diagram whose sifting failed its trial in its build order, and take the roots nested in it from that build', () => {
    // top = e0·e1·e2 ∨ e0·e3 ∨ e1·e4 ∨ e2·e5: nothing to peel; depth-first order e0 … e5, which sifting changes.
    const gates = [and(ev(0), ev(1), ev(2)), and(ev(0), ev(3)), and(ev(1), ev(4)), and(ev(2), ev(5)), or(gt(0), gt(1), gt(2), gt(3))];
    const depthFirst = [0, 1, 2, 3, 4, 5];
    const topOrder = (sifting: SiftPolicy): number[] => {
      const graph: FaultGraph = { ...graphOf(6, gates), roots: new Map(gates.map((_, g) => [`g${g}`, gt(g)])) };
      const view: RegionView = { graph, pseudoOf: new Int32Array(gates.length).fill(-1), nodeLimit: 1000, sifting };
      return [...compileRootDiagram(view, gt(gates.length - 1)).levelToVariable];
    };
    expect(topOrder(eager)).not.toEqual(depthFirst);
    const hopeless = { ...eager, trial: { variables: 0, sizeShare: 0.99 } };
    expect(topOrder(hopeless)).toEqual(depthFirst);
    expectNestedInTopOrder(6, gates, { sifting: hopeless, nestedRootsFrom: 0 });
  });

  it('take the roots nested in a large peeled build from one build of its region, in its order', () => {
    // top = e3 ∨ (e0 ∨ e1)·(e1 ∨ e2): built with e3 peeled (fixed), so its build holds no nested gate's own value;
    // the region is then built once, unpeeled, in the top's order (chain on top), and every nested gate comes from it.
    expectNestedInTopOrder(4, [or(ev(0), ev(1)), or(ev(1), ev(2)), and(gt(0), gt(1)), or(gt(2), ev(3))], { sifting: never, nestedRootsFrom: 0 });
  });

  it('represent every root exactly when all gates are roots (shared, nested and peeled builds)', () => {
    for (const [sifting, nestedRootsFrom] of [[eager, undefined], [never, 0]] as const) {
      fc.assert(
        fc.property(randomCaseArb(9), ({ graph: original }) => {
          const { graph: normalized } = normalizeGraph(original);
          // Every gate a root, as in an imported fault tree.
          const graph: FaultGraph = { ...normalized, roots: new Map(normalized.gates.map((_, g) => [`g${g}`, gt(g)])) };
          const view: RegionView = { graph, pseudoOf: new Int32Array(graph.gates.length).fill(-1), nodeLimit: 1_000_000, sifting, ...(nestedRootsFrom === undefined ? {} : { nestedRootsFrom }) };
          for (let g = graph.gates.length - 1; g >= 0; g--) {
            const { layout } = compileRootDiagram(view, gt(g));
            for (let failed = 0; failed < 1 << graph.events.length; failed++) {
              expect(evaluateLayout(layout, failed)).toBe(evaluate(graph, gt(g), failed));
            }
          }
        }),
        { numRuns: 300 },
      );
    }
  });

  it('compile a root named twice (own:X and element:X) once', () => {
    const { graph } = normalizeGraph(graphOf(3, [and(ev(0), ev(1)), or(gt(0), ev(2))]));
    const view: RegionView = { graph, pseudoOf: new Int32Array(graph.gates.length).fill(-1), nodeLimit: 1000 };
    expect(compileRootDiagram(view, gt(1))).toBe(compileRootDiagram(view, gt(1)));
  });
});

