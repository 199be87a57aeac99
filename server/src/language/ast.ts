import type { Span } from './span';

/**
 * The syntax tree of one `.ft` file, as written (nothing resolved).
 *
 * Every node has a `span`; every name (declaration or reference) is a `Name`
 * with its own span, so hover, go-to-definition and rename can be exact.
 * The parser recovers from errors, so a tree may be partial: optional fields
 * are `undefined` where the source is missing or broken, and later stages must
 * treat that as "already reported by the parser", not as a new error.
 */

export interface Name {
  readonly text: string;
  readonly span: Span;
}

/** A string literal; `value` has escapes resolved, `span` covers the quotes. */
export interface StringLiteral {
  readonly value: string;
  readonly span: Span;
}

/**
 * A quantity exactly as lexed: one token `NUM SUFFIX?`, e.g. `30s`, `99.9%`,
 * `2e-6/h`, `-3`, `5sec`. Its meaning (count, probability, duration, rate) is
 * decided after parsing by `units.ts`, against the keyword it follows.
 */
export interface Quantity {
  /** The whole token text. */
  readonly text: string;
  /** The numeric part as parsed (may be negative, or not finite as in `1e400`). */
  readonly number: number;
  /** The text of the numeric part, e.g. `2e-6`. */
  readonly numberText: string;
  /** What follows the number, glued: none, `%`, a unit word, or `/` + unit word. */
  readonly suffix: QuantitySuffix;
  readonly span: Span;
}

export type QuantitySuffix =
  | { readonly kind: 'none' }
  | { readonly kind: 'percent' }
  /** A unit word as written, possibly unknown (`sec`); checked later. */
  | { readonly kind: 'unit'; readonly unit: string }
  /** `/UNIT`, a rate such as `2e-6/h` or `4/y`. */
  | { readonly kind: 'per'; readonly unit: string }
  /** `UNIT/UNIT`, a duration per period such as `22min/mo` (downtime requirements). */
  | { readonly kind: 'unit-per'; readonly unit: string; readonly per: string };

// ---------------------------------------------------------------- expressions

export type Expr = RefExpr | CombinatorExpr | KofNExpr;

export interface RefExpr {
  readonly kind: 'ref';
  readonly name: Name;
  readonly span: Span;
}

export interface CombinatorExpr {
  readonly kind: 'series' | 'parallel';
  /** The `series`/`parallel` keyword. */
  readonly keyword: Span;
  readonly members: readonly Expr[];
  readonly span: Span;
}

export interface KofNExpr {
  readonly kind: 'kofn';
  readonly k: Quantity;
  /** The `of` keyword. */
  readonly keyword: Span;
  readonly members: readonly Expr[];
  readonly span: Span;
}

/** `standby(p, s1, …)`: only ever the whole right-hand side of a group. */
export interface StandbyExpr {
  readonly kind: 'standby';
  readonly keyword: Span;
  readonly members: readonly Name[];
  readonly span: Span;
}

/** `needs X` is an expression; `needs each Z` pairs replica i with Z[i]. */
export type Need = { readonly kind: 'expr'; readonly expr: Expr; readonly span: Span } | NeedEach;

export interface NeedEach {
  readonly kind: 'each';
  readonly keyword: Span;
  readonly name: Name;
  readonly span: Span;
}

// ---------------------------------------------------------------- items

/** Common shape: every item knows its leading keyword's span and its own span. */
interface ItemBase {
  readonly keyword: Span;
  readonly span: Span;
}

export type LawKind = 'mtbf' | 'mttf' | 'rate' | 'fit' | 'probability' | 'availability';

export interface LawItem extends ItemBase {
  readonly kind: 'law';
  readonly law: LawKind;
  readonly value: Quantity | undefined;
}

export interface WeibullItem extends ItemBase {
  readonly kind: 'weibull';
  readonly shape: Quantity | undefined;
  readonly scale: Quantity | undefined;
  /** Set when `shape` or `scale` is given twice; the span of the repeat. */
  readonly repeated?: Span;
}

export interface MttrItem extends ItemBase {
  readonly kind: 'mttr';
  readonly value: Quantity | undefined;
}

export interface ReplicasItem extends ItemBase {
  readonly kind: 'replicas';
  readonly value: Quantity | undefined;
}

export interface QuorumItem extends ItemBase {
  readonly kind: 'quorum';
  readonly value: Quantity | undefined;
}

export interface NeedsItem extends ItemBase {
  readonly kind: 'needs';
  readonly needs: readonly Need[];
}

export interface RecoveryItem extends ItemBase {
  readonly kind: 'recovery';
  /** `retry` or `restart`; undefined when the source is broken there. */
  readonly mode: 'retry' | 'restart' | undefined;
  readonly modeSpan: Span | undefined;
  /** Restart time (only for `restart`). */
  readonly duration: Quantity | undefined;
  readonly coverage: Quantity | undefined;
}

export interface CcfItem extends ItemBase {
  readonly kind: 'ccf';
  readonly beta: Quantity | undefined;
}

export interface AcceptSpofItem extends ItemBase {
  readonly kind: 'accept';
  readonly reason: StringLiteral | undefined;
}

/** Standby-group options: `failover DURATION`, `coverage PROB`, `dormancy PROB`. */
export interface StandbyOptionItem extends ItemBase {
  readonly kind: 'failover' | 'coverage' | 'dormancy';
  readonly value: Quantity | undefined;
}

export interface MissionItem extends ItemBase {
  readonly kind: 'mission';
  readonly value: Quantity | undefined;
}

export interface DefaultMttrItem extends ItemBase {
  readonly kind: 'default-mttr';
  readonly value: Quantity | undefined;
}

export type Metric =
  | 'availability'
  | 'unavailability'
  | 'reliability'
  | 'unreliability'
  | 'mttf'
  | 'downtime'
  | 'outages'
  | 'tolerance';

export type ComparisonOp = '>=' | '>' | '<=' | '<';

export interface RequireItem extends ItemBase {
  readonly kind: 'require';
  readonly metric: Metric | undefined;
  readonly metricSpan: Span | undefined;
  readonly op: ComparisonOp | undefined;
  readonly opSpan: Span | undefined;
  readonly value: Quantity | undefined;
}

export type ComponentItem =
  | LawItem
  | WeibullItem
  | MttrItem
  | ReplicasItem
  | QuorumItem
  | NeedsItem
  | RecoveryItem
  | CcfItem
  | AcceptSpofItem;

export type GroupItem = NeedsItem | CcfItem | StandbyOptionItem | AcceptSpofItem;

export type SystemItem = NeedsItem | MissionItem | DefaultMttrItem | RequireItem;

// ---------------------------------------------------------------- declarations

export interface UseDecl {
  readonly kind: 'use';
  readonly keyword: Span;
  readonly path: StringLiteral | undefined;
  readonly span: Span;
}

export interface SystemDecl {
  readonly kind: 'system';
  readonly keyword: Span;
  readonly name: Name | undefined;
  readonly label: StringLiteral | undefined;
  readonly items: readonly SystemItem[];
  /** From `{` to `}` (or to where the parser gave up). */
  readonly body: Span | undefined;
  readonly span: Span;
}

export interface ComponentDecl {
  readonly kind: 'component';
  readonly keyword: Span;
  readonly name: Name | undefined;
  readonly label: StringLiteral | undefined;
  readonly items: readonly ComponentItem[];
  readonly body: Span | undefined;
  readonly span: Span;
}

export interface GroupDecl {
  readonly kind: 'group';
  readonly keyword: Span;
  readonly name: Name | undefined;
  readonly label: StringLiteral | undefined;
  /** The right-hand side of `=`. */
  readonly expr: Expr | StandbyExpr | undefined;
  readonly items: readonly GroupItem[];
  /** The optional `{ … }` block. */
  readonly body: Span | undefined;
  readonly span: Span;
}

export type Declaration = UseDecl | SystemDecl | ComponentDecl | GroupDecl;

/** A named declaration: the things `needs` and expressions may refer to (and systems). */
export type NamedDecl = SystemDecl | ComponentDecl | GroupDecl;

/** A comment, kept so the formatter can preserve it. */
export interface Comment {
  readonly kind: 'line' | 'block';
  readonly text: string;
  readonly span: Span;
}

export interface FileNode {
  readonly declarations: readonly Declaration[];
  readonly comments: readonly Comment[];
  readonly span: Span;
}
