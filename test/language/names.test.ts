import { describe, expect, it } from 'vitest';
import { referenceAt, referencesOf, referencesTo } from '../../server/src/language/names';
import { boundedDistance, suggest } from '../../server/src/language/suggest';
import { load, only, show, shown, shownAll } from './validate-support';

describe('did-you-mean suggestions', () => {
  it('count a transposition as one edit', () => {
    expect(boundedDistance('cahce', 'cache', 3)).toBe(1);
    expect(boundedDistance('kitten', 'sitting', 3)).toBe(3);
    expect(boundedDistance('abc', 'abcdefgh', 2)).toBe(3);
  });

  it('suggest the closest name within about one edit per three letters', () => {
    expect(suggest('cahce', ['app', 'cache', 'cachet'])).toBe('cache');
    expect(suggest('db', ['dns', 'dbs', 'db_primary'])).toBe('dbs');
    expect(suggest('zzzz', ['app', 'cache'])).toBeUndefined();
    expect(suggest('App', ['app', 'apps'])).toBe('app');
    expect(suggest('b', ['a', 'bb'])).toBeUndefined();
    expect(suggest('B', ['a', 'b'])).toBe('b');
  });
});

describe('unknown names', () => {
  it("say 'did you mean' for a close declared name, at the name's span", () => {
    const model = load('system s { needs app, cahce }\ncomponent app { mtbf 10h mttr 1h needs cache }\ncomponent cache { mtbf 10h mttr 1h }');
    const d = only(model, 'unknown-name');
    expect(show(model, d)).toMatchObject({ message: "unknown name 'cahce' (did you mean 'cache'?)", at: '1:23-1:28', text: 'cahce' });
    expect(d.data).toEqual({ suggestion: 'cache' });
  });

  it('say just "unknown name" when nothing is close', () => {
    const model = load('system s { needs xyzzy }\ncomponent app { mtbf 10h mttr 1h }');
    expect(shown(model, 'unknown-name')).toEqual([
      { severity: 'error', code: 'unknown-name', message: "unknown name 'xyzzy'", file: 'main.ft', at: '1:18-1:23', text: 'xyzzy' },
    ]);
  });

  it('are left out of the resolved expression, so no consumer meets a dangling name', () => {
    const model = load('system s { needs parallel(a, nope) }\ncomponent a { mtbf 10h mttr 1h }');
    expect(model.system?.needs).toEqual([{ kind: 'parallel', members: [{ kind: 'ref', name: 'a' }] }]);
  });

  it('are reported in needs each, standby members and k of members alike', () => {
    const model = load(`component a { mtbf 10h mttr 1h replicas 2 needs each zonez }
group g = standby(p, q)
group h = 1 of (a, r)
component p { mtbf 10h mttr 1h }`);
    expect(shown(model, 'unknown-name').map((d) => [d.text, d.at])).toEqual([
      ['zonez', '1:54-1:59'],
      ['q', '2:22-2:23'],
      ['r', '3:20-3:21'],
    ]);
  });
});

describe('one namespace for systems, components and groups', () => {
  it('reports a name declared twice at both places, each pointing at the other', () => {
    const model = load('component db { mtbf 10h mttr 1h }\ngroup db = parallel(x)\ncomponent x { mtbf 10h mttr 1h }');
    const dups = model.diagnostics.filter((d) => d.code === 'duplicate-name');
    expect(dups.map((d) => show(model, d))).toEqual([
      expect.objectContaining({ message: "'db' is declared twice (systems, components and groups share one namespace)", at: '1:11-1:13' }),
      expect.objectContaining({ message: "'db' is declared twice (systems, components and groups share one namespace)", at: '2:7-2:9' }),
    ]);
    expect(dups[0]!.related).toEqual([{ uri: '/models/main.ft', span: dups[1]!.span, message: "'db' is also declared here" }]);
    expect(dups[1]!.related).toEqual([{ uri: '/models/main.ft', span: dups[0]!.span, message: "'db' is also declared here" }]);
  });

  it('keeps the first declaration in elements', () => {
    const model = load('component db { mtbf 10h mttr 1h }\ngroup db = parallel(x)\ncomponent x { mtbf 10h mttr 1h }');
    expect(model.elements.get('db')?.kind).toBe('component');
  });

  it('counts three declarations as three times', () => {
    const model = load('component a { }\ncomponent a { }\ngroup a = parallel(b)\ncomponent b { }');
    expect(shown(model, 'duplicate-name').map((d) => d.message)).toEqual(Array(3).fill(
      "'a' is declared 3 times (systems, components and groups share one namespace)",
    ));
  });

  it('points at no more than 10 other places, and 100,000 repeats stay linear and are cut at 1,000 per file', () => {
    const model = load('component a { }\n'.repeat(100_000));
    const dups = model.diagnostics.filter((d) => d.code === 'duplicate-name');
    expect(dups).toHaveLength(1000);
    expect(dups[0]!.message).toBe("'a' is declared 100,000 times (systems, components and groups share one namespace)");
    expect(Math.max(...dups.map((d) => d.related?.length ?? 0))).toBe(10);
    expect(shown(model, 'too-many-errors')).toEqual([
      {
        severity: 'info',
        code: 'too-many-errors',
        message: 'too many problems: only the first 1,000 in this file are shown',
        file: 'main.ft',
        at: '1001:11-1001:12',
        text: 'a',
      },
    ]);
    expect(model.hasErrors).toBe(true);
  });

  it('includes the system name', () => {
    const model = load('system shop { needs a }\ncomponent shop { }\ncomponent a { }');
    expect(shown(model, 'duplicate-name').map((d) => d.at)).toEqual(['1:8-1:12', '2:11-2:15']);
  });
});

describe('a system name inside an expression', () => {
  it('is an error at the name', () => {
    const model = load('system shop { needs a }\ngroup g = parallel(a, shop)\ncomponent a { mtbf 10h mttr 1h }');
    expect(shown(model, 'not-a-system')).toEqual([
      {
        severity: 'error',
        code: 'not-a-system',
        message: "'shop' is a system; only components and groups can be used here",
        file: 'main.ft',
        at: '2:23-2:27',
        text: 'shop',
      },
    ]);
  });
});

describe('the reference index', () => {
  const text = 'system s { needs app }\ncomponent app { mtbf 10h mttr 1h needs cache }\ncomponent cache { mtbf 10h mttr 1h }\ngroup g = parallel(app, cache, nope)';
  const model = load(text);

  it('lists every name occurrence in source order, declarations marked', () => {
    expect(referencesOf(model).map((r) => [r.name.text, r.isDeclaration, r.targetKind])).toEqual([
      ['s', true, 'system'],
      ['app', false, 'component'],
      ['app', true, 'component'],
      ['cache', false, 'component'],
      ['cache', true, 'component'],
      ['g', true, 'group'],
      ['app', false, 'component'],
      ['cache', false, 'component'],
      ['nope', false, undefined],
    ]);
  });

  it('finds the occurrence under a cursor and all occurrences of its target (rename)', () => {
    const offset = text.indexOf('cache }');
    const here = referenceAt(model, '/models/main.ft', offset + 2);
    expect(here?.name.text).toBe('cache');
    const all = referencesTo(model, here!.target!);
    expect(all.map((r) => text.slice(r.name.span.start, r.name.span.end))).toEqual(['cache', 'cache', 'cache']);
    expect(all.filter((r) => r.isDeclaration)).toHaveLength(1);
  });

  it('binds an unknown name to nothing', () => {
    const nope = referenceAt(model, '/models/main.ft', text.indexOf('nope'));
    expect(nope?.target).toBeUndefined();
  });

  it('does not report anything on this model but the unknown name', () => {
    expect(shownAll(model).map((d) => d.code)).toEqual(['unknown-name']);
  });
});
