import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateModel, evaluateModelStaged } from '../../server/src/analysis/analysis-diagnostics';
import { compileModularStaged } from '../../server/src/analysis/modular-bdd';
import { compileStructure, elementRoot, ownRoot, SYSTEM_ROOT } from '../../server/src/analysis/structure';
import type { ResolvedModel } from '../../server/src/language/model';
import { loadModel } from '../../server/src/language/workspace';
import { memoryHost } from '../support/memory-host';

/**
 * An element whose diagram needs more nodes than the limit per element gets
 * no figures and a warning; the analysis goes on, and nothing else changes.
 */

const sample = (name: string): ResolvedModel => {
  const text = fs.readFileSync(path.resolve(__dirname, '../../samples', name), 'utf8');
  return loadModel(`/samples/${name}`, memoryHost({ [`/samples/${name}`]: text }));
};

const NO_FIGURES = { availability: null, unavailability: null, reliability: null, unreliability: null, mttf: null };

describe('the node limit per element', () => {
  it('leaves an element over it without figures, and every other figure as an unlimited analysis gives it', () => {
    const model = sample('k8s-control-plane.ft');
    const full = evaluateModel(model).analysis!;
    const limited = evaluateModel(model, { elementNodeLimit: 16 }).analysis!;
    expect(full.elementsOverLimit).toEqual([]);
    const over = new Set(limited.elementsOverLimit.map((o) => `${o.element}:${o.part}`));
    // Some elements go over, some stay under: the test needs both.
    expect(over.size).toBeGreaterThan(0);
    expect(over.size).toBeLessThan(2 * model.elements.size);
    expect(limited.system).toEqual(full.system);
    expect(limited.requirements).toEqual(full.requirements);
    for (const [name, figures] of full.elements) {
      const got = limited.elements.get(name)!;
      const { own, ...whole } = figures;
      const { own: gotOwn, ...gotWhole } = got;
      expect(gotWhole, name).toEqual(over.has(`${name}:element`) ? NO_FIGURES : whole);
      expect(gotOwn, `${name} alone`).toEqual(over.has(`${name}:own`) ? NO_FIGURES : own);
    }
    for (const o of limited.elementsOverLimit) expect(o.nodeLimit).toBe(16);
  });

  it('tells the element with what it needs from the element alone', () => {
    const limited = evaluateModel(sample('k8s-control-plane.ft'), { elementNodeLimit: 8 }).analysis!;
    const parts = (element: string): string[] => limited.elementsOverLimit.filter((o) => o.element === element).map((o) => o.part);
    // etcd's quorum alone fits in 8 nodes; with the control-plane nodes it runs on, it does not.
    expect(parts('etcd')).toEqual(['element']);
    expect(limited.elements.get('etcd')!.own.availability).not.toBeNull();
    expect(limited.elements.get('etcd')!.availability).toBeNull();
  });

  it('warns once per element, at its name, saying which figures are missing and why', () => {
    const model = sample('k8s-control-plane.ft');
    const { analysis, diagnostics } = evaluateModel(model, { elementNodeLimit: 8 });
    const warnings = diagnostics.filter((d) => d.code === 'element-limit');
    const elements = new Set(analysis!.elementsOverLimit.map((o) => o.element));
    expect(warnings.map((w) => w.data?.element).sort()).toEqual([...elements].sort());
    for (const w of warnings) {
      const element = model.elements.get(String(w.data!.element))!;
      expect(w.severity).toBe('warning');
      expect(w.span).toEqual(element.origin.name.span);
      expect(w.message).toContain('more than 8 nodes, the limit per element');
      expect(w.message).toContain("the system's figures do not depend on it");
    }
    const etcd = warnings.find((w) => w.data?.element === 'etcd')!;
    expect(etcd.message).toMatch(/^figures of 'etcd' not computed/);
    const both = warnings.find((w) => analysis!.elementsOverLimit.filter((o) => o.element === w.data?.element).length === 2)!;
    expect(both.message).toContain('(with its needs and alone)');
  });

  it('never applies to the system: its diagram over the node limit still stops the analysis', () => {
    const model = sample('k8s-control-plane.ft');
    const stopped = evaluateModel(model, { nodeLimit: 4, elementNodeLimit: 2 });
    expect(stopped.analysis).toBeUndefined();
    expect(stopped.diagnostics.map((d) => d.code)).toEqual(['analysis-limit']);
  });

  it('gives the same warnings when the element figures come in a later stage', () => {
    const model = sample('event-streaming.ft');
    const now = evaluateModel(model, { elementNodeLimit: 16 });
    const staged = evaluateModelStaged(model, { elementNodeLimit: 16, details: 'deferred', mttf: 'deferred', deferDetailsFromNodes: 0 });
    expect(staged.detailsPending).toBe(true);
    // The verdicts come first, without the elements: no warning about them yet.
    expect(staged.analysis!.elementsOverLimit).toEqual([]);
    const later = staged.completeMttf()!;
    expect(later.elementsOverLimit).toEqual(now.analysis!.elementsOverLimit);
    expect(later.elements).toEqual(now.analysis!.elements);
  });
});

describe('a modular compilation with a node limit per root', () => {
  it('lists the roots over their limit apart, compiles the others, and shares a failed gate between its roots', () => {
    const { graph } = compileStructure(sample('k8s-control-plane.ft'));
    const limited = compileModularStaged(graph, { rootNodeLimit: (root) => (root === SYSTEM_ROOT ? undefined : 8) }).complete()!;
    const full = compileModularStaged(graph).complete()!;
    expect(limited.overLimit.size).toBeGreaterThan(0);
    for (const name of graph.roots.keys()) {
      // Each root is either compiled or over its limit, never both.
      expect(limited.roots.has(name) !== limited.overLimit.has(name), name).toBe(true);
      if (limited.roots.has(name)) expect(limited.roots.get(name)!.layout.size, name).toBe(full.roots.get(name)!.layout.size);
    }
    expect(limited.roots.has(SYSTEM_ROOT)).toBe(true);
    for (const [name, limit] of limited.overLimit) expect(limit, name).toBe(8);
    expect([...limited.overLimit.keys()].some((name) => name === elementRoot('control_plane') || name === ownRoot('control_plane'))).toBe(true);
  });
});
