/** Decisions and motions recorded at a meeting, and the decision register. */
import type { Database, Db } from '../../../core/db/database';
import type { Actor, RequestMeta } from '../../../core/accounts/actor';
import { runCommand } from '../../../core/command';
import { Errors, type FieldError } from '../../../core/http/errors';
import { requireAccess } from '../collaboratives.service';
import { quorumStatus, voteOutcome } from '../collaboratives.rules';
import { notify } from '../../notifications/notifications.api';
import { collaborativeRecipients } from '../collaboratives.api';
import { findAgendaItem } from '../repository/agenda';
import * as meetingsRepo from '../repository/meetings';
import type { DecisionInput } from '../collaboratives.schema';
import { attendanceOf } from './attendance.service';
import { presentDecision, torontoDate } from './presenter';

/**
 * Records a decision on a decision item. Needs quorum; every vote must come from a voting
 * member present at the meeting; the result follows the collaborative's voting rule.
 */
export async function recordDecision(database: Database, actor: Actor, meta: RequestMeta, collaborativeId: string, meetingId: string, input: DecisionInput) {
  return runCommand({ database, actor, meta }, async (tx) => {
    const { row } = await requireAccess(tx, actor, collaborativeId, 'collaborative.decision.create');
    const m = await meetingsRepo.findMeeting(tx, collaborativeId, meetingId);
    if (!m) throw Errors.notFound('Meeting');
    const errors: FieldError[] = [];
    const item = await findAgendaItem(tx, meetingId, input.agendaItemId);
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
    const d = await meetingsRepo.insertDecision(
      tx,
      {
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
      },
      input.votes,
    );
    await notify(tx, await collaborativeRecipients(tx, collaborativeId), { kind: 'decision_recorded', params: { collaborative: row.name, meeting: m.title, result }, link: `/collaboratives/${collaborativeId}/meetings/${meetingId}`, subjectId: d.id }, actor);
    return { result: presentDecision(d), audit: { action: 'collaborative.decision.create', entityType: 'collaborative_decision', entityId: d.id, details: { collaborativeId, meetingId, result, ...tally } } };
  });
}

export async function listDecisions(database: Database, actor: Actor, collaborativeId: string, limit = 200) {
  await requireAccess(database.db, actor, collaborativeId, 'collaborative.decision.read');
  return { items: await recentDecisions(database.db, collaborativeId, limit) };
}

export async function recentDecisions(db: Db, collaborativeId: string, limit: number) {
  const rows = await meetingsRepo.recentDecisionRows(db, collaborativeId, limit);
  return rows.map((r) => presentDecision(r.d, r.title));
}

