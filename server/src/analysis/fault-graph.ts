/**
 * The structure: a Boolean graph in *failure* logic over basic events.
 *
 * A node is true when the thing it stands for has FAILED. Success-logic
 * combinators of the language map as: series → or, parallel → and,
 * k of n working → atleast (n − k + 1) of n failed. Shared dependencies are
 * shared nodes (a DAG), never copies. Gates are stored in topological order:
 * a gate only refers to events and to gates with a smaller index, so every
 * pass over the graph is a simple loop (no recursion on depth).
 */

export type NodeRef =
  | { readonly kind: 'const'; readonly value: boolean }
  | { readonly kind: 'event'; readonly index: number }
  | { readonly kind: 'gate'; readonly index: number };

export type Gate =
  | { readonly kind: 'and' | 'or'; readonly inputs: readonly NodeRef[] }
  /** True when at least `k` of `inputs` are true (1 ≤ k ≤ inputs.length). */
  | { readonly kind: 'atleast'; readonly k: number; readonly inputs: readonly NodeRef[] };

export type BasicEventKind = 'instance' | 'ccf' | 'standby';

export interface BasicEvent {
  /** Display name: `db`, `app[2]`, `ccf(app)`, or the standby group's name. */
  readonly name: string;
  readonly kind: BasicEventKind;
  /**
   * For `tolerance` and cut sets shown to people: the component instances this
   * event stands for (a standby group: its members; an instance: itself; a CCF
   * event: the instances it fails).
   */
  readonly members: readonly string[];
}

export interface FaultGraph {
  readonly events: readonly BasicEvent[];
  readonly gates: readonly Gate[];
  /** Named roots, e.g. the system and every element ("this element fails"). */
  readonly roots: ReadonlyMap<string, NodeRef>;
}

export const FALSE: NodeRef = { kind: 'const', value: false };
export const TRUE: NodeRef = { kind: 'const', value: true };
