/** SQL of the FHIR exchange: the Task search, kept FHIR sources, identifier keys and the terminology map (fhir/). */
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../../core/db/database';
import { arrayParam } from '../../../core/db/params';

/** What a FHIR Task search asks for, validated by the route. */
export interface TaskSearch {
  organizationId: string; owner?: string; requester?: string; statuses?: string[];
  lastUpdated?: { op: 'gt' | 'ge' | 'lt' | 'le' | 'eq'; at: string }; count: number;
}

const OPERATORS = { gt: '>', ge: '>=', lt: '<', le: '<=', eq: '=' } as const;

/** Referrals the client's organization sent or received that match the search, most recently updated first. */
export function taskSearchRows(db: Db, q: TaskSearch): Promise<{ id: string; client_id: string }[]> {
  const where = [sql`(r.from_organization_id = ${q.organizationId}::uuid OR r.to_organization_id = ${q.organizationId}::uuid)`];
  if (q.owner) where.push(sql`r.to_organization_id = ${q.owner}::uuid`);
  if (q.requester) where.push(sql`r.from_organization_id = ${q.requester}::uuid`);
  if (q.statuses) where.push(q.statuses.length ? sql`r.status = ANY (${arrayParam(q.statuses, 'text')})` : sql`false`);
  if (q.lastUpdated) where.push(sql`r.updated_at ${sql.raw(OPERATORS[q.lastUpdated.op])} ${q.lastUpdated.at}::timestamptz`);
  return rowsOf<{ id: string; client_id: string }>(db, sql`SELECT r.id, r.client_id FROM intake_referrals r WHERE ${sql.join(where, sql` AND `)} ORDER BY r.updated_at DESC, r.id LIMIT ${q.count}`);
}

/** The FHIR source kept of an imported referral (as JSON), if any. */
export async function fhirSourceRow<T>(tx: Db, referralId: string): Promise<T | null> {
  const [row] = await rowsOf<{ source: T }>(tx, sql`SELECT source FROM intake_fhir_referrals WHERE referral_id = ${referralId}::uuid`);
  return row?.source ?? null;
}

export async function insertFhirSource(tx: Db, referralId: string, organizationId: string, source: unknown): Promise<void> {
  await rowsOf(tx, sql`INSERT INTO intake_fhir_referrals (referral_id, organization_id, source) VALUES (${referralId}::uuid, ${organizationId}::uuid, ${JSON.stringify(source)}::jsonb)`);
}

export async function touchFhirSource(tx: Db, referralId: string): Promise<void> {
  await rowsOf(tx, sql`UPDATE intake_fhir_referrals SET updated_at = now() WHERE referral_id = ${referralId}::uuid`);
}

/** The referral or client an organization's identifier keys of one kind already point to. */
export async function findFhirKey(tx: Db, organizationId: string, kind: string, keys: string[]): Promise<{ referral_id: string | null; client_id: string | null } | null> {
  const [row] = await rowsOf<{ referral_id: string | null; client_id: string | null }>(tx, sql`SELECT referral_id, client_id FROM intake_fhir_keys
    WHERE organization_id = ${organizationId}::uuid AND kind = ${kind} AND key = ANY (${arrayParam(keys, 'text')}) LIMIT 1`);
  return row ?? null;
}

export async function insertFhirKey(tx: Db, organizationId: string, kind: string, key: string, ids: { referralId: string | null; clientId: string | null }): Promise<void> {
  await rowsOf(tx, sql`INSERT INTO intake_fhir_keys (organization_id, kind, key, referral_id, client_id) VALUES (${organizationId}::uuid, ${kind}, ${key}, ${ids.referralId}::uuid, ${ids.clientId}::uuid) ON CONFLICT DO NOTHING`);
}

export function terminologyRows(tx: Db): Promise<{ id: string; system: string; code: string; display: string | null; need_code: string }[]> {
  return rowsOf<{ id: string; system: string; code: string; display: string | null; need_code: string }>(tx, sql`SELECT id, system, code, display, need_code FROM intake_fhir_terminology ORDER BY system, code`);
}

/** Adds a mapping; its id, or undefined if the code is already mapped. */
export async function insertTerm(tx: Db, t: { system: string; code: string; display: string | null; needCode: string; userId: string | null }): Promise<string | undefined> {
  const [row] = await rowsOf<{ id: string }>(tx, sql`INSERT INTO intake_fhir_terminology (system, code, display, need_code, created_by)
      VALUES (${t.system}, ${t.code}, ${t.display}, ${t.needCode}, ${t.userId}::uuid) ON CONFLICT (system, code) DO NOTHING RETURNING id`);
  return row?.id;
}

export async function deleteTerm(tx: Db, id: string): Promise<Record<string, unknown> | undefined> {
  const [row] = await rowsOf(tx, sql`DELETE FROM intake_fhir_terminology WHERE id = ${id}::uuid RETURNING system, code, need_code`);
  return row;
}
