import type { Database } from '../../core/db/database';
import type { Actor } from '../../core/accounts/actor';
import { Errors } from '../../core/http/errors';
import { loadCollaborative, presentWithNames, requireAccess, stageHistory } from './collaboratives.service';
import { memberName, orgNames, representation } from './collaboratives.members';
import { openActionItems, presentDecision, presentMeetingSummary, recentDecisions, upcomingMeetings } from './meetings';
import { obligationsDue } from './collaboratives.funding';
import { torontoToday } from './collaboratives.rules';
import { activeMemberRows } from './repository/members';
import { meetingsOf, decisionsOfMeetings } from './repository/meetings';
import { publishedDocuments } from './repository/documents';

/**
 * The coordinator's and members' dashboard: stage, what is coming, what is late, what is missing.
 * Reads on the shared handle, so the independent parts are asked for side by side.
 */
export async function collaborativeHome(database: Database, actor: Actor, id: string) {
  const db = database.db;
  const { row } = await requireAccess(db, actor, id, 'collaborative.read');
  const today = torontoToday();
  const [rep, open, active, collaborative, upcoming, obligations, decisions, stages] = await Promise.all([
    representation(db, id, { partnerCategories: row.checklistPartnerCategories, sectors: row.checklistSectors }),
    openActionItems(db, actor, id, 20),
    activeMemberRows(db, id, today),
    presentWithNames(database, row, actor),
    upcomingMeetings(db, id, 5),
    obligationsDue(db, id),
    recentDecisions(db, id, 5),
    stageHistory(db, id),
  ]);
  return {
    collaborative,
    upcomingMeetings: upcoming,
    openActionItems: open.items,
    overdueCount: open.overdue,
    missingPartnerCategories: rep.missingPartnerCategories,
    missingSectors: rep.missingSectors,
    obligationsDue: obligations,
    recentDecisions: decisions,
    stageHistory: stages,
    unsignedAgreements: active.filter((m) => !m.agreementSignedAt).length,
  };
}

/**
 * What a collaborative publishes, for anyone: its profile, its members list, the published
 * version of its governance documents and the meetings whose minutes it made public.
 */
export async function publicView(database: Database, actor: Actor | null, id: string) {
  const db = database.db;
  const { row } = await loadCollaborative(db, actor, id).catch(() => {
    throw Errors.notFound('Collaborative');
  });
  const full = await presentWithNames(database, row, null);
  const { myRoles: _r, actions: _a, version: _v, quorumKind: _q, quorumValue: _qv, voteRule: _vr, checklistPartnerCategories: _c, checklistSectors: _s, ...collaborative } = full;
  const mrows = await activeMemberRows(db, id, torontoToday());
  const names = await orgNames(db, mrows.map((m) => m.organizationId));
  const docs = await publishedDocuments(db, id);
  const mts = await meetingsOf(db, id, true);
  const decs = await decisionsOfMeetings(db, mts.map((m) => m.id));
  return {
    collaborative,
    members: mrows
      .map((m) => ({ id: m.id, displayName: memberName(m, names), sector: m.sector, partnerCategory: m.partnerCategory, voting: m.voting, organizationId: m.organizationId }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName)),
    documents: docs.map(({ d, v }) => ({ id: d.id, kind: d.kind, title: d.title, version: v.number, body: v.body, approvedAt: v.approvedAt?.toISOString() ?? null })),
    meetings: mts.map((m) => ({ ...presentMeetingSummary(m), minutes: m.minutes, decisions: decs.filter((d) => d.meetingId === m.id).map((d) => presentDecision(d)) })),
  };
}
