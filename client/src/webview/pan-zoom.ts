/**
 * Pan and zoom of the diagram: a CSS transform on the canvas inside a fixed
 * viewport. The transform survives re-renders (the SVG is replaced, the
 * canvas is not), so live updates keep the user's view.
 */
export interface View {
  readonly x: number;
  readonly y: number;
  readonly scale: number;
}

export const MIN_SCALE = 0.05;
export const MAX_SCALE = 8;

export class PanZoom {
  private view: View;
  private drag: { startX: number; startY: number; from: View; moved: boolean } | undefined;
  /** True when the last pointer gesture moved the view (then it is no click). */
  movedDuringGesture = false;

  constructor(
    private readonly viewport: HTMLElement,
    private readonly canvas: HTMLElement,
    initial: View | undefined,
    private readonly changed: (view: View) => void,
  ) {
    this.view = initial ?? { x: 0, y: 0, scale: 1 };
    this.apply();
    viewport.addEventListener('wheel', (e) => this.onWheel(e), { passive: false });
    viewport.addEventListener('pointerdown', (e) => this.onPointerDown(e));
    viewport.addEventListener('pointermove', (e) => this.onPointerMove(e));
    viewport.addEventListener('pointerup', () => this.endDrag());
    viewport.addEventListener('pointercancel', () => this.endDrag());
  }

  get current(): View {
    return this.view;
  }

  set(view: View): void {
    this.view = { x: view.x, y: view.y, scale: clamp(view.scale) };
    this.apply();
  }

  /** Zooms by `factor` keeping the point (cx, cy) of the viewport still (default: its centre). */
  zoomBy(factor: number, cx?: number, cy?: number): void {
    const rect = this.viewport.getBoundingClientRect();
    const px = cx ?? rect.width / 2;
    const py = cy ?? rect.height / 2;
    const scale = clamp(this.view.scale * factor);
    const k = scale / this.view.scale;
    this.set({ x: px - (px - this.view.x) * k, y: py - (py - this.view.y) * k, scale });
  }

  /** Shows the whole content, never enlarged beyond 1:1, centred. */
  fit(contentWidth: number, contentHeight: number): void {
    const rect = this.viewport.getBoundingClientRect();
    if (contentWidth <= 0 || contentHeight <= 0 || rect.width <= 0 || rect.height <= 0) return;
    const margin = 16;
    const scale = clamp(Math.min(1, (rect.width - 2 * margin) / contentWidth, (rect.height - 2 * margin) / contentHeight));
    this.set({ x: (rect.width - contentWidth * scale) / 2, y: Math.max(margin, (rect.height - contentHeight * scale) / 2), scale });
  }

  actualSize(): void {
    this.set({ x: this.view.x, y: this.view.y, scale: 1 });
  }

  private onWheel(e: WheelEvent): void {
    e.preventDefault();
    const rect = this.viewport.getBoundingClientRect();
    if (e.ctrlKey || e.metaKey || Math.abs(e.deltaY) >= Math.abs(e.deltaX)) {
      // Wheel (or pinch, which arrives as ctrl+wheel) zooms around the pointer.
      this.zoomBy(Math.exp(-e.deltaY * 0.0015), e.clientX - rect.left, e.clientY - rect.top);
    } else {
      this.set({ ...this.view, x: this.view.x - e.deltaX, y: this.view.y - e.deltaY });
    }
  }

  private onPointerDown(e: PointerEvent): void {
    if (e.button !== 0) return;
    this.drag = { startX: e.clientX, startY: e.clientY, from: this.view, moved: false };
    this.movedDuringGesture = false;
  }

  private onPointerMove(e: PointerEvent): void {
    const d = this.drag;
    if (!d) return;
    const dx = e.clientX - d.startX;
    const dy = e.clientY - d.startY;
    if (!d.moved && Math.hypot(dx, dy) < 4) return;
    if (!d.moved) {
      d.moved = true;
      this.viewport.setPointerCapture?.(e.pointerId);
      this.viewport.classList.add('dragging');
    }
    this.movedDuringGesture = true;
    this.set({ ...d.from, x: d.from.x + dx, y: d.from.y + dy });
  }

  private endDrag(): void {
    this.drag = undefined;
    this.viewport.classList.remove('dragging');
  }

  private apply(): void {
    const { x, y, scale } = this.view;
    this.canvas.style.transform = `translate(${x}px, ${y}px) scale(${scale})`;
    this.changed(this.view);
  }
}

function clamp(scale: number): number {
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, Number.isFinite(scale) ? scale : 1));
}
