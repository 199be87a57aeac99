import type { Diagnostic } from '../language/diagnostics';
import type { ResolvedModel } from '../language/model';

/**
 * Moves the previous run's verdicts onto a newer text while its own run is
 * pending: a SPOF warning follows its component's name, an element-limit
 * warning its element's, a failed requirement its `require` line by its index in the system (not by position: the
 * verdicts' spans are those of the text analysed, the models' those of the
 * last text parsed, see reparseFile). What no longer exists is dropped; the
 * next run replaces all of them.
 */
export function relocateEngineDiagnostics(diagnostics: readonly Diagnostic[], before: ResolvedModel, after: ResolvedModel): Diagnostic[] {
  const moved: Diagnostic[] = [];
  for (const d of diagnostics) {
    const target =
      d.code === 'spof'
        ? spofTarget(d, after)
        : d.code === 'requirement-failed'
          ? requirementTarget(d, before, after)
          : d.code === 'element-limit'
            ? elementTarget(d, after)
            : undefined;
    if (target) moved.push({ ...d, uri: target.uri, span: target.span });
  }
  return moved;
}

function spofTarget(d: Diagnostic, after: ResolvedModel): { uri: string; span: Diagnostic['span'] } | undefined {
  const component = String(d.data?.event ?? '').replace(/\[\d+\]$/, '');
  const element = after.elements.get(component);
  if (!element || element.kind !== 'component' || element.acceptSpof !== undefined) return undefined;
  return { uri: element.origin.uri, span: element.origin.name.span };
}

function elementTarget(d: Diagnostic, after: ResolvedModel): { uri: string; span: Diagnostic['span'] } | undefined {
  const element = after.elements.get(String(d.data?.element ?? ''));
  return element ? { uri: element.origin.uri, span: element.origin.name.span } : undefined;
}

function requirementTarget(d: Diagnostic, before: ResolvedModel, after: ResolvedModel): { uri: string; span: Diagnostic['span'] } | undefined {
  const index = d.data?.requirement;
  if (typeof index !== 'number') return undefined;
  const old = before.system?.requirements[index];
  const now = after.system?.requirements[index];
  if (!old || !now || now.metric !== old.metric) return undefined;
  return { uri: now.uri, span: now.span };
}
