// End-to-end: the packaged extension in a real VS Code (code-server 4.100.3,
// VS Code 1.100.3) driven through Debian's Chromium. Run with `npm run test:e2e`
// (it packages the .vsix first). Screenshots go to test-output/e2e/.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { codeServerBinary, freshProfile, installExtension, startCodeServer } from './code-server.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = join(ROOT, 'test-output', 'e2e');
const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const STEP = { timeout: 90_000 };

let codeServer;
let browser;
let page;
let profile;
let workspace;

/** The preview's own document, inside VS Code's webview iframes. */
const preview = () => page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');

async function shot(name) {
  await page.screenshot({ path: join(OUT, `${name}.png`) });
}

async function openFile(relative) {
  const parts = relative.split('/');
  for (const folder of parts.slice(0, -1)) {
    const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: folder }).first();
    if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
  }
  const name = parts[parts.length - 1];
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first().dblclick();
  await page.locator('.tab.active', { hasText: name }).waitFor();
  await page.locator('.monaco-editor .view-lines').first().waitFor();
}

async function runCommand(title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

async function goToLine(line, column = 1) {
  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget input').waitFor();
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
}

/** Polls `read` until `done(value)` holds or `timeout` ms pass; returns the last value. */
async function settle(read, done, timeout = 30_000) {
  let value = await read();
  for (const deadline = Date.now() + timeout; !done(value) && Date.now() < deadline; value = await read()) {
    await page.waitForTimeout(250);
  }
  return value;
}

/** The 1-based line of the first line that contains `text` in a workspace file. */
function lineOf(relative, text) {
  return readFileSync(join(workspace, relative), 'utf8').split('\n').findIndex((l) => l.includes(text)) + 1;
}

async function cursorLine() {
  const status = await page.locator('[id="status.editor.selection"]').innerText();
  return Number(/Ln (\d+)/.exec(status)?.[1]);
}

describe('the Faultline extension in VS Code', () => {
  before(async () => {
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium`);
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
    const vsix = join(ROOT, `faultline-${version}.vsix`);
    assert.ok(existsSync(vsix), `${vsix} is missing: run npm run package`);
    mkdirSync(OUT, { recursive: true });
    const binary = codeServerBinary();
    profile = freshProfile();
    installExtension(binary, profile, vsix);
    workspace = mkdtempSync(join(tmpdir(), 'faultline-ws-'));
    cpSync(join(ROOT, 'samples'), workspace, { recursive: true });
    codeServer = await startCodeServer(binary, profile, workspace);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
    page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
    await page.goto(codeServer.url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'web-shop.ft' }).first().waitFor({ timeout: 60_000 });
  }, { timeout: 240_000 });

  after(async () => {
    await browser?.close();
    await codeServer?.stop();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
    if (profile) rmSync(profile.root, { recursive: true, force: true });
  });

  it('activates on a .ft file and highlights its tokens', STEP, async () => {
    await openFile('web-shop.ft');
    await page.locator('.statusbar-item', { hasText: /^Faultline$/ }).first().waitFor();
    // The TextMate grammar loads asynchronously after the tab opens (slower on
    // a cold CI machine), so wait for the colours rather than sampling once.
    const lines = page.locator('.monaco-editor .view-lines').first();
    const countColours = () => lines.evaluate((element) => {
      const classes = new Set();
      for (const span of element.querySelectorAll('span[class^="mtk"]')) classes.add(span.className);
      return classes.size;
    });
    const colours = await settle(countColours, (count) => count >= 5);
    assert.ok(colours >= 5, `expected keywords, names, numbers, strings and comments in different colours, saw ${colours} token classes`);
  });

  it('shows diagnostics as squiggles and in the Problems panel', STEP, async () => {
    await openFile('failing/single-db.ft');
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 60_000 });
    await page.locator('.monaco-editor .squiggly-warning').first().waitFor();
    await page.keyboard.press('Control+Shift+M');
    const problems = page.locator('.markers-panel');
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'requirement not met' }).first().waitFor({ timeout: 30_000 });
    const text = await problems.innerText();
    assert.match(text, /requirement not met: availability >= 99\.999%/);
    assert.match(text, /single point of failure/);
    await shot('diagnostics');
    // A unit typo: the error arrives while typing, with the spec's message.
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText('\ncomponent typo { mtbf 30sec  mttr 1h }\n');
    await page.locator('.markers-panel .monaco-list-row', { hasText: "unknown unit 'sec' (did you mean 's'?)" }).first().waitFor({ timeout: 30_000 });
    await shot('diagnostics-unit-typo');
    await shot('diagnostics');
    await page.keyboard.press('Control+Shift+M');
  });

  it('shows an element\'s figures in a hover', STEP, async () => {
    await openFile('web-shop.ft');
    await goToLine(lineOf('web-shop.ft', 'component cache'));
    const name = page.locator('.monaco-editor .view-line span', { hasText: /^cache$/ }).first();
    const hover = page.locator('.monaco-hover:not(.hidden)').first();
    // The mouse hover can be swallowed while the workbench is busy (a loaded CI machine):
    // try the mouse, then the keyboard's "Show Hover" on the same word, a few times.
    for (let attempt = 0; ; attempt++) {
      await page.mouse.move(0, 0);
      await name.hover();
      if (attempt > 0) {
        await name.click();
        await page.keyboard.press('Control+K');
        await page.keyboard.press('Control+I');
      }
      try {
        await hover.waitFor({ timeout: 15_000 });
        break;
      } catch (error) {
        if (attempt === 2) throw error;
      }
    }
    assert.match(await hover.innerText(), /availab/i);
    await shot('hover');
    await page.keyboard.press('Escape');
  });

  it('shows inlay hints and code lenses with computed figures', STEP, async () => {
    await goToLine(1);
    await page.locator('.monaco-editor .codelens-decoration a').first().waitFor({ timeout: 30_000 });
    const lens = await page.locator('.monaco-editor .codelens-decoration').first().innerText();
    assert.match(lens, /\d/);
    const readHints = () => page.locator('.monaco-editor .view-lines').first().evaluate((lines) => {
      // Inlay hints are injected text: spans whose class names Monaco generates per decoration type.
      return Array.from(lines.querySelectorAll('span[class*="dyn-rule"], span[class*="inlay"], span[class*="ced-"]'), (s) => s.textContent ?? '').filter((t) => /\d/.test(t));
    });
    const hints = await settle(readHints, (found) => found.length > 0);
    assert.ok(hints.length > 0, 'no inlay hint with a figure was rendered');
    await shot('inlay-hints-code-lens');
  });

  it('opens the preview beside the editor with the architecture diagram', STEP, async () => {
    await runCommand('Faultline: Open Preview to the Side');
    await preview().locator('#canvas [data-node-id]').first().waitFor({ timeout: 60_000 });
    const canvas = preview().locator('#canvas');
    const text = await canvas.innerText();
    assert.match(text, /app ×6 \(3 needed\)/);
    assert.match(text, /Web shop storefront/);
    assert.equal(await preview().locator('#canvas [data-node-id]').count(), 8);
    assert.equal(await preview().locator('#canvas .fl-spof').count(), 3);
    await shot('preview');
  });

  it('updates the diagram after an edit', STEP, async () => {
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+End');
    // One edit, as a paste would make it (typing character by character would pass through broken states).
    const started = Date.now();
    await page.keyboard.insertText('\ncomponent search "Search service" { mtbf 5000h  mttr 1h }\n');
    await preview().locator('#canvas', { hasText: 'Search service' }).waitFor({ timeout: 30_000 });
    console.log(`preview updated ${Date.now() - started} ms after the edit`);
    assert.equal(await preview().locator('#canvas [data-node-id]').count(), 9);
    await shot('preview-after-edit');
  });

  it('follows typing: one keystroke in a label reaches the diagram', STEP, async () => {
    // The cursor is on the empty last line, below the component added above: move inside its label.
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('End');
    for (let i = 0; i < '" { mtbf 5000h  mttr 1h }'.length; i++) await page.keyboard.press('ArrowLeft');
    const started = Date.now();
    await page.keyboard.type('s');
    await preview().locator('#canvas', { hasText: 'Search services' }).waitFor({ timeout: 30_000 });
    console.log(`preview updated ${Date.now() - started} ms after a keystroke`);
    assert.equal(await preview().locator('#canvas [data-node-id]').count(), 9);
  });

  it('reveals a declaration when a node is clicked, and highlights the node under the cursor', STEP, async () => {
    await goToLine(1);
    await preview().locator('#canvas [data-node-id]', { hasText: 'Redis session cache' }).first().click();
    const expected = lineOf('web-shop.ft', 'component cache');
    await page.waitForFunction(
      (line) => new RegExp(`Ln ${line},`).test(document.querySelector('[id="status.editor.selection"]')?.textContent ?? ''),
      expected,
      { timeout: 20_000 },
    );
    assert.equal(await cursorLine(), expected);
    await preview().locator('#canvas .fl-highlight', { hasText: 'Redis session cache' }).waitFor({ timeout: 10_000 });
    await shot('reveal-and-highlight');
  });

  it('exports the diagram as SVG', STEP, async () => {
    await runCommand('Faultline: Export Diagram as SVG');
    // VS Code's simple save dialog (a quick input) proposes web-shop.svg next to the model.
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await page.waitForFunction(() => (document.querySelector('.quick-input-widget input')?.value ?? '').endsWith('.svg'));
    await page.keyboard.press('Enter');
    const file = join(workspace, 'web-shop.svg');
    for (let i = 0; i < 100 && !existsSync(file); i++) await page.waitForTimeout(100);
    assert.ok(existsSync(file), 'web-shop.svg was not written');
    assert.match(readFileSync(file, 'utf8'), /<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  });
});
