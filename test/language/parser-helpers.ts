import type { Declaration, Expr, FileNode, Need, Quantity, StandbyExpr } from '../../server/src/language/ast';
import type { Diagnostic } from '../../server/src/language/diagnostics';
import { LineIndex } from '../../server/src/language/span';

/** The tree without positions: what "the same meaning" compares. */
export function normalForm(file: FileNode): unknown {
  return JSON.parse(
    JSON.stringify(file.declarations, (key, value: unknown) => {
      const isSpan =
        typeof value === 'object' && value !== null && Object.keys(value).sort().join() === 'end,start';
      return isSpan || key === 'span' ? undefined : value;
    }),
  );
}

/** Diagnostics as code, 0-based line/character and the text they cover. */
export function locate(
  text: string,
  diagnostics: readonly Diagnostic[],
): { code: string; line: number; character: number; covers: string; message: string }[] {
  const index = new LineIndex(text);
  return diagnostics.map((d) => ({
    code: d.code,
    ...index.positionAt(d.span.start),
    covers: text.slice(d.span.start, d.span.end),
    message: d.message,
  }));
}

const q = (value: Quantity | undefined): string => value?.text ?? '?';

export function exprOutline(expr: Expr | StandbyExpr | undefined): string {
  if (!expr) return '?';
  switch (expr.kind) {
    case 'ref':
      return expr.name.text;
    case 'kofn':
      return `${expr.k.text} of (${expr.members.map(exprOutline).join(', ')})`;
    case 'standby':
      return `standby(${expr.members.map((m) => m.text).join(', ')})`;
    default:
      return `${expr.kind}(${expr.members.map(exprOutline).join(', ')})`;
  }
}

function needOutline(need: Need): string {
  return need.kind === 'each' ? `each ${need.name.text}` : exprOutline(need.expr);
}

/** One line per declaration, every field spelled out (`?` where undefined). */
export function outline(decl: Declaration): string {
  if (decl.kind === 'use') return `use ${JSON.stringify(decl.path?.value)}`;
  const label = decl.label ? ` ${JSON.stringify(decl.label.value)}` : '';
  const head = `${decl.kind} ${decl.name?.text ?? '?'}${label}`;
  const rhs = decl.kind === 'group' ? ` = ${exprOutline(decl.expr)}` : '';
  const items = decl.items.map((item) => {
    switch (item.kind) {
      case 'law':
        return `${item.law} ${q(item.value)}`;
      case 'weibull':
        return `weibull shape ${q(item.shape)} scale ${q(item.scale)}${item.repeated ? ' (repeated)' : ''}`;
      case 'needs':
        return `needs ${item.needs.map(needOutline).join(', ')}`;
      case 'recovery':
        return `recovery ${item.mode ?? '?'}${item.mode === 'restart' ? ` ${q(item.duration)}` : ''} coverage ${q(item.coverage)}`;
      case 'ccf':
        return `ccf beta ${q(item.beta)}`;
      case 'accept':
        return `accept spof ${JSON.stringify(item.reason?.value)}`;
      case 'default-mttr':
        return `default mttr ${q(item.value)}`;
      case 'require':
        return `require ${item.metric ?? '?'} ${item.op ?? '?'} ${q(item.value)}`;
      default:
        return `${item.kind} ${q(item.value)}`;
    }
  });
  const body = decl.body ? ` { ${items.join('; ')} }` : '';
  return head + rhs + body;
}
