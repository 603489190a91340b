/** The practice library: faceted and full-text search, write-ups, "adapt this practice". */
import type { Database, Db } from '../../core/db/database';
import { actorUserId, type Actor, type RequestMeta } from '../../core/accounts/actor';
import { authorizeAction } from '../../core/policy';
import { runCommand } from '../../core/command';
import { Errors } from '../../core/http/errors';
import { collaborativeAccess, collaborativeDocuments, collaborativeExists, collaborativeIdsWithAccess, collaborativeSummaries } from '../collaboratives/collaboratives.api';
import { findIndicators } from '../data/data.api';
import { addDraftAction, planCollaborativeId, publishedReportCards } from '../strategy/strategy.api';
import { can } from './exchange.policy';
import * as repo from './exchange.repository';
import { presentPractice } from './exchange.presenter';
import { practiceFieldNames, type EvidenceOptions, type PracticeEditInput, type PracticeField, type PracticeInput } from './exchange.schema';

export async function presentPractices(db: Db, actor: Actor, rows: repo.PracticeRow[]) {
  const ids = rows.map((r) => r.id);
  const [adaptations, revisions] = rows.length ? await Promise.all([repo.adaptationsOf(db, ids), repo.revisionsOf(db, ids)]) : [[], []];
  const names = await collaborativeSummaries(db, [...new Set([...rows.map((r) => r.authorCollaborativeId).filter((x): x is string => !!x), ...adaptations.map((a) => a.collaborativeId)])]);
  return rows.map((r) => {
    const mine = revisions.filter((v) => v.practiceId === r.id);
    return presentPractice(
      r,
      r.authorCollaborativeId ? names.get(r.authorCollaborativeId)?.name ?? null : null,
      adaptations
        .filter((a) => a.practiceId === r.id)
        .map((a) => ({
          collaborativeId: a.collaborativeId, collaborativeName: names.get(a.collaborativeId)?.name ?? '', planId: a.planId, elementId: a.elementId, adaptedAt: a.adaptedAt,
          // What was edited after this collaborative copied it into its plan.
          changedSince: practiceFieldNames.filter((f) => mine.some((v) => v.changedAtMs > a.adaptedAtMs && v.changes.some((c) => c.field === f))),
        })),
      mine,
      actor,
    );
  });
}

// ---------- evidence links ----------

type Option = EvidenceOptions['indicators'][number];

/**
 * What a practice can be linked to, for this user: the indicator catalogue (public), and the
 * published report cards and the governance documents of the collaboratives the user belongs to
 * (all of them for a platform admin), read through the other modules' api.
 */
export async function evidenceOptions(database: Database | { db: Db }, actor: Actor): Promise<EvidenceOptions> {
  authorizeAction(can, actor, 'exchange.practice.read', {});
  const db = database.db;
  const mine = collaborativeIdsWithAccess(actor, 'member');
  const [indicators, cards, documents] = await Promise.all([findIndicators(db, actor, { limit: 500 }), publishedReportCards(db, mine), collaborativeDocuments(db, mine)]);
  const names = await collaborativeSummaries(db, [...new Set(documents.map((d) => d.collaborativeId))]);
  return {
    indicators: indicators.map((i) => ({ ref: i.id, label: { en: i.name.en, fr: i.name.fr }, href: `/data/indicators?q=${encodeURIComponent(i.code)}` })),
    reportCards: cards.map((c) => {
      const label = `${c.planTitle} — ${c.year}${c.reportVersion > 1 ? ` (${c.reportVersion})` : ''}`;
      return { ref: c.id, label: { en: label, fr: label }, href: `/strategy/plans/${c.planId}/report-cards/${c.id}` };
    }),
    documents: documents.map((d) => {
      const label = `${d.title} (${names.get(d.collaborativeId)?.name ?? ''})`;
      return { ref: d.id, label: { en: label, fr: label }, href: `/collaboratives/${d.collaborativeId}/documents` };
    }),
  };
}

/**
 * Checks each evidence link: a link to an indicator, report card or document must be one the
 * user may see (or one the practice already had), and gets where it opens here; a web address
 * is itself. Every bad link is named by its field.
 */
async function resolveEvidence(db: Db, actor: Actor, evidence: PracticeInput['evidence'], before: repo.EvidenceLink[] = []): Promise<repo.EvidenceLink[]> {
  const options = new Map<string, Option>();
  if (evidence.some((e) => e.kind !== 'url')) {
    const o = await evidenceOptions({ db }, actor);
    for (const x of o.indicators) options.set(`indicator:${x.ref}`, x);
    for (const x of o.reportCards) options.set(`report_card:${x.ref}`, x);
    for (const x of o.documents) options.set(`document:${x.ref}`, x);
  }
  const errors: { field: string; message: string }[] = [];
  const out = evidence.map((e, i) => {
    if (e.kind === 'url') return { kind: e.kind, ref: e.ref, label: e.label, href: e.ref };
    const picked = options.get(`${e.kind}:${e.ref}`);
    const kept = before.find((b) => b.kind === e.kind && b.ref === e.ref);
    if (!picked && !kept) errors.push({ field: `evidence.${i}.ref`, message: 'Pick one from the list: it must be one you may see' });
    return { kind: e.kind, ref: e.ref, label: e.label, href: picked?.href ?? kept?.href ?? null };
  });
  if (errors.length) throw Errors.validation(errors);
  return out;
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
    const evidence = await resolveEvidence(tx, actor, input.evidence);
    const id = await repo.insertPractice(tx, { ...practiceValues(input, actorUserId(actor)), evidence });
    if (!id) throw Errors.conflict('This practice is already in the library', 'titleEn');
    const [result] = await presentPractices(tx, actor, [(await repo.findPractice(tx, id))!]);
    return { result, audit: { action: 'exchange.practice.create', entityType: 'exchange_practice', entityId: id, details: { title: input.titleEn } } };
  });
}

const comparable = (field: PracticeField, v: unknown) =>
  // Evidence is compared on what the author chose (kind, ref, label), not on where it opens.
  JSON.stringify(field === 'evidence' ? (v as repo.EvidenceLink[]).map((e) => ({ kind: e.kind, ref: e.ref, label: e.label })) : v ?? null);

/**
 * Edits a published practice: the one who wrote it up, or a coordinator of its authoring
 * collaborative (others 403). Each edit that changes something is kept as a revision (who, when,
 * each field before and after, the note), so those who adapted it see what changed since.
 */
export async function updatePractice(database: Database, actor: Actor, meta: RequestMeta, id: string, input: PracticeEditInput) {
  return runCommand({ database, actor, meta }, async (tx) => {
    const p = await repo.findPractice(tx, id);
    if (!p) throw Errors.notFound('Practice');
    const author = !!p.createdBy && p.createdBy === actorUserId(actor);
    const manages = !!p.authorCollaborativeId && collaborativeAccess(actor, p.authorCollaborativeId) === 'manage';
    authorizeAction(can, actor, 'exchange.practice.edit', { author, manages });
    if (p.sourceInstance) throw Errors.conflict(`This practice came from another instance (${p.sourceInstance}); it is edited there and imported again`);
    if (input.version !== p.version) throw Errors.staleVersion((await presentPractices(tx, actor, [p]))[0]);
    const evidence = await resolveEvidence(tx, actor, input.evidence, p.evidence);
    const next = { ...practiceValues({ ...input, authorCollaborativeId: p.authorCollaborativeId }, p.createdBy), evidence };
    const changes = practiceFieldNames
      .filter((f) => comparable(f, p[f]) !== comparable(f, next[f]))
      .map((f) => ({ field: f, before: f === 'evidence' ? p.evidence.map((e) => ({ kind: e.kind, ref: e.ref, label: e.label })) : p[f] ?? null, after: f === 'evidence' ? input.evidence : next[f] ?? null }));
    if (!changes.length) {
      // Nothing changed: no revision, no new version; the attempt is still recorded.
      const [same] = await presentPractices(tx, actor, [p]);
      return { result: same, audit: { action: 'exchange.practice.update', entityType: 'exchange_practice', entityId: id, details: { revision: null, fields: [] } } };
    }
    if (!(await repo.updatePractice(tx, id, p.version, next))) throw Errors.staleVersion(null);
    const number = await repo.insertRevision(tx, { practiceId: id, changes, note: input.note ?? null, by: actorUserId(actor) });
    const [result] = await presentPractices(tx, actor, [(await repo.findPractice(tx, id))!]);
    return { result, audit: { action: 'exchange.practice.update', entityType: 'exchange_practice', entityId: id, details: { revision: number, fields: changes.map((c) => c.field), note: input.note ?? null } } };
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
