/** SQL of referrals, their lifecycle events, partner links and live status (intake.referrals.ts). */
import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../../core/accounts/actor';
import { preparedRowsOf, rowsOf, type Db } from '../../../core/db/database';
import { arrayParam } from '../../../core/db/params';
import { coveredCategories } from './consent';

type Row = Record<string, unknown>;
const uuidArray = (ids: readonly string[]) => arrayParam(ids, 'uuid');

/** Referrals with client fields only under a covering consent. */
function referralSelect(actor: Actor) {
  return sql`SELECT r.*, fo.legal_name AS from_org_name, tor.legal_name AS to_org_name,
      CASE WHEN 'identity' = ANY (cv.cats) THEN c.name_enc END AS client_name_enc,
      CASE WHEN 'referral' = ANY (cv.cats) THEN r.reason_enc END AS visible_reason_enc,
      'referral' = ANY (cv.cats) AS client_visible,
      (SELECT coalesce(json_agg(json_build_object('fromStatus', e.from_status, 'toStatus', e.to_status, 'actor', e.actor_label, 'reason', e.reason, 'at', e.occurred_at) ORDER BY e.id), '[]'::json)
        FROM intake_referral_events e WHERE e.referral_id = r.id) AS events
    FROM intake_referrals r JOIN intake_clients c ON c.id = r.client_id
    CROSS JOIN LATERAL (SELECT ${coveredCategories(actor, sql`r.client_id`)} AS cats OFFSET 0) cv
    JOIN organizations fo ON fo.id = r.from_organization_id LEFT JOIN organizations tor ON tor.id = r.to_organization_id`;
}

/** Referrals the actor's organizations sent or received (`orgs`: the actor's; the system actor sees all). */
function involved(actor: Actor, orgs: string[]) {
  if (actor.kind === 'system') return sql`true`;
  return sql`(r.from_organization_id = ANY (${uuidArray(orgs)}) OR r.to_organization_id = ANY (${uuidArray(orgs)}))`;
}

/** Live status, sent as a statement of its own after the change committed (see intake.referrals.ts). */
export async function notifyReferralStatus(db: Db, payloads: string[]): Promise<void> {
  await rowsOf(db, sql`SELECT CASE WHEN statement_timestamp() = transaction_timestamp() THEN set_config('synchronous_commit', 'off', true) END,
        pg_notify('intake_referral', n) FROM json_array_elements_text(${JSON.stringify(payloads)}::json) n`);
}

export async function referralRow(tx: Db, actor: Actor, orgs: string[], id: string, lock = false): Promise<Row | undefined> {
  const [row] = await preparedRowsOf<Row>(tx, sql`${referralSelect(actor)} WHERE r.id = ${id}::uuid AND ${involved(actor, orgs)}${lock ? sql` FOR UPDATE OF r` : sql``}`);
  return row;
}

export function referralListRows(tx: Db, actor: Actor, orgs: string[], f: { direction: 'incoming' | 'outgoing'; status?: string; clientId?: string }): Promise<Row[]> {
  const where = [involved(actor, orgs)];
  if (f.clientId) where.push(sql`r.client_id = ${f.clientId}::uuid`);
  else where.push(f.direction === 'incoming' ? sql`r.to_organization_id = ANY (${uuidArray(orgs)})` : sql`r.from_organization_id = ANY (${uuidArray(orgs)})`);
  if (f.status) where.push(sql`r.status = ${f.status}`);
  return rowsOf<Row>(tx, sql`${referralSelect(actor)} WHERE ${sql.join(where, sql` AND `)} ORDER BY r.sent_at DESC LIMIT 100`);
}

export async function organizationSector(tx: Db, id: string): Promise<string | null> {
  const [r] = await rowsOf<Row>(tx, sql`SELECT sector FROM organizations WHERE id = ${id}::uuid`);
  return (r?.sector as string) ?? null;
}

/** The newest active referral consent covering the receiver and every shared category. */
export async function coveringReferralConsent(tx: Db, clientId: string, sharedCategories: string[], toOrg: string | null, externalPartner: string | null): Promise<string | undefined> {
  const [consent] = await rowsOf<Row>(tx, sql`SELECT id FROM intake_consents k WHERE k.client_id = ${clientId}::uuid AND k.withdrawn_at IS NULL
      AND k.starts_at <= now() AND (k.expires_at IS NULL OR k.expires_at > now()) AND 'referral' = ANY (k.data_categories)
      AND k.data_categories @> ${arrayParam(sharedCategories, 'text')}
      AND (${toOrg}::uuid = ANY (k.organization_ids) OR (${externalPartner}::text IS NOT NULL AND lower(k.external_partner) = lower(${externalPartner ?? ''})))
      ORDER BY k.created_at DESC LIMIT 1`);
  return consent ? (consent.id as string) : undefined;
}

export async function followUpDays(tx: Db, organizationId: string | null): Promise<number | undefined> {
  const [settings] = await rowsOf<Row>(tx, sql`SELECT follow_up_days FROM intake_settings WHERE organization_id = ${organizationId}::uuid`);
  return settings?.follow_up_days as number | undefined;
}

export interface NewReferral {
  clientId: string; fromOrganizationId: string | null; fromUserId: string | null; toOrganizationId: string | null; toUserId: string | null; externalPartner: string | null;
  toContactName: string | null; toContactEmail: string | null; serviceId: string | null; serviceName: string | null; needCode: string | null; reasonEnc: string | null;
  urgency: string; sharedCategories: string[]; consentId: string; eligibilityOverrideReason: string | null; municipalityId: string | null;
  fromSector: string | null; toSector: string | null; followUpDays: number;
}

/** Inserts a requested referral and its first event; its id. */
export async function insertReferral(tx: Db, r: NewReferral, actorLabel: string): Promise<string> {
  const [row] = await rowsOf<Row>(tx, sql`INSERT INTO intake_referrals (client_id, from_organization_id, from_user_id, to_organization_id, to_user_id, external_partner, to_contact_name, to_contact_email,
        service_id, service_name, need_code, reason_enc, urgency, shared_categories, consent_id, eligibility_override_reason, municipality_id, from_sector, to_sector, follow_up_due_at)
      VALUES (${r.clientId}::uuid, ${r.fromOrganizationId}::uuid, ${r.fromUserId}::uuid, ${r.toOrganizationId}::uuid, ${r.toUserId}::uuid, ${r.externalPartner}, ${r.toContactName}, ${r.toContactEmail},
        ${r.serviceId}::uuid, ${r.serviceName}, ${r.needCode}, ${r.reasonEnc}, ${r.urgency}, ${arrayParam(r.sharedCategories, 'text')}, ${r.consentId}::uuid,
        ${r.eligibilityOverrideReason}, ${r.municipalityId}::uuid, ${r.fromSector}, ${r.toSector}, now() + make_interval(days => ${r.followUpDays}))
      RETURNING id`);
  const id = row.id as string;
  await rowsOf(tx, sql`INSERT INTO intake_referral_events (referral_id, from_status, to_status, actor_user_id, actor_label) VALUES (${id}::uuid, NULL, 'requested', ${r.fromUserId}::uuid, ${actorLabel})`);
  return id;
}

/** Holds inside a step's statement once its update happened: the writes sent with a step are given only then. */
export const STEP_MADE = sql`EXISTS (SELECT 1 FROM step)`;

/**
 * One lifecycle step in one statement: the conditional update (from `from`, at `version` if
 * given), its event row and the `writes` sent with it (notices, the audit row: each given only
 * when STEP_MADE holds), none of them unless the update happened. Undefined when it did not.
 * One statement is atomic, so the step needs no transaction around it.
 */
export async function transitionReferralRow(db: Db, t: {
  id: string; from: string; to: string; version?: number; reason: string | null; outcome: string | null; expectedDate: string | null; userId: string | null; label: string;
}, writes: SQL[] = []): Promise<Row | undefined> {
  const also = writes.map((w, i) => sql`, ${sql.raw(`also_${i}`)} AS (${w})`);
  const [updated] = await preparedRowsOf<Row>(db, sql`WITH step AS (
        UPDATE intake_referrals SET status = ${t.to}, status_reason = CASE WHEN ${t.to} = 'in-progress' THEN NULL ELSE coalesce(${t.reason}, status_reason) END,
          outcome = coalesce(${t.outcome}, outcome), accepted_at = CASE WHEN ${t.to} = 'accepted' THEN now() ELSE accepted_at END,
          to_user_id = CASE WHEN ${t.to} = 'accepted' AND to_user_id IS NULL THEN ${t.userId}::uuid ELSE to_user_id END,
          closed_at = CASE WHEN ${t.to} IN ('completed', 'rejected', 'cancelled') THEN now() ELSE closed_at END,
          waitlisted_at = CASE WHEN ${t.to} = 'on-hold' THEN now() ELSE waitlisted_at END,
          waitlist_expected_on = CASE WHEN ${t.to} = 'on-hold' THEN ${t.expectedDate}::date ELSE waitlist_expected_on END,
          version = version + 1, updated_at = now()
        WHERE id = ${t.id}::uuid AND status = ${t.from} ${t.version !== undefined ? sql`AND version = ${t.version}` : sql``}
        RETURNING id, status, status_reason, outcome, to_user_id, version, waitlisted_at, waitlist_expected_on
      ), event AS (
        INSERT INTO intake_referral_events (referral_id, from_status, to_status, actor_user_id, actor_label, reason)
        SELECT step.id, ${t.from}, step.status, ${t.userId}::uuid, ${t.label}, ${t.reason ?? t.outcome} FROM step
        RETURNING occurred_at
      )${sql.join(also)}
      SELECT event.occurred_at, (SELECT row_to_json(step) FROM step) AS after FROM event`);
  return updated;
}

// Partner links

/** Revokes the referral's live link and records a new one (by the token's hash). */
export async function replacePartnerLink(tx: Db, referralId: string, tokenHash: string, expiresAt: string, userId: string | null): Promise<void> {
  await rowsOf(tx, sql`UPDATE intake_referral_links SET revoked_at = now() WHERE referral_id = ${referralId}::uuid AND revoked_at IS NULL`);
  await rowsOf(tx, sql`INSERT INTO intake_referral_links (referral_id, token_hash, expires_at, created_by) VALUES (${referralId}::uuid, ${tokenHash}, ${expiresAt}::timestamptz, ${userId}::uuid)`);
}

/** A live link by its token's hash, locked, with its referral's status, client and consent. */
export async function lockLiveLink(tx: Db, tokenHash: string): Promise<Row | undefined> {
  const [link] = await rowsOf<Row>(tx, sql`SELECT l.*, r.status, r.client_id, r.consent_id FROM intake_referral_links l JOIN intake_referrals r ON r.id = l.referral_id
    WHERE l.token_hash = ${tokenHash} AND l.revoked_at IS NULL AND l.expires_at > now() FOR UPDATE OF l`);
  return link;
}

export async function consentStillActive(tx: Db, consentId: string): Promise<boolean> {
  const rows = await rowsOf<Row>(tx, sql`SELECT 1 FROM intake_consents WHERE id = ${consentId}::uuid AND withdrawn_at IS NULL AND (expires_at IS NULL OR expires_at > now())`);
  return rows.length > 0;
}

/** A partner's step from `from` to `to`; the referral's parties, or undefined if it moved on. */
export async function partnerStepRow(tx: Db, rid: string, from: string, to: string, extra: { reason: string | null; outcome: string | null; expectedDate: string | null }): Promise<Row | undefined> {
  const [u] = await rowsOf<Row>(tx, sql`UPDATE intake_referrals SET status = ${to}, status_reason = CASE WHEN ${to} = 'in-progress' THEN NULL ELSE coalesce(${extra.reason}, status_reason) END, outcome = coalesce(${extra.outcome}, outcome),
      accepted_at = CASE WHEN ${to} = 'accepted' THEN now() ELSE accepted_at END, closed_at = CASE WHEN ${to} IN ('completed', 'rejected') THEN now() ELSE closed_at END,
      waitlisted_at = CASE WHEN ${to} = 'on-hold' THEN now() ELSE waitlisted_at END,
      waitlist_expected_on = CASE WHEN ${to} = 'on-hold' THEN ${extra.expectedDate}::date ELSE waitlist_expected_on END,
      version = version + 1, updated_at = now() WHERE id = ${rid}::uuid AND status = ${from} RETURNING id, client_id, from_organization_id, to_organization_id, from_user_id, to_user_id, external_partner, service_name`);
  return u;
}

export async function insertPartnerEvent(tx: Db, rid: string, from: string, to: string, label: string, reason: string | null): Promise<void> {
  await rowsOf(tx, sql`INSERT INTO intake_referral_events (referral_id, from_status, to_status, actor_label, reason) VALUES (${rid}::uuid, ${from}, ${to}, ${label}, ${reason})`);
}

export async function markLink(tx: Db, linkId: string, what: 'responded' | 'outcome_reported'): Promise<void> {
  if (what === 'responded') await rowsOf(tx, sql`UPDATE intake_referral_links SET responded_at = now() WHERE id = ${linkId}::uuid`);
  else await rowsOf(tx, sql`UPDATE intake_referral_links SET outcome_reported_at = now() WHERE id = ${linkId}::uuid`);
}

/** A ping on a notification channel (the live-status listener checks its connection with it). */
export async function notify(db: Db, channel: string, payload: string): Promise<void> {
  await db.execute(sql`SELECT pg_notify(${channel}, ${payload})`);
}
