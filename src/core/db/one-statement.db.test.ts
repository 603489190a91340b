import pg from 'pg';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/test-db';
import { rowsOfText, type Database } from './database';

let database: Database & { drop(): Promise<void> };
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe('statements started together on one connection', () => {
  it('run one after another in the order issued, each with its own answer', async () => {
    // A transaction is one connection: these three are issued before the first answers.
    const seen = await database.db.transaction(async (tx) =>
      Promise.all([
        rowsOfText<{ n: number }>(tx, 'SELECT 1 AS n FROM pg_sleep(0.05)'),
        rowsOfText<{ n: number }>(tx, 'SELECT 2 AS n'),
        tx.execute(sql`SELECT 3 AS n`),
      ]),
    );
    expect(seen[0][0].n).toBe(1);
    expect(seen[1][0].n).toBe(2);
    expect((seen[2] as unknown as { rows: { n: number }[] }).rows[0].n).toBe(3);
  });

  it('never reach pg while another statement of the connection is running (pg 9 refuses that)', async () => {
    if (database.kind !== 'postgres') return; // the embedded database has one connection and its own queue
    const overlapping: string[] = [];
    const base = pg.Client.prototype.query;
    const spy = vi.spyOn(pg.Client.prototype, 'query').mockImplementation(function (this: pg.Client & { _activeQuery?: unknown }, ...args: unknown[]) {
      if (this._activeQuery) overlapping.push(String((args[0] as { text?: string })?.text ?? args[0]));
      return (base as (...a: unknown[]) => unknown).apply(this, args) as never;
    });
    try {
      await database.db.transaction(async (tx) => {
        await Promise.all([rowsOfText(tx, 'SELECT pg_sleep(0.05)'), rowsOfText(tx, 'SELECT 2'), rowsOfText(tx, 'SELECT 3')]);
      });
    } finally {
      spy.mockRestore();
    }
    expect(overlapping).toEqual([]);
  });

  it('runs every connection of the pool without JIT, from its first statement (docs/decisions/0018)', async () => {
    if (database.kind !== 'postgres') return; // the embedded database is built without JIT
    // Four transactions at once take four connections, some of them new.
    const seen = await Promise.all(
      Array.from({ length: 4 }, () => database.db.transaction(async (tx) => (await rowsOfText<{ jit: string }>(tx, "SELECT current_setting('jit') AS jit, pg_sleep(0.05)"))[0].jit)),
    );
    expect(seen).toEqual(['off', 'off', 'off', 'off']);
  });
});
