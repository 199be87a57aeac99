import type { BddLayout } from './bdd-layout';
import { type Conditionals, type ImportanceMeasures, layoutConditionals } from './importance';
import { type ModularDiagrams, modulesBelow } from './modular-bdd';
import { variableProbabilities } from './modular-probability';

/**
 * Q(q_i = 1), Q(q_i = 0) and Birnbaum of every event for one root, over
 * modular diagrams. The root's failure Q is multilinear in a module's q_M,
 * so for an event i inside module M:
 *   Q(q_i = c) = Q_M(q_i = c)·Q(q_M = 1) + P_M(q_i = c)·Q(q_M = 0),
 *   Birnbaum_i = Birnbaum_M(i)·Birnbaum(M),
 * where Q_M and P_M are M's own failure and success with q_i forced, each
 * computed directly by the linear passes on M's diagram (never 1 − x). All
 * terms are non-negative, so the values keep their relative precision. The
 * modules are visited parents first, each once. With a `memo`, a diagram
 * whose variables have the probabilities of the last call reads its own
 * conditionals back instead of computing them again.
 */
export function modularImportance(m: ModularDiagrams, root: string, q: Float64Array, p: Float64Array, memo?: ConditionalsMemo): ImportanceMeasures {
  const diagram = m.roots.get(root);
  if (diagram === undefined) throw new Error(`no root named '${root}' in the compiled diagrams`);
  const { q: qx, p: px } = variableProbabilities(m, q, p);
  const n = m.variableCount;
  // Each diagram's conditionals are used before the next diagram's are asked for, so one scratch serves them all.
  const source: ConditionalsSource = memo ?? new ComputedConditionals(n);
  const top = source.conditionalsOf(diagram.layout, qx, px);
  const [Q, P] = [top.failure, top.success];
  // Q with each variable forced: those the root does not depend on leave it unchanged.
  const q1 = new Float64Array(n).fill(Q);
  const q0 = new Float64Array(n).fill(Q);
  const birnbaum = new Float64Array(n);
  top.forEach((v, failure1, failure0, _success1, _success0, b) => {
    q1[v] = failure1;
    q0[v] = failure0;
    birnbaum[v] = b;
  });
  for (const j of modulesBelow(m, diagram)) {
    const v = m.eventCount + j;
    source.conditionalsOf(m.modules[j]!.layout, qx, px).forEach((u, failure1, failure0, success1, success0, b) => {
      q1[u] = failure1 * q1[v]! + success1 * q0[v]!;
      q0[u] = failure0 * q1[v]! + success0 * q0[v]!;
      birnbaum[u] = b * birnbaum[v]!;
    });
  }
  const events = m.eventCount;
  return { Q, P, q1: q1.slice(0, events), q0: q0.slice(0, events), birnbaum: birnbaum.slice(0, events) };
}

function conditionals(n: number): Conditionals {
  return {
    failure1: new Float64Array(n),
    failure0: new Float64Array(n),
    success1: new Float64Array(n),
    success0: new Float64Array(n),
    birnbaum: new Float64Array(n),
  };
}

/** One diagram's failure and success, and per variable it tests: both with the variable forced, and Birnbaum. */
interface OwnConditionals {
  readonly failure: number;
  readonly success: number;
  forEach(take: (variable: number, failure1: number, failure0: number, success1: number, success0: number, birnbaum: number) => void): void;
}

/** Where a diagram's own conditionals come from; each answer is valid until the next question. */
interface ConditionalsSource {
  conditionalsOf(layout: BddLayout, qx: Float64Array, px: Float64Array): OwnConditionals;
}

/**
 * The passes of importance.ts, into one scratch: it answers with itself,
 * holding the last diagram's conditionals (nothing allocated per module). A
 * variable is visited once per entry testing it: harmless, because every
 * visit gives the same values (no set of seen variables to allocate).
 */
class ComputedConditionals implements ConditionalsSource, OwnConditionals {
  failure = NaN;
  success = NaN;
  private readonly into: Conditionals;
  private layout: BddLayout | undefined;

  constructor(variables: number) {
    this.into = conditionals(variables);
  }

  conditionalsOf(layout: BddLayout, qx: Float64Array, px: Float64Array): OwnConditionals {
    ({ failure: this.failure, success: this.success } = layoutConditionals(layout, qx, px, this.into));
    this.layout = layout;
    return this;
  }

  forEach(take: (variable: number, failure1: number, failure0: number, success1: number, success0: number, birnbaum: number) => void): void {
    const { into, layout } = this;
    if (layout === undefined) return;
    const { event, size } = layout;
    for (let i = 2; i < size; i++) {
      const v = event[i]!;
      take(v, into.failure1[v]!, into.failure0[v]!, into.success1[v]!, into.success0[v]!, into.birnbaum[v]!);
    }
  }
}

/**
 * Each diagram's own conditionals, kept with the probabilities of the
 * variables they came from (they depend on nothing else). The language
 * server's worker keeps one between keystrokes: after an edit of a repair
 * time only the modules on the way from the edited events to the root are
 * computed again; every other module compares its variables' probabilities
 * and reads its numbers back. Keyed by layout: new diagrams start afresh.
 */
export class ConditionalsMemo implements ConditionalsSource {
  private readonly kept = new WeakMap<BddLayout, KeptConditionals>();
  private scratch: Conditionals = conditionals(0);
  /** Diagrams whose conditionals were computed (the others were read back), since this memo was made. */
  computed = 0;
  /** Diagrams asked for, since this memo was made. */
  asked = 0;

  conditionalsOf(layout: BddLayout, qx: Float64Array, px: Float64Array): OwnConditionals {
    let kept = this.kept.get(layout);
    if (kept === undefined) this.kept.set(layout, (kept = new KeptConditionals(testedVariables(layout))));
    this.asked++;
    if (!kept.holds(qx, px)) {
      this.computed++;
      if (this.scratch.failure1.length < qx.length) this.scratch = conditionals(qx.length);
      const { failure, success } = layoutConditionals(layout, qx, px, this.scratch);
      kept.take(this.scratch, qx, px, failure, success);
    }
    return kept;
  }
}

/** Per variable tested: q, p (the inputs), then F(1), F(0), S(1), S(0), Birnbaum. */
const KEPT_STRIDE = 7;

class KeptConditionals implements OwnConditionals {
  failure = NaN;
  success = NaN;
  private filled = false;
  private readonly values: Float64Array;

  constructor(private readonly variables: Int32Array) {
    this.values = new Float64Array(KEPT_STRIDE * variables.length);
  }

  /** True when every variable has the probabilities these conditionals were computed from. */
  holds(qx: Float64Array, px: Float64Array): boolean {
    if (!this.filled) return false;
    const { variables, values } = this;
    for (let k = 0, at = 0; k < variables.length; k++, at += KEPT_STRIDE) {
      const v = variables[k]!;
      if (values[at] !== qx[v] || values[at + 1] !== px[v]) return false;
    }
    return true;
  }

  take(from: Conditionals, qx: Float64Array, px: Float64Array, failure: number, success: number): void {
    const { variables, values } = this;
    for (let k = 0, at = 0; k < variables.length; k++, at += KEPT_STRIDE) {
      const v = variables[k]!;
      values[at] = qx[v]!;
      values[at + 1] = px[v]!;
      values[at + 2] = from.failure1[v]!;
      values[at + 3] = from.failure0[v]!;
      values[at + 4] = from.success1[v]!;
      values[at + 5] = from.success0[v]!;
      values[at + 6] = from.birnbaum[v]!;
    }
    this.failure = failure;
    this.success = success;
    this.filled = true;
  }

  forEach(take: (variable: number, failure1: number, failure0: number, success1: number, success0: number, birnbaum: number) => void): void {
    const { variables, values } = this;
    for (let k = 0, at = 0; k < variables.length; k++, at += KEPT_STRIDE) {
      take(variables[k]!, values[at + 2]!, values[at + 3]!, values[at + 4]!, values[at + 5]!, values[at + 6]!);
    }
  }
}

/** The distinct variables a layout tests. */
function testedVariables(layout: BddLayout): Int32Array {
  const seen = new Set<number>();
  for (let i = 2; i < layout.size; i++) seen.add(layout.event[i]!);
  return Int32Array.from(seen);
}
