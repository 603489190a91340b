/** Rows → responses, with the actions the caller may take. Answers are never presented but to their respondent. */
import type { Actor } from '../../core/accounts/actor';
import { allowedActions } from '../../core/policy';
import { can, type AssessmentsAction, type AssessmentsResource } from './assessments.policy';
import type { CrosswalkRow, InstrumentRow, RespondentRow, RoundRow, ScaleRow } from './assessments.repository';
import type { Instrument, Round, Scale } from './assessments.schema';

const ROUND_ACTIONS: AssessmentsAction[] = [
  'assessments.round.close', 'assessments.round.remind', 'assessments.round.links', 'assessments.round.answer', 'assessments.results.read', 'assessments.results.followUp',
];

export function presentScale(s: ScaleRow, crosswalks: CrosswalkRow[]): Scale {
  return { id: s.id, key: s.key, version: s.version, nameEn: s.nameEn, nameFr: s.nameFr, source: s.source, levels: s.levels, crosswalks: crosswalks.filter((c) => c.fromScaleId === s.id).map(({ toScaleKey, mapping, note }) => ({ toScaleKey, mapping, note })) };
}

export function presentInstrument(i: InstrumentRow, scale: Scale | null): Instrument {
  return { id: i.id, key: i.key, version: i.version, kind: i.kind, nameEn: i.nameEn, nameFr: i.nameFr, descriptionEn: i.descriptionEn, descriptionFr: i.descriptionFr, source: i.source, scale, definition: i.definition };
}

export function presentRound(r: RoundRow, instrument: InstrumentRow, actor: Actor, resource: AssessmentsResource, me: RespondentRow | undefined, roster: RespondentRow[] | null): Round {
  return {
    id: r.id, collaborativeId: r.collaborativeId, title: r.title, opensOn: r.opensOn, closesOn: r.closesOn, status: r.status, illustrative: r.illustrative,
    instrument: { id: instrument.id, key: instrument.key, version: instrument.version, kind: instrument.kind, nameEn: instrument.nameEn, nameFr: instrument.nameFr },
    progress: { rosterSize: r.rosterSize, submitted: r.submitted },
    myRespondentId: me?.id ?? null,
    mySubmitted: !!me?.submittedAt,
    respondents: resource.access === 'manage' && roster
      ? roster.map((p) => ({ id: p.id, displayName: p.displayName, hasAccount: !!p.userId, submitted: !!p.submittedAt, isMe: p.id === me?.id, lastReminderAt: p.lastReminderAt }))
      : null,
    actions: allowedActions(can, actor, ROUND_ACTIONS, resource),
  };
}
