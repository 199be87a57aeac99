/**
 * Exports: the rendered SVG as a standalone file (with the theme's background,
 * without the editor's highlight), and a PNG drawn from it on a canvas.
 */
export function standaloneSvg(svg: SVGSVGElement, background: string): { text: string; width: number; height: number } {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  for (const el of Array.from(clone.querySelectorAll('.fl-highlight'))) el.classList.remove('fl-highlight');
  const box = svg.viewBox.baseVal;
  const width = Math.ceil(box && box.width > 0 ? box.width : svg.getBoundingClientRect().width);
  const height = Math.ceil(box && box.height > 0 ? box.height : svg.getBoundingClientRect().height);
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('xmlns:xlink', 'http://www.w3.org/1999/xlink');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  clone.style.removeProperty('max-width');
  const rect = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  if (box && box.width > 0) {
    rect.setAttribute('x', String(box.x));
    rect.setAttribute('y', String(box.y));
  }
  rect.setAttribute('width', '100%');
  rect.setAttribute('height', '100%');
  rect.setAttribute('fill', background);
  clone.insertBefore(rect, clone.firstChild);
  const text = '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(clone);
  return { text, width, height };
}

/** Draws the SVG on a canvas at `scale` and returns a PNG data URL. */
export async function pngFromSvg(svgText: string, width: number, height: number, scale = 2): Promise<string> {
  const image = new Image();
  const loaded = new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error('the SVG could not be drawn as an image'));
  });
  image.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svgText);
  await loaded;
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no canvas available');
  context.scale(scale, scale);
  context.drawImage(image, 0, 0, width, height);
  return canvas.toDataURL('image/png');
}
