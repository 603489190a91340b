import type { z } from 'zod';
import type { Database, Db } from '../../core/db/database';
import type { Actor, RequestMeta } from '../../core/accounts/actor';
import { actorUserId } from '../../core/accounts/actor';
import { Errors, AppError } from '../../core/http/errors';
import { organizationExists } from '../../core/organizations/organizations.service';
import { geographyExists } from '../../core/geography/geography.service';
import { collaborativeExists } from '../collaboratives/collaboratives.api';
import { listAuditEvents } from '../../core/audit/audit.service';
import { systemActor } from '../../core/accounts/actor';
import { runCommand } from '../../core/command';
import { actingOrganization, auditClient, auditClientsShown, clientAudit, clientCommand, collaborativeIdsOf, disclosing, workerOrganizations, worksForHome, type Purpose } from './intake.access';
import { decrypt, decryptJson, dobIndex, encrypt, encryptJson, nameIndex, searchTokens } from './intake.crypto';
import type { CloseClientBody, ConsentInput, CreateClientInput, UpdateClientBody } from './intake.schema';
import { answerSelfReferral } from './intake.self-referrals';
import { authorizeAction } from '../../core/policy';
import { can } from './intake.policy';
import * as repo from './repository/clients';

type Row = Record<string, unknown>;
const iso = (v: unknown) => (v == null ? null : new Date(v as string).toISOString());

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

/** A client's personal fields encrypted, with the blind indexes that find it (the database never sees them in clear). */
type Nullable<T> = { [K in keyof T]?: T[K] | null };
type ClientFields = Nullable<Pick<CreateClientInput, 'preferredName' | 'birthDate' | 'phone' | 'email' | 'identifiers' | 'household' | 'immigrationCategory' | 'preferredLanguage' | 'municipalityId' | 'settlementStage'>> & { name: string };
function sealClient(v: ClientFields, opts: { emptyListsAsNull: boolean }): repo.SealedClient {
  return {
    nameEnc: encrypt(v.name), preferredNameEnc: encrypt(v.preferredName), birthDateEnc: encrypt(v.birthDate),
    contactEnc: encryptJson(v.phone || v.email ? { phone: v.phone, email: v.email } : null),
    identifiersEnc: encryptJson(opts.emptyListsAsNull ? (v.identifiers?.length ? v.identifiers : null) : v.identifiers),
    householdEnc: encryptJson(opts.emptyListsAsNull ? (v.household?.length ? v.household : null) : v.household),
    immigrationCategoryEnc: encrypt(v.immigrationCategory),
    nameIndex: nameIndex(v.name, v.preferredName), birthDateIndex: dobIndex(v.birthDate),
    preferredLanguage: v.preferredLanguage ?? null, municipalityId: v.municipalityId ?? null, settlementStage: v.settlementStage ?? null,
  };
}

/** Loads one client as the actor may see it; 404 unless some consent (or emergency grant) covers identity. */
export async function loadVisibleClient(tx: Db, actor: Actor, id: string): Promise<ClientView> {
  const row = await repo.visibleClientRow(tx, actor, id);
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
  return repo.insertConsentRow(tx, clientId, {
    purpose: c.purpose, dataCategories: c.dataCategories, organizationIds: c.organizationIds, collaborativeId: c.collaborativeId ?? null, externalPartner: c.externalPartner ?? null,
    method: c.method, witnessName: c.witnessName ?? null, documentReference: c.documentReference ?? null, startsAt: c.startsAt ?? null, expiresAt: c.expiresAt ?? null, recordedBy: actorUserId(actor),
  });
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
  const rows = await repo.duplicateRows(tx, actor, tokens, dobIndex(birthDate), homeOrganizationId);
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
  return clientCommand(database, actor, meta, async (tx) => {
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
    const id = await repo.insertClient(tx, {
      homeOrganizationId: homeOrg, ...sealClient(input, { emptyListsAsNull: true }), isFictional: input.isFictional ?? false, userId: actorUserId(actor),
    });
    if (input.selfReferralId) await answerSelfReferral(tx, actor, input.selfReferralId, homeOrg, id);
    await insertConsent(tx, actor, id, consent, 'consent.');
    return { result: await loadVisibleClient(tx, actor, id), audit: clientAudit('intake.client.create', id, homeOrg, 'service_delivery', { duplicateOverride: !!input.confirmNotDuplicate }) };
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
    const t = f.q ? searchTokens(f.q) : undefined;
    const rows = await repo.clientListRows(tx, actor, { exact: t?.exact, phonetic: t?.phonetic, birthDateIndex: f.birthDate ? dobIndex(f.birthDate) : undefined });
    const items = rows.map(presentClient);
    // Each record shown is a read: one audit row per client, with the purpose.
    await auditClientsShown(tx, actor, meta, 'intake.client.list', items.map((c) => c.id), actingOrganization(actor), f.purpose);
    return { items };
  });
}

export async function updateClient(database: Database, actor: Actor, meta: RequestMeta, id: string, input: z.infer<typeof UpdateClientBody>) {
  return clientCommand(database, actor, meta, async (tx) => {
    const before = await loadVisibleClient(tx, actor, id);
    authorizeAction(can, actor, 'intake.client.update', { visibleCategories: before.visibleCategories });
    if (before.status !== 'active') throw Errors.conflict('This record is closed. Reopen it before editing.', 'status');
    await checkRefs(tx, input);
    const next = { ...before, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) } as ClientView & typeof input;
    const updated = await repo.updateClientRow(tx, id, input.version, sealClient({ ...next, name: next.name! }, { emptyListsAsNull: false }));
    if (!updated) throw disclosing(Errors.staleVersion(before), [id], 'intake.client.conflict');
    const changed = Object.keys(input).filter((k) => k !== 'version');
    return { result: await loadVisibleClient(tx, actor, id), audit: clientAudit('intake.client.update', id, actingOrganization(actor), 'service_delivery', { changed }) };
  });
}

/** Closing starts the retention period; the reason is kept for the record (and "other" needs a note). */
export async function closeClient(database: Database, actor: Actor, meta: RequestMeta, id: string, input: z.infer<typeof CloseClientBody>) {
  if (input.reason === 'other' && !input.note) throw Errors.validation([{ field: 'note', message: 'Say why the record is closed' }]);
  return runCommand({ database, actor, meta }, async (tx) => {
    const c = await loadVisibleClient(tx, actor, id);
    authorizeAction(can, actor, 'intake.client.close', { organizationId: c.homeOrganizationId });
    const closed = await repo.closeClientRow(tx, id, input.reason, encrypt(input.note));
    if (!closed) throw Errors.conflict('Only an active record can be closed.', 'status');
    return { result: await loadVisibleClient(tx, actor, id), audit: clientAudit('intake.client.close', id, c.homeOrganizationId, 'service_delivery', { reason: input.reason }) };
  });
}

/** A person comes back: the record is active again and its retention clock stops. */
export async function reopenClient(database: Database, actor: Actor, meta: RequestMeta, id: string) {
  return runCommand({ database, actor, meta }, async (tx) => {
    const c = await loadVisibleClient(tx, actor, id);
    authorizeAction(can, actor, 'intake.client.reopen', { organizationId: c.homeOrganizationId });
    const reopened = await repo.reopenClientRow(tx, id);
    if (!reopened) throw Errors.conflict('Only a closed record can be reopened.', 'status');
    return { result: await loadVisibleClient(tx, actor, id), audit: clientAudit('intake.client.reopen', id, c.homeOrganizationId, 'service_delivery') };
  });
}

// Consents

export async function listConsents(database: Database, actor: Actor, meta: RequestMeta, clientId: string) {
  return database.db.transaction(async (tx) => {
    const c = await loadVisibleClient(tx, actor, clientId);
    const owner = worksForHome(actor, c.homeOrganizationId);
    // Another organization sees only the directives that name it (or its collaborative): which
    // other agencies serve the client is itself the client's information.
    const rows = await repo.consentRows(tx, clientId, owner || actor.kind !== 'user' ? null : { organizationIds: workerOrganizations(actor), collaborativeIds: collaborativeIdsOf(actor) });
    await auditClient(tx, actor, meta, 'intake.consent.list', clientId, actingOrganization(actor), 'service_delivery');
    return { items: rows.map((r) => presentConsent(r, owner)) };
  });
}

/** Only the home organization records the client's directives, for any recipient (PHIPA: the custodian that collected the information). */
export async function addConsent(database: Database, actor: Actor, meta: RequestMeta, clientId: string, input: ConsentInput) {
  return runCommand({ database, actor, meta }, async (tx) => {
    const c = await loadVisibleClient(tx, actor, clientId);
    authorizeAction(can, actor, 'intake.consent.create', { organizationId: c.homeOrganizationId });
    const row = await insertConsent(tx, actor, clientId, input);
    return { result: presentConsent(row), audit: clientAudit('intake.consent.create', clientId, c.homeOrganizationId, 'service_delivery', { consentId: row.id, purpose: input.purpose, categories: input.dataCategories, organizations: input.organizationIds }) };
  });
}

/** Withdrawal records what the client said: the home organization only. It takes effect at once (every access query checks withdrawn_at). */
export async function withdrawConsent(database: Database, actor: Actor, meta: RequestMeta, clientId: string, consentId: string) {
  return runCommand({ database, actor, meta }, async (tx) => {
    const c = await loadVisibleClient(tx, actor, clientId);
    authorizeAction(can, actor, 'intake.consent.withdraw', { organizationId: c.homeOrganizationId });
    const row = await repo.withdrawConsentRow(tx, clientId, consentId, actorUserId(actor));
    if (!row) throw Errors.notFound('Active consent');
    return { result: presentConsent(row), audit: clientAudit('intake.consent.withdraw', clientId, c.homeOrganizationId, 'service_delivery', { consentId }) };
  });
}

/**
 * An organization gives up what a consent gave to it (it no longer serves the client): it leaves
 * the directive's organizations; the rest of the directive stands. A directive left naming
 * nobody is withdrawn.
 */
export async function relinquishConsent(database: Database, actor: Actor, meta: RequestMeta, clientId: string, consentId: string) {
  return runCommand({ database, actor, meta }, async (tx) => {
    const c = await loadVisibleClient(tx, actor, clientId);
    // The home organization does not relinquish its own directives: it withdraws them on the client's word.
    authorizeAction(can, actor, 'intake.consent.relinquish', { organizationId: c.homeOrganizationId });
    const orgs = workerOrganizations(actor).filter((o) => o !== c.homeOrganizationId);
    const row = await repo.relinquishConsentRow(tx, clientId, consentId, orgs, actorUserId(actor));
    if (!row) {
      if (await repo.activeConsentExists(tx, clientId, consentId)) throw Errors.forbidden('intake.consent.relinquish');
      throw Errors.notFound('Active consent');
    }
    const gaveUp = (row.relinquished_organization_ids as string[]).filter((o) => orgs.includes(o));
    return { result: presentConsent(row, worksForHome(actor, c.homeOrganizationId)), audit: clientAudit('intake.consent.relinquish', clientId, c.homeOrganizationId, 'service_delivery', { consentId, organizations: gaveUp }) };
  });
}

// Break the glass

export async function breakGlass(database: Database, actor: Actor, meta: RequestMeta, clientId: string, input: { reason: string; minutes: number }) {
  const orgId = actingOrganization(actor);
  authorizeAction(can, actor, 'intake.emergency_access', { organizationId: orgId });
  return runCommand({ database, actor, meta }, async (tx) => {
    const home = await repo.clientHomeOrganization(tx, clientId);
    if (!home) throw Errors.notFound('Client');
    const expires = new Date(Date.now() + input.minutes * 60_000).toISOString();
    const grantId = await repo.insertEmergencyAccess(tx, { clientId, userId: actorUserId(actor), organizationId: orgId, reason: input.reason, expiresAt: expires });
    const label = actor.kind === 'user' ? actor.email : 'system';
    // Alert the privacy officers of the organization that broke the glass and of the client's home organization.
    for (const org of new Set([orgId!, home])) {
      await repo.insertAlert(tx, { organizationId: org, kind: 'emergency_access', clientId, actorLabel: label, message: `Emergency access for ${input.minutes} minutes. Reason: ${input.reason}` });
    }
    return { result: { id: grantId, clientId, expiresAt: expires }, audit: clientAudit('intake.emergency_access', clientId, orgId, 'emergency', { reason: input.reason, minutes: input.minutes }) };
  });
}

// Merge (human, recorded, reversible)

export async function mergeClients(database: Database, actor: Actor, meta: RequestMeta, sourceId: string, input: { intoId: string; reason: string }) {
  if (sourceId === input.intoId) throw Errors.validation([{ field: 'intoId', message: 'Choose another record' }]);
  return runCommand({ database, actor, meta }, async (tx) => {
    const source = await loadVisibleClient(tx, actor, sourceId);
    const target = await loadVisibleClient(tx, actor, input.intoId).catch(() => {
      throw Errors.validation([{ field: 'intoId', message: 'No such client' }]);
    });
    authorizeAction(can, actor, 'intake.client.merge', { organizationId: source.homeOrganizationId });
    // One home organization's records only: consents stay with the organization that collected them.
    if (target.homeOrganizationId !== source.homeOrganizationId) throw Errors.validation([{ field: 'intoId', message: 'Only records of the same organization can be merged' }]);
    if (source.status === 'merged' || target.status === 'merged') throw Errors.conflict('One of these records is already merged', 'intoId');
    const moved: Record<string, string[]> = {};
    for (const table of repo.MERGED_TABLES) moved[table] = await repo.moveClientRows(tx, table, sourceId, input.intoId);
    await repo.markClientMerged(tx, sourceId, input.intoId);
    const m = await repo.insertMerge(tx, { sourceId, targetId: input.intoId, moved, reason: input.reason, userId: actorUserId(actor) });
    return { result: { id: m.id as string, sourceId, targetId: input.intoId, mergedAt: iso(m.merged_at)!, undoneAt: null }, audit: [clientAudit('intake.client.merge', sourceId, source.homeOrganizationId, 'service_delivery', { into: input.intoId, mergeId: m.id }), clientAudit('intake.client.merge', input.intoId, target.homeOrganizationId, 'service_delivery', { from: sourceId, mergeId: m.id })] };
  });
}

export async function undoMerge(database: Database, actor: Actor, meta: RequestMeta, mergeId: string) {
  return runCommand({ database, actor, meta }, async (tx) => {
    const m = await repo.lockOpenMerge(tx, mergeId);
    if (!m) throw Errors.notFound('Merge');
    const target = await loadVisibleClient(tx, actor, m.target_id as string);
    authorizeAction(can, actor, 'intake.client.merge', { organizationId: target.homeOrganizationId });
    const moved = m.moved as Record<string, string[]>;
    for (const [table, ids] of Object.entries(moved)) {
      if (ids.length) await repo.moveRowsBack(tx, table, ids, m.source_id as string);
    }
    await repo.markClientUnmerged(tx, m.source_id as string);
    const u = await repo.markMergeUndone(tx, mergeId, actorUserId(actor));
    return { result: { id: mergeId, sourceId: m.source_id as string, targetId: m.target_id as string, mergedAt: iso(m.merged_at)!, undoneAt: iso(u.undone_at) }, audit: clientAudit('intake.client.unmerge', m.source_id as string, target.homeOrganizationId, 'service_delivery', { mergeId }) };
  });
}

// Privacy tools

/** Audit events about the client, merged with the per-client rows of list views, newest first. */
async function accessEntries(tx: Db, clientId: string) {
  const { items } = await listAuditEvents(tx, systemActor('intake'), { entityType: 'intake_client', entityId: clientId, limit: 1000 });
  const listed = await repo.accessLogRows(tx, clientId);
  return [
    ...items.map((e) => ({ at: iso(e.occurredAt)!, actor: e.actorLabel, action: e.action, purpose: e.purpose, organizationId: e.organizationId })),
    ...listed.map((e) => ({ at: iso(e.occurred_at)!, actor: e.actor_label as string, action: e.action as string, purpose: (e.purpose as string) ?? null, organizationId: (e.organization_id as string) ?? null })),
  ].sort((a, b) => b.at.localeCompare(a.at));
}

/**
 * A privacy tool's check: allowed, or refused without telling whether the client exists. A
 * caller who cannot see the client at all gets the same 404 as for a client that does not
 * exist, like every other read of a client (architecture rule 4); one who sees it but may not
 * use the tool (a worker of the home organization) gets 403.
 */
async function authorizePrivacyTool(tx: Db, actor: Actor, action: 'intake.access_report' | 'intake.client.export', clientId: string, home: string) {
  if (can(actor, action, { organizationId: home })) return;
  if (!(await repo.visibleClientRow(tx, actor, clientId))) throw Errors.notFound('Client');
  authorizeAction(can, actor, action, { organizationId: home });
}

/** Who read or changed this client's record: for the privacy officer of its home organization. */
export async function accessReport(database: Database, actor: Actor, meta: RequestMeta, clientId: string) {
  return database.db.transaction(async (tx) => {
    const home = await repo.clientHomeOrganization(tx, clientId);
    if (!home) throw Errors.notFound('Client');
    await authorizePrivacyTool(tx, actor, 'intake.access_report', clientId, home);
    const items = await accessEntries(tx, clientId);
    await auditClient(tx, actor, meta, 'intake.access_report', clientId, home, 'privacy_review');
    return { items };
  });
}

/** The client's own record, for an access request: everything held, decrypted. Home organization's privacy officer. */
export async function exportClient(database: Database, actor: Actor, meta: RequestMeta, clientId: string) {
  return database.db.transaction(async (tx) => {
    const home = await repo.clientHomeOrganization(tx, clientId);
    if (!home) throw Errors.notFound('Client');
    await authorizePrivacyTool(tx, actor, 'intake.client.export', clientId, home);
    const sys = systemActor('access-request');
    const client = await loadVisibleClient(tx, sys, clientId);
    const held = await repo.clientHoldings(tx, clientId);
    const consents = held.consents.map((r) => presentConsent(r));
    const assessments = held.assessments.map((a) => ({
      id: a.id, assessedAt: iso(a.assessed_at), acuity: a.acuity, needs: a.needs, answers: decryptJson(a.answers_enc as string),
    }));
    const referrals = held.referrals.map((r) => ({
      id: r.id, serviceName: r.service_name, status: r.status, outcome: r.outcome, sentAt: iso(r.sent_at), reason: decrypt(r.reason_enc as string),
    }));
    const plan = held.plan;
    const items = await accessEntries(tx, clientId);
    await auditClient(tx, actor, meta, 'intake.client.export', clientId, home, 'access_request');
    return {
      exportedAt: new Date().toISOString(), client, consents, assessments, referrals, plan: plan ? decryptJson(plan.content_enc as string) : null,
      accessLog: items,
    };
  });
}
