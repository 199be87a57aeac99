import type { Expr, Name, Need } from './ast';
import type { ResolvedExpr, ResolvedNeed } from './model';
import type { Declared } from './names';
import type { Span } from './span';
import { asCount } from './units';
import type { ValidationContext } from './validate-context';

/**
 * Name binding inside expressions and `needs`, with the checks that belong to
 * one expression: unknown names, names of systems, `k of` bounds, members
 * listed twice.
 */

/**
 * A dependency edge met while resolving: the owner needs (by `needs` or as a
 * member) the element this name occurrence denotes, whose name is its text.
 * The occurrence itself, so recording an edge allocates nothing; it stands in
 * the owner's file.
 */
export type Edge = Name;

/** Where resolution reports edges; one per element being validated. */
export interface ResolveSink {
  readonly edges: Edge[];
}

/** Last path segment, for messages: `/a/b/lib.ft` → `lib.ft`. */
export function displayName(uri: string): string {
  const cut = Math.max(uri.lastIndexOf('/'), uri.lastIndexOf('\\'));
  return cut >= 0 ? uri.slice(cut + 1) : uri;
}

/**
 * Binds a referenced name, records the occurrence, and reports why it cannot
 * be used. Returns the element (component or group) it denotes, if any.
 */
export function resolveElementName(name: Name, uri: string, ctx: ValidationContext): Declared | undefined {
  const symbol = ctx.symbols.find(name.text, uri);
  if (symbol) {
    ctx.references.push({ uri, name, target: symbol.origin, isDeclaration: false, targetKind: symbol.kind });
    if (symbol.kind === 'system') {
      ctx.report.error(
        'not-a-system',
        `'${name.text}' is a system; only components and groups can be used here`,
        uri,
        name.span,
        { related: [{ uri: symbol.uri, span: symbol.nameNode.span, message: `system '${name.text}' is declared here` }] },
      );
      return undefined;
    }
    return symbol;
  }
  const found = ctx.symbols.explainMissing(name.text, uri);
  ctx.references.push({ uri, name, target: undefined, isDeclaration: false, targetKind: undefined });
  if (found.kind === 'not-visible') {
    const file = displayName(found.symbol.uri);
    ctx.report.error(
      'unknown-name',
      `unknown name '${name.text}' ('${name.text}' is declared in '${file}', which this file does not use)`,
      uri,
      name.span,
      {
        data: { declaredIn: found.symbol.uri },
        related: [{ uri: found.symbol.uri, span: found.symbol.nameNode.span, message: `'${name.text}' is declared here` }],
      },
    );
    return undefined;
  }
  if (found.suggestion !== undefined) {
    ctx.report.error('unknown-name', `unknown name '${name.text}' (did you mean '${found.suggestion}'?)`, uri, name.span, {
      data: { suggestion: found.suggestion },
    });
  } else {
    ctx.report.error('unknown-name', `unknown name '${name.text}'`, uri, name.span);
  }
  return undefined;
}

type Combinator = Exclude<Expr['kind'], 'ref'>;

/** The parser caps nesting at 256; this guard only keeps a broken tree from recursing without end. */
const MAX_DEPTH = 1024;

/**
 * Resolves an expression. Unknown names and names of systems are reported and
 * left out of the result, so a consumer never meets a name that denotes nothing.
 */
export function resolveExpr(expr: Expr, uri: string, ctx: ValidationContext, sink: ResolveSink, depth = 0): ResolvedExpr | undefined {
  if (expr.kind === 'ref') {
    const symbol = resolveElementName(expr.name, uri, ctx);
    if (!symbol) return undefined;
    sink.edges.push(expr.name);
    return { kind: 'ref', name: symbol.name };
  }
  if (depth > MAX_DEPTH) return undefined;
  reportRepeatedMembers(expr.members, uri, ctx, expr.kind);
  const members: ResolvedExpr[] = [];
  for (let i = 0; i < expr.members.length; i++) {
    const resolved = resolveExpr(expr.members[i]!, uri, ctx, sink, depth + 1);
    if (resolved) members.push(resolved);
  }
  if (expr.kind !== 'kofn') return { kind: expr.kind, members };
  const k = ctx.report.value(asCount(expr.k), uri);
  const n = expr.members.length;
  if (k !== undefined && (k < 1 || k > n)) {
    ctx.report.error('kofn-range', `in 'k of (…)' k must be between 1 and ${n}, the number of members (got ${k})`, uri, expr.k.span, {
      data: { k, n },
    });
  }
  return { kind: 'kofn', k: Math.min(Math.max(k ?? 1, 1), Math.max(n, 1)), members };
}

/** A member named twice in one combinator is almost always a slip (it does not add redundancy). */
function reportRepeatedMembers(members: readonly Expr[], uri: string, ctx: ValidationContext, combinator: Combinator): void {
  if (members.length <= SHORT_LIST) {
    reportRepeatedShort(members, uri, ctx, combinator);
    return;
  }
  const first = new Map<string, Span>();
  for (const member of members) {
    if (member.kind !== 'ref') continue;
    const earlier = first.get(member.name.text);
    if (earlier === undefined) {
      first.set(member.name.text, member.name.span);
      continue;
    }
    reportRepeated(member.name, earlier, uri, ctx, combinator);
  }
}

/** Up to this many members, comparing each with the earlier ones beats building a map. */
const SHORT_LIST = 16;

/** `reportRepeatedMembers` for a short list: the same reports, in the same order, without a map. */
function reportRepeatedShort(members: readonly Expr[], uri: string, ctx: ValidationContext, combinator: Combinator): void {
  for (let i = 1; i < members.length; i++) {
    const member = members[i]!;
    if (member.kind !== 'ref') continue;
    for (let j = 0; j < i; j++) {
      const other = members[j]!;
      if (other.kind === 'ref' && other.name.text === member.name.text) {
        reportRepeated(member.name, other.name.span, uri, ctx, combinator);
        break;
      }
    }
  }
}

function reportRepeated(name: Name, earlier: Span, uri: string, ctx: ValidationContext, combinator: Combinator): void {
  const what = combinator === 'kofn' ? 'k of (…)' : `${combinator}(…)`;
  ctx.report.warning('duplicate-member', `'${name.text}' is listed twice in ${what}`, uri, name.span, {
    data: { name: name.text },
    related: [{ uri, span: earlier, message: `first listed here` }],
  });
}

/** Resolves one `needs` entry; `needs each` is checked against replicas later, when all components are known. */
export function resolveNeed(need: Need, uri: string, ctx: ValidationContext, sink: ResolveSink): ResolvedNeed | undefined {
  if (need.kind === 'expr') {
    const expr = resolveExpr(need.expr, uri, ctx, sink);
    return expr ? { kind: 'expr', expr } : undefined;
  }
  const symbol = resolveElementName(need.name, uri, ctx);
  if (!symbol) return undefined;
  sink.edges.push(need.name);
  return { kind: 'each', name: symbol.name };
}
