import type { Span } from './span';

/**
 * A diagnostic as produced by the language stages: located by span inside one
 * document (identified by its URI or path), with a stable `code` that quick
 * fixes and tests key on. Codes are listed in `DiagnosticCode` so a typo in a
 * code is a type error.
 */
export type Severity = 'error' | 'warning' | 'info' | 'hint';

export const DIAGNOSTIC_CODES = [
  // lexical and syntax (parser)
  'syntax-error',
  'unterminated-string',
  'unterminated-comment',
  'invalid-character',
  'invalid-escape',
  'invalid-name',
  'nesting-too-deep',
  'too-many-errors',
  // quantities
  'missing-unit',
  'unknown-unit',
  'unit-minutes',
  'negative-value',
  'not-finite',
  'wrong-quantity',
  'probability-range',
  'not-an-integer',
  'zero-value',
  // declarations
  'duplicate-item',
  'duplicate-name',
  'unknown-name',
  'multiple-laws',
  'weibull-incomplete',
  'probability-with-repair',
  'recovery-without-repair',
  'retry-on-fixed-law',
  'quorum-without-replicas',
  'quorum-range',
  'replicas-range',
  'ccf-without-replicas',
  'ccf-on-standby',
  'ccf-mismatch',
  'ccf-overlap',
  'ccf-too-few',
  'kofn-range',
  'duplicate-member',
  'needs-each-not-component',
  'needs-each-replicas',
  'standby-position',
  'standby-member-kind',
  'standby-member-law',
  'standby-member-needs',
  'standby-member-replicas',
  'standby-member-shared',
  'standby-too-many',
  'standby-option',
  'dependency-cycle',
  'requirement-quantity',
  'too-many-events',
  'not-a-system',
  // files
  'file-not-found',
  'use-not-found',
  'use-cycle',
  'use-system-ignored',
  'multiple-systems',
  // hints
  'probability-looks-like-availability',
  'unused-component',
  'no-availability',
  // analysis results (engine / language server)
  'spof',
  'requirement-failed',
  'analysis-limit',
  /** An element's figures were not computed: its diagram went over the node limit per element. */
  'element-limit',
  /** The language server's analysis worker failed unexpectedly (never for a valid model: a bug to report). */
  'analysis-failed',
] as const;

export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

export interface RelatedInformation {
  readonly uri: string;
  readonly span: Span;
  readonly message: string;
}

export interface Diagnostic {
  readonly severity: Severity;
  readonly code: DiagnosticCode;
  readonly message: string;
  /** The document the span refers to (absolute path or URI, as given to the parser). */
  readonly uri: string;
  readonly span: Span;
  readonly related?: readonly RelatedInformation[];
  /** Machine-readable payload for quick fixes, e.g. `{ suggestion: 'min' }`. */
  readonly data?: Readonly<Record<string, string | number>>;
}

export function diagnostic(
  severity: Severity,
  code: DiagnosticCode,
  message: string,
  uri: string,
  at: Span,
  extra: Pick<Diagnostic, 'related' | 'data'> = {},
): Diagnostic {
  return { severity, code, message, uri, span: at, ...extra };
}
