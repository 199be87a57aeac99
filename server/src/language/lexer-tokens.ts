import { createToken, Lexer, type TokenType } from 'chevrotain';

/**
 * The token vocabulary shared by the scanner (`lexer.ts`) and the chevrotain
 * grammar (`parser-grammar.ts`). The scanner is hand-written (see
 * docs/decisions.md), so no token here carries a pattern: each is a
 * `Lexer.NA` type used only for matching in the parser.
 *
 * Categories let one `CONSUME` accept a family of tokens:
 * - `Name`: any word that is not reserved (contextual keywords are names too);
 * - `NonReserved`: anything that cannot start a declaration (top-level junk);
 * - `BodyStray`: anything that neither starts a declaration nor closes a body;
 * - `ValueKeyword`: the keywords of `KEYWORD QUANTITY` items (`mtbf 4h`), so
 *   one `CONSUME` takes any of them (cheaper than a choice among 13).
 */
export const Name = createToken({ name: 'Name', pattern: Lexer.NA });
export const NonReserved = createToken({ name: 'NonReserved', pattern: Lexer.NA });
export const BodyStray = createToken({ name: 'BodyStray', pattern: Lexer.NA });
export const ValueKeyword = createToken({ name: 'ValueKeyword', pattern: Lexer.NA });

const inBody = [NonReserved, BodyStray];
const word = [Name, NonReserved, BodyStray];
/** Item keywords start items, so they are never stray in a body (keeps the item choice LL(1)). */
const itemWord = [Name, NonReserved];
const valueWord = [Name, NonReserved, ValueKeyword];

function keyword(image: string): TokenType {
  return createToken({ name: `kw_${image}`, pattern: Lexer.NA, categories: word });
}

function itemKeyword(image: string): TokenType {
  return createToken({ name: `kw_${image}`, pattern: Lexer.NA, categories: itemWord });
}

function valueKeyword(image: string): TokenType {
  return createToken({ name: `kw_${image}`, pattern: Lexer.NA, categories: valueWord });
}

function reserved(image: string): TokenType {
  return createToken({ name: `reserved_${image}`, pattern: Lexer.NA });
}

export const Use = reserved('use');
export const System = reserved('system');
export const Component = reserved('component');
export const Group = reserved('group');

export const Needs = itemKeyword('needs');
export const Mission = valueKeyword('mission');
export const Default = itemKeyword('default');
export const Require = itemKeyword('require');
export const Mtbf = valueKeyword('mtbf');
export const Mttf = valueKeyword('mttf');
export const Rate = valueKeyword('rate');
export const Fit = valueKeyword('fit');
export const Probability = valueKeyword('probability');
export const Availability = valueKeyword('availability');
export const Weibull = itemKeyword('weibull');
export const Mttr = valueKeyword('mttr');
export const Replicas = valueKeyword('replicas');
export const Quorum = valueKeyword('quorum');
export const Recovery = itemKeyword('recovery');
export const Ccf = itemKeyword('ccf');
export const Accept = itemKeyword('accept');
export const Failover = valueKeyword('failover');
export const Coverage = valueKeyword('coverage');
export const Dormancy = valueKeyword('dormancy');
export const Retry = keyword('retry');
export const Restart = keyword('restart');
export const Beta = keyword('beta');
export const Spof = keyword('spof');
export const Shape = keyword('shape');
export const Scale = keyword('scale');
export const Each = keyword('each');
export const Of = keyword('of');
export const Series = keyword('series');
export const Parallel = keyword('parallel');
export const Standby = keyword('standby');

export const Identifier = createToken({ name: 'Identifier', pattern: Lexer.NA, categories: word });
export const StringLit = createToken({ name: 'String', pattern: Lexer.NA, categories: inBody });
export const Quantity = createToken({ name: 'Quantity', pattern: Lexer.NA, categories: inBody });
export const GreaterEq = createToken({ name: 'GreaterEq', pattern: Lexer.NA, categories: inBody });
export const LessEq = createToken({ name: 'LessEq', pattern: Lexer.NA, categories: inBody });
export const Greater = createToken({ name: 'Greater', pattern: Lexer.NA, categories: inBody });
export const Less = createToken({ name: 'Less', pattern: Lexer.NA, categories: inBody });
export const Equals = createToken({ name: 'Equals', pattern: Lexer.NA, categories: inBody });
export const LParen = createToken({ name: 'LParen', pattern: Lexer.NA, categories: inBody });
export const RParen = createToken({ name: 'RParen', pattern: Lexer.NA, categories: inBody });
export const LCurly = createToken({ name: 'LCurly', pattern: Lexer.NA, categories: inBody });
export const Comma = createToken({ name: 'Comma', pattern: Lexer.NA, categories: inBody });
export const RCurly = createToken({ name: 'RCurly', pattern: Lexer.NA, categories: [NonReserved] });

/** Reserved words, by image. */
export const RESERVED_TOKENS: ReadonlyMap<string, TokenType> = new Map([
  ['use', Use],
  ['system', System],
  ['component', Component],
  ['group', Group],
]);

/** Contextual keywords, by image: a word with one of these images gets that token type. */
export const KEYWORD_TOKENS: ReadonlyMap<string, TokenType> = new Map(
  [
    Needs, Mission, Default, Require, Mtbf, Mttf, Rate, Fit, Probability, Availability, Weibull, Mttr,
    Replicas, Quorum, Recovery, Ccf, Accept, Failover, Coverage, Dormancy, Retry, Restart, Beta, Spof,
    Shape, Scale, Each, Of, Series, Parallel, Standby,
  ].map((t) => [t.name.slice('kw_'.length), t]),
);

/** One- and two-character operators and punctuation, by image. */
export const PUNCTUATION_TOKENS: ReadonlyMap<string, TokenType> = new Map([
  ['>=', GreaterEq],
  ['<=', LessEq],
  ['>', Greater],
  ['<', Less],
  ['=', Equals],
  ['(', LParen],
  [')', RParen],
  ['{', LCurly],
  ['}', RCurly],
  [',', Comma],
]);

/** Every token type, categories first, as the parser's vocabulary. */
export const ALL_TOKEN_TYPES: readonly TokenType[] = [
  Name,
  NonReserved,
  BodyStray,
  ValueKeyword,
  ...RESERVED_TOKENS.values(),
  ...KEYWORD_TOKENS.values(),
  Identifier,
  StringLit,
  Quantity,
  ...PUNCTUATION_TOKENS.values(),
];
