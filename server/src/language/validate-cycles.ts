import type { RelatedInformation } from './diagnostics';
import type { Reporter } from './validate-context';
import type { Edge } from './validate-expr';

/**
 * Dependency cycles through `needs` and group membership (spec §3). Tarjan's
 * strongly connected components with an explicit stack (a 100,000-element
 * chain must not overflow), then one shortest cycle per component spelled out:
 * "dependency cycle: a → b → c → a", with related information at each edge.
 */

export interface DependencyNode {
  readonly name: string;
  /** The file the element is declared in, where its edges stand. */
  readonly uri: string;
  /** Outgoing edges in source order; targets that are not nodes are ignored. */
  readonly edges: readonly Edge[];
}

export function reportDependencyCycles(nodes: readonly DependencyNode[], report: Reporter): void {
  const graph = compactGraph(nodes);
  const components = stronglyConnected(graph);
  if (components.length === 0) return;
  const componentOf = new Int32Array(nodes.length).fill(-1);
  components.forEach((members, c) => {
    for (const v of members) componentOf[v] = c;
  });
  components.forEach((members, c) => {
    const start = members.reduce((a, b) => Math.min(a, b));
    const cycle = shortestCycle(start, c, componentOf, graph);
    if (cycle) reportCycle(cycle, nodes, report);
  });
}

/**
 * Adjacency in compressed rows: the targets of node v are
 * `targets[offsets[v] .. offsets[v + 1])`, −1 for an edge to a non-node.
 * Edge k of node v (in `DependencyNode.edges` order) is `offsets[v] + k`.
 */
export interface CompactGraph {
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
}

function compactGraph(nodes: readonly DependencyNode[]): CompactGraph {
  const ids = new Map<string, number>();
  let edgeCount = 0;
  nodes.forEach((node, i) => {
    ids.set(node.name, i);
    edgeCount += node.edges.length;
  });
  const offsets = new Int32Array(nodes.length + 1);
  const targets = new Int32Array(edgeCount);
  let k = 0;
  nodes.forEach((node, i) => {
    offsets[i] = k;
    for (const edge of node.edges) targets[k++] = ids.get(edge.text) ?? -1;
  });
  offsets[nodes.length] = k;
  return { offsets, targets };
}

/** Adjacency lists (as in tests) to the compact form. */
export function graphOf(adjacency: readonly (readonly number[])[]): CompactGraph {
  const offsets = new Int32Array(adjacency.length + 1);
  const targets = new Int32Array(adjacency.reduce((sum, out) => sum + out.length, 0));
  let k = 0;
  adjacency.forEach((out, v) => {
    offsets[v] = k;
    for (const w of out) targets[k++] = w;
  });
  offsets[adjacency.length] = k;
  return { offsets, targets };
}

/** Components that contain a cycle (size > 1, or a self-loop), each listed once. Iterative Tarjan. */
export function stronglyConnected(graph: CompactGraph): number[][] {
  const { offsets, targets } = graph;
  const n = offsets.length - 1;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  let stackTop = 0;
  const frameNode = new Int32Array(n);
  const frameNext = new Int32Array(n);
  let frameTop = 0;
  const result: number[][] = [];
  let counter = 0;
  const enter = (v: number): void => {
    index[v] = low[v] = counter++;
    stack[stackTop++] = v;
    onStack[v] = 1;
    frameNode[frameTop] = v;
    frameNext[frameTop++] = offsets[v]!;
  };
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    enter(root);
    while (frameTop > 0) {
      const f = frameTop - 1;
      const v = frameNode[f]!;
      if (frameNext[f]! < offsets[v + 1]!) {
        const w = targets[frameNext[f]!++]!;
        if (w < 0) continue;
        if (index[w] === -1) enter(w);
        else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
        continue;
      }
      frameTop--;
      if (frameTop > 0) {
        const parent = frameNode[frameTop - 1]!;
        low[parent] = Math.min(low[parent]!, low[v]!);
      }
      if (low[v] !== index[v]) continue;
      if (stack[stackTop - 1] === v) {
        // A component of one node, by far the most common: no array unless it loops on itself.
        onStack[v] = 0;
        stackTop--;
        if (hasSelfLoop(graph, v)) result.push([v]);
        continue;
      }
      const component: number[] = [];
      let w: number;
      do {
        w = stack[--stackTop]!;
        onStack[w] = 0;
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || hasSelfLoop(graph, v)) result.push(component);
    }
  }
  return result;
}

function hasSelfLoop(graph: CompactGraph, v: number): boolean {
  for (let k = graph.offsets[v]!; k < graph.offsets[v + 1]!; k++) if (graph.targets[k] === v) return true;
  return false;
}

/** Breadth-first from `start` inside its component: the shortest way back, as (node, edge index) steps. */
function shortestCycle(
  start: number,
  component: number,
  componentOf: Int32Array,
  graph: CompactGraph,
): { node: number; edge: number }[] | undefined {
  const { offsets, targets } = graph;
  const parentEdge = new Map<number, number>(); // node → global edge index that reached it
  const parentNode = new Map<number, number>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head]!;
    for (let k = offsets[v]!; k < offsets[v + 1]!; k++) {
      const w = targets[k]!;
      if (w < 0 || componentOf[w] !== component) continue;
      if (w === start) {
        const path = [{ node: v, edge: k - offsets[v]! }];
        for (let at = v; at !== start; at = parentNode.get(at)!) {
          const from = parentNode.get(at)!;
          path.push({ node: from, edge: parentEdge.get(at)! - offsets[from]! });
        }
        return path.reverse();
      }
      if (!parentNode.has(w)) {
        parentNode.set(w, v);
        parentEdge.set(w, k);
        queue.push(w);
      }
    }
  }
  return undefined;
}

/** Cycles longer than this are shown by their two ends (a message must stay readable). */
export const MAX_CYCLE_SHOWN = 100;

function reportCycle(cycle: readonly { node: number; edge: number }[], nodes: readonly DependencyNode[], report: Reporter): void {
  const names = cycle.map((step) => nodes[step.node]!.name);
  const text = spellCycle(names);
  const edges = cycle.map((step) => ({ uri: nodes[step.node]!.uri, name: nodes[step.node]!.edges[step.edge]! }));
  const first = edges[0]!;
  const half = MAX_CYCLE_SHOWN / 2;
  const shownEdges = edges.length > MAX_CYCLE_SHOWN ? [...edges.slice(0, half), ...edges.slice(-half)] : edges;
  const shownNames = edges.length > MAX_CYCLE_SHOWN ? [...names.slice(0, half), ...names.slice(-half)] : names;
  const related: RelatedInformation[] = shownEdges.map((edge, i) => ({
    uri: edge.uri,
    span: edge.name.span,
    message: `'${shownNames[i]}' depends on '${edge.name.text}' here`,
  }));
  report.error('dependency-cycle', `dependency cycle: ${text}`, first.uri, first.name.span, { related, data: { cycle: text } });
}

/** "a → b → c → a"; a very long cycle keeps its first and last 50 names around "… N more …". */
export function spellCycle(names: readonly string[]): string {
  if (names.length <= MAX_CYCLE_SHOWN) return [...names, names[0]].join(' → ');
  const half = MAX_CYCLE_SHOWN / 2;
  const hidden = names.length - MAX_CYCLE_SHOWN;
  return [...names.slice(0, half), `… ${hidden.toLocaleString('en-US')} more …`, ...names.slice(-half), names[0]].join(' → ');
}
