/**
 * Upkeep of the embedded database: what autovacuum does on a PostgreSQL server. PGlite runs
 * PostgreSQL in single-user mode, where the autovacuum launcher never starts (its setting says
 * "on", and a table with 40,000 dead rows is still not vacuumed a minute later): without this,
 * the rows an update or a delete leaves behind, and the index entries pointing at them, are
 * never reclaimed, and the planner's statistics are never refreshed after the data grows.
 *
 * Every minute, the tables autovacuum would pick, by its own rules and settings (dead rows,
 * rows inserted since the last vacuum, rows changed since the last analyze, from
 * pg_stat_user_tables), get `VACUUM (ANALYZE)` or `ANALYZE`, most overdue first, one at a time
 * and for at most a short budget per round: each statement holds PGlite's one connection, so a
 * round never runs while a transaction holds it (an import) and yields after the budget.
 * PostgreSQL servers keep their own autovacuum: nothing starts there.
 */
import { sql } from 'drizzle-orm';
import { repeatEvery, type RepeatingWork } from '../repeating';
import { rowsOf, type Database } from './database';

export interface TableDue {
  table: string;
  /** VACUUM (ANALYZE) when dead or newly inserted rows are past autovacuum's threshold, else ANALYZE. */
  action: 'vacuum' | 'analyze';
  /** How far past its threshold: the most overdue goes first. */
  overdue: number;
}

/** The tables of the current schema autovacuum would work on now, most overdue first. */
export async function tablesDue(database: Database): Promise<TableDue[]> {
  const rows = await rowsOf<{ table: string; vacuum: number; analyze: number }>(
    database.db,
    sql`WITH s AS (
        SELECT current_setting('autovacuum_vacuum_threshold')::float8 AS vt, current_setting('autovacuum_vacuum_scale_factor')::float8 AS vs,
          current_setting('autovacuum_vacuum_insert_threshold')::float8 AS it, current_setting('autovacuum_vacuum_insert_scale_factor')::float8 AS "is",
          current_setting('autovacuum_analyze_threshold')::float8 AS at, current_setting('autovacuum_analyze_scale_factor')::float8 AS "as"
      )
      SELECT t.relname AS table,
        greatest(t.n_dead_tup / (s.vt + s.vs * greatest(c.reltuples, 0)), t.n_ins_since_vacuum / (s.it + s."is" * greatest(c.reltuples, 0)))::float8 AS vacuum,
        (t.n_mod_since_analyze / (s.at + s."as" * greatest(c.reltuples, 0)))::float8 AS analyze
      FROM pg_stat_user_tables t JOIN pg_class c ON c.oid = t.relid, s
      WHERE t.schemaname = current_schema()`,
  );
  return rows
    .map((r): TableDue | null => (r.vacuum > 1 ? { table: r.table, action: 'vacuum', overdue: r.vacuum } : r.analyze > 1 ? { table: r.table, action: 'analyze', overdue: r.analyze } : null))
    .filter((r): r is TableDue => r !== null)
    .sort((a, b) => b.overdue - a.overdue || a.table.localeCompare(b.table));
}

export interface UpkeepDone {
  table: string;
  action: 'vacuum' | 'analyze';
  ms: number;
}

/**
 * One round: the tables due, most overdue first, until `budgetMs` is spent (the table that
 * crosses it is finished). Stops at once when a transaction holds the embedded connection.
 */
export async function upkeepRound(database: Database, budgetMs = 500): Promise<UpkeepDone[]> {
  const done: UpkeepDone[] = [];
  const started = Date.now();
  for (const due of await tablesDue(database)) {
    if (Date.now() - started >= budgetMs || (database.busyFor?.() ?? 0) > 0) break;
    const at = Date.now();
    const name = `"${due.table.replace(/"/g, '""')}"`;
    await database.query(due.action === 'vacuum' ? `VACUUM (ANALYZE) ${name}` : `ANALYZE ${name}`);
    done.push({ table: due.table, action: due.action, ms: Date.now() - at });
  }
  return done;
}

const running = new WeakMap<Database, RepeatingWork>();

/** Starts the rounds, every `everyMs` (autovacuum's naptime, a minute), on the embedded database only. */
export function startUpkeep(database: Database, log: { info(o: object, msg: string): void; error(o: object, msg: string): void }, everyMs = 60_000): void {
  if (database.kind !== 'pglite' || running.has(database)) return;
  const round = async () => {
    const done = await upkeepRound(database);
    if (done.length) log.info({ upkeep: done }, `Database upkeep: ${done.map((d) => `${d.action === 'vacuum' ? 'VACUUM (ANALYZE)' : 'ANALYZE'} ${d.table} ${d.ms} ms`).join(', ')}`);
  };
  running.set(database, repeatEvery(everyMs, round, { onError: (e) => log.error({ err: e }, `Database upkeep failed: ${e.message}`) }));
}

/** Stops the rounds; resolves once a round under way has finished (before the database closes). */
export async function stopUpkeep(database: Database): Promise<void> {
  const work = running.get(database);
  running.delete(database);
  await work?.stop();
}
