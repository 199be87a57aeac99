import type { ComparisonOp, ComponentDecl, FileNode, GroupDecl, Metric, Name, SystemDecl } from './ast';
import type { Diagnostic } from './diagnostics';
import type { Span } from './span';

/**
 * The resolved model: the root file plus every file it `use`s, names bound,
 * quantities converted to canonical units, every static rule checked.
 *
 * Units: durations in hours, rates per hour, probabilities in [0, 1].
 * Only well-formed parts are present: an element whose declaration has errors
 * is still listed (so editor features work), but `hasErrors` is set and the
 * engine must not be run on a model with errors.
 */

/** One parsed file of the model. */
export interface SourceFile {
  /** Absolute path or URI, the identity used in diagnostics. */
  readonly uri: string;
  readonly text: string;
  readonly syntax: FileNode;
  /** Files this one `use`s, resolved (in order of the `use` lines). */
  readonly uses: readonly string[];
}

/** Where a declaration lives. */
export interface Origin {
  readonly uri: string;
  readonly name: Name;
}

/** A failure law in canonical units, after `recovery retry` has been applied. */
export type Law =
  /** Constant hazard rate λ' per hour (`mtbf`, `mttf`, `rate`, `fit`, `availability` with mttr). */
  | { readonly kind: 'exponential'; readonly rate: number }
  /** H(t) = (1 − retry)·(t/scale)^shape. `factor` is (1 − retry coverage), 1 without retry. */
  | { readonly kind: 'weibull'; readonly shape: number; readonly scale: number; readonly factor: number }
  /**
   * A fixed failure probability at every time (`probability p`, or `availability A`
   * without mttr). `q` is computed directly from the text (e.g. 99.99% → 1e-4),
   * never as 1 − A.
   */
  | {
      readonly kind: 'fixed';
      readonly q: number;
      /**
       * Optional: the working probability 1 − q, also computed directly from the
       * text (e.g. `availability 99.99%` → 0.9999) so that availability never
       * comes from a subtraction. When absent, consumers use 1 − q (exact enough
       * unless q is close to 1).
       */
      readonly p?: number;
    };

export interface Recovery {
  /** `recovery retry coverage P`: share of failures masked (already folded into the law). */
  readonly retryCoverage?: number;
  /** `recovery restart T coverage P`. */
  readonly restart?: { readonly time: number; readonly coverage: number };
}

/** A reference or combinator over element names (groups and components). */
export type ResolvedExpr =
  | { readonly kind: 'ref'; readonly name: string }
  | { readonly kind: 'series' | 'parallel'; readonly members: readonly ResolvedExpr[] }
  | { readonly kind: 'kofn'; readonly k: number; readonly members: readonly ResolvedExpr[] };

export type ResolvedNeed =
  | { readonly kind: 'expr'; readonly expr: ResolvedExpr }
  /** Replica i needs instance i of component `name` (same replica count, checked). */
  | { readonly kind: 'each'; readonly name: string };

export interface ComponentModel {
  readonly kind: 'component';
  readonly name: string;
  readonly label: string | undefined;
  readonly origin: Origin;
  readonly decl: ComponentDecl;
  /** Undefined: the component never fails and is no basic event. */
  readonly law: Law | undefined;
  /**
   * Effective MTTR' in hours (own `mttr`, else the model's `default mttr`,
   * then `recovery restart` applied: P·T + (1−P)·MTTR). Undefined when the
   * component is not repairable (no mttr anywhere) or has a fixed law.
   */
  readonly mttr: number | undefined;
  /** The MTTR before `recovery restart` (for hover and reports). */
  readonly baseMttr: number | undefined;
  readonly recovery: Recovery;
  readonly replicas: number;
  readonly quorum: number;
  readonly needs: readonly ResolvedNeed[];
  readonly ccfBeta: number | undefined;
  readonly acceptSpof: string | undefined;
}

export interface StandbyModel {
  /** Primary first, then spares in order; all are components with exponential laws. */
  readonly members: readonly string[];
  /** Mean switch-over time in hours (default 0). */
  readonly failover: number;
  /** Probability a switch-over succeeds (default 1). */
  readonly coverage: number;
  /** Idle spares fail at dormancy·λ (default 0). */
  readonly dormancy: number;
}

export interface GroupModel {
  readonly kind: 'group';
  readonly name: string;
  readonly label: string | undefined;
  readonly origin: Origin;
  readonly decl: GroupDecl;
  readonly body: { readonly kind: 'expr'; readonly expr: ResolvedExpr } | { readonly kind: 'standby'; readonly standby: StandbyModel };
  readonly needs: readonly ResolvedNeed[];
  readonly ccfBeta: number | undefined;
  readonly acceptSpof: string | undefined;
}

export type ElementModel = ComponentModel | GroupModel;

export interface Requirement {
  readonly metric: Metric;
  readonly op: ComparisonOp;
  /**
   * Target in the JSON units of the spec §5: probabilities in [0, 1]; `mttf` in
   * hours; `downtime` in hours per year; `outages` per year; `tolerance` a count.
   */
  readonly target: number;
  /** The requirement line, for diagnostics. */
  readonly uri: string;
  readonly span: Span;
  /** The source text of the target, e.g. `99.95%`, for messages. */
  readonly targetText: string;
}

export interface SystemModel {
  readonly name: string;
  readonly label: string | undefined;
  readonly origin: Origin;
  readonly decl: SystemDecl;
  readonly needs: readonly ResolvedExpr[];
  readonly requirements: readonly Requirement[];
}

export interface ResolvedModel {
  readonly rootUri: string;
  /** Every file of the model, root first, each once. */
  readonly files: ReadonlyMap<string, SourceFile>;
  /** The root file's system, if any (a root without one is a library). */
  readonly system: SystemModel | undefined;
  /** Components and groups by name (one namespace; the first declaration wins on duplicates). */
  readonly elements: ReadonlyMap<string, ElementModel>;
  /** Mission time in hours (the system's `mission`, else 8760). */
  readonly mission: number;
  readonly defaultMttr: number | undefined;
  /** Every diagnostic of every file (parse, names, validation, hints). */
  readonly diagnostics: readonly Diagnostic[];
  readonly hasErrors: boolean;
  /**
   * Every name occurrence of the model (declarations and references, in file
   * order), bound to what it denotes. `loadModel` always fills it; optional only
   * so hand-built models stay valid. See `names.ts` for lookups on it.
   */
  readonly references?: readonly Reference[];
}

/** One occurrence of a name: the LSP's go-to-definition, find references and rename stand on these. */
export interface Reference {
  /** The document the occurrence is in. */
  readonly uri: string;
  readonly name: Name;
  /** The declaration it denotes (itself for a declaration); undefined when the name is unknown. */
  readonly target: Origin | undefined;
  /** True for the name in `component X`, `group X`, `system X`. */
  readonly isDeclaration: boolean;
  /** What the target is. */
  readonly targetKind: 'component' | 'group' | 'system' | undefined;
}

/** How the model loader reads files: the CLI uses the disk, the language server its open documents first. */
export interface FileHost {
  /** Text of the file, or undefined if it cannot be read. */
  readFile(uri: string): string | undefined;
  /** Resolve `use "path"` written in `fromUri` to an absolute identity (real path or URI). */
  resolve(fromUri: string, path: string): string;
}
