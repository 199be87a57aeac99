/** Small timing helpers for the benchmarks: warm runs, median, peak memory. */

export function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export interface Timing {
  readonly medianMs: number;
  readonly minMs: number;
  readonly runs: number;
}

/**
 * Runs `work` `warmups` times so V8 has optimised the hot code (the editor
 * parses the same code on every keystroke), then `runs` times; reports the
 * median and the best.
 */
export function time<T>(work: () => T, runs = 5, warmups = 1): Timing & { readonly result: T } {
  let result = work();
  for (let i = 1; i < warmups; i++) result = work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    gc();
    const start = process.hrtime.bigint();
    result = work();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { medianMs: samples[Math.floor(samples.length / 2)]!, minMs: samples[0]!, runs, result };
}

/** Peak heap used while `work` runs (sampled after it, from a clean start), in MiB. */
export function heapDuring<T>(work: () => T): { readonly result: T; readonly heapMiB: number } {
  gc();
  const before = process.memoryUsage().heapUsed;
  const result = work();
  const after = process.memoryUsage().heapUsed;
  return { result, heapMiB: Math.max(0, after - before) / 2 ** 20 };
}

export function table(headers: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, c) => Math.max(...cells.map((r) => (r[c] ?? '').length)));
  const line = (r: readonly string[]): string => '| ' + r.map((v, c) => v.padStart(widths[c]!)).join(' | ') + ' |';
  return [line(headers), '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|', ...cells.slice(1).map(line)].join('\n');
}

export const ms = (x: number): string => x.toFixed(x < 10 ? 2 : 1);
