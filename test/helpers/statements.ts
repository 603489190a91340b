import { AsyncLocalStorage } from 'node:async_hooks';
import { vi } from 'vitest';
import type { Database } from '../../src/core/db/database';

const watched = new AsyncLocalStorage<true>();

/**
 * Every statement the watched work sends, prepared or not, as the database driver gets it:
 * drizzle hands each one to its client's query (the pool, or PGlite), whether it was built for
 * the call, prepared once per call (preparedRowsOf) or prepared once for good (the session
 * look-up). Only what runs inside `during` counts (AsyncLocalStorage): the server's own timers
 * (the audit sealer every second, the follow-up sweep, the mapping warm-up) send statements of
 * their own at any moment, and a slow run caught them inside a watch.
 */
export function watchStatements(database: Database) {
  const client = (database.db as unknown as { $client: { query(...args: unknown[]): unknown } }).$client;
  const query = client.query;
  const sent: string[] = [];
  const spy = vi.spyOn(client, 'query').mockImplementation(function (this: unknown, ...args: unknown[]) {
    const q = args[0] as string | { text: string };
    if (watched.getStore()) sent.push(typeof q === 'string' ? q : q.text);
    return query.apply(this, args);
  });
  return {
    /** Runs `work` watched; awaited inside, since an injected request starts only when awaited. */
    during: <T>(work: () => PromiseLike<T>) => watched.run(true, async () => await work()),
    texts: () => [...sent],
    matching: (pattern: RegExp) => sent.filter((q) => pattern.test(q)),
    count: () => sent.length,
    /** For a failure's message: every statement sent, one per line. */
    all: () => sent.join('\n'),
    stop: () => spy.mockRestore(),
  };
}
