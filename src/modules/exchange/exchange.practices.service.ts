/** The practice library: faceted and full-text search, write-ups, "adapt this practice". */
import type { Database, Db } from '../../core/db/database';
import { actorUserId, type Actor, type RequestMeta } from '../../core/accounts/actor';
import { authorizeAction } from '../../core/policy';
import { runCommand } from '../../core/command';
import { Errors } from '../../core/http/errors';
import { collaborativeAccess, collaborativeExists, collaborativeSummaries } from '../collaboratives/collaboratives.api';
import { addDraftAction, planCollaborativeId } from '../strategy/strategy.api';
import { can } from './exchange.policy';
import * as repo from './exchange.repository';
import { presentPractice } from './exchange.presenter';
import type { PracticeInput } from './exchange.schema';

export async function presentPractices(db: Db, actor: Actor, rows: repo.PracticeRow[]) {
  const adaptations = rows.length ? await repo.adaptationsOf(db, rows.map((r) => r.id)) : [];
  const names = await collaborativeSummaries(db, [...new Set([...rows.map((r) => r.authorCollaborativeId).filter((x): x is string => !!x), ...adaptations.map((a) => a.collaborativeId)])]);
  return rows.map((r) =>
    presentPractice(
      r,
      r.authorCollaborativeId ? names.get(r.authorCollaborativeId)?.name ?? null : null,
      adaptations.filter((a) => a.practiceId === r.id).map((a) => ({ collaborativeId: a.collaborativeId, collaborativeName: names.get(a.collaborativeId)?.name ?? '', planId: a.planId, elementId: a.elementId, adaptedAt: a.adaptedAt })),
      actor,
    ),
  );
}

export async function searchPractices(database: Database, actor: Actor, f: repo.PracticeFilter) {
  authorizeAction(can, actor, 'exchange.practice.read', {});
  const db = database.db;
  const rows = await repo.searchPractices(db, f);
  const [communityType, needDomain, welcomingCharacteristic] = await Promise.all([repo.practiceFacet(db, f, 'communityType'), repo.practiceFacet(db, f, 'needDomain'), repo.practiceFacet(db, f, 'welcomingCharacteristic')]);
  return { items: await presentPractices(db, actor, rows), facets: { communityType, needDomain, welcomingCharacteristic }, actions: { 'exchange.practice.create': can(actor, 'exchange.practice.create', {}) } };
}

export async function getPractice(database: Database, actor: Actor, id: string) {
  authorizeAction(can, actor, 'exchange.practice.read', {});
  const row = await repo.findPractice(database.db, id);
  if (!row) throw Errors.notFound('Practice');
  return (await presentPractices(database.db, actor, [row]))[0];
}

export function practiceValues(input: PracticeInput, createdBy: string | null) {
  return {
    authorCollaborativeId: input.authorCollaborativeId ?? null, titleEn: input.titleEn, titleFr: input.titleFr ?? null, problemEn: input.problemEn, problemFr: input.problemFr ?? null,
    doneEn: input.doneEn, doneFr: input.doneFr ?? null, byWhom: input.byWhom ?? null, forWhom: input.forWhom ?? null, place: input.place ?? null, resources: input.resources ?? null,
    resultsEn: input.resultsEn ?? null, resultsFr: input.resultsFr ?? null, evidence: input.evidence, communityType: input.communityType, needDomain: input.needDomain,
    welcomingCharacteristic: input.welcomingCharacteristic ?? null, populationTags: input.populationTags, createdBy,
  };
}

export async function createPractice(database: Database, actor: Actor, meta: RequestMeta, input: PracticeInput) {
  authorizeAction(can, actor, 'exchange.practice.create', {});
  return runCommand({ database, actor, meta }, async (tx) => {
    if (input.authorCollaborativeId) {
      if (!(await collaborativeExists(tx, input.authorCollaborativeId))) throw Errors.validation([{ field: 'authorCollaborativeId', message: 'No such collaborative' }]);
      if (collaborativeAccess(actor, input.authorCollaborativeId) !== 'manage') throw Errors.validation([{ field: 'authorCollaborativeId', message: 'Write up practices for a collaborative you coordinate' }]);
    }
    const id = await repo.insertPractice(tx, practiceValues(input, actorUserId(actor)));
    if (!id) throw Errors.conflict('This practice is already in the library', 'titleEn');
    const [result] = await presentPractices(tx, actor, [(await repo.findPractice(tx, id))!]);
    return { result, audit: { action: 'exchange.practice.create', entityType: 'exchange_practice', entityId: id, details: { title: input.titleEn } } };
  });
}

/** Copies a practice into a plan as a draft action linked to its source; the author then sees who adapted it. */
export async function adaptPractice(database: Database, actor: Actor, meta: RequestMeta, id: string, input: { planId: string }) {
  return runCommand({ database, actor, meta }, async (tx) => {
    const p = await repo.findPractice(tx, id);
    if (!p) throw Errors.notFound('Practice');
    const collaborativeId = await planCollaborativeId(tx, input.planId);
    if (!collaborativeId) throw Errors.validation([{ field: 'planId', message: 'No such plan' }]);
    authorizeAction(can, actor, 'exchange.practice.adapt', { manages: collaborativeAccess(actor, collaborativeId) === 'manage' });
    const elementId = await addDraftAction(tx, {
      planId: input.planId,
      title: p.titleEn,
      titleFr: p.titleFr,
      description: `Draft adapted from the practice library: ${p.titleEn}.\n\nProblem: ${p.problemEn}\n\nWhat was done: ${p.doneEn}`.slice(0, 4000),
      sourceLabel: `Practice library: ${p.titleEn} (/exchange/practices/${p.id})`.slice(0, 300),
    });
    await repo.insertAdaptation(tx, { practiceId: id, collaborativeId, planId: input.planId, elementId, by: actorUserId(actor) });
    const [practice] = await presentPractices(tx, actor, [(await repo.findPractice(tx, id))!]);
    return { result: { practice, planId: input.planId, elementId }, audit: { action: 'exchange.practice.adapt', entityType: 'exchange_practice', entityId: id, details: { planId: input.planId, elementId, collaborativeId } } };
  });
}
