import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPreview, showDiagram, showDiagramTimed, startHarness, textDiagram, type Harness } from './harness';
import { redundantPairs } from './models';

/**
 * How long the preview takes to show a diagram after an edit, in Chromium.
 * Two figures per edit: the script's own render time (Mermaid parse, layout,
 * SVG insertion) and the time from the message to the first frame painted
 * after it (what the user waits for once the extension posts the update).
 * Targets from the product card: ≤ 300 ms up to 50 nodes, ≤ 1.5 s at 300.
 * Every edit changes the drawing (the system's label), so each one is a real
 * Mermaid render, never the "same text" shortcut.
 */
const EDITS = 5;
/** Room for a loaded 2-core CI machine: the printed medians are compared with the targets. */
const CI_MARGIN = 3;
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const list = (xs: readonly number[]) => xs.map((t) => t.toFixed(0)).join(', ');

describe('preview re-render time after an edit', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  for (const [elements, target, maxNodes] of [
    [51, 300, 0],
    [300, 1500, 0],
    [300, 1500, 150],
  ] as const) {
    const how = maxNodes === 0 ? 'every node drawn' : `default maxNodes ${maxNodes}: groups collapsed`;
    it(`re-renders a model of ${elements} elements (${how}) within about ${target} ms`, { timeout: 240_000 }, async () => {
      const page = await openPreview(harness, { width: 1400, height: 900 });
      const groups = Math.round(elements / 3);
      await showDiagram(page, textDiagram(redundantPairs(groups), 1, maxNodes)); // the first render also loads Mermaid's flowchart code
      const script: number[] = [];
      const painted: number[] = [];
      for (let edit = 1; edit <= EDITS; edit++) {
        const time = await showDiagramTimed(page, textDiagram(redundantPairs(groups, edit), edit + 1, maxNodes));
        script.push(time.script);
        painted.push(time.painted);
      }
      const rendered = (await page.evaluate(() => (window as unknown as { __posted: { type: string; reused?: boolean }[] }).__posted)).filter(
        (m) => m.type === 'rendered',
      );
      const nodes = await page.locator('#canvas [data-node-id]').count();
      console.log(
        `preview re-render, ${elements} elements, ${how}, ${nodes} nodes drawn: ` +
          `median ${median(painted).toFixed(0)} ms to the painted frame (runs: ${list(painted)} ms), ` +
          `render ${median(script).toFixed(0)} ms (runs: ${list(script)} ms); target ${target} ms`,
      );
      expect(rendered.map((m) => m.reused)).toEqual(Array.from({ length: EDITS + 1 }, () => false));
      expect(nodes).toBe(maxNodes === 0 ? elements + 1 : groups + 1);
      expect(median(painted)).toBeLessThan(target * CI_MARGIN);
      await page.close();
    });
  }
});
