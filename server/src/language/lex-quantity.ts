import type { Quantity, QuantitySuffix } from './ast';
import { span } from './span';

/** Splits a quantity token (`-?NUM` then a glued suffix) into its parts. */
const QUANTITY_PARTS = /^(-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)(.*)$/s;

function suffixOf(text: string): QuantitySuffix {
  if (text === '') return { kind: 'none' };
  if (text === '%') return { kind: 'percent' };
  if (text.startsWith('/')) return { kind: 'per', unit: text.slice(1) };
  const slash = text.indexOf('/');
  if (slash > 0) return { kind: 'unit-per', unit: text.slice(0, slash), per: text.slice(slash + 1) };
  return { kind: 'unit', unit: text };
}

/** The `Quantity` node of a quantity token whose text starts at `start`. */
export function quantityFromToken(text: string, start: number): Quantity {
  const parts = QUANTITY_PARTS.exec(text);
  const numberText = parts ? parts[1]! : text;
  return {
    text,
    number: Number(numberText),
    numberText,
    suffix: suffixOf(parts ? parts[2]! : ''),
    span: span(start, start + text.length),
  };
}
