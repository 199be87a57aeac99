import { formatPercent, formatPercentNearOne } from '../analysis/format-figures';
import type { Figures } from '../analysis/figures';

/**
 * Availability and reliability as people read them, with the complement the
 * engine computed directly, so 99.99999999999% is not rounded to 100% when
 * the unavailability is known to be 1e-16. Low values (a reliability of
 * 0.016% over a long mission) get significant digits instead.
 */
export function availabilityText(f: Pick<Figures, 'availability' | 'unavailability'>): string {
  return probabilityText(f.availability, f.unavailability);
}

export function reliabilityText(f: Pick<Figures, 'reliability' | 'unreliability'>): string {
  return probabilityText(f.reliability, f.unreliability);
}

function probabilityText(value: number | null, complement: number | null): string {
  if (value === null) return 'n/a';
  return value >= 0.5 ? formatPercentNearOne(value, complement ?? undefined) : formatPercent(value);
}
