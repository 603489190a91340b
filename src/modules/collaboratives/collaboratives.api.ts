/**
 * What other modules may use of collaboratives. They never read its tables.
 */
import { inArray } from 'drizzle-orm';
import type { Database, Db } from '../../core/db/database';
import type { Actor } from '../../core/accounts/actor';
import { listCollaboratives } from './collaboratives.service';
import { memberRows } from './collaboratives.members';
import { collaboratives } from './collaboratives.tables';

export { collaborativeExists } from './collaboratives.service';
/** A collaborative's id by its exact name (seeds of other modules attach demo data to the Durham collaboratives). */
export { collaborativeIdByName } from './collaboratives.service';
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


export interface CollaborativeInventoryEntry {
  id: string;
  name: string;
  type: string;
  focus: string | null;
  catchmentGeographyId: string | null;
  leadOrganizationId: string | null;
  memberOrganizationIds: string[];
}

/**
 * Every collaborative with its member organizations (active or past), for the service-mapping
 * inventory. Everyone signed in sees the list of tables (as listCollaboratives).
 */
export async function collaborativesInventory(database: Database, actor: Actor): Promise<CollaborativeInventoryEntry[]> {
  const { items } = await listCollaboratives(database, actor);
  const out: CollaborativeInventoryEntry[] = [];
  for (const c of items) {
    const members = await memberRows(database.db, c.id);
    out.push({
      id: c.id, name: c.name, type: c.type, focus: c.focus ?? null, catchmentGeographyId: c.catchmentGeographyId ?? null, leadOrganizationId: c.leadOrganizationId ?? null,
      memberOrganizationIds: [...new Set(members.filter((m) => m.organizationId && !m.endDate).map((m) => m.organizationId!))],
    });
  }
  return out;
}

/** Collaboratives whose lead organization is one of these (for read access by that organization's viewers). */
export async function collaborativeIdsLedBy(db: Db, organizationIds: string[]): Promise<string[]> {
  if (!organizationIds.length) return [];
  const rows = await db.select({ id: collaboratives.id }).from(collaboratives).where(inArray(collaboratives.leadOrganizationId, organizationIds));
  return rows.map((r) => r.id);
}
