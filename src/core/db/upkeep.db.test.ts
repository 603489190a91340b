import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/test-db';
import type { Database } from './database';
import { startUpkeep, stopUpkeep, tablesDue, upkeepRound } from './upkeep';

let database: Database & { drop(): Promise<void> };
beforeAll(async () => {
  database = await createTestDatabase();
  // Autovacuum on a PostgreSQL server must not clean the tables before the test looks.
  for (const t of ['upkeep_churned', 'upkeep_quiet', 'upkeep_grown']) {
    await database.query(`CREATE TABLE ${t} (id int PRIMARY KEY, v int NOT NULL) WITH (autovacuum_enabled = false)`);
  }
  await database.query(`INSERT INTO upkeep_churned SELECT i, 0 FROM generate_series(1, 4000) i`);
  await database.query(`INSERT INTO upkeep_quiet SELECT i, 0 FROM generate_series(1, 4000) i`);
  // The inserts' counts are published before the vacuum that resets them.
  await flushStats();
  await database.query(`VACUUM (ANALYZE) upkeep_churned`);
  await database.query(`VACUUM (ANALYZE) upkeep_quiet`);
  await flushStats();
  // Every row of one updated twice (8,000 dead rows), ten of the other (below any threshold).
  await database.query(`UPDATE upkeep_churned SET v = v + 1`);
  await database.query(`UPDATE upkeep_churned SET v = v + 1`);
  await database.query(`UPDATE upkeep_quiet SET v = v + 1 WHERE id <= 10`);
  // A table that only grew: new rows to analyze and to mark visible.
  await database.query(`INSERT INTO upkeep_grown SELECT i, 0 FROM generate_series(1, 3000) i`);
  await flushStats();
}, 60_000);
afterAll(() => database.drop());

/** The statistics a backend keeps are published at most once a second unless forced. */
async function flushStats() {
  await database.query(`SELECT pg_stat_force_next_flush()`);
  await database.query(`SELECT 1`);
}

const stats = async (table: string) =>
  (await database.query<{ dead: number; vacuumed: boolean; analyzed: boolean }>(
    `SELECT n_dead_tup::int AS dead, (last_vacuum IS NOT NULL) AS vacuumed, (last_analyze IS NOT NULL) AS analyzed FROM pg_stat_user_tables WHERE relname = $1`,
    [table],
  ))[0];

describe('upkeep of the embedded database (what autovacuum does on a server)', () => {
  it('finds the tables autovacuum would work on, by its own thresholds, and leaves the others', async () => {
    const due = await tablesDue(database);
    const byTable = Object.fromEntries(due.map((d) => [d.table, d.action]));
    expect(byTable.upkeep_churned).toBe('vacuum');
    expect(byTable.upkeep_grown).toBe('vacuum');
    expect(byTable.upkeep_quiet).toBeUndefined();
    expect(due.every((d) => d.overdue > 1)).toBe(true);
  });

  it('does nothing while a transaction holds the embedded connection', async () => {
    expect(await upkeepRound({ ...database, busyFor: () => 250 })).toEqual([]);
    expect((await stats('upkeep_churned')).dead).toBeGreaterThanOrEqual(8000);
  });

  it('vacuums and analyzes them, most overdue first, and then they are no longer due', async () => {
    const done = await upkeepRound(database, 60_000);
    const mine = done.filter((d) => d.table.startsWith('upkeep_')).map((d) => [d.table, d.action]);
    expect(mine).toEqual(expect.arrayContaining([['upkeep_churned', 'vacuum'], ['upkeep_grown', 'vacuum']]));
    expect(mine.map(([t]) => t)).not.toContain('upkeep_quiet');
    await flushStats();
    expect(await stats('upkeep_churned')).toMatchObject({ dead: 0, vacuumed: true, analyzed: true });
    expect((await tablesDue(database)).map((d) => d.table)).not.toContain('upkeep_churned');
  });

  it('starts on the embedded database only: a PostgreSQL server has its own autovacuum', async () => {
    const logged: string[] = [];
    const log = { info: (_o: object, m: string) => void logged.push(m), error: (_o: object, m: string) => void logged.push(m) };
    await database.query(`UPDATE upkeep_churned SET v = v + 1`);
    await flushStats();
    startUpkeep(database, log, 50);
    await new Promise((r) => setTimeout(r, 1500));
    await stopUpkeep(database);
    if (database.kind === 'pglite') expect(logged.join('\n')).toMatch(/VACUUM \(ANALYZE\) upkeep_churned/);
    else expect(logged).toEqual([]);
  });
});
