import { addDays } from 'date-fns';
import type { z } from 'zod';
import type { Database, Db } from '../../core/db/database';
import type { Actor, RequestMeta } from '../../core/accounts/actor';
import { actorLabel, actorUserId, systemActor } from '../../core/accounts/actor';
import { Errors } from '../../core/http/errors';
import { organizationExists } from '../../core/organizations/organizations.service';
import { serviceEligibility } from '../directory/directory.api';
import { runCommand } from '../../core/command';
import { auditWrite } from '../../core/audit/audit.service';
import { actingOrganization, auditClient, auditClientsShown, clientAudit, clientStatement, disclosing, workerOrganizations } from './intake.access';
import { loadVisibleClient } from './intake.clients';
import { referralContact } from './intake.contacts';
import { decrypt, encrypt, hashToken, newToken } from './intake.crypto';
import type { CreateReferralBody, DataCategory, TransitionBody, urgencies } from './intake.schema';
type Urgency = (typeof urgencies)[number];
import { referralNoticeWrites, referralNotices, type ReferralForNotice } from './intake.notices';
import { authorizeAction } from '../../core/policy';
import { can, NEXT, referralMoves, type ReferralStatus } from './intake.policy';
import * as repo from './repository/referrals';
import { Outbox } from './intake.outbox';

type Row = Record<string, unknown>;
type Status = ReferralStatus;
const iso = (v: unknown) => (v == null ? null : new Date(v as string).toISOString());
/** A `date` column: node-postgres gives a local-midnight Date, PGlite a string. */
const dateOnly = (v: unknown) => (v instanceof Date ? `${v.getFullYear()}-${String(v.getMonth() + 1).padStart(2, '0')}-${String(v.getDate()).padStart(2, '0')}` : String(v).slice(0, 10));

export { NEXT };
export const CLOSED: Status[] = ['rejected', 'completed', 'cancelled'];

export function ageOn(birthDate: string | null, at = new Date()): number | null {
  if (!birthDate) return null;
  const b = new Date(birthDate + 'T00:00:00Z');
  let age = at.getUTCFullYear() - b.getUTCFullYear();
  if (at.getUTCMonth() < b.getUTCMonth() || (at.getUTCMonth() === b.getUTCMonth() && at.getUTCDate() < b.getUTCDate())) age--;
  return age;
}


/** What the policy needs to know of a referral row. */
const referralOf = (r: Row) => ({ fromOrganizationId: r.from_organization_id as string, toOrganizationId: (r.to_organization_id as string) ?? null, status: r.status as Status });

export function presentReferral(actor: Actor, r: Row) {
  const open = !CLOSED.includes(r.status as Status);
  return {
    id: r.id as string, clientId: r.client_id as string, clientName: decrypt(r.client_name_enc as string),
    fromOrganizationId: r.from_organization_id as string, fromOrganizationName: (r.from_org_name as string) ?? null,
    toOrganizationId: (r.to_organization_id as string) ?? null, toOrganizationName: (r.to_org_name as string) ?? null,
    toUserId: (r.to_user_id as string) ?? null, externalPartner: (r.external_partner as string) ?? null, toContactName: (r.to_contact_name as string) ?? null,
    serviceId: (r.service_id as string) ?? null, serviceName: (r.service_name as string) ?? null, needCode: (r.need_code as string) ?? null,
    reason: decrypt(r.visible_reason_enc as string), urgency: r.urgency as Urgency, sharedCategories: r.shared_categories as DataCategory[],
    status: r.status as Status, statusReason: (r.status_reason as string) ?? null, outcome: (r.outcome as string) ?? null,
    eligibilityOverrideReason: r.client_visible ? ((r.eligibility_override_reason as string) ?? null) : null,
    sentAt: iso(r.sent_at)!, followUpDueAt: iso(r.follow_up_due_at)!, overdue: open && new Date(r.follow_up_due_at as string).getTime() < Date.now(),
    version: r.version as number,
    waitlistedAt: iso(r.waitlisted_at), waitlistExpectedOn: r.waitlist_expected_on == null ? null : dateOnly(r.waitlist_expected_on),
    events: ((r.events as { fromStatus: Status | null; toStatus: Status; actor: string; reason: string | null; at: string }[]) ?? []).map((e) => ({ ...e, at: iso(e.at)! })),
    actions: referralMoves(actor, referralOf(r)),
  };
}
export type ReferralView = ReturnType<typeof presentReferral>;

/** What live status carries: the referral, its new status and the two organizations; no personal data. */
interface StatusNotice { id: string; status: string; from_org: string | null; to_org: string | null }

/**
 * Live status (channel intake_referral, heard by intake.events.ts), sent only once the change
 * has committed, as a statement of its own: a NOTIFY inside the change's transaction holds a
 * database-wide lock through that commit and serializes concurrent transitions. Run on its
 * own (the first statement of its transaction) it commits without waiting for the WAL flush:
 * a notification is not kept across a crash anyway. Called with a database whose `db` is an
 * outer transaction (the FHIR import), it joins that transaction and is heard if it commits.
 * A notification that cannot be sent loses nothing: pages fall back to their periodic refresh.
 */
function announceStatus(database: Database, notices: StatusNotice[]): Promise<void> {
  // One outbox per database handle (the pool, or an outer transaction), so notices made in an
  // outer transaction go out in it: many concurrent changes share one NOTIFY (intake.outbox.ts).
  let outbox = outboxes.get(database.db);
  if (!outbox) {
    const db = database.db;
    outbox = new Outbox<StatusNotice>(async (batch) => {
      try {
        await repo.notifyReferralStatus(db, batch.map((n) => JSON.stringify(n)));
      } catch {
        /* the change itself is committed */
      }
    });
    outboxes.set(db, outbox);
  }
  return outbox.post(notices);
}
const outboxes = new WeakMap<Db, Outbox<StatusNotice>>();

/** Runs a referral change, collecting its status notices, and announces them after it commits. */
async function announcing<T>(database: Database, change: (notices: StatusNotice[]) => Promise<T>): Promise<T> {
  const notices: StatusNotice[] = [];
  const result = await change(notices);
  await announceStatus(database, notices);
  return result;
}

async function loadReferral(tx: Db, actor: Actor, id: string, lock = false): Promise<Row> {
  // Only referrals the actor's organizations sent or received; client fields only under a covering consent.
  const row = await repo.referralRow(tx, actor, workerOrganizations(actor), id, lock);
  if (!row) throw Errors.notFound('Referral');
  return row;
}

async function orgSector(tx: Db, id: string | null): Promise<string | null> {
  if (!id) return null;
  return repo.organizationSector(tx, id);
}

export async function createReferral(database: Database, actor: Actor, meta: RequestMeta, input: z.infer<typeof CreateReferralBody>) {
  const fromOrg = actingOrganization(actor);
  authorizeAction(can, actor, 'intake.referral.create', {});
  return announcing(database, (notices) => runCommand({ database, actor, meta }, async (tx) => {
    const client = await loadVisibleClient(tx, actor, input.clientId).catch(() => {
      throw Errors.validation([{ field: 'clientId', message: 'No such client' }]);
    });
    if (!client.visibleCategories.includes('referral')) throw Errors.validation([{ field: 'clientId', message: 'The client has not consented to referrals from your organization' }]);
    let toOrg = input.toOrganizationId ?? null;
    let serviceName: string | null = null;
    const problems: { field: string; message: string }[] = [];
    if (input.serviceId) {
      const elig = await serviceEligibility(tx, input.serviceId, ageOn(client.birthDate));
      if (!elig) throw Errors.validation([{ field: 'serviceId', message: 'No such service' }]);
      serviceName = elig.name;
      if (toOrg && toOrg !== elig.organizationId) problems.push({ field: 'toOrganizationId', message: 'The service belongs to another organization' });
      toOrg = toOrg ?? elig.organizationId;
      if (!elig.eligible && !input.eligibilityOverrideReason?.trim()) {
        problems.push({ field: 'eligibilityOverrideReason', message: `The client does not meet this service's eligibility (${elig.rule}). Give a reason to refer anyway.` });
      }
    }
    if (!toOrg && !input.externalPartner) problems.push({ field: 'toOrganizationId', message: 'Choose an organization, a service or an outside partner' });
    if (toOrg && !(await organizationExists(tx, toOrg))) problems.push({ field: 'toOrganizationId', message: 'No such organization' });
    if (input.externalPartner && !input.toContactName) problems.push({ field: 'toContactName', message: 'Name the person who will receive the referral' });
    // A named contact is a person of the receiving organization on the platform; their name is kept with the referral.
    const namedContact = input.toUserId && toOrg ? await referralContact(tx, toOrg, input.toUserId) : null;
    if (input.toUserId && !namedContact) problems.push({ field: 'toUserId', message: 'This person does not receive referrals for that organization' });
    if (problems.length) throw Errors.validation(problems);
    // The consented information: a referral consent must cover the receiver and each shared category.
    const consentId = await repo.coveringReferralConsent(tx, input.clientId, input.sharedCategories, toOrg, input.externalPartner ?? null);
    if (!consentId) throw Errors.validation([{ field: toOrg ? 'toOrganizationId' : 'externalPartner', message: 'No active consent from the client covers sharing this information with this recipient. Record the client\'s consent first.' }]);
    const days = (await repo.followUpDays(tx, fromOrg)) ?? 7;
    const id = await repo.insertReferral(tx, {
      clientId: input.clientId, fromOrganizationId: fromOrg, fromUserId: actorUserId(actor), toOrganizationId: toOrg, toUserId: input.toUserId ?? null, externalPartner: input.externalPartner ?? null,
      toContactName: namedContact?.name ?? input.toContactName ?? null, toContactEmail: input.toContactEmail ?? null,
      serviceId: input.serviceId ?? null, serviceName, needCode: input.needCode ?? null, reasonEnc: encrypt(input.reason), urgency: input.urgency, sharedCategories: input.sharedCategories, consentId,
      eligibilityOverrideReason: input.eligibilityOverrideReason ?? null, municipalityId: client.municipalityId, fromSector: await orgSector(tx, fromOrg), toSector: await orgSector(tx, toOrg), followUpDays: days,
    }, actorLabel(actor));
    const audit = clientAudit('intake.referral.create', input.clientId, fromOrg, 'referral', { referralId: id, to: toOrg ?? 'external', override: !!input.eligibilityOverrideReason });
    notices.push({ id, status: 'requested', from_org: fromOrg, to_org: toOrg });
    const created = await loadReferral(tx, actor, id);
    await referralNotices(tx, actor, created as unknown as ReferralForNotice, 'requested');
    return { result: presentReferral(actor, created), audit };
  }));
}

export async function listReferrals(database: Database, actor: Actor, meta: RequestMeta, f: { direction: 'incoming' | 'outgoing'; status?: string; clientId?: string }) {
  const orgs = workerOrganizations(actor);
  if (actor.kind === 'user' && orgs.length === 0) return { items: [] };
  return database.db.transaction(async (tx) => {
    const rows = await repo.referralListRows(tx, actor, orgs, f);
    await auditClientsShown(tx, actor, meta, 'intake.referral.list', [...new Set(rows.filter((r) => r.client_name_enc || r.client_visible).map((r) => r.client_id as string))], actingOrganization(actor), 'referral');
    return { items: rows.map((r) => presentReferral(actor, r)) };
  });
}

export async function getReferral(database: Database, actor: Actor, meta: RequestMeta, id: string, loggedAs = 'intake.referral.read') {
  return database.db.transaction(async (tx) => {
    const row = await loadReferral(tx, actor, id);
    // One access-log row per response that shows the client, named for what the response was.
    if (row.client_visible || row.client_name_enc) await auditClient(tx, actor, meta, loggedAs, row.client_id as string, actingOrganization(actor), 'referral', { referralId: id });
    return presentReferral(actor, row);
  });
}

/** A 409 carrying the current referral: its name or reason is a read of the client, logged after the rollback. */
function staleReferral(actor: Actor, row: Row) {
  const e = Errors.staleVersion(presentReferral(actor, row));
  return row.client_visible || row.client_name_enc ? disclosing(e, [row.client_id as string], 'intake.referral.conflict', 'referral') : e;
}

/**
 * One lifecycle step. The UPDATE names the status it starts from, so of two workers accepting
 * at once exactly one changes the row; the other gets 409. The trigger refuses skipped states
 * and any change after the referral is closed, whoever asks.
 *
 * Two round trips: the consent-filtered read, then one statement with the step, its event, the
 * notices and the audit row (`clientStatement`), each written only if the step happened. The
 * read takes no lock: the step's own condition on the status and version decides.
 */
export async function transitionReferral(database: Database, actor: Actor, meta: RequestMeta, id: string, input: z.infer<typeof TransitionBody>, via?: string) {
  return announcing(database, (notices) => clientStatement(database, actor, meta, async (db) => {
    const row = await loadReferral(db, actor, id);
    const from = row.status as Status;
    if (!NEXT[from].includes(input.to)) {
      // Someone else already made this step (e.g. two workers accepting at once): a conflict, not bad input.
      const done = (row.events as { toStatus: string }[]).some((e) => e.toStatus === input.to);
      if (done) throw staleReferral(actor, row);
      throw CLOSED.includes(from)
        ? Errors.conflict(`This referral is ${from}; it cannot change any more`, 'to')
        : Errors.validation([{ field: 'to', message: `A referral that is ${from} can go to: ${NEXT[from].join(', ')}` }]);
    }
    authorizeAction(can, actor, `intake.referral.${input.to}`, { referral: referralOf(row) });
    if ((input.to === 'rejected' || input.to === 'cancelled') && !input.reason?.trim()) throw Errors.validation([{ field: 'reason', message: 'Give a reason' }]);
    if (input.to === 'completed' && !input.outcome) throw Errors.validation([{ field: 'outcome', message: 'Record the outcome for the client' }]);
    if (input.expectedDate && input.to !== 'on-hold') throw Errors.validation([{ field: 'expectedDate', message: 'An expected date goes with putting the referral on the waitlist' }]);
    if (input.expectedDate && input.expectedDate < new Date().toISOString().slice(0, 10)) throw Errors.validation([{ field: 'expectedDate', message: 'The expected date cannot be in the past' }]);
    const audit = clientAudit(`intake.referral.${input.to}`, row.client_id as string, actingOrganization(actor) ?? (row.from_organization_id as string), 'referral', { referralId: id, from, outcome: input.outcome, expectedDate: input.expectedDate });
    // Who is told does not depend on the step: a step only names the accepting worker, and accepting tells the sender.
    const writes = [...(await referralNoticeWrites(db, actor, row as unknown as ReferralForNotice, input.to, repo.STEP_MADE)), auditWrite(actor, meta, audit, repo.STEP_MADE)];
    const updated = await repo.transitionReferralRow(db, {
      id, from, to: input.to, version: input.version, reason: input.reason ?? null, outcome: input.outcome ?? null, expectedDate: input.expectedDate ?? null,
      userId: actorUserId(actor), label: via ?? actorLabel(actor),
    }, writes);
    if (!updated) throw staleReferral(actor, await loadReferral(db, actor, id));
    const after = updated.after as Row;
    notices.push({ id, status: input.to, from_org: row.from_organization_id as string, to_org: (row.to_organization_id as string) ?? null });
    const events = [...(row.events as unknown[]), { fromStatus: from, toStatus: input.to, actor: via ?? actorLabel(actor), reason: input.reason ?? input.outcome ?? null, at: updated.occurred_at }];
    return presentReferral(actor, { ...row, ...after, events });
  }));
}

// Partners not on the platform

export async function createPartnerLink(database: Database, actor: Actor, meta: RequestMeta, id: string, days = 14) {
  return runCommand({ database, actor, meta }, async (tx) => {
    const row = await loadReferral(tx, actor, id);
    authorizeAction(can, actor, 'intake.referral.link', { referral: referralOf(row) });
    if (CLOSED.includes(row.status as Status)) throw Errors.conflict('This referral is closed');
    const { token, hash } = newToken();
    const expires = addDays(new Date(), days).toISOString();
    await repo.replacePartnerLink(tx, id, hash, expires, actorUserId(actor));
    return { result: { url: `/intake/partner/${token}`, token, expiresAt: expires }, audit: clientAudit('intake.referral.link', row.client_id as string, row.from_organization_id as string, 'referral', { referralId: id, expiresAt: expires }) };
  });
}

async function loadLink(tx: Db, token: string) {
  const link = await repo.lockLiveLink(tx, hashToken(token));
  // The consent the referral was made under must still be active.
  if (!link) throw Errors.notFound('Link');
  if (!(await repo.consentStillActive(tx, link.consent_id as string))) throw Errors.notFound('Link');
  return link;
}

const partnerActor = (referralId: string) => systemActor(`partner-link:${referralId}`);

/**
 * What the outside partner sees: only the categories the consent and the referral share. A GET
 * changes nothing (mail scanners and link previews open links); receipt is an explicit POST.
 * Once the referral is closed the link says only that.
 */
export async function partnerView(database: Database, meta: RequestMeta, token: string) {
  return database.db.transaction(async (tx) => {
    const link = await loadLink(tx, token);
    const rid = link.referral_id as string;
    const sys = partnerActor(rid);
    const r = await loadReferral(tx, sys, rid);
    if (CLOSED.includes(r.status as Status)) {
      return {
        referralId: rid, status: r.status as string, closed: true, fromOrganizationName: null, serviceName: null, urgency: null, reason: null, client: {},
        canRespond: false, canReportOutcome: false, expiresAt: iso(link.expires_at)!,
      };
    }
    const client = await loadVisibleClient(tx, sys, r.client_id as string);
    const shared = r.shared_categories as string[];
    const summary: Record<string, unknown> = {};
    if (shared.includes('identity')) Object.assign(summary, { name: client.name, preferredName: client.preferredName, preferredLanguage: client.preferredLanguage });
    if (shared.includes('contact')) Object.assign(summary, { phone: client.phone, email: client.email });
    if (shared.includes('demographics')) Object.assign(summary, { settlementStage: client.settlementStage });
    await auditClient(tx, sys, meta, 'intake.partner_link.view', r.client_id as string, r.from_organization_id as string, 'referral', { referralId: rid, categories: shared });
    return {
      referralId: rid, status: r.status as string, closed: false, fromOrganizationName: (r.from_org_name as string) ?? null, serviceName: (r.service_name as string) ?? null,
      urgency: r.urgency as string, reason: decrypt(r.reason_enc as string), client: summary,
      canRespond: !link.responded_at && ['requested', 'received'].includes(r.status as string),
      canReportOutcome: !!link.responded_at && !link.outcome_reported_at && ['accepted', 'on-hold', 'in-progress'].includes(r.status as string),
      expiresAt: iso(link.expires_at)!,
    };
  });
}

/** The partner confirms the referral reached them (requested → received). */
export async function partnerReceipt(database: Database, meta: RequestMeta, token: string) {
  await announcing(database, (notices) => database.db.transaction(async (tx) => {
    const link = await loadLink(tx, token);
    if (link.status !== 'requested') throw Errors.conflict(`This referral is ${link.status}`);
    await partnerStep(tx, meta, notices, link.referral_id as string, 'requested', 'received', {});
  }));
  return partnerView(database, meta, token);
}

async function partnerStep(tx: Db, meta: RequestMeta, notices: StatusNotice[], rid: string, from: Status, to: Status, extra: { reason?: string; outcome?: string; expectedDate?: string }) {
  const sys = partnerActor(rid);
  const u = await repo.partnerStepRow(tx, rid, from, to, { reason: extra.reason ?? null, outcome: extra.outcome ?? null, expectedDate: extra.expectedDate ?? null });
  if (!u) throw Errors.conflict('This referral has changed; reload the link');
  notices.push({ id: rid, status: to, from_org: u.from_organization_id as string, to_org: (u.to_organization_id as string) ?? null });
  await repo.insertPartnerEvent(tx, rid, from, to, sys.kind === 'system' ? sys.label : '', extra.reason ?? extra.outcome ?? null);
  await auditClient(tx, sys, meta, `intake.partner_link.${to}`, u.client_id as string, u.from_organization_id as string, 'referral', { referralId: rid });
  await referralNotices(tx, sys, u as unknown as ReferralForNotice, to);
}

/** Accept, decline, or waitlist (accepted with no place yet: two steps, accepted then on-hold). */
export async function partnerRespond(database: Database, meta: RequestMeta, token: string, input: { decision: 'accept' | 'decline' | 'waitlist'; reason?: string; expectedDate?: string }) {
  await announcing(database, (notices) => database.db.transaction(async (tx) => {
    const link = await loadLink(tx, token);
    if (link.responded_at) throw Errors.conflict('This link was already used to respond');
    if (input.decision === 'decline' && !input.reason?.trim()) throw Errors.validation([{ field: 'reason', message: 'Give a reason' }]);
    if (input.expectedDate && input.decision !== 'waitlist') throw Errors.validation([{ field: 'expectedDate', message: 'An expected date goes with the waitlist' }]);
    if (input.expectedDate && input.expectedDate < new Date().toISOString().slice(0, 10)) throw Errors.validation([{ field: 'expectedDate', message: 'The expected date cannot be in the past' }]);
    const rid = link.referral_id as string;
    if (link.status === 'requested') await partnerStep(tx, meta, notices, rid, 'requested', 'received', {});
    else if (link.status !== 'received') throw Errors.conflict(`This referral is ${link.status}`);
    await partnerStep(tx, meta, notices, rid, 'received', input.decision === 'decline' ? 'rejected' : 'accepted', { reason: input.decision === 'decline' ? input.reason : undefined });
    if (input.decision === 'waitlist') await partnerStep(tx, meta, notices, rid, 'accepted', 'on-hold', { reason: input.reason, expectedDate: input.expectedDate });
    await repo.markLink(tx, link.id as string, 'responded');
  }));
  return partnerView(database, meta, token).catch(() => null);
}

export async function partnerOutcome(database: Database, meta: RequestMeta, token: string, input: { outcome: string; note?: string }) {
  await announcing(database, (notices) => database.db.transaction(async (tx) => {
    const link = await loadLink(tx, token);
    if (!link.responded_at || link.outcome_reported_at) throw Errors.conflict('An outcome can be reported once, after accepting');
    const rid = link.referral_id as string;
    if (link.status === 'accepted' || link.status === 'on-hold') await partnerStep(tx, meta, notices, rid, link.status as Status, 'in-progress', {});
    else if (link.status !== 'in-progress') throw Errors.conflict(`This referral is ${link.status}`);
    await partnerStep(tx, meta, notices, rid, 'in-progress', 'completed', { outcome: input.outcome, reason: input.note });
    await repo.markLink(tx, link.id as string, 'outcome_reported');
  }));
  return partnerView(database, meta, token).catch(() => null);
}
