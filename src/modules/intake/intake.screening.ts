import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Database, Db } from '../../core/db/database';
import { rowsOf } from '../../core/db/database';
import type { Actor, RequestMeta } from '../../core/accounts/actor';
import { actorUserId } from '../../core/accounts/actor';
import { recordAudit } from '../../core/audit/audit.service';
import { Errors } from '../../core/http/errors';
import { servicesByIds, suggestServices } from '../directory/directory.api';
import { actingOrganization, auditClient, covers } from './intake.access';
import { loadVisibleClient } from './intake.clients';
import { encryptJson } from './intake.crypto';
import { ageOn } from './intake.referrals';
import type { AssessmentBody, CreateInstrumentBody, InstrumentDefinition, UpdateInstrumentBody } from './intake.schema';
import { authorizeAction } from '../../core/policy';
import { can } from './intake.policy';
import { arrayParam } from '../../core/db/params';

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
  const rows = await rowsOf<Row>(database.db, sql`SELECT * FROM intake_instruments ORDER BY code, instrument_version DESC`);
  return { items: rows.map(presentInstrument) };
}

export async function getInstrument(db: Db, id: string) {
  const [r] = await rowsOf<Row>(db, sql`SELECT * FROM intake_instruments WHERE id = ${id}::uuid`);
  if (!r) throw Errors.notFound('Instrument');
  return presentInstrument(r);
}

export async function createInstrument(database: Database, actor: Actor, meta: RequestMeta, input: z.infer<typeof CreateInstrumentBody>, opts: { publish?: boolean } = {}) {
  authorizeAction(can, actor, 'intake.instrument.create', {});
  return database.db.transaction(async (tx) => {
    if (!opts.publish) await refuseSecondDraft(tx, input.code);
    const [r] = await rowsOf<Row>(tx, sql`INSERT INTO intake_instruments (code, instrument_version, name, definition, status, published_at)
      VALUES (${input.code}, (SELECT coalesce(max(instrument_version), 0) + 1 FROM intake_instruments WHERE code = ${input.code}), ${input.name}, ${JSON.stringify(input.definition)}::jsonb,
        ${opts.publish ? 'published' : 'draft'}, ${opts.publish ? sql`now()` : sql`NULL`}) RETURNING *`).catch(draftRace);
    await recordAudit(tx, actor, meta, { action: 'intake.instrument.create', entityType: 'intake_instrument', entityId: r.id as string, details: { code: input.code, instrumentVersion: r.instrument_version } });
    return presentInstrument(r);
  });
}

/** Drafts change; a published version never does (409), here and by trigger. */
export async function updateInstrument(database: Database, actor: Actor, meta: RequestMeta, id: string, input: z.infer<typeof UpdateInstrumentBody>) {
  authorizeAction(can, actor, 'intake.instrument.update', {});
  return database.db.transaction(async (tx) => {
    const before = await getInstrument(tx, id);
    if (before.status !== 'draft') throw Errors.conflict('A published instrument version never changes. Create a new version instead.', 'definition');
    const [r] = await rowsOf<Row>(tx, sql`UPDATE intake_instruments SET name = coalesce(${input.name ?? null}, name),
      definition = coalesce(${input.definition ? JSON.stringify(input.definition) : null}::jsonb, definition), version = version + 1
      WHERE id = ${id}::uuid AND version = ${input.version} RETURNING *`);
    if (!r) throw Errors.staleVersion(before);
    await recordAudit(tx, actor, meta, { action: 'intake.instrument.update', entityType: 'intake_instrument', entityId: id, details: {} });
    return presentInstrument(r);
  });
}

export async function publishInstrument(database: Database, actor: Actor, meta: RequestMeta, id: string) {
  authorizeAction(can, actor, 'intake.instrument.publish', {});
  return database.db.transaction(async (tx) => {
    const [r] = await rowsOf<Row>(tx, sql`UPDATE intake_instruments SET status = 'published', published_at = now(), version = version + 1 WHERE id = ${id}::uuid AND status = 'draft' RETURNING *`);
    if (!r) {
      const before = await getInstrument(tx, id);
      throw Errors.conflict(before.status === 'retired' ? 'A retired version is not published again. Make a new version from it instead.' : 'Already published', 'status');
    }
    await recordAudit(tx, actor, meta, { action: 'intake.instrument.publish', entityType: 'intake_instrument', entityId: id, details: {} });
    return presentInstrument(r);
  });
}

/** A second draft made at the same moment trips the unique index: say so on `code`, like the check before it. */
function draftRace(e: unknown): never {
  const pg = e as { code?: string; cause?: { code?: string } };
  if (pg.code === '23505' || pg.cause?.code === '23505') throw Errors.conflict('Someone else made a draft of this instrument at the same moment. Reload to see it.', 'code');
  throw e;
}

/** One draft per code at a time, so two people never edit rival next versions (the index in 0006 backs this up). */
async function refuseSecondDraft(tx: Db, code: string) {
  const [draft] = await rowsOf<Row>(tx, sql`SELECT instrument_version FROM intake_instruments WHERE code = ${code} AND status = 'draft'`);
  if (draft) throw Errors.conflict(`Version ${draft.instrument_version as number} of "${code}" is already a draft. Edit, publish or delete it first.`, 'code');
}

/** A draft copy of any version (same code, next version number) to edit and publish. */
export async function newInstrumentVersion(database: Database, actor: Actor, meta: RequestMeta, id: string) {
  authorizeAction(can, actor, 'intake.instrument.create', {});
  return database.db.transaction(async (tx) => {
    const from = await getInstrument(tx, id);
    await refuseSecondDraft(tx, from.code);
    const [r] = await rowsOf<Row>(tx, sql`INSERT INTO intake_instruments (code, instrument_version, name, definition, status)
      SELECT code, (SELECT max(instrument_version) + 1 FROM intake_instruments WHERE code = ${from.code}), name, definition, 'draft'
      FROM intake_instruments WHERE id = ${id}::uuid RETURNING *`).catch(draftRace);
    await recordAudit(tx, actor, meta, { action: 'intake.instrument.create', entityType: 'intake_instrument', entityId: r.id as string, details: { code: from.code, instrumentVersion: r.instrument_version, copiedFrom: id } });
    return presentInstrument(r);
  });
}

/** A retired version takes no new assessments; the assessments made with it keep it. */
export async function retireInstrument(database: Database, actor: Actor, meta: RequestMeta, id: string) {
  authorizeAction(can, actor, 'intake.instrument.retire', {});
  return database.db.transaction(async (tx) => {
    const [r] = await rowsOf<Row>(tx, sql`UPDATE intake_instruments SET status = 'retired', version = version + 1 WHERE id = ${id}::uuid AND status = 'published' RETURNING *`);
    if (!r) {
      const before = await getInstrument(tx, id);
      throw Errors.conflict(before.status === 'draft' ? 'A draft cannot be retired; delete it instead.' : 'Already retired', 'status');
    }
    await recordAudit(tx, actor, meta, { action: 'intake.instrument.retire', entityType: 'intake_instrument', entityId: id, details: { code: r.code, instrumentVersion: r.instrument_version } });
    return presentInstrument(r);
  });
}

/** Only drafts can be deleted: published and retired versions are the record of past screenings. */
export async function deleteInstrument(database: Database, actor: Actor, meta: RequestMeta, id: string) {
  authorizeAction(can, actor, 'intake.instrument.delete', {});
  await database.db.transaction(async (tx) => {
    const [r] = await rowsOf<Row>(tx, sql`DELETE FROM intake_instruments WHERE id = ${id}::uuid AND status = 'draft' RETURNING code, instrument_version`);
    if (!r) {
      await getInstrument(tx, id);
      throw Errors.conflict('Only a draft can be deleted. Retire a published version instead.', 'status');
    }
    await recordAudit(tx, actor, meta, { action: 'intake.instrument.delete', entityType: 'intake_instrument', entityId: id, details: { code: r.code, instrumentVersion: r.instrument_version } });
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
  return database.db.transaction(async (tx) => {
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
    const [r] = await rowsOf<Row>(tx, sql`INSERT INTO intake_assessments (client_id, instrument_id, organization_id, answers_enc, acuity, needs, municipality_id, assessed_by)
      VALUES (${clientId}::uuid, ${inst.id}::uuid, ${org}::uuid, ${encryptJson(input.answers)!}, ${JSON.stringify(acuity)}::jsonb, ${JSON.stringify(needs)}::jsonb, ${client.municipalityId}::uuid, ${actorUserId(actor)}::uuid)
      RETURNING *, ${inst.instrumentVersion}::int AS instrument_version`);
    await auditClient(tx, actor, meta, 'intake.assessment.create', clientId, org, 'service_delivery', { assessmentId: r.id, needs: needs.length });
    return presentAssessment(r);
  });
}

export async function listAssessments(database: Database, actor: Actor, meta: RequestMeta, clientId: string) {
  return database.db.transaction(async (tx) => {
    const client = await loadVisibleClient(tx, actor, clientId);
    if (!client.visibleCategories.includes('assessment')) return { items: [] };
    const rows = await rowsOf<Row>(tx, sql`SELECT a.*, i.instrument_version FROM intake_assessments a JOIN intake_instruments i ON i.id = a.instrument_id
      WHERE a.client_id = ${clientId}::uuid ORDER BY a.assessed_at`);
    await auditClient(tx, actor, meta, 'intake.assessment.list', clientId, actingOrganization(actor), 'service_delivery');
    return { items: rows.map(presentAssessment) };
  });
}

/** Needs of the latest assessment → directory services with reasons, and the support bundles that fit. */
export async function matchServices(database: Database, actor: Actor, meta: RequestMeta, clientId: string) {
  return database.db.transaction(async (tx) => {
    const client = await loadVisibleClient(tx, actor, clientId);
    // Needs and acuity are assessment data: without assessment consent there is nothing to match.
    const [latest] = await rowsOf<Row>(tx, sql`SELECT a.needs, a.acuity FROM intake_assessments a WHERE a.client_id = ${clientId}::uuid AND ${covers(actor, sql`a.client_id`, 'assessment')} ORDER BY a.assessed_at DESC LIMIT 1`);
    const needs = ((latest?.needs as { needCode: string; urgency: string }[]) ?? []);
    const items = [];
    for (const n of needs) {
      const services = await suggestServices(tx, { needCode: n.needCode, language: client.preferredLanguage, municipalityId: client.municipalityId, age: ageOn(client.birthDate) });
      const names = services.length
        ? await rowsOf<Row>(tx, sql`SELECT id, legal_name FROM organizations WHERE id::text = ANY (${arrayParam(services.map((s) => s.organizationId), 'text')})`)
        : [];
      items.push({ needCode: n.needCode, urgency: n.urgency, services: services.map((s) => ({ ...s, organizationName: (names.find((o) => o.id === s.organizationId)?.legal_name as string) ?? '' })) });
    }
    const minAcuity = latest ? Math.min(...Object.values(latest.acuity as Record<string, number>)) : 5;
    const codes = needs.map((n) => n.needCode);
    const bundles = codes.length
      ? await rowsOf<Row>(tx, sql`SELECT id, name, description, need_codes, max_acuity, service_ids FROM intake_bundles WHERE need_codes <@ ${arrayParam(codes, 'text')} AND max_acuity >= ${minAcuity} ORDER BY name`)
      : [];
    // A bundle's services, each with the same age-eligibility rule a referral checks.
    const bundleServices = new Map((await servicesByIds(tx, [...new Set(bundles.flatMap((b) => b.service_ids as string[]))], ageOn(client.birthDate))).map((s) => [s.serviceId, s]));
    await auditClient(tx, actor, meta, 'intake.client.match', clientId, actingOrganization(actor), 'service_delivery', { needs: codes });
    return { items, bundles: bundles.map((b) => ({
      id: b.id as string, name: b.name as string, serviceIds: b.service_ids as string[],
      description: (b.description as string) ?? '', needCodes: b.need_codes as string[], maxAcuity: b.max_acuity as number, clientAcuity: minAcuity,
      services: (b.service_ids as string[]).flatMap((id) => {
        const s = bundleServices.get(id);
        return s && s.active ? [{ serviceId: s.serviceId, name: s.name, organizationId: s.organizationId, organizationName: s.organizationName, eligible: s.eligible, eligibilityRule: s.rule }] : [];
      }),
    })) };
  });
}
