import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../core/db/database';
import type { Actor } from '../../core/accounts/actor';
import { Errors } from '../../core/http/errors';
import { decisions, documents, documentVersions, meetings, members } from './collaboratives.tables';
import { loadCollaborative, presentWithNames, requireAccess, stageHistory } from './collaboratives.service';
import { isActiveOn, memberName, orgNames, representation } from './collaboratives.members';
import { openActionItems, presentDecision, presentMeetingSummary, recentDecisions, upcomingMeetings } from './collaboratives.meetings';
import { obligationsDue } from './collaboratives.funding';
import { torontoToday } from './collaboratives.rules';

/** The coordinator's and members' dashboard: stage, what is coming, what is late, what is missing. */
export async function collaborativeHome(database: Database, actor: Actor, id: string) {
  const db = database.db;
  const { row, access } = await requireAccess(db, actor, id, 'collaborative.read');
  const rep = await representation(db, id, { partnerCategories: row.checklistPartnerCategories, sectors: row.checklistSectors });
  const open = await openActionItems(db, actor, id, access === 'manage', 20);
  const today = torontoToday();
  const mrows = (await db.select().from(members).where(eq(members.collaborativeId, id))).filter((m) => isActiveOn(m, today));
  return {
    collaborative: await presentWithNames(database, row, actor),
    upcomingMeetings: await upcomingMeetings(db, id, 5),
    openActionItems: open.items,
    overdueCount: open.overdue,
    missingPartnerCategories: rep.missingPartnerCategories,
    missingSectors: rep.missingSectors,
    obligationsDue: await obligationsDue(db, id),
    recentDecisions: await recentDecisions(db, id, 5),
    stageHistory: await stageHistory(db, id),
    unsignedAgreements: mrows.filter((m) => !m.agreementSignedAt).length,
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
  const { myRoles: _r, access: _a, version: _v, quorumKind: _q, quorumValue: _qv, voteRule: _vr, checklistPartnerCategories: _c, checklistSectors: _s, ...collaborative } = full;
  const today = torontoToday();
  const mrows = (await db.select().from(members).where(eq(members.collaborativeId, id))).filter((m) => isActiveOn(m, today));
  const names = await orgNames(db, mrows.map((m) => m.organizationId));
  const docs = await db
    .select({ d: documents, v: documentVersions })
    .from(documents)
    .innerJoin(documentVersions, and(eq(documentVersions.documentId, documents.id), eq(documentVersions.status, 'approved')))
    .where(eq(documents.collaborativeId, id))
    .orderBy(asc(documents.kind));
  const mts = await db.select().from(meetings).where(and(eq(meetings.collaborativeId, id), eq(meetings.minutesPublic, true))).orderBy(asc(meetings.startsAt));
  const decs = mts.length ? await db.select().from(decisions).where(inArray(decisions.meetingId, mts.map((m) => m.id))) : [];
  return {
    collaborative,
    members: mrows
      .map((m) => ({ id: m.id, displayName: memberName(m, names), sector: m.sector, partnerCategory: m.partnerCategory, voting: m.voting, organizationId: m.organizationId }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName)),
    documents: docs.map(({ d, v }) => ({ id: d.id, kind: d.kind, title: d.title, version: v.number, body: v.body, approvedAt: v.approvedAt?.toISOString() ?? null })),
    meetings: mts.map((m) => ({ ...presentMeetingSummary(m), minutes: m.minutes, decisions: decs.filter((d) => d.meetingId === m.id).map((d) => presentDecision(d)) })),
  };
}
