/**
 * Faultline names for MEF identifiers. A `.ft` name matches
 * `[A-Za-z_][A-Za-z0-9_]*(-[A-Za-z0-9_]+)*`, is not a reserved word, and is
 * unique across systems, components and groups, whereas MEF keeps gates and
 * basic events in separate namespaces and allows characters such as `.`.
 */

export const FT_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*(-[A-Za-z0-9_]+)*$/;
export const FT_RESERVED_WORDS: ReadonlySet<string> = new Set(['use', 'system', 'component', 'group']);

export function isUsableName(name: string): boolean {
  return FT_NAME_PATTERN.test(name) && !FT_RESERVED_WORDS.has(name);
}

/**
 * Makes `raw` a usable name: other characters become `_`, runs of dashes
 * collapse to one, a dash at either end becomes `_`, a leading digit gets a
 * `_` prefix, and a reserved word gets a `_` suffix.
 */
export function sanitizeName(raw: string): string {
  let name = raw
    .replace(/[^A-Za-z0-9_-]/gu, '_')
    .replace(/-{2,}/g, '-')
    .replace(/^-/, '_')
    .replace(/-$/, '_');
  if (name === '') name = '_';
  if (/^[0-9]/.test(name)) name = `_${name}`;
  if (FT_RESERVED_WORDS.has(name)) name = `${name}_`;
  return name;
}

/**
 * Assigns one unique usable name to each request, in two passes so that an
 * identifier that is already a usable name keeps it whenever it is free:
 * first every usable original name (earlier requests win a tie), then
 * sanitised names, with a `_2`, `_3`, … suffix on a collision.
 */
export function allocateNames(requests: readonly string[], taken: Set<string> = new Set()): string[] {
  const result: (string | undefined)[] = new Array(requests.length).fill(undefined);
  requests.forEach((raw, i) => {
    if (isUsableName(raw) && !taken.has(raw)) {
      taken.add(raw);
      result[i] = raw;
    }
  });
  requests.forEach((raw, i) => {
    if (result[i] === undefined) result[i] = claimName(sanitizeName(raw), taken);
  });
  return result as string[];
}

/** Takes `base`, or the first free `base_2`, `base_3`, … (`group_` → `group_2`), and records it in `taken`. */
export function claimName(base: string, taken: Set<string>): string {
  const stem = base.endsWith('_') ? base : `${base}_`;
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${stem}${n}`;
  taken.add(name);
  return name;
}
