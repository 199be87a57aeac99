import { describe, expect, it } from 'vitest';
import { RequestLoop, type Timers } from '../../client/src/preview/request-loop';

/** A clock that moves only when the test says so. */
class FakeTimers implements Timers {
  private time = 0;
  private nextId = 1;
  private readonly pending = new Map<number, { at: number; run: () => void }>();

  now(): number {
    return this.time;
  }

  setTimeout(run: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.pending.set(id, { at: this.time + ms, run });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  /** Moves the clock to `time`, running due timers in order (and letting their promises settle). */
  async advanceTo(time: number): Promise<void> {
    for (;;) {
      const due = [...this.pending].filter(([, t]) => t.at <= time).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.pending.delete(due[0]);
      this.time = due[1].at;
      due[1].run();
      await settle();
    }
    this.time = time;
    await settle();
  }
}

const settle = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

/** A loop whose requests are answered when the test calls `answer()`; records when each request was sent. */
function harness() {
  const timers = new FakeTimers();
  const sent: number[] = [];
  const answers: (() => void)[] = [];
  const loop = new RequestLoop(
    () =>
      new Promise<void>((resolve) => {
        sent.push(timers.now());
        answers.push(resolve);
      }),
    timers,
  );
  const answer = async () => {
    answers.shift()!();
    await settle();
  };
  return { timers, sent, loop, answer };
}

describe('when the preview asks the server for its diagram', () => {
  it('asks once, the delay after a trigger', async () => {
    const { timers, sent, loop } = harness();
    loop.trigger(40);
    await timers.advanceTo(39);
    expect(sent).toEqual([]);
    await timers.advanceTo(40);
    expect(sent).toEqual([40]);
  });

  it('asks for a burst of edits shortly after its first edit, not only after the burst ends', async () => {
    const { timers, sent, loop, answer } = harness();
    for (let t = 0; t <= 200; t += 10) {
      await timers.advanceTo(t);
      loop.trigger(40);
    }
    // 40 ms after the first edit, then once more (for the rest) as soon as that one answered.
    expect(sent).toEqual([40]);
    await timers.advanceTo(250);
    await answer();
    await timers.advanceTo(290);
    expect(sent).toEqual([40, 290]);
    await answer();
    await timers.advanceTo(1000);
    expect(sent).toEqual([40, 290]);
  });

  it('never has two requests in flight: triggers meanwhile become one request after the answer', async () => {
    const { timers, sent, loop, answer } = harness();
    loop.trigger(0);
    await timers.advanceTo(0);
    loop.trigger(40);
    loop.trigger(0);
    loop.trigger(40);
    await timers.advanceTo(500);
    expect(sent).toEqual([0]);
    await answer();
    await timers.advanceTo(500);
    expect(sent).toEqual([0, 500]); // the shortest delay asked for meanwhile (0)
    await answer();
    await timers.advanceTo(2000);
    expect(sent).toEqual([0, 500]);
  });

  it('keeps the earlier of two planned asks', async () => {
    const { timers, sent, loop } = harness();
    loop.trigger(500);
    loop.trigger(0);
    loop.trigger(40);
    await timers.advanceTo(1000);
    expect(sent).toEqual([0]);
  });

  it('keeps running after a request that fails, and stops when disposed', async () => {
    const timers = new FakeTimers();
    let calls = 0;
    const loop = new RequestLoop(async () => {
      calls++;
      throw new Error('the server went away');
    }, timers);
    loop.trigger(0);
    await timers.advanceTo(0);
    loop.trigger(10);
    await timers.advanceTo(10);
    expect(calls).toBe(2);
    loop.trigger(10);
    loop.dispose();
    loop.trigger(10);
    await timers.advanceTo(100);
    expect(calls).toBe(2);
  });
});
