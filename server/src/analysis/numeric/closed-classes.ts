/**
 * Strongly connected components of a rate graph (Tarjan's algorithm with an
 * explicit stack), and which of them are closed: no transition leaves them.
 * A chain's long-run behaviour lives on its closed classes.
 */
import type { RateGraph } from './rate-graph';

export interface ClassStructure {
  /** Component index of every state. */
  readonly componentOf: Int32Array;
  /** States of each component. */
  readonly components: readonly number[][];
  /** For each component: true when no transition leaves it. */
  readonly closed: readonly boolean[];
}

export function classStructure(graph: RateGraph): ClassStructure {
  const n = graph.size;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const componentOf = new Int32Array(n).fill(-1);
  const components: number[][] = [];
  const stack: number[] = [];
  let counter = 0;
  // Explicit DFS frames: (state, next edge to look at).
  const frameState: number[] = [];
  const frameEdge: number[] = [];
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    frameState.push(root);
    frameEdge.push(0);
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (frameState.length > 0) {
      const top = frameState.length - 1;
      const v = frameState[top];
      const edges = graph.targets[v];
      if (frameEdge[top] < edges.length) {
        const w = edges[frameEdge[top]++];
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          frameState.push(w);
          frameEdge.push(0);
        } else if (onStack[w]) {
          low[v] = Math.min(low[v], index[w]);
        }
        continue;
      }
      frameState.pop();
      frameEdge.pop();
      if (frameState.length > 0) {
        const parent = frameState[frameState.length - 1];
        low[parent] = Math.min(low[parent], low[v]);
      }
      if (low[v] === index[v]) {
        const component: number[] = [];
        let w: number;
        do {
          w = stack.pop() as number;
          onStack[w] = 0;
          componentOf[w] = components.length;
          component.push(w);
        } while (w !== v);
        components.push(component);
      }
    }
  }
  const closed = components.map((states, c) =>
    states.every((s) => graph.targets[s].every((t) => componentOf[t] === c)),
  );
  return { componentOf, components, closed };
}
