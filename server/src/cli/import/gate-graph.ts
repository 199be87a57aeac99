/**
 * The graph of gates referencing gates: which gates are top events (no other
 * gate references them) and whether gates form a cycle. Iterative depth-first
 * search with an explicit stack, linear in gates plus references.
 */

/** Indices of the gates referenced by no gate, in definition order. */
export function topGates(references: readonly (readonly number[])[]): number[] {
  const referenced = new Array<boolean>(references.length).fill(false);
  for (const targets of references) for (const t of targets) referenced[t] = true;
  const tops: number[] = [];
  referenced.forEach((isReferenced, i) => {
    if (!isReferenced) tops.push(i);
  });
  return tops;
}

/**
 * The cycles found among gates, each as the list of gate indices along it
 * (first gate not repeated): one per back edge of the search, so an acyclic
 * graph gives none and a cyclic one at least one.
 */
export function findCycles(references: readonly (readonly number[])[]): number[][] {
  const WHITE = 0;
  const GREY = 1;
  const BLACK = 2;
  const colour = new Uint8Array(references.length);
  const cycles: number[][] = [];
  const path: number[] = [];
  const nextEdge: number[] = [];

  for (let start = 0; start < references.length; start++) {
    if (colour[start] !== WHITE) continue;
    colour[start] = GREY;
    path.push(start);
    nextEdge.push(0);
    while (path.length > 0) {
      const depth = path.length - 1;
      const node = path[depth]!;
      const edges = references[node]!;
      const edge = nextEdge[depth]!;
      if (edge < edges.length) {
        nextEdge[depth] = edge + 1;
        const target = edges[edge]!;
        if (colour[target] === WHITE) {
          colour[target] = GREY;
          path.push(target);
          nextEdge.push(0);
        } else if (colour[target] === GREY) {
          cycles.push(path.slice(path.lastIndexOf(target)));
        }
        continue;
      }
      colour[node] = BLACK;
      path.pop();
      nextEdge.pop();
    }
  }
  return cycles;
}
