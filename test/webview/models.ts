/**
 * Generated models for the preview's size tests: `groups` redundant pairs of
 * components plus the groups themselves, so elements = 3 × groups (+ system).
 * A `variant` stands for an edit: the system's label and the `a` components'
 * MTBF change, so every variant draws a different diagram.
 */
export function redundantPairs(groups: number, variant = 0): string {
  const label = `Generated ${groups * 3} elements${variant > 0 ? `, edit ${variant}` : ''}`;
  const lines = [`system big "${label}" {`, `  needs ${Array.from({ length: groups }, (_, i) => `g${i}`).join(', ')}`, '}'];
  for (let i = 0; i < groups; i++) {
    lines.push(`component a${i} { mtbf ${10000 + i + variant}h  mttr 2h }`);
    lines.push(`component b${i} { mtbf ${12000 + i}h  mttr 3h }`);
    lines.push(`group g${i} = parallel(a${i}, b${i})`);
  }
  return lines.join('\n') + '\n';
}
