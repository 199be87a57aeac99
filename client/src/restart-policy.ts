/**
 * When the language server crashes, restart it, unless it keeps crashing:
 * more than `maxCrashes` within `windowMs` means something is wrong with the
 * server or the model, and restarting again would only loop. Pure, for tests.
 */
export interface RestartPolicy {
  readonly maxCrashes: number;
  readonly windowMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = { maxCrashes: 5, windowMs: 3 * 60_000 };

/** Records a crash at `now` and says whether to restart; returns the crash times to keep. */
export function onCrash(
  recentCrashes: readonly number[],
  now: number,
  policy: RestartPolicy = DEFAULT_RESTART_POLICY,
): { readonly restart: boolean; readonly crashes: readonly number[] } {
  const crashes = [...recentCrashes.filter((t) => now - t < policy.windowMs), now];
  return { restart: crashes.length <= policy.maxCrashes, crashes };
}
