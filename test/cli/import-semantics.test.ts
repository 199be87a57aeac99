import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importOpenPsa } from '../../server/src/cli/import/openpsa';
import { readImportedFt, works } from './import-ft-reader';

/**
 * The import must not change meaning: for every state of the basic events,
 * the imported system works exactly when the MEF top event does not occur.
 * Random coherent fault trees (or / and / atleast, nested, shared events,
 * gates referencing later gates, awkward names) are evaluated directly in
 * failure logic and compared with the imported `.ft` in success logic.
 */

type Formula =
  | { readonly kind: 'event'; readonly n: number }
  | { readonly kind: 'gate'; readonly n: number }
  | { readonly kind: 'or' | 'and' | 'atleast'; readonly kRaw: number; readonly args: readonly Formula[] };

interface Tree {
  readonly gateNames: readonly string[];
  readonly eventNames: readonly string[];
  readonly probabilities: readonly number[];
  readonly formulas: readonly Formula[];
}

const GATE_NAMES = ['top', 'group', 'x', 'x.1', '2', 'a--b', 'use', 'series'];
const EVENT_NAMES = ['x', 'group', 'x_1', 'a-b', '2', 'system', 'series', 'e', 'top'];

const formulaArb = fc.letrec<{ node: Formula; op: Formula }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ kind: fc.constantFrom<'event' | 'gate'>('event', 'gate'), n: fc.nat(1000) }),
    tie('op'),
  ),
  op: fc.record({
    kind: fc.constantFrom<'or' | 'and' | 'atleast'>('or', 'and', 'atleast'),
    kRaw: fc.nat(1000),
    args: fc.array(tie('node'), { minLength: 1, maxLength: 4 }),
  }),
})).node;

const treeArb: fc.Arbitrary<Tree> = fc
  .record({
    gates: fc.integer({ min: 1, max: 5 }),
    events: fc.integer({ min: 1, max: 6 }),
  })
  .chain(({ gates, events }) =>
    fc.record({
      gateNames: fc.shuffledSubarray(GATE_NAMES, { minLength: gates, maxLength: gates }),
      eventNames: fc.shuffledSubarray(EVENT_NAMES, { minLength: events, maxLength: events }),
      probabilities: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: events, maxLength: events }),
      formulas: fc.array(formulaArb, { minLength: gates, maxLength: gates }),
    }),
  );

/** Gate i may only reference gates after it, so the tree has no cycle and gate 0 is the first top. */
function gateTarget(tree: Tree, gate: number, n: number): number | undefined {
  const later = tree.gateNames.length - gate - 1;
  return later === 0 ? undefined : gate + 1 + (n % later);
}

function formulaXml(tree: Tree, gate: number, formula: Formula): string {
  switch (formula.kind) {
    case 'event':
      return `<basic-event name="${tree.eventNames[formula.n % tree.eventNames.length]}"/>`;
    case 'gate': {
      const target = gateTarget(tree, gate, formula.n);
      if (target !== undefined) return `<gate name="${tree.gateNames[target]}"/>`;
      // A generic <event> reference when the name is unambiguous.
      const name = tree.eventNames[formula.n % tree.eventNames.length]!;
      return tree.gateNames.includes(name) ? `<basic-event name="${name}"/>` : `<event name="${name}"/>`;
    }
    default: {
      const args = formula.args.map((a) => formulaXml(tree, gate, a)).join('');
      const min = formula.kind === 'atleast' ? ` min="${1 + (formula.kRaw % formula.args.length)}"` : '';
      return `<${formula.kind}${min}>${args}</${formula.kind}>`;
    }
  }
}

function treeXml(tree: Tree): string {
  const gates = tree.formulas.map((f, i) => `<define-gate name="${tree.gateNames[i]}">${formulaXml(tree, i, f)}</define-gate>`);
  const events = tree.eventNames.map(
    (name, i) => `<define-basic-event name="${name}"><float value="${tree.probabilities[i]}"/></define-basic-event>`,
  );
  return `<opsa-mef><define-fault-tree name="random">\n${gates.join('\n')}\n${events.join('\n')}\n</define-fault-tree></opsa-mef>`;
}

function fails(tree: Tree, gate: number, formula: Formula, failed: readonly boolean[]): boolean {
  switch (formula.kind) {
    case 'event':
      return failed[formula.n % tree.eventNames.length]!;
    case 'gate': {
      const target = gateTarget(tree, gate, formula.n);
      return target === undefined
        ? failed[formula.n % tree.eventNames.length]!
        : fails(tree, target, tree.formulas[target]!, failed);
    }
    case 'or':
      return formula.args.some((a) => fails(tree, gate, a, failed));
    case 'and':
      return formula.args.every((a) => fails(tree, gate, a, failed));
    case 'atleast': {
      const k = 1 + (formula.kRaw % formula.args.length);
      return formula.args.filter((a) => fails(tree, gate, a, failed)).length >= k;
    }
  }
}

describe('importOpenPsa preserves the meaning of a fault tree', () => {
  it('the imported system works in exactly the states where the top event does not occur', () => {
    fc.assert(
      fc.property(treeArb, (tree) => {
        const result = importOpenPsa(treeXml(tree), 'random.xml');
        if (!result.ok) throw new Error(JSON.stringify(result.errors));
        const reading = readImportedFt(result.text);
        const eventOf = (component: string): number => tree.eventNames.indexOf(reading.mefNames.get(component)!);
        expect(reading.components.size).toBe(tree.eventNames.length);
        for (const [component, probability] of reading.components) {
          expect(probability).toBe(tree.probabilities[eventOf(component)]! + 0);
        }
        const events = tree.eventNames.length;
        for (let state = 0; state < 1 << events; state++) {
          const failed = Array.from({ length: events }, (_, i) => (state & (1 << i)) !== 0);
          const up = (component: string): boolean => !failed[eventOf(component)]!;
          const systemWorks = works(reading, reading.needs, up);
          expect(systemWorks).toBe(!fails(tree, 0, tree.formulas[0]!, failed));
        }
      }),
      { numRuns: 400 },
    );
  });
});
