/**
 * The preview's settings (`faultline.diagram.*`), read through a getter so
 * the rules are testable without VS Code. Out-of-range values fall back to
 * the defaults instead of producing an unreadable diagram.
 */
export interface PreviewSettings {
  readonly direction: 'TB' | 'LR';
  /** Beyond this many elements the diagram collapses groups; 0 means never. */
  readonly maxNodes: number;
}

export const DEFAULT_PREVIEW_SETTINGS: PreviewSettings = { direction: 'TB', maxNodes: 150 };

export function readPreviewSettings(get: (key: string) => unknown): PreviewSettings {
  const direction = get('diagram.direction');
  const maxNodes = get('diagram.maxNodes');
  return {
    direction: direction === 'LR' || direction === 'TB' ? direction : DEFAULT_PREVIEW_SETTINGS.direction,
    maxNodes:
      typeof maxNodes === 'number' && Number.isInteger(maxNodes) && maxNodes >= 0 ? maxNodes : DEFAULT_PREVIEW_SETTINGS.maxNodes,
  };
}
