import crypto from 'node:crypto';
import type { Database } from '../db/database';
import type { Actor, RequestMeta } from '../accounts/actor';
import { actorUserId } from '../accounts/actor';
import { authorizeAction } from '../policy';
import { runCommand } from '../command';
import { Errors } from '../http/errors';
import { can } from './api-clients.policy';
import { present } from './api-clients.presenter';
import * as repo from './api-clients.repository';
import type { CreateApiClientInput, CreatedApiClient } from './api-clients.schema';

export { apiScopes, type ApiScope } from './api-clients.schema';

const keys = new WeakMap<Database, Buffer>();
/** The key of the keyed hash (HMAC-SHA-256): a platform secret in app_meta, apart from the hashes' table. */
async function key(database: Database): Promise<Buffer> {
  const known = keys.get(database);
  if (known) return known;
  const k = Buffer.from(await repo.ensureHmacKey(database.db, crypto.randomBytes(32).toString('base64url')), 'base64url');
  keys.set(database, k);
  return k;
}
const hashOf = (k: Buffer, secret: string) => crypto.createHmac('sha256', k).update(secret).digest('hex');

export async function listApiClients(database: Database, actor: Actor, organizationId: string) {
  authorizeAction(can, actor, 'api_clients.list', { organizationId });
  const rows = await repo.listByOrganization(database.db, organizationId);
  return { items: rows.map((r) => present(r, actor)) };
}

/** Creates a client; the token (id.secret) is returned this once and never again. */
export async function createApiClient(database: Database, actor: Actor, meta: RequestMeta, input: CreateApiClientInput): Promise<CreatedApiClient> {
  authorizeAction(can, actor, 'api_clients.create', { organizationId: input.organizationId });
  const secret = crypto.randomBytes(32).toString('base64url');
  const secretHash = hashOf(await key(database), secret);
  return runCommand({ database, actor, meta }, async (tx) => {
    const row = await repo.insert(tx, { organizationId: input.organizationId, name: input.name, scopes: input.scopes, secretHash, createdBy: actorUserId(actor) });
    return {
      result: { ...present(row, actor), token: `${row.id}.${secret}` },
      audit: { action: 'api_client.create', entityType: 'api_client', entityId: row.id, organizationId: input.organizationId, details: { name: input.name, scopes: input.scopes } },
    };
  });
}

/** Another organization's client is 404 (not yours); an already revoked one is 409. */
export async function revokeApiClient(database: Database, actor: Actor, meta: RequestMeta, id: string) {
  return runCommand({ database, actor, meta }, async (tx) => {
    const row = await repo.findById(tx, id);
    if (!row || !can(actor, 'api_clients.list', { organizationId: row.organizationId })) throw Errors.notFound('API client');
    if (row.revokedAt !== null) throw Errors.conflict('This API client is already revoked');
    authorizeAction(can, actor, 'api_clients.revoke', { organizationId: row.organizationId, revoked: false });
    // A revoke that raced this one since the read finds nothing left to revoke.
    const done = await repo.revoke(tx, id, actorUserId(actor));
    if (!done) throw Errors.conflict('This API client is already revoked');
    return {
      result: present(done, actor),
      audit: { action: 'api_client.revoke', entityType: 'api_client', entityId: id, organizationId: row.organizationId },
    };
  });
}

export interface ApiClientPrincipal { id: string; name: string; organizationId: string; scopes: string[] }

/** `Authorization: Bearer <id>.<secret>` → the live client, or null. Compares hashes in constant time. */
export async function authenticateApiClient(database: Database, header: string | undefined): Promise<ApiClientPrincipal | null> {
  const m = /^Bearer ([0-9a-f-]{36})\.([A-Za-z0-9_-]{20,})$/.exec(header ?? '');
  if (!m) return null;
  const k = await key(database);
  const row = await repo.findLiveWithSecret(database.db, m[1]);
  const given = Buffer.from(hashOf(k, m[2]), 'hex');
  if (!row || !crypto.timingSafeEqual(given, Buffer.from(row.secretHash, 'hex'))) return null;
  await repo.touchLastUsed(database.db, m[1]);
  return { id: row.id, name: row.name, organizationId: row.organizationId, scopes: row.scopes };
}
