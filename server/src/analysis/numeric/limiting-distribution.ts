/**
 * Long-run distribution of a CTMC started in a given state, subtraction-free
 * throughout:
 * - one closed class reachable (the usual case): its stationary
 *   distribution, zero on the transient states;
 * - several (possible only in degenerate chains, e.g. a member that never
 *   fails): each class's own distribution weighted by the probability of
 *   ending in it, found by GTH on a regenerative chain in which each class is
 *   one state that returns to the start at rate 1 (its stationary weight is
 *   then proportional to the absorption probability).
 * Each irreducible piece is solved by `stationaryDistribution`.
 */
import { classStructure } from './closed-classes';
import { gaussSeidelStationary } from './gauss-seidel';
import { gthDense } from './gth-dense';
import { type RateGraph, RateGraphBuilder, restrictGraph } from './rate-graph';

/**
 * Chains up to this size are solved exactly by dense GTH (O(n³): about a
 * quarter of a second at 400 states); larger ones by Gauss–Seidel, which is
 * also subtraction-free and O(transitions) per sweep (GTH's fill-in on these
 * hypercube-like chains makes sparse elimination as slow as dense).
 */
export const DENSE_GTH_LIMIT = 400;

/** Work budget of the iterative solver, in transition visits (a few seconds at most; ten members need ~5e7). */
const ITERATIVE_WORK_BUDGET = 3e8;

export type SolveMethod = 'gth' | 'gauss-seidel';

export interface StationarySolution {
  readonly pi: Float64Array;
  readonly method: SolveMethod;
  /** False only when the iterative solver ran out of budget before its tolerance. */
  readonly converged: boolean;
}

/** Stationary distribution of an irreducible chain: exact GTH when small, Gauss–Seidel when large. */
export function stationaryDistribution(graph: RateGraph): StationarySolution {
  const n = graph.size;
  if (n === 1) return { pi: Float64Array.of(1), method: 'gth', converged: true };
  if (n > DENSE_GTH_LIMIT) {
    let transitions = 0;
    for (const row of graph.targets) transitions += row.length;
    const maxSweeps = Math.max(100, Math.floor(ITERATIVE_WORK_BUDGET / Math.max(1, transitions)));
    const result = gaussSeidelStationary(graph, { maxSweeps });
    return { pi: result.pi, method: 'gauss-seidel', converged: result.converged };
  }
  const dense = new Float64Array(n * n);
  for (let s = 0; s < n; s++) graph.targets[s].forEach((t, e) => (dense[s * n + t] = graph.rates[s][e]));
  // Irreducibility is the caller's guarantee (closed classes are irreducible).
  return { pi: gthDense(n, dense) as Float64Array, method: 'gth', converged: true };
}

/** States reachable from `start`, in discovery order. */
function reachable(graph: RateGraph, start: number): number[] {
  const seen = new Uint8Array(graph.size);
  const order = [start];
  seen[start] = 1;
  for (let i = 0; i < order.length; i++) {
    for (const t of graph.targets[order[i]]) {
      if (!seen[t]) {
        seen[t] = 1;
        order.push(t);
      }
    }
  }
  return order;
}

/** π(s) = lim P(X_t = s | X_0 = start). Every state of the graph gets an entry. */
export function limitingDistribution(graph: RateGraph, start: number): StationarySolution {
  const states = reachable(graph, start);
  const sub = restrictGraph(graph, states); // start is local state 0
  const { components, closed, componentOf } = classStructure(sub);
  const closedClasses = components.map((_, i) => i).filter((i) => closed[i]);
  const pi = new Float64Array(graph.size);
  let method: SolveMethod = 'gth';
  let converged = true;
  const solve = (g: RateGraph): Float64Array => {
    const solution = stationaryDistribution(g);
    if (solution.method !== 'gth') method = solution.method;
    converged &&= solution.converged;
    return solution.pi;
  };
  const classDistribution = (c: number): Float64Array => solve(restrictGraph(sub, components[c]));

  if (closedClasses.length === 1) {
    const c = closedClasses[0];
    const local = classDistribution(c);
    components[c].forEach((s, i) => (pi[states[s]] = local[i]));
    return { pi, method, converged };
  }

  // Regenerative chain: transient states keep their indices among themselves,
  // each closed class becomes one state returning to the start.
  const builder = new RateGraphBuilder();
  const regenIndex = new Int32Array(sub.size).fill(-1);
  for (let s = 0; s < sub.size; s++) if (!closed[componentOf[s]]) regenIndex[s] = builder.addState();
  const classIndex = new Map<number, number>();
  for (const c of closedClasses) classIndex.set(c, builder.addState());
  const indexOf = (s: number): number =>
    regenIndex[s] >= 0 ? regenIndex[s] : (classIndex.get(componentOf[s]) as number);
  for (let s = 0; s < sub.size; s++) {
    if (regenIndex[s] < 0) continue;
    sub.targets[s].forEach((t, e) => builder.addRate(regenIndex[s], indexOf(t), sub.rates[s][e]));
  }
  for (const c of closedClasses) builder.addRate(classIndex.get(c) as number, indexOf(0), 1);
  const regen = solve(builder.build());
  let classMass = 0;
  for (const c of closedClasses) classMass += regen[classIndex.get(c) as number];
  for (const c of closedClasses) {
    const weight = regen[classIndex.get(c) as number] / classMass;
    const local = classDistribution(c);
    components[c].forEach((s, i) => (pi[states[s]] = weight * local[i]));
  }
  return { pi, method, converged };
}
