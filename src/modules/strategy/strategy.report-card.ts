/**
 * Annual report cards: built live from the plan while a draft; frozen as a JSON snapshot when
 * published (a database trigger refuses any later change). A new version for the same year
 * starts a new draft.
 */
import type { Database, Db } from '../../core/db/database';
import { actorLabel, type Actor, type RequestMeta } from '../../core/accounts/actor';
import { runCommand } from '../../core/command';
import { Errors } from '../../core/http/errors';
import { StrategyErrors } from './strategy.errors';
import { can } from './strategy.policy';
import * as repo from './strategy.repository';
import { clock, loadPlan } from './service/access';
import { itemViews, measureViews } from './service/views';

export interface ReportContent {
  language: 'en';
  generatedAt: string;
  year: number;
  plan: { id: string; title: string; titleFr: string | null; collaborativeName: string; startYear: number; endYear: number; longTermOutcome: string | null };
  highlights: string | null;
  highlightsFr: string | null;
  nextYear: string | null;
  nextYearFr: string | null;
  actions: { title: string; strategy: string | null; champion: string | null; status: string; percentComplete: number; adoptedByPartners: boolean; overdue: boolean; lastNote: string | null }[];
  measures: {
    name: string;
    nameFr: string | null;
    kind: string;
    rbaType: string | null;
    unit: string;
    direction: string;
    baseline: { period: string; value: number } | null;
    target: number | null;
    actual: number | null;
    /** The year's count was too small to publish (shown as "<5"). */
    actualSuppressed?: boolean;
    status: string;
    trend: string;
    curve: { period: string; baseline: number | null; forecast: number | null; target: number | null; actual: number | null }[];
  }[];
  summary: { actions: number; completed: number; overdue: number; adoptedByPartners: number; measures: number; met: number };
}

async function buildContent(db: Db, plan: repo.PlanRow, card: repo.ReportCardRow): Promise<ReportContent> {
  const ap = await repo.findActionPlanByYear(db, plan.id, card.year);
  const actionPlan = ap ? await repo.findActionPlan(db, ap.id) : undefined;
  const items = actionPlan ? await itemViews(db, actionPlan) : [];
  const measures = await measureViews(db, null, plan);
  const yearMeasures = measures.map((m) => {
    // The year's figure: the annual value, or the last sub-annual value of that year.
    const inYear = (p: { period: string }) => p.period.startsWith(String(card.year));
    const actual = [...m.values.filter(inYear)].sort((a, b) => a.period.localeCompare(b.period)).at(-1)?.value ?? null;
    const target = [...m.targets.filter(inYear)].sort((a, b) => a.period.localeCompare(b.period)).at(-1)?.value ?? null;
    const met = actual !== null && target !== null ? (m.direction === 'higher_is_better' ? actual >= target : actual <= target) : null;
    const base = m.baselineValue;
    const status = actual === null ? 'no_data' : target === null ? 'no_target' : met ? 'met' : base !== null && (m.direction === 'higher_is_better' ? actual > base : actual < base) ? 'progressing' : 'off_track';
    return {
      name: m.name,
      nameFr: m.nameFr,
      kind: m.kind,
      rbaType: m.rbaType,
      unit: m.unit,
      direction: m.direction,
      baseline: m.baselinePeriod && base !== null ? { period: m.baselinePeriod, value: base } : null,
      target,
      actual,
      actualSuppressed: actual === null && m.suppressedPeriods.some((p) => p.startsWith(String(card.year))),
      status,
      trend: m.trend,
      curve: m.curve.filter((r) => Number(r.period.slice(0, 4)) <= card.year),
    };
  });
  return {
    language: 'en',
    generatedAt: clock.now().toISOString(),
    year: card.year,
    plan: { id: plan.id, title: plan.title, titleFr: plan.titleFr, collaborativeName: plan.collaborativeName, startYear: plan.startYear, endYear: plan.endYear, longTermOutcome: plan.longTermOutcome },
    highlights: card.highlights,
    highlightsFr: card.highlightsFr,
    nextYear: card.nextYear,
    nextYearFr: card.nextYearFr,
    actions: items.map((i) => ({ title: i.actionTitle, strategy: i.strategyTitle, champion: i.champion, status: i.status, percentComplete: i.percentComplete, adoptedByPartners: i.adoptedByPartners, overdue: i.overdue, lastNote: i.notes[0]?.note ?? null })),
    measures: yearMeasures,
    summary: {
      actions: items.length,
      completed: items.filter((i) => i.status === 'completed').length,
      overdue: items.filter((i) => i.overdue).length,
      adoptedByPartners: items.filter((i) => i.adoptedByPartners).length,
      measures: yearMeasures.length,
      met: yearMeasures.filter((m) => m.status === 'met').length,
    },
  };
}

/** A report card; `manage`: the caller manages the plan (may edit a draft card). */
async function present(db: Db, plan: repo.PlanRow, card: repo.ReportCardRow, manage: boolean) {
  return {
    id: card.id,
    planId: card.planId,
    year: card.year,
    reportVersion: card.reportVersion,
    status: card.status,
    highlights: card.highlights,
    highlightsFr: card.highlightsFr,
    nextYear: card.nextYear,
    nextYearFr: card.nextYearFr,
    publishedAt: card.publishedAt,
    publishedBy: card.publishedBy,
    version: card.version,
    content: (card.status === 'published' ? card.snapshot : await buildContent(db, plan, card)) as Record<string, unknown>,
    actions: { 'strategy.reportCard.update': manage && card.status === 'draft' },
  };
}

export async function listReportCards(database: Database, actor: Actor, planId: string) {
  const { plan } = await loadPlan(database.db, actor, planId);
  const rows = await repo.listReportCards(database.db, planId, false);
  const manage = can(actor, 'strategy.manage', plan);
  return { items: rows.map((r) => ({ id: r.id, year: r.year, reportVersion: r.reportVersion, status: r.status, publishedAt: r.publishedAt })), actions: { 'strategy.manage': manage } };
}

export async function createReportCard(database: Database, actor: Actor, meta: RequestMeta, planId: string, input: { year: number; highlights?: string | null; highlightsFr?: string | null; nextYear?: string | null; nextYearFr?: string | null }) {
  return runCommand({ database, actor, meta }, async (tx) => {
    const { plan } = await loadPlan(tx, actor, planId, 'manage');
    if (input.year < plan.startYear || input.year > plan.endYear) throw Errors.validation([{ field: 'year', message: `Choose a year inside the plan's horizon, ${plan.startYear}–${plan.endYear}` }]);
    const drafts = (await repo.listReportCards(tx, planId, false)).filter((r) => r.year === input.year && r.status === 'draft');
    if (drafts.length) throw Errors.conflict(`There is already a draft report card for ${input.year}`, 'year');
    const id = await repo.insertReportCard(tx, planId, input.year, input);
    return { result: await present(tx, plan, (await repo.findReportCard(tx, id))!, true), audit: { action: 'strategy.report_card.create', entityType: 'strategy_report_card', entityId: id, details: { planId, year: input.year } } };
  });
}

async function loadCard(db: Db, actor: Actor | null, id: string, need: 'member' | 'manage' | 'public') {
  const card = await repo.findReportCard(db, id);
  if (!card) throw Errors.notFound('Report card');
  const { plan, access } = await loadPlan(db, actor, card.planId, need);
  if (access === 'public' && card.status !== 'published') throw Errors.notFound('Report card');
  return { card, plan, access };
}

export async function getReportCard(database: Database, actor: Actor | null, id: string, publicLink = false) {
  const { card, plan, access } = await loadCard(database.db, publicLink ? null : actor, id, publicLink ? 'public' : 'member');
  if (publicLink && (card.status !== 'published' || !plan.publicScorecard)) throw Errors.notFound('Report card');
  return present(database.db, plan, card, !publicLink && access === 'manage');
}

export async function updateReportCard(database: Database, actor: Actor, meta: RequestMeta, id: string, input: { version: number; highlights?: string | null; highlightsFr?: string | null; nextYear?: string | null; nextYearFr?: string | null }) {
  return runCommand({ database, actor, meta }, async (tx) => {
    const { card, plan } = await loadCard(tx, actor, id, 'manage');
    if (card.status === 'published') throw StrategyErrors.reportCardPublished();
    const { version, ...changes } = input;
    if (!(await repo.updateReportCard(tx, id, version, changes))) throw Errors.staleVersion(await present(tx, plan, card, true));
    return { result: await present(tx, plan, (await repo.findReportCard(tx, id))!, true), audit: { action: 'strategy.report_card.update', entityType: 'strategy_report_card', entityId: id, details: { changed: Object.keys(changes) } } };
  });
}

export async function publishReportCard(database: Database, actor: Actor, meta: RequestMeta, id: string, version: number) {
  return runCommand({ database, actor, meta }, async (tx) => {
    const { card, plan } = await loadCard(tx, actor, id, 'manage');
    if (card.status === 'published') throw StrategyErrors.reportCardPublished();
    const content = await buildContent(tx, plan, card);
    if (!(await repo.publishReportCard(tx, id, version, content, actorLabel(actor)))) throw Errors.staleVersion(await present(tx, plan, card, true));
    return { result: await present(tx, plan, (await repo.findReportCard(tx, id))!, true), audit: { action: 'strategy.report_card.publish', entityType: 'strategy_report_card', entityId: id, details: { planId: plan.id, year: card.year, reportVersion: card.reportVersion } } };
  });
}

/** Starts the next version of a published report card, as a draft carrying its texts. */
export async function newReportCardVersion(database: Database, actor: Actor, meta: RequestMeta, id: string) {
  const { card } = await loadCard(database.db, actor, id, 'manage');
  if (card.status !== 'published') throw Errors.conflict('This report card is still a draft: edit it directly', 'status');
  return createReportCard(database, actor, meta, card.planId, { year: card.year, highlights: card.highlights, highlightsFr: card.highlightsFr, nextYear: card.nextYear, nextYearFr: card.nextYearFr });
}
