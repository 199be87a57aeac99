import {
  EmbeddedActionsParser,
  EOF,
  getLookaheadPaths,
  NonTerminal,
  Option,
  Terminal,
  tokenMatcher,
  type IOrAlt,
  type IProduction,
  type IToken,
  type Rule,
  type TokenType,
} from 'chevrotain';
import type {
  AcceptSpofItem,
  CcfItem,
  ComparisonOp,
  ComponentDecl,
  ComponentItem,
  DefaultMttrItem,
  Expr,
  GroupDecl,
  GroupItem,
  Metric,
  Name,
  Need,
  NeedsItem,
  Quantity as QuantityNode,
  RecoveryItem,
  RequireItem,
  StandbyExpr,
  StringLiteral,
  SystemDecl,
  SystemItem,
  UseDecl,
  WeibullItem,
} from './ast';
import type { DiagnosticCode } from './diagnostics';
import { quantityFromToken } from './lex-quantity';
import * as T from './lexer-tokens';
import {
  ITEM_PLACES,
  METRIC_LIST,
  METRICS,
  placesText,
  STANDBY_OPTIONS,
  VALUE_NOUNS,
  type DeclKind,
} from './parser-items';
import { didYouMean } from './parser-suggest';
import { span, type Span } from './span';

/**
 * The `.ft` grammar (spec §3) as a chevrotain embedded-actions parser that
 * never throws on bad input. Every required token is taken with `OPTION`; when
 * it is missing the rule calls `fail`, which records one human message and
 * skips to a synchronisation point (panic-mode recovery):
 * - in a body: the next item keyword, `}` or declaration;
 * - in a header or a group's right-hand side: the next `{` or declaration;
 * - at top level: the next declaration.
 * After a failure the rest of the item is parsed quietly (`recovering`), so one
 * typo gives one message. Partial items stay in the tree with `undefined`
 * fields; an expression that failed anywhere inside is dropped as a whole.
 *
 * Speed (every rule runs thousands of times per file): semantic code runs
 * under `if (!this.RECORDING_PHASE)` rather than in `ACTION(() => …)` closures (the same
 * thing: skipped while chevrotain records the grammar, see `RECORDING_PHASE`),
 * and the arguments of hot `OR`/`OPTION`/`MANY` calls are built once per
 * parser, as chevrotain's performance guide recommends; their state lives in
 * fields, since a cached function cannot capture a rule's locals. The most
 * frequent optional tokens go through `optionalToken`.
 */

export interface ParseIssue {
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly span: Span;
}

/** Counts recognition errors that escaped the grammar (a bug if ever non-zero; tests check it). */
export const grammarStats = { escapedErrors: 0 };

type Declaration = UseDecl | SystemDecl | ComponentDecl | GroupDecl;
type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type AnyItem = ComponentItem | GroupItem | SystemItem;
type Combinator = Expr | StandbyExpr;
type SyncContext = 'top' | 'header' | 'body';

const ITEM_KEYWORD_TYPES: ReadonlySet<TokenType> = new Set(
  [...ITEM_PLACES.keys()].map((image) => T.KEYWORD_TOKENS.get(image)!),
);
const RESERVED_TYPES: ReadonlySet<TokenType> = new Set(T.RESERVED_TOKENS.values());
const METRIC_SET: ReadonlySet<string> = new Set(METRICS);
const COMBINATORS = ['series', 'parallel', 'standby'];

function tokenSpan(t: IToken): Span {
  return span(t.startOffset, t.startOffset + t.image.length);
}

function isEof(t: IToken): boolean {
  return t.tokenType === EOF;
}

const KEYWORD_TYPES: ReadonlySet<TokenType> = new Set(T.KEYWORD_TOKENS.values());

function isNameToken(t: IToken): boolean {
  return t.tokenType === T.Identifier || KEYWORD_TYPES.has(t.tokenType);
}

function nameOf(t: IToken): Name {
  return { text: t.image, span: tokenSpan(t) };
}

function stringOf(t: IToken): StringLiteral {
  return { value: t.payload as string, span: tokenSpan(t) };
}

function quantityOf(t: IToken): QuantityNode {
  return quantityFromToken(t.image, t.startOffset);
}

function describe(t: IToken): string {
  return isEof(t) ? 'the end of the file' : `'${t.image}'`;
}

/** What a rule returns while chevrotain records the grammar (never looked at). */
const RECORDED = undefined as never;

export class FtGrammar extends EmbeddedActionsParser {
  private text = '';
  /** Where the file rule puts declarations, so they survive an escaped error. */
  private declarations: Declaration[] = [];
  // Alternatives of the hottest OR's, built once (chevrotain's advice for speed).
  private declarationAlternatives: IOrAlt<Declaration | undefined>[] | undefined;
  private itemAlternatives: IOrAlt<AnyItem | undefined>[] | undefined;
  /** For the two most frequent choices, the alternative each next token selects (see `orByToken`). */
  private declarationChoices: readonly (number | undefined)[] = [];
  private itemChoices: readonly (number | undefined)[] = [];
  private exprAlternatives: IOrAlt<Combinator | undefined>[] | undefined;
  private needAlternatives: IOrAlt<Need | undefined>[] | undefined;
  private combinatorAlternatives: IOrAlt<IToken>[] | undefined;
  private weibullPartAlternatives: IOrAlt<IToken>[] | undefined;
  private issues: ParseIssue[] = [];
  /** Start offset of the token the last issue was about: one issue per token. */
  private lastIssueToken = -1;
  /** Set by `fail` and misplaced items: the rest of the current item reports nothing. */
  private recovering = false;
  private context: SyncContext = 'top';
  private declKind: DeclKind = 'component';
  /** How messages name the current declaration, e.g. "component 'app'". */
  private declTitle = '';
  /** The last token skipped by a resync, and the end of what was parsed before it. */
  private lastSkipped: IToken | undefined;
  private endBeforeSkip = 0;
  /** The items of the body being parsed (bodies do not nest). */
  private bodyItems: AnyItem[] = [];
  /** The entries of the `needs` item being parsed (`needs` items do not nest). */
  private needsList: Need[] = [];

  // Arguments of hot DSL calls, built once (each is used at most once per rule, as chevrotain requires).
  private readonly consumeName = (): IToken => this.CONSUME(T.Name);
  private readonly consumeString = (): IToken => this.CONSUME(T.StringLit);
  private readonly consumeQuantity = (): IToken => this.CONSUME(T.Quantity);
  private readonly subruleBody = (): { items: AnyItem[]; span: Span } => this.SUBRULE(this.body);
  /** One item of a body (inlined here rather than a rule of its own: rule calls are the parser's main cost). */
  private readonly bodyIteration = (): void => {
    if (!this.RECORDING_PHASE) {
      this.recovering = false;
      this.checkPlacement(this.LA(1));
    }
    const item = this.orByToken(
      0,
      this.itemChoices,
      (this.itemAlternatives ??= [
        { ALT: () => this.valueItem(this.CONSUME(T.ValueKeyword)) },
        { ALT: () => this.SUBRULE(this.weibullItem) },
        { ALT: () => this.SUBRULE(this.needsItem) },
        { ALT: () => this.SUBRULE(this.recoveryItem) },
        { ALT: () => this.SUBRULE(this.ccfItem) },
        { ALT: () => this.SUBRULE(this.acceptItem) },
        { ALT: () => this.SUBRULE(this.defaultItem) },
        { ALT: () => this.SUBRULE(this.requireItem) },
        { ALT: () => this.SUBRULE(this.strayItem) },
      ]),
    );
    if (!this.RECORDING_PHASE && item && this.allowed(item)) this.bodyItems.push(this.withoutMisplacedNeeds(item));
  };
  private readonly moreNeeds = {
    GATE: (): boolean => !this.recovering,
    DEF: (): void => {
      this.CONSUME(T.Comma);
      const next = this.SUBRULE2(this.need);
      if (!this.RECORDING_PHASE && next) this.needsList.push(next);
    },
  };
  private readonly closeParenUnlessRecovering = {
    GATE: (): boolean => !this.recovering,
    DEF: (): IToken => this.CONSUME(T.RParen),
  };
  private readonly secondWeibullPart = {
    GATE: (): boolean => !this.recovering,
    DEF: (): { which: IToken; value: IToken | undefined } => this.SUBRULE2(this.weibullPart),
  };

  constructor() {
    super([...T.ALL_TOKEN_TYPES], { maxLookahead: 2, recoveryEnabled: false });
    this.performSelfAnalysis();
    const rules = this.getGAstProductions();
    assertSingleTokenOptions(rules);
    this.declarationChoices = choicesByToken(rules['file']!, 0);
    this.itemChoices = choicesByToken(rules['body']!, 0);
  }

  /**
   * `OR<idx>(alternatives)` for a choice chevrotain makes on the next token
   * alone: `choices` is chevrotain's own decision table for it (built by
   * `choicesByToken` from the grammar it analysed), read here directly instead
   * of through its per-call lookahead machinery. A token no alternative starts
   * with goes to chevrotain, which reports it as it always does.
   */
  private orByToken<R>(idx: number, choices: readonly (number | undefined)[], alternatives: IOrAlt<R>[]): R {
    if (this.RECORDING_PHASE) return this.or(idx, alternatives);
    const chosen = choices[this.LA(1).tokenTypeIdx];
    return chosen === undefined ? this.or(idx, alternatives) : alternatives[chosen]!.ALT.call(this);
  }

  /**
   * `OPTION<idx>(() => CONSUME<idx>(type))`. Chevrotain decides an option on
   * the lookahead paths inside it, so an option holding one token is taken
   * exactly when the next token matches it (`assertSingleTokenOptions` checks
   * this at construction). The same test is made here directly, without
   * chevrotain's per-call lookahead machinery (a cache lookup, a closure and
   * several calls, for what was the most frequent DSL call of the grammar).
   * While chevrotain records the grammar it is a real OPTION, so the grammar
   * it analyses is unchanged.
   */
  private optionalToken(idx: number, type: TokenType): IToken | undefined {
    if (this.RECORDING_PHASE) return this.option(idx, () => this.consume(idx, type));
    return tokenMatcher(this.LA(1), type) ? this.consume(idx, type) : undefined;
  }

  /** Parses a token list (comments and junk already removed) into declarations and issues. */
  parseTokens(tokens: IToken[], text: string): { declarations: Declaration[]; issues: ParseIssue[] } {
    this.text = text;
    this.issues = [];
    this.lastIssueToken = -1;
    this.lastSkipped = undefined;
    const declarations: Declaration[] = [];
    this.declarations = declarations;
    let rest = tokens;
    while (rest.length > 0) {
      this.input = rest;
      this.recovering = false;
      this.context = 'top';
      this.file();
      const escaped = this.errors[0];
      if (!escaped) break;
      rest = this.afterEscapedError(rest, escaped.token);
    }
    const issues = this.issues;
    this.input = [];
    this.issues = [];
    this.declarations = [];
    return { declarations, issues };
  }

  /**
   * Safety net: the grammar is written never to throw, but should a
   * recognition error escape anyway, it is reported and parsing resumes at
   * the next declaration instead of losing the rest of the file.
   */
  private afterEscapedError(rest: IToken[], token: IToken): IToken[] {
    grammarStats.escapedErrors++;
    this.recovering = false;
    const at = rest.indexOf(token);
    this.report(`unexpected ${describe(token)}`, at < 0 ? span(this.text.length, this.text.length) : tokenSpan(token), token);
    if (at < 0) return [];
    let next = at + 1;
    while (next < rest.length && !RESERVED_TYPES.has(rest[next]!.tokenType)) next++;
    return rest.slice(next);
  }

  // ------------------------------------------------------------ error handling

  /** Records an issue unless recovering; `offending` is the token (or offset) it is about. */
  private report(
    message: string,
    at: Span,
    offending: IToken | number,
    code: DiagnosticCode = 'syntax-error',
  ): void {
    if (this.recovering) return;
    const key = typeof offending === 'number' ? offending : isEof(offending) ? this.text.length : offending.startOffset;
    if (key === this.lastIssueToken) return;
    this.lastIssueToken = key;
    this.issues.push({ code, message, span: at });
  }

  /**
   * Where to show "expected X": on the token found instead, when it stands on
   * the same line; otherwise (end of line, end of file) on the last token read.
   */
  private missingSpan(): Span {
    const found = this.LA(1);
    const previous = this.LA(0);
    if (isEof(previous)) return isEof(found) ? span(this.text.length, this.text.length) : tokenSpan(found);
    if (isEof(found)) return tokenSpan(previous);
    const gap = this.text.slice(previous.startOffset + previous.image.length, found.startOffset);
    return /[\r\n]/.test(gap) ? tokenSpan(previous) : tokenSpan(found);
  }

  /** Reports "expected …" at the current token and skips to a synchronisation point. */
  private fail(message: string): void {
    this.report(message, this.missingSpan(), this.LA(1));
    this.recovering = true;
    this.resync();
  }

  private isSyncToken(t: IToken): boolean {
    if (isEof(t) || RESERVED_TYPES.has(t.tokenType)) return true;
    if (this.context === 'body') return t.tokenType === T.RCurly || ITEM_KEYWORD_TYPES.has(t.tokenType);
    if (this.context === 'header') return t.tokenType === T.LCurly;
    return false;
  }

  private resync(): void {
    while (!this.isSyncToken(this.LA(1))) {
      if (this.LA(0) !== this.lastSkipped) this.endBeforeSkip = this.lastEnd();
      this.SKIP_TOKEN();
      this.lastSkipped = this.LA(0);
    }
  }

  /** End offset of the last token parsed (not skipped). */
  private lastEnd(): number {
    const last = this.LA(0);
    if (last === this.lastSkipped) return this.endBeforeSkip;
    return isEof(last) ? 0 : last.startOffset + last.image.length;
  }

  private spanFrom(start: IToken): Span {
    return span(start.startOffset, Math.max(start.startOffset + start.image.length, this.lastEnd()));
  }

  private beginDeclaration(kind: DeclKind | 'use', name?: IToken): void {
    this.recovering = false;
    this.context = 'header';
    if (kind !== 'use') this.declKind = kind;
    this.declTitle = name ? `${kind} '${name.image}'` : kind;
  }

  /** "expected a name after 'component'", noting reserved words. */
  private reportMissingName(after: IToken): void {
    const found = this.LA(1);
    const note = RESERVED_TYPES.has(found.tokenType) ? ` ('${found.image}' is a reserved word)` : '';
    this.report(`expected a name after '${after.image}'${note}`, this.missingSpan(), found);
  }

  /**
   * Before a body: anything but `{` is reported once and skipped up to the `{`
   * or the next declaration. A group's body is optional, so there the end of
   * the declaration is fine too.
   */
  private expectBodyOpen(required: boolean): void {
    const found = this.LA(1);
    if (found.tokenType === T.LCurly) return;
    const ended = isEof(found) || RESERVED_TYPES.has(found.tokenType);
    if (ended && !required) return;
    const what = required ? "'{'" : "'{' or a new declaration";
    this.report(`expected ${what} after ${this.declTitle}, found ${describe(found)}`, this.missingSpan(), found);
    this.resync();
  }

  // ------------------------------------------------------------ top level

  private file = this.RULE('file', () => {
    this.MANY(() => {
      const decl = this.orByToken(
        0,
        this.declarationChoices,
        (this.declarationAlternatives ??= [
          { ALT: () => this.SUBRULE(this.useDecl) },
          { ALT: () => this.SUBRULE(this.systemDecl) },
          { ALT: () => this.SUBRULE(this.componentDecl) },
          { ALT: () => this.SUBRULE(this.groupDecl) },
          { ALT: () => this.SUBRULE(this.strayDeclaration) },
        ]),
      );
      if (!this.RECORDING_PHASE && decl) this.declarations.push(decl);
    });
  });

  private strayDeclaration = this.RULE('strayDeclaration', () => {
    const found = this.CONSUME(T.NonReserved);
    if (this.RECORDING_PHASE) return undefined;
    this.recovering = false;
    this.context = 'top';
    const hint = isNameToken(found) ? didYouMean(found.image, T.RESERVED_TOKENS.keys()) : '';
    this.report(
      `expected a declaration ('use', 'system', 'component' or 'group'), found '${found.image}'${hint}`,
      tokenSpan(found),
      found,
    );
    this.resync();
    return undefined;
  });

  private useDecl = this.RULE('useDecl', (): UseDecl => {
    const keyword = this.CONSUME(T.Use);
    if (!this.RECORDING_PHASE) this.beginDeclaration('use');
    const path = this.optionalToken(0, T.StringLit);
    if (this.RECORDING_PHASE) return RECORDED;
    if (!path) this.report(`expected a file path in quotes after 'use'`, this.missingSpan(), this.LA(1));
    return { kind: 'use', keyword: tokenSpan(keyword), path: path && stringOf(path), span: this.spanFrom(keyword) };
  });

  private systemDecl = this.RULE('systemDecl', (): SystemDecl => {
    const keyword = this.CONSUME(T.System);
    const name = this.optionalToken(0, T.Name);
    const label = this.optionalToken(2, T.StringLit);
    if (!this.RECORDING_PHASE) {
      this.beginDeclaration('system', name);
      if (!name) this.reportMissingName(keyword);
      this.expectBodyOpen(true);
    }
    const body = this.OPTION3(this.subruleBody);
    if (this.RECORDING_PHASE) return RECORDED;
    return {
      kind: 'system',
      keyword: tokenSpan(keyword),
      name: name && nameOf(name),
      label: label && stringOf(label),
      items: (body?.items ?? []) as SystemItem[],
      body: body?.span,
      span: this.spanFrom(keyword),
    };
  });

  private componentDecl = this.RULE('componentDecl', (): ComponentDecl => {
    const keyword = this.CONSUME(T.Component);
    const name = this.optionalToken(0, T.Name);
    const label = this.optionalToken(2, T.StringLit);
    if (!this.RECORDING_PHASE) {
      this.beginDeclaration('component', name);
      if (!name) this.reportMissingName(keyword);
      this.expectBodyOpen(true);
    }
    const body = this.OPTION3(this.subruleBody);
    if (this.RECORDING_PHASE) return RECORDED;
    return {
      kind: 'component',
      keyword: tokenSpan(keyword),
      name: name && nameOf(name),
      label: label && stringOf(label),
      items: (body?.items ?? []) as ComponentItem[],
      body: body?.span,
      span: this.spanFrom(keyword),
    };
  });

  private groupDecl = this.RULE('groupDecl', (): GroupDecl => {
    const keyword = this.CONSUME(T.Group);
    const name = this.optionalToken(0, T.Name);
    const label = this.optionalToken(2, T.StringLit);
    if (!this.RECORDING_PHASE) {
      this.beginDeclaration('group', name);
      if (!name) this.reportMissingName(keyword);
    }
    const equals = this.optionalToken(3, T.Equals);
    if (!this.RECORDING_PHASE && !equals) this.report(`expected '=' after ${this.declTitle}`, this.missingSpan(), this.LA(1));
    const expr = this.SUBRULE(this.expr);
    if (!this.RECORDING_PHASE) {
      this.recovering = false;
      this.expectBodyOpen(false);
    }
    const body = this.OPTION4(this.subruleBody);
    if (this.RECORDING_PHASE) return RECORDED;
    return {
      kind: 'group',
      keyword: tokenSpan(keyword),
      name: name && nameOf(name),
      label: label && stringOf(label),
      expr,
      items: (body?.items ?? []) as GroupItem[],
      body: body?.span,
      span: this.spanFrom(keyword),
    };
  });

  // ------------------------------------------------------------ bodies and items

  private body = this.RULE('body', () => {
    const open = this.CONSUME(T.LCurly);
    const items: AnyItem[] = [];
    if (!this.RECORDING_PHASE) {
      this.context = 'body';
      this.bodyItems = items;
    }
    this.MANY(this.bodyIteration);
    if (!this.RECORDING_PHASE) this.recovering = false;
    const close = this.optionalToken(0, T.RCurly);
    if (this.RECORDING_PHASE) return RECORDED;
    if (!close) this.report(`expected '}' to close ${this.declTitle}`, tokenSpan(open), this.LA(1));
    this.context = 'header';
    return { items, span: this.spanFrom(open) };
  });

  /** Whether the item may stand in the current declaration kind (it was reported when it is not). */
  private allowed(item: AnyItem): boolean {
    const image = item.kind === 'default-mttr' ? 'default' : item.kind === 'law' ? item.law : item.kind;
    return ITEM_PLACES.get(image)?.includes(this.declKind) ?? false;
  }

  /** `needs each` pairs replicas: a system has none, so it is reported and dropped there. */
  private withoutMisplacedNeeds(item: AnyItem): AnyItem {
    if (item.kind !== 'needs' || this.declKind !== 'system') return item;
    return { ...item, needs: item.needs.filter((need) => need.kind !== 'each') };
  }

  /** Reports an item keyword that does not belong in this declaration kind; the item is then parsed quietly. */
  private checkPlacement(keyword: IToken): void {
    const places = ITEM_PLACES.get(keyword.image);
    if (!places || places.includes(this.declKind)) return;
    const where = `a ${this.declKind}`;
    if (STANDBY_OPTIONS.has(keyword.image)) {
      this.report(
        `'${keyword.image}' is a standby-group option; it is not allowed in ${where}`,
        tokenSpan(keyword),
        keyword,
        'standby-option',
      );
    } else {
      this.report(
        `'${keyword.image}' is not allowed in ${where} (only in ${placesText(places)})`,
        tokenSpan(keyword),
        keyword,
      );
    }
    this.recovering = true;
  }

  private strayItem = this.RULE('strayItem', (): undefined => {
    const found = this.CONSUME(T.BodyStray);
    if (this.RECORDING_PHASE) return undefined;
    const places = [...ITEM_PLACES].filter(([, kinds]) => kinds.includes(this.declKind)).map(([kw]) => kw);
    const hint = isNameToken(found) ? didYouMean(found.image, places) : '';
    this.report(
      `unexpected '${found.image}' in ${this.declTitle}: expected an item or '}'${hint}`,
      tokenSpan(found),
      found,
    );
    this.recovering = true;
    this.resync();
    return undefined;
  });

  /**
   * The rest of a `KEYWORD QUANTITY` item (laws, `mttr`, `replicas`, `quorum`,
   * standby options, `mission`) after its keyword; part of the body rule.
   */
  private valueItem(keyword: IToken): AnyItem {
    const value = this.optionalToken(2, T.Quantity);
    if (this.RECORDING_PHASE) return RECORDED;
    if (!value) this.fail(`expected ${VALUE_NOUNS.get(keyword.image)} after '${keyword.image}'`);
    const keywordSpan = tokenSpan(keyword);
    const quantity = value && quantityOf(value);
    const at = this.spanFrom(keyword);
    switch (keyword.image) {
      case 'mtbf':
      case 'mttf':
      case 'rate':
      case 'fit':
      case 'probability':
      case 'availability':
        return { kind: 'law', law: keyword.image, keyword: keywordSpan, value: quantity, span: at };
      default:
        return {
          kind: keyword.image as 'mttr' | 'replicas' | 'quorum' | 'failover' | 'mission',
          keyword: keywordSpan,
          value: quantity,
          span: at,
        };
    }
  }

  private weibullItem = this.RULE('weibullItem', (): WeibullItem => {
    const keyword = this.CONSUME(T.Weibull);
    const item: Mutable<WeibullItem> = {
      kind: 'weibull',
      keyword: tokenSpan(keyword),
      shape: undefined,
      scale: undefined,
      span: tokenSpan(keyword),
    };
    const first = this.OPTION(() => this.SUBRULE(this.weibullPart));
    if (!this.RECORDING_PHASE) {
      if (first) this.setWeibullPart(item, first);
      else this.fail(`expected 'shape' or 'scale' after 'weibull'`);
    }
    const second = this.OPTION2(this.secondWeibullPart);
    if (this.RECORDING_PHASE) return RECORDED;
    if (second) this.setWeibullPart(item, second);
    item.span = this.spanFrom(keyword);
    return item;
  });

  private setWeibullPart(item: Mutable<WeibullItem>, part: { which: IToken; value: IToken | undefined }): void {
    const field = part.which.image === 'shape' ? 'shape' : 'scale';
    if (item[field] !== undefined || item.repeated !== undefined) {
      item.repeated ??= span(part.which.startOffset, part.value ? tokenSpan(part.value).end : tokenSpan(part.which).end);
      return;
    }
    item[field] = part.value && quantityOf(part.value);
  }

  private weibullPart = this.RULE('weibullPart', () => {
    const which = this.OR((this.weibullPartAlternatives ??= [{ ALT: () => this.CONSUME(T.Shape) }, { ALT: () => this.CONSUME(T.Scale) }]));
    const value = this.OPTION(this.consumeQuantity);
    if (this.RECORDING_PHASE) return RECORDED;
    if (!value) this.fail(`expected ${VALUE_NOUNS.get(which.image)} after '${which.image}'`);
    return { which, value };
  });

  private needsItem = this.RULE('needsItem', (): NeedsItem => {
    const keyword = this.CONSUME(T.Needs);
    const needs: Need[] = [];
    const first = this.SUBRULE(this.need);
    if (!this.RECORDING_PHASE) {
      if (first) needs.push(first);
      this.needsList = needs;
    }
    this.MANY(this.moreNeeds);
    if (this.RECORDING_PHASE) return RECORDED;
    return { kind: 'needs', keyword: tokenSpan(keyword), needs, span: this.spanFrom(keyword) };
  });

  private need = this.RULE('need', (): Need | undefined =>
    this.OR((this.needAlternatives ??= [
      {
        // `each` then any name (even a keyword, even on the next line) is `needs each Z`, as the grammar reads.
        ALT: () => {
          const keyword = this.CONSUME(T.Each);
          const name = this.CONSUME(T.Name);
          if (this.RECORDING_PHASE) return RECORDED;
          if (this.declKind === 'system') {
            this.report(
              "'needs each' pairs the replicas of a component, so it is not allowed in a system",
              this.spanFrom(keyword),
              keyword,
            );
          }
          return { kind: 'each', keyword: tokenSpan(keyword), name: nameOf(name), span: this.spanFrom(keyword) };
        },
      },
      {
        IGNORE_AMBIGUITIES: true,
        ALT: () => {
          const expr = this.SUBRULE(this.expr);
          if (this.RECORDING_PHASE) return RECORDED;
          const member = this.memberExpr(expr);
          return member && { kind: 'expr', expr: member, span: member.span };
        },
      },
      // `expr` may match nothing, but chevrotain's choice here does not see that: say so explicitly.
      { ALT: () => (this.RECORDING_PHASE ? undefined : this.failMissingExpression()) },
    ])),
  );

  private recoveryItem = this.RULE('recoveryItem', (): RecoveryItem => {
    const keyword = this.CONSUME(T.Recovery);
    const item: Mutable<RecoveryItem> = {
      kind: 'recovery',
      keyword: tokenSpan(keyword),
      mode: undefined,
      modeSpan: undefined,
      duration: undefined,
      coverage: undefined,
      span: tokenSpan(keyword),
    };
    this.OR([
      {
        ALT: () => {
          const mode = this.CONSUME(T.Retry);
          if (this.RECORDING_PHASE) return;
          item.mode = 'retry';
          item.modeSpan = tokenSpan(mode);
        },
      },
      {
        ALT: () => {
          const mode = this.CONSUME(T.Restart);
          const duration = this.OPTION(this.consumeQuantity);
          if (this.RECORDING_PHASE) return;
          item.mode = 'restart';
          item.modeSpan = tokenSpan(mode);
          item.duration = duration && quantityOf(duration);
          if (!duration) this.fail(`expected a duration after 'restart'`);
        },
      },
      { ALT: () => (this.RECORDING_PHASE ? undefined : this.fail(`expected 'retry' or 'restart' after 'recovery'`)) },
    ]);
    const coverage = this.OPTION2(() => this.CONSUME(T.Coverage));
    if (!this.RECORDING_PHASE && !coverage) this.fail(`expected 'coverage' after '${this.LA(0).image}'`);
    const value = this.OPTION3({ GATE: () => coverage !== undefined, DEF: () => this.CONSUME2(T.Quantity) });
    if (this.RECORDING_PHASE) return RECORDED;
    if (coverage && !value) this.fail(`expected a probability after 'coverage'`);
    item.coverage = value && quantityOf(value);
    item.span = this.spanFrom(keyword);
    return item;
  });

  private ccfItem = this.RULE('ccfItem', (): CcfItem => {
    const keyword = this.CONSUME(T.Ccf);
    const beta = this.OPTION(() => this.CONSUME(T.Beta));
    if (!this.RECORDING_PHASE && !beta) this.fail(`expected 'beta' after 'ccf'`);
    const value = this.OPTION2({ GATE: () => beta !== undefined, DEF: this.consumeQuantity });
    if (this.RECORDING_PHASE) return RECORDED;
    if (beta && !value) this.fail(`expected a probability after 'beta'`);
    return { kind: 'ccf', keyword: tokenSpan(keyword), beta: value && quantityOf(value), span: this.spanFrom(keyword) };
  });

  private acceptItem = this.RULE('acceptItem', (): AcceptSpofItem => {
    const keyword = this.CONSUME(T.Accept);
    const spof = this.OPTION(() => this.CONSUME(T.Spof));
    if (!this.RECORDING_PHASE && !spof) this.fail(`expected 'spof' after 'accept'`);
    const reason = this.OPTION2({ GATE: () => spof !== undefined, DEF: this.consumeString });
    if (this.RECORDING_PHASE) return RECORDED;
    if (spof && !reason) this.fail(`expected a reason in quotes after 'spof'`);
    return {
      kind: 'accept',
      keyword: tokenSpan(keyword),
      reason: reason && stringOf(reason),
      span: this.spanFrom(keyword),
    };
  });

  private defaultItem = this.RULE('defaultItem', (): DefaultMttrItem => {
    const keyword = this.CONSUME(T.Default);
    const mttr = this.OPTION(() => this.CONSUME(T.Mttr));
    if (!this.RECORDING_PHASE && !mttr) this.fail(`expected 'mttr' after 'default'`);
    const value = this.OPTION2({ GATE: () => mttr !== undefined, DEF: this.consumeQuantity });
    if (this.RECORDING_PHASE) return RECORDED;
    if (mttr && !value) this.fail(`expected a duration after 'mttr'`);
    return {
      kind: 'default-mttr',
      keyword: tokenSpan(keyword),
      value: value && quantityOf(value),
      span: this.spanFrom(keyword),
    };
  });

  private requireItem = this.RULE('requireItem', (): RequireItem => {
    const keyword = this.CONSUME(T.Require);
    const metric = this.OPTION(this.consumeName);
    const known = this.RECORDING_PHASE ? undefined : this.metricOf(metric);
    const op = this.OPTION2({
      GATE: () => !this.recovering,
      DEF: () =>
        this.OR([
          { ALT: () => this.CONSUME(T.GreaterEq) },
          { ALT: () => this.CONSUME(T.Greater) },
          { ALT: () => this.CONSUME(T.LessEq) },
          { ALT: () => this.CONSUME(T.Less) },
        ]),
    });
    if (!this.RECORDING_PHASE && !op && !this.recovering) {
      this.fail(`expected a comparison (>=, >, <= or <) after '${this.LA(0).image}'`);
    }
    const value = this.OPTION3({ GATE: () => op !== undefined, DEF: this.consumeQuantity });
    if (this.RECORDING_PHASE) return RECORDED;
    if (op && !value) this.fail(`expected a value after '${op.image}'`);
    return {
      kind: 'require',
      keyword: tokenSpan(keyword),
      metric: known,
      metricSpan: metric && tokenSpan(metric),
      op: op?.image as ComparisonOp | undefined,
      opSpan: op && tokenSpan(op),
      value: value && quantityOf(value),
      span: this.spanFrom(keyword),
    };
  });

  /** The metric a `require` names, or undefined after reporting a missing or unknown one. */
  private metricOf(metric: IToken | undefined): Metric | undefined {
    if (!metric) {
      this.fail(`expected a metric after 'require' (${METRIC_LIST})`);
      return undefined;
    }
    if (METRIC_SET.has(metric.image)) return metric.image as Metric;
    this.report(
      `unknown metric '${metric.image}'${didYouMean(metric.image, METRICS)}; expected ${METRIC_LIST}`,
      tokenSpan(metric),
      metric,
    );
    return undefined;
  }

  // ------------------------------------------------------------ expressions

  /**
   * Any expression, `standby(...)` included: only a group's right-hand side
   * accepts a standby; every other place goes through `memberExpr`.
   */
  private expr = this.RULE('expr', (): Combinator | undefined =>
    this.OR(
      (this.exprAlternatives ??= [
      { ALT: () => this.SUBRULE(this.combinator) },
      { ALT: () => this.SUBRULE(this.kOfN) },
      {
        IGNORE_AMBIGUITIES: true,
        ALT: () => {
          const name = this.CONSUME(T.Name);
          if (this.RECORDING_PHASE) return RECORDED;
          if (this.LA(1).tokenType !== T.LParen) return { kind: 'ref', name: nameOf(name), span: tokenSpan(name) };
          this.report(
            `unknown combinator '${name.image}'${didYouMean(name.image, COMBINATORS)}: expected series(...), parallel(...), k of (...) or standby(...)`,
            tokenSpan(name),
            name,
          );
          this.recovering = true;
          this.resync();
          return undefined;
        },
      },
      { ALT: () => (this.RECORDING_PHASE ? undefined : this.failMissingExpression()) },
    ]),
    ),
  );

  private failMissingExpression(): undefined {
    const found = this.LA(1);
    const note = RESERVED_TYPES.has(found.tokenType) ? ` ('${found.image}' is a reserved word)` : '';
    this.fail(`expected a name or an expression after '${this.LA(0).image}'${note}`);
    return undefined;
  }

  /** The members of a combinator, standbys reported and dropped. */
  private memberExprs(members: readonly Combinator[]): Expr[] {
    const kept: Expr[] = [];
    for (let i = 0; i < members.length; i++) {
      const member = this.memberExpr(members[i]);
      if (member) kept.push(member);
    }
    return kept;
  }

  /** An expression inside another one or in `needs`: a standby there is reported and dropped. */
  private memberExpr(expr: Combinator | undefined): Expr | undefined {
    if (expr?.kind !== 'standby') return expr;
    this.report(
      'standby(...) can only be the whole right-hand side of a group',
      expr.span,
      expr.span.start,
      'standby-position',
    );
    return undefined;
  }

  private combinator = this.RULE('combinator', (): Combinator | undefined => {
    const keyword = this.OR(
      (this.combinatorAlternatives ??= [
        { ALT: () => this.CONSUME(T.Series) },
        { ALT: () => this.CONSUME(T.Parallel) },
        { ALT: () => this.CONSUME(T.Standby) },
      ]),
    );
    this.CONSUME(T.LParen);
    const members = this.SUBRULE(this.exprList, { ARGS: [`${keyword.image}(...)`] });
    if (this.RECORDING_PHASE) return RECORDED;
    if (!members) return undefined;
    const at = this.spanFrom(keyword);
    if (keyword.image !== 'standby') {
      const kind = keyword.image as 'series' | 'parallel';
      return { kind, keyword: tokenSpan(keyword), members: this.memberExprs(members), span: at };
    }
    return this.standbyOf(keyword, members, at);
  });

  private standbyOf(keyword: IToken, members: Combinator[], at: Span): StandbyExpr {
    const names: Name[] = [];
    for (const member of members) {
      if (member.kind === 'ref') names.push(member.name);
      else this.report('the members of standby(...) must be component names', member.span, member.span.start);
    }
    if (members.length < 2) {
      this.report('standby(...) needs a primary and at least one spare', at, keyword);
    }
    return { kind: 'standby', keyword: tokenSpan(keyword), members: names, span: at };
  }

  private kOfN = this.RULE('kOfN', (): Expr | undefined => {
    const k = this.CONSUME(T.Quantity);
    const of = this.OPTION(() => this.CONSUME(T.Of));
    if (!this.RECORDING_PHASE && !of) this.fail(`expected 'of' after '${k.image}', as in '${k.image} of (a, b, c)'`);
    const open = this.OPTION2({ GATE: () => of !== undefined, DEF: () => this.CONSUME(T.LParen) });
    if (!this.RECORDING_PHASE && of && !open) this.fail(`expected '(' after 'of'`);
    const members = this.OPTION3({
      GATE: () => open !== undefined,
      DEF: () => this.SUBRULE(this.exprList, { ARGS: [`${k.image} of (...)`] }),
    });
    if (this.RECORDING_PHASE) return RECORDED;
    if (!members || !of) return undefined;
    return {
      kind: 'kofn',
      k: quantityOf(k),
      keyword: tokenSpan(of),
      members: this.memberExprs(members),
      span: this.spanFrom(k),
    };
  });

  /** `expr (',' expr)* ')'` after an opening parenthesis; undefined when anything inside failed. */
  private exprList = this.RULE('exprList', (what: string): Combinator[] | undefined => {
    const members: (Combinator | undefined)[] = [];
    const first = this.SUBRULE(this.expr);
    if (!this.RECORDING_PHASE) members.push(first);
    this.MANY({
      GATE: () => !this.recovering,
      DEF: () => {
        this.CONSUME(T.Comma);
        const next = this.SUBRULE2(this.expr);
        if (!this.RECORDING_PHASE) members.push(next);
      },
    });
    const close = this.OPTION(this.closeParenUnlessRecovering);
    if (this.RECORDING_PHASE) return RECORDED;
    if (!close) {
      this.fail(`expected ',' or ')' in ${what}`);
      return undefined;
    }
    return members.every((m) => m !== undefined) ? (members as Combinator[]) : undefined;
  });
}

/**
 * Throws unless chevrotain decides every single-token option of the grammar
 * on that token alone, which is what `optionalToken` does at run time: a
 * chevrotain upgrade that decided differently would fail here, when the
 * grammar is built, instead of changing parses silently.
 */
export function assertSingleTokenOptions(rules: Record<string, Rule>): void {
  for (const [name, rule] of Object.entries(rules)) {
    const stack: IProduction[] = [...rule.definition];
    while (stack.length > 0) {
      const production = stack.pop()!;
      if (production instanceof NonTerminal) continue; // its rule is visited on its own
      if (production instanceof Option && production.definition.length === 1 && production.definition[0] instanceof Terminal) {
        const token = production.definition[0].terminalType;
        const inside = getLookaheadPaths({ occurrence: production.idx, rule, prodType: 'Option', maxLookahead: 2 })[0]!;
        if (inside.length !== 1 || inside[0]!.length !== 1 || inside[0]![0] !== token) {
          throw new Error(`grammar: the option of '${token.name}' (${name}, OPTION${production.idx}) is not decided by one token`);
        }
      }
      if ('definition' in production) stack.push(...(production as { definition: IProduction[] }).definition);
    }
  }
}

/**
 * The alternative chevrotain chooses for each next token (by token type index)
 * at choice `occurrence` of `rule`, built as chevrotain builds it for a choice
 * every alternative of which starts with one token: the first alternative
 * whose lookahead admits the token (directly or as a category) wins. Throws if
 * the choice needs more than one token, so a grammar change cannot make
 * `orByToken` decide differently from chevrotain.
 */
export function choicesByToken(rule: Rule, occurrence: number): (number | undefined)[] {
  const choices: (number | undefined)[] = [];
  const alternatives = getLookaheadPaths({ occurrence, rule, prodType: 'Alternation', maxLookahead: 2 });
  alternatives.forEach((paths, alternative) => {
    for (const path of paths) {
      if (path.length !== 1) throw new Error(`grammar: choice ${occurrence} of '${rule.name}' is not decided by one token`);
      const token = path[0]!;
      for (const type of [token.tokenTypeIdx!, ...(token.categoryMatches ?? [])]) choices[type] ??= alternative;
    }
  });
  return choices;
}
