/** The SQL of the hash-chain check: read a chained log in position order, and its recorded head. */
import { sql } from 'drizzle-orm';
import type { Database, Db } from '../db/database';
import { rowsOf, rowsOfText } from '../db/database';

/** A chained table's name as a quoted identifier; only names from CHAINED_TABLES reach here. */
const identifier = (table: string) => '"' + table.replace(/"/g, '""') + '"';

export async function tableExists(database: Database, table: string): Promise<boolean> {
  const [row] = await database.query<{ ok: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS ok`, [table]);
  return row.ok;
}

/** Hashes are computed over timestamps written in UTC; the check must read them the same way. */
export async function readInUtc(tx: Db): Promise<void> {
  await rowsOf(tx, sql`SELECT set_config('TimeZone', 'UTC', true)`);
}

/**
 * The verifier reads the rows and the head in one snapshot, so a seal committed meanwhile
 * cannot look like rows missing at the end. Must be the transaction's first statement.
 */
export async function readOneSnapshot(tx: Db): Promise<void> {
  await rowsOf(tx, sql`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ`);
}

/** Rows written but not sealed yet (committed after the sealer's last pass). */
export async function unsealedCount(tx: Db, table: string): Promise<number> {
  const [row] = await rowsOfText<{ n: number }>(tx, `SELECT count(*)::int AS n FROM ${identifier(table)} WHERE row_hash IS NULL`);
  return row.n;
}

/**
 * Chains up to `limit` committed unsealed rows of one log after its head (audit-chain/0020).
 * Without `wait`, returns 0 at once when another session is sealing that log.
 */
export async function sealBatch(database: Database, table: string, limit: number, wait: boolean): Promise<number> {
  const [row] = await database.query<{ n: number }>(`SELECT audit_chain_seal($1, $2, $3) AS n`, [table, Math.trunc(limit), wait]);
  return Number(row.n);
}

export interface ChainRow {
  id: string;
  position: string;
  prev_hash: string | null;
  row_hash: string;
  /** The hash recomputed now with the insert trigger's own function. */
  expected: string;
}

export function chainRowsAfter(tx: Db, table: string, after: number, limit: number): Promise<ChainRow[]> {
  return rowsOfText<ChainRow>(
    tx,
    `SELECT id::text, chain_position::text AS position, prev_hash, row_hash, audit_chain_hash(prev_hash, audit_chain_row_text(to_jsonb(t))) AS expected
       FROM ${identifier(table)} t WHERE chain_position > ${Math.trunc(after)} ORDER BY chain_position LIMIT ${Math.trunc(limit)}`,
  );
}

export async function chainHead(tx: Db, table: string): Promise<{ position: string; hash: string | null } | undefined> {
  const [head] = await rowsOf<{ position: string; hash: string | null }>(tx, sql`SELECT position::text, hash FROM audit_chain_heads WHERE chain = ${table}`);
  return head;
}

export async function publicTableNames(database: Database): Promise<string[]> {
  return (await database.query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'`)).map((r) => r.t);
}
