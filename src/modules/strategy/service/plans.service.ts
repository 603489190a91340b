/** Plans: list, start, edit and move forward, new versions. */
import type { Database, Db } from '../../../core/db/database';
import type { Actor, RequestMeta } from '../../../core/accounts/actor';
import { authorizeAction } from '../../../core/policy';
import { runCommand } from '../../../core/command';
import { Errors } from '../../../core/http/errors';
import * as repo from '../strategy.repository';
import { can } from '../strategy.policy';
import { StrategyErrors } from '../strategy.errors';
import { presentSummary } from '../strategy.presenter';
import { assertOpen, auditEntry, loadPlan, readableCollaboratives } from './access';
import { getPlanIn } from './views';
import { collaborativeExists, collaborativeIdsWithAccess } from '../../collaboratives/collaboratives.api';
import type { CreatePlanInput, UpdatePlanInput } from '../strategy.schema';

const STATUS_ORDER = ['draft', 'adopted', 'active', 'closed'] as const;

export async function listPlans(database: Database, actor: Actor, collaborativeId?: string) {
  const ids = await readableCollaboratives(database.db, actor);
  const rows = await repo.listPlans(database.db, ids, collaborativeId);
  return {
    items: rows.map(presentSummary),
    manageableCollaboratives: collaborativeIdsWithAccess(actor, 'manage') === 'all' ? ['all'] : (collaborativeIdsWithAccess(actor, 'manage') as string[]),
  };
}

export function checkHorizon(startYear: number, endYear: number) {
  if (endYear < startYear) throw Errors.validation([{ field: 'endYear', message: 'The last year comes on or after the first year' }]);
  if (endYear - startYear > 10) throw Errors.validation([{ field: 'endYear', message: 'A plan spans at most 10 years' }]);
}

export async function createPlan(database: Database, actor: Actor, meta: RequestMeta, input: CreatePlanInput) {
  return runCommand({ database, actor, meta }, async (tx) => {
    if (!(await collaborativeExists(tx, input.collaborativeId))) throw Errors.validation([{ field: 'collaborativeId', message: 'No such collaborative' }]);
    authorizeAction(can, actor, 'strategy.plan.create', { collaborativeId: input.collaborativeId });
    checkHorizon(input.startYear, input.endYear);
    const id = await repo.insertPlan(tx, input);
    return { result: await getPlanIn(tx, actor, id), audit: auditEntry('strategy.plan.create', 'strategy_plan', id, { title: input.title }) };
  });
}

export async function getPlan(database: Database, actor: Actor, id: string) {
  return getPlanIn(database.db, actor, id);
}

export async function updatePlan(database: Database, actor: Actor, meta: RequestMeta, id: string, input: UpdatePlanInput) {
  return runCommand({ database, actor, meta }, async (tx) => {
    const { plan } = await loadPlan(tx, actor, id, 'manage');
    const { version, ...changes } = input;
    assertOpen(plan);
    if ((changes.startYear !== undefined || changes.endYear !== undefined) && plan.status !== 'draft') {
      if ((changes.startYear ?? plan.startYear) !== plan.startYear || (changes.endYear ?? plan.endYear) !== plan.endYear) throw StrategyErrors.frozen('the horizon');
    }
    checkHorizon(changes.startYear ?? plan.startYear, changes.endYear ?? plan.endYear);
    let adopting = false;
    if (changes.status && changes.status !== plan.status) {
      const from = STATUS_ORDER.indexOf(plan.status);
      const to = STATUS_ORDER.indexOf(changes.status);
      if (to < from) throw Errors.validation([{ field: 'status', message: `A plan moves forward only: draft → adopted → active → closed (it is ${plan.status})` }]);
      if (plan.status === 'draft') {
        const goals = (await repo.listElements(tx, id)).filter((e) => e.kind === 'goal');
        if (!goals.length) throw Errors.validation([{ field: 'status', message: 'Add at least one goal before adopting the plan' }]);
        adopting = true;
      }
    }
    const ok = await repo.updatePlan(tx, id, version, changes, adopting);
    if (!ok) throw Errors.staleVersion(await getPlanIn(tx, actor, id));
    return { result: await getPlanIn(tx, actor, id), audit: auditEntry(changes.status && changes.status !== plan.status ? `strategy.plan.${changes.status}` : 'strategy.plan.update', 'strategy_plan', id, { changed: Object.keys(changes) }) };
  });
}

/** Snapshot of a plan's structure with stable keys: used for new versions and templates. */
export async function planContent(db: Db, plan: repo.PlanRow): Promise<repo.TemplateContent> {
  const elements = await repo.listElements(db, plan.id);
  const measures = await repo.listMeasures(db, plan.id);
  return {
    longTermOutcome: plan.longTermOutcome,
    elements: elements.map((e) => ({ key: e.templateKey ?? e.id, parentKey: e.parentId ? (elements.find((p) => p.id === e.parentId)?.templateKey ?? e.parentId) : null, kind: e.kind, title: e.title, titleFr: e.titleFr, description: e.description, position: e.position })),
    measures: measures.map((m) => ({
      key: m.templateKey ?? m.id,
      elementKey: elements.find((e) => e.id === m.elementId)?.templateKey ?? m.elementId,
      kind: m.kind,
      rbaType: m.rbaType,
      name: m.name,
      nameFr: m.nameFr,
      unit: m.unit,
      direction: m.direction,
      frequency: m.frequency,
    })),
  };
}

/** Creates elements and measures from content; returns the measure id for each content key. */
export async function instantiate(db: Db, planId: string, content: repo.TemplateContent): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const kind of ['theme', 'goal', 'strategy', 'action']) {
    for (const e of content.elements.filter((x) => x.kind === kind)) {
      const parentId = e.parentKey ? (ids.get(e.parentKey) ?? null) : null;
      ids.set(e.key, await repo.insertElement(db, { planId, parentId, kind: e.kind, title: e.title, titleFr: e.titleFr, description: e.description, position: e.position, templateKey: e.key }));
    }
  }
  const measureIds = new Map<string, string>();
  for (const m of content.measures) {
    const elementId = ids.get(m.elementKey);
    if (!elementId) continue;
    measureIds.set(
      m.key,
      await repo.insertMeasure(db, planId, { elementId, kind: m.kind, rbaType: m.rbaType, name: m.name, nameFr: m.nameFr, unit: m.unit, direction: m.direction, frequency: m.frequency, baselineValue: null, baselinePeriod: null, indicatorId: null, geographyId: null, templateKey: m.key }),
    );
  }
  return measureIds;
}

/** A new draft version of an adopted plan: the same structure and measures, open to change. */
export async function newPlanVersion(database: Database, actor: Actor, meta: RequestMeta, id: string) {
  return runCommand({ database, actor, meta }, async (tx) => {
    const { plan } = await loadPlan(tx, actor, id, 'manage');
    if (plan.status === 'draft') throw Errors.conflict('This plan is still a draft: edit it directly', 'status');
    const content = await planContent(tx, plan);
    const newId = await repo.insertPlan(tx, { ...plan, planVersion: plan.planVersion + 1, previousVersionId: plan.id, templateId: plan.templateId });
    const measureIds = await instantiate(tx, newId, content);
    // Measures keep their baselines, targets and values so the series continue.
    const oldMeasures = await repo.listMeasures(tx, plan.id);
    const targets = await repo.listTargets(tx, plan.id);
    const values = await repo.listValues(tx, plan.id);
    for (const m of oldMeasures) {
      const nid = measureIds.get(m.templateKey ?? m.id);
      if (!nid) continue;
      await repo.updateMeasure(tx, nid, 1, { baselineValue: m.baselineValue, baselinePeriod: m.baselinePeriod, indicatorId: m.indicatorId, geographyId: m.geographyId });
      for (const t of targets.filter((x) => x.measureId === m.id)) await repo.upsertTarget(tx, nid, t.period, t.value);
      for (const v of values.filter((x) => x.measureId === m.id)) await repo.upsertValue(tx, nid, v.period, v, v.recordedBy);
    }
    return { result: await getPlanIn(tx, actor, newId), audit: auditEntry('strategy.plan.new_version', 'strategy_plan', newId, { previousVersionId: plan.id, planVersion: plan.planVersion + 1 }) };
  });
}
