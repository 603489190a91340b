/**
 * SQL of encryption-key care: the key fingerprints kept in app_meta, the samples of sealed
 * records the start-up check opens (intake.crypto.ts), and key rotation (intake.rotate.ts).
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../../core/db/database';
import { arrayParam } from '../../../core/db/params';

/** The raw-text handle the start-up check has (before the module's routes are registered). */
export interface KeyCheckDb {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  dataDir?: string;
}

export async function recordedFingerprints(database: KeyCheckDb, key: string): Promise<Record<string, string> | undefined> {
  const [meta] = await database.query<{ value: Record<string, string> }>(`SELECT value FROM app_meta WHERE key = $1`, [key]);
  return meta?.value;
}

/** The oldest and newest sealed names, when the clients table exists: the key ids records were sealed with. */
export async function sealedSamples(database: KeyCheckDb): Promise<{ sealed: string }[]> {
  const [{ present }] = await database.query<{ present: boolean }>(`SELECT to_regclass('intake_clients') IS NOT NULL AS present`);
  return present
    ? await database.query<{ sealed: string }>(
        `(SELECT name_enc AS sealed FROM intake_clients WHERE name_enc IS NOT NULL ORDER BY created_at LIMIT 1) UNION ALL (SELECT name_enc FROM intake_clients WHERE name_enc IS NOT NULL ORDER BY created_at DESC LIMIT 1)`,
      )
    : [];
}

export async function saveFingerprints(database: KeyCheckDb, key: string, fingerprints: Record<string, string>): Promise<void> {
  await database.query(
    `INSERT INTO app_meta (key, value) VALUES ($1, $2::jsonb) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
    [key, JSON.stringify(fingerprints)],
  );
}

/** Every table holding sealed values, its key column and its sealed columns (identifiers of our own, never input). */
export const SEALED_TABLES: { table: string; key: string; columns: string[] }[] = [
  { table: 'intake_clients', key: 'id', columns: ['name_enc', 'preferred_name_enc', 'birth_date_enc', 'contact_enc', 'identifiers_enc', 'household_enc', 'immigration_category_enc', 'closed_note_enc'] },
  { table: 'intake_assessments', key: 'id', columns: ['answers_enc'] },
  { table: 'intake_referrals', key: 'id', columns: ['reason_enc'] },
  { table: 'intake_plans', key: 'client_id', columns: ['content_enc'] },
  { table: 'intake_case_conferences', key: 'id', columns: ['attendees_enc', 'notes_enc'] },
  { table: 'intake_self_referrals', key: 'id', columns: ['first_name_enc', 'contact_enc'] },
];
type SealedTable = (typeof SEALED_TABLES)[number];

/** Every row of a sealed table: `pk` and its sealed columns. */
export function sealedRows(tx: Db, t: SealedTable): Promise<Record<string, string | null>[]> {
  return rowsOf<Record<string, string | null>>(tx, sql.raw(`SELECT ${t.key} AS pk, ${t.columns.join(', ')} FROM ${t.table}`));
}

/** Writes one row's sealed columns back (and, for a client, its blind indexes). */
export async function resealRow(tx: Db, t: SealedTable, pk: string, sealed: Record<string, string | null>, clientIndexes?: { nameIndex: string[]; birthDateIndex: string | null }): Promise<void> {
  const assignments = t.columns.map((c) => sql`${sql.raw(c)} = ${sealed[c]}`);
  if (clientIndexes) assignments.push(sql`name_index = ${arrayParam(clientIndexes.nameIndex, 'text')}`, sql`birth_date_index = ${clientIndexes.birthDateIndex}`);
  await rowsOf(tx, sql`UPDATE ${sql.raw(t.table)} SET ${sql.join(assignments, sql`, `)} WHERE ${sql.raw(t.key)} = ${pk}::uuid`);
}
