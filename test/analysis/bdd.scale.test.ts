/**
 * Scale: a generated service model of ~30,000 instances, analysed through the
 * BDD engine with the answers checked against an independent closed form.
 * Timings are logged (they vary with the machine); the bounds asserted are
 * loose enough for a slow CI runner yet catch an accidental blow-up.
 */
import { describe, expect, it } from 'vitest';
import { bddNodeCount, compileFaultGraph } from '../../server/src/analysis/bdd';
import { cutSetCount, minimalCutSets, mostProbableCutSets } from '../../server/src/analysis/cutsets';
import { importanceMeasures } from '../../server/src/analysis/importance';
import { allRootProbabilities, rootProbability } from '../../server/src/analysis/probability';
import { minimumCutWeight, singleEventCutSets } from '../../server/src/analysis/tolerance';
import { relativeError } from './bdd-fixtures';
import { closedForm, serviceModel } from './bdd-service-model';

function timed<T>(label: string, timings: string[], run: () => T): T {
  const started = performance.now();
  const result = run();
  timings.push(`${label} ${(performance.now() - started).toFixed(0)} ms`);
  return result;
}

describe('BDD engine at scale', () => {
  it('analyses a 30,000-instance service model (4,600 services, quorums, shared needs) exactly', () => {
    const model = serviceModel([300, 600, 900, 1300, 1500], 20260101);
    const eventCount = model.graph.events.length;
    expect(eventCount).toBeGreaterThan(29_000);
    const timings: string[] = [];
    const started = performance.now();
    const bdd = timed('compile', timings, () => compileFaultGraph(model.graph));
    const { failure, success } = timed('probability', timings, () => rootProbability(bdd, 'system', model.q, model.p));
    timed('probability again', timings, () => rootProbability(bdd, 'system', model.q, model.p));
    const measures = timed('importance', timings, () => importanceMeasures(bdd, 'system', model.q, model.p));
    const family = timed('minimal cut sets', timings, () => minimalCutSets(bdd, 'system'));
    const count = timed('count', timings, () => cutSetCount(family));
    const best = timed('top 100', timings, () =>
      mostProbableCutSets(family, model.q, 100, (a, b) => a.length - b.length || a.join().localeCompare(b.join())),
    );
    const tolerance = timed('tolerance', timings, () => minimumCutWeight(bdd, 'system', new Int32Array(eventCount).fill(1)));
    const spofs = timed('spofs', timings, () => singleEventCutSets(bdd, 'system'));
    const elements = timed(`all ${bdd.roots.size} roots`, timings, () => allRootProbabilities(bdd, model.q, model.p));
    const total = performance.now() - started;
    console.log(
      `service model: ${eventCount} events, ${model.graph.gates.length} gates, ${bddNodeCount(bdd)} BDD nodes ` +
        `(${bdd.manager.store.nodeCount} created); ${timings.join(', ')}; total ${total.toFixed(0)} ms; ` +
        `${count} cut sets`,
    );

    const expected = closedForm(model);
    expect(relativeError(failure, expected.failure)).toBeLessThan(1e-9);
    expect(relativeError(success, expected.success)).toBeLessThan(1e-9);
    expect(measures.Q).toBe(failure);
    expect(measures.P).toBe(success);

    // Every element root against its own closed form.
    model.services.forEach((_, s) => {
      const element = elements.get(`s${s}`)!;
      const own = closedForm(model, [s]);
      expect(relativeError(element.failure, own.failure)).toBeLessThan(1e-9);
      expect(relativeError(element.success, own.success)).toBeLessThan(1e-9);
    });
    expect(elements.get('system')).toEqual({ failure, success });

    // Cut sets: per reached service, the C(n, m) ways to lose its quorum (m = n − quorum + 1).
    let expectedCount = 0n;
    let smallest = Infinity;
    const expectedSpofs: number[] = [];
    for (const s of expected.reached) {
      const { replicas, quorum, firstEvent } = model.services[s]!;
      const m = replicas - quorum + 1;
      let choose = 1n;
      for (let i = 1; i <= m; i++) choose = (choose * BigInt(replicas - m + i)) / BigInt(i);
      expectedCount += choose;
      smallest = Math.min(smallest, m);
      if (m === 1) for (let r = 0; r < replicas; r++) expectedSpofs.push(firstEvent + r);
    }
    expect(count).toBe(expectedCount);
    expect(tolerance).toBe(smallest);
    expect(spofs).toEqual(expectedSpofs.sort((a, b) => a - b));
    expect(best).toHaveLength(100);
    for (let i = 1; i < best.length; i++) expect(best[i]!.probability).toBeLessThanOrEqual(best[i - 1]!.probability * (1 + 1e-12));
    // The best cut set: the most probable single quorum loss, m events of one service.
    const bestService = expected.reached
      .map((s) => model.services[s]!)
      .reduce((a, b) => (b.q ** (b.replicas - b.quorum + 1) > a.q ** (a.replicas - a.quorum + 1) ? b : a));
    expect(relativeError(best[0]!.probability, bestService.q ** (bestService.replicas - bestService.quorum + 1))).toBeLessThan(1e-12);
    // A loose bound, to catch a blow-up on a slow shared runner; the log shows the real figures.
    expect(total).toBeLessThan(30_000);
  });
});
