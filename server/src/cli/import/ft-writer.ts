import type { FtLaw } from './mef-law';

/**
 * Writes the `.ft` text of an imported fault tree: header comments, the
 * system, the groups (gates) in definition order, then the components (basic
 * events), one declaration per line, long expressions wrapped at commas.
 */

export interface FtSystem {
  readonly name: string;
  readonly label: string | undefined;
  readonly needs: string;
  /** `mission` quantity text such as `1000h`, or undefined for the default. */
  readonly mission: string | undefined;
}

export interface FtGroup {
  readonly name: string;
  readonly label: string | undefined;
  readonly expression: string;
  /** The MEF name when it had to change. */
  readonly renamedFrom: string | undefined;
}

export interface FtComponent {
  readonly name: string;
  readonly label: string | undefined;
  readonly law: FtLaw;
  readonly renamedFrom: string | undefined;
  readonly used: boolean;
}

export interface FtModel {
  readonly sourceFile: string;
  readonly notices: readonly string[];
  readonly otherTopGates: readonly string[];
  readonly system: FtSystem;
  readonly groups: readonly FtGroup[];
  readonly components: readonly FtComponent[];
}

const LINE_WIDTH = 100;
const CONTINUATION = '    ';

export function writeFt(model: FtModel): string {
  const out: string[] = [`// Imported from ${oneLine(model.sourceFile)} by faultline import.`];
  for (const notice of model.notices) out.push(`// Source notice: ${oneLine(notice)}`);
  out.push('// Fault logic mapped onto success logic: or -> series, and -> parallel, atleast k of n -> (n-k+1) of.');
  out.push("// The top event's probability is the system's unreliability.");
  if (model.otherTopGates.length > 0) {
    out.push(`// Other top gates, kept as groups that the system does not need: ${model.otherTopGates.join(', ')}`);
  }
  out.push('');
  out.push(`system ${model.system.name}${labelText(model.system.label)} {`);
  out.push(`  needs ${model.system.needs}`);
  if (model.system.mission !== undefined) out.push(`  mission ${model.system.mission}`);
  out.push('  // add your target, e.g.: require unreliability <= 1e-3');
  out.push('}');

  if (model.groups.length > 0) out.push('');
  for (const group of model.groups) {
    const head = `group ${group.name}${labelText(group.label)} = `;
    out.push(...wrapExpression(head, group.expression, renamedNote(group.renamedFrom)));
  }

  const used = model.components.filter((c) => c.used);
  const unused = model.components.filter((c) => !c.used);
  if (used.length > 0) out.push('');
  for (const component of used) out.push(componentLine(component));
  if (unused.length > 0) {
    out.push('', '// Basic events that no gate uses:');
    for (const component of unused) out.push(componentLine(component));
  }
  return `${out.join('\n')}\n`;
}

function componentLine(component: FtComponent): string {
  return (
    `component ${component.name}${labelText(component.label)} { ${lawText(component.law)} }` +
    renamedNote(component.renamedFrom)
  );
}

export function lawText(law: FtLaw): string {
  switch (law.kind) {
    case 'probability':
      return `probability ${formatNumber(law.value)}`;
    case 'rate':
      return `rate ${formatNumber(law.value)}/${law.per}`;
    case 'fit':
      return `fit ${formatNumber(law.value)}`;
    case 'weibull':
      return `weibull shape ${formatNumber(law.shape)} scale ${formatNumber(law.scale)}${law.scaleUnit}`;
  }
}

/**
 * The shortest decimal that reads back as the same double. `String` never
 * writes `.5` or a bare exponent without digits, and its exponent form
 * (`1e-7`, `1.5e+21`) matches the language's NUM.
 */
export function formatNumber(value: number): string {
  return String(value);
}

/** A label as a one-line `.ft` string with `"` and `\` escaped, preceded by a space. */
export function labelText(label: string | undefined): string {
  if (label === undefined) return '';
  return ` "${oneLine(label).replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

function renamedNote(original: string | undefined): string {
  return original === undefined ? '' : `  // MEF name: ${oneLine(original)}`;
}

function oneLine(text: string): string {
  return text.replace(/[\s\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
}

/** `head + expression + tail`, broken after commas into lines of at most LINE_WIDTH where possible. */
function wrapExpression(head: string, expression: string, tail: string): string[] {
  if (head.length + expression.length + tail.length <= LINE_WIDTH) return [head + expression + tail];
  const pieces = expression.split(', ');
  const lines: string[] = [];
  let line = head;
  pieces.forEach((piece, i) => {
    const text = i < pieces.length - 1 ? `${piece},` : piece;
    const startsLine = line === head || line === CONTINUATION;
    if (!startsLine && line.length + 1 + text.length > LINE_WIDTH) {
      lines.push(line);
      line = CONTINUATION + text;
    } else {
      line += startsLine ? text : ` ${text}`;
    }
  });
  lines.push(line + tail);
  return lines;
}
