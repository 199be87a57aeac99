import { describe, expect, it } from 'vitest';
import { eventRows, snapshotOf } from '../../server/src/lsp/analysis-snapshot';
import { analyzeText } from '../support/analyze-text';

/** The figures as they cross from the analysis worker to the server. */

const shop = (db: string) => `
system shop { needs lb, app, db  mission 30d }
component lb { mtbf 50000h  mttr 1h }
component app { mtbf 2000h  mttr 30min  replicas 3  quorum 2  ccf beta 5% }
component db { ${db} }
`;
const { analysis } = analyzeText(shop('mtbf 8760h  mttr 4h'));

describe('the analysis snapshot', () => {
  it('gives each event the figures and importance the engine computed, by name, in the structure order', () => {
    // As the worker sends it: a structured clone.
    const snapshot = structuredClone(snapshotOf(analysis));
    const rows = eventRows(snapshot.events, ['db', 'app[2]', 'app[1]', 'ccf(app)', 'nothing']);
    const order = analysis.events.map((e) => e.event.name).filter((name) => ['db', 'app[2]', 'app[1]', 'ccf(app)'].includes(name));
    expect(rows.map((r) => r.name)).toEqual(order);
    expect(order).toHaveLength(4);
    for (const row of rows) {
      const i = analysis.events.findIndex((e) => e.event.name === row.name);
      const event = analysis.events[i]!;
      const importance = analysis.system!.importance[i]!;
      expect(row.q).toBe(event.figures.q);
      expect(row.reliability).toBe(event.figures.reliability(analysis.mission));
      expect(row.unreliability).toBe(event.figures.unreliability(analysis.mission));
      expect(row.birnbaum).toBe(importance.birnbaum);
      expect(row.raw).toBe(importance.raw);
    }
  });

  it('says "none" where a figure does not exist: no steady state without a repair, no availability importance then', () => {
    const rows = eventRows(snapshotOf(analyzeText(shop('mtbf 8760h')).analysis).events, ['db']);
    expect(rows[0]!.q).toBeUndefined();
    expect(rows[0]!.birnbaum).toBeNull();
  });

  it('carries the per-event figures as typed arrays, so that they cross the worker boundary in one copy', () => {
    const { events } = snapshotOf(analysis);
    for (const column of [events.q, events.reliability, events.unreliability, events.birnbaum, events.raw]) {
      expect(column).toBeInstanceOf(Float64Array);
      expect(column.length).toBe(analysis.events.length);
    }
  });
});
