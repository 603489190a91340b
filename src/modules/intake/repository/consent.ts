import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../../core/accounts/actor';
import type { Db } from '../../../core/db/database';
import { arrayParam } from '../../../core/db/params';
import { collaborativeIdsOf, workerOrganizations } from '../intake.actors';
import { dataCategories, type DataCategory } from '../intake.schema';

/**
 * The consent rule as SQL, included by every query that reads client data: an organization
 * sees a client's data only under an active consent directive that names it (or a
 * collaborative the reader belongs to) and covers the category, or under a live
 * break-the-glass grant of the reader. And the access log those reads write.
 */
const uuidArray = (ids: readonly string[]) => arrayParam(ids, 'uuid');

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

/** One access-log row per client shown, in one statement (the log refuses UPDATE and DELETE by trigger). */
export async function insertAccessLog(tx: Db, clientIds: string[], actorUserId: string | null, actorLabel: string, organizationId: string | null, action: string, purpose: string, requestId: string | null): Promise<void> {
  await tx.execute(sql`INSERT INTO intake_access_log (client_id, actor_user_id, actor_label, organization_id, action, purpose, request_id)
    SELECT unnest(${uuidArray(clientIds)}), ${actorUserId}::uuid, ${actorLabel}, ${organizationId}::uuid, ${action}, ${purpose}, ${requestId}`);
}
