import type { ExportFormat } from './protocol';

/** The webview's export as file bytes: SVG text, or a PNG `data:` URL decoded. */
export function exportBytes(format: ExportFormat, data: string): Uint8Array {
  if (format === 'svg') return new TextEncoder().encode(data);
  const prefix = 'data:image/png;base64,';
  if (!data.startsWith(prefix)) throw new Error('the preview did not return a PNG image');
  return new Uint8Array(Buffer.from(data.slice(prefix.length), 'base64'));
}
