/**
 * A continuous-time Markov chain given by its off-diagonal transition rates,
 * stored per state as parallel lists of targets and positive rates (no
 * self-loops, no duplicate targets, no zero rates).
 */
export interface RateGraph {
  readonly size: number;
  readonly targets: readonly (readonly number[])[];
  readonly rates: readonly (readonly number[])[];
}

/** Collects transitions, merging parallel ones and dropping zero rates and self-loops. */
export class RateGraphBuilder {
  private readonly rows: Map<number, number>[] = [];

  /** Adds a state and returns its index. */
  addState(): number {
    this.rows.push(new Map());
    return this.rows.length - 1;
  }

  get size(): number {
    return this.rows.length;
  }

  addRate(from: number, to: number, rate: number): void {
    if (from === to || !(rate > 0)) return;
    const row = this.rows[from];
    row.set(to, (row.get(to) ?? 0) + rate);
  }

  build(): RateGraph {
    const targets: number[][] = [];
    const rates: number[][] = [];
    for (const row of this.rows) {
      targets.push([...row.keys()]);
      rates.push([...row.values()]);
    }
    return { size: this.rows.length, targets, rates };
  }
}

/** The sub-chain on `states` (transitions leaving the set are dropped), with indices 0 … states.length − 1. */
export function restrictGraph(graph: RateGraph, states: readonly number[]): RateGraph {
  const local = new Map<number, number>();
  states.forEach((s, i) => local.set(s, i));
  const targets: number[][] = [];
  const rates: number[][] = [];
  for (const s of states) {
    const t: number[] = [];
    const r: number[] = [];
    graph.targets[s].forEach((to, e) => {
      const j = local.get(to);
      if (j !== undefined) {
        t.push(j);
        r.push(graph.rates[s][e]);
      }
    });
    targets.push(t);
    rates.push(r);
  }
  return { size: states.length, targets, rates };
}
