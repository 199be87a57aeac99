import type { FileNode } from '../language/ast';
import type { Token } from '../language/lexer';
import { declarationAt, tokenIndexAfter } from './tokens';

/** Where the cursor is, in terms of what may be typed there. */
export type CompletionPlace =
  | { readonly kind: 'top-level' }
  /** Start of an item inside a declaration body. */
  | { readonly kind: 'item'; readonly declaration: 'system' | 'component' | 'group'; readonly standby: boolean }
  /** A name or a combinator: in `needs`, a group's expression, inside parentheses. */
  | { readonly kind: 'expression'; readonly afterNeeds: boolean; readonly groupHead: boolean }
  | { readonly kind: 'each-target' }
  | { readonly kind: 'words'; readonly words: readonly string[] }
  /** A unit glued to a number: `30m|`. `start` is where the suffix starts. */
  | { readonly kind: 'unit'; readonly start: number; readonly expects: 'duration' | 'rate' | 'probability' }
  /** Nothing sensible (a value or a new name is expected). */
  | { readonly kind: 'none' };

const VALUE_KEYWORDS = new Set([
  'mtbf', 'mttf', 'rate', 'fit', 'probability', 'availability', 'mttr', 'replicas', 'quorum', 'mission',
  'failover', 'coverage', 'dormancy', 'beta', 'shape', 'scale', 'restart',
]);
const METRICS = ['availability', 'unavailability', 'reliability', 'unreliability', 'mttf', 'downtime', 'outages', 'tolerance'];
const OPS = ['>=', '>', '<=', '<'];
const PROBABILITY_KEYWORDS = new Set(['probability', 'availability', 'coverage', 'dormancy', 'beta', 'unavailability', 'reliability', 'unreliability']);

/**
 * Reads the tokens of the declaration around the cursor (never the whole
 * file), tracking braces and parentheses, to decide what can come next. Works
 * on broken text: only tokens are trusted, the tree gives the starting point.
 */
export function completionPlace(file: FileNode, tokens: readonly Token[], offset: number): CompletionPlace {
  const i = tokenIndexAfter(tokens, offset);
  // The token the cursor is inside of, or right after, is being typed.
  let typingIndex = -1;
  if (tokens[i] && tokens[i]!.span.start < offset) typingIndex = i;
  else if (tokens[i - 1] && tokens[i - 1]!.span.end === offset) typingIndex = i - 1;
  const typing = typingIndex >= 0 ? tokens[typingIndex] : undefined;
  if (typing?.kind === 'quantity') return unitPlace(typing, tokens[typingIndex - 1], tokens[typingIndex - 2], offset);
  const isWord = typing !== undefined && (typing.kind === 'word' || typing.kind === 'reserved');
  const stop = typing === undefined ? i : isWord ? typingIndex : typingIndex + 1;

  const decl = declarationAt(file, offset);
  const startIndex = decl ? tokenIndexAfter(tokens, decl.span.start) : 0;
  let curly = 0;
  let paren = 0;
  let kind: 'system' | 'component' | 'group' | 'use' | undefined;
  let afterEquals = false;
  let itemStart = -1;
  for (let k = startIndex; k < stop; k++) {
    const t = tokens[k]!;
    if (t.kind === 'reserved' && curly === 0) {
      kind = t.text as typeof kind;
      afterEquals = false;
      paren = 0;
      itemStart = -1;
    } else if (t.text === '{') {
      curly++;
      paren = 0;
    } else if (t.text === '}') {
      curly = Math.max(0, curly - 1);
      if (curly === 0) kind = undefined;
    } else if (t.text === '(') paren++;
    else if (t.text === ')') paren = Math.max(0, paren - 1);
    else if (t.text === '=' && curly === 0) afterEquals = true;
    if (curly > 0 && paren === 0 && t.kind === 'word' && isItemKeyword(t.text, tokens[k - 1])) itemStart = k;
  }
  const prev = tokens[stop - 1];
  const prev2 = tokens[stop - 2];
  if (kind === undefined || kind === 'use') return { kind: 'top-level' };
  if (curly === 0) {
    if (kind !== 'group' || !afterEquals) return prev && prev.kind === 'reserved' ? { kind: 'none' } : { kind: 'top-level' };
    if (prev?.text === '=' || (paren > 0 && (prev?.text === '(' || prev?.text === ','))) {
      return { kind: 'expression', afterNeeds: false, groupHead: prev?.text === '=' };
    }
    return paren > 0 ? { kind: 'none' } : { kind: 'top-level' };
  }
  if (paren > 0) return prev?.text === '(' || prev?.text === ',' ? { kind: 'expression', afterNeeds: false, groupHead: false } : { kind: 'none' };
  if (!prev) return { kind: 'none' };
  const itemKeyword = itemStart >= 0 ? tokens[itemStart]!.text : undefined;
  if (prev.text === 'needs') return { kind: 'expression', afterNeeds: kind !== 'system', groupHead: false };
  if (prev.text === ',' && itemKeyword === 'needs') return { kind: 'expression', afterNeeds: kind !== 'system', groupHead: false };
  if (prev.text === 'each') return { kind: 'each-target' };
  if (prev.text === 'require') return { kind: 'words', words: METRICS };
  if (prev2?.text === 'require' && METRICS.includes(prev.text)) return { kind: 'words', words: OPS };
  if (prev.text === 'recovery') return { kind: 'words', words: ['retry', 'restart'] };
  if (prev.text === 'retry' || (itemKeyword === 'recovery' && prev.kind === 'quantity' && prev2?.text === 'restart')) return { kind: 'words', words: ['coverage'] };
  if (prev.text === 'ccf') return { kind: 'words', words: ['beta'] };
  if (prev.text === 'accept') return { kind: 'words', words: ['spof'] };
  if (prev.text === 'default') return { kind: 'words', words: ['mttr'] };
  if (prev.text === 'weibull') return { kind: 'words', words: ['shape', 'scale'] };
  if (itemKeyword === 'weibull' && prev.kind === 'quantity' && (prev2?.text === 'shape' || prev2?.text === 'scale')) {
    const seen = tokens.slice(itemStart, stop).map((t) => t.text);
    const missing = ['shape', 'scale'].filter((w) => !seen.includes(w));
    if (missing.length > 0) return { kind: 'words', words: missing };
  }
  if (prev.text === 'spof' || (VALUE_KEYWORDS.has(prev.text) && prev.kind === 'word') || OPS.includes(prev.text)) return { kind: 'none' };
  const groupDecl = decl?.kind === 'group' ? decl : undefined;
  return { kind: 'item', declaration: kind, standby: groupDecl?.expr?.kind === 'standby' };
}

/** A word that starts an item (not a value keyword inside one, e.g. `coverage` after `recovery retry`). */
function isItemKeyword(word: string, before: Token | undefined): boolean {
  if (before && (before.text === 'recovery' || before.text === 'retry' || before.text === 'require' || before.text === 'default' || before.text === 'ccf' || before.text === 'accept' || before.text === 'weibull')) return false;
  return ['needs', 'mission', 'default', 'require', 'mttr', 'replicas', 'quorum', 'recovery', 'ccf', 'accept', 'failover', 'coverage', 'dormancy', 'weibull', 'mtbf', 'mttf', 'rate', 'fit', 'probability', 'availability'].includes(word);
}

function unitPlace(quantity: Token, before: Token | undefined, beforeThat: Token | undefined, offset: number): CompletionPlace {
  const m = /^-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(quantity.text);
  const start = quantity.span.start + (m ? m[0].length : 0);
  if (offset < start) return { kind: 'none' };
  const keyword = before?.text ?? '';
  if (keyword === 'rate' || (beforeThat?.text === 'require' && keyword === 'outages') || (before && OPS.includes(keyword) && beforeThat?.text === 'outages')) {
    return { kind: 'unit', start, expects: 'rate' };
  }
  const metric = before && OPS.includes(keyword) ? beforeThat?.text ?? '' : keyword;
  if (PROBABILITY_KEYWORDS.has(metric)) return { kind: 'unit', start, expects: 'probability' };
  if (['replicas', 'quorum', 'fit', 'shape', 'tolerance'].includes(metric) || keyword === '(' || keyword === ',' || keyword === '=' || keyword === 'needs') {
    return { kind: 'none' };
  }
  return { kind: 'unit', start, expects: 'duration' };
}
