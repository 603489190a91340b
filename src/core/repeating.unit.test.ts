import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { repeatEvery } from './repeating';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** A round that lasts until `finish` is called. */
function slowRound() {
  const ends: (() => void)[] = [];
  const round = vi.fn(() => new Promise<void>((resolve) => ends.push(resolve)));
  return { round, finish: () => ends.shift()?.() };
}

describe('repeated work', () => {
  it('runs a round every interval, and a first one early when asked', async () => {
    const round = vi.fn(async () => undefined);
    const work = repeatEvery(1000, round, { onError: () => undefined, firstAfterMs: 100 });
    await vi.advanceTimersByTimeAsync(99);
    expect(round).toHaveBeenCalledTimes(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(round).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(2900);
    expect(round).toHaveBeenCalledTimes(4);
    await work.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(round).toHaveBeenCalledTimes(4);
  });

  it('skips a round that falls due while one is under way, instead of running two at once', async () => {
    const { round, finish } = slowRound();
    const work = repeatEvery(1000, round, { onError: () => undefined });
    await vi.advanceTimersByTimeAsync(3500);
    expect(round).toHaveBeenCalledTimes(1);
    const underWay = work.current;
    expect(underWay).toBeDefined();
    finish();
    await underWay;
    expect(work.current).toBeUndefined();
    await vi.advanceTimersByTimeAsync(500);
    expect(round).toHaveBeenCalledTimes(2);
    finish();
    await work.stop();
  });

  it('waits for the round under way when stopped, and starts none after', async () => {
    const { round, finish } = slowRound();
    const work = repeatEvery(1000, round, { onError: () => undefined });
    await vi.advanceTimersByTimeAsync(1000);
    let stopped = false;
    const stopping = work.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(10);
    expect(stopped).toBe(false);
    finish();
    await stopping;
    expect(stopped).toBe(true);
    await vi.advanceTimersByTimeAsync(5000);
    expect(round).toHaveBeenCalledTimes(1);
  });

  it('gives a failed round’s error to onError and goes on, but not once stopped', async () => {
    const errors: string[] = [];
    let fail = true;
    const round = vi.fn(async () => {
      if (fail) throw new Error('mail server down');
    });
    const work = repeatEvery(1000, round, { onError: (e) => errors.push(e.message) });
    await vi.advanceTimersByTimeAsync(2000);
    expect(errors).toEqual(['mail server down', 'mail server down']);
    fail = false;
    await vi.advanceTimersByTimeAsync(1000);
    expect(errors).toHaveLength(2);
    expect(round).toHaveBeenCalledTimes(3);
    await work.stop();
    const { round: slow, finish } = slowRound();
    const late = repeatEvery(1000, () => slow().then(() => Promise.reject(new Error('database closed'))), { onError: (e) => errors.push(e.message) });
    await vi.advanceTimersByTimeAsync(1000);
    const stopping = late.stop();
    finish();
    await stopping;
    expect(errors).toHaveLength(2);
  });
});
