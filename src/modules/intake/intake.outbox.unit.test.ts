import { describe, expect, it } from 'vitest';
import { Outbox } from './intake.outbox';

/** A send the test finishes by hand, recording each batch. */
function manualSend() {
  const batches: number[][] = [];
  const finish: (() => void)[] = [];
  const send = (batch: number[]) => {
    batches.push(batch);
    return new Promise<void>((resolve) => finish.push(resolve));
  };
  return { batches, finish, send };
}
const settled = async (p: Promise<void>) => {
  let done = false;
  void p.then(() => (done = true));
  await new Promise((r) => setTimeout(r, 0));
  return done;
};

describe('status outbox', () => {
  it('sends at once when nothing is in flight, and groups what is posted meanwhile into the next send, in order', async () => {
    const { batches, finish, send } = manualSend();
    const box = new Outbox<number>(send);
    const first = box.post([1]);
    expect(batches).toEqual([[1]]);
    const second = box.post([2]);
    const third = box.post([3, 4]);
    expect(batches).toEqual([[1]]); // waiting for the send in flight
    expect(await settled(first)).toBe(false);
    finish[0]();
    expect(await settled(first)).toBe(true);
    expect(batches).toEqual([[1], [2, 3, 4]]);
    expect(await settled(second)).toBe(false); // a caller settles only once its own notices left
    finish[1]();
    expect(await settled(second)).toBe(true);
    expect(await settled(third)).toBe(true);
    // Quiet again: the next notice goes out at once, alone.
    void box.post([5]);
    expect(batches).toEqual([[1], [2, 3, 4], [5]]);
    finish[2]();
  });

  it('sends nothing for no notices', async () => {
    const { batches, send } = manualSend();
    await new Outbox<number>(send).post([]);
    expect(batches).toEqual([]);
  });
});
