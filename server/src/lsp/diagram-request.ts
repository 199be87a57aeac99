import { modelToMermaid, type DiagramFigures, type DiagramNode } from '../diagram/mermaid';
import type { ResolvedModel } from '../language/model';
import { LineIndex, type Range, type Span } from '../language/span';

/**
 * The custom request behind the VS Code architecture preview: the client asks
 * for the diagram of one open document, the server answers with Mermaid text
 * plus a map from node ids to declarations (click-to-source, cursor highlight).
 *
 * Registration, in the server's main:
 *   connection.onRequest(DiagramRequest, (params) => diagramForModel(model, analysis, { uri, version, ... }))
 */
export const DiagramRequest = 'faultline/diagram';

export interface DiagramParams {
  readonly textDocument: { readonly uri: string };
  readonly direction?: 'TB' | 'LR';
  /** Collapse groups beyond this many elements (the `faultline.diagram.maxNodes` setting). */
  readonly maxNodes?: number;
}

export interface DiagramNodeInfo {
  /** Mermaid node id (`n1`, `sys`, `j7`): generated, never user text. */
  readonly id: string;
  readonly name: string;
  readonly kind: DiagramNode['kind'];
  /** The document that declares it; null for junctions (inline combinators). */
  readonly uri: string | null;
  /** The declared name; null for junctions. */
  readonly range: Range | null;
  /** The whole declaration, so the cursor anywhere inside it highlights the node. */
  readonly declarationRange: Range | null;
  readonly spof: boolean;
}

export interface DiagramResponse {
  /** The document the diagram was asked for. */
  readonly uri: string;
  /** Its version as the server analysed it (null when unknown). */
  readonly version: number | null;
  readonly mermaid: string;
  readonly nodes: readonly DiagramNodeInfo[];
  /** The model has errors: the diagram may be partial, the client keeps its last good one. */
  readonly hasErrors: boolean;
  /** Groups were collapsed into single nodes (more elements than `maxNodes`). */
  readonly collapsed: boolean;
}

export interface DiagramForModelOptions {
  readonly uri: string;
  readonly version: number | null;
  readonly direction?: 'TB' | 'LR';
  readonly maxNodes?: number;
}

/** Pure: the response for a loaded model and, when it has no errors, its analysis (or the server's snapshot of it). */
export function diagramForModel(model: ResolvedModel, analysis: DiagramFigures | undefined, options: DiagramForModelOptions): DiagramResponse {
  const diagram = modelToMermaid(model, analysis, {
    direction: options.direction ?? 'TB',
    ...(options.maxNodes !== undefined && options.maxNodes > 0 ? { maxNodes: options.maxNodes } : {}),
  });
  const indexes = new Map<string, LineIndex>();
  const rangeIn = (uri: string | undefined, s: Span | undefined): Range | null => {
    if (uri === undefined || s === undefined) return null;
    let index = indexes.get(uri);
    if (!index) {
      const text = model.files.get(uri)?.text;
      if (text === undefined) return null;
      index = new LineIndex(text);
      indexes.set(uri, index);
    }
    return index.rangeOf(s);
  };
  return {
    uri: options.uri,
    version: options.version,
    mermaid: diagram.text,
    nodes: diagram.nodes.map((n) => ({
      id: n.id,
      name: n.name,
      kind: n.kind,
      uri: n.uri ?? null,
      range: rangeIn(n.uri, n.span),
      declarationRange: rangeIn(n.uri, n.declarationSpan),
      spof: n.spof,
    })),
    hasErrors: model.hasErrors,
    collapsed: diagram.collapsed,
  };
}

/** Reads the request's parameters defensively (they come over the wire). */
export function readDiagramParams(raw: unknown): DiagramParams | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  const doc = r['textDocument'] as Record<string, unknown> | undefined;
  if (typeof doc !== 'object' || doc === null || typeof doc['uri'] !== 'string') return undefined;
  const direction = r['direction'] === 'LR' || r['direction'] === 'TB' ? r['direction'] : undefined;
  const maxNodes = typeof r['maxNodes'] === 'number' && Number.isFinite(r['maxNodes']) ? r['maxNodes'] : undefined;
  return {
    textDocument: { uri: doc['uri'] },
    ...(direction !== undefined ? { direction } : {}),
    ...(maxNodes !== undefined ? { maxNodes } : {}),
  };
}
