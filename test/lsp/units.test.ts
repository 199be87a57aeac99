import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../server/src/language/workspace';
import { tokenize } from '../../server/src/language/lexer';
import { diagnostic } from '../../server/src/language/diagnostics';
import { runAnalysisJob, type AnalysisJob } from '../../server/src/lsp/analysis-job';
import { completionPlace } from '../../server/src/lsp/completion-context';
import { tokenAt, tokensAround } from '../../server/src/lsp/tokens';
import { applyEdit, insertItem, removeDeclaration } from '../../server/src/lsp/edits';
import { relocateEngineDiagnostics } from '../../server/src/lsp/relocate';
import { readSettings } from '../../server/src/lsp/settings';
import { matches } from '../../server/src/lsp/symbols';
import { WorkerRunner } from '../../server/src/lsp/worker-runner';
import { Project } from '../../server/src/lsp/project';
import type { AnalysisRunner, RunningAnalysis } from '../../server/src/lsp/analysis-runner';
import type { ComponentDecl } from '../../server/src/language/ast';
import { generateLinesModel, generateServiceModel } from '../bench/generators';
import { buildServerBundle } from './harness';
import { sampleTexts } from '../support/random-edits';

const load = (text: string) => loadModel('mem:/m.ft', { readFile: (u) => (u === 'mem:/m.ft' ? text : undefined), resolve: (_f, p) => `mem:/${p}` });
const componentDecl = (text: string, name: string): ComponentDecl => {
  const element = load(text).elements.get(name);
  if (element?.kind !== 'component') throw new Error(`no component ${name}`);
  return element.decl;
};

describe('settings', () => {
  it('reads the VS Code section, a wrapped section and flat dotted keys alike', () => {
    expect(readSettings({ mission: '30d', inlayHints: { enabled: false } }).settings).toMatchObject({ missionOverride: 720, inlayHints: false });
    expect(readSettings({ faultline: { mission: '1y' } }).settings.missionOverride).toBe(8760);
    expect(readSettings({ 'faultline.mission': '2w', 'faultline.inlayHints.enabled': false }).settings).toMatchObject({ missionOverride: 336, inlayHints: false });
  });

  it('keeps the previous value and reports a problem for a bad mission', () => {
    const { settings, problems } = readSettings({ mission: '30 parsecs' }, { missionOverride: 24, inlayHints: true, timeBudgetMs: 1000, debounceMs: 5, elementNodeLimit: undefined });
    expect(settings.missionOverride).toBe(24);
    expect(problems).toHaveLength(1);
    expect(readSettings({ mission: '' }, settings).settings.missionOverride).toBeUndefined();
  });

  it('reads the node limit per element: a whole number of at least 1, null for the default, anything else a problem', () => {
    expect(readSettings({ faultline: { analysis: { elementNodeLimit: 5000 } } }).settings.elementNodeLimit).toBe(5000);
    expect(readSettings({ 'faultline.analysis.elementNodeLimit': 64 }).settings.elementNodeLimit).toBe(64);
    const kept = readSettings({ analysis: { elementNodeLimit: 64 } }).settings;
    for (const bad of [0, -1, 2.5, '5000']) {
      const { settings, problems } = readSettings({ analysis: { elementNodeLimit: bad } }, kept);
      expect(settings.elementNodeLimit, String(bad)).toBe(64);
      expect(problems, String(bad)).toEqual(['faultline.analysis.elementNodeLimit: expected a whole number of at least 1']);
    }
    expect(readSettings({ analysis: { elementNodeLimit: null } }, kept).settings.elementNodeLimit).toBeUndefined();
  });
});

describe('component body edits', () => {
  const text = 'component a {\n  mtbf 1h   // fast\n}\ncomponent b { mtbf 1h }\ncomponent c {}\n';

  it('adds an item on its own line in a multi-line body, after a trailing comment', () => {
    const edit = insertItem({ uri: 'mem:/m.ft', text, syntax: load(text).files.get('mem:/m.ft')!.syntax, uses: [] }, componentDecl(text, 'a'), 'mttr 1h')!;
    expect(applyEdit(text, edit).split('\n').slice(0, 4)).toEqual(['component a {', '  mtbf 1h   // fast', '  mttr 1h', '}']);
  });

  it('adds an item inline in a one-line body, and inside an empty one', () => {
    const file = { uri: 'mem:/m.ft', text, syntax: load(text).files.get('mem:/m.ft')!.syntax, uses: [] };
    expect(applyEdit(text, insertItem(file, componentDecl(text, 'b'), 'mttr 1h')!).split('\n')[3]).toBe('component b { mtbf 1h  mttr 1h }');
    expect(applyEdit(text, insertItem(file, componentDecl(text, 'c'), 'mttr 1h')!).split('\n')[4]).toBe('component c { mttr 1h }');
  });

  it('removes a declaration with its line, or only itself when it shares the line', () => {
    const file = { uri: 'mem:/m.ft', text, syntax: load(text).files.get('mem:/m.ft')!.syntax, uses: [] };
    expect(applyEdit(text, removeDeclaration(file, componentDecl(text, 'b').span))).toBe('component a {\n  mtbf 1h   // fast\n}\ncomponent c {}\n');
    const shared = 'component x { mtbf 1h } component y { mtbf 1h }\n';
    const sharedFile = { uri: 'mem:/m.ft', text: shared, syntax: load(shared).files.get('mem:/m.ft')!.syntax, uses: [] };
    expect(applyEdit(shared, removeDeclaration(sharedFile, componentDecl(shared, 'y').span))).toBe('component x { mtbf 1h } \n');
  });
});

describe('moving the previous verdicts onto a newer text', () => {
  it('follows a component by name and a requirement by its index in the system, and drops what is gone', () => {
    const before = load('system s {\n  needs a\n  require availability >= 99.99%\n}\ncomponent a { mtbf 1h  mttr 1h }\n');
    const after = load('// moved down\nsystem s {\n  needs a\n  require availability >= 99.9%\n}\ncomponent a { mtbf 2h  mttr 1h }\n');
    const spof = diagnostic('warning', 'spof', 'spof', 'mem:/m.ft', before.elements.get('a')!.origin.name.span, { data: { event: 'a' } });
    const requirement = diagnostic('error', 'requirement-failed', 'req', 'mem:/m.ft', before.system!.requirements[0]!.span, { data: { requirement: 0 } });
    const gone = diagnostic('warning', 'spof', 'spof', 'mem:/m.ft', { start: 0, end: 1 }, { data: { event: 'b' } });
    const moved = relocateEngineDiagnostics([spof, requirement, gone], before, after);
    expect(moved.map((d) => [d.code, d.span])).toEqual([
      ['spof', after.elements.get('a')!.origin.name.span],
      ['requirement-failed', after.system!.requirements[0]!.span],
    ]);
  });
});

describe('what can be typed at the cursor', () => {
  const place = (text: string) => {
    const offset = text.indexOf('|');
    const source = text.replace('|', '');
    return completionPlace(load(source).files.get('mem:/m.ft')!.syntax, tokenize(source).tokens, offset);
  };

  it('knows item starts, values, expressions and units', () => {
    expect(place('group g = standby(a, b) {\n  |\n}')).toEqual({ kind: 'item', declaration: 'group', standby: true });
    expect(place('component a {\n  mtbf |\n}')).toEqual({ kind: 'none' });
    expect(place('component a {\n  needs b, |\n}')).toEqual({ kind: 'expression', afterNeeds: true, groupHead: false });
    expect(place('group g = |')).toEqual({ kind: 'expression', afterNeeds: false, groupHead: true });
    expect(place('group g = parallel(a, |')).toEqual({ kind: 'expression', afterNeeds: false, groupHead: false });
    expect(place('component a {\n  rate 3|\n}')).toMatchObject({ kind: 'unit', expects: 'rate' });
    expect(place('component a {\n  coverage 9|\n}')).toMatchObject({ kind: 'unit', expects: 'probability' });
    expect(place('system s {\n  require downtime <= 4|\n}')).toMatchObject({ kind: 'unit', expects: 'duration' });
    expect(place('system s {\n  require |\n}')).toMatchObject({ kind: 'words' });
    expect(place('component a { mtbf 1h }\n|')).toEqual({ kind: 'top-level' });
  });

  it('is the same from the tokens of the declaration around the cursor as from the whole file\'s, at every offset of the samples', () => {
    for (const text of sampleTexts()) {
      const file = load(text).files.get('mem:/m.ft')!;
      const whole = tokenize(text).tokens;
      for (let offset = 0; offset <= text.length; offset++) {
        const around = tokensAround(file, offset);
        expect(completionPlace(file.syntax, around, offset)).toEqual(completionPlace(file.syntax, whole, offset));
        expect(tokenAt(around, offset)).toEqual(tokenAt(whole, offset));
      }
    }
  });

  it('matches workspace symbols by a case-insensitive subsequence', () => {
    expect(matches('dbp', 'db_primary')).toBe(true);
    expect(matches('DB', 'db_primary')).toBe(true);
    expect(matches('pdb', 'db_primary')).toBe(false);
  });
});

/** A runner on the bundled worker, disposed whatever happens. */
async function withRunner(test: (runner: WorkerRunner) => Promise<void>, graceMs?: number): Promise<void> {
  const server = await buildServerBundle();
  const runner = new WorkerRunner(join(dirname(server), 'analysis-worker.js'), graceMs);
  try {
    await test(runner);
  } finally {
    runner.dispose();
  }
}

describe('the project and its runs', () => {
  const text = 'system s { needs a }\ncomponent a { mtbf 1000h  mttr 1h }\n';
  const never = new Promise<never>(() => {});

  /** A project over `runner`, no debounce, with `uri` open at version 1 and its first run started; `refreshes` counts figure refreshes. */
  async function openedProject(uri: string, runner: AnalysisRunner): Promise<{ project: Project; refreshes: () => number }> {
    let refreshes = 0;
    const project = new Project(runner, { publish: () => {}, figuresChanged: () => refreshes++, analysed: () => {}, detailed: () => {} });
    project.updateSettings({ ...project.settings, debounceMs: 0 });
    project.open(uri, text, 1);
    project.sync();
    await new Promise((resolve) => setTimeout(resolve, 20));
    return { project, refreshes: () => refreshes };
  }

  /** A runner whose runs give the verdicts of `uri`'s complete analysis with the element figures pending, then `details`. */
  function pendingRunner(uri: string, details: Promise<undefined>) {
    const complete = runAnalysisJob({ rootUri: uri, files: [[uri, text]], resolutions: [], missionOverride: undefined, elementNodeLimit: undefined });
    const pending = { ...complete, snapshot: { ...complete.snapshot!, detailsState: 'pending' as const, elements: new Map() } };
    const runner: AnalysisRunner = {
      start: (): RunningAnalysis => ({ result: Promise.resolve({ kind: 'done', outcome: pending, elapsedMs: 1 }), details, completion: details, cancel: () => {} }),
      dispose: () => {},
    };
    return { complete, runner };
  }

  it('stops the stale run the moment an edit arrives, before re-parsing the file', async () => {
    const uri = 'file:///stale/model.ft';
    const runs: { cancelled: boolean }[] = [];
    const runner: AnalysisRunner = {
      start: (): RunningAnalysis => {
        const run = { cancelled: false };
        runs.push(run);
        return { result: never, details: never, completion: never, cancel: () => (run.cancelled = true) };
      },
      dispose: () => {},
    };
    const { project } = await openedProject(uri, runner);
    expect(runs.map((r) => r.cancelled)).toEqual([false]);
    project.change(uri, [{ text: text.replace('1h', '2h') }], 2);
    // No sync yet (no parse of version 2): the stale run is already told to stop, and (after a pause) the new
    // version's run has started, on the last model's files with the new text.
    expect(runs.map((r) => r.cancelled)).toEqual([true, false]);
    // The new version's job is that same job: the run is kept, not started again.
    project.sync();
    expect(runs.map((r) => r.cancelled)).toEqual([true, false]);
    // An edit that breaks the model: its early run is stopped once the parse shows the errors.
    await new Promise((resolve) => setTimeout(resolve, 20));
    project.change(uri, [{ text: text.replace('1h', '2 parsecs') }], 3);
    expect(runs.map((r) => r.cancelled)).toEqual([true, true, false]);
    project.sync();
    expect(runs.map((r) => r.cancelled)).toEqual([true, true, true]);
    project.dispose();
  });

  it('shows a large model\'s system figures while its element figures are still coming, when nothing was shown before', async () => {
    const uri = 'file:///pending/model.ft';
    const { complete, runner } = pendingRunner(uri, never);
    const { project } = await openedProject(uri, runner);
    const ctx = project.context(uri)!;
    expect(ctx.figures?.system?.availability).toBe(complete.snapshot!.system!.availability);
    expect(ctx.figures?.elements.size).toBe(0);
    expect(ctx.figuresCurrent).toBe(true);
    project.dispose();
  });

  it('says when the element figures were stopped by the time budget after the verdicts', async () => {
    const uri = 'file:///stopped/model.ft';
    // Nothing more comes: the budget stopped the element figures.
    const { complete, runner } = pendingRunner(uri, Promise.resolve(undefined));
    const { project, refreshes } = await openedProject(uri, runner);
    const ctx = project.context(uri)!;
    expect(ctx.figures?.detailsState).toBe('stopped');
    expect(ctx.figures?.system?.availability).toBe(complete.snapshot!.system!.availability);
    expect(refreshes()).toBeGreaterThanOrEqual(2);
    project.dispose();
  });
});

describe('the worker runner', () => {
  const job = (text: string): AnalysisJob => ({ rootUri: 'mem:/w.ft', files: [['mem:/w.ft', text]], resolutions: [], missionOverride: undefined, elementNodeLimit: undefined });
  const model = 'system s { needs a }\ncomponent a { mtbf 1000h  mttr 1h }\n';
  /** 60 Weibull components: the MTTF integration takes long enough to be overtaken, the figures long enough to time out at 0 ms. */
  const weibulls = (scale: number): string => {
    const names = Array.from({ length: 60 }, (_, i) => `c${i}`);
    const components = names.map((name, i) => `component ${name} { weibull shape ${1 + (i % 7) / 2} scale ${i === 0 ? scale : 1000 + i}h  mttr 1h }`);
    return [`system s { needs ${names.join(', ')} }`, ...components].join('\n');
  };

  /**
   * A run parsing 200,000 lines (one step without a checkpoint: 0.4 s warm on the CI machine, 0.7 s cold), 100 ms
   * into its parse. The worker is warmed first, so that the stop cannot arrive while it is still starting (before
   * its first checkpoint); the runners of these tests have a grace period of 50 ms, which the parse outlasts.
   */
  async function hugeRunUnderway(runner: WorkerRunner): Promise<RunningAnalysis> {
    const warm = runner.start(job(model), 30_000);
    expect((await warm.result).kind).toBe('done');
    // Its worker is free (and warm) only once its element figures and MTTFs are done.
    await warm.completion;
    const huge = runner.start(job(generateLinesModel(200_000, 3)), 30_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    return huge;
  }

  it('analyses in a worker, and stops a run over budget or cancelled without losing the warm worker', async () => {
    await withRunner(async (runner) => {
      const firstRun = runner.start(job(model), 30_000);
      const first = await firstRun.result;
      expect(first.kind).toBe('done');
      if (first.kind === 'done') expect(first.outcome.snapshot?.system?.availability).toBeCloseTo(1000 / 1001, 12);
      await firstRun.completion;
      const second = await runner.start(job(model), 30_000).result;
      expect(second.kind).toBe('done');
      expect(await runner.start(job(weibulls(1234)), 0).result).toEqual({ kind: 'timeout', budgetMs: 0 });
      const running = runner.start(job(weibulls(4321)), 30_000);
      running.cancel();
      expect(await running.result).toEqual({ kind: 'cancelled' });
      expect((await runner.start(job(model), 30_000).result).kind).toBe('done');
      // Stopped at a checkpoint, not terminated: the one worker started at the beginning did everything.
      expect(runner.spawned).toBe(1);
    });
  }, 60_000);

  it('terminates the worker of a stopped run that does not reach a checkpoint within the grace period, and carries on', async () => {
    await withRunner(async (runner) => {
      const huge = await hugeRunUnderway(runner);
      huge.cancel();
      expect(await huge.result).toEqual({ kind: 'cancelled' });
      expect((await runner.start(job(model), 30_000).result).kind).toBe('done');
      expect(runner.spawned).toBe(2);
    }, 50);
  }, 60_000);

  it('moves the runs queued on a worker that has to go: the one still wanted is analysed on another worker', async () => {
    await withRunner(async (runner) => {
      const huge = await hugeRunUnderway(runner);
      huge.cancel();
      // Queued behind the huge run's stop, then itself made stale by the next version, queued behind it in turn.
      const stale = runner.start(job(model.replace('1h', '2h')), 30_000);
      stale.cancel();
      const fresh = runner.start(job(model), 30_000);
      expect(await stale.result).toEqual({ kind: 'cancelled' });
      const result = await fresh.result;
      if (result.kind !== 'done') throw new Error(`expected done, got ${result.kind}`);
      expect(result.outcome.snapshot?.system?.availability).toBeCloseTo(1000 / 1001, 12);
      expect(runner.spawned).toBe(2);
    }, 50);
  }, 60_000);

  it('sends the figures first and the MTTFs after, the same as one complete run', async () => {
    await withRunner(async (runner) => {
      const run = runner.start(job(model), 30_000);
      const first = await run.result;
      if (first.kind !== 'done') throw new Error(`expected done, got ${first.kind}`);
      expect(first.outcome.snapshot?.mttfState).toBe('pending');
      expect(first.outcome.snapshot?.system?.mttf).toBeNull();
      const complete = await run.completion;
      expect(complete?.snapshot?.mttfState).toBe('computed');
      expect(complete?.snapshot?.system?.mttf).toBe(runAnalysisJob(job(model)).snapshot?.system?.mttf);
      expect(complete?.snapshot?.system?.mttf).toBeCloseTo(1000, 6);
      // An mttr edit: the worker kept the diagrams and the MTTFs, so they come with the figures.
      const repaired = await runner.start(job(model.replace('mttr 1h', 'mttr 2h')), 30_000).result;
      if (repaired.kind !== 'done') throw new Error(`expected done, got ${repaired.kind}`);
      expect(repaired.outcome.snapshot?.mttfState).toBe('computed');
      expect(repaired.outcome.snapshot?.system?.mttf).toBeCloseTo(1000, 6);
    });
  }, 60_000);

  it('on a large model sends the verdicts first, then the element figures, then the MTTFs, each as one complete run gives them', async () => {
    // About 25,000 diagram nodes: over the threshold from which element figures follow the verdicts.
    const large = generateServiceModel(3000, 7).text;
    const complete = runAnalysisJob(job(large)).snapshot!;
    await withRunner(async (runner) => {
      const run = runner.start(job(large), 60_000);
      const first = await run.result;
      if (first.kind !== 'done') throw new Error(`expected done, got ${first.kind}`);
      expect(first.outcome.snapshot?.detailsState).toBe('pending');
      expect(first.outcome.snapshot?.elements.size).toBe(0);
      expect(first.outcome.snapshot?.system?.availability).toBe(complete.system?.availability);
      expect(first.outcome.snapshot?.system?.spofs).toEqual(complete.system?.spofs);
      const details = await run.details;
      expect(details?.snapshot?.detailsState).toBe('computed');
      expect(details?.snapshot?.mttfState).toBe('pending');
      expect(details?.snapshot?.elements.size).toBe(complete.elements.size);
      expect(details?.snapshot?.system?.cutSets).toEqual(complete.system?.cutSets);
      expect((await run.completion)?.snapshot?.system).toEqual(complete.system);
      expect(runner.spawned).toBe(1);
    });
  }, 90_000);

  it('queues the next version on the worker of the run being stopped at once: it runs while this thread is busy', async () => {
    await withRunner(async (runner) => {
      // How long the verdicts of a large model take on the warm worker (a first model warms it up).
      const large = (seed: number): AnalysisJob => job(generateLinesModel(10_000, seed));
      const first = runner.start(large(4), 60_000);
      await first.result;
      first.cancel();
      const second = runner.start(large(5), 60_000);
      const measured = await second.result;
      second.cancel();
      if (measured.kind !== 'done') throw new Error(`expected done, got ${measured.kind}`);
      const stale = runner.start(job(weibulls(1000)), 60_000);
      expect((await stale.result).kind).toBe('done');
      // The stale run is computing its MTTFs; the next version arrives, then this thread is busy (parsing, say)
      // for longer than the worker needs to stop the stale run and analyse the new one.
      stale.cancel();
      const fresh = runner.start(large(6), 60_000);
      const busyUntil = performance.now() + 2 * measured.elapsedMs + 500;
      while (performance.now() < busyUntil);
      const free = performance.now();
      expect((await fresh.result).kind).toBe('done');
      // Its answer was waiting: a job posted only now, once this thread hears that the stale run stopped, would
      // still take the whole analysis.
      expect(performance.now() - free).toBeLessThan(measured.elapsedMs / 2);
      expect(runner.spawned).toBe(1);
    });
  }, 60_000);

  it('stops the MTTFs of a stale version, and runs the next version on the same warm worker', async () => {
    await withRunner(async (runner) => {
      const stale = runner.start(job(weibulls(1000)), 30_000);
      expect((await stale.result).kind).toBe('done');
      stale.cancel();
      const fresh = runner.start(job(weibulls(2000)), 30_000);
      expect(await stale.completion).toBeUndefined();
      expect((await fresh.result).kind).toBe('done');
      const complete = await fresh.completion;
      expect(complete?.snapshot?.system?.mttf).toBe(runAnalysisJob(job(weibulls(2000))).snapshot?.system?.mttf);
      expect(runner.spawned).toBe(1);
    });
  }, 60_000);
});
