/**
 * The batched pass of the MTTF quadrature (ring of slots, kept entries) and
 * its helper thread, against the plain single pass over the whole layout.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BatchedSuccessHelper } from '../../server/src/analysis/batched-success-helper';
import { compileModular } from '../../server/src/analysis/modular-bdd';
import { BATCH_WIDTH, BatchedSuccess, batchedPlan, combinedLayout, evaluateCombined, STOP_CHECK_ENTRIES, type CombinedLayout } from '../../server/src/analysis/modular-probability';
import { compileStructure } from '../../server/src/analysis/structure';
import { loadModel } from '../../server/src/language/workspace';
import { generateServiceModel } from '../bench/generators';
import { memoryHost } from '../support/memory-host';

/** The combined layout of a generated service model: thousands of small diagrams, modules among them. */
function serviceLayout(instances: number): CombinedLayout {
  const { text } = generateServiceModel(instances, 7);
  const model = loadModel('/m.ft', memoryHost({ '/m.ft': text }));
  return combinedLayout(compileModular(compileStructure(model).graph));
}

/** Four deterministic probability vectors over the layout's events (q, and p = 1 − q). */
function columns(layout: CombinedLayout): { q: Float64Array; p: Float64Array }[] {
  return Array.from({ length: BATCH_WIDTH }, (_, b) => {
    const q = Float64Array.from({ length: layout.eventCount }, (_, e) => ((e * 7919 + b * 104729) % 1000) / 1000 / (b + 1) ** 3);
    return { q, p: q.map((x) => 1 - x) };
  });
}

function fill(batch: BatchedSuccess, vectors: { q: Float64Array; p: Float64Array }[]): void {
  vectors.forEach(({ q, p }, b) => {
    for (let e = 0; e < q.length; e++) {
      batch.q[e * BATCH_WIDTH + b] = q[e]!;
      batch.p[e * BATCH_WIDTH + b] = p[e]!;
    }
  });
}

function expectKeptMatchSinglePasses(batch: BatchedSuccess, layout: CombinedLayout, keep: readonly number[], vectors: { q: Float64Array; p: Float64Array }[]): void {
  vectors.forEach(({ q, p }, b) => {
    const single = evaluateCombined(layout, q, p);
    keep.forEach((entry, k) => expect(batch.kept[k * BATCH_WIDTH + b]).toBe(single.success[entry]));
  });
}

const helpers: BatchedSuccessHelper[] = [];
afterEach(() => helpers.splice(0).forEach((h) => h.close()));

describe('the batched pass over a ring of slots', () => {
  const layout = serviceLayout(300);
  const keep = [...new Set(layout.rootEntry.values())].sort((a, b) => a - b);
  const vectors = columns(layout);

  it('holds far fewer slots than the layout has entries, and still gives every kept root exactly the single pass', () => {
    const plan = batchedPlan(layout, keep);
    expect((plan.mask + 1) * 8).toBeLessThan(layout.size);
    const batch = new BatchedSuccess(plan);
    fill(batch, vectors);
    batch.run();
    expectKeptMatchSinglePasses(batch, layout, keep, vectors);
  });

  it('keeps each root\'s failure too when asked, exactly as the single pass computes it (not as 1 − success)', () => {
    const batch = new BatchedSuccess(batchedPlan(layout, keep, undefined, undefined, true));
    fill(batch, vectors);
    batch.run();
    vectors.forEach(({ q, p }, b) => {
      const single = evaluateCombined(layout, q, p);
      keep.forEach((entry, k) => expect(batch.keptFailure[k * BATCH_WIDTH + b]).toBe(single.failure[entry]));
    });
  });

  it('serves an entry kept twice (two roots, one diagram) in both places', () => {
    const twice = [keep[keep.length - 1]!, ...keep];
    const batch = new BatchedSuccess(batchedPlan(layout, twice));
    fill(batch, vectors);
    batch.run();
    for (let b = 0; b < BATCH_WIDTH; b++) expect(batch.kept[b]).toBe(batch.kept[keep.length * BATCH_WIDTH + b]);
    expectKeptMatchSinglePasses(batch, layout, twice, vectors);
  });
});

describe('the helper thread of the MTTF quadrature', () => {
  const layout = serviceLayout(300);
  const keep = [...new Set(layout.rootEntry.values())].sort((a, b) => a - b);
  const vectors = columns(layout);

  it('gives, pass after pass, exactly what the pass gives on this thread', async () => {
    const helper = BatchedSuccessHelper.start(batchedPlan(layout, keep))!;
    helpers.push(helper);
    expect(helper).toBeDefined();
    // Let the thread boot, so that it (not this thread) claims the passes.
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (let round = 0; round < 3; round++) {
      const shifted = vectors.map(({ q }) => {
        const moved = q.map((x) => x / (round + 1));
        return { q: moved, p: moved.map((x) => 1 - x) };
      });
      fill(helper.batch, shifted);
      helper.start();
      // This thread would claim a pass the helper has not woken up for yet: give it the time the real caller spends on its own pass.
      const deadline = Date.now() + 5_000;
      while (helper.passesByThread === round && Date.now() < deadline);
      helper.finish();
      expect(helper.alive).toBe(true);
      expectKeptMatchSinglePasses(helper.batch, layout, keep, shifted);
    }
    expect(helper.passesByThread).toBe(3);
  });

  it('runs a pass here when the thread has not claimed it, so nothing waits on a thread that is gone', () => {
    const helper = BatchedSuccessHelper.start(batchedPlan(layout, keep))!;
    helper.close();
    fill(helper.batch, vectors);
    helper.start();
    helper.finish();
    expect(helper.passesByThread).toBe(0);
    expectKeptMatchSinglePasses(helper.batch, layout, keep, vectors);
  });

  it('is not started when FAULTLINE_THREADS=1', () => {
    process.env.FAULTLINE_THREADS = '1';
    try {
      expect(BatchedSuccessHelper.start(batchedPlan(layout, keep))).toBeUndefined();
    } finally {
      delete process.env.FAULTLINE_THREADS;
    }
  });
});

describe('a batched pass told to stop', () => {
  /** "Any of n events fails" as one chain diagram: a single kept root at the end of n entries, no module stop in between. */
  function chainLayout(n: number): CombinedLayout {
    const size = n + 2;
    const event = new Int32Array(size).fill(-1);
    const lo = new Int32Array(size);
    const hi = new Int32Array(size);
    lo[1] = hi[1] = 1;
    for (let i = 2; i < size; i++) {
      event[i] = i - 2;
      lo[i] = i === 2 ? 0 : i - 1;
      hi[i] = 1;
    }
    return { event, lo, hi, size, moduleRoot: new Int32Array(0), modulesEnd: 2, diagramStart: Int32Array.of(2, size), rootEntry: new Map([['any', size - 1]]), eventCount: n, variableCount: n };
  }

  it('asks every STOP_CHECK_ENTRIES (65,536) entries, even inside one diagram, and ends early when told', () => {
    const n = 300_000;
    const layout = chainLayout(n);
    const batch = new BatchedSuccess(batchedPlan(layout, [layout.size - 1]));
    for (let i = 0; i < n * BATCH_WIDTH; i++) {
      batch.q[i] = 1e-6;
      batch.p[i] = 1 - 1e-6;
    }
    let asked = 0;
    expect(batch.run(() => (asked++, false))).toBe(true);
    expect(asked).toBe(Math.floor(n / STOP_CHECK_ENTRIES));
    // Every event must work: (1 − 1e-6)^n.
    expect(batch.kept[0]).toBeCloseTo(Math.pow(1 - 1e-6, n), 12);
    asked = 0;
    expect(batch.run(() => (asked++, true))).toBe(false);
    expect(asked).toBe(1);
    expect(batch.run()).toBe(true);
    expect(batch.kept[0]).toBeCloseTo(Math.pow(1 - 1e-6, n), 12);
  });
});
