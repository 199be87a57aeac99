import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../server/src/analysis/analysis-diagnostics';
import type { ResolvedModel } from '../../server/src/language/model';
import { canonicalPath, nodeFileHost } from '../../server/src/language/node-file-host';
import { loadModel } from '../../server/src/language/workspace';

const SAMPLES = canonicalPath(resolve(__dirname, '../../samples'));

function modelFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return modelFiles(path);
      return path.endsWith('.ft') ? [path] : [];
    });
}

/** Files that another sample `use`s are parts of that model, not models of their own. */
function usedFiles(files: readonly string[]): Set<string> {
  const used = new Set<string>();
  for (const file of files) {
    for (const match of readFileSync(file, 'utf8').matchAll(/^\s*use\s+"([^"]*)"/gm)) {
      used.add(resolve(dirname(file), match[1]!));
    }
  }
  return used;
}

const allFiles = modelFiles(SAMPLES);
const libraries = usedFiles(allFiles);
const roots = allFiles.filter((f) => !libraries.has(f));
const failing = roots.filter((f) => relative(SAMPLES, f).startsWith('failing/'));
const passing = roots.filter((f) => !failing.includes(f));
const name = (file: string): string => relative(SAMPLES, file);

function load(file: string): ResolvedModel {
  return loadModel(file, nodeFileHost);
}

/** Errors, or everything else (warnings, hints, notes), as `code: message` lines. */
function diagnosticCodes(model: ResolvedModel, kind: 'error' | 'other'): string[] {
  return model.diagnostics.filter((d) => (d.severity === 'error') === (kind === 'error')).map((d) => `${d.code}: ${d.message}`);
}

describe('the sample models', () => {
  it('include the eight required models, a multi-file model and exactly one failing model', () => {
    expect(passing.map(name)).toEqual(
      expect.arrayContaining([
        'web-shop.ft',
        'multi-zone.ft',
        'k8s-control-plane.ft',
        'database-cluster.ft',
        'datacenter-power.ft',
        'tmr-voter.ft',
        'raid6-storage.ft',
        'multi-file/main.ft',
      ]),
    );
    expect(failing.map(name)).toEqual(['failing/single-db.ft']);
    expect(readdirSync(join(SAMPLES, 'failing'))).toEqual(['single-db.ft']);
  });

  it('have kebab-case file names', () => {
    for (const file of allFiles) expect(basename(file)).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*\.ft$/);
  });

  // No warning is kept on purpose: every single point of failure is either
  // redundant or carries an `accept spof` with a reason (silenced in the
  // analysis), and every component has a repair time.
  it.each(passing.map(name))('%s loads with no errors, no warnings and no hints', (sample) => {
    const model = load(join(SAMPLES, sample));
    expect(diagnosticCodes(model, 'error')).toEqual([]);
    expect(diagnosticCodes(model, 'other')).toEqual([]);
  });

  it.each(passing.map(name))('%s has a labelled system, a mission and requirements', (sample) => {
    const model = load(join(SAMPLES, sample));
    const system = model.system!;
    expect(system.label).toBeTruthy();
    expect(system.decl.items.some((item) => item.kind === 'mission')).toBe(true);
    expect(system.requirements.length).toBeGreaterThanOrEqual(2);
  });

  it('the multi-file model is made of its three files, with the default mttr applied to the libraries', () => {
    const model = load(join(SAMPLES, 'multi-file/main.ft'));
    expect([...model.files.keys()].map(name)).toEqual(['multi-file/main.ft', 'multi-file/network.ft', 'multi-file/storage.ft']);
    expect(model.defaultMttr).toBe(4);
    const firewall = model.elements.get('fw_1');
    expect(firewall?.kind === 'component' ? firewall.mttr : undefined).toBe(4);
  });

  it.each([
    ['multi-file/network.ft', ['core_sw_1', 'core_sw_2', 'fw_1', 'fw_2']],
    ['multi-file/storage.ft', ['filer_a', 'filer_b']],
  ])('the library %s loads on its own with no errors; only its parts that rely on the default mttr are flagged', (library, parts) => {
    expect([...libraries].map(name)).toContain(library);
    const model = load(join(SAMPLES, library));
    expect(model.system).toBeUndefined();
    expect(model.diagnostics.map((d) => [d.severity, d.code, d.data?.['name']])).toEqual(
      parts.map((part) => ['warning', 'no-availability', part]),
    );
  });

  it.each(passing.map(name))('%s meets its requirements and has no unaccepted single point of failure', (sample) => {
    const evaluation = evaluateModel(load(join(SAMPLES, sample)));
    expect(evaluation.analysis?.requirements.map((r) => r.ok)).not.toContain(false);
    expect(evaluation.diagnostics.map((d) => `${d.code}: ${d.message}`)).toEqual([]);
  });

  it('the failing model fails both requirements and reports its database as a single point of failure', () => {
    const evaluation = evaluateModel(load(join(SAMPLES, 'failing/single-db.ft')));
    expect(evaluation.diagnostics.map((d) => [d.severity, d.code])).toEqual([
      ['warning', 'spof'],
      ['error', 'requirement-failed'],
      ['error', 'requirement-failed'],
    ]);
    expect(evaluation.analysis!.requirements.map((r) => r.actual)).toEqual([expect.closeTo(4380 / 4384, 12), 0]);
  });

  it('the failing model is valid and has the requirements that fail', () => {
    const model = load(join(SAMPLES, 'failing/single-db.ft'));
    expect(model.hasErrors).toBe(false);
    expect(model.diagnostics).toEqual([]);
    const [availability, tolerance] = model.system!.requirements;
    expect([availability!.metric, availability!.op]).toEqual(['availability', '>=']);
    expect(availability!.target).toBeCloseTo(0.99999, 12);
    expect([tolerance!.metric, tolerance!.op, tolerance!.target]).toEqual(['tolerance', '>=', 1]);
  });
});
