import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  OUTPUT,
  openPreview,
  posted,
  sampleDiagram,
  send,
  setTheme,
  showDiagram,
  startHarness,
  textDiagram,
  violations,
  type Harness,
} from './harness';
import { redundantPairs } from './models';

/** The fill Chromium computed for a node's shape, by the model name it was drawn for. */
async function fillOf(page: Page, nodeId: string): Promise<string> {
  return page.evaluate((id) => {
    const shape = document.querySelector(`[data-node-id="${id}"] > rect, [data-node-id="${id}"] > path, [data-node-id="${id}"] > polygon`);
    return shape ? getComputedStyle(shape).fill : 'none';
  }, nodeId);
}

async function drawnNodeIds(page: Page): Promise<string[]> {
  return page.evaluate(() => Array.from(document.querySelectorAll('#canvas [data-node-id]'), (e) => e.getAttribute('data-node-id')!).sort());
}

function idOf(diagram: ReturnType<typeof sampleDiagram>, name: string): string {
  const node = diagram.nodes.find((n) => n.name === name);
  if (!node) throw new Error(`no node named ${name}`);
  return node.id;
}

describe('the preview webview in Chromium', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('draws the web shop sample: one node per element, replicas as one node, groups as boxes, SPOFs in red', async () => {
    const page = await openPreview(harness);
    const diagram = sampleDiagram('samples/web-shop.ft');
    await showDiagram(page, diagram);

    expect(await drawnNodeIds(page)).toEqual(diagram.nodes.map((n) => n.id).sort());
    expect(diagram.nodes.map((n) => n.name).sort()).toEqual(['app', 'cache', 'db', 'dns', 'edge', 'lb_a', 'lb_b', 'shop']);
    const text = await page.locator('#canvas').innerText();
    expect(text).toContain('app ×6 (3 needed)');
    expect(text).toContain('Web shop storefront');
    expect(await page.locator(`[data-node-id="${idOf(diagram, 'edge')}"]`).getAttribute('class')).toContain('cluster');

    for (const spof of ['cache', 'db', 'dns']) {
      expect(await page.locator(`[data-node-id="${idOf(diagram, spof)}"]`).getAttribute('class')).toContain('spof');
      expect(await fillOf(page, idOf(diagram, spof))).toBe('rgb(253, 226, 225)');
    }
    expect(await page.locator(`[data-node-id="${idOf(diagram, 'lb_a')}"]`).getAttribute('class')).not.toContain('spof');
    expect(await fillOf(page, idOf(diagram, 'lb_a'))).not.toBe('rgb(253, 226, 225)');
    expect(await violations(page)).toEqual([]);
    await page.screenshot({ path: join(OUTPUT, 'web-shop-light.png') });
    await page.close();
  });

  it('follows the editor theme: dark and high contrast change the colours', async () => {
    const page = await openPreview(harness);
    const diagram = sampleDiagram('samples/web-shop.ft');
    await showDiagram(page, diagram);
    const lbA = idOf(diagram, 'lb_a');
    const light = { node: await fillOf(page, lbA), background: await page.evaluate(() => getComputedStyle(document.body).backgroundColor) };

    const renders = (await posted(page)).filter((m) => m.type === 'rendered').length;
    await setTheme(page, 'vscode-dark');
    await page.waitForFunction((n) => document.querySelector('#canvas')?.getAttribute('data-render-count') === String(n + 1), renders);
    const dark = { node: await fillOf(page, lbA), background: await page.evaluate(() => getComputedStyle(document.body).backgroundColor) };
    expect(dark.node).not.toBe(light.node);
    expect(dark.background).toBe('rgb(31, 31, 31)');
    expect(light.background).toBe('rgb(255, 255, 255)');
    // SPOFs stay red in every theme.
    expect(await fillOf(page, idOf(diagram, 'dns'))).toBe('rgb(253, 226, 225)');
    await page.screenshot({ path: join(OUTPUT, 'web-shop-dark.png') });

    await setTheme(page, 'vscode-high-contrast');
    await page.waitForFunction((n) => document.querySelector('#canvas')?.getAttribute('data-render-count') === String(n + 2), renders);
    expect(await fillOf(page, lbA)).toBe('rgb(0, 0, 0)');
    await page.screenshot({ path: join(OUTPUT, 'web-shop-high-contrast.png') });
    await page.close();
  });

  it('renders a label that looks like HTML as text, and runs no script from it', async () => {
    const page = await openPreview(harness);
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs++;
      void dialog.dismiss();
    });
    const diagram = textDiagram(
      [
        'system s "<script>window.__pwned = 1</script>" { needs web }',
        'component web "<img src=x onerror=alert(1)>" { mtbf 1000h  mttr 1h }',
      ].join('\n'),
    );
    await showDiagram(page, diagram);
    const text = await page.locator('#canvas').innerText();
    expect(text).toContain('<img src=x onerror=alert(1)>');
    expect(text).toContain('<script>window.__pwned = 1</script>');
    expect(await page.locator('#canvas img').count()).toBe(0);
    expect(await page.locator('#canvas script').count()).toBe(0);
    await page.waitForTimeout(200);
    expect(dialogs).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.screenshot({ path: join(OUTPUT, 'injected-label.png') });
    await page.close();
  });

  it('keeps the last good diagram while the model has errors, with a banner', async () => {
    const page = await openPreview(harness);
    const good = textDiagram('system s { needs a }\ncomponent a { mtbf 1000h  mttr 1h }\n', 1);
    await showDiagram(page, good);
    expect(await page.locator('#banner').isHidden()).toBe(true);

    const broken = textDiagram('system s { needs a, b }\ncomponent a { mtbf 1000h  mttr 1h }\ncomponent b { mtbf }\n', 2);
    expect(broken.hasErrors).toBe(true);
    await send(page, { type: 'diagram', diagram: broken });
    await expect.poll(() => page.locator('#banner').isVisible()).toBe(true);
    expect(await page.locator('#banner').innerText()).toContain('showing the last valid diagram');
    expect(await page.locator('#canvas').getAttribute('data-version')).toBe('1');
    await page.screenshot({ path: join(OUTPUT, 'errors-banner.png') });

    const fixed = textDiagram('system s { needs a, b }\ncomponent a { mtbf 1000h  mttr 1h }\ncomponent b { mtbf 50h  mttr 1h }\n', 3);
    await showDiagram(page, fixed);
    expect(await page.locator('#banner').isHidden()).toBe(true);
    expect(await page.locator('#canvas').innerText()).toContain('b');
    await page.close();
  });

  it('keeps pan and zoom when the diagram updates after an edit', async () => {
    const page = await openPreview(harness);
    await showDiagram(page, textDiagram(redundantPairs(3), 1));
    await page.click('button[data-action="zoom-in"]');
    await page.click('button[data-action="zoom-in"]');
    await page.mouse.move(500, 500);
    await page.mouse.down();
    await page.mouse.move(430, 460, { steps: 5 });
    await page.mouse.up();
    const before = await page.locator('#canvas').evaluate((e) => (e as HTMLElement).style.transform);
    expect(before).toContain('scale(1.5625)');

    const edited = textDiagram(redundantPairs(4), 2);
    await showDiagram(page, edited);
    expect(await page.locator('#canvas').evaluate((e) => (e as HTMLElement).style.transform)).toBe(before);
    expect(await drawnNodeIds(page)).toEqual(edited.nodes.map((n) => n.id).sort());
    await page.close();
  });

  it('keeps the drawn SVG when an update brings the same diagram text (a new version, figures unchanged)', async () => {
    const page = await openPreview(harness);
    const diagram = textDiagram(redundantPairs(3), 1);
    await showDiagram(page, diagram);
    await page.locator('#canvas svg').evaluate((svg) => svg.setAttribute('data-first', 'yes'));
    const broken = textDiagram('system s { needs a }\ncomponent a { mtbf }\n', 2);
    await send(page, { type: 'diagram', diagram: broken });
    await expect.poll(() => page.locator('#banner').isVisible()).toBe(true);

    await showDiagram(page, { ...diagram, version: 3 });
    const rendered = (await posted(page)).filter((m) => m.type === 'rendered');
    expect(rendered.map((m) => m.type === 'rendered' && m.reused)).toEqual([false, true]);
    expect(await page.locator('#canvas svg').getAttribute('data-first')).toBe('yes');
    expect(await page.locator('#canvas').getAttribute('data-version')).toBe('3');
    expect(await page.locator('#canvas').getAttribute('data-render-count')).toBe('1');
    expect(await page.locator('#banner').isHidden()).toBe(true);
    await page.close();
  });

  it('redraws the newest diagram, not an older one, when the theme changes during a render', async () => {
    const page = await openPreview(harness);
    await showDiagram(page, textDiagram(redundantPairs(2), 1));
    const newer = textDiagram(redundantPairs(30), 2);
    await send(page, { type: 'diagram', diagram: newer });
    await setTheme(page, 'vscode-dark');
    await page.waitForFunction(() => document.querySelector('#canvas')?.getAttribute('data-render-count') === '3', undefined, { timeout: 60_000 });
    await page.waitForTimeout(300);
    expect(await page.locator('#canvas').getAttribute('data-render-count')).toBe('3');
    expect(await page.locator('#canvas').getAttribute('data-version')).toBe('2');
    expect(await drawnNodeIds(page)).toEqual(newer.nodes.map((n) => n.id).sort());
    expect(await page.evaluate(() => document.body.getAttribute('data-theme'))).toBe('dark');
    await page.close();
  });

  it('reports a click on a node so the editor can reveal its declaration', async () => {
    const page = await openPreview(harness);
    const diagram = sampleDiagram('samples/web-shop.ft');
    await showDiagram(page, diagram);
    await page.click(`[data-node-id="${idOf(diagram, 'cache')}"]`);
    expect((await posted(page)).filter((m) => m.type === 'reveal')).toEqual([{ type: 'reveal', nodeId: idOf(diagram, 'cache') }]);
    await page.close();
  });

  it('highlights the node under the editor cursor, also across re-renders', async () => {
    const page = await openPreview(harness);
    const diagram = sampleDiagram('samples/web-shop.ft');
    await showDiagram(page, diagram);
    const db = idOf(diagram, 'db');
    await send(page, { type: 'highlight', nodeId: db });
    await expect.poll(() => page.locator('.fl-highlight').getAttribute('data-node-id')).toBe(db);
    expect(await page.locator('.fl-highlight').evaluate((e) => getComputedStyle(e).filter)).toContain('drop-shadow');
    await page.screenshot({ path: join(OUTPUT, 'highlight.png') });
    const renders = await page.locator('#canvas').getAttribute('data-render-count');
    await showDiagram(page, { ...diagram, mermaid: `${diagram.mermaid}%% an edit elsewhere\n`, version: 2 });
    expect(await page.locator('#canvas').getAttribute('data-render-count')).toBe(String(Number(renders) + 1));
    expect(await page.locator('.fl-highlight').getAttribute('data-node-id')).toBe(db);
    await send(page, { type: 'highlight', nodeId: null });
    await expect.poll(() => page.locator('.fl-highlight').count()).toBe(0);
    await page.close();
  });

  it('exports the diagram as a standalone SVG and as a PNG', async () => {
    const page = await openPreview(harness);
    await showDiagram(page, sampleDiagram('samples/web-shop.ft'));
    await send(page, { type: 'export', requestId: 1, format: 'svg' });
    await send(page, { type: 'export', requestId: 2, format: 'png' });
    await expect.poll(async () => (await posted(page)).filter((m) => m.type === 'exported').length, { timeout: 10_000 }).toBe(2);
    const exported = (await posted(page)).filter((m) => m.type === 'exported');
    const svg = exported.find((m) => m.type === 'exported' && m.format === 'svg');
    const png = exported.find((m) => m.type === 'exported' && m.format === 'png');
    if (svg?.type !== 'exported' || png?.type !== 'exported') throw new Error('missing export');
    expect(svg.data.startsWith('<?xml')).toBe(true);
    expect(svg.data).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svg.data).toContain('Managed PostgreSQL');
    expect(png.data.startsWith('data:image/png;base64,')).toBe(true);
    const bytes = Buffer.from(png.data.slice(png.data.indexOf(',') + 1), 'base64');
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(bytes.readUInt32BE(16)).toBeGreaterThan(400); // width, drawn at 2×
    writeFileSync(join(OUTPUT, 'export.svg'), svg.data);
    writeFileSync(join(OUTPUT, 'export.png'), new Uint8Array(bytes));
    await page.close();
  });

  it('collapses groups into single nodes beyond maxNodes and says so', async () => {
    const page = await openPreview(harness);
    const diagram = textDiagram(redundantPairs(20), 1, 30);
    expect(diagram.collapsed).toBe(true);
    await showDiagram(page, diagram);
    expect(await page.locator('#note').isVisible()).toBe(true);
    expect(await drawnNodeIds(page)).toHaveLength(21); // 20 groups + the system
    expect(await page.locator('#canvas').innerText()).toContain('2 elements inside');
    await page.screenshot({ path: join(OUTPUT, 'collapsed.png') });
    await page.close();
  });
});
