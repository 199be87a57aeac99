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
  /** Outgoing edges in source order; targets that are not nodes are ignored. */
  readonly edges: readonly Edge[];
}

export function reportDependencyCycles(nodes: readonly DependencyNode[], report: Reporter): void {
  const ids = new Map<string, number>();
  nodes.forEach((node, i) => ids.set(node.name, i));
  const targets = nodes.map((node) => node.edges.map((edge) => ids.get(edge.to) ?? -1));
  for (const component of stronglyConnected(targets)) {
    const start = component.reduce((a, b) => Math.min(a, b));
    const cycle = shortestCycle(start, new Set(component), targets);
    if (cycle) reportCycle(cycle, nodes, report);
  }
}

/** Components that contain a cycle (size > 1, or a self-loop), each listed once. */
export function stronglyConnected(targets: readonly (readonly number[])[]): number[][] {
  const n = targets.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const result: number[][] = [];
  const frames: { v: number; next: number }[] = [];
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    const enter = (v: number): void => {
      index[v] = low[v] = counter++;
      stack.push(v);
      onStack[v] = 1;
      frames.push({ v, next: 0 });
    };
    enter(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      const out = targets[frame.v]!;
      if (frame.next < out.length) {
        const w = out[frame.next++]!;
        if (w < 0) continue;
        if (index[w] === -1) enter(w);
        else if (onStack[w]) low[frame.v] = Math.min(low[frame.v]!, index[w]!);
        continue;
      }
      frames.pop();
      const v = frame.v;
      if (frames.length > 0) {
        const parent = frames[frames.length - 1]!.v;
        low[parent] = Math.min(low[parent]!, low[v]!);
      }
      if (low[v] !== index[v]) continue;
      const component: number[] = [];
      let w: number;
      do {
        w = stack.pop()!;
        onStack[w] = 0;
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || out.includes(v)) result.push(component);
    }
  }
  return result;
}

/** Breadth-first from `start` inside its component: the shortest way back, as node ids and the edge index taken. */
function shortestCycle(
  start: number,
  inComponent: ReadonlySet<number>,
  targets: readonly (readonly number[])[],
): { node: number; edge: number }[] | undefined {
  const parent = new Map<number, { node: number; edge: number }>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head]!;
    const out = targets[v]!;
    for (let e = 0; e < out.length; e++) {
      const w = out[e]!;
      if (!inComponent.has(w)) continue;
      if (w === start) {
        const path = [{ node: v, edge: e }];
        for (let at = v; at !== start; ) {
          const step = parent.get(at)!;
          path.push(step);
          at = step.node;
        }
        return path.reverse();
      }
      if (!parent.has(w)) {
        parent.set(w, { node: v, edge: e });
        queue.push(w);
      }
    }
  }
  return undefined;
}

function reportCycle(cycle: readonly { node: number; edge: number }[], nodes: readonly DependencyNode[], report: Reporter): void {
  const names = cycle.map((step) => nodes[step.node]!.name);
  const text = [...names, names[0]].join(' → ');
  const edges = cycle.map((step) => nodes[step.node]!.edges[step.edge]!);
  const first = edges[0]!;
  const related: RelatedInformation[] = edges.map((edge, i) => ({
    uri: edge.uri,
    span: edge.span,
    message: `'${names[i]}' depends on '${edge.to}' here`,
  }));
  report.error('dependency-cycle', `dependency cycle: ${text}`, first.uri, first.span, { related, data: { cycle: text } });
}
