import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { formatText } from '../../server/src/language/formatter';
import { grammarStats } from '../../server/src/language/parser-grammar';
import { parseFile, type ParseResult } from '../../server/src/language/parser';
import { normalForm } from './parser-helpers';

const CORPUS = [
  `// Checkout
system checkout "Web shop checkout" {
  needs edge, app, db_ha, dns
  mission 1y   // horizon
  default mttr 2h
  require availability >= 99.95%
  require downtime < 22min/mo
}
component lb_a { mtbf 50000h  mttr 1h }
group edge = parallel(lb_a, lb_b)
component app "App server" {
  rate 1.2e-4/h
  replicas 3
  quorum 2
  needs cache, 2 of (x, y, series(z, w))
  needs each zone
  recovery restart 2min coverage 90%
  recovery retry coverage 0.5
  ccf beta 0.1
}
group db_ha = standby(db_primary, db_replica) {
  failover 30s /* inline */ coverage 99%
  dormancy 0.1
}
component dns "Managed \\"DNS\\"" {
  availability 99.99%  mttr 1h
  weibull shape 1.5 scale 1000h
  accept spof "provider SLA"
}
use "lib.ft"
`,
  'component failover { needs default, series, each }\ngroup parallel = series(needs, of)\n',
];

/** Every invariant that must hold for any input whatsoever. */
function checkInvariants(text: string, result: ParseResult): void {
  expect(result.diagnostics.length).toBeLessThanOrEqual(101);
  for (const d of result.diagnostics) {
    expect(d.span.start).toBeGreaterThanOrEqual(0);
    expect(d.span.start).toBeLessThanOrEqual(d.span.end);
    expect(d.span.end).toBeLessThanOrEqual(text.length);
    expect(d.message.length).toBeGreaterThan(0);
  }
  for (const decl of result.file.declarations) {
    expect(decl.span.start).toBeGreaterThanOrEqual(0);
    expect(decl.span.end).toBeLessThanOrEqual(text.length);
  }
}

/** On a clean file: format is idempotent, keeps the meaning and every comment. */
function checkFormat(text: string): void {
  const formatted = formatText(text);
  if (!('text' in formatted)) return;
  const again = formatText(formatted.text);
  expect(again).toEqual({ text: formatted.text });
  const before = parseFile(text, 'a.ft');
  const after = parseFile(formatted.text, 'a.ft');
  expect(after.diagnostics).toEqual([]);
  expect(normalForm(after.file)).toEqual(normalForm(before.file));
  const comments = (r: ParseResult) => r.file.comments.map((c) => c.text.replace(/\r\n?/g, '\n'));
  expect(comments(after)).toEqual(comments(before));
}

const TOKENS = [
  'use', 'system', 'component', 'group', 'needs', 'each', 'mission', 'default', 'mttr', 'require',
  'availability', 'mtbf', 'rate', 'fit', 'weibull', 'shape', 'scale', 'recovery', 'retry', 'restart',
  'coverage', 'ccf', 'beta', 'accept', 'spof', 'failover', 'dormancy', 'replicas', 'quorum', 'series',
  'parallel', 'standby', 'of', 'a', 'b-c', 'x_1', '2', '4h', '99.9%', '2e-6/h', '-1', '"s"', '"open',
  '(', ')', '{', '}', ',', '=', '>=', '<', '//c\n', '/*c*/', '/*', '§', '\n', ' ', 'db-', '\\',
];

const tokenSoup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }).map((parts) => parts.join(' '));

const mutated = fc
  .tuple(
    fc.constantFrom(...CORPUS),
    fc.array(
      fc.tuple(
        fc.constantFrom('delete', 'insert', 'duplicate', 'token'),
        fc.nat(),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom(...TOKENS),
      ),
      { minLength: 1, maxLength: 4 },
    ),
  )
  .map(([base, edits]) =>
    edits.reduce((text, [kind, at, length, token]) => {
      const i = at % (text.length + 1);
      if (kind === 'delete') return text.slice(0, i) + text.slice(i + length);
      if (kind === 'insert') return text.slice(0, i) + token.slice(0, 1) + text.slice(i);
      if (kind === 'duplicate') return text.slice(0, i + length) + text.slice(i, i + length) + text.slice(i + length);
      return `${text.slice(0, i)} ${token} ${text.slice(i)}`;
    }, base),
  );

// ------------------------------------------------------------ valid models

const NAMES = ['a', 'b', 'db-primary', 'x_1', 'failover', 'series', 'each', 'of', 'mttr', 'default'];
const QUANTITIES = ['1h', '30s', '99.9%', '0.5', '2e-6/h', '3', '-1', '30sec', '22min/mo', '4/y'];
const SEPARATORS = [' ', ' ', ' ', '\n', '  ', '\n\n', '\n\n\n', ' /* c */ ', ' // line\n', '\r\n', '\t'];

const name = fc.constantFrom(...NAMES);
const quantity = fc.constantFrom(...QUANTITIES);
const label = fc.constantFrom('"L"', '"a \\" b"', '"x\\\\y"', '""');

const { expr } = fc.letrec<{ expr: string[] }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    name.map((n) => [n]),
    fc
      .tuple(fc.constantFrom('series', 'parallel'), fc.array(tie('expr'), { minLength: 1, maxLength: 3 }))
      .map(([kw, members]) => [kw, '(', ...members.flatMap((m, i) => (i ? [',', ...m] : m)), ')']),
    fc
      .tuple(fc.integer({ min: 1, max: 3 }), fc.array(tie('expr'), { minLength: 1, maxLength: 3 }))
      .map(([k, members]) => [String(k), 'of', '(', ...members.flatMap((m, i) => (i ? [',', ...m] : m)), ')']),
  ),
}));

const list = (item: fc.Arbitrary<string[]>) =>
  fc.array(item, { minLength: 1, maxLength: 3 }).map((items) => items.flatMap((m, i) => (i ? [',', ...m] : m)));

/** A needs list; a bare `each` first would read as `needs each NEXT`, so it is kept out. */
const needsList = (need: fc.Arbitrary<string[]>) =>
  list(need.filter((n) => !(n.length === 1 && n[0] === 'each'))).map((needs) => ['needs', ...needs]);

const componentItem = fc.oneof(
  fc.tuple(fc.constantFrom('mtbf', 'mttf', 'rate', 'fit', 'probability', 'availability', 'mttr', 'replicas', 'quorum'), quantity).map(([k, v]) => [k, v]),
  fc.tuple(quantity, quantity, fc.boolean()).map(([a, b, order]) => (order ? ['weibull', 'shape', a, 'scale', b] : ['weibull', 'scale', b, 'shape', a])),
  needsList(fc.oneof(expr, name.map((n) => ['each', n]))),
  quantity.map((p) => ['recovery', 'retry', 'coverage', p]),
  fc.tuple(quantity, quantity).map(([t, p]) => ['recovery', 'restart', t, 'coverage', p]),
  quantity.map((b) => ['ccf', 'beta', b]),
  label.map((r) => ['accept', 'spof', r]),
);
const systemItem = fc.oneof(
  needsList(expr),
  quantity.map((d) => ['mission', d]),
  quantity.map((d) => ['default', 'mttr', d]),
  fc
    .tuple(fc.constantFrom('availability', 'downtime', 'outages', 'tolerance', 'mttf'), fc.constantFrom('>=', '>', '<=', '<'), quantity)
    .map(([m, op, v]) => ['require', m, op, v]),
);
const groupItem = fc.oneof(
  fc.tuple(fc.constantFrom('failover', 'coverage', 'dormancy'), quantity).map(([k, v]) => [k, v]),
  quantity.map((b) => ['ccf', 'beta', b]),
  needsList(expr),
);

const header = (kw: string) => fc.tuple(name, fc.option(label, { nil: undefined })).map(([n, l]) => (l ? [kw, n, l] : [kw, n]));
const body = (item: fc.Arbitrary<string[]>) => fc.array(item, { maxLength: 4 }).map((items) => ['{', ...items.flat(), '}']);

const declaration = fc.oneof(
  fc.tuple(header('component'), body(componentItem)).map(([h, b]) => [...h, ...b]),
  fc.tuple(header('system'), body(systemItem)).map(([h, b]) => [...h, ...b]),
  fc
    .tuple(
      header('group'),
      fc.oneof(expr, fc.array(name, { minLength: 2, maxLength: 3 }).map((ns) => ['standby', '(', ...ns.flatMap((n, i) => (i ? [',', n] : [n])), ')'])),
      fc.option(body(groupItem), { nil: undefined }),
    )
    .map(([h, e, b]) => [...h, '=', ...e, ...(b ?? [])]),
  label.map((l) => ['use', l]),
);

/** A valid model: declarations' tokens joined by random whitespace and comments. */
const validModel = fc
  .array(declaration, { maxLength: 5 })
  .chain((decls) => {
    const tokens = decls.flat();
    return fc.array(fc.constantFrom(...SEPARATORS), { minLength: tokens.length, maxLength: tokens.length }).map((seps) =>
      tokens.map((t, i) => (i ? seps[i] : '') + t).join(''),
    );
  });

describe('parseFile on any input', () => {
  afterAll(() => {
    expect(grammarStats.escapedErrors).toBe(0);
  });

  it('never throws and keeps every span inside the document, on random strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        checkInvariants(text, parseFile(text, 'r.ft'));
      }),
      { numRuns: 400 },
    );
  });

  it('never throws on random token soups', () => {
    fc.assert(
      fc.property(tokenSoup, (text) => {
        checkInvariants(text, parseFile(text, 's.ft'));
        checkFormat(text);
      }),
      { numRuns: 1500 },
    );
  });

  it('never throws on mutated valid models, and formats whatever still parses', () => {
    fc.assert(
      fc.property(mutated, (text) => {
        checkInvariants(text, parseFile(text, 'm.ft'));
        checkFormat(text);
      }),
      { numRuns: 1500 },
    );
  });
});

describe('generated valid models', () => {
  it('parse without diagnostics', () => {
    fc.assert(
      fc.property(validModel, (text) => {
        expect(parseFile(text, 'v.ft').diagnostics).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('format idempotently, keeping the meaning and the comments', () => {
    fc.assert(
      fc.property(validModel, (text) => {
        expect('text' in formatText(text)).toBe(true);
        checkFormat(text);
      }),
      { numRuns: 400 },
    );
  });
});
