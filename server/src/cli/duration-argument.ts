import type { Quantity } from '../language/ast';
import { asDuration } from '../language/units';
import { UsageError } from './io';

/**
 * A duration given on the command line (`--mission 30d`), read with the same
 * rules and messages as in a model. Returns hours.
 */
export function parseDurationArgument(text: string, flag: string): number {
  const m = /^(-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)([A-Za-z]*)$/.exec(text.trim());
  if (!m) throw new UsageError(`${flag}: '${text}' is not a duration (e.g. 30d, 1y, 730h)`);
  const numberText = m[1]!;
  const unit = m[2]!;
  const quantity: Quantity = {
    text,
    number: Number(numberText),
    numberText,
    suffix: unit ? { kind: 'unit', unit } : { kind: 'none' },
    span: { start: 0, end: text.length },
  };
  const hours = asDuration(quantity);
  if (!hours.ok) throw new UsageError(`${flag}: ${hours.error.message}`);
  if (hours.value <= 0) throw new UsageError(`${flag}: the mission must be longer than zero`);
  return hours.value;
}
