import { describe, expect, it } from 'vitest';
import { extendedOrder, learnedOrder, learnOrder } from '../../server/src/analysis/order-learned';
import type { RegionView } from '../../server/src/analysis/root-diagram';

/** Orders learned from sifted diagrams, reused by later diagrams of the same compilation. */

const view = (): RegionView => ({}) as RegionView;

describe('learned variable orders', () => {
  it('give a diagram whose variables one sifted diagram holds all of that diagram’s order (the latest such)', () => {
    const v = view();
    learnOrder(v, Int32Array.from([5, 4, 3, 2, 1]), 100);
    learnOrder(v, Int32Array.from([1, 2, 3, 9]), 40);
    expect(learnedOrder(v, [3, 1, 2])).toEqual({ order: [1, 2, 3], sourceSize: 40 });
    expect(learnedOrder(v, [1, 4, 5])).toEqual({ order: [5, 4, 1], sourceSize: 100 });
  });

  it('extend the order holding most of a diagram’s variables, when it holds at least half of them', () => {
    const v = view();
    learnOrder(v, Int32Array.from([3, 2, 1]), 10);
    learnOrder(v, Int32Array.from([7, 8]), 10);
    // A parent gate over the sifted child {1, 2, 3} brings 6 and 7: the child's order, each new variable
    // before the next held one in depth-first order.
    expect(learnedOrder(v, [6, 1, 2, 7, 3])).toEqual({ order: [7, 3, 2, 6, 1], sourceSize: 10 });
    // Under half held by any one order: none.
    expect(learnedOrder(v, [1, 7, 10, 11, 12])).toBeUndefined();
    expect(learnedOrder(view(), [1, 2])).toBeUndefined();
  });

  it('do not extend the order of a diagram that shares only a part of its own variables (siblings, not a gate above)', () => {
    const v = view();
    learnOrder(v, Int32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 50);
    // Three of four held, but only three of the sifted diagram's ten.
    expect(learnedOrder(v, [1, 2, 3, 20])).toBeUndefined();
    expect(learnedOrder(v, [20, 1, 2, 3, 4, 5, 6])).toEqual({ order: [20, 1, 2, 3, 4, 5, 6], sourceSize: 50 });
  });

  it('place each new variable just before the next held one in depth-first order, trailing ones last', () => {
    const rank = new Map([
      [10, 0],
      [20, 1],
    ]);
    expect(extendedOrder(rank, [1, 20, 2, 3, 10, 4])).toEqual([2, 3, 10, 1, 20, 4]);
    expect(extendedOrder(rank, [20, 10])).toEqual([10, 20]);
  });
});
