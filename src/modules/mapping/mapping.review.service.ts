/** Gaps and overlaps as questions: candidates, the review queue, labels and hand-offs. */
import type { Database } from '../../core/db/database';
import type { Actor, RequestMeta } from '../../core/accounts/actor';
import { actorUserId } from '../../core/accounts/actor';
import { authorizeAction } from '../../core/policy';
import { runCommand } from '../../core/command';
import { Errors } from '../../core/http/errors';
import { needDomains, similarServicePairs } from '../directory/directory.api';
import { appendToNextAgenda, collaborativeAccess, collaborativeExists } from '../collaboratives/collaboratives.api';
import { addDraftAction, planCollaborativeId } from '../strategy/strategy.api';
import { gapQuestions } from './mapping.coverage';
import { loadCoverage } from './mapping.coverage.service';
import { can } from './mapping.policy';
import * as repo from './mapping.repository';
import { presentCandidate } from './mapping.presenter';
import { gapLabels, overlapLabels, type CandidateLabel } from './mapping.schema';

async function present(database: Database, rows: repo.CandidateRow[], actor: Actor) {
  const names = await repo.organizationNames(database.db, [...new Set(rows.flatMap((r) => r.organizationIds))]);
  return rows.map((r) => presentCandidate(r, names, actor));
}

export async function listCandidates(database: Database, actor: Actor, f: { regionId?: string; status?: 'open' | 'labelled'; kind?: 'gap' | 'overlap' }) {
  authorizeAction(can, actor, 'mapping.read', {});
  const rows = await repo.listCandidates(database.db, f);
  return { items: await present(database, rows, actor), actions: { 'mapping.candidate.generate': can(actor, 'mapping.candidate.generate', {}) } };
}

/**
 * Looks at a region and asks questions: a gap candidate per domain × place where unmet need
 * is published, a populated place has no service, or supply per 10,000 is under half the
 * region's median; an overlap candidate per pair of alike services of different organizations
 * sharing a domain and places. A question already asked (answered or not) is not asked again.
 */
export async function generateCandidates(database: Database, actor: Actor, meta: RequestMeta, input: { regionId: string; minSimilarity: number }) {
  authorizeAction(can, actor, 'mapping.candidate.generate', {});
  const coverage = await loadCoverage(database, actor, { regionId: input.regionId, months: 12 });
  const placeName = new Map(coverage.places.map((p) => [p.id, p.name]));
  const population = new Map(coverage.places.map((p) => [p.id, p.population]));
  const gaps = gapQuestions(coverage.cells);
  const pairs = await similarServicePairs(database.db, coverage.places.map((p) => p.id), input.minSimilarity);
  const byPair = new Map<string, { pair: (typeof pairs)[number]; places: string[] }>();
  for (const p of pairs) {
    const k = `${p.domain}|${p.serviceIds.join('|')}`;
    const e = byPair.get(k) ?? { pair: p, places: [] };
    e.places.push(placeName.get(p.geographyId) ?? p.geographyId);
    byPair.set(k, e);
  }
  return runCommand({ database, actor, meta }, async (tx) => {
    let newGaps = 0, newOverlaps = 0;
    for (const g of gaps) {
      const cell = coverage.cells.find((c) => c.domain === g.domain && c.geographyId === g.geographyId)!;
      const id = await repo.insertCandidateIfNew(tx, {
        key: `gap|${g.domain}|${g.geographyId}|${g.reason}`, kind: 'gap', regionId: input.regionId, domain: g.domain, geographyId: g.geographyId,
        serviceIds: [], organizationIds: [],
        evidence: { reason: g.reason, services: cell.services, organizations: cell.organizations, servicesPer10k: cell.servicesPer10k, population: population.get(g.geographyId) ?? null, needs: cell.display.needs, unmet: cell.display.unmet, sources: coverage.sources },
      });
      if (id) newGaps++;
    }
    for (const [k, { pair, places }] of byPair) {
      const id = await repo.insertCandidateIfNew(tx, {
        key: `overlap|${k}`, kind: 'overlap', regionId: input.regionId, domain: pair.domain, geographyId: places.length === 1 ? pair.geographyId : null,
        serviceIds: pair.serviceIds, organizationIds: pair.organizationIds,
        evidence: { reason: 'similar_descriptions', similarity: pair.similarity, serviceNames: pair.serviceNames, places: places.sort() },
      });
      if (id) newOverlaps++;
    }
    return {
      result: { gaps: newGaps, overlaps: newOverlaps, askedBefore: gaps.length + byPair.size - newGaps - newOverlaps },
      audit: { action: 'mapping.candidate.generate', entityType: 'mapping_region', entityId: input.regionId, details: { gaps: newGaps, overlaps: newOverlaps } },
    };
  });
}

export async function labelCandidate(database: Database, actor: Actor, meta: RequestMeta, id: string, input: { label: CandidateLabel; rationale: string; version: number }) {
  return runCommand({ database, actor, meta }, async (tx) => {
    const before = await repo.findCandidate(tx, id);
    if (!before) throw Errors.notFound('Question');
    authorizeAction(can, actor, 'mapping.candidate.label', {});
    const allowed: readonly string[] = before.kind === 'gap' ? gapLabels : overlapLabels;
    if (!allowed.includes(input.label)) throw Errors.validation([{ field: 'label', message: `For a ${before.kind}, use one of ${allowed.join(', ')}` }]);
    if (!(await repo.labelCandidateIfVersion(tx, id, input.version, { label: input.label, rationale: input.rationale, userId: actorUserId(actor) }))) {
      throw Errors.staleVersion((await present(database, [before], actor))[0]);
    }
    const after = (await repo.findCandidate(tx, id))!;
    const names = await repo.organizationNames(tx, after.organizationIds);
    return {
      result: presentCandidate(after, names, actor),
      audit: { action: 'mapping.candidate.label', entityType: 'mapping_candidate', entityId: id, details: { label: input.label, previous: before.label } },
    };
  });
}

const LABEL_WORDS: Record<string, string> = { gap_confirmed: 'gap confirmed', not_a_gap: 'not a gap', duplicate: 'duplicate', complementary: 'complementary', coordinated: 'coordinated', to_discuss: 'to discuss' };

/**
 * Hands an answered question on, with its evidence: as a discussion item on the agenda of the
 * collaborative's next meeting, or as a draft action of a strategy plan (linked back to the
 * review queue). The actor must coordinate that collaborative or the plan's collaborative.
 * What was created is recorded on the question; with no meeting coming, the hand-off is
 * recorded for the coordinator to place.
 */
export async function addFollowUp(database: Database, actor: Actor, meta: RequestMeta, id: string, input: { kind: 'meeting_agenda' | 'strategy_action'; targetId: string; note: string }) {
  return runCommand({ database, actor, meta }, async (tx) => {
    const c = await repo.findCandidate(tx, id);
    if (!c) throw Errors.notFound('Question');
    authorizeAction(can, actor, 'mapping.candidate.followUp', {});
    if (c.status !== 'labelled') throw Errors.conflict('Answer the question (label it) before handing it on', 'label');
    const collaborativeId = input.kind === 'meeting_agenda' ? ((await collaborativeExists(tx, input.targetId)) ? input.targetId : undefined) : await planCollaborativeId(tx, input.targetId);
    if (!collaborativeId) throw Errors.validation([{ field: 'targetId', message: input.kind === 'meeting_agenda' ? 'No such collaborative' : 'No such strategy plan' }]);
    if (collaborativeAccess(actor, collaborativeId) !== 'manage') throw Errors.forbidden(input.kind === 'meeting_agenda' ? 'collaborative.agenda.update' : 'strategy.plan.update');
    const domain = (await needDomains(tx)).find((d) => d.code === c.domain)?.name ?? c.domain;
    const what = `${c.kind === 'gap' ? 'Is this a gap?' : 'Do these services overlap?'} ${domain}${c.placeName ? `, ${c.placeName}` : ''} (answered: ${LABEL_WORDS[c.label ?? ''] ?? c.label})`;
    const created =
      input.kind === 'meeting_agenda'
        ? await appendToNextAgenda(tx, collaborativeId, `Service map: ${what}`)
        : { elementId: await addDraftAction(tx, { planId: input.targetId, title: `Service map: ${what}`.slice(0, 500), description: [`From the service map's review queue (/mapping/review): ${what}.`, `Rationale: ${c.rationale ?? ''}`, input.note ? `Note: ${input.note}` : ''].filter(Boolean).join('\n\n').slice(0, 4000), sourceLabel: 'Service map review queue (/mapping/review)' }) };
    const followUp = { kind: input.kind, targetId: input.targetId, note: input.note, at: new Date().toISOString(), label: c.label, rationale: c.rationale, evidence: c.evidence, created };
    await repo.appendFollowUp(tx, id, followUp);
    const after = (await repo.findCandidate(tx, id))!;
    const names = await repo.organizationNames(tx, after.organizationIds);
    return {
      result: presentCandidate(after, names, actor),
      audit: { action: 'mapping.candidate.follow_up', entityType: 'mapping_candidate', entityId: id, details: { kind: input.kind, targetId: input.targetId, created } },
    };
  });
}
