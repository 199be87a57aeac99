/**
 * What each item keyword takes and where it may stand, for the grammar's
 * messages ("expected a duration after 'mttr'") and for placing items in the
 * right declaration kind.
 */
export type DeclKind = 'system' | 'component' | 'group';

/** The declaration kinds each item keyword is allowed in (spec §3). */
export const ITEM_PLACES: ReadonlyMap<string, readonly DeclKind[]> = new Map<string, readonly DeclKind[]>([
  ['needs', ['system', 'component', 'group']],
  ['mission', ['system']],
  ['default', ['system']],
  ['require', ['system']],
  ['mtbf', ['component']],
  ['mttf', ['component']],
  ['rate', ['component']],
  ['fit', ['component']],
  ['probability', ['component']],
  ['availability', ['component']],
  ['weibull', ['component']],
  ['mttr', ['component']],
  ['replicas', ['component']],
  ['quorum', ['component']],
  ['recovery', ['component']],
  ['ccf', ['component', 'group']],
  ['accept', ['component', 'group']],
  ['failover', ['group']],
  ['coverage', ['group']],
  ['dormancy', ['group']],
]);

export const STANDBY_OPTIONS: ReadonlySet<string> = new Set(['failover', 'coverage', 'dormancy']);

const DURATION = 'a duration';
const PROBABILITY = 'a probability';
const WHOLE_NUMBER = 'a whole number';

/** What follows each keyword that takes one quantity. */
export const VALUE_NOUNS: ReadonlyMap<string, string> = new Map([
  ['mtbf', DURATION],
  ['mttf', DURATION],
  ['mttr', DURATION],
  ['mission', DURATION],
  ['failover', DURATION],
  ['restart', DURATION],
  ['scale', DURATION],
  ['rate', 'a rate'],
  ['fit', 'a number'],
  ['shape', 'a number'],
  ['probability', PROBABILITY],
  ['availability', PROBABILITY],
  ['coverage', PROBABILITY],
  ['dormancy', PROBABILITY],
  ['beta', PROBABILITY],
  ['replicas', WHOLE_NUMBER],
  ['quorum', WHOLE_NUMBER],
]);

export const METRICS = [
  'availability',
  'unavailability',
  'reliability',
  'unreliability',
  'mttf',
  'downtime',
  'outages',
  'tolerance',
] as const;

function listWords(words: readonly string[]): string {
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

export const METRIC_LIST = listWords([...METRICS]);

/** Where an item keyword belongs, for "'mission' is not allowed in a component (only in a system)". */
export function placesText(places: readonly DeclKind[]): string {
  const named = places.map((p) => `a ${p}`);
  return named.length === 1 ? named[0]! : listWords(named);
}
