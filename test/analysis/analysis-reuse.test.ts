import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnalysisReuse, sameStructure, structureKey } from '../../server/src/analysis/analysis-reuse';
import { analyzeModel, analyzeModelStaged, type Analysis } from '../../server/src/analysis/figures';
import { compileStructure } from '../../server/src/analysis/structure';
import type { ResolvedModel } from '../../server/src/language/model';
import { loadModel } from '../../server/src/language/workspace';
import { generateServiceModel } from '../bench/generators';
import { memoryHost } from '../support/memory-host';
import { characterEdit, lineEdit, sampleTexts } from '../support/random-edits';

/** An analysis reused between edits (the language server's worker) gives exactly what a fresh one gives. */

const model = (text: string): ResolvedModel => {
  const m = loadModel('/test/model.ft', memoryHost({ '/test/model.ft': text }));
  expect(m.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return m;
};

const shop = (mtbf = '8760h', mttr = '4h', replicas = 3, name = 'db') => `
system shop { needs lb, app, ${name}, gateway  mission 1y }
component lb { mtbf 50000h  mttr 1h }
component app { mtbf 2000h  mttr 30min  replicas ${replicas}  quorum 2  needs ${name} }
component ${name} { mtbf ${mtbf}  mttr ${mttr} }
component gw_a { mtbf 20000h  mttr 2h }
component gw_b { mtbf 20000h  mttr 2h }
group gateway = standby(gw_a, gw_b) { failover 30s }
`;

/** Everything a user sees, without the per-event law functions (compared by reference otherwise). */
const visible = (a: Analysis) => ({ system: a.system, elements: a.elements, requirements: a.requirements, stats: a.stats });

describe('reuse between analyses of one model', () => {
  it('gives exactly the fresh figures after a number edit, a structure edit and a rename', () => {
    const reuse = new AnalysisReuse();
    // 50000h gives db the failure law of lb: their time curves merge, then part again.
    for (const text of [shop(), shop('9000h'), shop('50000h'), shop('9000h'), shop('9000h', '2h'), shop('9000h', '2h', 4), shop('9000h', '2h', 4, 'database')]) {
      const staged = analyzeModelStaged(model(text), { reuse, mttf: 'deferred' });
      const complete = staged.completeMttf()!;
      expect(visible(complete)).toEqual(visible(analyzeModel(model(text))));
    }
  });

  it('gives exactly the fresh element figures when only the diagrams reading a changed event are evaluated again', () => {
    const reuse = new AnalysisReuse();
    let text = generateServiceModel(300, 7).text;
    const laws = [...text.matchAll(/mtbf (\d+)h/g)];
    expect(laws.length).toBeGreaterThan(5);
    for (let i = 0; i < 6; i++) {
      // One failure law, then another: each version differs from the last in one component's events.
      const law = laws[(i * 7) % laws.length]!;
      text = text.replace(law[0], `mtbf ${Number(law[1]) + 100 * (i + 1)}h`);
      const staged = analyzeModelStaged(model(text), { reuse, mttf: 'deferred' });
      expect(visible(staged.completeMttf()!)).toEqual(visible(analyzeModel(model(text))));
    }
  });

  it('computes the system\'s importance again only in the diagrams whose variables changed, exactly as afresh', () => {
    const reuse = new AnalysisReuse();
    let text = generateServiceModel(300, 7).text;
    analyzeModelStaged(model(text), { reuse });
    const memo = reuse.conditionals;
    const diagrams = memo.asked;
    expect(memo.computed).toBe(diagrams);
    // One component's repair time: the modules from its instances up to the system, and no other.
    text = text.replace(/\n  mttr (\d+)min/, (_, minutes: string) => `\n  mttr ${Number(minutes) + 5}min`);
    const staged = analyzeModelStaged(model(text), { reuse });
    expect(memo.asked).toBe(2 * diagrams);
    const again = memo.computed - diagrams;
    expect(again).toBeGreaterThan(0);
    expect(again).toBeLessThan(diagrams / 4);
    expect(visible(staged.completeMttf()!)).toEqual(visible(analyzeModel(model(text))));
    // The same numbers again: every diagram reads its conditionals back.
    analyzeModelStaged(model(text), { reuse });
    expect(memo.computed - diagrams).toBe(again);
  });

  it('names the single points of failure of the current text, not of the text the diagrams were compiled for', () => {
    const reuse = new AnalysisReuse();
    analyzeModelStaged(model(shop()), { reuse });
    const renamed = analyzeModelStaged(model(shop('8760h', '4h', 3, 'database')), { reuse }).analysis;
    expect(renamed.system!.spofs).toContain('database');
    expect(renamed.system!.spofs).not.toContain('db');
  });

  it('keeps the MTTFs when only repair times change, and defers them when a failure law changes', () => {
    const reuse = new AnalysisReuse();
    const first = analyzeModelStaged(model(shop()), { reuse, mttf: 'deferred' });
    expect(first.mttfPending).toBe(true);
    expect(first.analysis.system!.mttf).toBeNull();
    first.completeMttf();

    const repairEdit = analyzeModelStaged(model(shop('8760h', '1h')), { reuse, mttf: 'deferred' });
    expect(repairEdit.mttfPending).toBe(false);
    expect(repairEdit.analysis.system!.mttf).toBe(analyzeModel(model(shop('8760h', '1h'))).system!.mttf);

    const failureEdit = analyzeModelStaged(model(shop('5000h', '1h')), { reuse, mttf: 'deferred' });
    expect(failureEdit.mttfPending).toBe(true);
    expect(failureEdit.completeMttf()!.system!.mttf).toBe(analyzeModel(model(shop('5000h', '1h'))).system!.mttf);
  });

  it('computes the MTTF at once when a requirement is on it, so that the verdicts are final', () => {
    const text = shop().replace('mission 1y', 'mission 1y  require mttf >= 100000h');
    const staged = analyzeModelStaged(model(text), { mttf: 'deferred' });
    expect(staged.mttfPending).toBe(false);
    expect(staged.analysis.system!.mttf).toBeGreaterThan(0);
    expect(staged.analysis.requirements[0]!.actual).toBe(staged.analysis.system!.mttf);
  });

  it('stops the pending MTTFs when asked, and gives them when not', () => {
    const staged = analyzeModelStaged(model(shop()), { mttf: 'deferred' });
    expect(staged.completeMttf(() => true)).toBeUndefined();
    expect(staged.completeMttf(() => false)!.system!.mttf).toBeGreaterThan(0);
  });
});

describe('an analysis in stages: verdicts, then element figures, then MTTFs', () => {
  const text = shop().replace('mission 1y', 'mission 1y  require availability >= 99.99%  require outages <= 1/y');

  it('gives the system figures and final verdicts first, without element figures or the minimal cut sets (count and list)', () => {
    const staged = analyzeModelStaged(model(text), { mttf: 'deferred', details: 'deferred', deferDetailsFromNodes: 0 });
    const fresh = analyzeModel(model(text));
    expect(staged.detailsPending).toBe(true);
    expect(staged.analysis.elements.size).toBe(0);
    expect(staged.analysis.system!.cutSets).toEqual([]);
    expect(staged.analysis.system!.cutSetCount).toBeNull();
    const { cutSets: _, cutSetCount: ___, mttf: __, ...verdictFigures } = fresh.system!;
    expect(staged.analysis.system).toMatchObject(verdictFigures);
    expect(staged.analysis.requirements).toEqual(fresh.requirements);
    expect(staged.analysis.requirements.map((r) => r.ok)).toEqual([false, false]);
  });

  it('then adds every element and the cut sets, then the MTTFs: each the same as one complete analysis', () => {
    const staged = analyzeModelStaged(model(text), { mttf: 'deferred', details: 'deferred', deferDetailsFromNodes: 0 });
    const fresh = analyzeModel(model(text));
    const details = staged.completeDetails()!;
    expect(details.elements.size).toBe(fresh.elements.size);
    expect(details.system!.cutSets).toEqual(fresh.system!.cutSets);
    expect(details.system!.cutSetCount).toBe(fresh.system!.cutSetCount);
    const noMttf = (a: Analysis) => [...a.elements].map(([name, f]) => [name, { ...f, mttf: null, own: { ...f.own, mttf: null } }]);
    expect(noMttf(details)).toEqual(noMttf(fresh));
    expect(visible(staged.completeMttf()!)).toEqual(visible(fresh));
  });

  it('keeps both stages together below the node threshold, and stops a pending stage when asked', () => {
    expect(analyzeModelStaged(model(text), { details: 'deferred', mttf: 'deferred' }).detailsPending).toBe(false);
    const staged = analyzeModelStaged(model(text), { mttf: 'deferred', details: 'deferred', deferDetailsFromNodes: 0 });
    expect(staged.completeDetails(() => true)).toBeUndefined();
    expect(staged.completeMttf(() => true)).toBeUndefined();
    expect(staged.completeDetails(() => false)!.elements.size).toBeGreaterThan(0);
  });
});

describe('the structure key', () => {
  const same = (a: string, b: string): boolean =>
    sameStructure(structureKey(compileStructure(model(a)).graph), structureKey(compileStructure(model(b)).graph));

  it('ignores numbers and sees every change of structure', () => {
    expect(same(shop('1h', '2h'), shop('5000h', '10min'))).toBe(true);
    expect(same(shop('1h', '2h', 4), shop('1h', '2h', 3))).toBe(false);
    expect(same(shop().replace('quorum 2', 'quorum 3'), shop())).toBe(false);
    expect(same(shop().replace('standby(gw_a, gw_b) { failover 30s }', 'parallel(gw_a, gw_b)'), shop())).toBe(false);
    // A renamed element renames its roots: the diagrams are reused only under the same names.
    expect(same(shop('8760h', '4h', 3, 'database'), shop())).toBe(false);
  });
});

describe('the structure kept between edits of the same shape', () => {
  const samples = sampleTexts();
  const load = (text: string): ResolvedModel => loadModel('/test/model.ft', memoryHost({ '/test/model.ft': text }));

  it('is, after any sequence of edits, the structure compiled afresh (property)', () => {
    // Numbers (laws, repair times, betas, replicas, quorums, coverages), or a line (a component, a ccf, a need).
    const edit = fc.oneof(characterEdit(/\d/g, ['1', '3', '9', '25']), lineEdit(['  ccf beta 5%\n', '  replicas 2\n', '  mttr 2h\n', 'component extra { mtbf 100h }\n']));
    fc.assert(
      fc.property(fc.constantFrom(...samples), fc.array(edit, { minLength: 1, maxLength: 8 }), (sample, edits) => {
        const reuse = new AnalysisReuse();
        let text = sample;
        reuse.structureFor(load(text));
        for (const e of edits) {
          text = e(text);
          const m = load(text);
          if (m.hasErrors) continue;
          expect(reuse.structureFor(m)).toEqual(compileStructure(m));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('keeps the graph itself after a number edit, and compiles afresh after a change of shape', () => {
    const reuse = new AnalysisReuse();
    const first = reuse.structureFor(model(shop()));
    const numbers = reuse.structureFor(model(shop('9000h', '2h')));
    expect(numbers.graph).toBe(first.graph);
    expect(numbers.sources).toEqual(compileStructure(model(shop('9000h', '2h'))).sources);
    expect(reuse.structureFor(model(shop('9000h', '2h', 4))).graph).not.toBe(first.graph);
  });
});
