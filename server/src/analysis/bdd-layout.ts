import type { CompiledBdd } from './bdd';
import { IntStack } from './bdd-int-stack';
import type { NodeStore } from './bdd-node-store';

/**
 * The nodes one root reaches, flattened once into arrays in topological
 * order (children first), so that the passes that run many times (the
 * probability at every quadrature point) are tight loops over local indices.
 * Local 0 and 1 are the terminals; the root is the last entry.
 */
export interface BddLayout {
  /** Entries, terminals included. */
  readonly size: number;
  /** Local index of the root (0 or 1 when the root is a constant). */
  readonly root: number;
  /** Event tested by each entry (−1 for the terminals). */
  readonly event: Int32Array;
  /** Level of each entry (levelCount for the terminals). */
  readonly level: Int32Array;
  readonly lo: Int32Array;
  readonly hi: Int32Array;
  readonly levelCount: number;
}

export function layoutOf(bdd: CompiledBdd, rootName: string): BddLayout {
  const cached = bdd.layoutCache.get(rootName) as BddLayout | undefined;
  if (cached !== undefined) return cached;
  const root = bdd.roots.get(rootName);
  if (root === undefined) throw new Error(`no root named '${rootName}' in the compiled BDD`);
  const layout = flatten(bdd.manager.store, root, bdd.levelToEvent);
  bdd.layoutCache.set(rootName, layout);
  return layout;
}

/**
 * Scratch arrays indexed by node id, kept per store so that flattening many
 * small roots of a big diagram costs the size of each root, not of the store.
 */
interface Scratch {
  stamp: Int32Array;
  localOf: Int32Array;
  generation: number;
}
const scratchOfStore = new WeakMap<NodeStore, Scratch>();

function scratchFor(store: NodeStore): Scratch {
  let scratch = scratchOfStore.get(store);
  if (scratch === undefined || scratch.stamp.length < store.size) {
    const capacity = Math.max(store.size, (scratch?.stamp.length ?? 0) * 2);
    scratch = { stamp: new Int32Array(capacity), localOf: new Int32Array(capacity), generation: 0 };
    scratchOfStore.set(store, scratch);
  }
  if (scratch.generation === 0x7ffffffe) {
    scratch.stamp.fill(0);
    scratch.generation = 0;
  }
  scratch.generation++;
  return scratch;
}

/** The walk's stacks, shared by every call (the walk never re-enters itself): thousands of small diagrams each allocated two. */
const found = new IntStack();
const stack = new IntStack();

/** Ids of the non-terminal nodes reachable from the given nodes, ascending (children first). */
export function reachableNodes(store: NodeStore, from: Iterable<number>): Int32Array {
  const { stamp, generation } = scratchFor(store);
  found.length = 0;
  stack.length = 0;
  const visit = (node: number): void => {
    if (node >= 2 && stamp[node] !== generation) {
      stamp[node] = generation;
      stack.push(node);
      found.push(node);
    }
  };
  for (const start of from) {
    visit(start);
    while (stack.length > 0) {
      const node = stack.pop();
      visit(store.loOf(node));
      visit(store.hiOf(node));
    }
  }
  const ids = new Int32Array(found.length);
  if (store.size - 2 <= 4 * found.length) {
    // Most of the store is reached (a diagram just built): ids in order by a scan, no sort.
    let at = 0;
    for (let node = 2; node < store.size; node++) if (stamp[node] === generation) ids[at++] = node;
    found.length = 0;
    return ids;
  }
  for (let i = found.length - 1; i >= 0; i--) ids[i] = found.pop();
  return ids.sort();
}

/** Flattens the diagram under `root` (a node of `store`) with levels mapped to events. */
export function flatten(store: NodeStore, root: number, levelToEvent: Int32Array): BddLayout {
  return flattenMany(store, [root], levelToEvent).layout;
}

/** One layout holding every root of a compiled BDD (shared nodes once), and each root's local index. */
export interface SharedLayout {
  readonly layout: BddLayout;
  readonly rootIndex: ReadonlyMap<string, number>;
}

const SHARED_KEY = '\u0000every root';

export function sharedLayoutOf(bdd: CompiledBdd): SharedLayout {
  const cached = bdd.layoutCache.get(SHARED_KEY) as SharedLayout | undefined;
  if (cached !== undefined) return cached;
  const names = [...bdd.roots.keys()];
  const { layout, roots } = flattenMany(bdd.manager.store, names.map((name) => bdd.roots.get(name)!), bdd.levelToEvent);
  const shared: SharedLayout = { layout, rootIndex: new Map(names.map((name, i) => [name, roots[i]!])) };
  bdd.layoutCache.set(SHARED_KEY, shared);
  return shared;
}

/** Flattens the diagram under several roots; `layout.root` is the last one's local index. */
export function flattenMany(
  store: NodeStore,
  rootIds: readonly number[],
  levelToEvent: Int32Array,
): { layout: BddLayout; roots: Int32Array } {
  const { layout, roots } = flattenAbove(store, rootIds, levelToEvent, 0);
  return { layout, roots };
}

/**
 * flattenMany with `room` entries left free at the end of the arrays and
 * every level (the terminals' included) moved down by `room`: the place for
 * a chain of `room` nodes above the diagram (see root-diagram), so its layout
 * is allocated once, not flattened and then copied. `layout.size` counts the
 * flattened entries only.
 */
export function flattenAbove(
  store: NodeStore,
  rootIds: readonly number[],
  levelToEvent: Int32Array,
  room: number,
): { layout: BddLayout; roots: Int32Array } {
  const ids = reachableNodes(store, rootIds);
  const { localOf } = scratchFor(store);
  const size = ids.length + 2;
  const levelCount = levelToEvent.length + room;
  const event = new Int32Array(size + room);
  const level = new Int32Array(size + room);
  const lo = new Int32Array(size + room);
  const hi = new Int32Array(size + room);
  event[0] = event[1] = -1;
  level[0] = level[1] = levelCount;
  lo[1] = hi[1] = 1;
  const local = (id: number): number => (id < 2 ? id : localOf[id]!);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    const at = i + 2;
    const l = store.levelOf(id);
    localOf[id] = at;
    level[at] = l + room;
    event[at] = levelToEvent[l]!;
    lo[at] = local(store.loOf(id));
    hi[at] = local(store.hiOf(id));
  }
  const roots = Int32Array.from(rootIds, local);
  const root = roots.length > 0 ? roots[roots.length - 1]! : 0;
  return { layout: { size, root, event, level, lo, hi, levelCount }, roots };
}
