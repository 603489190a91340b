/** Meetings, decisions and action items as the API answers them. */
import type { Actor } from '../../../core/accounts/actor';
import type { ActionItemRow, DecisionRow, MeetingRow } from '../collaboratives.tables';
import { isOverdue, torontoToday } from '../collaboratives.rules';
import { collaborativeActions } from '../collaboratives.policy';
import { actionItemActions } from '../collaboratives.schema';

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

export type ActionRow = ActionItemRow & { ownerName: string; ownerUserId: string | null; collaborativeName: string };

export function presentActionItem(r: ActionRow, actor: Actor | null, today = torontoToday()) {
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
    actions: collaborativeActions(actor, actionItemActions, { collaborativeId: r.collaborativeId, ownedByActor: mine }),
  };
}
