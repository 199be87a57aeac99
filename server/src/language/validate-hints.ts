import type { LawItem, Name } from './ast';
import type { ElementModel } from './model';
import type { Reporter, ValidationContext } from './validate-context';

/**
 * Hints a user will thank us for (spec §3): they point at likely mistakes
 * that are still valid models.
 */

/** `probability 0.999` almost always means "works 99.9% of the time". */
export function probabilityHint(item: LawItem, p: number, uri: string, ctx: ValidationContext): void {
  if (p <= 0.5) return;
  ctx.report.warning(
    'probability-looks-like-availability',
    `'probability' is the chance of being failed; ${item.value?.text ?? p} is high: did you mean \`availability\`?`,
    uri,
    item.keyword,
    { data: { suggestion: 'availability' } },
  );
}

/** A time-based law without any mttr has no steady state: availability figures become null. */
export function noAvailabilityWarning(name: Name, uri: string, ctx: ValidationContext): void {
  const what = ctx.rootHasSystem ? "its availability, and the system's," : 'its availability';
  ctx.report.warning(
    'no-availability',
    `component '${name.text}' has no 'mttr' (and the model no 'default mttr'): ${what} cannot be computed`,
    uri,
    name.span,
    { data: { name: name.text } },
  );
}

/**
 * Components of the root file that nothing refers to (so the system cannot
 * reach them either). Only when the root has a system: a library's components
 * are there to be used by others.
 */
export function reportUnusedComponents(
  rootUri: string,
  elements: ReadonlyMap<string, ElementModel>,
  referenced: ReadonlySet<Name>,
  report: Reporter,
): void {
  elements.forEach((element) => {
    if (element.kind !== 'component' || element.origin.uri !== rootUri) return;
    if (referenced.has(element.origin.name)) return;
    report.warning(
      'unused-component',
      `component '${element.name}' is not used: the system does not need it, directly or through other elements`,
      rootUri,
      element.origin.name.span,
      { data: { name: element.name } },
    );
  });
}
