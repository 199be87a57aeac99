/** Where a command writes: the real process streams, or buffers in tests. */
export interface CliIo {
  readonly cwd: string;
  out(text: string): void;
  err(text: string): void;
}

/** Exit codes of the spec §5. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** A usage error: bad flags, missing arguments, unreadable root file (exit 2). */
export class UsageError extends Error {}
