import type { Quantity, QuantitySuffix } from './ast';
import { Interner, stringInterner } from './interner';
import { span } from './span';

/**
 * Splits a quantity token (`-?NUM` then a glued suffix) into its parts, with
 * `NUM = [0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?`, each optional part taken only
 * when complete. Scanned on character codes: this runs for every quantity of
 * every file, and a regular expression match allocates its groups.
 */

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function skipDigits(text: string, i: number): number {
  while (isDigit(text.charCodeAt(i))) i++;
  return i;
}

/** End of the leading `-?NUM` of `text`, or −1 when it does not start with one. */
function numberEnd(text: string): number {
  const first = text.charCodeAt(0) === 45 /* - */ ? 1 : 0;
  let i = skipDigits(text, first);
  if (i === first) return -1;
  if (text.charCodeAt(i) === 46 /* . */ && isDigit(text.charCodeAt(i + 1))) i = skipDigits(text, i + 1);
  const e = text.charCodeAt(i);
  if (e === 101 /* e */ || e === 69 /* E */) {
    let j = i + 1;
    const sign = text.charCodeAt(j);
    if (sign === 43 /* + */ || sign === 45 /* - */) j++;
    if (isDigit(text.charCodeAt(j))) i = skipDigits(text, j);
  }
  return i;
}

/**
 * Suffixes and number texts are few and repeat endlessly (`h`, `%`, `4`): one
 * frozen suffix object and one string per distinct text are shared by every
 * quantity node (see `Interner`).
 */
const SUFFIXES = new Interner(512, (text): QuantitySuffix => Object.freeze(parseSuffix(text)));
const NUMBER_TEXTS = stringInterner(512);

function parseSuffix(text: string): QuantitySuffix {
  if (text === '') return { kind: 'none' };
  if (text === '%') return { kind: 'percent' };
  if (text.startsWith('/')) return { kind: 'per', unit: text.slice(1) };
  const slash = text.indexOf('/');
  if (slash > 0) return { kind: 'unit-per', unit: text.slice(0, slash), per: text.slice(slash + 1) };
  return { kind: 'unit', unit: text };
}

/** The `Quantity` node of a quantity token whose text starts at `start`. */
export function quantityFromToken(text: string, start: number): Quantity {
  const end = numberEnd(text);
  const whole = end < 0 || end === text.length;
  const numberText = whole ? text : NUMBER_TEXTS.get(text.slice(0, end));
  return {
    text,
    number: Number(numberText),
    numberText,
    suffix: SUFFIXES.get(whole ? '' : text.slice(end)),
    span: span(start, start + text.length),
  };
}
