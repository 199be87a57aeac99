import { mkdtempSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalPath, nodeFileHost } from '../../server/src/language/node-file-host';
import { loadModel } from '../../server/src/language/workspace';
import { load, memoryHost, only, show, shown, shownAll } from './validate-support';

const fixtures = resolve(__dirname, '../fixtures');

describe('a model split over files (test/fixtures/multi-file, from disk)', () => {
  const root = canonicalPath(join(fixtures, 'multi-file/main.ft'));
  const model = loadModel(root, nodeFileHost);

  it('loads the root and every used file once, root first, depth-first', () => {
    expect([...model.files.keys()].map((uri) => uri.slice(root.length - 'main.ft'.length))).toEqual([
      'main.ft',
      'network.ft',
      'shared/common.ft',
      'storage.ft',
    ]);
    expect(model.files.get(root)?.uses).toEqual([join(fixtures, 'multi-file/network.ft'), join(fixtures, 'multi-file/storage.ft')]);
  });

  it('resolves names across files, with the default mttr of the root system for all', () => {
    expect(model.hasErrors).toBe(false);
    expect(model.system?.needs).toEqual([
      { kind: 'ref', name: 'edge' },
      { kind: 'ref', name: 'store' },
      { kind: 'ref', name: 'power' },
    ]);
    const lb = model.elements.get('lb_a');
    expect(lb?.kind === 'component' && lb.mttr).toBe(2);
    expect(lb?.origin.uri).toBe(join(fixtures, 'multi-file/network.ft'));
  });

  it("ignores a used file's system, with a hint at the use line", () => {
    const model2 = loadModel(root, nodeFileHost);
    expect(shownAll(model2)).toEqual([
      {
        severity: 'hint',
        code: 'use-system-ignored',
        message: "system 'storage_only' in 'storage.ft' is ignored: only the root file's system is analysed",
        file: 'main.ft',
        at: '4:1-4:17',
        text: 'use "storage.ft"',
      },
    ]);
    expect(model2.elements.has('storage_only')).toBe(false);
  });

  it('reads each file once even when two files use it', () => {
    const host = { ...nodeFileHost, reads: [] as string[] };
    const counting = { readFile: (uri: string) => (host.reads.push(uri), nodeFileHost.readFile(uri)), resolve: nodeFileHost.resolve };
    loadModel(root, counting);
    expect(host.reads.filter((uri) => uri.endsWith('common.ft'))).toHaveLength(1);
  });
});

describe('use', () => {
  it('resolves paths relative to the using file', () => {
    const model = load('use "lib/a.ft"\nsystem s { needs a, b }', {
      '/models/lib/a.ft': 'use "../b.ft"\ncomponent a { mtbf 10h mttr 1h }',
      '/models/b.ft': 'component b { mtbf 10h mttr 1h }',
    });
    expect(shownAll(model)).toEqual([]);
    expect([...model.files.keys()]).toEqual(['/models/main.ft', '/models/lib/a.ft', '/models/b.ft']);
  });

  it('reports a missing file at the use line', () => {
    const model = load('use "nope.ft"\nsystem s { needs a }\ncomponent a { mtbf 10h mttr 1h }');
    const d = only(model, 'use-not-found');
    expect(show(model, d)).toMatchObject({ message: "cannot find 'nope.ft' (looked for /models/nope.ft)", at: '1:1-1:14', text: 'use "nope.ft"' });
    expect(d.data).toEqual({ path: 'nope.ft' });
    expect(model.hasErrors).toBe(true);
  });

  it('reports a use cycle at the use that closes it, with the chain (from disk)', () => {
    const a = canonicalPath(join(fixtures, 'use-cycle/a.ft'));
    const model = loadModel(a, nodeFileHost);
    const d = only(model, 'use-cycle');
    expect(show(model, d)).toMatchObject({ message: 'use cycle: a.ft → b.ft → c.ft → a.ft', file: 'c.ft', at: '1:1-1:11', text: 'use "a.ft"' });
    expect(d.related?.map((r) => r.message)).toEqual(["'a.ft' uses 'b.ft' here", "'b.ft' uses 'c.ft' here"]);
    expect(model.files.size).toBe(3);
    expect(shownAll(model).map((x) => x.code)).toEqual(['use-cycle']);
  });

  it('reports a file that uses itself', () => {
    const model = load('use "main.ft"\ncomponent a { }');
    expect(shown(model, 'use-cycle').map((d) => d.message)).toEqual(['use cycle: main.ft → main.ft']);
  });

  it('makes names visible only through use, transitively', () => {
    const model = load('use "a.ft"\nsystem s { needs a, c }', {
      '/models/a.ft': 'use "c.ft"\ncomponent a { mtbf 10h mttr 1h needs b }',
      '/models/b.ft': 'component b { mtbf 10h mttr 1h }',
      '/models/c.ft': 'component c { mtbf 10h mttr 1h }',
    });
    // b.ft is not part of the model at all: nobody uses it.
    expect(shownAll(model).map((d) => [d.code, d.message, d.file])).toEqual([['unknown-name', "unknown name 'b'", 'a.ft']]);
  });

  it("explains a name declared in a file the looking file does not use", () => {
    const model = load('use "a.ft"\nuse "b.ft"\nsystem s { needs a }', {
      '/models/a.ft': 'component a { mtbf 10h mttr 1h needs b }',
      '/models/b.ft': 'component b { mtbf 10h mttr 1h }',
    });
    const d = only(model, 'unknown-name');
    expect(show(model, d)).toMatchObject({
      message: "unknown name 'b' ('b' is declared in 'b.ft', which this file does not use)",
      file: 'a.ft',
      text: 'b',
    });
    expect(d.data).toEqual({ declaredIn: '/models/b.ft' });
  });

  it('reports names declared in two files of the model at both places', () => {
    const model = load('use "a.ft"\ncomponent x { }', { '/models/a.ft': 'component x { }' });
    expect(shown(model, 'duplicate-name').map((d) => [d.file, d.at])).toEqual([
      ['main.ft', '2:11-2:12'],
      ['a.ft', '1:11-1:12'],
    ]);
  });
});

describe('systems', () => {
  it('allows one system in the root file: a second one is an error at its name', () => {
    const model = load('system a { needs c }\nsystem b { needs c }\ncomponent c { mtbf 10h mttr 1h }');
    const d = only(model, 'multiple-systems');
    expect(show(model, d)).toMatchObject({ message: "a model has one system; 'b' is a second one", at: '2:8-2:9' });
    expect(d.related?.[0]?.message).toBe("the system 'a' is declared here");
    expect(model.system?.name).toBe('a');
  });
});

describe('an unreadable root file', () => {
  it('gives a model with one error and no throw', () => {
    const model = loadModel('/nowhere/x.ft', memoryHost({}));
    expect(shownAll(model)).toEqual([
      { severity: 'error', code: 'file-not-found', message: "cannot read '/nowhere/x.ft'", file: 'x.ft', at: '1:1-1:1', text: '' },
    ]);
    expect(model.elements.size).toBe(0);
    expect(model.system).toBeUndefined();
  });
});

describe('the disk host', () => {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-ws-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('identifies files by real path, so a symlinked file is loaded once', () => {
    mkdirSync(join(dir, 'lib'));
    writeFileSync(join(dir, 'lib/common.ft'), 'component power { mtbf 10h mttr 1h }\n');
    symlinkSync(join(dir, 'lib/common.ft'), join(dir, 'alias.ft'));
    writeFileSync(join(dir, 'main.ft'), 'use "lib/common.ft"\nuse "alias.ft"\nsystem s { needs power }\n');
    const model = loadModel(canonicalPath(join(dir, 'main.ft')), nodeFileHost);
    expect(shownAll(model)).toEqual([]);
    expect(model.files.size).toBe(2);
  });

  it('reads nothing for a missing file or a directory', () => {
    expect(nodeFileHost.readFile(join(dir, 'missing.ft'))).toBeUndefined();
    expect(nodeFileHost.readFile(dir)).toBeUndefined();
    expect(nodeFileHost.resolve(join(dir, 'main.ft'), 'x/../y.ft')).toBe(join(canonicalPath(dir), 'y.ft'));
  });
});
