import { describe, expect, it } from 'vitest';
import { DEFAULT_RESTART_POLICY, onCrash } from '../../client/src/restart-policy';

describe('restarting the language server after a crash', () => {
  it('restarts after each of the first five crashes within three minutes', () => {
    let crashes: readonly number[] = [];
    for (let i = 0; i < 5; i++) {
      const decision = onCrash(crashes, 1_000 * i);
      expect(decision.restart).toBe(true);
      crashes = decision.crashes;
    }
    expect(onCrash(crashes, 5_000).restart).toBe(false);
  });

  it('forgets crashes older than the window', () => {
    const old = [0, 1, 2, 3, 4];
    const decision = onCrash(old, DEFAULT_RESTART_POLICY.windowMs + 10);
    expect(decision.restart).toBe(true);
    expect(decision.crashes).toEqual([DEFAULT_RESTART_POLICY.windowMs + 10]);
  });
});
