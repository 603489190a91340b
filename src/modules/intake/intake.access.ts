import { sql, type SQL } from 'drizzle-orm';
import type { Actor, RequestMeta } from '../../core/accounts/actor';
import { hasAnyRole, organizationIdsWithRole } from '../../core/accounts/accounts.policy';
import { recordAudit } from '../../core/audit/audit.service';
import type { Db } from '../../core/db/database';
import { collaborativeIdsWithAccess } from '../collaboratives/collaboratives.api';

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

export function isWorker(actor: Actor): boolean {
  return workerOrganizations(actor).length > 0;
}

const uuidArray = (ids: string[]) => (ids.length ? sql`string_to_array(${ids.join(',')}, ',')::uuid[]` : sql`'{}'::uuid[]`);

function collaborativeIds(actor: Actor): string[] {
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
  const orgs = workerOrganizations(actor);
  const collabs = collaborativeIds(actor);
  return sql`(EXISTS (SELECT 1 FROM intake_consents k WHERE k.client_id = ${clientId}
      AND k.withdrawn_at IS NULL AND k.starts_at <= now() AND (k.expires_at IS NULL OR k.expires_at > now())
      AND ${category} = ANY (k.data_categories)
      AND (k.organization_ids && ${uuidArray(orgs)} OR k.collaborative_id = ANY (${uuidArray(collabs)})))
    OR EXISTS (SELECT 1 FROM intake_emergency_access e WHERE e.client_id = ${clientId}
      AND e.user_id = ${actor.userId}::uuid AND e.expires_at > now()))`;
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
