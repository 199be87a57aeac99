import type { Metric } from '../language/ast';

/**
 * Figures for people (CLI report, diagnostics, hover, diagram labels). One
 * place, so every surface prints the same number the same way.
 */

/** An availability-like probability as a percentage with enough digits to show its complement. */
export function formatPercentNearOne(value: number, complement?: number): string {
  const gap = complement ?? 1 - value;
  if (gap <= 0) return '100%';
  const decimals = Math.min(12, Math.max(2, Math.ceil(-Math.log10(gap * 100)) + 1));
  const text = (value * 100).toFixed(decimals);
  // Rounding may print 100.000…; say how far from 100% it really is instead.
  return /^100\.?0*$/.test(text) ? `100% − ${formatSmall(gap * 100)}%` : `${text}%`;
}

/** A small probability in compact scientific or decimal form: 1.3e-4, 0.012. */
export function formatSmall(value: number): string {
  if (value === 0) return '0';
  if (value >= 0.01 && value < 1000) return trimZeros(value.toPrecision(3));
  return value.toExponential(2).replace(/\.?0+e/, 'e').replace('e+', 'e');
}

export function formatPercent(value: number): string {
  if (value === 0) return '0%';
  if (value * 100 < 0.01) return `${formatSmall(value * 100)}%`;
  return `${trimZeros((value * 100).toPrecision(3))}%`;
}

/** Hours as the largest convenient units: `45 s`, `12 min`, `3 h 20 min`, `4.2 d`, `3.1 y`. */
export function formatDuration(hours: number): string {
  if (!Number.isFinite(hours)) return '∞';
  const seconds = hours * 3600;
  if (seconds < 1) return `${formatSmall(seconds * 1000)} ms`;
  if (seconds < 60) return `${trimZeros(seconds.toPrecision(3))} s`;
  if (hours < 1) return `${trimZeros((hours * 60).toPrecision(3))} min`;
  if (hours < 48) {
    const whole = Math.floor(hours);
    const minutes = Math.round((hours - whole) * 60);
    if (minutes === 60) return `${whole + 1} h`;
    return minutes === 0 ? `${whole} h` : `${whole} h ${minutes} min`;
  }
  if (hours < 24 * 365) return `${trimZeros((hours / 24).toPrecision(3))} d`;
  return `${trimZeros((hours / 8760).toPrecision(3))} y`;
}

/** "Nines" of an availability: −log10(unavailability), one decimal. */
export function nines(unavailability: number): string {
  if (unavailability <= 0) return '∞';
  return (-Math.log10(unavailability)).toFixed(1);
}

export function formatMetric(metric: Metric | 'probability-share', value: number): string {
  switch (metric) {
    case 'availability':
    case 'reliability':
      return formatPercentNearOne(value);
    case 'unavailability':
    case 'unreliability':
      return formatSmall(value);
    case 'mttf':
      return formatDuration(value);
    case 'downtime':
      return `${formatDuration(value)}/y`;
    case 'outages':
      return `${formatSmall(value)}/y`;
    case 'tolerance':
      return String(value);
    case 'probability-share':
      return formatPercent(value);
  }
}

function trimZeros(text: string): string {
  return text.includes('.') && !text.includes('e') ? text.replace(/\.?0+$/, '') : text;
}
