import { and, asc, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Database, Db } from '../../core/db/database';
import type { Actor, RequestMeta } from '../../core/accounts/actor';
import { authorizeAction } from '../../core/policy';
import { recordAudit } from '../../core/audit/audit.service';
import { Errors, type FieldError } from '../../core/http/errors';
import { actionItems, agendaItems, attendance, collaboratives, decisions, meetings, members, votes, type ActionItemRow, type DecisionRow, type MeetingRow } from './collaboratives.tables';
import { loadCollaborative, requireAccess } from './collaboratives.service';
import { atLeastMember, can, collaborativeAccess } from './collaboratives.policy';
import { agendaSeeksNoDecision, isOverdue, quorumStatus, torontoToday, voteOutcome } from './collaboratives.rules';
import { isActiveOn, memberName, orgNames } from './collaboratives.members';
import { occurrences } from './calendar/recurrence';
import { notify } from '../notifications/notifications.api';
import { collaborativeRecipients } from './collaboratives.api';
import type { ActionItemInput, AgendaInput, CreateMeetingInput, DecisionInput, UpdateMeetingInput } from './collaboratives.schema';

export { MAX_OCCURRENCES, occurrences } from './calendar/recurrence';

export function torontoDate(d: Date): string {
  return torontoToday(d);
}

export function presentMeetingSummary(m: MeetingRow) {
  return {
    id: m.id,
    collaborativeId: m.collaborativeId,
    title: m.title,
    startsAt: m.startsAt.toISOString(),
    endsAt: m.endsAt.toISOString(),
    location: m.location,
    status: m.status,
    seriesId: m.seriesId,
    minutesPublic: m.minutesPublic,
  };
}

export function presentDecision(d: DecisionRow, meetingTitle?: string) {
  return {
    id: d.id,
    meetingId: d.meetingId,
    ...(meetingTitle ? { meetingTitle } : {}),
    agendaItemId: d.agendaItemId,
    motion: d.motion,
    method: d.method,
    movedByMemberId: d.movedByMemberId,
    secondedByMemberId: d.secondedByMemberId,
    votesFor: d.votesFor,
    votesAgainst: d.votesAgainst,
    abstentions: d.abstentions,
    result: d.result,
    decidedOn: d.decidedOn,
  };
}

export async function createMeetings(database: Database, actor: Actor, meta: RequestMeta, collaborativeId: string, input: CreateMeetingInput) {
  const start = new Date(input.startsAt);
  const end = new Date(input.endsAt);
  if (end <= start) throw Errors.validation([{ field: 'endsAt', message: 'The end must be after the start' }]);
  const starts = input.recurrence ? occurrences(input.recurrence, start) : [start];
  const duration = end.getTime() - start.getTime();
  return database.db.transaction(async (tx) => {
    await requireAccess(tx, actor, collaborativeId, 'collaborative.meeting.create');
    const seriesId = starts.length > 1 ? randomUUID() : null;
    const rows = await tx
      .insert(meetings)
      .values(
        starts.map((s) => ({
          collaborativeId,
          title: input.title,
          startsAt: s,
          endsAt: new Date(s.getTime() + duration),
          location: input.location ?? null,
          bodyId: input.bodyId ?? null,
          seriesId,
          recurrence: input.recurrence ?? null,
          originalStartsAt: seriesId ? s : null,
        })),
      )
      .returning();
    await recordAudit(tx, actor, meta, { action: 'collaborative.meeting.create', entityType: 'collaborative_meeting', entityId: rows[0].id, details: { collaborativeId, count: rows.length, title: input.title } });
    return { items: rows.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime()).map(presentMeetingSummary) };
  });
}

/** Meetings of a collaborative; the public (and signed-in non-members) see only meetings whose minutes are published. */
export async function listMeetings(database: Database, actor: Actor | null, collaborativeId: string) {
  const { access } = await loadCollaborative(database.db, actor, collaborativeId);
  const where = atLeastMember(access) ? eq(meetings.collaborativeId, collaborativeId) : and(eq(meetings.collaborativeId, collaborativeId), eq(meetings.minutesPublic, true));
  const rows = await database.db.select().from(meetings).where(where).orderBy(asc(meetings.startsAt));
  return { items: rows.map(presentMeetingSummary), canManage: access === 'manage' };
}

async function loadMeeting(db: Db, actor: Actor | null, collaborativeId: string, meetingId: string) {
  const loaded = await loadCollaborative(db, actor, collaborativeId);
  const [m] = await db.select().from(meetings).where(and(eq(meetings.id, meetingId), eq(meetings.collaborativeId, collaborativeId)));
  // 404, not 403: someone outside the collaborative does not learn that unpublished minutes exist.
  if (!m || (!atLeastMember(loaded.access) && !m.minutesPublic)) throw Errors.notFound('Meeting');
  return { ...loaded, meeting: m };
}

/** Voting and non-voting members active on the meeting date, with their attendance. */
async function attendanceOf(db: Db, collaborativeId: string, m: MeetingRow) {
  const day = torontoDate(m.startsAt);
  const mrows = (await db.select().from(members).where(eq(members.collaborativeId, collaborativeId))).filter((r) => isActiveOn(r, day));
  const names = await orgNames(db, mrows.map((r) => r.organizationId));
  const att = await db.select().from(attendance).where(eq(attendance.meetingId, m.id));
  const status = new Map(att.map((a) => [a.memberId, a.status]));
  const list = mrows
    .map((r) => ({ memberId: r.id, displayName: memberName(r, names), voting: r.voting, status: status.get(r.id) ?? null }))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
  return list;
}

export async function getMeeting(database: Database, actor: Actor | null, collaborativeId: string, meetingId: string) {
  const db = database.db;
  const { row, access, meeting: m } = await loadMeeting(db, actor, collaborativeId, meetingId);
  const agenda = await db.select().from(agendaItems).where(eq(agendaItems.meetingId, m.id)).orderBy(asc(agendaItems.position));
  const att = await attendanceOf(db, collaborativeId, m);
  const voting = att.filter((a) => a.voting);
  const quorum = quorumStatus({ kind: row.quorumKind, value: row.quorumValue }, voting.length, voting.filter((a) => a.status === 'present').length);
  const decs = await db.select().from(decisions).where(eq(decisions.meetingId, m.id)).orderBy(asc(decisions.createdAt));
  const items = atLeastMember(access) ? await actionItemRows(db, and(eq(actionItems.meetingId, m.id))!) : [];
  return {
    ...presentMeetingSummary(m),
    bodyId: m.bodyId,
    recurrence: m.recurrence,
    minutes: m.minutes,
    version: m.version,
    agenda: agenda.map((a) => ({ id: a.id, position: a.position, title: a.title, kind: a.kind, presenter: a.presenter, minutesAllotted: a.minutesAllotted })),
    seeksNoDecision: agendaSeeksNoDecision(agenda),
    attendance: atLeastMember(access) ? att : [],
    quorum,
    decisions: decs.map((d) => presentDecision(d)),
    actionItems: items.map((i) => presentActionItem(i, actor, access === 'manage')),
    access,
  };
}

export async function updateMeeting(database: Database, actor: Actor, meta: RequestMeta, collaborativeId: string, meetingId: string, input: UpdateMeetingInput) {
  return database.db.transaction(async (tx) => {
    await requireAccess(tx, actor, collaborativeId, 'collaborative.meeting.update');
    const [before] = await tx.select().from(meetings).where(and(eq(meetings.id, meetingId), eq(meetings.collaborativeId, collaborativeId)));
    if (!before) throw Errors.notFound('Meeting');
    const { version, startsAt, endsAt, ...rest } = input;
    const s = startsAt ? new Date(startsAt) : before.startsAt;
    const e = endsAt ? new Date(endsAt) : before.endsAt;
    if (e <= s) throw Errors.validation([{ field: 'endsAt', message: 'The end must be after the start' }]);
    // Calendars take a change of time, place or status only when SEQUENCE grows (RFC 5545).
    const rescheduled =
      s.getTime() !== before.startsAt.getTime() ||
      e.getTime() !== before.endsAt.getTime() ||
      (rest.location !== undefined && (rest.location ?? null) !== before.location) ||
      (rest.status !== undefined && rest.status !== before.status);
    const [after] = await tx
      .update(meetings)
      .set({ ...rest, startsAt: s, endsAt: e, version: sql`${meetings.version} + 1`, ...(rescheduled ? { sequence: sql`${meetings.sequence} + 1` } : {}) })
      .where(and(eq(meetings.id, meetingId), eq(meetings.version, version)))
      .returning();
    if (!after) throw Errors.staleVersion({ ...presentMeetingSummary(before), version: before.version, minutes: before.minutes });
    await recordAudit(tx, actor, meta, { action: 'collaborative.meeting.update', entityType: 'collaborative_meeting', entityId: meetingId, details: { collaborativeId, changed: Object.keys(input).filter((k) => k !== 'version') } });
    return after.version;
  });
}

/**
 * Replaces the agenda as a whole, if the meeting is still at the version the editor started
 * from; otherwise 409 with the current agenda, so two people editing never lose a change.
 */
export async function saveAgenda(database: Database, actor: Actor, meta: RequestMeta, collaborativeId: string, meetingId: string, input: AgendaInput) {
  return database.db.transaction(async (tx) => {
    await requireAccess(tx, actor, collaborativeId, 'collaborative.agenda.update');
    const [m] = await tx.select().from(meetings).where(and(eq(meetings.id, meetingId), eq(meetings.collaborativeId, collaborativeId)));
    if (!m) throw Errors.notFound('Meeting');
    const [bumped] = await tx
      .update(meetings)
      .set({ version: sql`${meetings.version} + 1` })
      .where(and(eq(meetings.id, meetingId), eq(meetings.version, input.version)))
      .returning();
    const existing = await tx.select().from(agendaItems).where(eq(agendaItems.meetingId, meetingId)).orderBy(asc(agendaItems.position));
    if (!bumped) throw Errors.staleVersion({ version: m.version, agenda: existing.map((a) => ({ id: a.id, title: a.title, kind: a.kind, presenter: a.presenter, minutesAllotted: a.minutesAllotted })) });
    const existingIds = new Set(existing.map((a) => a.id));
    const errors: FieldError[] = [];
    input.items.forEach((it, i) => {
      if (it.id && !existingIds.has(it.id)) errors.push({ field: `items.${i}.id`, message: 'Not an item of this agenda' });
    });
    const kept = new Set(input.items.map((i) => i.id).filter(Boolean));
    const decided = await tx.select({ agendaItemId: decisions.agendaItemId }).from(decisions).where(eq(decisions.meetingId, meetingId));
    for (const d of decided) {
      if (d.agendaItemId && !kept.has(d.agendaItemId)) errors.push({ field: 'items', message: 'An item with a recorded decision cannot be removed' });
      const idx = input.items.findIndex((it) => it.id === d.agendaItemId);
      if (idx >= 0 && input.items[idx].kind !== 'decision') errors.push({ field: `items.${idx}.kind`, message: 'This item has a recorded decision; it must stay a decision item' });
    }
    if (errors.length) throw Errors.validation(errors);
    const removed = existing.filter((a) => !kept.has(a.id)).map((a) => a.id);
    if (removed.length) await tx.delete(agendaItems).where(inArray(agendaItems.id, removed));
    for (const [position, it] of input.items.entries()) {
      const values = { title: it.title, kind: it.kind, presenter: it.presenter ?? null, minutesAllotted: it.minutesAllotted ?? null, position: position + 1 };
      if (it.id) await tx.update(agendaItems).set(values).where(eq(agendaItems.id, it.id));
      else await tx.insert(agendaItems).values({ ...values, meetingId });
    }
    await recordAudit(tx, actor, meta, { action: 'collaborative.agenda.update', entityType: 'collaborative_meeting', entityId: meetingId, details: { collaborativeId, items: input.items.length, version: bumped.version } });
    return bumped.version;
  });
}

export async function saveAttendance(database: Database, actor: Actor, meta: RequestMeta, collaborativeId: string, meetingId: string, entries: { memberId: string; status: 'present' | 'regrets' | 'absent' }[]) {
  return database.db.transaction(async (tx) => {
    await requireAccess(tx, actor, collaborativeId, 'collaborative.attendance.update');
    const [m] = await tx.select().from(meetings).where(and(eq(meetings.id, meetingId), eq(meetings.collaborativeId, collaborativeId)));
    if (!m) throw Errors.notFound('Meeting');
    const eligible = new Set((await attendanceOf(tx, collaborativeId, m)).map((a) => a.memberId));
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    entries.forEach((e, i) => {
      if (!eligible.has(e.memberId)) errors.push({ field: `entries.${i}.memberId`, message: 'Not a member of this collaborative on the meeting date' });
      if (seen.has(e.memberId)) errors.push({ field: `entries.${i}.memberId`, message: 'Listed twice' });
      seen.add(e.memberId);
    });
    if (errors.length) throw Errors.validation(errors);
    for (const e of entries) {
      await tx.insert(attendance).values({ meetingId, memberId: e.memberId, status: e.status }).onConflictDoUpdate({ target: [attendance.meetingId, attendance.memberId], set: { status: e.status } });
    }
    await recordAudit(tx, actor, meta, { action: 'collaborative.attendance.update', entityType: 'collaborative_meeting', entityId: meetingId, details: { collaborativeId, entries: entries.length } });
  });
}

/**
 * Records a decision on a decision item. Needs quorum; every vote must come from a voting
 * member present at the meeting; the result follows the collaborative's voting rule.
 */
export async function recordDecision(database: Database, actor: Actor, meta: RequestMeta, collaborativeId: string, meetingId: string, input: DecisionInput) {
  return database.db.transaction(async (tx) => {
    const { row } = await requireAccess(tx, actor, collaborativeId, 'collaborative.decision.create');
    const [m] = await tx.select().from(meetings).where(and(eq(meetings.id, meetingId), eq(meetings.collaborativeId, collaborativeId)));
    if (!m) throw Errors.notFound('Meeting');
    const errors: FieldError[] = [];
    const [item] = await tx.select().from(agendaItems).where(and(eq(agendaItems.id, input.agendaItemId), eq(agendaItems.meetingId, meetingId)));
    if (!item) errors.push({ field: 'agendaItemId', message: 'Not an item of this meeting’s agenda' });
    else if (item.kind !== 'decision') errors.push({ field: 'agendaItemId', message: `Decisions are recorded on decision items; this is a ${item.kind} item` });
    const att = await attendanceOf(tx, collaborativeId, m);
    const byId = new Map(att.map((a) => [a.memberId, a]));
    const voting = att.filter((a) => a.voting);
    const quorum = quorumStatus({ kind: row.quorumKind, value: row.quorumValue }, voting.length, voting.filter((a) => a.status === 'present').length);
    if (!quorum.met) errors.push({ field: 'quorum', message: `No quorum: ${quorum.votingPresent} of ${quorum.votingMembers} voting members present, ${quorum.required} needed` });
    for (const f of ['movedByMemberId', 'secondedByMemberId'] as const) {
      const id = input[f];
      if (id && byId.get(id)?.status !== 'present') errors.push({ field: f, message: 'Must be a member present at the meeting' });
    }
    if (input.movedByMemberId && input.movedByMemberId === input.secondedByMemberId) errors.push({ field: 'secondedByMemberId', message: 'The seconder must be someone other than the mover' });
    const seen = new Set<string>();
    input.votes.forEach((v, i) => {
      const a = byId.get(v.memberId);
      if (!a) errors.push({ field: `votes.${i}.memberId`, message: 'Not a member of this collaborative' });
      else if (!a.voting) errors.push({ field: `votes.${i}.memberId`, message: `${a.displayName} is a non-voting member` });
      else if (a.status !== 'present') errors.push({ field: `votes.${i}.memberId`, message: `${a.displayName} is not recorded as present` });
      if (seen.has(v.memberId)) errors.push({ field: `votes.${i}.memberId`, message: 'This member already voted on this motion' });
      seen.add(v.memberId);
    });
    if (input.method === 'vote' && input.votes.length === 0) errors.push({ field: 'votes', message: 'Record the votes, or choose consensus' });
    if (input.method === 'consensus' && input.votes.length > 0) errors.push({ field: 'votes', message: 'A decision by consensus has no individual votes' });
    if (errors.length) throw Errors.validation(errors);
    const tally = { for: 0, against: 0, abstain: 0 };
    for (const v of input.votes) tally[v.vote]++;
    const result = input.method === 'consensus' ? 'carried' : voteOutcome(row.voteRule, tally);
    const [d] = await tx
      .insert(decisions)
      .values({
        collaborativeId,
        meetingId,
        agendaItemId: input.agendaItemId,
        motion: input.motion,
        method: input.method,
        movedByMemberId: input.movedByMemberId ?? null,
        secondedByMemberId: input.secondedByMemberId ?? null,
        votesFor: tally.for,
        votesAgainst: tally.against,
        abstentions: tally.abstain,
        result,
        decidedOn: torontoDate(m.startsAt),
      })
      .returning();
    if (input.votes.length) await tx.insert(votes).values(input.votes.map((v) => ({ decisionId: d.id, memberId: v.memberId, vote: v.vote })));
    await recordAudit(tx, actor, meta, { action: 'collaborative.decision.create', entityType: 'collaborative_decision', entityId: d.id, details: { collaborativeId, meetingId, result, ...tally } });
    await notify(tx, await collaborativeRecipients(tx, collaborativeId), { kind: 'decision_recorded', params: { collaborative: row.name, meeting: m.title, result }, link: `/collaboratives/${collaborativeId}/meetings/${meetingId}`, subjectId: d.id }, actor);
    return presentDecision(d);
  });
}

export async function listDecisions(database: Database, actor: Actor, collaborativeId: string, limit = 200) {
  await requireAccess(database.db, actor, collaborativeId, 'collaborative.decision.read');
  return { items: await recentDecisions(database.db, collaborativeId, limit) };
}

export async function recentDecisions(db: Db, collaborativeId: string, limit: number) {
  const rows = await db
    .select({ d: decisions, title: meetings.title })
    .from(decisions)
    .innerJoin(meetings, eq(meetings.id, decisions.meetingId))
    .where(eq(decisions.collaborativeId, collaborativeId))
    .orderBy(desc(decisions.decidedOn), desc(decisions.createdAt))
    .limit(limit);
  return rows.map((r) => presentDecision(r.d, r.title));
}

// ---------- action items ----------

type ActionRow = ActionItemRow & { ownerName: string; ownerUserId: string | null; collaborativeName: string };

async function actionItemRows(db: Db, where: ReturnType<typeof and>, limit?: number): Promise<ActionRow[]> {
  const query = db
    .select({ a: actionItems, m: members, cname: collaboratives.name })
    .from(actionItems)
    .innerJoin(members, eq(members.id, actionItems.ownerMemberId))
    .innerJoin(collaboratives, eq(collaboratives.id, actionItems.collaborativeId))
    .where(where)
    .orderBy(asc(actionItems.dueOn), asc(actionItems.createdAt));
  const rows = limit ? await query.limit(limit) : await query;
  const names = await orgNames(db, rows.map((r) => r.m.organizationId));
  return rows.map((r) => ({
    ...r.a,
    ownerName: r.m.representativeName ? `${r.m.representativeName} (${memberName(r.m, names)})` : memberName(r.m, names),
    ownerUserId: r.m.userId,
    collaborativeName: r.cname,
  }));
}

export function presentActionItem(r: ActionRow, actor: Actor | null, manage: boolean, today = torontoToday()) {
  const mine = !!actor && actor.kind === 'user' && r.ownerUserId === actor.userId;
  return {
    id: r.id,
    collaborativeId: r.collaborativeId,
    collaborativeName: r.collaborativeName,
    meetingId: r.meetingId,
    decisionId: r.decisionId,
    title: r.title,
    ownerMemberId: r.ownerMemberId,
    ownerName: r.ownerName,
    dueOn: r.dueOn,
    status: r.status,
    overdue: isOverdue(r, today),
    completedAt: r.completedAt?.toISOString() ?? null,
    version: r.version,
    canUpdate: manage || mine,
  };
}

export async function listActionItems(database: Database, actor: Actor, collaborativeId: string, f: { status?: 'open' | 'done'; overdue?: boolean }) {
  const { access } = await requireAccess(database.db, actor, collaborativeId, 'collaborative.action.read');
  const where = [eq(actionItems.collaborativeId, collaborativeId)];
  if (f.status) where.push(eq(actionItems.status, f.status));
  if (f.overdue) where.push(eq(actionItems.status, 'open'), sql`${actionItems.dueOn} < ${torontoToday()}`);
  const rows = await actionItemRows(database.db, and(...where));
  return { items: rows.map((r) => presentActionItem(r, actor, access === 'manage')) };
}

/** The signed-in user's own action items across every collaborative, open ones first by due date. */
export async function myTasks(database: Database, actor: Actor, f: { includeDone?: boolean }) {
  if (actor.kind !== 'user') return { items: [] };
  const where = [eq(members.userId, actor.userId)];
  if (!f.includeDone) where.push(eq(actionItems.status, 'open'));
  const rows = await actionItemRows(database.db, and(...where));
  return { items: rows.map((r) => presentActionItem(r, actor, collaborativeAccess(actor, r.collaborativeId) === 'manage')) };
}

export async function createActionItem(database: Database, actor: Actor, meta: RequestMeta, collaborativeId: string, input: ActionItemInput) {
  return database.db.transaction(async (tx) => {
    await requireAccess(tx, actor, collaborativeId, 'collaborative.action.create');
    const errors: FieldError[] = [];
    const [owner] = await tx.select().from(members).where(and(eq(members.id, input.ownerMemberId), eq(members.collaborativeId, collaborativeId)));
    if (!owner) errors.push({ field: 'ownerMemberId', message: 'Not a member of this collaborative' });
    if (input.meetingId) {
      const [m] = await tx.select({ id: meetings.id }).from(meetings).where(and(eq(meetings.id, input.meetingId), eq(meetings.collaborativeId, collaborativeId)));
      if (!m) errors.push({ field: 'meetingId', message: 'No such meeting in this collaborative' });
    }
    if (input.decisionId) {
      const [d] = await tx.select({ id: decisions.id }).from(decisions).where(and(eq(decisions.id, input.decisionId), eq(decisions.collaborativeId, collaborativeId)));
      if (!d) errors.push({ field: 'decisionId', message: 'No such decision in this collaborative' });
    }
    if (errors.length) throw Errors.validation(errors);
    const [row] = await tx.insert(actionItems).values({ collaborativeId, title: input.title, ownerMemberId: input.ownerMemberId, dueOn: input.dueOn, meetingId: input.meetingId ?? null, decisionId: input.decisionId ?? null }).returning();
    await recordAudit(tx, actor, meta, { action: 'collaborative.action.create', entityType: 'collaborative_action_item', entityId: row.id, details: { collaborativeId, ownerMemberId: input.ownerMemberId, dueOn: input.dueOn } });
    const [full] = await actionItemRows(tx, eq(actionItems.id, row.id));
    await notify(tx, [full.ownerUserId], { kind: 'action_item_assigned', params: { title: full.title, place: full.collaborativeName, dueOn: full.dueOn }, link: '/collaboratives/my-tasks', subjectId: full.id }, actor);
    return presentActionItem(full, actor, true);
  });
}

/** Coordinators update any item; a member updates only items they own (mark done, reopen). */
export async function updateActionItem(database: Database, actor: Actor, meta: RequestMeta, collaborativeId: string, itemId: string, input: { status?: 'open' | 'done'; dueOn?: string; title?: string; version: number }) {
  return database.db.transaction(async (tx) => {
    const { access } = await requireAccess(tx, actor, collaborativeId, 'collaborative.action.update');
    const [before] = await actionItemRows(tx, and(eq(actionItems.id, itemId), eq(actionItems.collaborativeId, collaborativeId)));
    if (!before) throw Errors.notFound('Action item');
    const mine = actor.kind === 'user' && before.ownerUserId === actor.userId;
    authorizeAction(can, actor, 'collaborative.action.update', { collaborativeId, ownedByActor: mine });
    if (input.dueOn !== undefined || input.title !== undefined) authorizeAction(can, actor, 'collaborative.action.reschedule', { collaborativeId });
    const { version, ...changes } = input;
    const [after] = await tx
      .update(actionItems)
      .set({
        ...changes,
        ...(changes.status ? { completedAt: changes.status === 'done' ? new Date() : null } : {}),
        version: sql`${actionItems.version} + 1`,
      })
      .where(and(eq(actionItems.id, itemId), eq(actionItems.version, version)))
      .returning();
    if (!after) throw Errors.staleVersion(presentActionItem(before, actor, access === 'manage'));
    await recordAudit(tx, actor, meta, { action: 'collaborative.action.update', entityType: 'collaborative_action_item', entityId: itemId, details: { collaborativeId, ...changes } });
    const [full] = await actionItemRows(tx, eq(actionItems.id, itemId));
    return presentActionItem(full, actor, access === 'manage');
  });
}

export async function upcomingMeetings(db: Db, collaborativeId: string, limit: number) {
  const rows = await db
    .select()
    .from(meetings)
    .where(and(eq(meetings.collaborativeId, collaborativeId), gte(meetings.endsAt, new Date()), sql`${meetings.status} <> 'cancelled'`))
    .orderBy(asc(meetings.startsAt))
    .limit(limit);
  return rows.map(presentMeetingSummary);
}

/** The first `limit` open action items by due date, and how many open ones are overdue. */
export async function openActionItems(db: Db, actor: Actor, collaborativeId: string, manage: boolean, limit: number) {
  const today = torontoToday();
  const rows = await actionItemRows(db, and(eq(actionItems.collaborativeId, collaborativeId), eq(actionItems.status, 'open')), limit);
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(actionItems)
    .where(and(eq(actionItems.collaborativeId, collaborativeId), eq(actionItems.status, 'open'), sql`${actionItems.dueOn} < ${today}`));
  return { items: rows.map((r) => presentActionItem(r, actor, manage, today)), overdue: n };
}

