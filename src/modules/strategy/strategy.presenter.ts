/**
 * Strategy presenters: rows → responses, with the actions the caller may take. Pure: the
 * services load what a presenter needs (service/views.ts) and pass it in.
 */
import type { Actor } from '../../core/accounts/actor';
import { allowedActions } from '../../core/policy';
import * as rba from './strategy.compute';
import { can } from './strategy.policy';
import type * as repo from './strategy.repository';

/** Counts of people from 1 to 4 are never shown publicly (docs/disclosure-control.md). */
export const PUBLIC_COUNT_THRESHOLD = 5;

export type MeasureView = ReturnType<typeof presentMeasure>;

/** What the caller may do with a plan, by policy action. */
export function planActions(actor: Actor | null, plan: repo.PlanRow) {
  const a = actor ? allowedActions(can, actor, ['strategy.plan.update', 'strategy.plan.newVersion'], plan) : { 'strategy.plan.update': false, 'strategy.plan.newVersion': false };
  return a;
}

/** What the caller may do with a plan's parts (action plans, theory of change): edit them while the plan is open. */
export function editActions(actor: Actor | null, plan: repo.PlanRow) {
  const update = !!actor && can(actor, 'strategy.plan.update', plan);
  return { 'strategy.plan.update': update };
}

export function presentSummary(p: repo.PlanRow) {
  return {
    id: p.id,
    collaborativeId: p.collaborativeId,
    title: p.title,
    titleFr: p.titleFr,
    startYear: p.startYear,
    endYear: p.endYear,
    status: p.status,
    planVersion: p.planVersion,
    templateId: p.templateId,
    publicScorecard: p.publicScorecard,
    updatedAt: p.updatedAt,
  };
}

/** A plan with its hierarchy, measures, warnings and freshness; `actor` null for the public. */
export function presentPlan(actor: Actor | null, plan: repo.PlanRow, elements: repo.ElementRow[], evidence: repo.EvidenceRow[], measures: MeasureView[], now: Date) {
  const freshness = rba.planFreshness(measures.map((m) => m.freshness));
  const exp = rba.expectedPeriod('annual', now);
  return {
    ...presentSummary(plan),
    description: plan.description,
    longTermOutcome: plan.longTermOutcome,
    previousVersionId: plan.previousVersionId,
    adoptedAt: plan.adoptedAt,
    version: plan.version,
    elements: elements.map((e) => ({
      id: e.id,
      planId: e.planId,
      parentId: e.parentId,
      kind: e.kind,
      title: e.title,
      titleFr: e.titleFr,
      description: e.description,
      position: e.position,
      frozen: plan.status !== 'draft' && (e.kind === 'theme' || e.kind === 'goal'),
      evidence: evidence.filter((v) => v.elementId === e.id).map((v) => ({ id: v.id, kind: v.kind, refId: v.refId, label: v.label })),
      version: e.version,
      updatedAt: e.updatedAt,
    })),
    measures,
    warnings: { outputOnly: rba.outputOnly(measures), noBetterOff: rba.noBetterOff(measures) },
    freshness: {
      ...freshness,
      currentPeriod: exp.period,
      currentDueBy: exp.dueBy.toISOString().slice(0, 10),
      nextPeriod: exp.next,
      nextDueBy: exp.nextDueBy.toISOString().slice(0, 10),
      currentPeriodNote: `Annual values for ${exp.period} were due by ${exp.dueBy.toISOString().slice(0, 10)}; values for ${exp.next} are due by ${exp.nextDueBy.toISOString().slice(0, 10)}.`,
    },
    actions: planActions(actor, plan),
  };
}

/**
 * A measure with its targets, values (hand-entered and pulled from the data repository), status,
 * trend, freshness and turn-the-curve series. `protect`: shown to the public (no reader: the
 * public scorecard, report cards), so hand-entered counts of people pass disclosure control.
 */
export function presentMeasure(
  protect: boolean,
  plan: repo.PlanRow,
  m: repo.MeasureRow,
  allTargets: repo.TargetRow[],
  allValues: repo.ValueRow[],
  pulled: rba.Point[],
  now: Date,
) {
  const targets = allTargets.filter((t) => t.measureId === m.id).map((t) => ({ period: t.period, value: t.value }));
  // Shown to the public (no reader: the public scorecard, report cards), hand-entered counts of
  // people go through disclosure control like every published aggregate: small ones are not values.
  const entered = allValues.filter((v) => v.measureId === m.id);
  const guarded = rba.protectCounts(m.unit, PUBLIC_COUNT_THRESHOLD, m.baselineValue !== null && m.baselinePeriod ? { period: m.baselinePeriod, value: m.baselineValue } : null, entered);
  const values = protect ? guarded.values : entered;
  const manual = new Set(entered.map((v) => v.period));
  const actuals = [...values.map((v) => ({ period: v.period, value: v.value })), ...pulled.filter((p) => !manual.has(p.period))];
  const baseline = protect ? guarded.baseline : m.baselineValue !== null && m.baselinePeriod ? { period: m.baselinePeriod, value: m.baselineValue } : null;
  const st = rba.targetStatus({ direction: m.direction, baseline: baseline?.value ?? null, targets, actuals });
  return {
    id: m.id,
    planId: m.planId,
    elementId: m.elementId,
    kind: m.kind,
    rbaType: m.rbaType,
    name: m.name,
    nameFr: m.nameFr,
    unit: m.unit,
    direction: m.direction,
    frequency: m.frequency,
    baselineValue: baseline ? baseline.value : protect ? null : m.baselineValue,
    baselinePeriod: m.baselinePeriod,
    /** Periods whose hand-entered count is too small to show publicly (shown as "<5"). */
    suppressedPeriods: protect ? guarded.hiddenPeriods : [],
    indicatorId: m.indicatorId,
    geographyId: m.geographyId,
    templateKey: m.templateKey,
    targets,
    values: values.map(({ measureId: _m, ...v }) => v),
    repositoryValues: pulled,
    status: st.status,
    trend: rba.trendOf(m.direction, [...(baseline ? [baseline] : []), ...actuals]),
    progress: st.progress === null ? null : rba.round(st.progress, 3),
    latest: st.latest,
    currentTarget: st.target,
    freshness: rba.freshnessOf({ frequency: m.frequency, startYear: plan.startYear, endYear: plan.endYear, actuals, baselinePeriod: m.baselinePeriod, now }),
    curve: rba.turnTheCurve({ frequency: m.frequency, startYear: plan.startYear, endYear: plan.endYear, baseline, targets, actuals }),
    version: m.version,
  };
}

/** Action plan items with their flags (overdue, stalled) as of `today` and their progress notes. */
export function presentItems(items: repo.ItemRow[], notes: repo.NoteRow[], orgs: { id: string; legalName: string }[], today: Date, stalledAfterDays: number) {
  return items.map((i) => ({
    id: i.id,
    actionId: i.actionId,
    actionTitle: i.actionTitle,
    strategyTitle: i.strategyTitle,
    champion: i.champion,
    championOrganizationId: i.championOrganizationId,
    partnerOrganizationIds: i.partnerOrganizationIds,
    partnerNames: i.partnerOrganizationIds.map((id) => orgs.find((o) => o.id === id)?.legalName ?? id),
    startDate: i.startDate,
    dueDate: i.dueDate,
    status: i.status,
    percentComplete: i.percentComplete,
    resources: i.resources,
    adoptedByPartners: i.adoptedByPartners,
    ...rba.actionFlags(i, today, stalledAfterDays),
    notes: notes.filter((n) => n.itemId === i.id).map(({ itemId: _i, ...n }) => n),
    version: i.version,
  }));
}

export function presentTemplate(t: repo.TemplateRow) {
  return { id: t.id, name: t.name, description: t.description, sourcePlanId: t.sourcePlanId, publishedBy: t.publishedBy, createdAt: t.createdAt, measureCount: t.content.measures.length, planCount: t.planCount };
}
