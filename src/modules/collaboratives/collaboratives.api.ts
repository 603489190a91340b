/**
 * What other modules may use of collaboratives. They never read its tables.
 */
import type { Database, Db } from '../../core/db/database';
import type { Actor } from '../../core/accounts/actor';
import { listCollaboratives } from './collaboratives.service';
import { isActiveOn, memberName, memberRows, orgNames } from './collaboratives.members';
import { torontoToday } from './collaboratives.rules';
import * as collaborativesRepo from './repository/collaboratives';

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
  return collaborativesRepo.collaborativeIdsLedBy(db, organizationIds);
}

/** Users with an active membership of the collaborative: who is told of its decisions (notifications). */
export async function collaborativeRecipients(db: Db, collaborativeId: string): Promise<string[]> {
  const today = torontoToday();
  return [...new Set((await memberRows(db, collaborativeId)).filter((m) => m.userId && isActiveOn(m, today)).map((m) => m.userId!))];
}
/** Collaboratives' names by id (pathways show a based-on copy's owner by name). */
export { collaborativeNames } from './repository/collaborative-names';

/** Names and catchments of collaboratives by id (knowledge exchange: members of a network are shown by name). */
export { namesByIds as collaborativeSummaries } from './repository/names';

/** Creates a collaborative (knowledge-exchange demo seeds: the other LIPs of the network). */
export { createCollaborative } from './collaboratives.service';
export interface RosterMember {
  memberId: string;
  organizationId: string | null;
  userId: string | null;
  displayName: string;
  sector: string;
}

/**
 * The collaborative's current members (organizations and individuals, no end date), with the
 * account linked to each and its sector: the assessments module freezes a round's roster from it.
 */
export async function collaborativeRoster(db: Db, collaborativeId: string): Promise<RosterMember[]> {
  const rows = (await memberRows(db, collaborativeId)).filter((m) => !m.endDate);
  const names = await orgNames(db, rows.map((r) => r.organizationId));
  return rows.map((r) => ({ memberId: r.id, organizationId: r.organizationId, userId: r.userId, displayName: memberName(r, names), sector: r.sector }));
}

/**
 * Puts a discussion item on the agenda of the collaborative's next meeting (service mapping and
 * assessments hand evidence on). The caller checks the actor may edit that agenda
 * (`collaborativeAccess(actor, id) === 'manage'`) and audits in its own transaction.
 */
export { appendToNextAgenda } from './repository/agenda';

/** Governance documents of these collaboratives ('all' for a platform admin): evidence a practice of the knowledge exchange can link to. */
export { documentsOfCollaboratives as collaborativeDocuments } from './repository/documents';
