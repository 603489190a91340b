import type { z } from 'zod';
import type { Database } from '../../core/db/database';
import type { Actor, RequestMeta } from '../../core/accounts/actor';
import { actorUserId } from '../../core/accounts/actor';
import { organizationIdsWithRole } from '../../core/accounts/accounts.policy';
import { recordAudit } from '../../core/audit/audit.service';
import { Errors } from '../../core/http/errors';
import { organizationExists } from '../../core/organizations/organizations.service';
import { actingOrganization, auditClient, auditClientsShown, clientAudit, workerOrganizations } from './intake.access';
import { loadVisibleClient } from './intake.clients';
import { decrypt, decryptJson, encrypt, encryptJson } from './intake.crypto';
import { presentReferral } from './intake.referrals';
import { purgeAnsweredSelfReferrals } from './intake.self-referrals';
import { protectFeedByMonth, type MonthDecision } from './intake.suppression';
import type { ConferenceBody, PlanContent, SelfReferralBody } from './intake.schema';
import { runCommand } from '../../core/command';
import { authorizeAction } from '../../core/policy';
import { can } from './intake.policy';
import * as repo from './repository/reports';

const iso = (v: unknown) => (v == null ? null : new Date(v as string).toISOString());

// Shared plan

export async function getPlan(database: Database, actor: Actor, meta: RequestMeta, clientId: string) {
  return database.db.transaction(async (tx) => {
    const client = await loadVisibleClient(tx, actor, clientId);
    authorizeAction(can, actor, 'intake.plan.read', { visibleCategories: client.visibleCategories });
    const { plan: p, conferences: conf } = await repo.planRows(tx, clientId);
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
  await runCommand({ database, actor, meta }, async (tx) => {
    const client = await loadVisibleClient(tx, actor, clientId);
    authorizeAction(can, actor, 'intake.plan.update', { visibleCategories: client.visibleCategories });
    const enc = encryptJson(input.content)!;
    const saved = await repo.savePlanRow(tx, clientId, input.version, enc, actorUserId(actor));
    if (!saved) throw Errors.staleVersion({ clientId });
    return { result: undefined, audit: clientAudit('intake.plan.update', clientId, actingOrganization(actor), 'care_coordination', { goals: input.content.goals.length }) };
  });
  return getPlan(database, actor, meta, clientId);
}

export async function addConference(database: Database, actor: Actor, meta: RequestMeta, clientId: string, input: z.infer<typeof ConferenceBody>) {
  await runCommand({ database, actor, meta }, async (tx) => {
    const client = await loadVisibleClient(tx, actor, clientId);
    authorizeAction(can, actor, 'intake.plan.update', { visibleCategories: client.visibleCategories });
    await repo.insertConference(tx, { clientId, heldAt: input.heldAt, attendeesEnc: encryptJson(input.attendees)!, notesEnc: encrypt(input.notes), userId: actorUserId(actor) });
    return { result: undefined, audit: clientAudit('intake.plan.conference', clientId, actingOrganization(actor), 'care_coordination', { attendees: input.attendees.length }) };
  });
  return getPlan(database, actor, meta, clientId);
}

// Worklist and dashboard

export async function worklist(database: Database, actor: Actor, meta: RequestMeta) {
  const orgs = workerOrganizations(actor);
  const empty = { clients: [], overdueFollowUps: [], incoming: [], reassessmentsDue: [], waitlisted: [], alerts: [], selfReferrals: [] };
  if (actor.kind !== 'user' || orgs.length === 0) return empty;
  const db = database.db;
  // The reads are independent: on PostgreSQL they run side by side on the pool. Nothing is
  // returned unless the access log below is written.
  const { clients, overdue, incoming, due, alerts, selfRefs, waitlisted } = await repo.worklistRows(db, actor, orgs, organizationIdsWithRole(actor, 'privacy_officer'));
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
  return runCommand({ database, actor, meta }, async (tx) => {
    const organizationId = await repo.acknowledgeAlertRow(tx, id, organizationIdsWithRole(actor, 'privacy_officer'), actorUserId(actor));
    if (!organizationId) throw Errors.notFound('Alert');
    return { result: undefined, audit: { action: 'intake.alert.acknowledge', entityType: 'intake_alert', entityId: id, organizationId } };
  });
}

/** Referral volumes, acceptance time and completion rate of one organization (no personal data). */
export async function dashboard(database: Database, actor: Actor, organizationId?: string) {
  const org = organizationId ?? actingOrganization(actor) ?? (actor.kind === 'user' ? actor.organizationId : null);
  authorizeAction(can, actor, 'intake.dashboard', { organizationId: org });
  if (!org) throw new Error('unreachable: the policy refuses a dashboard without an organization');
  const { sent, received, byStatus, medianHours, overdue } = await repo.dashboardRows(database.db, org);
  const months = [...new Set([...sent, ...received].map((r) => r.month as string))].sort();
  const byMonth = months.map((month) => ({ month, sent: (sent.find((r) => r.month === month)?.n as number) ?? 0, received: (received.find((r) => r.month === month)?.n as number) ?? 0 }));
  // Completion rate over every closed referral (acceptance time: the last 90 days, in the repository).
  const closed = byStatus.filter((s) => ['completed', 'rejected', 'cancelled'].includes(s.status as string)).reduce((a, s) => a + (s.count as number), 0);
  const completed = (byStatus.find((s) => s.status === 'completed')?.count as number) ?? 0;
  return {
    organizationId: org,
    byMonth,
    byStatus: byStatus.map((s) => ({ status: s.status as string, count: s.count as number })),
    medianHoursToAccept: medianHours == null ? null : Math.round(Number(medianHours) * 10) / 10,
    completionRate: closed === 0 ? null : Math.round((completed / closed) * 1000) / 1000,
    overdue,
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
  const rows = await repo.aggregateFeedRows(database.db, from, to);
  const cells = rows.map((r) => ({
    measure: r.measure as string, month: r.month as string, place: (r.municipality_code as string) ?? (r.municipality as string) ?? null,
    category: r.category as string, outcome: (r.outcome as string) ?? null, count: r.n as number,
  }));
  // One table set per month (no relation crosses months): only the months whose cells changed
  // since a kept decision are decided again (intake_feed_decisions holds reasons, never counts).
  const known = new Map<string, MonthDecision>();
  for (const d of await repo.feedDecisionRows(database.db, [...new Set(cells.map((c) => c.month))])) {
    known.set(d.fingerprint as string, { month: d.month as string, fingerprint: d.fingerprint as string, cellReasons: d.cell_reasons as MonthDecision['cellReasons'], totalReasons: d.total_reasons as MonthDecision['totalReasons'] });
  }
  const { reasons, totals, decided } = protectFeedByMonth(cells, SUPPRESS_BELOW, known);
  if (decided.length) await repo.saveFeedDecisions(database.db, decided);
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
    const id = await repo.insertSelfReferral(tx, { organizationId: input.organizationId, serviceId: input.serviceId ?? null, firstNameEnc: encrypt(input.firstName)!, contactEnc: encrypt(input.contact)!, needCode: input.needCode ?? null, preferredLanguage: input.preferredLanguage ?? null });
    await recordAudit(tx, { kind: 'system', label: 'self-referral' }, meta, { action: 'intake.self_referral.create', entityType: 'intake_self_referral', entityId: id, organizationId: input.organizationId });
    return { id };
  });
}

// Settings

export async function getSettings(database: Database, actor: Actor, organizationId: string) {
  authorizeAction(can, actor, 'intake.settings.read', { organizationId });
  const s = await repo.settingsRow(database.db, organizationId);
  return { organizationId, followUpDays: (s?.follow_up_days as number) ?? 7, retentionYears: (s?.retention_years as number) ?? 7 };
}

export async function saveSettings(database: Database, actor: Actor, meta: RequestMeta, organizationId: string, input: { followUpDays: number; retentionYears: number }) {
  authorizeAction(can, actor, 'intake.settings.update', { organizationId });
  return runCommand({ database, actor, meta }, async (tx) => {
    await repo.upsertSettings(tx, organizationId, input);
    return { result: { organizationId, ...input }, audit: { action: 'intake.settings.update', entityType: 'intake_settings', entityId: organizationId, organizationId, details: input } };
  });
}

// Retention purge

/** Deletes client records closed for longer than their home organization's retention (or `years`). Logs counts only. */
export async function purge(database: Database, actor: Actor, opts: { dryRun: boolean; years?: number }) {
  return database.db.transaction(async (tx) => {
    const rows = await repo.expiredClientRows(tx, opts.years ?? null);
    const selfReferrals = await purgeAnsweredSelfReferrals(tx, opts);
    const byOrg: Record<string, number> = {};
    for (const r of rows) byOrg[r.home_organization_id as string] = (byOrg[r.home_organization_id as string] ?? 0) + 1;
    if (!opts.dryRun && rows.length) {
      await repo.deleteClients(tx, rows.map((r) => r.id as string));
    }
    // The audit log is append-only and keeps its past events; this event carries no personal data.
    if (!opts.dryRun && (rows.length || selfReferrals)) {
      await recordAudit(tx, actor, {}, { action: 'intake.purge', entityType: 'intake_client', details: { purged: rows.length, selfReferrals, byOrganization: byOrg, years: opts.years ?? 'per organization' } });
    }
    return { dryRun: opts.dryRun, purged: rows.length, selfReferrals, byOrganization: byOrg };
  });
}
