/**
 * Real fault trees: the Aralia benchmark set (Open-PSA MEF, /work/shared/openpsa/aralia).
 * Top-event probabilities against the published values, minimal cut set counts against the
 * published counts, and the same probability under a second, unrelated variable order.
 */
import { describe, expect, it } from 'vitest';
import { bddNodeCount, compileFaultGraph } from '../../server/src/analysis/bdd';
import { cutSetCount, minimalCutSets } from '../../server/src/analysis/cutsets';
import { rootProbability } from '../../server/src/analysis/probability';
import { relativeError } from './bdd-fixtures';
import { ARALIA_DIR, type MefTree, readMefTree } from './bdd-openpsa';

function tree(name: string): MefTree {
  const read = readMefTree(`${ARALIA_DIR}/${name}.xml`);
  if ('unsupported' in read) throw new Error(`${name}: ${read.unsupported}`);
  return read;
}

/** Published top-event probabilities (NOTICE.md of the data set). */
const PUBLISHED_PROBABILITY: [string, number][] = [
  ['chinese', 1.17058e-3],
  ['baobab2', 7.13018e-4],
  ['ftr10', 4.48677e-1],
  ['isp9606', 5.43174e-2],
];

/** Published numbers of minimal cut sets of the Aralia trees (as listed with the benchmark). */
const PUBLISHED_COUNT: [string, bigint][] = [
  ['baobab1', 46_188n],
  ['baobab2', 4_805n],
  ['chinese', 392n],
  ['das9201', 14_217n],
  ['das9205', 17_280n],
  ['das9209', 82_000_000_000n],
  ['edf9201', 579_720n],
  ['ftr10', 305n],
  ['isp9602', 5_197_647n],
  ['isp9606', 1_776n],
  ['isp9607', 150_436n],
  ['jbd9601', 14_007n],
];

describe('Aralia fault trees', () => {
  it.each(PUBLISHED_PROBABILITY)('gives %s its published top-event probability %d', (name, published) => {
    const t = tree(name);
    const started = performance.now();
    const bdd = compileFaultGraph(t.graph);
    const { failure, success } = rootProbability(bdd, 'top', t.q, t.p);
    console.log(`${name}: ${t.graph.events.length} events, ${bddNodeCount(bdd)} nodes, ${(performance.now() - started).toFixed(0)} ms`);
    // Published to 6 significant digits.
    expect(relativeError(failure, published)).toBeLessThan(5e-6);
    expect(relativeError(failure + success, 1)).toBeLessThan(1e-14);
  });

  it.each(PUBLISHED_COUNT)('counts the published number of minimal cut sets of %s (%s)', (name, published) => {
    const t = tree(name);
    const started = performance.now();
    const count = cutSetCount(minimalCutSets(compileFaultGraph(t.graph), 'top'));
    console.log(`${name}: ${count} minimal cut sets in ${(performance.now() - started).toFixed(0)} ms`);
    expect(count).toBe(published);
  });

  it('gives the same probability and cut set count under the reversed variable order', () => {
    for (const name of ['chinese', 'baobab2', 'das9201', 'das9206', 'das9208', 'edf9205', 'isp9604', 'isp9605']) {
      const started = performance.now();
      const t = tree(name);
      const natural = compileFaultGraph(t.graph);
      const reversed = compileFaultGraph(t.graph, { order: natural.levelToEvent.slice().reverse() });
      const a = rootProbability(natural, 'top', t.q, t.p);
      const b = rootProbability(reversed, 'top', t.q, t.p);
      expect(relativeError(b.failure, a.failure)).toBeLessThan(1e-12);
      expect(relativeError(b.success, a.success)).toBeLessThan(1e-12);
      expect(cutSetCount(minimalCutSets(reversed, 'top'))).toBe(cutSetCount(minimalCutSets(natural, 'top')));
      console.log(`${name} reversed: ${(performance.now() - started).toFixed(0)} ms`);
    }
  });

  it('reports the trees with not/xor as unsupported instead of misreading them', () => {
    expect(readMefTree(`${ARALIA_DIR}/cea9601.xml`)).toHaveProperty('unsupported');
    expect(readMefTree(`${ARALIA_DIR}/das9701.xml`)).toHaveProperty('unsupported');
  });
});
