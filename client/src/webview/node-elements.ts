/**
 * Finds the SVG element Mermaid drew for each diagram node and tags it with
 * `data-node-id`, so clicks and highlights work by our generated ids.
 * Mermaid names flowchart nodes `…flowchart-<id>-<n>` and subgraphs `<id>`
 * (optionally prefixed with the diagram's own id).
 */
export function tagNodeElements(svg: SVGSVGElement, nodeIds: readonly string[]): Map<string, SVGGElement> {
  const known = new Set(nodeIds);
  const found = new Map<string, SVGGElement>();
  for (const g of Array.from(svg.querySelectorAll<SVGGElement>('g.node, g.cluster'))) {
    const id = nodeIdOf(g.id, g.classList.contains('cluster'), known);
    if (id === undefined || found.has(id)) continue;
    g.setAttribute('data-node-id', id);
    found.set(id, g);
  }
  return found;
}

export function nodeIdOf(elementId: string, isCluster: boolean, known: ReadonlySet<string>): string | undefined {
  if (!isCluster) {
    const match = /(?:^|-)flowchart-(.+)-\d+$/.exec(elementId);
    return match && known.has(match[1]!) ? match[1] : undefined;
  }
  if (known.has(elementId)) return elementId;
  const dash = elementId.lastIndexOf('-');
  const tail = dash >= 0 ? elementId.slice(dash + 1) : undefined;
  return tail !== undefined && known.has(tail) ? tail : undefined;
}
