import type { ComponentModel, ElementModel, ResolvedNeed } from './model';
import type { SymbolTable } from './names';
import type { Span } from './span';
import type { Reporter } from './validate-context';

/**
 * `needs each Z` pairs replica i with Z[i]: Z must be a component with the
 * same number of replicas as the component that needs it.
 */
export function checkNeedsEach(
  elements: ReadonlyMap<string, ElementModel>,
  symbols: SymbolTable,
  report: Reporter,
): void {
  elements.forEach((element) => {
    if (element.kind === 'component' && element.needs.some(isEach)) checkComponent(element, elements, symbols, report);
  });
}

function isEach(need: ResolvedNeed): boolean {
  return need.kind === 'each';
}

function checkComponent(
  element: ComponentModel,
  elements: ReadonlyMap<string, ElementModel>,
  symbols: SymbolTable,
  report: Reporter,
): void {
  const uri = element.origin.uri;
  for (const item of element.decl.items) {
    if (item.kind !== 'needs') continue;
    for (const need of item.needs) {
      if (need.kind !== 'each') continue;
      const symbol = symbols.find(need.name.text, uri);
      if (!symbol || symbol.kind === 'system') continue; // reported when resolving the name
      const target = elements.get(symbol.name);
      if (!target) continue;
      const related = (): { uri: string; span: Span; message: string }[] => [
        { uri: target.origin.uri, span: target.origin.name.span, message: `'${target.name}' is declared here` },
      ];
      if (target.kind !== 'component') {
        report.error(
          'needs-each-not-component',
          `'needs each' needs a replicated component; '${target.name}' is a group`,
          uri,
          need.name.span,
          { related: related() },
        );
      } else if (target.replicas !== element.replicas) {
        report.error(
          'needs-each-replicas',
          `'needs each ${target.name}': '${target.name}' has ${target.replicas} replica${target.replicas === 1 ? '' : 's'}, '${element.name}' has ${element.replicas}; they must be equal`,
          uri,
          need.name.span,
          { related: related(), data: { replicas: element.replicas, targetReplicas: target.replicas } },
        );
      }
    }
  }
}
