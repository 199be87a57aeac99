/**
 * When a preview asks the language server for its diagram. Edits, new
 * analyses and settings changes all say "ask again"; the loop turns them into
 * few requests, each answered soon:
 * - at most one request is in flight; a trigger meanwhile asks once more when it answers
 *   (the server answers in order, so no answer is ever older than one shown before it);
 * - otherwise it asks `delayMs` after the trigger, unless an earlier ask is already
 *   planned: a burst of edits is asked for shortly after its first edit, then once more
 *   for the rest, instead of after the burst ends (a plain debounce never asks while
 *   edits keep coming).
 */
export interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

export const systemTimers: Timers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

export class RequestLoop {
  private timer: unknown;
  private due = Infinity;
  private inFlight = false;
  /** A trigger came after the last request started. */
  private wanted = false;
  /** The shortest delay asked for while a request was in flight. */
  private delayAfterAnswer = Infinity;
  private disposed = false;

  /** `ask` sends one request and settles when it is answered (it must not throw). */
  constructor(
    private readonly ask: () => Promise<void>,
    private readonly timers: Timers = systemTimers,
  ) {}

  /** Asks for the current state within `delayMs` (or as soon as the request in flight answers). */
  trigger(delayMs: number): void {
    if (this.disposed) return;
    this.wanted = true;
    if (this.inFlight) {
      this.delayAfterAnswer = Math.min(this.delayAfterAnswer, delayMs);
      return;
    }
    const due = this.timers.now() + delayMs;
    if (this.timer !== undefined) {
      if (this.due <= due) return;
      this.timers.clearTimeout(this.timer);
    }
    this.due = due;
    this.timer = this.timers.setTimeout(() => void this.fire(), delayMs);
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async fire(): Promise<void> {
    this.timer = undefined;
    this.due = Infinity;
    if (this.disposed) return;
    this.wanted = false;
    this.inFlight = true;
    try {
      await this.ask();
    } catch {
      // `ask` reports its own failures; the loop must keep running.
    } finally {
      this.inFlight = false;
    }
    if (this.wanted) {
      const delay = this.delayAfterAnswer;
      this.delayAfterAnswer = Infinity;
      this.trigger(delay);
    }
  }
}
