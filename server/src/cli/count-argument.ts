import { UsageError } from './io';

/** A whole number of at least 1 given on the command line (`--element-node-limit 5000000`; `_` and `,` as digit separators). */
export function parseCountArgument(text: string, flag: string): number {
  const digits = text.trim().replace(/[_,]/g, '');
  if (!/^[0-9]+$/.test(digits)) throw new UsageError(`${flag}: '${text}' is not a whole number (e.g. 5000000)`);
  const value = Number(digits);
  if (value < 1 || !Number.isSafeInteger(value)) throw new UsageError(`${flag}: '${text}' must be between 1 and ${Number.MAX_SAFE_INTEGER}`);
  return value;
}
