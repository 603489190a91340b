/**
 * Reads that load what the presenters need, and the views the services return after a change.
 */
import type { Db } from '../../../core/db/database';
import type { Actor } from '../../../core/accounts/actor';
import { Errors } from '../../../core/http/errors';
import { indicatorSeries } from '../../data/data.api';
import * as repo from '../strategy.repository';
import type * as rba from '../strategy.compute';
import { editActions, presentItems, presentMeasure, presentPlan } from '../strategy.presenter';
import { clock, loadMeasure, loadPlan } from './access';

async function repositoryValues(db: Db, actor: Actor | null, m: repo.MeasureRow): Promise<rba.Point[]> {
  if (!m.indicatorId || !m.geographyId) return [];
  // Public data only, already suppressed for this reader: a suppressed value is not a value.
  const series = await indicatorSeries(db, actor, { indicatorId: m.indicatorId, geographyId: m.geographyId });
  return series.filter((s) => s.value !== null).map((s) => ({ period: s.period, value: s.value! }));
}

/** Every measure of a plan, presented for this reader (`null`: the public). */
export async function measureViews(db: Db, actor: Actor | null, plan: repo.PlanRow) {
  const measures = await repo.listMeasures(db, plan.id);
  const targets = await repo.listTargets(db, plan.id);
  const values = await repo.listValues(db, plan.id);
  const out = [];
  for (const m of measures) out.push(presentMeasure(actor === null, plan, m, targets, values, await repositoryValues(db, actor, m), clock.now()));
  return out;
}

/** A plan with its hierarchy, evidence and measures, for this reader (`null`: the public). */
export async function planView(db: Db, actor: Actor | null, plan: repo.PlanRow) {
  const elements = await repo.listElements(db, plan.id);
  const evidence = await repo.listEvidence(db, plan.id);
  return presentPlan(actor, plan, elements, evidence, await measureViews(db, actor, plan), clock.now());
}

export async function getPlanIn(db: Db, actor: Actor | null, id: string) {
  const { plan } = await loadPlan(db, actor, id);
  return planView(db, actor, plan);
}

export async function getMeasureIn(db: Db, actor: Actor, id: string) {
  const { m, plan } = await loadMeasure(db, actor, id, 'member');
  return presentMeasure(false, plan, m, await repo.listTargets(db, plan.id, id), await repo.listValues(db, plan.id, id), await repositoryValues(db, actor, m), clock.now());
}

/** The items of an action plan with their partners' names and progress notes. */
export async function itemViews(db: Db, ap: { id: string; stalledAfterDays: number }) {
  const items = await repo.listItems(db, ap.id);
  const notes = await repo.listNotes(db, ap.id);
  const orgs = await repo.organizationNames(db, [...new Set(items.flatMap((i) => i.partnerOrganizationIds))]);
  return presentItems(items, notes, orgs, clock.now(), ap.stalledAfterDays);
}

export async function getActionPlanIn(db: Db, actor: Actor, id: string) {
  const ap = await repo.findActionPlan(db, id);
  if (!ap) throw Errors.notFound('Action plan');
  const { plan } = await loadPlan(db, actor, ap.planId);
  return { id: ap.id, planId: ap.planId, year: ap.year, stalledAfterDays: ap.stalledAfterDays, items: await itemViews(db, ap), actions: editActions(actor, plan) };
}
