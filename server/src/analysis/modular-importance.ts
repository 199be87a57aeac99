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
 * modules are visited parents first, each once.
 */
export function modularImportance(m: ModularDiagrams, root: string, q: Float64Array, p: Float64Array): ImportanceMeasures {
  const diagram = m.roots.get(root);
  if (diagram === undefined) throw new Error(`no root named '${root}' in the compiled diagrams`);
  const { q: qx, p: px } = variableProbabilities(m, q, p);
  const n = m.variableCount;
  const top = conditionals(n);
  const { failure: Q, success: P } = layoutConditionals(diagram.layout, qx, px, top);
  // Q with each variable forced: those the root does not depend on leave it unchanged.
  const q1 = new Float64Array(n).fill(Q);
  const q0 = new Float64Array(n).fill(Q);
  const birnbaum = new Float64Array(n);
  copyTested(diagram.layout.event, diagram.layout.size, (v) => {
    q1[v] = top.failure1[v]!;
    q0[v] = top.failure0[v]!;
    birnbaum[v] = top.birnbaum[v]!;
  });
  const inner = conditionals(n);
  for (const j of modulesBelow(m, diagram)) {
    const module = m.modules[j]!.layout;
    const v = m.eventCount + j;
    layoutConditionals(module, qx, px, inner);
    copyTested(module.event, module.size, (u) => {
      q1[u] = inner.failure1[u]! * q1[v]! + inner.success1[u]! * q0[v]!;
      q0[u] = inner.failure0[u]! * q1[v]! + inner.success0[u]! * q0[v]!;
      birnbaum[u] = inner.birnbaum[u]! * birnbaum[v]!;
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

/**
 * Calls `take` for the variable of each entry of the layout: a variable
 * tested at several entries is taken at each, which is harmless because
 * every copy here writes the same values again (no set of seen variables to
 * allocate per module).
 */
function copyTested(event: Int32Array, size: number, take: (variable: number) => void): void {
  for (let i = 2; i < size; i++) take(event[i]!);
}
