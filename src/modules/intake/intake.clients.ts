import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Database, Db } from '../../core/db/database';
import { rowsOf } from '../../core/db/database';
import type { Actor, RequestMeta } from '../../core/accounts/actor';
import { actorUserId } from '../../core/accounts/actor';
import { Errors, AppError } from '../../core/http/errors';
import { organizationExists } from '../../core/organizations/organizations.service';
import { geographyExists } from '../../core/geography/geography.service';
import { collaborativeExists } from '../collaboratives/collaboratives.api';
import { listAuditEvents } from '../../core/audit/audit.service';
import { systemActor } from '../../core/accounts/actor';
import { actingOrganization, auditClient, auditClientsShown, collaborativeIdsOf, coveredCategories, covers, disclosing, transactionAuditingErrors, uuidArray, workerOrganizations, worksForHome, type DataCategory, type Purpose } from './intake.access';
import { decrypt, decryptJson, dobIndex, encrypt, encryptJson, nameIndex, searchTokens } from './intake.crypto';
import type { CloseClientBody, ConsentInput, CreateClientInput, UpdateClientBody } from './intake.schema';
import { answerSelfReferral } from './intake.self-referrals';
import { authorizeAction } from '../../core/policy';
import { can } from './intake.policy';
import { arrayParam } from '../../core/db/params';

type Row = Record<string, unknown>;
const iso = (v: unknown) => (v == null ? null : new Date(v as string).toISOString());

/** Category flags computed in SQL; personal columns come back NULL where consent does not cover them. */
function clientSelect(actor: Actor) {
  const cov = (k: DataCategory) => sql`${k} = ANY (cv.cats)`;
  return sql`SELECT c.id, c.home_organization_id, c.preferred_language, c.municipality_id, c.settlement_stage, c.is_fictional,
      c.status, c.closed_at, c.closed_reason, c.merged_into, c.version, c.created_at,
      CASE WHEN ${cov('identity')} THEN c.name_enc END AS name_enc,
      CASE WHEN ${cov('identity')} THEN c.preferred_name_enc END AS preferred_name_enc,
      CASE WHEN ${cov('identity')} THEN c.birth_date_enc END AS birth_date_enc,
      CASE WHEN ${cov('identity')} THEN c.identifiers_enc END AS identifiers_enc,
      CASE WHEN ${cov('contact')} THEN c.contact_enc END AS contact_enc,
      CASE WHEN ${cov('demographics')} THEN c.household_enc END AS household_enc,
      CASE WHEN ${cov('demographics')} THEN c.immigration_category_enc END AS immigration_category_enc,
      cv.cats AS categories,
      ${actor.kind === 'user' ? sql`EXISTS (SELECT 1 FROM intake_emergency_access e WHERE e.client_id = c.id AND e.user_id = ${actor.userId}::uuid AND e.expires_at > now())` : sql`false`} AS emergency
    FROM intake_clients c CROSS JOIN LATERAL (SELECT ${coveredCategories(actor, sql.raw('c.id'))} AS cats) cv`;
}

export function presentClient(r: Row) {
  const contact = decryptJson<{ phone?: string; email?: string }>(r.contact_enc as string);
  return {
    id: r.id as string,
    homeOrganizationId: r.home_organization_id as string,
    name: decrypt(r.name_enc as string),
    preferredName: decrypt(r.preferred_name_enc as string),
    birthDate: decrypt(r.birth_date_enc as string),
    preferredLanguage: (r.preferred_language as string) ?? null,
    phone: contact?.phone ?? null,
    email: contact?.email ?? null,
    identifiers: decryptJson<{ type: string; value: string }[]>(r.identifiers_enc as string),
    household: decryptJson<{ name: string; relationship?: string; birthDate?: string }[]>(r.household_enc as string),
    settlementStage: (r.settlement_stage as string) ?? null,
    immigrationCategory: decrypt(r.immigration_category_enc as string),
    municipalityId: (r.municipality_id as string) ?? null,
    isFictional: r.is_fictional as boolean,
    status: r.status as string,
    closedAt: iso(r.closed_at),
    closedReason: (r.closed_reason as string) ?? null,
    mergedInto: (r.merged_into as string) ?? null,
    visibleCategories: ((r.categories as (string | null)[]) ?? []).filter((x): x is string => !!x),
    emergencyAccess: !!r.emergency,
    version: r.version as number,
    createdAt: iso(r.created_at)!,
  };
}
export type ClientView = ReturnType<typeof presentClient>;

/** Loads one client as the actor may see it; 404 unless some consent (or emergency grant) covers identity. */
export async function loadVisibleClient(tx: Db, actor: Actor, id: string): Promise<ClientView> {
  const [row] = await rowsOf<Row>(tx, sql`${clientSelect(actor)} WHERE c.id = ${id}::uuid AND ${covers(actor, sql`c.id`, 'identity')}`);
  if (!row) throw Errors.notFound('Client');
  return presentClient(row);
}

async function checkRefs(tx: Db, input: { municipalityId?: string | null }) {
  if (input.municipalityId && !(await geographyExists(tx, input.municipalityId))) throw Errors.validation([{ field: 'municipalityId', message: 'No such place' }]);
}

export function validateConsentDates(c: { startsAt?: string; expiresAt?: string }, prefix = '') {
  const starts = c.startsAt ? new Date(c.startsAt) : new Date();
  if (c.expiresAt && new Date(c.expiresAt) <= starts) throw Errors.validation([{ field: `${prefix}expiresAt`, message: 'Consent must expire after it starts' }]);
  return starts;
}

export async function insertConsent(tx: Db, actor: Actor, clientId: string, c: ConsentInput, prefix = '') {
  validateConsentDates(c, prefix);
  if (c.method === 'verbal_witnessed' && !c.witnessName?.trim()) throw Errors.validation([{ field: `${prefix}witnessName`, message: 'Verbal consent needs a witness' }]);
  if (c.organizationIds.length === 0 && !c.collaborativeId && !c.externalPartner) {
    throw Errors.validation([{ field: `${prefix}organizationIds`, message: 'Name at least one organization, a collaborative or an outside partner' }]);
  }
  if (c.collaborativeId && !(await collaborativeExists(tx, c.collaborativeId))) throw Errors.validation([{ field: `${prefix}collaborativeId`, message: 'No such collaborative' }]);
  for (const [i, org] of c.organizationIds.entries()) {
    if (!(await organizationExists(tx, org))) throw Errors.validation([{ field: `${prefix}organizationIds.${i}`, message: 'No such organization' }]);
  }
  const [row] = await rowsOf<Row>(tx, sql`INSERT INTO intake_consents (client_id, purpose, data_categories, organization_ids, collaborative_id, external_partner, method, witness_name, document_reference, starts_at, expires_at, recorded_by)
    VALUES (${clientId}::uuid, ${c.purpose}, ${arrayParam(c.dataCategories, 'text')}, ${uuidArray(c.organizationIds)}, ${c.collaborativeId ?? null}::uuid, ${c.externalPartner ?? null},
      ${c.method}, ${c.witnessName ?? null}, ${c.documentReference ?? null}, coalesce(${c.startsAt ?? null}::timestamptz, now()), ${c.expiresAt ?? null}::timestamptz, ${actorUserId(actor)}::uuid)
    RETURNING *`);
  return row;
}

/** `owner` false hides what only the home organization keeps: the witness and where the form is. */
export function presentConsent(r: Row, owner = true) {
  const now = Date.now();
  const active = !r.withdrawn_at && new Date(r.starts_at as string).getTime() <= now && (!r.expires_at || new Date(r.expires_at as string).getTime() > now);
  return {
    id: r.id as string, clientId: r.client_id as string, purpose: r.purpose as string, dataCategories: r.data_categories as string[],
    organizationIds: r.organization_ids as string[], collaborativeId: (r.collaborative_id as string) ?? null, externalPartner: (r.external_partner as string) ?? null,
    method: r.method as string, witnessName: owner ? ((r.witness_name as string) ?? null) : null, documentReference: owner ? ((r.document_reference as string) ?? null) : null,
    startsAt: iso(r.starts_at)!, expiresAt: iso(r.expires_at), withdrawnAt: iso(r.withdrawn_at), active, createdAt: iso(r.created_at)!,
  };
}

/** Possible duplicates: same date of birth and a shared name word or sounds-alike key, among clients the actor may see. */
export async function findDuplicates(tx: Db, actor: Actor, name: string, birthDate?: string, homeOrganizationId?: string) {
  if (!birthDate) return [];
  const tokens = nameIndex(name);
  const rows = await rowsOf<Row>(tx, sql`${clientSelect(actor)} WHERE c.birth_date_index = ${dobIndex(birthDate)} AND c.status <> 'merged'
    AND c.name_index && ${arrayParam(tokens, 'text')} AND ${covers(actor, sql`c.id`, 'identity')}
    ${homeOrganizationId ? sql`AND c.home_organization_id = ${homeOrganizationId}::uuid` : sql``}
    ORDER BY cardinality(ARRAY(SELECT unnest(c.name_index) INTERSECT SELECT unnest(${arrayParam(tokens, 'text')}))) DESC LIMIT 10`);
  return rows.map((r) => {
    const v = presentClient(r);
    const score = Math.round((nameIndex(v.name ?? '').filter((t) => tokens.includes(t)).length / Math.max(tokens.length, 1)) * 100) / 100;
    return { id: v.id, name: v.name, birthDate: v.birthDate, score };
  });
}

/** Possible duplicates of an existing record (same rule as at intake) among the records of its home organization, for a human to merge. */
export async function clientDuplicates(database: Database, actor: Actor, meta: RequestMeta, id: string) {
  return database.db.transaction(async (tx) => {
    const c = await loadVisibleClient(tx, actor, id);
    const found = (await findDuplicates(tx, actor, c.name ?? '', c.birthDate ?? undefined, c.homeOrganizationId)).filter((d) => d.id !== id);
    await auditClientsShown(tx, actor, meta, 'intake.client.duplicates', [id, ...found.map((d) => d.id)], actingOrganization(actor), 'service_delivery');
    return { candidates: found };
  });
}

export async function createClient(database: Database, actor: Actor, meta: RequestMeta, input: CreateClientInput & { isFictional?: boolean }) {
  const orgId = actingOrganization(actor, input.organizationId) ?? (actor.kind === 'system' ? input.organizationId ?? null : null);
  if (!orgId && input.organizationId) throw Errors.validation([{ field: 'organizationId', message: 'You do not do intake for this organization' }]);
  authorizeAction(can, actor, 'intake.client.create', { organizationId: orgId });
  const homeOrg = orgId as string; // the policy refuses a client without an organization
  return transactionAuditingErrors(database, actor, meta, async (tx) => {
    await checkRefs(tx, input);
    const consent: ConsentInput = {
      purpose: 'intake',
      dataCategories: input.consent.dataCategories ?? ['identity', 'contact', 'demographics', 'assessment', 'referral', 'plan'],
      organizationIds: [...new Set([homeOrg, ...(input.consent.organizationIds ?? [])])],
      collaborativeId: input.consent.collaborativeId,
      externalPartner: input.consent.externalPartner,
      method: input.consent.method,
      witnessName: input.consent.witnessName,
      documentReference: input.consent.documentReference,
      startsAt: input.consent.startsAt,
      expiresAt: input.consent.expiresAt,
    };
    validateConsentDates(consent, 'consent.');
    if (!input.confirmNotDuplicate) {
      const dups = await findDuplicates(tx, actor, input.name, input.birthDate);
      if (dups.length) {
        throw disclosing(new AppError({ status: 409, code: 'intake.possible_duplicate', title: 'This person may already have a record. Review the possible duplicates, or confirm it is someone else.', errors: [{ field: 'confirmNotDuplicate', message: 'Possible duplicate' }], extra: { candidates: dups } }),
          dups.map((d) => d.id), 'intake.client.duplicate_candidates');
      }
    }
    const [row] = await rowsOf<Row>(tx, sql`INSERT INTO intake_clients (home_organization_id, name_enc, preferred_name_enc, birth_date_enc, contact_enc, identifiers_enc, household_enc,
        immigration_category_enc, name_index, birth_date_index, preferred_language, municipality_id, settlement_stage, is_fictional, assigned_user_id, created_by)
      VALUES (${homeOrg}::uuid, ${encrypt(input.name)}, ${encrypt(input.preferredName)}, ${encrypt(input.birthDate)},
        ${encryptJson(input.phone || input.email ? { phone: input.phone, email: input.email } : null)}, ${encryptJson(input.identifiers?.length ? input.identifiers : null)},
        ${encryptJson(input.household?.length ? input.household : null)}, ${encrypt(input.immigrationCategory)},
        ${arrayParam(nameIndex(input.name, input.preferredName), 'text')}, ${dobIndex(input.birthDate)},
        ${input.preferredLanguage ?? null}, ${input.municipalityId ?? null}::uuid, ${input.settlementStage ?? null}, ${input.isFictional ?? false}, ${actorUserId(actor)}::uuid, ${actorUserId(actor)}::uuid)
      RETURNING id`);
    const id = row.id as string;
    if (input.selfReferralId) await answerSelfReferral(tx, actor, input.selfReferralId, homeOrg, id);
    await insertConsent(tx, actor, id, consent, 'consent.');
    await auditClient(tx, actor, meta, 'intake.client.create', id, homeOrg, 'service_delivery', { duplicateOverride: !!input.confirmNotDuplicate });
    return loadVisibleClient(tx, actor, id);
  });
}

export async function getClient(database: Database, actor: Actor, meta: RequestMeta, id: string, purpose: Purpose) {
  return database.db.transaction(async (tx) => {
    const client = await loadVisibleClient(tx, actor, id);
    await auditClient(tx, actor, meta, 'intake.client.read', id, actingOrganization(actor), purpose, { categories: client.visibleCategories, emergency: client.emergencyAccess });
    return client;
  });
}

export async function listClients(database: Database, actor: Actor, meta: RequestMeta, f: { q?: string; birthDate?: string; purpose: Purpose }) {
  if (actor.kind === 'user' && actingOrganization(actor) === null) return { items: [] };
  return database.db.transaction(async (tx) => {
    const where = [sql`${covers(actor, sql`c.id`, 'identity')}`, sql`c.status <> 'merged'`];
    if (f.q) {
      const t = searchTokens(f.q);
      if (t.exact.length) where.push(sql`(c.name_index && ${arrayParam(t.exact, 'text')} OR c.name_index @> ${arrayParam(t.phonetic, 'text')})`);
    }
    if (f.birthDate) where.push(sql`c.birth_date_index = ${dobIndex(f.birthDate)}`);
    const rows = await rowsOf<Row>(tx, sql`${clientSelect(actor)} WHERE ${sql.join(where, sql` AND `)} ORDER BY c.created_at DESC LIMIT 50`);
    const items = rows.map(presentClient);
    // Each record shown is a read: one audit row per client, with the purpose.
    await auditClientsShown(tx, actor, meta, 'intake.client.list', items.map((c) => c.id), actingOrganization(actor), f.purpose);
    return { items };
  });
}

export async function updateClient(database: Database, actor: Actor, meta: RequestMeta, id: string, input: z.infer<typeof UpdateClientBody>) {
  return transactionAuditingErrors(database, actor, meta, async (tx) => {
    const before = await loadVisibleClient(tx, actor, id);
    authorizeAction(can, actor, 'intake.client.update', { visibleCategories: before.visibleCategories });
    if (before.status !== 'active') throw Errors.conflict('This record is closed. Reopen it before editing.', 'status');
    await checkRefs(tx, input);
    const next = { ...before, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) } as ClientView & typeof input;
    const [row] = await rowsOf<Row>(tx, sql`UPDATE intake_clients SET name_enc = ${encrypt(next.name!)}, preferred_name_enc = ${encrypt(next.preferredName)},
        birth_date_enc = ${encrypt(next.birthDate)}, contact_enc = ${encryptJson(next.phone || next.email ? { phone: next.phone, email: next.email } : null)},
        identifiers_enc = ${encryptJson(next.identifiers)}, household_enc = ${encryptJson(next.household)}, immigration_category_enc = ${encrypt(next.immigrationCategory)},
        name_index = ${arrayParam(nameIndex(next.name, next.preferredName), 'text')}, birth_date_index = ${dobIndex(next.birthDate)},
        preferred_language = ${next.preferredLanguage}, municipality_id = ${next.municipalityId}::uuid, settlement_stage = ${next.settlementStage},
        version = version + 1, updated_at = now()
      WHERE id = ${id}::uuid AND version = ${input.version} RETURNING id`);
    if (!row) throw disclosing(Errors.staleVersion(before), [id], 'intake.client.conflict');
    const changed = Object.keys(input).filter((k) => k !== 'version');
    await auditClient(tx, actor, meta, 'intake.client.update', id, actingOrganization(actor), 'service_delivery', { changed });
    return loadVisibleClient(tx, actor, id);
  });
}

/** Closing starts the retention period; the reason is kept for the record (and "other" needs a note). */
export async function closeClient(database: Database, actor: Actor, meta: RequestMeta, id: string, input: z.infer<typeof CloseClientBody>) {
  if (input.reason === 'other' && !input.note) throw Errors.validation([{ field: 'note', message: 'Say why the record is closed' }]);
  return database.db.transaction(async (tx) => {
    const c = await loadVisibleClient(tx, actor, id);
    authorizeAction(can, actor, 'intake.client.close', { organizationId: c.homeOrganizationId });
    const [row] = await rowsOf<Row>(tx, sql`UPDATE intake_clients SET status = 'closed', closed_at = now(), closed_reason = ${input.reason}, closed_note_enc = ${encrypt(input.note)},
        version = version + 1, updated_at = now()
      WHERE id = ${id}::uuid AND status = 'active' RETURNING id`);
    if (!row) throw Errors.conflict('Only an active record can be closed.', 'status');
    await auditClient(tx, actor, meta, 'intake.client.close', id, c.homeOrganizationId, 'service_delivery', { reason: input.reason });
    return loadVisibleClient(tx, actor, id);
  });
}

/** A person comes back: the record is active again and its retention clock stops. */
export async function reopenClient(database: Database, actor: Actor, meta: RequestMeta, id: string) {
  return database.db.transaction(async (tx) => {
    const c = await loadVisibleClient(tx, actor, id);
    authorizeAction(can, actor, 'intake.client.reopen', { organizationId: c.homeOrganizationId });
    const [row] = await rowsOf<Row>(tx, sql`UPDATE intake_clients SET status = 'active', closed_at = NULL, closed_reason = NULL, closed_note_enc = NULL,
        version = version + 1, updated_at = now()
      WHERE id = ${id}::uuid AND status = 'closed' RETURNING id`);
    if (!row) throw Errors.conflict('Only a closed record can be reopened.', 'status');
    await auditClient(tx, actor, meta, 'intake.client.reopen', id, c.homeOrganizationId, 'service_delivery');
    return loadVisibleClient(tx, actor, id);
  });
}

// Consents

export async function listConsents(database: Database, actor: Actor, meta: RequestMeta, clientId: string) {
  return database.db.transaction(async (tx) => {
    const c = await loadVisibleClient(tx, actor, clientId);
    const owner = worksForHome(actor, c.homeOrganizationId);
    // Another organization sees only the directives that name it (or its collaborative): which
    // other agencies serve the client is itself the client's information.
    const mine = owner || actor.kind !== 'user' ? sql`true` : sql`(k.organization_ids && ${uuidArray(workerOrganizations(actor))} OR k.relinquished_organization_ids && ${uuidArray(workerOrganizations(actor))} OR k.collaborative_id = ANY (${uuidArray(collaborativeIdsOf(actor))}))`;
    const rows = await rowsOf<Row>(tx, sql`SELECT * FROM intake_consents k WHERE k.client_id = ${clientId}::uuid AND ${mine} ORDER BY k.created_at DESC`);
    await auditClient(tx, actor, meta, 'intake.consent.list', clientId, actingOrganization(actor), 'service_delivery');
    return { items: rows.map((r) => presentConsent(r, owner)) };
  });
}

/** Only the home organization records the client's directives, for any recipient (PHIPA: the custodian that collected the information). */
export async function addConsent(database: Database, actor: Actor, meta: RequestMeta, clientId: string, input: ConsentInput) {
  return database.db.transaction(async (tx) => {
    const c = await loadVisibleClient(tx, actor, clientId);
    authorizeAction(can, actor, 'intake.consent.create', { organizationId: c.homeOrganizationId });
    const row = await insertConsent(tx, actor, clientId, input);
    await auditClient(tx, actor, meta, 'intake.consent.create', clientId, c.homeOrganizationId, 'service_delivery', { consentId: row.id, purpose: input.purpose, categories: input.dataCategories, organizations: input.organizationIds });
    return presentConsent(row);
  });
}

/** Withdrawal records what the client said: the home organization only. It takes effect at once (every access query checks withdrawn_at). */
export async function withdrawConsent(database: Database, actor: Actor, meta: RequestMeta, clientId: string, consentId: string) {
  return database.db.transaction(async (tx) => {
    const c = await loadVisibleClient(tx, actor, clientId);
    authorizeAction(can, actor, 'intake.consent.withdraw', { organizationId: c.homeOrganizationId });
    const [row] = await rowsOf<Row>(tx, sql`UPDATE intake_consents SET withdrawn_at = now(), withdrawn_by = ${actorUserId(actor)}::uuid
      WHERE id = ${consentId}::uuid AND client_id = ${clientId}::uuid AND withdrawn_at IS NULL RETURNING *`);
    if (!row) throw Errors.notFound('Active consent');
    await auditClient(tx, actor, meta, 'intake.consent.withdraw', clientId, c.homeOrganizationId, 'service_delivery', { consentId });
    return presentConsent(row);
  });
}

/**
 * An organization gives up what a consent gave to it (it no longer serves the client): it leaves
 * the directive's organizations; the rest of the directive stands. A directive left naming
 * nobody is withdrawn.
 */
export async function relinquishConsent(database: Database, actor: Actor, meta: RequestMeta, clientId: string, consentId: string) {
  return database.db.transaction(async (tx) => {
    const c = await loadVisibleClient(tx, actor, clientId);
    // The home organization does not relinquish its own directives: it withdraws them on the client's word.
    authorizeAction(can, actor, 'intake.consent.relinquish', { organizationId: c.homeOrganizationId });
    const orgs = workerOrganizations(actor).filter((o) => o !== c.homeOrganizationId);
    const [row] = await rowsOf<Row>(tx, sql`UPDATE intake_consents SET
        organization_ids = ARRAY(SELECT o FROM unnest(organization_ids) o WHERE NOT o = ANY (${uuidArray(orgs)})),
        relinquished_organization_ids = relinquished_organization_ids || ARRAY(SELECT o FROM unnest(organization_ids) o WHERE o = ANY (${uuidArray(orgs)})),
        relinquished_at = now(),
        withdrawn_at = CASE WHEN organization_ids <@ ${uuidArray(orgs)} AND collaborative_id IS NULL AND external_partner IS NULL THEN now() END,
        withdrawn_by = CASE WHEN organization_ids <@ ${uuidArray(orgs)} AND collaborative_id IS NULL AND external_partner IS NULL THEN ${actorUserId(actor)}::uuid END
      WHERE id = ${consentId}::uuid AND client_id = ${clientId}::uuid AND withdrawn_at IS NULL AND organization_ids && ${uuidArray(orgs)} RETURNING *`);
    if (!row) {
      const [exists] = await rowsOf<Row>(tx, sql`SELECT 1 FROM intake_consents WHERE id = ${consentId}::uuid AND client_id = ${clientId}::uuid AND withdrawn_at IS NULL`);
      if (exists) throw Errors.forbidden('intake.consent.relinquish');
      throw Errors.notFound('Active consent');
    }
    const gaveUp = (row.relinquished_organization_ids as string[]).filter((o) => orgs.includes(o));
    await auditClient(tx, actor, meta, 'intake.consent.relinquish', clientId, c.homeOrganizationId, 'service_delivery', { consentId, organizations: gaveUp });
    return presentConsent(row, worksForHome(actor, c.homeOrganizationId));
  });
}

// Break the glass

export async function breakGlass(database: Database, actor: Actor, meta: RequestMeta, clientId: string, input: { reason: string; minutes: number }) {
  const orgId = actingOrganization(actor);
  authorizeAction(can, actor, 'intake.emergency_access', { organizationId: orgId });
  return database.db.transaction(async (tx) => {
    const [exists] = await rowsOf<Row>(tx, sql`SELECT home_organization_id FROM intake_clients WHERE id = ${clientId}::uuid`);
    if (!exists) throw Errors.notFound('Client');
    const expires = new Date(Date.now() + input.minutes * 60_000).toISOString();
    const [grant] = await rowsOf<Row>(tx, sql`INSERT INTO intake_emergency_access (client_id, user_id, organization_id, reason, expires_at)
      VALUES (${clientId}::uuid, ${actorUserId(actor)}::uuid, ${orgId}::uuid, ${input.reason}, ${expires}::timestamptz) RETURNING id`);
    const label = actor.kind === 'user' ? actor.email : 'system';
    // Alert the privacy officers of the organization that broke the glass and of the client's home organization.
    for (const org of new Set([orgId!, exists.home_organization_id as string])) {
      await rowsOf(tx, sql`INSERT INTO intake_alerts (organization_id, kind, client_id, actor_label, message)
        VALUES (${org}::uuid, 'emergency_access', ${clientId}::uuid, ${label}, ${`Emergency access for ${input.minutes} minutes. Reason: ${input.reason}`})`);
    }
    await auditClient(tx, actor, meta, 'intake.emergency_access', clientId, orgId, 'emergency', { reason: input.reason, minutes: input.minutes });
    return { id: grant.id as string, clientId, expiresAt: expires };
  });
}

// Merge (human, recorded, reversible)

export async function mergeClients(database: Database, actor: Actor, meta: RequestMeta, sourceId: string, input: { intoId: string; reason: string }) {
  if (sourceId === input.intoId) throw Errors.validation([{ field: 'intoId', message: 'Choose another record' }]);
  return database.db.transaction(async (tx) => {
    const source = await loadVisibleClient(tx, actor, sourceId);
    const target = await loadVisibleClient(tx, actor, input.intoId).catch(() => {
      throw Errors.validation([{ field: 'intoId', message: 'No such client' }]);
    });
    authorizeAction(can, actor, 'intake.client.merge', { organizationId: source.homeOrganizationId });
    // One home organization's records only: consents stay with the organization that collected them.
    if (target.homeOrganizationId !== source.homeOrganizationId) throw Errors.validation([{ field: 'intoId', message: 'Only records of the same organization can be merged' }]);
    if (source.status === 'merged' || target.status === 'merged') throw Errors.conflict('One of these records is already merged', 'intoId');
    const moved: Record<string, string[]> = {};
    for (const table of ['intake_consents', 'intake_referrals', 'intake_assessments', 'intake_case_conferences'] as const) {
      const rows = await rowsOf<Row>(tx, sql`UPDATE ${sql.raw(table)} SET client_id = ${input.intoId}::uuid WHERE client_id = ${sourceId}::uuid RETURNING id`);
      moved[table] = rows.map((r) => String(r.id));
    }
    await rowsOf(tx, sql`UPDATE intake_clients SET status = 'merged', merged_into = ${input.intoId}::uuid, version = version + 1 WHERE id = ${sourceId}::uuid`);
    const [m] = await rowsOf<Row>(tx, sql`INSERT INTO intake_merges (source_id, target_id, moved, reason, merged_by)
      VALUES (${sourceId}::uuid, ${input.intoId}::uuid, ${JSON.stringify(moved)}::jsonb, ${input.reason}, ${actorUserId(actor)}::uuid) RETURNING *`);
    await auditClient(tx, actor, meta, 'intake.client.merge', sourceId, source.homeOrganizationId, 'service_delivery', { into: input.intoId, mergeId: m.id });
    await auditClient(tx, actor, meta, 'intake.client.merge', input.intoId, target.homeOrganizationId, 'service_delivery', { from: sourceId, mergeId: m.id });
    return { id: m.id as string, sourceId, targetId: input.intoId, mergedAt: iso(m.merged_at)!, undoneAt: null };
  });
}

export async function undoMerge(database: Database, actor: Actor, meta: RequestMeta, mergeId: string) {
  return database.db.transaction(async (tx) => {
    const [m] = await rowsOf<Row>(tx, sql`SELECT * FROM intake_merges WHERE id = ${mergeId}::uuid AND undone_at IS NULL FOR UPDATE`);
    if (!m) throw Errors.notFound('Merge');
    const target = await loadVisibleClient(tx, actor, m.target_id as string);
    authorizeAction(can, actor, 'intake.client.merge', { organizationId: target.homeOrganizationId });
    const moved = m.moved as Record<string, string[]>;
    for (const [table, ids] of Object.entries(moved)) {
      if (ids.length) await rowsOf(tx, sql`UPDATE ${sql.raw(table)} SET client_id = ${m.source_id}::uuid WHERE id::text = ANY (${arrayParam(ids, 'text')})`);
    }
    await rowsOf(tx, sql`UPDATE intake_clients SET status = 'active', merged_into = NULL, version = version + 1 WHERE id = ${m.source_id}::uuid`);
    const [u] = await rowsOf<Row>(tx, sql`UPDATE intake_merges SET undone_at = now(), undone_by = ${actorUserId(actor)}::uuid WHERE id = ${mergeId}::uuid RETURNING *`);
    await auditClient(tx, actor, meta, 'intake.client.unmerge', m.source_id as string, target.homeOrganizationId, 'service_delivery', { mergeId });
    return { id: mergeId, sourceId: m.source_id as string, targetId: m.target_id as string, mergedAt: iso(m.merged_at)!, undoneAt: iso(u.undone_at) };
  });
}

// Privacy tools

/** Audit events about the client, merged with the per-client rows of list views, newest first. */
async function accessEntries(tx: Db, clientId: string) {
  const { items } = await listAuditEvents(tx, systemActor('intake'), { entityType: 'intake_client', entityId: clientId, limit: 1000 });
  const listed = await rowsOf<Row>(tx, sql`SELECT occurred_at, actor_label, action, purpose, organization_id FROM intake_access_log WHERE client_id = ${clientId}::uuid ORDER BY id DESC LIMIT 1000`);
  return [
    ...items.map((e) => ({ at: iso(e.occurredAt)!, actor: e.actorLabel, action: e.action, purpose: e.purpose, organizationId: e.organizationId })),
    ...listed.map((e) => ({ at: iso(e.occurred_at)!, actor: e.actor_label as string, action: e.action as string, purpose: (e.purpose as string) ?? null, organizationId: (e.organization_id as string) ?? null })),
  ].sort((a, b) => b.at.localeCompare(a.at));
}

/** Who read or changed this client's record: for the privacy officer of its home organization. */
export async function accessReport(database: Database, actor: Actor, meta: RequestMeta, clientId: string) {
  return database.db.transaction(async (tx) => {
    const [c] = await rowsOf<Row>(tx, sql`SELECT home_organization_id FROM intake_clients WHERE id = ${clientId}::uuid`);
    if (!c) throw Errors.notFound('Client');
    authorizeAction(can, actor, 'intake.access_report', { organizationId: c.home_organization_id as string });
    const items = await accessEntries(tx, clientId);
    await auditClient(tx, actor, meta, 'intake.access_report', clientId, c.home_organization_id as string, 'privacy_review');
    return { items };
  });
}

/** The client's own record, for an access request: everything held, decrypted. Home organization's privacy officer. */
export async function exportClient(database: Database, actor: Actor, meta: RequestMeta, clientId: string) {
  return database.db.transaction(async (tx) => {
    const [c] = await rowsOf<Row>(tx, sql`SELECT home_organization_id FROM intake_clients WHERE id = ${clientId}::uuid`);
    if (!c) throw Errors.notFound('Client');
    authorizeAction(can, actor, 'intake.client.export', { organizationId: c.home_organization_id as string });
    const sys = systemActor('access-request');
    const client = await loadVisibleClient(tx, sys, clientId);
    const consents = (await rowsOf<Row>(tx, sql`SELECT * FROM intake_consents WHERE client_id = ${clientId}::uuid`)).map((r) => presentConsent(r));
    const assessments = (await rowsOf<Row>(tx, sql`SELECT id, assessed_at, acuity, needs, answers_enc FROM intake_assessments WHERE client_id = ${clientId}::uuid`)).map((a) => ({
      id: a.id, assessedAt: iso(a.assessed_at), acuity: a.acuity, needs: a.needs, answers: decryptJson(a.answers_enc as string),
    }));
    const referrals = (await rowsOf<Row>(tx, sql`SELECT id, service_name, status, outcome, sent_at, reason_enc FROM intake_referrals WHERE client_id = ${clientId}::uuid`)).map((r) => ({
      id: r.id, serviceName: r.service_name, status: r.status, outcome: r.outcome, sentAt: iso(r.sent_at), reason: decrypt(r.reason_enc as string),
    }));
    const [plan] = await rowsOf<Row>(tx, sql`SELECT content_enc FROM intake_plans WHERE client_id = ${clientId}::uuid`);
    const items = await accessEntries(tx, clientId);
    await auditClient(tx, actor, meta, 'intake.client.export', clientId, c.home_organization_id as string, 'access_request');
    return {
      exportedAt: new Date().toISOString(), client, consents, assessments, referrals, plan: plan ? decryptJson(plan.content_enc as string) : null,
      accessLog: items,
    };
  });
}
