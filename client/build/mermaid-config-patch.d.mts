import type { Plugin } from 'esbuild';

/**
 * The Mermaid chunk's text with `getConfig` copying through `copyMermaidConfig`, or `undefined`
 * when the chunk does not define `getConfig`; throws when it defines it differently than expected.
 */
export function patchMermaidChunk(text: string, copyModulePath?: string): string | undefined;

/** esbuild plugin for the webview bundle: Mermaid's `getConfig` made cheap (same result). */
export function mermaidConfigPatch(): Plugin;
