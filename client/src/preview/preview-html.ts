/**
 * The preview's HTML shell. Pure (no `vscode` import) so tests can serve the
 * very same page to a real browser. Scripts run only with the per-page nonce;
 * everything else loads from the extension's own folders (`cspSource`).
 */

export interface PreviewHtmlInputs {
  /** `webview.cspSource`: the origin of the extension's local resources. */
  readonly cspSource: string;
  readonly nonce: string;
  /** URI of `dist/webview/preview.js` as the webview sees it. */
  readonly scriptUri: string;
  /** URI of `media/preview.css` as the webview sees it. */
  readonly styleUri: string;
  readonly title: string;
  /** Extra nonce'd inline script placed before the preview script (tests use it to stand in for VS Code). */
  readonly prelude?: string;
}

/**
 * Scripts: only the nonce'd ones. Styles: the extension's stylesheet plus
 * inline styles, because Mermaid writes a `<style>` element and `style`
 * attributes into every SVG it renders (no script can run from either).
 * Images: local and `data:`/`blob:` (the PNG export draws the SVG via an image).
 * No network: no `connect-src`, no remote hosts at all.
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'unsafe-inline'`,
    `img-src ${cspSource} data: blob:`,
    `font-src ${cspSource}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function previewHtml(inputs: PreviewHtmlInputs): string {
  const { cspSource, nonce } = inputs;
  const prelude = inputs.prelude === undefined ? '' : `\n  <script nonce="${nonce}">${inputs.prelude}</script>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(cspSource, nonce))}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="stylesheet" href="${escapeHtml(inputs.styleUri)}">
  <title>${escapeHtml(inputs.title)}</title>
</head>
<body>
  <div id="toolbar" role="toolbar" aria-label="Diagram">
    <button type="button" data-action="zoom-out" title="Zoom out (-)" aria-label="Zoom out">−</button>
    <button type="button" data-action="zoom-in" title="Zoom in (+)" aria-label="Zoom in">+</button>
    <button type="button" data-action="fit" title="Fit to window (0)">Fit</button>
    <button type="button" data-action="actual-size" title="Actual size (1)">1:1</button>
    <span class="spacer"></span>
    <button type="button" data-action="export-svg" title="Export diagram as SVG">SVG</button>
    <button type="button" data-action="export-png" title="Export diagram as PNG">PNG</button>
  </div>
  <div id="banner" role="status" hidden></div>
  <div id="viewport" tabindex="0" aria-label="Architecture diagram">
    <div id="canvas"></div>
    <div id="waiting">Waiting for the language server…</div>
  </div>
  <div id="note" hidden>Large model: groups are collapsed (setting <code>faultline.diagram.maxNodes</code>).</div>${prelude}
  <script nonce="${nonce}" src="${escapeHtml(inputs.scriptUri)}"></script>
</body>
</html>
`;
}

/** A fresh nonce: 32 characters from a cryptographic source. */
export function makeNonce(randomBytes: (size: number) => Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(randomBytes(32), (b) => alphabet[b % alphabet.length]).join('');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
