import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, escapeHtml, makeNonce, previewHtml } from '../../client/src/preview/preview-html';
import { exportBytes } from '../../client/src/preview/export-bytes';
import { isFromWebview } from '../../client/src/preview/protocol';

const inputs = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'abcDEF0123456789abcDEF0123456789',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/preview.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/preview.css',
  title: 'Preview <shop>.ft',
};

describe('the preview page and its Content-Security-Policy', () => {
  const csp = contentSecurityPolicy(inputs.cspSource, inputs.nonce);

  it('runs only scripts that carry the nonce, never eval', () => {
    expect(csp).toContain(`script-src 'nonce-${inputs.nonce}'`);
    expect(csp).not.toContain('unsafe-eval');
    expect(csp.split(';').find((d) => d.trim().startsWith('script-src'))).not.toContain('unsafe-inline');
  });

  it('loads nothing from the network: no host but the extension resources, no connect-src', () => {
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('connect-src');
    const hosts = csp.match(/https?:\/\/[^\s;]+/g) ?? [];
    expect(new Set(hosts)).toEqual(new Set([inputs.cspSource]));
  });

  it('puts the policy, the nonce and the script in the page, and escapes the title', () => {
    const html = previewHtml(inputs);
    expect(html).toContain('<meta http-equiv="Content-Security-Policy"');
    expect(html).toContain(`<script nonce="${inputs.nonce}" src="${inputs.scriptUri}"></script>`);
    expect(html).toContain('<title>Preview &#60;shop&#62;.ft</title>');
    expect(html.match(/<script/g)).toHaveLength(1);
  });

  it('makes 32-character alphanumeric nonces from random bytes', () => {
    const nonce = makeNonce((n) => Uint8Array.from({ length: n }, (_, i) => i * 37));
    expect(nonce).toMatch(/^[A-Za-z0-9]{32}$/);
  });

  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&#60;a href=&#34;x&#34; title=&#39;y&#39;&#62;&#38;&#60;/a&#62;');
  });
});

describe('messages from the webview', () => {
  it('accepts the known message types only', () => {
    expect(isFromWebview({ type: 'reveal', nodeId: 'n1' })).toBe(true);
    expect(isFromWebview({ type: 'requestExport', format: 'png' })).toBe(true);
    expect(isFromWebview({ type: 'runCommand' })).toBe(false);
    expect(isFromWebview(null)).toBe(false);
    expect(isFromWebview('reveal')).toBe(false);
  });

  it('turns exports into file bytes: SVG as UTF-8, PNG from its data URL', () => {
    expect(Buffer.from(exportBytes('svg', '<svg>é</svg>')).toString('utf8')).toBe('<svg>é</svg>');
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
    expect(Buffer.from(exportBytes('png', `data:image/png;base64,${png.toString('base64')}`))).toEqual(png);
    expect(() => exportBytes('png', 'data:text/html,<b>')).toThrow('did not return a PNG');
  });
});
