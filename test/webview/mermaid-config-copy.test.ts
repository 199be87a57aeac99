import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { mermaidConfigPatch, patchMermaidChunk } from '../../client/build/mermaid-config-patch.mjs';
import { copyMermaidConfig } from '../../client/src/webview/mermaid-config-copy';
import { ROOT } from './harness';

/** Mermaid's own config API, from the chunk of its ESM build that defines it (unpatched: the test runs in Node). */
interface MermaidConfigApi {
  assignWithDepth_default(dst: object, src: object): object;
  setSiteConfig(config: object): object;
  getConfig(): object;
}

const CHUNKS = join(ROOT, 'node_modules/mermaid/dist/chunks/mermaid.core');
const configChunk = readdirSync(CHUNKS)
  .filter((f) => f.endsWith('.mjs'))
  .map((f) => join(CHUNKS, f))
  .find((f) => /\bvar getConfig = /.test(readFileSync(f, 'utf8')))!;

/** Builds an object with own properties only (also `__proto__`), like JSON-parsed configuration. */
function own(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of entries) Object.defineProperty(result, key, { value, writable: true, enumerable: true, configurable: true });
  return result;
}

const sharedFunction = () => 1;
const key = fc.oneof(fc.constantFrom('a', 'b', 'theme', 'flowchart', '__proto__', 'constructor', 'toString', '0', '1'), fc.string({ maxLength: 4 }));
const leaf = fc.oneof(
  fc.constantFrom<unknown>(null, undefined, NaN, 0, -0, 'x', 'y', true, sharedFunction),
  fc.integer(),
  fc.string({ maxLength: 3 }),
);
/** Configuration-like values four levels deep: objects, arrays (with duplicates and holes), nulls, functions. */
const { config } = fc.letrec<{ config: Record<string, unknown>; value: unknown; list: unknown[] }>((tie) => ({
  config: fc.array(fc.tuple(key, tie('value')), { maxLength: 6 }).map(own),
  list: fc.oneof(fc.array(tie('value'), { maxLength: 5 }), fc.sparseArray(leaf, { maxLength: 5 })),
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('config'), tie('list')),
}));

/**
 * `a` and `b` are the same copy of `source`: same kinds, prototypes, own keys in the same order,
 * array lengths (so the same holes), primitives (`Object.is`), and each object is the source's
 * own object in one exactly where it is in the other. (Not `toStrictEqual`: it compares the
 * `constructor` property, which is a key like any other here.)
 */
function expectSameCopy(a: unknown, b: unknown, source: unknown): void {
  const stack: [unknown, unknown, unknown, string][] = [[a, b, source, '']];
  while (stack.length > 0) {
    const [x, y, s, path] = stack.pop()!;
    if (typeof x !== 'object' || x === null) {
      expect(Object.is(x, y), `${path}: ${String(x)} vs ${String(y)}`).toBe(true);
      continue;
    }
    expect(typeof y === 'object' && y !== null, path).toBe(true);
    const [ox, oy] = [x as Record<string, unknown>, y as Record<string, unknown>];
    expect(Array.isArray(ox), path).toBe(Array.isArray(oy));
    expect(Object.getPrototypeOf(ox), path).toBe(Object.getPrototypeOf(oy));
    expect(ox === s, `${path} shared with the source`).toBe(oy === s);
    expect(Object.keys(ox), path).toEqual(Object.keys(oy));
    if (Array.isArray(ox)) expect(ox.length, path).toBe((oy as unknown as unknown[]).length);
    const from = (typeof s === 'object' && s !== null ? s : {}) as Record<string, unknown>;
    for (const k of Object.keys(ox)) stack.push([ox[k], oy[k], Object.hasOwn(from, k) ? from[k] : undefined, `${path}.${k}`]);
  }
}

describe("copyMermaidConfig: Mermaid's getConfig() copy, made cheap", () => {
  let mermaid: MermaidConfigApi;
  beforeAll(async () => {
    mermaid = (await import(pathToFileURL(configChunk).href)) as MermaidConfigApi;
  });

  it('copies any configuration exactly as Mermaid does: same keys, values, holes, prototypes and sharing', () => {
    fc.assert(
      fc.property(config, (source) => {
        expectSameCopy(copyMermaidConfig(source), mermaid.assignWithDepth_default({}, source), source);
      }),
      { numRuns: 2000 },
    );
  });

  it('follows Mermaid in its quirks: nulls dropped, arrays without duplicates, deep levels shared', () => {
    const deep = { x: 1 };
    const source = own([
      ['gone', null],
      ['list', ['a', 'a', 'b']],
      ['flowchart', { nested: { deep, inner: ['c', 'c'] }, none: null, arrays: ['a', 'a', , 'b'] }],
      ['__proto__', 'ignored'],
    ]);
    const copy = copyMermaidConfig(source) as { flowchart: { nested: { deep: object; inner: string[] }; arrays: string[] } };
    expect(copy).toStrictEqual({ list: ['a', 'b'], flowchart: { nested: { deep, inner: ['c', 'c'] }, arrays: ['a', 'b'] } });
    expect(copy.flowchart).not.toBe(source['flowchart']);
    expect(copy.flowchart.nested.deep).toBe(deep);
    expect(copy.flowchart.nested.inner).toBe((source['flowchart'] as { nested: { inner: string[] } }).nested.inner);
    expectSameCopy(copy, mermaid.assignWithDepth_default({}, source), source);
  });

  it("gives the same result as Mermaid's getConfig() for the preview's real configuration (hundreds of keys)", () => {
    mermaid.setSiteConfig({ theme: 'dark', securityLevel: 'strict', maxTextSize: 10_000_000, flowchart: { htmlLabels: true, useMaxWidth: false } });
    const current = mermaid.getConfig();
    const keys = Object.values(current).reduce<number>((n, v) => n + (typeof v === 'object' && v !== null ? Object.keys(v).length : 1), 0);
    expect(keys).toBeGreaterThan(500);
    expectSameCopy(copyMermaidConfig(current), mermaid.getConfig(), current);
    expect(copyMermaidConfig(current)).toStrictEqual(mermaid.getConfig());
  });
});

describe('the build patch that makes Mermaid use it', () => {
  const chunkText = readFileSync(configChunk, 'utf8');

  it("replaces the body of Mermaid's getConfig() by a call to copyMermaidConfig, and nothing else", () => {
    const patched = patchMermaidChunk(chunkText, '/x/mermaid-config-copy.ts')!;
    expect(patched.startsWith('import { copyMermaidConfig as __faultlineCopyMermaidConfig } from "/x/mermaid-config-copy.ts";\n')).toBe(true);
    expect(patched).toContain('return __faultlineCopyMermaidConfig(currentConfig);');
    expect(patched).not.toContain('return assignWithDepth_default({}, currentConfig);');
    expect(patched.length - chunkText.length).toBe(
      'import { copyMermaidConfig as __faultlineCopyMermaidConfig } from "/x/mermaid-config-copy.ts";\n'.length +
        '__faultlineCopyMermaidConfig(currentConfig)'.length -
        'assignWithDepth_default({}, currentConfig)'.length,
    );
  });

  it('leaves other chunks alone and refuses a getConfig() it does not recognise', () => {
    expect(patchMermaidChunk('var other = 1;')).toBeUndefined();
    expect(() => patchMermaidChunk(chunkText.replace('return assignWithDepth_default({}, currentConfig);', 'return currentConfig;'))).toThrow(
      /Mermaid's getConfig\(\) is not the one/,
    );
  });

  it('patches the webview bundle once, and fails a build that never loads the config chunk', async () => {
    const bundle = await build({
      stdin: { contents: "import mermaid from 'mermaid'; console.log(mermaid.mermaidAPI.getConfig());", resolveDir: ROOT, loader: 'ts' },
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      logLevel: 'silent',
      plugins: [mermaidConfigPatch()],
    });
    expect(bundle.outputFiles[0]!.text).toContain('return copyMermaidConfig(currentConfig);');
    await expect(
      build({ stdin: { contents: 'console.log(1);', loader: 'ts' }, bundle: true, write: false, logLevel: 'silent', plugins: [mermaidConfigPatch()] }),
    ).rejects.toThrow(/patched it 0 times/);
  }, 60_000);
});
