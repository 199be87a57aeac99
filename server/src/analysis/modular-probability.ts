import type { ModularDiagrams } from './modular-bdd';
import type { RootProbability } from './probability';
import { distinctLayouts, type RootDiagram } from './root-diagram';

/**
 * Exact probabilities over modular diagrams: a module's failure and success
 * probabilities, each computed directly on its diagram, become its
 * pseudo-event's q and p in its parents (the module's events appear nowhere
 * else, so it is independent of everything beside it there). Every diagram
 * is concatenated once into one flat array, modules first (children before
 * parents), so one evaluation of every root — what the MTTF quadrature does
 * at each time point — is a single loop with no allocation beyond its result.
 */

export interface CombinedLayout {
  /** Entries of every diagram (terminals shared at 0 and 1); `event` holds variables. */
  readonly event: Int32Array;
  readonly lo: Int32Array;
  readonly hi: Int32Array;
  readonly size: number;
  /** Entry of module j's root (0 or 1 for a constant module). */
  readonly moduleRoot: Int32Array;
  /** Entries below this one are the terminals and the modules' diagrams (they come first). */
  readonly modulesEnd: number;
  /** Where each diagram's entries start, in order, and (last) the end: a diagram's entries point only into it (diagrams sharing their arrays are one). */
  readonly diagramStart: Int32Array;
  /** Entry of each named root. */
  readonly rootEntry: ReadonlyMap<string, number>;
  readonly eventCount: number;
  readonly variableCount: number;
}

const combinedCache = new WeakMap<ModularDiagrams, CombinedLayout>();

export function combinedLayout(m: ModularDiagrams): CombinedLayout {
  const cached = combinedCache.get(m);
  if (cached !== undefined) return cached;
  const diagrams: RootDiagram[] = [...m.modules];
  const rootDiagrams = new Set<RootDiagram>(m.modules);
  for (const d of m.roots.values()) {
    if (!rootDiagrams.has(d)) {
      rootDiagrams.add(d);
      diagrams.push(d);
    }
  }
  // Diagrams sharing their layout's arrays (roots taken from one build) are one block, copied once.
  const size = distinctLayouts(diagrams).reduce((sum, l) => sum + l.size - 2, 2);
  const event = new Int32Array(size).fill(-1);
  const lo = new Int32Array(size);
  const hi = new Int32Array(size);
  lo[1] = hi[1] = 1;
  const rootOf = new Map<RootDiagram, number>();
  // Per block (its event array): entry e ≥ 2 of it lands at e + shift (terminals stay at 0 and 1).
  const shiftOf = new Map<Int32Array, number>();
  const starts: number[] = [];
  let offset = 2;
  let modulesEnd = 2;
  for (let k = 0; k < diagrams.length; k++) {
    const l = diagrams[k]!.layout;
    let shift = shiftOf.get(l.event);
    if (shift === undefined) {
      starts.push(offset);
      shift = offset - 2;
      shiftOf.set(l.event, shift);
      const { event: from, lo: fromLo, hi: fromHi } = l;
      for (let i = 2; i < l.size; i++) {
        const l0 = fromLo[i]!;
        const h0 = fromHi[i]!;
        event[i + shift] = from[i]!;
        lo[i + shift] = l0 < 2 ? l0 : l0 + shift;
        hi[i + shift] = h0 < 2 ? h0 : h0 + shift;
      }
      offset += l.size - 2;
    }
    rootOf.set(diagrams[k]!, l.root < 2 ? l.root : l.root + shift);
    if (k < m.modules.length) modulesEnd = offset;
  }
  starts.push(offset);
  const diagramStart = Int32Array.from(starts);
  const combined: CombinedLayout = {
    event,
    lo,
    hi,
    size,
    moduleRoot: Int32Array.from(m.modules, (d) => rootOf.get(d)!),
    modulesEnd,
    diagramStart,
    rootEntry: new Map([...m.roots].map(([name, d]) => [name, rootOf.get(d)!])),
    eventCount: m.eventCount,
    variableCount: m.variableCount,
  };
  combinedCache.set(m, combined);
  return combined;
}

export interface CombinedProbabilities {
  readonly failure: Float64Array;
  readonly success: Float64Array;
  /** q and p of every variable (events as given, pseudo-events from their modules). */
  readonly q: Float64Array;
  readonly p: Float64Array;
}

/** What a pass computes: every entry's failure and success, or only the variables' q and p (modules settled, roots not evaluated). */
export type CombinedPass = 'all' | 'variables';

/**
 * Failure and success of every entry, with each module's pair fed to its
 * pseudo-event as soon as its root is reached; with 'variables', the pass
 * ends once every module is settled. (Repeated evaluations of many roots use
 * BatchedSuccess, which keeps no array the size of the layout.)
 */
export function evaluateCombined(c: CombinedLayout, q: Float64Array, p: Float64Array, pass: CombinedPass = 'all'): CombinedProbabilities {
  if (q.length < c.eventCount || p.length < c.eventCount) {
    throw new Error(`probability vectors need ${c.eventCount} entries (got q: ${q.length}, p: ${p.length})`);
  }
  const { size, event, lo, hi, moduleRoot, eventCount } = c;
  const qx = new Float64Array(c.variableCount);
  const px = new Float64Array(c.variableCount);
  // The variables need the modules' entries only (a large model's roots can be most of the layout).
  const failure = new Float64Array(pass === 'variables' ? c.modulesEnd : size);
  const success = new Float64Array(pass === 'variables' ? c.modulesEnd : size);
  qx.set(q.subarray(0, eventCount));
  px.set(p.subarray(0, eventCount));
  failure[0] = 0;
  success[0] = 1;
  failure[1] = 1;
  success[1] = 0;
  const modules = moduleRoot.length;
  let next = 0;
  // Constant modules (root 0 or 1) first.
  while (next < modules && moduleRoot[next]! < 2) {
    qx[eventCount + next] = failure[moduleRoot[next]!]!;
    px[eventCount + next] = success[moduleRoot[next]!]!;
    next++;
  }
  let nextRoot = next < modules ? moduleRoot[next]! : size;
  let i = 2;
  // (next < modules implies nextRoot ≥ 2 here: the constant ones were settled above.)
  for (; i < size && next < modules; i++) {
    const e = event[i]!;
    const qe = qx[e]!;
    const pe = px[e]!;
    failure[i] = pe * failure[lo[i]!]! + qe * failure[hi[i]!]!;
    success[i] = pe * success[lo[i]!]! + qe * success[hi[i]!]!;
    // Settle every module whose root is this entry or a constant (children come first, so none is missed).
    while (i === nextRoot || nextRoot < 2) {
      qx[eventCount + next] = failure[nextRoot]!;
      px[eventCount + next] = success[nextRoot]!;
      next++;
      nextRoot = next < modules ? moduleRoot[next]! : size;
    }
  }
  if (pass === 'variables') return { failure, success, q: qx, p: px };
  for (; i < size; i++) {
    const e = event[i]!;
    const qe = qx[e]!;
    const pe = px[e]!;
    failure[i] = pe * failure[lo[i]!]! + qe * failure[hi[i]!]!;
    success[i] = pe * success[lo[i]!]! + qe * success[hi[i]!]!;
  }
  return { failure, success, q: qx, p: px };
}

/** Every named root's failure and success probability. */
export function modularRootProbabilities(m: ModularDiagrams, q: Float64Array, p: Float64Array): Map<string, RootProbability> {
  const c = combinedLayout(m);
  const { failure, success } = evaluateCombined(c, q, p);
  const result = new Map<string, RootProbability>();
  for (const [name, at] of c.rootEntry) result.set(name, { failure: failure[at]!, success: success[at]! });
  return result;
}

/** q and p of every variable, pseudo-events included. */
export function variableProbabilities(m: ModularDiagrams, q: Float64Array, p: Float64Array): { q: Float64Array; p: Float64Array } {
  const { q: qx, p: px } = evaluateCombined(combinedLayout(m), q, p, 'variables');
  return { q: qx, p: px };
}

/** Columns of a BatchedSuccess: four, each written out in the loops (V8 does not unroll a loop over a variable count, and that loop was slower than one column at a time). */
export const BATCH_WIDTH = 4;

/**
 * The success probability of chosen entries (`keep`) for four probability
 * vectors at once (the MTTF quadrature's batches of times; the steady-state,
 * mission and limit vectors of the root figures). One walk over the
 * layout serves every column: the four products of an entry are independent
 * (the single-column pass waits on each entry's stored result before the
 * next), and reading an entry's event and children is shared. Measured on
 * the 30,000-instance bench model: 0.6 ms per column against 3.3 ms.
 *
 * Values live in a ring of 2^k slots (four columns each) rather than one
 * slot per entry: a diagram's entries only point into the same diagram, so
 * no child is further back than the longest diagram, and a ring longer than
 * that still holds every child when its parent is computed. The working set
 * is then the ring (a few hundred KiB on the bench model) instead of the
 * whole layout (12 MiB there), and each kept entry and module root is
 * copied out as soon as it is computed. Failure is computed only up to the
 * last module root (pseudo-events need both), or to the end when the plan
 * keeps failure too.
 */
export class BatchedSuccess {
  /**
   * Per row, four columns: fill the events' rows (row · 4 + column) before
   * `run`. Events share a row when they share a time curve (`rowOfEvent`), so
   * a batch is filled per curve, not per replica; module pseudo-events get
   * the rows after the events'.
   */
  readonly q: Float64Array;
  readonly p: Float64Array;
  /** Per kept entry (in the order of the plan's `keep`), four columns: read k · 4 + column after `run`. */
  readonly kept: Float64Array;
  /** The same for failure, when the plan asked for it (else empty). */
  readonly keptFailure: Float64Array;
  /** The rings (slots ring and ring + 1: the terminals). */
  readonly success: Float64Array;
  readonly failure: Float64Array;

  /** Every array in shared memory: a helper thread may run the pass (see batched-success-helper). */
  constructor(readonly plan: BatchedPlan) {
    const floats = (n: number): Float64Array => new Float64Array(new SharedArrayBuffer(n * 8));
    // Zeros in unused columns keep every product finite (a partial batch computes them anyway).
    this.q = floats(plan.rows * BATCH_WIDTH);
    this.p = floats(plan.rows * BATCH_WIDTH);
    this.kept = floats(plan.keptCount * BATCH_WIDTH);
    this.keptFailure = floats(plan.keptFailure ? plan.keptCount * BATCH_WIDTH : 0);
    const ring = plan.mask + 1;
    this.success = floats((ring + 2) * BATCH_WIDTH);
    this.failure = floats((ring + 2) * BATCH_WIDTH);
    for (let b = 0; b < BATCH_WIDTH; b++) {
      this.success[ring * BATCH_WIDTH + b] = 1;
      this.failure[(ring + 1) * BATCH_WIDTH + b] = 1;
    }
  }

  /**
   * One pass. With `shouldStop`, asked every STOP_CHECK_ENTRIES entries, a
   * pass over a large layout can end early: then it returns false and the
   * results are meaningless (a newer model made them stale).
   */
  run(shouldStop?: () => boolean): boolean {
    const x = this.plan;
    return runBatchedSuccess(
      x.ringLo,
      x.ringHi,
      x.rowAt,
      x.mask,
      x.stopEntry,
      x.stopModule,
      x.stopKeepStart,
      x.stopKeep,
      x.lastModuleStop,
      x.firstPseudoRow,
      this.q,
      this.p,
      this.success,
      this.failure,
      this.kept,
      this.keptFailure,
      shouldStop,
    );
  }
}

/** Equal as probabilities go here: the same number, or both NaN ("not repairable"). */
export function sameValue(a: number, b: number): boolean {
  return a === b || (a !== a && b !== b);
}

/**
 * After a run, the pass again for rows that changed since: `changed[v]` is
 * 1 for each variable whose rows changed (events, on entry); only the
 * diagrams that read a changed variable are evaluated again, in order, and a
 * module whose result moved marks its pseudo-event changed for the diagrams
 * after it. The others' results stand: a diagram reads only its own entries
 * and its variables, so these are the numbers a whole pass gives, bit for bit.
 */
export function runChangedDiagrams(batch: BatchedSuccess, layout: CombinedLayout, changed: Uint8Array): void {
  const x = batch.plan;
  const { event, diagramStart, eventCount } = layout;
  const { q, p, success, failure, kept, keptFailure } = batch;
  const stops = x.stopEntry.length;
  let s = 0;
  for (let d = 0; d + 1 < diagramStart.length; d++) {
    const start = diagramStart[d]!;
    const end = diagramStart[d + 1]!;
    // Stops on the terminals (constant roots) come first and never change.
    while (s < stops && x.stopEntry[s]! < start) s++;
    let dirty = false;
    for (let i = start; i < end && !dirty; i++) dirty = changed[event[i]!] === 1;
    if (!dirty) {
      while (s < stops && x.stopEntry[s]! < end) s++;
      continue;
    }
    failureAndSuccessBlock(x.rowAt, x.ringLo, x.ringHi, x.mask, p, q, failure, success, start, end);
    for (; s < stops && x.stopEntry[s]! < end; s++) {
      const at = (x.stopEntry[s]! & x.mask) << 2;
      const j = x.stopModule[s]!;
      if (j >= 0) {
        const pseudo = (x.firstPseudoRow + j) << 2;
        for (let b = 0; b < BATCH_WIDTH; b++) {
          if (!sameValue(q[pseudo + b]!, failure[at + b]!) || !sameValue(p[pseudo + b]!, success[at + b]!)) changed[eventCount + j] = 1;
          q[pseudo + b] = failure[at + b]!;
          p[pseudo + b] = success[at + b]!;
        }
      }
      for (let k = x.stopKeepStart[s]!; k < x.stopKeepStart[s + 1]!; k++) {
        const out = x.stopKeep[k]! << 2;
        for (let b = 0; b < BATCH_WIDTH; b++) kept[out + b] = success[at + b]!;
        if (keptFailure.length > 0) for (let b = 0; b < BATCH_WIDTH; b++) keptFailure[out + b] = failure[at + b]!;
      }
    }
  }
}

/** Entries between two checks of a pass's shouldStop (about a millisecond of work). */
export const STOP_CHECK_ENTRIES = 1 << 16;

/** What every BatchedSuccess over one layout reads and never writes (in shared memory). */
export interface BatchedPlan {
  /** Per entry: its children's ring slots and the first slot of its variable's row, all · 4. */
  readonly ringLo: Int32Array;
  readonly ringHi: Int32Array;
  readonly rowAt: Int32Array;
  /** Ring length − 1 (a power of two). */
  readonly mask: number;
  /** Where a module root or a kept entry is computed, ascending. */
  readonly stopEntry: Int32Array;
  /** Per stop: the module whose root it is, or −1. */
  readonly stopModule: Int32Array;
  /** Per stop s, its kept slots are stopKeep[stopKeepStart[s] … stopKeepStart[s + 1]). */
  readonly stopKeepStart: Int32Array;
  readonly stopKeep: Int32Array;
  /** The last stop that needs failure (a module root, or any stop when failure is kept), or −1. */
  readonly lastModuleStop: number;
  readonly firstPseudoRow: number;
  /** Rows of q and p: events' (or curves'), then one per module. */
  readonly rows: number;
  readonly keptCount: number;
  /** Failure is computed through every stop and copied out for kept entries too. */
  readonly keptFailure: boolean;
}

/**
 * The plan of batched passes over a layout: `keep`, the entries whose success
 * (and with `keptFailure`, failure) is read after each run; `rowOfEvent`,
 * each event's row among `eventRows` (default: one row per event).
 */
export function batchedPlan(
  layout: CombinedLayout,
  keep: readonly number[],
  rowOfEvent?: Int32Array,
  eventRows = layout.eventCount,
  keptFailure = false,
): BatchedPlan {
  const { size, event, eventCount } = layout;
  const { ringLo, ringHi, mask } = ringOf(layout);
  const rowAt = sharedInts(size);
  for (let i = 2; i < size; i++) {
    const v = event[i]!;
    rowAt[i] = (v < eventCount ? (rowOfEvent ? rowOfEvent[v]! : v) : eventRows + (v - eventCount)) << 2;
  }
  // Stops: every module root and every kept entry, ascending by entry, one stop per distinct entry. Sorted as
  // entry · stopKey + position (a module j at position j, kept entry k after the modules; exact in a double
  // while entries · positions stay under 2^53): no object per stop.
  const moduleCount = layout.moduleRoot.length;
  let stopKey = 1;
  while (stopKey <= moduleCount + keep.length) stopKey *= 2;
  const keys = new Float64Array(moduleCount + keep.length);
  for (let j = 0; j < moduleCount; j++) keys[j] = layout.moduleRoot[j]! * stopKey + j;
  for (let k = 0; k < keep.length; k++) keys[moduleCount + k] = keep[k]! * stopKey + moduleCount + k;
  keys.sort();
  let stopCount = 0;
  for (let i = 0; i < keys.length; i++) if (i === 0 || Math.floor(keys[i]! / stopKey) !== Math.floor(keys[i - 1]! / stopKey)) stopCount++;
  const stopEntry = sharedInts(stopCount);
  const stopModule = sharedInts(stopCount).fill(-1);
  const stopKeepStart = sharedInts(stopCount + 1);
  const stopKeep = sharedInts(keep.length);
  // Failure is computed up to the last stop that needs it: module roots (their pseudo-events take both), or every stop.
  let lastModuleStop = -1;
  let s = -1;
  let kept = 0;
  for (let i = 0; i < keys.length; i++) {
    const entry = Math.floor(keys[i]! / stopKey);
    const position = keys[i]! - entry * stopKey;
    if (s < 0 || entry !== stopEntry[s]) {
      s++;
      stopEntry[s] = entry;
      stopKeepStart[s] = kept;
      if (keptFailure) lastModuleStop = s;
    }
    if (position < moduleCount) {
      stopModule[s] = position;
      lastModuleStop = s;
    } else stopKeep[kept++] = position - moduleCount;
  }
  stopKeepStart[stopCount] = kept;
  return {
    ringLo,
    ringHi,
    rowAt,
    mask,
    stopEntry,
    stopModule,
    stopKeepStart,
    stopKeep,
    lastModuleStop,
    firstPseudoRow: eventRows,
    rows: eventRows + layout.moduleRoot.length,
    keptCount: keep.length,
    keptFailure,
  };
}

function sharedInts(n: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(n * 4));
}

/** Per layout, where each entry's children sit in the ring: the same for every plan over it (only rows and kept entries differ). */
const ringOfLayout = new WeakMap<CombinedLayout, { readonly ringLo: Int32Array; readonly ringHi: Int32Array; readonly mask: number }>();

function ringOf(layout: CombinedLayout): { readonly ringLo: Int32Array; readonly ringHi: Int32Array; readonly mask: number } {
  const known = ringOfLayout.get(layout);
  if (known !== undefined) return known;
  const { size, lo, hi } = layout;
  let reach = 1;
  for (let i = 2; i < size; i++) {
    const l = lo[i]!;
    const h = hi[i]!;
    reach = Math.max(reach, i - (l < 2 ? i : l), i - (h < 2 ? i : h));
  }
  let ring = 2;
  while (ring <= reach) ring *= 2;
  const mask = ring - 1;
  // Ring slots of children, pre-multiplied by 4; the terminals sit in the two slots after the ring.
  const ringLo = sharedInts(size);
  const ringHi = sharedInts(size);
  for (let i = 2; i < size; i++) {
    const l = lo[i]!;
    const h = hi[i]!;
    ringLo[i] = (l < 2 ? ring + l : l & mask) << 2;
    ringHi[i] = (h < 2 ? ring + h : h & mask) << 2;
  }
  const computed = { ringLo, ringHi, mask };
  ringOfLayout.set(layout, computed);
  return computed;
}

// The three functions below use nothing but their parameters and each other:
// the helper thread runs them from their source text (see batched-success-helper).

/** One pass of a BatchedSuccess: four columns (the literal 4s and shifts by 2 are BATCH_WIDTH). */
export function runBatchedSuccess(
  ringLo: Int32Array,
  ringHi: Int32Array,
  rowAt: Int32Array,
  mask: number,
  stopEntry: Int32Array,
  stopModule: Int32Array,
  stopKeepStart: Int32Array,
  stopKeep: Int32Array,
  lastModuleStop: number,
  firstPseudoRow: number,
  q: Float64Array,
  p: Float64Array,
  success: Float64Array,
  failure: Float64Array,
  kept: Float64Array,
  keptFailure: Float64Array,
  shouldStop?: () => boolean,
): boolean {
  let from = 2;
  let checked = 2;
  const terminals = (mask + 1) << 2;
  for (let s = 0; s < stopEntry.length; s++) {
    const entry = stopEntry[s]!;
    // Modules come children first, each diagram after those it uses: compute up to this stop, in blocks
    // of at most 1 << 16 entries (STOP_CHECK_ENTRIES, literal: the helper thread runs this function from
    // its source text) when shouldStop is to be asked in between.
    while (from <= entry) {
      const to = shouldStop === undefined ? entry + 1 : Math.min(entry + 1, from + (1 << 16));
      if (s <= lastModuleStop) failureAndSuccessBlock(rowAt, ringLo, ringHi, mask, p, q, failure, success, from, to);
      else successBlock(rowAt, ringLo, ringHi, mask, p, q, success, from, to);
      from = to;
      if (shouldStop !== undefined && from - checked >= 1 << 16) {
        if (shouldStop()) return false;
        checked = from;
      }
    }
    const at = entry < 2 ? terminals + (entry << 2) : (entry & mask) << 2;
    const j = stopModule[s]!;
    if (j >= 0) {
      const pseudo = (firstPseudoRow + j) << 2;
      for (let b = 0; b < 4; b++) {
        q[pseudo + b] = failure[at + b]!;
        p[pseudo + b] = success[at + b]!;
      }
    }
    for (let k = stopKeepStart[s]!; k < stopKeepStart[s + 1]!; k++) {
      const out = stopKeep[k]! << 2;
      for (let b = 0; b < 4; b++) kept[out + b] = success[at + b]!;
      if (keptFailure.length > 0) for (let b = 0; b < 4; b++) keptFailure[out + b] = failure[at + b]!;
    }
  }
  return true;
}

/**
 * Failure and success of entries [from, to), four columns each, into the
 * rings (see BatchedSuccess). Not successBlock run once per ring: reading an
 * entry's row and children once for both was measured 10–30% faster.
 */
export function failureAndSuccessBlock(
  rowAt: Int32Array,
  lo: Int32Array,
  hi: Int32Array,
  mask: number,
  p: Float64Array,
  q: Float64Array,
  f: Float64Array,
  s: Float64Array,
  from: number,
  to: number,
): void {
  for (let i = from; i < to; i++) {
    const e = rowAt[i]!;
    const l = lo[i]!;
    const h = hi[i]!;
    const o = (i & mask) << 2;
    f[o] = p[e]! * f[l]! + q[e]! * f[h]!;
    f[o + 1] = p[e + 1]! * f[l + 1]! + q[e + 1]! * f[h + 1]!;
    f[o + 2] = p[e + 2]! * f[l + 2]! + q[e + 2]! * f[h + 2]!;
    f[o + 3] = p[e + 3]! * f[l + 3]! + q[e + 3]! * f[h + 3]!;
    s[o] = p[e]! * s[l]! + q[e]! * s[h]!;
    s[o + 1] = p[e + 1]! * s[l + 1]! + q[e + 1]! * s[h + 1]!;
    s[o + 2] = p[e + 2]! * s[l + 2]! + q[e + 2]! * s[h + 2]!;
    s[o + 3] = p[e + 3]! * s[l + 3]! + q[e + 3]! * s[h + 3]!;
  }
}

/** Success of entries [from, to), four columns each, into the ring. */
export function successBlock(
  rowAt: Int32Array,
  lo: Int32Array,
  hi: Int32Array,
  mask: number,
  p: Float64Array,
  q: Float64Array,
  s: Float64Array,
  from: number,
  to: number,
): void {
  for (let i = from; i < to; i++) {
    const e = rowAt[i]!;
    const l = lo[i]!;
    const h = hi[i]!;
    const o = (i & mask) << 2;
    s[o] = p[e]! * s[l]! + q[e]! * s[h]!;
    s[o + 1] = p[e + 1]! * s[l + 1]! + q[e + 1]! * s[h + 1]!;
    s[o + 2] = p[e + 2]! * s[l + 2]! + q[e + 2]! * s[h + 2]!;
    s[o + 3] = p[e + 3]! * s[l + 3]! + q[e + 3]! * s[h + 3]!;
  }
}
