import type { Quantity } from './ast';
import { diagnostic, type Diagnostic, type DiagnosticCode, type RelatedInformation, type Severity } from './diagnostics';
import type { Reference } from './model';
import type { SymbolTable } from './names';
import type { Span } from './span';
import type { Result } from './units';

/** Collects diagnostics; every validation pass reports through one of these. */
export class Reporter {
  readonly diagnostics: Diagnostic[] = [];

  report(
    severity: Severity,
    code: DiagnosticCode,
    message: string,
    uri: string,
    at: Span,
    extra: { related?: readonly RelatedInformation[]; data?: Readonly<Record<string, string | number>> } = {},
  ): void {
    this.diagnostics.push(diagnostic(severity, code, message, uri, at, extra));
  }

  error(code: DiagnosticCode, message: string, uri: string, at: Span, extra?: Parameters<Reporter['report']>[5]): void {
    this.report('error', code, message, uri, at, extra);
  }

  warning(code: DiagnosticCode, message: string, uri: string, at: Span, extra?: Parameters<Reporter['report']>[5]): void {
    this.report('warning', code, message, uri, at, extra);
  }

  hint(code: DiagnosticCode, message: string, uri: string, at: Span, extra?: Parameters<Reporter['report']>[5]): void {
    this.report('hint', code, message, uri, at, extra);
  }

  /** The value of a checked quantity, or undefined after reporting why it is not one. */
  value<T>(result: Result<T>, uri: string): T | undefined {
    if (result.ok) return result.value;
    const { code, message, span, data } = result.error;
    this.error(code, message, uri, span, data ? { data } : {});
    return undefined;
  }
}

/** The name lookups a declaration's validation makes (the symbol table, or a view of it that notes them). */
export type NameLookup = Pick<SymbolTable, 'find' | 'explainMissing'>;

/** What every declaration's validation needs. */
export interface ValidationContext {
  readonly report: Reporter;
  readonly symbols: NameLookup;
  /** Every name occurrence, appended in source order by the passes that meet them. */
  readonly references: Reference[];
  /** The root system's `default mttr` in hours, known before components are validated. */
  readonly defaultMttr: number | undefined;
  /** Whether the root file has a system (messages about "the system" only make sense then). */
  readonly rootHasSystem: boolean;
}

/**
 * Checks "each item at most once per declaration": the first occurrence of a
 * key is accepted, later ones get `duplicate-item` with a pointer to the first.
 */
export class ItemTracker {
  /**
   * Each key seen so far followed by where it was first given. A declaration
   * has a handful of items, so one small array searched linearly beats a
   * `Map`, and allocates far less (this runs for every declaration of every
   * file). Created on the first item: many declarations have none.
   */
  private seen: (string | Span)[] | undefined;

  /** `owner` is named in messages as "<kind> '<name>'", e.g. "component 'app'". */
  constructor(
    private readonly report: Reporter,
    private readonly uri: string,
    private readonly ownerKind: string,
    private readonly ownerName: string,
  ) {}

  /** True if `key` is new here; otherwise reports the repeat and returns false. */
  once(key: string, label: string, at: Span): boolean {
    this.seen ??= [];
    const index = this.seen.indexOf(key); // spans are objects, so only a key can match
    if (index < 0) {
      this.seen.push(key, at);
      return true;
    }
    reportDuplicateItem(this.report, this.uri, `${this.ownerKind} '${this.ownerName}'`, label, at, this.seen[index + 1] as Span);
    return false;
  }
}

/** "'mttr' is given twice in component 'app'", at the repeat, pointing to the first. */
export function reportDuplicateItem(report: Reporter, uri: string, owner: string, label: string, at: Span, first: Span): void {
  report.error('duplicate-item', `'${label}' is given twice in ${owner}`, uri, at, {
    related: [{ uri, span: first, message: `first '${label}' here` }],
  });
}

/** A positive quantity: zero is reported (`mtbf 0` means nothing sensible). */
export function positive(
  report: Reporter,
  uri: string,
  quantity: Quantity,
  value: number | undefined,
  what: string,
): number | undefined {
  if (value === undefined) return undefined;
  if (value === 0) {
    report.error('zero-value', `${what} must be greater than 0`, uri, quantity.span);
    return undefined;
  }
  return value;
}
