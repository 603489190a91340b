/**
 * Answering: signed in (the respondent linked to the caller's account) or through a single-use
 * link. The only place answers are returned is to the respondent who gave them.
 */
import type { Database, Db } from '../../core/db/database';
import type { Actor, RequestMeta } from '../../core/accounts/actor';
import { systemActor } from '../../core/accounts/actor';
import { authorizeAction } from '../../core/policy';
import { runCommand } from '../../core/command';
import { Errors } from '../../core/http/errors';
import { can } from './assessments.policy';
import * as repo from './assessments.repository';
import { loadInstrument } from './assessments.instruments.service';
import { hashToken, visibleRound } from './assessments.rounds.service';
import type { Instrument, Questionnaire } from './assessments.schema';

interface AnswerIn {
  targetId?: string | null;
  theme: string;
  item: string;
  value: number;
}

async function questionnaire(db: Db, round: repo.RoundRow, me: repo.RespondentRow): Promise<Questionnaire> {
  const instrument = (await loadInstrument(db, round.instrumentId))!;
  const roster = await repo.roster(db, round.id);
  const targets = instrument.kind === 'pair_rating' ? roster.filter((p) => p.id !== me.id).map((p) => ({ id: p.id, displayName: p.displayName })) : [];
  const answers = (await repo.answersOf(db, me.id)).map(({ targetId, theme, item, value }) => ({ targetId, theme, item, value }));
  return {
    round: { id: round.id, title: round.title, closesOn: round.closesOn, status: round.status, illustrative: round.illustrative },
    instrument, respondent: { id: me.id, displayName: me.displayName, submitted: !!me.submittedAt }, targets, answers,
  };
}

/** The caller's own questionnaire and answers in a round. */
export async function myQuestionnaire(database: Database, actor: Actor, roundId: string) {
  const { round, me } = await visibleRound(database.db, actor, roundId);
  if (!me) throw Errors.notFound('Questionnaire');
  return questionnaire(database.db, round, me);
}

async function byToken(db: Db, token: string) {
  const me = await repo.respondentByTokenHash(db, hashToken(token));
  if (!me) throw Errors.notFound('Questionnaire');
  const round = (await repo.findRound(db, me.roundId))!;
  return { me, round };
}

/** The questionnaire behind a single-use link: 404 for an unknown link; a submitted one shows as submitted. */
export async function tokenQuestionnaire(database: Database, token: string) {
  const { me, round } = await byToken(database.db, token);
  return questionnaire(database.db, round, me);
}

/** Checks every answer against the instrument, naming the field at fault. */
export function checkAnswers(instrument: Instrument, targets: Set<string>, answers: AnswerIn[]) {
  const d = instrument.definition;
  const levels = new Set((instrument.scale?.levels ?? []).map((l) => l.value));
  const themes = new Set(['', ...(d.themes ?? []).map((t) => t.key)]);
  const items = new Set((d.items ?? []).map((i) => i.key));
  const errors: { field: string; message: string }[] = [];
  answers.forEach((a, i) => {
    const at = (f: string, message: string) => errors.push({ field: `answers.${i}.${f}`, message });
    if (instrument.kind === 'pair_rating') {
      if (!a.targetId || !targets.has(a.targetId)) return at('targetId', 'Rate a partner on this round’s roster other than yourself');
      if (!themes.has(a.theme)) return at('theme', 'Not a theme of this instrument');
      if (a.item === 'level') { if (a.value !== 0 && !levels.has(a.value)) at('value', 'Not a level of the scale'); }
      else if (d.trustValue && (a.item === 'trust' || a.item === 'value')) { if (a.value < 1 || a.value > 4) at('value', 'Trust and value go from 1 to 4'); }
      else at('item', 'Not an item of this instrument');
    } else {
      if (a.targetId) return at('targetId', 'This instrument does not rate partners');
      if (!items.has(a.item)) return at('item', 'Not an item of this instrument');
      if (instrument.kind === 'likert' && !levels.has(a.value)) at('value', 'Not a level of the scale');
      if (instrument.kind === 'checklist' && a.value !== 0 && a.value !== 1) at('value', 'Checked is 1, not checked 0');
    }
  });
  if (errors.length) throw Errors.validation(errors);
}

async function save(tx: Db, round: repo.RoundRow, me: repo.RespondentRow, body: { answers: AnswerIn[]; submit: boolean }) {
  const instrument = (await loadInstrument(tx, round.instrumentId))!;
  const roster = await repo.roster(tx, round.id);
  checkAnswers(instrument, new Set(roster.filter((p) => p.id !== me.id).map((p) => p.id)), body.answers);
  await repo.saveAnswers(tx, round.id, me.id, body.answers.map((a) => ({ targetId: a.targetId ?? null, theme: a.theme, item: a.item, value: a.value })));
  if (body.submit) await repo.markSubmitted(tx, me.id);
  const after = (await repo.roster(tx, round.id)).find((p) => p.id === me.id)!;
  return questionnaire(tx, round, after);
}

export async function saveMyAnswers(database: Database, actor: Actor, meta: RequestMeta, roundId: string, body: { answers: AnswerIn[]; submit: boolean }) {
  return runCommand({ database, actor, meta }, async (tx) => {
    const { round, me, resource } = await visibleRound(tx, actor, roundId);
    if (!me) throw Errors.notFound('Questionnaire');
    if (round.status === 'closed') throw Errors.conflict('The round is closed', 'answers');
    if (me.submittedAt) throw Errors.conflict('You have already submitted your answers', 'answers');
    authorizeAction(can, actor, 'assessments.round.answer', resource);
    // The audit row says that someone answered, never what.
    return { result: await save(tx, round, me, body), audit: { action: body.submit ? 'assessments.answers.submit' : 'assessments.answers.save', entityType: 'assessments_round', entityId: round.id, details: { answers: body.answers.length } } };
  });
}

/** Answering through a single-use link: usable until the respondent submits, then spent. */
export async function saveTokenAnswers(database: Database, meta: RequestMeta, token: string, body: { answers: AnswerIn[]; submit: boolean }) {
  const actor = systemActor('assessments.link');
  return runCommand({ database, actor, meta }, async (tx) => {
    const { me, round } = await byToken(tx, token);
    if (round.status === 'closed') throw Errors.conflict('The round is closed', 'answers');
    if (me.submittedAt) throw Errors.conflict('This link has been used: the answers were submitted', 'answers');
    return { result: await save(tx, round, me, body), audit: { action: body.submit ? 'assessments.answers.submit' : 'assessments.answers.save', entityType: 'assessments_round', entityId: round.id, details: { answers: body.answers.length, through: 'single_use_link' } } };
  });
}
