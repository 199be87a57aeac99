/**
 * The system's minimal cut sets on a second thread (dist/cut-set-worker.js,
 * built by `npm test` before the tests run): the very families this thread
 * computes, and this thread doing the work itself when the other cannot
 * answer.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { BddNodeLimitError } from '../../server/src/analysis/bdd-node-store';
import { answerCutSetProblem, bundledCutSetWorker, type CutSetReply, startCutSetThread } from '../../server/src/analysis/cut-set-thread';
import { analyzeModel, analyzeModelStaged } from '../../server/src/analysis/figures';
import { compileModular, type ModularDiagrams } from '../../server/src/analysis/modular-bdd';
import { cutSetProblem, modularCutSetCount, modularMinimalCutSets, type ModularCutSets } from '../../server/src/analysis/modular-cutsets';
import { compileStructure } from '../../server/src/analysis/structure';
import { importOpenPsa } from '../../server/src/cli/import/openpsa';
import type { ResolvedModel } from '../../server/src/language/model';
import { loadModel } from '../../server/src/language/workspace';
import { generateServiceModel } from '../bench/generators';
import { memoryHost } from '../support/memory-host';
import { ARALIA_DIR } from './bdd-openpsa';

const script = bundledCutSetWorker(path.resolve('dist'));

function serviceDiagrams(instances: number, seed: number): ModularDiagrams {
  const { text } = generateServiceModel(instances, seed);
  return compileModular(compileStructure(loadModel('/m.ft', memoryHost({ '/m.ft': text }))).graph);
}

function expectSameFamilies(actual: ModularCutSets, expected: ModularCutSets): void {
  const arrays = (c: ModularCutSets): unknown[] =>
    [c.root, ...c.moduleFamilies].map((f) => (f === undefined ? undefined : [f.size, f.root, [...f.event], [...f.level], [...f.lo], [...f.hi]]));
  expect(actual.eventCount).toBe(expected.eventCount);
  expect(arrays(actual)).toEqual(arrays(expected));
}

describe('minimal cut sets on a second thread', () => {
  it('finds the worker bundled by the build', () => {
    expect(script).toBeDefined();
    expect(bundledCutSetWorker(mkdtempSync(path.join(tmpdir(), 'faultline-')))).toBeUndefined();
  });

  it.each([
    [300, 7],
    [3_000, 11],
  ])('gives the very families this thread computes (service model of %i instances, seed %i)', (instances, seed) => {
    const m = serviceDiagrams(instances, seed);
    const inFlight = startCutSetThread(script!, m, 'system', { fromEntries: 0 });
    expect(inFlight).toBeDefined();
    expectSameFamilies(inFlight!.take(), modularMinimalCutSets(m, 'system'));
  });

  it('is not started for small diagrams', () => {
    const m = serviceDiagrams(300, 7);
    expect(startCutSetThread(script!, m, 'system')).toBeUndefined();
  });

  it('does the work here when the thread never answers', () => {
    const silent = path.join(mkdtempSync(path.join(tmpdir(), 'faultline-')), 'silent.js');
    writeFileSync(silent, '// a thread that starts and never counts\n');
    const m = serviceDiagrams(300, 7);
    const inFlight = startCutSetThread(silent, m, 'system', { fromEntries: 0, silenceMs: 200 });
    const started = Date.now();
    expectSameFamilies(inFlight!.take(), modularMinimalCutSets(m, 'system'));
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('does the work here when no thread can run the script', () => {
    const m = serviceDiagrams(300, 7);
    const inFlight = startCutSetThread(path.join(tmpdir(), 'no-such-worker.js'), m, 'system', { fromEntries: 0, silenceMs: 200 });
    expect(modularCutSetCount(inFlight!.take())).toBe(modularCutSetCount(modularMinimalCutSets(m, 'system')));
  });

  it('answers a node limit as the same error this thread would throw', () => {
    const m = serviceDiagrams(300, 7);
    const { port1, port2 } = new MessageChannel();
    const state = new Int32Array(new SharedArrayBuffer(8));
    answerCutSetProblem(state, port2, cutSetProblem(m, 'system', { nodeLimit: 10 }));
    const reply = receiveMessageOnPort(port1)?.message as CutSetReply;
    port1.close();
    expect(reply).toEqual({ kind: 'node-limit', limit: 10 });
    expect(() => modularMinimalCutSets(m, 'system', { nodeLimit: 10 })).toThrow(BddNodeLimitError);
  });

  /** jbd9601 (Aralia): its system diagram is large enough for the thread. */
  function jbd9601(): ResolvedModel {
    const file = path.join(ARALIA_DIR, 'jbd9601.xml');
    const imported = importOpenPsa(readFileSync(file, 'utf8'), file);
    if (!imported.ok) throw new Error('jbd9601 did not import');
    return loadModel('/tree.ft', memoryHost({ '/tree.ft': imported.text }));
  }

  it('brings the count with the details in a staged analysis: the verdicts never wait for it', () => {
    const staged = analyzeModelStaged(jbd9601(), { details: 'deferred', mttf: 'deferred', deferDetailsFromNodes: 0, cutSetWorker: script! });
    expect(staged.detailsPending).toBe(true);
    expect(staged.analysis.system!.cutSetCount).toBeNull();
    expect(staged.analysis.system!.spofs.length).toBeGreaterThan(0);
    expect(staged.completeDetails()!.system!.cutSetCount).toBe(14007n);
  });

  it('after a stop, gives the details asked for again at once (no thread of the stopped run is awaited)', () => {
    const staged = analyzeModelStaged(jbd9601(), { details: 'deferred', mttf: 'deferred', deferDetailsFromNodes: 0, cutSetWorker: script! });
    expect(staged.completeDetails(() => true)).toBeUndefined();
    const started = Date.now();
    expect(staged.completeDetails()!.system!.cutSetCount).toBe(14007n);
    // A thread ended but still awaited would be given up only after 10 s of silence.
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('leaves an Aralia tree’s analysis unchanged (jbd9601: its system diagram is large enough for the thread)', () => {
    const model = jbd9601();
    const probe = startCutSetThread(script!, compileModular(compileStructure(model).graph), 'system');
    expect(probe).toBeDefined();
    probe!.cancel();
    const here = analyzeModel(model);
    const threaded = analyzeModel(model, { cutSetWorker: script! });
    expect(threaded.system!.cutSetCount).toBe(14007n);
    expect(threaded.system).toEqual(here.system);
    expect([...threaded.elements]).toEqual([...here.elements]);
  });
});
