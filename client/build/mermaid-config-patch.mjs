// esbuild plugin for the preview's webview bundle: Mermaid's `getConfig()` copies its whole
// configuration with `assignWithDepth` (one Object.defineProperty per key) and is called several
// times per node and edge, which made it nearly half of a render. The plugin makes it call
// `copyMermaidConfig` (client/src/webview/mermaid-config-copy.ts): the same copy, with plain
// assignments. The build fails if Mermaid's code no longer has the expected shape (an upgrade),
// rather than silently shipping the slow path.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const COPY_MODULE = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'webview', 'mermaid-config-copy.ts');
const CHUNK = /[\\/]mermaid[\\/]dist[\\/]chunks[\\/]mermaid\.core[\\/][^\\/]+\.mjs$/;
/** Mermaid 11's definition, exactly (mermaid/dist/chunks/mermaid.core, the chunk with the config API). */
const GET_CONFIG = 'var getConfig = /* @__PURE__ */ __name(() => {\n  return assignWithDepth_default({}, currentConfig);\n}, "getConfig");';
const GET_CONFIG_DECLARED = /\bvar getConfig = /;

/**
 * The chunk's text with `getConfig` copying through `copyMermaidConfig`, or `undefined` when the
 * chunk does not define `getConfig`. Throws when it defines it differently than expected.
 */
export function patchMermaidChunk(text, copyModulePath = COPY_MODULE) {
  if (!GET_CONFIG_DECLARED.test(text)) return undefined;
  const at = text.indexOf(GET_CONFIG);
  if (at < 0 || text.indexOf(GET_CONFIG, at + 1) >= 0) {
    throw new Error("Mermaid's getConfig() is not the one client/build/mermaid-config-patch.mjs expects (was Mermaid upgraded?): update the patch");
  }
  const replacement = 'var getConfig = /* @__PURE__ */ __name(() => {\n  return __faultlineCopyMermaidConfig(currentConfig);\n}, "getConfig");';
  const importLine = `import { copyMermaidConfig as __faultlineCopyMermaidConfig } from ${JSON.stringify(copyModulePath)};\n`;
  return importLine + text.slice(0, at) + replacement + text.slice(at + GET_CONFIG.length);
}

/** The esbuild plugin: patches the chunk once; the build fails if no chunk was patched. */
export function mermaidConfigPatch() {
  return {
    name: 'faultline-mermaid-config-copy',
    setup(build) {
      let patched = 0;
      build.onStart(() => {
        patched = 0;
      });
      build.onLoad({ filter: CHUNK }, async (args) => {
        const text = await readFile(args.path, 'utf8');
        const contents = patchMermaidChunk(text);
        if (contents === undefined) return undefined;
        patched++;
        return { contents, loader: 'js', resolveDir: dirname(args.path) };
      });
      build.onEnd((result) => {
        if (result.errors.length > 0 || patched === 1) return undefined;
        return { errors: [{ text: `expected to patch Mermaid's getConfig() once, patched it ${patched} times (client/build/mermaid-config-patch.mjs)` }] };
      });
    },
  };
}
