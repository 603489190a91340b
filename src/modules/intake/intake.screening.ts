import type { z } from 'zod';
import type { Database, Db } from '../../core/db/database';
import { sqlState } from '../../core/db/driver-error';
import type { Actor, RequestMeta } from '../../core/accounts/actor';
import { actorUserId } from '../../core/accounts/actor';
import { Errors } from '../../core/http/errors';
import { servicesByIds, suggestServices } from '../directory/directory.api';
import { actingOrganization, auditClient, clientAudit } from './intake.access';
import { loadVisibleClient } from './intake.clients';
import { encryptJson } from './intake.crypto';
import { ageOn } from './intake.referrals';
import type { AssessmentBody, CreateInstrumentBody, InstrumentDefinition, UpdateInstrumentBody } from './intake.schema';
import { runCommand } from '../../core/command';
import { authorizeAction } from '../../core/policy';
import { can } from './intake.policy';
import * as repo from './repository/screening';

type Row = Record<string, unknown>;
type InstrumentStatus = 'draft' | 'published' | 'retired';
const iso = (v: unknown) => (v == null ? null : new Date(v as string).toISOString());

function presentInstrument(r: Row) {
  return {
    id: r.id as string, code: r.code as string, instrumentVersion: r.instrument_version as number, name: r.name as string, status: r.status as InstrumentStatus,
    definition: r.definition as Record<string, unknown>, publishedAt: iso(r.published_at), version: r.version as number,
  };
}

export async function listInstruments(database: Database) {
  const rows = await repo.instrumentRows(database.db);
  return { items: rows.map(presentInstrument) };
}

export async function getInstrument(db: Db, id: string) {
  const r = await repo.instrumentRow(db, id);
  if (!r) throw Errors.notFound('Instrument');
  return presentInstrument(r);
}

export async function createInstrument(database: Database, actor: Actor, meta: RequestMeta, input: z.infer<typeof CreateInstrumentBody>, opts: { publish?: boolean } = {}) {
  authorizeAction(can, actor, 'intake.instrument.create', {});
  return runCommand({ database, actor, meta }, async (tx) => {
    if (!opts.publish) await refuseSecondDraft(tx, input.code);
    const r = await repo.insertInstrument(tx, { code: input.code, name: input.name, definition: input.definition, publish: !!opts.publish }).catch(draftRace);
    return { result: presentInstrument(r), audit: { action: 'intake.instrument.create', entityType: 'intake_instrument', entityId: r.id as string, details: { code: input.code, instrumentVersion: r.instrument_version } } };
  });
}

/** Drafts change; a published version never does (409), here and by trigger. */
export async function updateInstrument(database: Database, actor: Actor, meta: RequestMeta, id: string, input: z.infer<typeof UpdateInstrumentBody>) {
  authorizeAction(can, actor, 'intake.instrument.update', {});
  return runCommand({ database, actor, meta }, async (tx) => {
    const before = await getInstrument(tx, id);
    if (before.status !== 'draft') throw Errors.conflict('A published instrument version never changes. Create a new version instead.', 'definition');
    const r = await repo.updateInstrumentRow(tx, id, input.version, input);
    if (!r) throw Errors.staleVersion(before);
    return { result: presentInstrument(r), audit: { action: 'intake.instrument.update', entityType: 'intake_instrument', entityId: id, details: {} } };
  });
}

export async function publishInstrument(database: Database, actor: Actor, meta: RequestMeta, id: string) {
  authorizeAction(can, actor, 'intake.instrument.publish', {});
  return runCommand({ database, actor, meta }, async (tx) => {
    const r = await repo.setInstrumentStatus(tx, id, 'published');
    if (!r) {
      const before = await getInstrument(tx, id);
      throw Errors.conflict(before.status === 'retired' ? 'A retired version is not published again. Make a new version from it instead.' : 'Already published', 'status');
    }
    return { result: presentInstrument(r), audit: { action: 'intake.instrument.publish', entityType: 'intake_instrument', entityId: id, details: {} } };
  });
}

/** A second draft made at the same moment trips the unique index: say so on `code`, like the check before it. */
function draftRace(e: unknown): never {
  if (sqlState(e) === '23505') throw Errors.conflict('Someone else made a draft of this instrument at the same moment. Reload to see it.', 'code');
  throw e;
}

/** One draft per code at a time, so two people never edit rival next versions (the index in 0006 backs this up). */
async function refuseSecondDraft(tx: Db, code: string) {
  const draft = await repo.draftVersionOf(tx, code);
  if (draft !== undefined) throw Errors.conflict(`Version ${draft} of "${code}" is already a draft. Edit, publish or delete it first.`, 'code');
}

/** A draft copy of any version (same code, next version number) to edit and publish. */
export async function newInstrumentVersion(database: Database, actor: Actor, meta: RequestMeta, id: string) {
  authorizeAction(can, actor, 'intake.instrument.create', {});
  return runCommand({ database, actor, meta }, async (tx) => {
    const from = await getInstrument(tx, id);
    await refuseSecondDraft(tx, from.code);
    const r = await repo.copyInstrumentAsDraft(tx, id, from.code).catch(draftRace);
    return { result: presentInstrument(r), audit: { action: 'intake.instrument.create', entityType: 'intake_instrument', entityId: r.id as string, details: { code: from.code, instrumentVersion: r.instrument_version, copiedFrom: id } } };
  });
}

/** A retired version takes no new assessments; the assessments made with it keep it. */
export async function retireInstrument(database: Database, actor: Actor, meta: RequestMeta, id: string) {
  authorizeAction(can, actor, 'intake.instrument.retire', {});
  return runCommand({ database, actor, meta }, async (tx) => {
    const r = await repo.setInstrumentStatus(tx, id, 'retired');
    if (!r) {
      const before = await getInstrument(tx, id);
      throw Errors.conflict(before.status === 'draft' ? 'A draft cannot be retired; delete it instead.' : 'Already retired', 'status');
    }
    return { result: presentInstrument(r), audit: { action: 'intake.instrument.retire', entityType: 'intake_instrument', entityId: id, details: { code: r.code, instrumentVersion: r.instrument_version } } };
  });
}

/** Only drafts can be deleted: published and retired versions are the record of past screenings. */
export async function deleteInstrument(database: Database, actor: Actor, meta: RequestMeta, id: string) {
  authorizeAction(can, actor, 'intake.instrument.delete', {});
  await runCommand({ database, actor, meta }, async (tx) => {
    const r = await repo.deleteDraftInstrument(tx, id);
    if (!r) {
      await getInstrument(tx, id);
      throw Errors.conflict('Only a draft can be deleted. Retire a published version instead.', 'status');
    }
    return { result: undefined, audit: { action: 'intake.instrument.delete', entityType: 'intake_instrument', entityId: id, details: { code: r.code, instrumentVersion: r.instrument_version } } };
  });
}

/** Rules turn answers into needs: a low acuity in a domain, or a "yes" to a question. */
export function scoreAnswers(def: InstrumentDefinition, answers: Record<string, { acuity: number; yes: string[] }>) {
  const acuity: Record<string, number> = {};
  const needs: { domain: string; needCode: string; urgency: string }[] = [];
  const rank = { urgent: 3, soon: 2, routine: 1 } as Record<string, number>;
  for (const d of def.domains) {
    const a = answers[d.code];
    if (!a) continue;
    acuity[d.code] = a.acuity;
    let best: { needCode: string; urgency: string } | undefined;
    for (const rule of d.rules) {
      const hit = (rule.when.acuityAtMost !== undefined && a.acuity <= rule.when.acuityAtMost) || (rule.when.question !== undefined && a.yes.includes(rule.when.question));
      if (hit && (!best || rank[rule.urgency] > rank[best.urgency])) best = { needCode: rule.needCode, urgency: rule.urgency };
    }
    if (best) needs.push({ domain: d.code, ...best });
  }
  return { acuity, needs };
}

function presentAssessment(r: Row) {
  return {
    id: r.id as string, instrumentId: r.instrument_id as string, instrumentVersion: r.instrument_version as number, assessedAt: iso(r.assessed_at)!,
    acuity: r.acuity as Record<string, number>,
    needs: (r.needs as { domain: string; needCode: string; urgency: string }[]).map((n) => ({ domain: n.domain, needCode: n.needCode, urgency: n.urgency })),
  };
}

export async function createAssessment(database: Database, actor: Actor, meta: RequestMeta, clientId: string, input: z.infer<typeof AssessmentBody>) {
  const org = actingOrganization(actor);
  authorizeAction(can, actor, 'intake.assessment.create', { organizationId: org });
  return runCommand({ database, actor, meta }, async (tx) => {
    const client = await loadVisibleClient(tx, actor, clientId);
    authorizeAction(can, actor, 'intake.assessment.create', { organizationId: org, visibleCategories: client.visibleCategories });
    const inst = await getInstrument(tx, input.instrumentId).catch(() => {
      throw Errors.validation([{ field: 'instrumentId', message: 'No such instrument' }]);
    });
    if (inst.status !== 'published') throw Errors.validation([{ field: 'instrumentId', message: 'Use a published instrument' }]);
    const def = inst.definition as unknown as InstrumentDefinition;
    const unknown = Object.keys(input.answers).filter((k) => !def.domains.some((d) => d.code === k));
    if (unknown.length) throw Errors.validation(unknown.map((k) => ({ field: `answers.${k}`, message: 'Not a domain of this instrument' })));
    const scored = scoreAnswers(def, input.answers as Record<string, { acuity: number; yes: string[] }>);
    const acuity = scored.acuity;
    // Whether the directory has any service for each need: the feed counts the rest as unmet.
    const needs = [];
    for (const n of scored.needs) {
      const found = await suggestServices(tx, { needCode: n.needCode, language: client.preferredLanguage, municipalityId: client.municipalityId, age: ageOn(client.birthDate), limit: 1 });
      needs.push({ ...n, matched: found.length > 0 });
    }
    const r = await repo.insertAssessment(tx, { clientId, instrumentId: inst.id, instrumentVersion: inst.instrumentVersion, organizationId: org, answersEnc: encryptJson(input.answers)!, acuity, needs, municipalityId: client.municipalityId, userId: actorUserId(actor) });
    return { result: presentAssessment(r), audit: clientAudit('intake.assessment.create', clientId, org, 'service_delivery', { assessmentId: r.id, needs: needs.length }) };
  });
}

export async function listAssessments(database: Database, actor: Actor, meta: RequestMeta, clientId: string) {
  return database.db.transaction(async (tx) => {
    const client = await loadVisibleClient(tx, actor, clientId);
    if (!client.visibleCategories.includes('assessment')) return { items: [] };
    const rows = await repo.assessmentRows(tx, clientId);
    await auditClient(tx, actor, meta, 'intake.assessment.list', clientId, actingOrganization(actor), 'service_delivery');
    return { items: rows.map(presentAssessment) };
  });
}

/** Needs of the latest assessment → directory services with reasons, and the support bundles that fit. */
export async function matchServices(database: Database, actor: Actor, meta: RequestMeta, clientId: string) {
  return database.db.transaction(async (tx) => {
    const client = await loadVisibleClient(tx, actor, clientId);
    // Needs and acuity are assessment data: without assessment consent there is nothing to match.
    const latest = await repo.latestAssessment(tx, actor, clientId);
    const needs = ((latest?.needs as { needCode: string; urgency: string }[]) ?? []);
    const items = [];
    for (const n of needs) {
      const services = await suggestServices(tx, { needCode: n.needCode, language: client.preferredLanguage, municipalityId: client.municipalityId, age: ageOn(client.birthDate) });
      const names = services.length
        ? await repo.organizationNames(tx, services.map((s) => s.organizationId))
        : [];
      items.push({ needCode: n.needCode, urgency: n.urgency, services: services.map((s) => ({ ...s, organizationName: (names.find((o) => o.id === s.organizationId)?.legal_name as string) ?? '' })) });
    }
    const minAcuity = latest ? Math.min(...Object.values(latest.acuity as Record<string, number>)) : 5;
    const codes = needs.map((n) => n.needCode);
    const bundles = codes.length
      ? await repo.fittingBundles(tx, codes, minAcuity)
      : [];
    // A bundle's services, each with the same age-eligibility rule a referral checks.
    const bundleServices = new Map((await servicesByIds(tx, [...new Set(bundles.flatMap((b) => b.service_ids as string[]))], ageOn(client.birthDate))).map((s) => [s.serviceId, s]));
    await auditClient(tx, actor, meta, 'intake.client.match', clientId, actingOrganization(actor), 'service_delivery', { needs: codes });
    return { items, bundles: bundles.map((b) => ({
      id: b.id as string, name: b.name as string, serviceIds: b.service_ids as string[],
      description: (b.description as string) ?? '', needCodes: b.need_codes as string[], maxAcuity: b.max_acuity as number, clientAcuity: minAcuity,
      services: (b.service_ids as string[]).flatMap((id) => {
        const s = bundleServices.get(id);
        return s && s.active ? [{ serviceId: s.serviceId, name: s.name, nameFr: s.nameFr, organizationId: s.organizationId, organizationName: s.organizationName, eligible: s.eligible, eligibilityRule: s.rule, minimumAge: s.minimumAge, maximumAge: s.maximumAge }] : [];
      }),
    })) };
  });
}
