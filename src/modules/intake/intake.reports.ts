import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Database } from '../../core/db/database';
import { rowsOf } from '../../core/db/database';
import type { Actor, RequestMeta } from '../../core/accounts/actor';
import { actorUserId } from '../../core/accounts/actor';
import { organizationIdsWithRole } from '../../core/accounts/accounts.policy';
import { recordAudit } from '../../core/audit/audit.service';
import { Errors } from '../../core/http/errors';
import { organizationExists } from '../../core/organizations/organizations.service';
import { actingOrganization, auditClient, auditClientsShown, coveredCategories, covers, uuidArray, workerOrganizations } from './intake.access';
import { loadVisibleClient } from './intake.clients';
import { decrypt, decryptJson, encrypt, encryptJson } from './intake.crypto';
import { presentReferral } from './intake.referrals';
import { purgeAnsweredSelfReferrals } from './intake.self-referrals';
import { protectFeed } from './intake.suppression';
import type { ConferenceBody, PlanContent, SelfReferralBody } from './intake.schema';
import { authorizeAction } from '../../core/policy';
import { can } from './intake.policy';
import { arrayParam } from '../../core/db/params';

type Row = Record<string, unknown>;
const iso = (v: unknown) => (v == null ? null : new Date(v as string).toISOString());

// Shared plan

export async function getPlan(database: Database, actor: Actor, meta: RequestMeta, clientId: string) {
  return database.db.transaction(async (tx) => {
    const client = await loadVisibleClient(tx, actor, clientId);
    authorizeAction(can, actor, 'intake.plan.read', { visibleCategories: client.visibleCategories });
    const [p] = await rowsOf<Row>(tx, sql`SELECT * FROM intake_plans WHERE client_id = ${clientId}::uuid`);
    const conf = await rowsOf<Row>(tx, sql`SELECT * FROM intake_case_conferences WHERE client_id = ${clientId}::uuid ORDER BY held_at DESC`);
    await auditClient(tx, actor, meta, 'intake.plan.read', clientId, actingOrganization(actor), 'care_coordination');
    return {
      clientId,
      content: p ? decryptJson<z.infer<typeof PlanContent>>(p.content_enc as string)! : { goals: [], strengths: '', notes: '', team: [] },
      version: (p?.version as number) ?? 0,
      updatedAt: iso(p?.updated_at),
      conferences: conf.map((c) => ({ id: c.id as string, heldAt: iso(c.held_at)!, attendees: decryptJson<string[]>(c.attendees_enc as string) ?? [], notes: decrypt(c.notes_enc as string) })),
    };
  });
}

export async function savePlan(database: Database, actor: Actor, meta: RequestMeta, clientId: string, input: { content: z.infer<typeof PlanContent>; version: number }) {
  await database.db.transaction(async (tx) => {
    const client = await loadVisibleClient(tx, actor, clientId);
    authorizeAction(can, actor, 'intake.plan.update', { visibleCategories: client.visibleCategories });
    const enc = encryptJson(input.content)!;
    const rows = input.version === 0
      ? await rowsOf<Row>(tx, sql`INSERT INTO intake_plans (client_id, content_enc, updated_by) VALUES (${clientId}::uuid, ${enc}, ${actorUserId(actor)}::uuid) ON CONFLICT (client_id) DO NOTHING RETURNING version`)
      : await rowsOf<Row>(tx, sql`UPDATE intake_plans SET content_enc = ${enc}, version = version + 1, updated_by = ${actorUserId(actor)}::uuid, updated_at = now()
          WHERE client_id = ${clientId}::uuid AND version = ${input.version} RETURNING version`);
    if (!rows.length) throw Errors.staleVersion({ clientId });
    await auditClient(tx, actor, meta, 'intake.plan.update', clientId, actingOrganization(actor), 'care_coordination', { goals: input.content.goals.length });
  });
  return getPlan(database, actor, meta, clientId);
}

export async function addConference(database: Database, actor: Actor, meta: RequestMeta, clientId: string, input: z.infer<typeof ConferenceBody>) {
  await database.db.transaction(async (tx) => {
    const client = await loadVisibleClient(tx, actor, clientId);
    authorizeAction(can, actor, 'intake.plan.update', { visibleCategories: client.visibleCategories });
    await rowsOf(tx, sql`INSERT INTO intake_case_conferences (client_id, held_at, attendees_enc, notes_enc, recorded_by)
      VALUES (${clientId}::uuid, ${input.heldAt}::timestamptz, ${encryptJson(input.attendees)!}, ${encrypt(input.notes)}, ${actorUserId(actor)}::uuid)`);
    await auditClient(tx, actor, meta, 'intake.plan.conference', clientId, actingOrganization(actor), 'care_coordination', { attendees: input.attendees.length });
  });
  return getPlan(database, actor, meta, clientId);
}

// Worklist and dashboard

export async function worklist(database: Database, actor: Actor, meta: RequestMeta) {
  const orgs = workerOrganizations(actor);
  const empty = { clients: [], overdueFollowUps: [], incoming: [], reassessmentsDue: [], waitlisted: [], alerts: [], selfReferrals: [] };
  if (actor.kind !== 'user' || orgs.length === 0) return empty;
  const me = actor.userId;
  const db = database.db;
  // Limit first on indexed columns, then apply the consent filter (and its subqueries) to the few rows left.
  const clientsQuery = rowsOf<Row>(db, sql`SELECT c.id, c.home_organization_id, c.status, c.is_fictional, c.name_enc, c.preferred_name_enc, c.birth_date_enc
    FROM (SELECT * FROM intake_clients WHERE status = 'active' AND assigned_user_id = ${me}::uuid ORDER BY updated_at DESC LIMIT 200) c
    WHERE ${covers(actor, sql`c.id`, 'identity')} ORDER BY c.updated_at DESC LIMIT 50`);
  const refSel = sql`SELECT r.*, fo.legal_name AS from_org_name, tor.legal_name AS to_org_name,
      CASE WHEN 'identity' = ANY (cv.cats) THEN c.name_enc END AS client_name_enc,
      CASE WHEN 'referral' = ANY (cv.cats) THEN r.reason_enc END AS visible_reason_enc,
      'referral' = ANY (cv.cats) AS client_visible, '[]'::json AS events
    FROM intake_referrals r JOIN intake_clients c ON c.id = r.client_id
    CROSS JOIN LATERAL (SELECT ${coveredCategories(actor, sql`r.client_id`)} AS cats) cv JOIN organizations fo ON fo.id = r.from_organization_id LEFT JOIN organizations tor ON tor.id = r.to_organization_id`;
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
  const poOrgs = organizationIdsWithRole(actor, 'privacy_officer');
  const alertsQuery = poOrgs.length
    ? rowsOf<Row>(db, sql`SELECT * FROM intake_alerts WHERE organization_id = ANY (${uuidArray(poOrgs)}) AND acknowledged_at IS NULL ORDER BY created_at DESC LIMIT 50`)
    : Promise.resolve([] as Row[]);
  const selfRefsQuery = rowsOf<Row>(db, sql`SELECT * FROM intake_self_referrals WHERE organization_id = ANY (${uuidArray(orgs)}) AND status = 'new' ORDER BY created_at LIMIT 50`);
  // The reads are independent: on PostgreSQL they run side by side on the pool. Nothing is
  // returned unless the access log below is written.
  const [clients, overdue, incoming, due, alerts, selfRefs, waitlisted] = await Promise.all([clientsQuery, overdueQuery, incomingQuery, dueQuery, alertsQuery, selfRefsQuery, waitlistedQuery]);
  // Every client whose name the worklist shows (its own list and the referrals' names) is logged as read.
  const shown = [...new Set([...clients.map((c) => c.id as string), ...[...overdue, ...incoming, ...waitlisted].filter((r) => r.client_name_enc).map((r) => r.client_id as string), ...due.map((d) => d.id as string)])];
  await db.transaction((tx) => auditClientsShown(tx, actor, meta, 'intake.worklist', shown, actingOrganization(actor), 'service_delivery'));
  return {
    clients: clients.map((c) => ({ id: c.id as string, homeOrganizationId: c.home_organization_id as string, status: c.status as string, isFictional: c.is_fictional as boolean, name: decrypt(c.name_enc as string), preferredName: decrypt(c.preferred_name_enc as string), birthDate: decrypt(c.birth_date_enc as string) })),
    overdueFollowUps: overdue.map((r) => presentReferral(actor, r)),
    incoming: incoming.map((r) => presentReferral(actor, r)),
    reassessmentsDue: due.map((d) => ({ clientId: d.id as string, name: decrypt(d.name_enc as string), lastAssessedAt: iso(d.last)! })),
    waitlisted: waitlisted.map((r) => presentReferral(actor, r)),
    alerts: alerts.map((a) => ({ id: a.id as string, kind: a.kind as string, clientId: (a.client_id as string) ?? null, actor: a.actor_label as string, message: a.message as string, createdAt: iso(a.created_at)! })),
    selfReferrals: selfRefs.map((s) => ({ id: s.id as string, firstName: decrypt(s.first_name_enc as string)!, contact: decrypt(s.contact_enc as string)!, needCode: (s.need_code as string) ?? null, preferredLanguage: (s.preferred_language as string) ?? null, createdAt: iso(s.created_at)! })),
  };
}

export async function acknowledgeAlert(database: Database, actor: Actor, meta: RequestMeta, id: string) {
  return database.db.transaction(async (tx) => {
    const [a] = await rowsOf<Row>(tx, sql`UPDATE intake_alerts SET acknowledged_at = now(), acknowledged_by = ${actorUserId(actor)}::uuid
      WHERE id = ${id}::uuid AND organization_id = ANY (${uuidArray(organizationIdsWithRole(actor, 'privacy_officer'))}) AND acknowledged_at IS NULL RETURNING organization_id`);
    if (!a) throw Errors.notFound('Alert');
    await recordAudit(tx, actor, meta, { action: 'intake.alert.acknowledge', entityType: 'intake_alert', entityId: id, organizationId: a.organization_id as string });
  });
}

/** Referral volumes, acceptance time and completion rate of one organization (no personal data). */
export async function dashboard(database: Database, actor: Actor, organizationId?: string) {
  const org = organizationId ?? actingOrganization(actor) ?? (actor.kind === 'user' ? actor.organizationId : null);
  authorizeAction(can, actor, 'intake.dashboard', { organizationId: org });
  if (!org) throw new Error('unreachable: the policy refuses a dashboard without an organization');
  const db = database.db;
  // Sent and received counted separately, so each is an index scan on its own organization column.
  const sent = await rowsOf<Row>(db, sql`SELECT to_char(date_trunc('month', sent_at), 'YYYY-MM') AS month, count(*)::int AS n
    FROM intake_referrals WHERE from_organization_id = ${org}::uuid AND sent_at > now() - interval '12 months' GROUP BY 1`);
  const received = await rowsOf<Row>(db, sql`SELECT to_char(date_trunc('month', sent_at), 'YYYY-MM') AS month, count(*)::int AS n
    FROM intake_referrals WHERE to_organization_id = ${org}::uuid AND sent_at > now() - interval '12 months' GROUP BY 1`);
  const months = [...new Set([...sent, ...received].map((r) => r.month as string))].sort();
  const byMonth = months.map((month) => ({ month, sent: (sent.find((r) => r.month === month)?.n as number) ?? 0, received: (received.find((r) => r.month === month)?.n as number) ?? 0 }));
  const byStatus = await rowsOf<Row>(db, sql`SELECT status, count(*)::int AS count FROM intake_referrals WHERE to_organization_id = ${org}::uuid GROUP BY status ORDER BY status`);
  // Acceptance time over the last 90 days; completion rate over every closed referral.
  const [stats] = await rowsOf<Row>(db, sql`SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM accepted_at - sent_at) / 3600) AS median_hours
    FROM intake_referrals WHERE to_organization_id = ${org}::uuid AND sent_at > now() - interval '90 days' AND accepted_at IS NOT NULL`);
  const closed = byStatus.filter((s) => ['completed', 'rejected', 'cancelled'].includes(s.status as string)).reduce((a, s) => a + (s.count as number), 0);
  const completed = (byStatus.find((s) => s.status === 'completed')?.count as number) ?? 0;
  const [od] = await rowsOf<Row>(db, sql`SELECT count(*)::int AS n FROM intake_referrals WHERE from_organization_id = ${org}::uuid
    AND status NOT IN ('completed', 'cancelled', 'rejected') AND follow_up_due_at < now()`);
  return {
    organizationId: org,
    byMonth,
    byStatus: byStatus.map((s) => ({ status: s.status as string, count: s.count as number })),
    medianHoursToAccept: stats.median_hours == null ? null : Math.round(Number(stats.median_hours) * 10) / 10,
    completionRate: closed === 0 ? null : Math.round((completed / closed) * 1000) / 1000,
    overdue: od.n as number,
  };
}

// Aggregate feed to planning

export const SUPPRESS_BELOW = 5;

/**
 * De-identified counts by month and municipality: needs identified, referrals by category
 * and outcome, unmet needs (no matching service, rejected, waitlisted), referral paths between
 * sectors. No identifiers; any count from 1 to 4 is suppressed (value null, shown "<5"), and
 * so is whatever would let it be worked out by subtraction (shown "x"; intake.suppression.ts).
 */
export async function aggregateFeed(database: Database, f: { from?: string; to?: string }) {
  const from = f.from ?? '2000-01-01';
  const to = f.to ?? '2999-12-31';
  const rows = await rowsOf<Row>(database.db, sql`
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
  // One table set for the whole feed: cells, the totals it publishes and how the measures relate.
  const { reasons, totals } = protectFeed(rows.map((r) => ({
    measure: r.measure as string, month: r.month as string, place: (r.municipality_code as string) ?? (r.municipality as string) ?? null,
    category: r.category as string, outcome: (r.outcome as string) ?? null, count: r.n as number,
  })), SUPPRESS_BELOW);
  const names = new Map(rows.map((r) => [(r.municipality_code as string) ?? (r.municipality as string) ?? null, r]));
  const shown = (n: number, reason: 'primary' | 'complementary' | null) => ({
    value: reason ? null : n, display: reason === 'primary' ? `<${SUPPRESS_BELOW}` : reason ? 'x' : String(n), suppressed: !!reason, reason,
  });
  return {
    suppressionThreshold: SUPPRESS_BELOW,
    rows: rows.map((r, i) => ({
      measure: r.measure as 'needs_identified', month: r.month as string, municipality: (r.municipality as string) ?? null,
      municipalityCode: (r.municipality_code as string) ?? null,
      category: r.category as string, outcome: (r.outcome as string) ?? null,
      ...shown(r.n as number, reasons[i]),
    })),
    /** Totals of each measure and month by municipality (across categories) and by category and outcome (across municipalities). */
    totals: totals.map((t) => {
      const r = t.place === null ? undefined : names.get(t.place);
      return {
        measure: t.measure as 'needs_identified', month: t.month, across: t.across,
        municipality: t.across === 'categories' ? ((r?.municipality as string) ?? null) : null,
        municipalityCode: t.across === 'categories' ? ((r?.municipality_code as string) ?? null) : null,
        category: t.category, outcome: t.outcome,
        ...shown(t.count, t.reason),
      };
    }),
  };
}

// Self-referral from the public finder (minimal data)

export async function createSelfReferral(database: Database, meta: RequestMeta, input: z.infer<typeof SelfReferralBody>) {
  if (input.website) throw Errors.validation([{ field: 'website', message: 'Leave empty' }]);
  return database.db.transaction(async (tx) => {
    if (!(await organizationExists(tx, input.organizationId))) throw Errors.validation([{ field: 'organizationId', message: 'No such organization' }]);
    const [r] = await rowsOf<Row>(tx, sql`INSERT INTO intake_self_referrals (organization_id, service_id, first_name_enc, contact_enc, need_code, preferred_language)
      VALUES (${input.organizationId}::uuid, ${input.serviceId ?? null}::uuid, ${encrypt(input.firstName)!}, ${encrypt(input.contact)!}, ${input.needCode ?? null}, ${input.preferredLanguage ?? null}) RETURNING id`);
    await recordAudit(tx, { kind: 'system', label: 'self-referral' }, meta, { action: 'intake.self_referral.create', entityType: 'intake_self_referral', entityId: r.id as string, organizationId: input.organizationId });
    return { id: r.id as string };
  });
}

// Settings

export async function getSettings(database: Database, actor: Actor, organizationId: string) {
  authorizeAction(can, actor, 'intake.settings.read', { organizationId });
  const [s] = await rowsOf<Row>(database.db, sql`SELECT * FROM intake_settings WHERE organization_id = ${organizationId}::uuid`);
  return { organizationId, followUpDays: (s?.follow_up_days as number) ?? 7, retentionYears: (s?.retention_years as number) ?? 7 };
}

export async function saveSettings(database: Database, actor: Actor, meta: RequestMeta, organizationId: string, input: { followUpDays: number; retentionYears: number }) {
  authorizeAction(can, actor, 'intake.settings.update', { organizationId });
  return database.db.transaction(async (tx) => {
    await rowsOf(tx, sql`INSERT INTO intake_settings (organization_id, follow_up_days, retention_years) VALUES (${organizationId}::uuid, ${input.followUpDays}, ${input.retentionYears})
      ON CONFLICT (organization_id) DO UPDATE SET follow_up_days = EXCLUDED.follow_up_days, retention_years = EXCLUDED.retention_years, version = intake_settings.version + 1`);
    await recordAudit(tx, actor, meta, { action: 'intake.settings.update', entityType: 'intake_settings', entityId: organizationId, organizationId, details: input });
    return { organizationId, ...input };
  });
}

// Retention purge

/** Deletes client records closed for longer than their home organization's retention (or `years`). Logs counts only. */
export async function purge(database: Database, actor: Actor, opts: { dryRun: boolean; years?: number }) {
  return database.db.transaction(async (tx) => {
    const rows = await rowsOf<Row>(tx, sql`SELECT c.id, c.home_organization_id FROM intake_clients c LEFT JOIN intake_settings s ON s.organization_id = c.home_organization_id
      WHERE c.status = 'closed' AND c.closed_at < now() - make_interval(years => coalesce(${opts.years ?? null}::int, s.retention_years, 7))`);
    const selfReferrals = await purgeAnsweredSelfReferrals(tx, opts);
    const byOrg: Record<string, number> = {};
    for (const r of rows) byOrg[r.home_organization_id as string] = (byOrg[r.home_organization_id as string] ?? 0) + 1;
    if (!opts.dryRun && rows.length) {
      await rowsOf(tx, sql`DELETE FROM intake_clients WHERE merged_into::text = ANY (${arrayParam(rows.map((r) => r.id as string), 'text')})`);
      await rowsOf(tx, sql`DELETE FROM intake_clients WHERE id::text = ANY (${arrayParam(rows.map((r) => r.id as string), 'text')})`);
    }
    // The audit log is append-only and keeps its past events; this event carries no personal data.
    if (!opts.dryRun && (rows.length || selfReferrals)) {
      await recordAudit(tx, actor, {}, { action: 'intake.purge', entityType: 'intake_client', details: { purged: rows.length, selfReferrals, byOrganization: byOrg, years: opts.years ?? 'per organization' } });
    }
    return { dryRun: opts.dryRun, purged: rows.length, selfReferrals, byOrganization: byOrg };
  });
}
