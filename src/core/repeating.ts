/**
 * Work the server repeats for its whole life: sending mail, sealing the audit logs, the
 * follow-up sweep, the front-line feed, the embedded database's upkeep. Each runs one round at
 * a time (a round that falls due while one is under way is skipped, not queued), gives its
 * errors to `onError` (a round never rejects), never keeps the process alive, and `stop()`
 * waits for a round under way, so no round runs on a database that is being closed.
 */
export interface RepeatingWork {
  /** The round under way, if any; it never rejects. */
  readonly current: Promise<void> | undefined;
  /** No more rounds; resolves once a round under way has ended. */
  stop(): Promise<void>;
}

export interface RepeatOptions {
  /** Where a failed round's error goes; not called for a round that fails after stop(). */
  onError: (e: Error) => void;
  /** A first round this long after the start, besides the regular ones (a server just started). */
  firstAfterMs?: number;
}

/** Runs `round` every `everyMs` (and once after `firstAfterMs`, when given) until stopped. */
export function repeatEvery(everyMs: number, round: () => Promise<unknown>, options: RepeatOptions): RepeatingWork {
  let current: Promise<void> | undefined;
  let stopped = false;
  const tick = () => {
    if (current || stopped) return;
    current = Promise.resolve()
      .then(round)
      .then(
        () => undefined,
        (e: unknown) => {
          if (!stopped) options.onError(e instanceof Error ? e : new Error(String(e)));
        },
      )
      .finally(() => {
        current = undefined;
      });
  };
  const timers = [setInterval(tick, everyMs).unref()];
  if (options.firstAfterMs !== undefined) timers.push(setTimeout(tick, options.firstAfterMs).unref());
  return {
    get current() {
      return current;
    },
    async stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      await current;
    },
  };
}
