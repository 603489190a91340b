/** Scheduling meetings (one or a series), reading one with its agenda and quorum, editing it. */
import { randomUUID } from 'node:crypto';
import type { Database, Db } from '../../../core/db/database';
import type { Actor, RequestMeta } from '../../../core/accounts/actor';
import { runCommand } from '../../../core/command';
import { Errors } from '../../../core/http/errors';
import { loadCollaborative, requireAccess } from '../collaboratives.service';
import { atLeastMember, collaborativeActions } from '../collaboratives.policy';
import { agendaSeeksNoDecision, quorumStatus } from '../collaboratives.rules';
import { occurrences } from '../calendar/recurrence';
import { agendaOf } from '../repository/agenda';
import * as meetingsRepo from '../repository/meetings';
import { meetingActions, meetingListActions, type CreateMeetingInput, type UpdateMeetingInput } from '../collaboratives.schema';
import { attendanceOf } from './attendance.service';
import { actionItemRows } from './actions.service';
import { presentActionItem, presentDecision, presentMeetingSummary } from './presenter';

export async function createMeetings(database: Database, actor: Actor, meta: RequestMeta, collaborativeId: string, input: CreateMeetingInput) {
  const start = new Date(input.startsAt);
  const end = new Date(input.endsAt);
  if (end <= start) throw Errors.validation([{ field: 'endsAt', message: 'The end must be after the start' }]);
  const starts = input.recurrence ? occurrences(input.recurrence, start) : [start];
  const duration = end.getTime() - start.getTime();
  return runCommand({ database, actor, meta }, async (tx) => {
    await requireAccess(tx, actor, collaborativeId, 'collaborative.meeting.create');
    const seriesId = starts.length > 1 ? randomUUID() : null;
    const rows = await meetingsRepo.insertMeetings(
      tx,
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
    );
    return {
      result: { items: rows.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime()).map(presentMeetingSummary) },
      audit: { action: 'collaborative.meeting.create', entityType: 'collaborative_meeting', entityId: rows[0].id, details: { collaborativeId, count: rows.length, title: input.title } },
    };
  });
}

/** Meetings of a collaborative; the public (and signed-in non-members) see only meetings whose minutes are published. */
export async function listMeetings(database: Database, actor: Actor | null, collaborativeId: string) {
  const { access } = await loadCollaborative(database.db, actor, collaborativeId);
  const rows = await meetingsRepo.meetingsOf(database.db, collaborativeId, !atLeastMember(access));
  return { items: rows.map(presentMeetingSummary), actions: collaborativeActions(actor, meetingListActions, { collaborativeId }) };
}

async function loadMeeting(db: Db, actor: Actor | null, collaborativeId: string, meetingId: string) {
  const [loaded, m] = await Promise.all([loadCollaborative(db, actor, collaborativeId), meetingsRepo.findMeeting(db, collaborativeId, meetingId)]);
  // 404, not 403: someone outside the collaborative does not learn that unpublished minutes exist.
  if (!m || (!atLeastMember(loaded.access) && !m.minutesPublic)) throw Errors.notFound('Meeting');
  return { ...loaded, meeting: m };
}

/**
 * A meeting with agenda, attendance and quorum, decisions and action items. Reads on the
 * shared handle (not a transaction), so the independent queries run side by side.
 */
export async function getMeeting(database: Database, actor: Actor | null, collaborativeId: string, meetingId: string) {
  const db = database.db;
  const { row, access, meeting: m } = await loadMeeting(db, actor, collaborativeId, meetingId);
  const member = atLeastMember(access);
  const [agenda, att, decs, items] = await Promise.all([
    agendaOf(db, m.id),
    attendanceOf(db, collaborativeId, m),
    meetingsRepo.decisionsOfMeeting(db, m.id),
    member ? actionItemRows(db, { meetingId: m.id }) : Promise.resolve([]),
  ]);
  const voting = att.filter((a) => a.voting);
  const quorum = quorumStatus({ kind: row.quorumKind, value: row.quorumValue }, voting.length, voting.filter((a) => a.status === 'present').length);
  return {
    ...presentMeetingSummary(m),
    bodyId: m.bodyId,
    recurrence: m.recurrence,
    minutes: m.minutes,
    version: m.version,
    agenda: agenda.map((a) => ({ id: a.id, position: a.position, title: a.title, kind: a.kind, presenter: a.presenter, minutesAllotted: a.minutesAllotted })),
    seeksNoDecision: agendaSeeksNoDecision(agenda),
    attendance: member ? att : [],
    quorum,
    decisions: decs.map((d) => presentDecision(d)),
    actionItems: items.map((i) => presentActionItem(i, actor)),
    actions: collaborativeActions(actor, meetingActions, { collaborativeId }),
  };
}

export async function updateMeeting(database: Database, actor: Actor, meta: RequestMeta, collaborativeId: string, meetingId: string, input: UpdateMeetingInput) {
  return runCommand({ database, actor, meta }, async (tx) => {
    await requireAccess(tx, actor, collaborativeId, 'collaborative.meeting.update');
    const before = await meetingsRepo.findMeeting(tx, collaborativeId, meetingId);
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
    const after = await meetingsRepo.updateMeetingIfVersion(tx, meetingId, version, { ...rest, startsAt: s, endsAt: e }, rescheduled);
    if (!after) throw Errors.staleVersion({ ...presentMeetingSummary(before), version: before.version, minutes: before.minutes });
    return {
      result: after.version,
      audit: { action: 'collaborative.meeting.update', entityType: 'collaborative_meeting', entityId: meetingId, details: { collaborativeId, changed: Object.keys(input).filter((k) => k !== 'version') } },
    };
  });
}

export async function upcomingMeetings(db: Db, collaborativeId: string, limit: number) {
  return (await meetingsRepo.upcomingMeetingRows(db, collaborativeId, limit)).map(presentMeetingSummary);
}
