import { reachableNodes } from './bdd-layout';
import { BddManager } from './bdd-manager';
import { ReorderTable } from './bdd-reorder-table';

/**
 * Sifting (Rudell 1993) over the live part of a BddManager: the nodes the
 * given roots reach are copied into a ReorderTable, each variable in turn
 * (most nodes first) is moved through every level by adjacent swaps and left
 * where the diagram was smallest, and the result is copied into a fresh
 * manager in the new order. The copy is also the garbage collection: the
 * fresh manager holds only live nodes, bottom level first, so its ids stay a
 * topological order (children < parents) as every pass expects.
 */

/** Once its first `variables` are sifted, sifting must have shrunk the diagram to `sizeShare` of its size, or it is given up. */
export interface SiftTrial {
  readonly variables: number;
  readonly sizeShare: number;
}

export interface SiftLimits {
  /** Stop moving a variable in one direction once the diagram exceeds this factor of the best size seen. */
  readonly maxGrowth: number;
  /** performance.now() after which no further variable is sifted (the current one is finished). */
  readonly deadline: number;
  /** A sifting on trial (see SiftTrial). */
  readonly trial?: SiftTrial;
}

export const DEFAULT_SIFT_LIMITS: SiftLimits = { maxGrowth: 1.2, deadline: Infinity };

/**
 * Sifts every variable with nodes once, most nodes first, within the
 * limits. 'given up' when it failed its trial (the table is then in some
 * order between, which the caller drops).
 */
export function sift(table: ReorderTable, limits: SiftLimits = DEFAULT_SIFT_LIMITS): 'sifted' | 'given up' {
  const count = table.variableCount;
  const candidates = Array.from({ length: count }, (_, v) => v).filter((v) => table.countOfVariable[v]! > 0);
  candidates.sort((a, b) => table.countOfVariable[b]! - table.countOfVariable[a]! || a - b);
  const { trial } = limits;
  const startSize = table.size;
  for (let i = 0; i < candidates.length; i++) {
    if (performance.now() > limits.deadline) break;
    if (i === trial?.variables && table.size > trial.sizeShare * startSize) return 'given up';
    siftVariable(table, candidates[i]!, limits.maxGrowth);
  }
  return 'sifted';
}

/** Moves one variable to the level where the diagram is smallest (nearer end first, then the other, then back to the best). */
function siftVariable(table: ReorderTable, v: number, maxGrowth: number): number {
  const bottom = table.variableCount - 1;
  let level = table.levelOfVariable[v]!;
  let best = table.size;
  let bestLevel = level;
  let swaps = 0;
  const down = (): void => {
    while (level < bottom) {
      table.swap(level++);
      swaps++;
      if (table.size < best) {
        best = table.size;
        bestLevel = level;
      } else if (table.size > maxGrowth * best) break;
    }
  };
  const up = (): void => {
    while (level > 0) {
      table.swap(--level);
      swaps++;
      if (table.size < best) {
        best = table.size;
        bestLevel = level;
      } else if (table.size > maxGrowth * best) break;
    }
  };
  if (level > bottom / 2) {
    down();
    up();
  } else {
    up();
    down();
  }
  while (level < bestLevel) {
    table.swap(level++);
    swaps++;
  }
  while (level > bestLevel) {
    table.swap(--level);
    swaps++;
  }
  return swaps;
}

export interface Reordered {
  readonly manager: BddManager;
  /** The roots' ids in the new manager, in the order given. */
  readonly roots: Int32Array;
  /** Old level → new level, for every level of the old manager (those without live nodes keep their place next to their old neighbours). */
  readonly newLevelOf: Int32Array;
  /** Live nodes (the new manager's non-terminal nodes). */
  readonly size: number;
  /** Whether the order was sifted (else only compacted). */
  readonly sifted: boolean;
}

/** What to do with a live diagram of a given size: sift it within limits (left as it is when a trial fails), compact it in the same order, or leave it. */
export type ReorderDecision = SiftLimits | 'compact' | 'keep';

/**
 * The live diagram under `roots`, in a fresh manager, in the order sifting
 * finds, or only compacted, as `decide` says given the live size (undefined
 * for 'keep'). `levelCount` is the number of levels of the old manager's
 * variables.
 */
export function reorderLive(
  manager: BddManager,
  roots: readonly number[],
  levelCount: number,
  decide: (liveSize: number) => ReorderDecision,
): Reordered | undefined {
  const store = manager.store;
  const ids = reachableNodes(store, roots);
  const decision = decide(ids.length);
  if (decision === 'keep') return undefined;
  // Table variables: the levels with live nodes, in their current order.
  const used = new Uint8Array(levelCount);
  for (const id of ids) used[store.levelOf(id)] = 1;
  const variableOfLevel = new Int32Array(levelCount).fill(-1);
  let variables = 0;
  for (let level = 0; level < levelCount; level++) if (used[level] === 1) variableOfLevel[level] = variables++;
  // Sifting lets the diagram grow a little above its live size (maxGrowth): room for that even under a tight limit.
  const table = new ReorderTable(variables, ids.length, Math.max(store.nodeLimit, 4 * ids.length + 1024));
  // Old id → table id (terminals are the same in both).
  const inTable = new Int32Array(store.size);
  inTable[1] = 1;
  for (const id of ids) inTable[id] = table.make(variableOfLevel[store.levelOf(id)]!, inTable[store.loOf(id)]!, inTable[store.hiOf(id)]!);
  for (const root of roots) table.retain(inTable[root]!);
  // Drop the copy's own references: what is left counts parents and roots.
  for (const id of ids) table.release(inTable[id]!);
  if (decision !== 'compact' && sift(table, decision) === 'given up') return undefined;

  const newLevelOf = newLevels(variableOfLevel, table);
  const fresh = new BddManager(store.nodeLimit, true);
  const tableNodes = table.nodesBottomUp();
  // Table id → fresh id.
  const freshOf = new Int32Array(table.idBound);
  freshOf[1] = 1;
  const levelOfTableVariable = new Int32Array(variables);
  for (let level = 0; level < levelCount; level++) if (variableOfLevel[level]! >= 0) levelOfTableVariable[variableOfLevel[level]!] = newLevelOf[level]!;
  for (const n of tableNodes) {
    freshOf[n] = fresh.store.intern(levelOfTableVariable[table.variableOfNode(n)]!, freshOf[table.loOf(n)]!, freshOf[table.hiOf(n)]!);
  }
  const newRoots = Int32Array.from(roots, (root) => freshOf[inTable[root]!]!);
  return { manager: fresh, roots: newRoots, newLevelOf, size: table.size, sifted: decision !== 'compact' };
}

/** When a finished diagram is sifted (see siftFinished). */
export interface SiftPolicy {
  /** Fewest live nodes worth sifting. */
  readonly minSize: number;
  /** Most live nodes sifted (one pass over more would take too long). */
  readonly maxSize: number;
  /**
   * Only a build that created this many times the nodes of its result is
   * sifted: its intermediate diagrams blew up, the sign of a poor order; a
   * result near the size of its build is rarely shrunk much by sifting.
   */
  readonly blowUp: number;
  /** Sifting may take this long plus half the time the build took (see SIFT_SHARE_OF_BUILD). */
  readonly minMs: number;
  /** When sifting is given up (see SIFT_TRIAL); none: never. */
  readonly trial?: SiftTrial;
}

/**
 * Sifting a finished diagram is on trial: sifting its first variable (the
 * one with the most nodes) must shrink the diagram by 5%, else it is given
 * up and the diagram kept in its order. Why: a sifted diagram's region is
 * then built again in the new order for the roots nested in it (see
 * root-diagram), where an unsifted build holds them already. On edf9203 and
 * edf9204 sifting shrank the system's diagram by 5% in all (160,000 →
 * 152,000 and 423,000 → 400,000 nodes; the first variable: 1.3%) and cost,
 * with that second build, 1.0 and 4.5 s; elf9601's first variable shrank
 * its diagram by 12% (51,000 nodes; 1,300 in the end). Judged on a count of
 * variables, not on time, so that the choice does not depend on the load.
 */
const SIFT_TRIAL: SiftTrial = { variables: 1, sizeShare: 0.95 };

export const DEFAULT_SIFT_POLICY: SiftPolicy = { minSize: 1 << 13, maxSize: 1 << 19, blowUp: 4, minMs: 200, trial: SIFT_TRIAL };

/**
 * Share of a build's time that sifting its result may take beyond minMs.
 * Sifting moves the variables with the most nodes first, so most of its gain
 * comes early. Whole runs of the Aralia trees whose system diagram is sifted,
 * by share: edf9203 6.5 s (1), 5.4–5.5 s (0.25); edf9204 27.2 s (1),
 * 20.4 s (0.25). But elf9601's sifted order is what keeps its later diagrams
 * small, and a quarter is at its edge: 1.3–1.5 s or 5.4–5.8 s (63,000 or
 * 270,000 nodes in all) from run to run, where a half gave 1.1–1.7 s and
 * 63,379 nodes in each of four runs, as the whole build time does.
 */
const SIFT_SHARE_OF_BUILD = 0.5;

/** A finished diagram of `manager` (built in `buildMs`), sifted in a fresh manager when the policy says so; undefined otherwise. */
export function siftFinished(manager: BddManager, root: number, levelCount: number, buildMs: number, policy: SiftPolicy = DEFAULT_SIFT_POLICY): Reordered | undefined {
  const deadline = performance.now() + policy.minMs + SIFT_SHARE_OF_BUILD * buildMs;
  const created = manager.store.nodeCount;
  // The live size is at most what was created: most diagrams need no traversal to be left alone.
  if (created < policy.minSize || created < policy.blowUp * policy.minSize) return undefined;
  return reorderLive(manager, [root], levelCount, (live) =>
    live >= policy.minSize && live <= policy.maxSize && created >= policy.blowUp * live ? { maxGrowth: DEFAULT_SIFT_LIMITS.maxGrowth, deadline, ...(policy.trial === undefined ? {} : { trial: policy.trial }) } : 'keep',
  );
}

/**
 * The new order of every old level: the live variables in the table's
 * order, each followed by the levels without live nodes that followed it
 * (those before the first live level stay on top).
 */
function newLevels(variableOfLevel: Int32Array, table: ReorderTable): Int32Array {
  const levelCount = variableOfLevel.length;
  const tableLevelToOld = new Int32Array(table.variableCount);
  for (let level = 0; level < levelCount; level++) {
    const v = variableOfLevel[level]!;
    if (v >= 0) tableLevelToOld[table.levelOfVariable[v]!] = level;
  }
  const followers = new Map<number, number[]>();
  const leading: number[] = [];
  let lastLive = -1;
  for (let level = 0; level < levelCount; level++) {
    if (variableOfLevel[level]! >= 0) lastLive = level;
    else if (lastLive < 0) leading.push(level);
    else {
      let list = followers.get(lastLive);
      if (list === undefined) followers.set(lastLive, (list = []));
      list.push(level);
    }
  }
  const order = [...leading];
  for (const old of tableLevelToOld) order.push(old, ...(followers.get(old) ?? []));
  const newLevelOf = new Int32Array(levelCount);
  order.forEach((old, level) => (newLevelOf[old] = level));
  return newLevelOf;
}
