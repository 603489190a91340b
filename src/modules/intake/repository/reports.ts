/** SQL of the shared plan, the worklist, the dashboard, the aggregate feed, self-referral intake, settings and the retention purge (intake.reports.ts). */
import { sql } from 'drizzle-orm';
import type { Actor } from '../../../core/accounts/actor';
import { rowsOf, type Db } from '../../../core/db/database';
import { arrayParam } from '../../../core/db/params';
import { coveredCategories, covers } from './consent';

type Row = Record<string, unknown>;
const uuidArray = (ids: readonly string[]) => arrayParam(ids, 'uuid');

// Shared plan

export async function planRows(tx: Db, clientId: string): Promise<{ plan: Row | undefined; conferences: Row[] }> {
  const [plan] = await rowsOf<Row>(tx, sql`SELECT * FROM intake_plans WHERE client_id = ${clientId}::uuid`);
  const conferences = await rowsOf<Row>(tx, sql`SELECT * FROM intake_case_conferences WHERE client_id = ${clientId}::uuid ORDER BY held_at DESC`);
  return { plan, conferences };
}

/** Version 0 creates the plan, any other updates it if still at that version; false when someone else saved first. */
export async function savePlanRow(tx: Db, clientId: string, version: number, contentEnc: string, userId: string | null): Promise<boolean> {
  const rows = version === 0
    ? await rowsOf<Row>(tx, sql`INSERT INTO intake_plans (client_id, content_enc, updated_by) VALUES (${clientId}::uuid, ${contentEnc}, ${userId}::uuid) ON CONFLICT (client_id) DO NOTHING RETURNING version`)
    : await rowsOf<Row>(tx, sql`UPDATE intake_plans SET content_enc = ${contentEnc}, version = version + 1, updated_by = ${userId}::uuid, updated_at = now()
          WHERE client_id = ${clientId}::uuid AND version = ${version} RETURNING version`);
  return rows.length > 0;
}

export async function insertConference(tx: Db, c: { clientId: string; heldAt: string; attendeesEnc: string; notesEnc: string | null; userId: string | null }): Promise<void> {
  await rowsOf(tx, sql`INSERT INTO intake_case_conferences (client_id, held_at, attendees_enc, notes_enc, recorded_by)
      VALUES (${c.clientId}::uuid, ${c.heldAt}::timestamptz, ${c.attendeesEnc}, ${c.notesEnc}, ${c.userId}::uuid)`);
}

// Worklist

/**
 * The seven independent reads of a worker's worklist, consent in each query. On PostgreSQL they
 * run side by side on the pool.
 */
export async function worklistRows(db: Db, actor: Actor & { kind: 'user' }, orgs: string[], privacyOfficerOrgs: string[]) {
  const me = actor.userId;
  // Limit first on indexed columns, then apply the consent filter (and its subqueries) to the few rows left.
  const clientsQuery = rowsOf<Row>(db, sql`SELECT c.id, c.home_organization_id, c.status, c.is_fictional, c.name_enc, c.preferred_name_enc, c.birth_date_enc
    FROM (SELECT * FROM intake_clients WHERE status = 'active' AND assigned_user_id = ${me}::uuid ORDER BY updated_at DESC LIMIT 200) c
    WHERE ${covers(actor, sql`c.id`, 'identity')} ORDER BY c.updated_at DESC LIMIT 50`);
  const refSel = sql`SELECT r.*, fo.legal_name AS from_org_name, tor.legal_name AS to_org_name,
      CASE WHEN 'identity' = ANY (cv.cats) THEN c.name_enc END AS client_name_enc,
      CASE WHEN 'referral' = ANY (cv.cats) THEN r.reason_enc END AS visible_reason_enc,
      'referral' = ANY (cv.cats) AS client_visible, '[]'::json AS events
    FROM intake_referrals r JOIN intake_clients c ON c.id = r.client_id
    CROSS JOIN LATERAL (SELECT ${coveredCategories(actor, sql`r.client_id`)} AS cats OFFSET 0) cv JOIN organizations fo ON fo.id = r.from_organization_id LEFT JOIN organizations tor ON tor.id = r.to_organization_id`;
  const overdueQuery = rowsOf<Row>(db, sql`${refSel} WHERE r.id IN (SELECT id FROM intake_referrals WHERE from_user_id = ${me}::uuid
      AND status NOT IN ('completed', 'cancelled', 'rejected') AND follow_up_due_at < now() ORDER BY follow_up_due_at LIMIT 50)
    ORDER BY r.follow_up_due_at`);
  // The first 50 of each of my organizations' queues, each read in order from the incoming-queue
  // index (0030) and stopped at 50, then merged: `= ANY (orgs)` in one scan cannot give that order.
  const incomingQuery = rowsOf<Row>(db, sql`${refSel} WHERE r.id IN (SELECT q.id FROM unnest(${uuidArray(orgs)}) o (id)
      CROSS JOIN LATERAL (SELECT id, urgency, sent_at FROM intake_referrals WHERE to_organization_id = o.id
        AND status IN ('requested', 'received') AND (to_user_id IS NULL OR to_user_id = ${me}::uuid) ORDER BY urgency = 'urgent' DESC, sent_at LIMIT 50) q
      ORDER BY q.urgency = 'urgent' DESC, q.sent_at LIMIT 50)
    ORDER BY r.urgency = 'urgent' DESC, r.sent_at`);
  // Referrals I sent that the receiver waitlisted: the follow-up is still mine (overdue logic unchanged).
  const waitlistedQuery = rowsOf<Row>(db, sql`${refSel} WHERE r.id IN (SELECT id FROM intake_referrals WHERE from_user_id = ${me}::uuid AND status = 'on-hold' ORDER BY waitlisted_at LIMIT 50)
    ORDER BY r.waitlisted_at`);
  // The latest assessment's date is kept on the client row (migration 0051), indexed in this order.
  const dueQuery = rowsOf<Row>(db, sql`SELECT c.id, c.name_enc, c.last_assessed_at AS last FROM intake_clients c
    WHERE c.status = 'active' AND c.assigned_user_id = ${me}::uuid AND c.last_assessed_at < now() - interval '90 days'
      AND ${covers(actor, sql`c.id`, 'assessment')} AND ${covers(actor, sql`c.id`, 'identity')} ORDER BY c.last_assessed_at LIMIT 50`);
  const alertsQuery = privacyOfficerOrgs.length
    ? rowsOf<Row>(db, sql`SELECT * FROM intake_alerts WHERE organization_id = ANY (${uuidArray(privacyOfficerOrgs)}) AND acknowledged_at IS NULL ORDER BY created_at DESC LIMIT 50`)
    : Promise.resolve([] as Row[]);
  const selfRefsQuery = rowsOf<Row>(db, sql`SELECT * FROM intake_self_referrals WHERE organization_id = ANY (${uuidArray(orgs)}) AND status = 'new' ORDER BY created_at LIMIT 50`);
  const [clients, overdue, incoming, due, alerts, selfRefs, waitlisted] = await Promise.all([clientsQuery, overdueQuery, incomingQuery, dueQuery, alertsQuery, selfRefsQuery, waitlistedQuery]);
  return { clients, overdue, incoming, due, alerts, selfRefs, waitlisted };
}

/** Acknowledges an open alert of one of these organizations; its organization, or undefined. */
export async function acknowledgeAlertRow(tx: Db, id: string, organizationIds: string[], userId: string | null): Promise<string | undefined> {
  const [a] = await rowsOf<Row>(tx, sql`UPDATE intake_alerts SET acknowledged_at = now(), acknowledged_by = ${userId}::uuid
      WHERE id = ${id}::uuid AND organization_id = ANY (${uuidArray(organizationIds)}) AND acknowledged_at IS NULL RETURNING organization_id`);
  return a ? (a.organization_id as string) : undefined;
}

// Dashboard

/** Referral counts of one organization (no personal data). */
export async function dashboardRows(db: Db, org: string) {
  // Sent and received counted separately, so each is an index scan on its own organization column.
  const sent = await rowsOf<Row>(db, sql`SELECT to_char(date_trunc('month', sent_at), 'YYYY-MM') AS month, count(*)::int AS n
    FROM intake_referrals WHERE from_organization_id = ${org}::uuid AND sent_at > now() - interval '12 months' GROUP BY 1`);
  const received = await rowsOf<Row>(db, sql`SELECT to_char(date_trunc('month', sent_at), 'YYYY-MM') AS month, count(*)::int AS n
    FROM intake_referrals WHERE to_organization_id = ${org}::uuid AND sent_at > now() - interval '12 months' GROUP BY 1`);
  const byStatus = await rowsOf<Row>(db, sql`SELECT status, count(*)::int AS count FROM intake_referrals WHERE to_organization_id = ${org}::uuid GROUP BY status ORDER BY status`);
  // Acceptance time over the last 90 days.
  const [stats] = await rowsOf<Row>(db, sql`SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM accepted_at - sent_at) / 3600) AS median_hours
    FROM intake_referrals WHERE to_organization_id = ${org}::uuid AND sent_at > now() - interval '90 days' AND accepted_at IS NOT NULL`);
  const [od] = await rowsOf<Row>(db, sql`SELECT count(*)::int AS n FROM intake_referrals WHERE from_organization_id = ${org}::uuid
    AND status NOT IN ('completed', 'cancelled', 'rejected') AND follow_up_due_at < now()`);
  return { sent, received, byStatus, medianHours: stats.median_hours, overdue: od.n as number };
}

// Aggregate feed

/** De-identified counts by measure, month, municipality, category and outcome, between two dates (inclusive). */
export function aggregateFeedRows(db: Db, from: string, to: string): Promise<Row[]> {
  return rowsOf<Row>(db, sql`
    WITH needs AS (
      SELECT 'needs_identified' AS measure, to_char(a.assessed_at, 'YYYY-MM') AS month, g.name_en AS municipality, g.code AS municipality_code, n->>'needCode' AS category, NULL::text AS outcome, count(*)::int AS n
      FROM intake_assessments a CROSS JOIN jsonb_array_elements(a.needs) n LEFT JOIN geographies g ON g.id = a.municipality_id
      WHERE a.assessed_at >= ${from}::date AND a.assessed_at < ${to}::date + 1 GROUP BY 2, 3, 4, 5),
    refs AS (
      SELECT 'referrals', to_char(r.sent_at, 'YYYY-MM'), g.name_en, g.code, coalesce(r.need_code, 'unspecified'), coalesce(r.outcome, CASE r.status WHEN 'on-hold' THEN 'waitlisted' ELSE r.status END), count(*)::int
      FROM intake_referrals r LEFT JOIN geographies g ON g.id = r.municipality_id
      WHERE r.sent_at >= ${from}::date AND r.sent_at < ${to}::date + 1 GROUP BY 2, 3, 4, 5, 6),
    unmet AS (
      SELECT 'unmet_needs', to_char(r.sent_at, 'YYYY-MM'), g.name_en, g.code, coalesce(r.need_code, 'unspecified'), CASE r.status WHEN 'on-hold' THEN 'waitlisted' ELSE r.status END, count(*)::int
      FROM intake_referrals r LEFT JOIN geographies g ON g.id = r.municipality_id
      WHERE r.status IN ('rejected', 'on-hold') AND r.sent_at >= ${from}::date AND r.sent_at < ${to}::date + 1 GROUP BY 2, 3, 4, 5, 6
      UNION ALL
      SELECT 'unmet_needs', to_char(a.assessed_at, 'YYYY-MM'), g.name_en, g.code, n->>'needCode', 'no_matching_service', count(*)::int
      FROM intake_assessments a CROSS JOIN jsonb_array_elements(a.needs) n LEFT JOIN geographies g ON g.id = a.municipality_id
      WHERE n->>'matched' = 'false' AND a.assessed_at >= ${from}::date AND a.assessed_at < ${to}::date + 1 GROUP BY 2, 3, 4, 5, 6),
    paths AS (
      SELECT 'referral_paths', to_char(r.sent_at, 'YYYY-MM'), g.name_en, g.code, coalesce(r.from_sector, 'other') || '→' || coalesce(r.to_sector, 'outside'), NULL::text, count(*)::int
      FROM intake_referrals r LEFT JOIN geographies g ON g.id = r.municipality_id
      WHERE r.sent_at >= ${from}::date AND r.sent_at < ${to}::date + 1 GROUP BY 2, 3, 4, 5)
    SELECT * FROM needs UNION ALL SELECT * FROM refs UNION ALL SELECT * FROM unmet UNION ALL SELECT * FROM paths
    ORDER BY 1, 2, 3, 5, 6`);
}

/** The kept disclosure decisions of the feed's months (intake_feed_decisions, 0070). */
export async function feedDecisionRows(db: Db, months: string[]): Promise<Row[]> {
  if (months.length === 0) return [];
  return rowsOf<Row>(db, sql`SELECT month, fingerprint, cell_reasons, total_reasons FROM intake_feed_decisions
    WHERE month = ANY (${arrayParam(months, 'text')}) ORDER BY month, decided_at DESC`);
}

/** Keeps months' new decisions, and the three latest of each month (a window cut mid-month has cells of its own). */
export async function saveFeedDecisions(db: Db, decided: { month: string; fingerprint: string; cellReasons: unknown[]; totalReasons: unknown[] }[]): Promise<void> {
  for (const d of decided) {
    await rowsOf(db, sql`INSERT INTO intake_feed_decisions (month, fingerprint, cell_reasons, total_reasons)
      VALUES (${d.month}, ${d.fingerprint}, ${JSON.stringify(d.cellReasons)}::jsonb, ${JSON.stringify(d.totalReasons)}::jsonb)
      ON CONFLICT (month, fingerprint) DO UPDATE SET decided_at = now()`);
    await rowsOf(db, sql`DELETE FROM intake_feed_decisions WHERE month = ${d.month} AND fingerprint NOT IN (
      SELECT fingerprint FROM intake_feed_decisions WHERE month = ${d.month} ORDER BY decided_at DESC LIMIT 3)`);
  }
}

// Self-referral from the public finder

export async function insertSelfReferral(tx: Db, r: { organizationId: string; serviceId: string | null; firstNameEnc: string; contactEnc: string; needCode: string | null; preferredLanguage: string | null }): Promise<string> {
  const [row] = await rowsOf<Row>(tx, sql`INSERT INTO intake_self_referrals (organization_id, service_id, first_name_enc, contact_enc, need_code, preferred_language)
      VALUES (${r.organizationId}::uuid, ${r.serviceId}::uuid, ${r.firstNameEnc}, ${r.contactEnc}, ${r.needCode}, ${r.preferredLanguage}) RETURNING id`);
  return row.id as string;
}

// Settings

export async function settingsRow(db: Db, organizationId: string): Promise<Row | undefined> {
  const [s] = await rowsOf<Row>(db, sql`SELECT * FROM intake_settings WHERE organization_id = ${organizationId}::uuid`);
  return s;
}

export async function upsertSettings(tx: Db, organizationId: string, input: { followUpDays: number; retentionYears: number }): Promise<void> {
  await rowsOf(tx, sql`INSERT INTO intake_settings (organization_id, follow_up_days, retention_years) VALUES (${organizationId}::uuid, ${input.followUpDays}, ${input.retentionYears})
      ON CONFLICT (organization_id) DO UPDATE SET follow_up_days = EXCLUDED.follow_up_days, retention_years = EXCLUDED.retention_years, version = intake_settings.version + 1`);
}

// Retention purge

/** Client records closed for longer than their home organization's retention (or `years`). */
export function expiredClientRows(tx: Db, years: number | null): Promise<Row[]> {
  return rowsOf<Row>(tx, sql`SELECT c.id, c.home_organization_id FROM intake_clients c LEFT JOIN intake_settings s ON s.organization_id = c.home_organization_id
      WHERE c.status = 'closed' AND c.closed_at < now() - make_interval(years => coalesce(${years}::int, s.retention_years, 7))`);
}

/** Deletes these client records and those merged into them. */
export async function deleteClients(tx: Db, ids: string[]): Promise<void> {
  await rowsOf(tx, sql`DELETE FROM intake_clients WHERE merged_into::text = ANY (${arrayParam(ids, 'text')})`);
  await rowsOf(tx, sql`DELETE FROM intake_clients WHERE id::text = ANY (${arrayParam(ids, 'text')})`);
}
