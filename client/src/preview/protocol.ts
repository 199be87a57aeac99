/**
 * Messages between the extension and the preview's webview script. This file
 * imports nothing, so both sides (Node and the browser bundle) share it.
 */

export interface PreviewNode {
  /** Mermaid node id (generated; never user text). */
  readonly id: string;
  readonly name: string;
  readonly kind: 'system' | 'component' | 'group' | 'junction';
  readonly spof: boolean;
}

export interface PreviewDiagram {
  readonly mermaid: string;
  readonly nodes: readonly PreviewNode[];
  /** The model has errors: keep the last good diagram and show a banner. */
  readonly hasErrors: boolean;
  /** Groups were collapsed because the model is larger than the `maxNodes` setting. */
  readonly collapsed: boolean;
  /** Document version the diagram was computed for (for logs and tests). */
  readonly version: number | null;
}

export type ToWebview =
  | { readonly type: 'diagram'; readonly diagram: PreviewDiagram }
  | { readonly type: 'highlight'; readonly nodeId: string | null }
  | { readonly type: 'export'; readonly requestId: number; readonly format: ExportFormat }
  /** A problem outside the diagram (e.g. the language server is not running). */
  | { readonly type: 'status'; readonly text: string | null };

export type ExportFormat = 'svg' | 'png';

export type FromWebview =
  | { readonly type: 'ready' }
  /** `reused`: the diagram's text was the one already drawn, so the SVG was kept (no Mermaid run). */
  | { readonly type: 'rendered'; readonly version: number | null; readonly nodeCount: number; readonly milliseconds: number; readonly reused?: boolean }
  | { readonly type: 'reveal'; readonly nodeId: string }
  /** The toolbar's export buttons: the extension asks where to save, then requests the data. */
  | { readonly type: 'requestExport'; readonly format: ExportFormat }
  | { readonly type: 'exported'; readonly requestId: number; readonly format: ExportFormat; readonly data: string }
  | { readonly type: 'exportFailed'; readonly requestId: number; readonly message: string }
  | { readonly type: 'renderFailed'; readonly message: string };

/** Narrowing for messages that arrive from the webview (untrusted shape). */
export function isFromWebview(value: unknown): value is FromWebview {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return (
    type === 'ready' ||
    type === 'rendered' ||
    type === 'reveal' ||
    type === 'requestExport' ||
    type === 'exported' ||
    type === 'exportFailed' ||
    type === 'renderFailed'
  );
}
