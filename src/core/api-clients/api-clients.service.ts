import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { rowsOf } from '../db/database';
import type { Actor, RequestMeta } from '../accounts/actor';
import { actorUserId } from '../accounts/actor';
import { authorize, isPlatformAdmin, organizationIdsWithRole } from '../accounts/accounts.policy';
import { recordAudit } from '../audit/audit.service';
import { Errors } from '../http/errors';

/** What an API client may do on /fhir. */
export const apiScopes = ['fhir.read', 'fhir.task.write'] as const;
export type ApiScope = (typeof apiScopes)[number];

/** The organization admins of `orgId` (or a platform admin) manage its API clients. */
export const canManage = (actor: Actor, orgId: string) => isPlatformAdmin(actor) || organizationIdsWithRole(actor, 'org_admin').includes(orgId);

const keys = new WeakMap<Database, Buffer>();
/** The key of the keyed hash (HMAC-SHA-256): a platform secret in app_meta, apart from the hashes' table. */
async function key(database: Database): Promise<Buffer> {
  const known = keys.get(database);
  if (known) return known;
  const fresh = crypto.randomBytes(32).toString('base64url');
  await database.query(`INSERT INTO app_meta (key, value) VALUES ('api_client_hmac_key', to_jsonb($1::text)) ON CONFLICT (key) DO NOTHING`, [fresh]);
  const [row] = await database.query<{ value: string }>(`SELECT value FROM app_meta WHERE key = 'api_client_hmac_key'`);
  const k = Buffer.from(row.value, 'base64url');
  keys.set(database, k);
  return k;
}
const hashOf = (k: Buffer, secret: string) => crypto.createHmac('sha256', k).update(secret).digest('hex');

type Row = Record<string, unknown>;
const present = (r: Row) => ({
  id: r.id as string, organizationId: r.organization_id as string, name: r.name as string, scopes: r.scopes as string[],
  createdAt: new Date(r.created_at as string).toISOString(), lastUsedAt: r.last_used_at ? new Date(r.last_used_at as string).toISOString() : null,
  revokedAt: r.revoked_at ? new Date(r.revoked_at as string).toISOString() : null,
});

export async function listApiClients(database: Database, actor: Actor, organizationId: string) {
  authorize(canManage(actor, organizationId), 'api_clients.list');
  const rows = await rowsOf<Row>(database.db, sql`SELECT * FROM api_clients WHERE organization_id = ${organizationId}::uuid ORDER BY created_at DESC`);
  return { items: rows.map(present) };
}

/** Creates a client; the token (id.secret) is returned this once and never again. */
export async function createApiClient(database: Database, actor: Actor, meta: RequestMeta, input: { organizationId: string; name: string; scopes: ApiScope[] }) {
  authorize(canManage(actor, input.organizationId), 'api_clients.create');
  const secret = crypto.randomBytes(32).toString('base64url');
  const hash = hashOf(await key(database), secret);
  return database.db.transaction(async (tx) => {
    const [row] = await rowsOf<Row>(tx, sql`INSERT INTO api_clients (organization_id, name, scopes, secret_hash, created_by)
      VALUES (${input.organizationId}::uuid, ${input.name}, string_to_array(${input.scopes.join(',')}, ','), ${hash}, ${actorUserId(actor)}::uuid) RETURNING *`);
    await recordAudit(tx, actor, meta, { action: 'api_client.create', entityType: 'api_client', entityId: row.id as string, organizationId: input.organizationId, details: { name: input.name, scopes: input.scopes } });
    return { ...present(row), token: `${row.id}.${secret}` };
  });
}

export async function revokeApiClient(database: Database, actor: Actor, meta: RequestMeta, id: string) {
  return database.db.transaction(async (tx) => {
    const [row] = await rowsOf<Row>(tx, sql`SELECT * FROM api_clients WHERE id = ${id}::uuid`);
    if (!row || !canManage(actor, row.organization_id as string)) throw Errors.notFound('API client');
    const [done] = await rowsOf<Row>(tx, sql`UPDATE api_clients SET revoked_at = now(), revoked_by = ${actorUserId(actor)}::uuid WHERE id = ${id}::uuid AND revoked_at IS NULL RETURNING *`);
    if (!done) throw Errors.conflict('This API client is already revoked');
    await recordAudit(tx, actor, meta, { action: 'api_client.revoke', entityType: 'api_client', entityId: id, organizationId: row.organization_id as string });
    return present(done);
  });
}

export interface ApiClientPrincipal { id: string; name: string; organizationId: string; scopes: string[] }

/** `Authorization: Bearer <id>.<secret>` → the live client, or null. Compares hashes in constant time. */
export async function authenticateApiClient(database: Database, header: string | undefined): Promise<ApiClientPrincipal | null> {
  const m = /^Bearer ([0-9a-f-]{36})\.([A-Za-z0-9_-]{20,})$/.exec(header ?? '');
  if (!m) return null;
  const k = await key(database);
  const [row] = await database.query<Row>(`SELECT id, name, organization_id, scopes, secret_hash FROM api_clients WHERE id = $1 AND revoked_at IS NULL`, [m[1]]);
  const given = Buffer.from(hashOf(k, m[2]), 'hex');
  if (!row || !crypto.timingSafeEqual(given, Buffer.from(row.secret_hash as string, 'hex'))) return null;
  await database.query(`UPDATE api_clients SET last_used_at = now() WHERE id = $1`, [m[1]]);
  return { id: row.id as string, name: row.name as string, organizationId: row.organization_id as string, scopes: row.scopes as string[] };
}
