/**
 * What other modules may use of collaboratives. They never read its tables.
 */
import { inArray } from 'drizzle-orm';
import type { Db } from '../../core/db/database';
import { collaboratives } from './collaboratives.tables';

export { collaborativeExists } from './collaboratives.service';
import { engagementsByIds } from './collaboratives.funding';

export { collaborativeAccess, collaborativeIdsWithAccess, type CollaborativeAccess } from './collaboratives.policy';

export interface EngagementRecordSummary {
  id: string;
  collaborativeId: string;
  title: string;
  method: string;
  heldOn: string;
}

/**
 * Engagement records (consultations, focus groups…) of one collaborative, by id; ids that are
 * not that collaborative's are left out. The strategy module uses it to link plan elements to
 * the engagement that informed them. Implemented by the collaboratives module (issue 4).
 */
export async function engagementRecordsByIds(db: Db, collaborativeId: string, ids: string[]): Promise<EngagementRecordSummary[]> {
  return engagementsByIds(db, collaborativeId, ids);
}

/** Collaboratives whose lead organization is one of these (for read access by that organization's viewers). */
export async function collaborativeIdsLedBy(db: Db, organizationIds: string[]): Promise<string[]> {
  if (!organizationIds.length) return [];
  const rows = await db.select({ id: collaboratives.id }).from(collaboratives).where(inArray(collaboratives.leadOrganizationId, organizationIds));
  return rows.map((r) => r.id);
}
