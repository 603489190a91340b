/** Gaps and overlaps as questions: candidates, the review queue, labels and hand-offs. */
import type { Database } from '../../core/db/database';
import type { Actor, RequestMeta } from '../../core/accounts/actor';
import { actorUserId } from '../../core/accounts/actor';
import { authorizeAction } from '../../core/policy';
import { runCommand } from '../../core/command';
import { Errors } from '../../core/http/errors';
import { similarServicePairs } from '../directory/directory.api';
import { collaborativeExists } from '../collaboratives/collaboratives.api';
import { strategyPlanExists } from '../strategy/strategy.api';
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

/**
 * Hands an answered question on: to a collaborative's meeting agenda or a strategy plan's
 * actions, with the evidence copied in. It is recorded on the question for the collaborative
 * or plan to pick up; the agenda item or action itself is written in that module's pages.
 */
export async function addFollowUp(database: Database, actor: Actor, meta: RequestMeta, id: string, input: { kind: 'meeting_agenda' | 'strategy_action'; targetId: string; note: string }) {
  return runCommand({ database, actor, meta }, async (tx) => {
    const c = await repo.findCandidate(tx, id);
    if (!c) throw Errors.notFound('Question');
    authorizeAction(can, actor, 'mapping.candidate.followUp', {});
    if (c.status !== 'labelled') throw Errors.conflict('Answer the question (label it) before handing it on', 'label');
    const exists = input.kind === 'meeting_agenda' ? await collaborativeExists(tx, input.targetId) : await strategyPlanExists(tx, input.targetId);
    if (!exists) throw Errors.validation([{ field: 'targetId', message: input.kind === 'meeting_agenda' ? 'No such collaborative' : 'No such strategy plan' }]);
    const followUp = { kind: input.kind, targetId: input.targetId, note: input.note, at: new Date().toISOString(), label: c.label, rationale: c.rationale, evidence: c.evidence };
    await repo.appendFollowUp(tx, id, followUp);
    const after = (await repo.findCandidate(tx, id))!;
    const names = await repo.organizationNames(tx, after.organizationIds);
    return {
      result: presentCandidate(after, names, actor),
      audit: { action: 'mapping.candidate.follow_up', entityType: 'mapping_candidate', entityId: id, details: { kind: input.kind, targetId: input.targetId } },
    };
  });
}
