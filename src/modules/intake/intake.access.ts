import { sql, type SQL } from 'drizzle-orm';
import { actorLabel, type Actor, type RequestMeta } from '../../core/accounts/actor';
import { hasAnyRole, organizationIdsWithRole } from '../../core/accounts/accounts.policy';
import { recordAudit } from '../../core/audit/audit.service';
import type { Database, Db } from '../../core/db/database';
import { collaborativeIdsWithAccess } from '../collaboratives/collaboratives.api';
import { arrayParam } from '../../core/db/params';

/**
 * Who may see a client's data: the rule lives here, as SQL that every client-data query
 * includes. An organization sees a client's data only under an active consent directive that
 * names it (or a collaborative the reader belongs to) and covers the data category, or under
 * a live break-the-glass grant of the reader. Platform admins get nothing by their role.
 */
export const dataCategories = ['identity', 'contact', 'demographics', 'assessment', 'referral', 'plan'] as const;
export type DataCategory = (typeof dataCategories)[number];

export const purposes = ['service_delivery', 'referral', 'care_coordination', 'privacy_review', 'access_request', 'emergency'] as const;
export type Purpose = (typeof purposes)[number];

/** Organizations in which the actor works with clients. */
export function workerOrganizations(actor: Actor): string[] {
  return organizationIdsWithRole(actor, 'staff', 'org_admin', 'privacy_officer');
}

/**
 * The client's home organization owns the client's consent directives (it collected them):
 * only its workers record, amend or withdraw them, see witness names and consent documents,
 * and merge its records.
 */
export function worksForHome(actor: Actor, homeOrganizationId: string): boolean {
  return actor.kind === 'system' || workerOrganizations(actor).includes(homeOrganizationId);
}

export function isWorker(actor: Actor): boolean {
  return workerOrganizations(actor).length > 0;
}

const uuidArray = (ids: readonly string[]) => arrayParam(ids, 'uuid');

export function collaborativeIdsOf(actor: Actor): string[] {
  if (actor.kind !== 'user') return [];
  const ids = collaborativeIdsWithAccess(actor, 'member');
  // 'all' is the platform admin's view of collaboratives; it never opens client data.
  return ids === 'all' ? [] : ids;
}

/**
 * SQL true when the actor may see `category` data of the client whose id is `clientId`
 * (an SQL expression such as a column). The system actor (CLI, seeds) is trusted.
 */
export function covers(actor: Actor, clientId: SQL, category: DataCategory): SQL {
  if (actor.kind === 'system') return sql`true`;
  return sql`(EXISTS (SELECT 1 FROM intake_consents k WHERE ${consentCoversActor(actor, clientId)} AND ${category} = ANY (k.data_categories))
    OR ${emergencyGrant(actor, clientId)})`;
}

/** The WHERE clause (alias k) of a consent of client `clientId` that is active now and names one of the actor's organizations or collaboratives. */
function consentCoversActor(actor: Actor & { kind: 'user' }, clientId: SQL): SQL {
  const orgs = workerOrganizations(actor);
  const collabs = collaborativeIdsOf(actor);
  return sql`k.client_id = ${clientId} AND k.withdrawn_at IS NULL AND k.starts_at <= now() AND (k.expires_at IS NULL OR k.expires_at > now())
      AND (k.organization_ids && ${uuidArray(orgs)} OR k.collaborative_id = ANY (${uuidArray(collabs)}))`;
}

function emergencyGrant(actor: Actor & { kind: 'user' }, clientId: SQL): SQL {
  return sql`EXISTS (SELECT 1 FROM intake_emergency_access e WHERE e.client_id = ${clientId} AND e.user_id = ${actor.userId}::uuid AND e.expires_at > now())`;
}

const ALL = sql.raw(`ARRAY[${dataCategories.map((c) => `'${c}'`).join(',')}]::text[]`);

/**
 * The categories the actor may see of one client, as one SQL text[] (the same rule as
 * `covers`, evaluated once per row where a query needs several categories).
 */
export function coveredCategories(actor: Actor, clientId: SQL): SQL {
  if (actor.kind === 'system') return ALL;
  return sql`(SELECT CASE WHEN ${emergencyGrant(actor, clientId)} THEN ${ALL} ELSE coalesce(array_agg(DISTINCT cat), '{}'::text[]) END
    FROM intake_consents k CROSS JOIN LATERAL unnest(k.data_categories) cat WHERE ${consentCoversActor(actor, clientId)})`;
}

/** One audit row per client record read or written, with its purpose, in the caller's transaction. */
export async function auditClient(
  tx: Db,
  actor: Actor,
  meta: RequestMeta,
  action: string,
  clientId: string,
  organizationId: string | null,
  purpose: Purpose | string,
  details: Record<string, unknown> = {},
): Promise<void> {
  await recordAudit(tx, actor, meta, { action, entityType: 'intake_client', entityId: clientId, organizationId, purpose, details });
}

/**
 * A list or worklist shows many clients: one audit event for the request (with the count) and
 * one access-log row per client shown, in one statement, in the caller's transaction.
 */
export async function auditClientsShown(tx: Db, actor: Actor, meta: RequestMeta, action: string, clientIds: string[], organizationId: string | null, purpose: Purpose | string): Promise<void> {
  if (clientIds.length === 0) return;
  await recordAudit(tx, actor, meta, { action, entityType: 'intake_client_list', organizationId, purpose, details: { clients: clientIds.length } });
  await tx.execute(sql`INSERT INTO intake_access_log (client_id, actor_user_id, actor_label, organization_id, action, purpose, request_id)
    SELECT unnest(${uuidArray(clientIds)}), ${actor.kind === 'user' ? actor.userId : null}::uuid, ${actorLabel(actor)}, ${organizationId}::uuid, ${action}, ${purpose}, ${meta.requestId ?? null}`);
}

const disclosures = new WeakMap<object, { clientIds: string[]; action: string; purpose: Purpose | string }>();

/**
 * Marks an error whose body carries client data (a 409 with the current record, duplicate
 * candidates): the transaction rolls back, so `transactionAuditingErrors` writes its
 * access-log rows afterwards, in a transaction of their own.
 */
export function disclosing<E extends object>(error: E, clientIds: string[], action: string, purpose: Purpose | string = 'service_delivery'): E {
  disclosures.set(error, { clientIds, action, purpose });
  return error;
}

/** `database.db.transaction(fn)`, and if it fails with a `disclosing` error, the access log of what that error shows. */
export async function transactionAuditingErrors<T>(database: Database, actor: Actor, meta: RequestMeta, fn: (tx: Db) => Promise<T>): Promise<T> {
  try {
    return await database.db.transaction(fn);
  } catch (e) {
    const d = typeof e === 'object' && e ? disclosures.get(e) : undefined;
    if (d?.clientIds.length) await database.db.transaction((tx) => auditClientsShown(tx, actor, meta, d.action, d.clientIds, actingOrganization(actor), d.purpose));
    throw e;
  }
}

/** The organization the actor acts for in this module: their home organization if they work there, else their first. */
export function actingOrganization(actor: Actor, requested?: string | null): string | null {
  const orgs = workerOrganizations(actor);
  if (requested) return orgs.includes(requested) ? requested : null;
  if (actor.kind === 'user' && actor.organizationId && orgs.includes(actor.organizationId)) return actor.organizationId;
  return orgs[0] ?? null;
}

export const isPrivacyOfficerOf = (actor: Actor, orgId: string | null) =>
  !!orgId && (actor.kind === 'system' || organizationIdsWithRole(actor, 'privacy_officer').includes(orgId));

/** Break the glass: a named role, the organization admin (supervisor on duty). */
export const canBreakGlass = (actor: Actor, orgId: string) => organizationIdsWithRole(actor, 'org_admin').includes(orgId);

export { hasAnyRole, uuidArray };
