/** Rounds: opened by a coordinator with the roster frozen from the collaborative's members; links; reminders; close. */
import { createHash, randomBytes } from 'node:crypto';
import type { Database, Db } from '../../core/db/database';
import type { Actor, RequestMeta } from '../../core/accounts/actor';
import { actorLabel, actorUserId, systemActor } from '../../core/accounts/actor';
import { authorizeAction } from '../../core/policy';
import { runCommand } from '../../core/command';
import { Errors } from '../../core/http/errors';
import { collaborativeAccess, collaborativeExists, collaborativeIdsWithAccess, collaborativeRoster } from '../collaboratives/collaboratives.api';
import { can, type AssessmentsResource } from './assessments.policy';
import * as repo from './assessments.repository';
import { presentRound } from './assessments.presenter';
import { notify } from '../notifications/notifications.api';
import { computeResults } from './assessments.results.service';
import type { Round } from './assessments.schema';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function torontoToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export async function resourceFor(db: Db, actor: Actor, round: repo.RoundRow) {
  const me = actor.kind === 'user' ? await repo.respondentForUser(db, round.id, actor.userId) : undefined;
  const resource: AssessmentsResource = { access: collaborativeAccess(actor, round.collaborativeId), isRespondent: !!me, status: round.status, submitted: !!me?.submittedAt };
  return { me, resource };
}

/** A round the caller may see, or 404. */
export async function visibleRound(db: Db, actor: Actor, id: string) {
  const round = await repo.findRound(db, id);
  if (!round) throw Errors.notFound('Round');
  const { me, resource } = await resourceFor(db, actor, round);
  if (!can(actor, 'assessments.round.read', resource)) throw Errors.notFound('Round');
  return { round, me, resource };
}

export async function presentFor(db: Db, actor: Actor, round: repo.RoundRow, me: repo.RespondentRow | undefined, resource: AssessmentsResource): Promise<Round> {
  const instrument = (await repo.findInstrument(db, round.instrumentId))!;
  const roster = resource.access === 'manage' ? await repo.roster(db, round.id) : null;
  return presentRound(round, instrument, actor, resource, me, roster);
}

export async function listRounds(database: Database, actor: Actor, f: { collaborativeId?: string }) {
  await closeDueRounds(database);
  const db = database.db;
  const scope = collaborativeIdsWithAccess(actor, 'member');
  const rows = await repo.listRounds(db, scope, f.collaborativeId);
  // Rounds the caller answers in, even without a role in the collaborative.
  const mine = actor.kind === 'user' ? await repo.roundsByIds(db, await repo.roundIdsAnsweredBy(db, actor.userId)) : [];
  const seen = new Set(rows.map((r) => r.id));
  const all = [...rows, ...mine.filter((r) => !seen.has(r.id) && (!f.collaborativeId || r.collaborativeId === f.collaborativeId))];
  const items: Round[] = [];
  for (const r of all) {
    const { me, resource } = await resourceFor(db, actor, r);
    if (can(actor, 'assessments.round.read', resource)) items.push(await presentFor(db, actor, r, me, resource));
  }
  return { items, actions: { 'assessments.round.open': f.collaborativeId ? can(actor, 'assessments.round.open', { access: collaborativeAccess(actor, f.collaborativeId) }) : false } };
}

export async function getRound(database: Database, actor: Actor, id: string) {
  await closeDueRounds(database);
  const { round, me, resource } = await visibleRound(database.db, actor, id);
  return presentFor(database.db, actor, round, me, resource);
}

export async function openRound(database: Database, actor: Actor, meta: RequestMeta, input: { collaborativeId: string; instrumentId: string; title: string; opensOn?: string; closesOn: string }, opts: { illustrative?: boolean } = {}) {
  return runCommand({ database, actor, meta }, async (tx) => {
    if (!(await collaborativeExists(tx, input.collaborativeId))) throw Errors.validation([{ field: 'collaborativeId', message: 'No such collaborative' }]);
    authorizeAction(can, actor, 'assessments.round.open', { access: collaborativeAccess(actor, input.collaborativeId) });
    const instrument = await repo.findInstrument(tx, input.instrumentId);
    if (!instrument) throw Errors.validation([{ field: 'instrumentId', message: 'No such instrument' }]);
    const opensOn = input.opensOn ?? torontoToday();
    if (input.closesOn < opensOn) throw Errors.validation([{ field: 'closesOn', message: 'The round must close on or after the day it opens' }]);
    const members = await collaborativeRoster(tx, input.collaborativeId);
    if (members.length < 2) throw Errors.conflict('A round needs at least two members on the roster', 'collaborativeId');
    const id = await repo.insertRound(tx, { ...input, opensOn, illustrative: !!opts.illustrative, createdBy: actorUserId(actor) });
    let position = 0;
    for (const m of members) await repo.insertRespondent(tx, id, { memberId: m.memberId, organizationId: m.organizationId, userId: m.userId, displayName: m.displayName, sector: m.sector, position: position++ });
    const round = (await repo.findRound(tx, id))!;
    const { me, resource } = await resourceFor(tx, actor, round);
    return {
      result: await presentFor(tx, actor, round, me, resource),
      audit: { action: 'assessments.round.open', entityType: 'assessments_round', entityId: id, details: { collaborativeId: input.collaborativeId, instrument: `${instrument.key}@${instrument.version}`, roster: members.length, closesOn: input.closesOn } },
    };
  });
}

/**
 * Single-use links for respondents without an account (or all who have not submitted, when
 * asked): a fresh token each, shown once; only its SHA-256 is stored. Issuing a new link
 * replaces the old one.
 */
export async function issueLinks(database: Database, actor: Actor, meta: RequestMeta, id: string, respondentIds?: string[]) {
  return runCommand({ database, actor, meta }, async (tx) => {
    const { round, resource } = await visibleRound(tx, actor, id);
    authorizeAction(can, actor, 'assessments.round.links', resource);
    const roster = await repo.roster(tx, round.id);
    const wanted = roster.filter((p) => !p.submittedAt && (respondentIds ? respondentIds.includes(p.id) : !p.userId));
    if (respondentIds) {
      const unknown = respondentIds.findIndex((rid) => !roster.some((p) => p.id === rid));
      if (unknown >= 0) throw Errors.validation([{ field: `respondentIds.${unknown}`, message: 'Not on this round’s roster' }]);
    }
    const links = [];
    for (const p of wanted) {
      const token = randomBytes(24).toString('base64url');
      await repo.setTokenHash(tx, p.id, hashToken(token));
      links.push({ respondentId: p.id, displayName: p.displayName, token });
    }
    return { result: { items: links }, audit: { action: 'assessments.round.links', entityType: 'assessments_round', entityId: id, details: { links: links.length } } };
  });
}

/**
 * Records a reminder for every respondent who has not submitted (who, when) and returns them.
 * Delivery is the notification system's: the lead wires this function to it (docs/assessments.md).
 */
export async function sendRoundReminders(database: Database, actor: Actor, meta: RequestMeta, roundId: string) {
  return runCommand({ database, actor, meta }, async (tx) => {
    const { round, resource } = await visibleRound(tx, actor, roundId);
    authorizeAction(can, actor, 'assessments.round.remind', resource);
    const pending = (await repo.roster(tx, round.id)).filter((p) => !p.submittedAt);
    for (const p of pending) await repo.insertReminder(tx, round.id, p.id, actorLabel(actor));
    // People with an account are told in the app (and by e-mail where set up); people answering
    // by single-use link are listed for the coordinator to send a fresh link.
    await notify(tx, pending.map((p) => p.userId), { kind: 'assessment_reminder', params: { title: round.title, closesOn: round.closesOn }, link: `/assessments/rounds/${round.id}/answer`, subjectId: round.id }, actor);
    const recipients = pending.map((p) => ({ respondentId: p.id, userId: p.userId, memberId: p.memberId, displayName: p.displayName, hasLink: p.hasToken }));
    return { result: { roundId: round.id, title: round.title, closesOn: round.closesOn, recipients }, audit: { action: 'assessments.round.remind', entityType: 'assessments_round', entityId: round.id, details: { reminded: pending.length } } };
  });
}

/** Closes a round: no more answers, and the results are computed once and kept immutable. */
export async function closeRound(database: Database, actor: Actor, meta: RequestMeta, id: string) {
  return runCommand({ database, actor, meta }, async (tx) => {
    const { round, resource } = await visibleRound(tx, actor, id);
    authorizeAction(can, actor, 'assessments.round.close', resource);
    return closeIn(tx, actor, round);
  });
}

async function closeIn(tx: Db, actor: Actor, round: repo.RoundRow) {
  const { method, results } = await computeResults(tx, round);
  await repo.markRoundClosed(tx, round.id);
  await repo.insertResults(tx, round.id, method, results);
  const after = (await repo.findRound(tx, round.id))!;
  const { me, resource } = await resourceFor(tx, actor, after);
  return {
    result: await presentFor(tx, actor, after, me, resource),
    audit: { action: 'assessments.round.close', entityType: 'assessments_round', entityId: round.id, details: { respondents: after.submitted, roster: after.rosterSize } },
  };
}

/** Closes every open round whose closing day has passed (run on reading rounds, and by the lead's scheduler if wired). */
export async function closeDueRounds(database: Database): Promise<number> {
  const due = await repo.dueRoundIds(database.db, torontoToday());
  for (const id of due) {
    await runCommand({ database, actor: systemActor('assessments.close-due'), meta: {} }, async (tx) => {
      const round = await repo.findRound(tx, id);
      if (!round || round.status !== 'open') return { result: null, audit: { action: 'assessments.round.close_skipped', entityType: 'assessments_round', entityId: id } };
      return closeIn(tx, systemActor('assessments.close-due'), round);
    });
  }
  return due.length;
}
