import { sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { rowsOf } from '../db/database';
import { arrayParam } from '../db/params';

export interface ApiClientRow {
  id: string;
  organizationId: string;
  name: string;
  scopes: string[];
  createdAt: Date | string;
  lastUsedAt: Date | string | null;
  revokedAt: Date | string | null;
}

const columns = sql`id, organization_id AS "organizationId", name, scopes, created_at AS "createdAt", last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"`;

/** Stores `fresh` as the platform's HMAC key unless one exists, and returns the stored key (base64url). */
export async function ensureHmacKey(db: Db, fresh: string): Promise<string> {
  await db.execute(sql`INSERT INTO app_meta (key, value) VALUES ('api_client_hmac_key', to_jsonb(${fresh}::text)) ON CONFLICT (key) DO NOTHING`);
  const [row] = await rowsOf<{ value: string }>(db, sql`SELECT value FROM app_meta WHERE key = 'api_client_hmac_key'`);
  return row.value;
}

export function listByOrganization(db: Db, organizationId: string): Promise<ApiClientRow[]> {
  return rowsOf<ApiClientRow>(db, sql`SELECT ${columns} FROM api_clients WHERE organization_id = ${organizationId}::uuid ORDER BY created_at DESC`);
}

export async function findById(db: Db, id: string): Promise<ApiClientRow | undefined> {
  const [row] = await rowsOf<ApiClientRow>(db, sql`SELECT ${columns} FROM api_clients WHERE id = ${id}::uuid`);
  return row;
}

export async function insert(db: Db, values: { organizationId: string; name: string; scopes: readonly string[]; secretHash: string; createdBy: string | null }): Promise<ApiClientRow> {
  const [row] = await rowsOf<ApiClientRow>(db, sql`INSERT INTO api_clients (organization_id, name, scopes, secret_hash, created_by)
    VALUES (${values.organizationId}::uuid, ${values.name}, ${arrayParam(values.scopes, 'text')}, ${values.secretHash}, ${values.createdBy}::uuid)
    RETURNING ${columns}`);
  return row;
}

/** Revokes a live client; undefined when it is already revoked (or gone). */
export async function revoke(db: Db, id: string, revokedBy: string | null): Promise<ApiClientRow | undefined> {
  const [row] = await rowsOf<ApiClientRow>(db, sql`UPDATE api_clients SET revoked_at = now(), revoked_by = ${revokedBy}::uuid
    WHERE id = ${id}::uuid AND revoked_at IS NULL RETURNING ${columns}`);
  return row;
}

/** A client that is not revoked, with its secret's hash, for authenticating a /fhir call. */
export async function findLiveWithSecret(db: Db, id: string): Promise<(ApiClientRow & { secretHash: string }) | undefined> {
  const [row] = await rowsOf<ApiClientRow & { secretHash: string }>(db, sql`SELECT ${columns}, secret_hash AS "secretHash" FROM api_clients WHERE id = ${id}::uuid AND revoked_at IS NULL`);
  return row;
}

export async function touchLastUsed(db: Db, id: string): Promise<void> {
  await db.execute(sql`UPDATE api_clients SET last_used_at = now() WHERE id = ${id}::uuid`);
}
