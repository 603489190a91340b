/**
 * Strategy use cases. Each write runs in one transaction and writes its audit row there.
 * Reads check the caller's access to the plan's collaborative first: 404 when they may not see it.
 */
import type { Database, Db } from '../../core/db/database';
import { actorLabel, actorUserId, type Actor, type RequestMeta } from '../../core/accounts/actor';
import { authorize, organizationIdsWithRole } from '../../core/accounts/accounts.policy';
import { recordAudit } from '../../core/audit/audit.service';
import { AppError, Errors } from '../../core/http/errors';
import { organizationExists } from '../../core/organizations/organizations.service';
import { geographyExists } from '../../core/geography/geography.service';
import { collaborativeAccess, collaborativeExists, collaborativeIdsLedBy, collaborativeIdsWithAccess, engagementRecordsByIds } from '../collaboratives/collaboratives.api';
import { findIndicators, indicatorSeries } from '../data/data.api';
import { notify, organizationRecipients } from '../notifications/notifications.api';
import * as repo from './strategy.repository';
import * as rba from './strategy.compute';
import type {
  CreateElementInput,
  CreateItemInput,
  CreateMeasureInput,
  CreatePlanInput,
  EvidenceInput,
  UpdateElementInput,
  UpdateItemInput,
  UpdateMeasureInput,
  UpdatePlanInput,
} from './strategy.schema';

type Access = 'manage' | 'member' | 'public';
const STATUS_ORDER = ['draft', 'adopted', 'active', 'closed'] as const;
const PARENT_KIND: Record<string, string | null> = { theme: null, goal: 'theme', strategy: 'goal', action: 'strategy' };

/** The clock the freshness and overdue checks use; tests move it. */
export const clock = { now: () => new Date() };

const frozen = (what: string) =>
  new AppError({
    status: 409,
    code: 'strategy.frozen',
    title: `Themes and goals are frozen once the plan is adopted. Start a new plan version to change ${what}.`,
    errors: [{ field: 'kind', message: 'Frozen: the plan is adopted' }],
  });
const closed = () => new AppError({ status: 409, code: 'strategy.closed', title: 'This plan is closed. Start a new plan version to make changes.', errors: [{ field: 'status', message: 'The plan is closed' }] });

// ── access ───────────────────────────────────────────────────────────────────────────────────
/**
 * Viewers (and administrators) of a collaborative's lead organization read its plans as a
 * member would: the organization answers for the collaborative's work. They never manage them.
 */
const LEAD_READERS = ['viewer', 'org_admin'] as const;
async function ledByMyOrganization(db: Db, actor: Actor | null): Promise<string[]> {
  if (!actor || actor.kind !== 'user') return [];
  return collaborativeIdsLedBy(db, organizationIdsWithRole(actor, ...LEAD_READERS));
}
async function readableCollaboratives(db: Db, actor: Actor): Promise<string[] | 'all'> {
  const ids = collaborativeIdsWithAccess(actor, 'member');
  if (ids === 'all') return ids;
  return [...new Set([...ids, ...(await ledByMyOrganization(db, actor))])];
}

async function loadPlan(db: Db, actor: Actor | null, id: string, need: Access = 'member'): Promise<{ plan: repo.PlanRow; access: Access }> {
  const plan = await repo.findPlan(db, id);
  if (!plan) throw Errors.notFound('Plan');
  let access = collaborativeAccess(actor, plan.collaborativeId);
  if (access === 'public' && need !== 'public' && (await ledByMyOrganization(db, actor)).includes(plan.collaborativeId)) access = 'member';
  if (access === 'public' && !(need === 'public' && plan.publicScorecard)) throw Errors.notFound('Plan');
  if (need === 'manage') authorize(access === 'manage', 'strategy.manage');
  return { plan, access };
}

async function audit(tx: Db, actor: Actor, meta: RequestMeta, action: string, entityType: string, entityId: string, details: Record<string, unknown> = {}) {
  await recordAudit(tx, actor, meta, { action, entityType, entityId, details });
}

// ── plans ────────────────────────────────────────────────────────────────────────────────────
export async function listPlans(database: Database, actor: Actor, collaborativeId?: string) {
  const ids = await readableCollaboratives(database.db, actor);
  const rows = await repo.listPlans(database.db, ids, collaborativeId);
  return {
    items: rows.map(summary),
    manageableCollaboratives: collaborativeIdsWithAccess(actor, 'manage') === 'all' ? ['all'] : (collaborativeIdsWithAccess(actor, 'manage') as string[]),
  };
}

function summary(p: repo.PlanRow) {
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

function checkHorizon(startYear: number, endYear: number) {
  if (endYear < startYear) throw Errors.validation([{ field: 'endYear', message: 'The last year comes on or after the first year' }]);
  if (endYear - startYear > 10) throw Errors.validation([{ field: 'endYear', message: 'A plan spans at most 10 years' }]);
}

export async function createPlan(database: Database, actor: Actor, meta: RequestMeta, input: CreatePlanInput) {
  return database.db.transaction(async (tx) => {
    if (!(await collaborativeExists(tx, input.collaborativeId))) throw Errors.validation([{ field: 'collaborativeId', message: 'No such collaborative' }]);
    authorize(collaborativeAccess(actor, input.collaborativeId) === 'manage', 'strategy.plan.create');
    checkHorizon(input.startYear, input.endYear);
    const id = await repo.insertPlan(tx, input);
    await audit(tx, actor, meta, 'strategy.plan.create', 'strategy_plan', id, { title: input.title });
    return getPlanIn(tx, actor, id);
  });
}

export async function getPlan(database: Database, actor: Actor, id: string) {
  return getPlanIn(database.db, actor, id);
}

async function getPlanIn(db: Db, actor: Actor | null, id: string) {
  const { plan, access } = await loadPlan(db, actor, id);
  return presentPlan(db, actor, plan, access);
}

export async function presentPlan(db: Db, actor: Actor | null, plan: repo.PlanRow, access: Access) {
  const [elements, evidence, measures] = [await repo.listElements(db, plan.id), await repo.listEvidence(db, plan.id), await presentMeasures(db, actor, plan)];
  const freshness = rba.planFreshness(measures.map((m) => m.freshness));
  const exp = rba.expectedPeriod('annual', clock.now());
  return {
    ...summary(plan),
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
    actions: { manage: access === 'manage' && plan.status !== 'closed', newVersion: access === 'manage' && plan.status !== 'draft' },
  };
}

export async function presentMeasures(db: Db, actor: Actor | null, plan: repo.PlanRow) {
  const measures = await repo.listMeasures(db, plan.id);
  const targets = await repo.listTargets(db, plan.id);
  const values = await repo.listValues(db, plan.id);
  const out = [];
  for (const m of measures) out.push(await presentMeasure(db, actor, plan, m, targets, values));
  return out;
}

async function repositoryValues(db: Db, actor: Actor | null, m: repo.MeasureRow): Promise<rba.Point[]> {
  if (!m.indicatorId || !m.geographyId) return [];
  // Public data only, already suppressed for this reader: a suppressed value is not a value.
  const series = await indicatorSeries(db, actor, { indicatorId: m.indicatorId, geographyId: m.geographyId });
  return series.filter((s) => s.value !== null).map((s) => ({ period: s.period, value: s.value! }));
}

/** Counts of people from 1 to 4 are never shown publicly (docs/disclosure-control.md). */
export const PUBLIC_COUNT_THRESHOLD = 5;

/** Measure units as the data repository names them. */
const repositoryUnit: Record<string, string> = { rate: 'rate_per_1000', number: 'index' };

/** A linked repository indicator must exist and measure in the same unit as the measure. */
async function checkIndicatorLink(db: Db, actor: Actor, indicatorId: string | null | undefined, unit: string) {
  if (!indicatorId) return;
  const [indicator] = await findIndicators(db, actor, { ids: [indicatorId] });
  if (!indicator) throw Errors.validation([{ field: 'indicatorId', message: 'No such indicator in the community data repository' }]);
  if (indicator.unit !== (repositoryUnit[unit] ?? unit)) throw Errors.validation([{ field: 'indicatorId', message: `The indicator is measured as ${indicator.unit}, this measure as ${unit}` }]);
}

async function presentMeasure(
  db: Db,
  actor: Actor | null,
  plan: repo.PlanRow,
  m: repo.MeasureRow,
  allTargets: { measureId: string; period: string; value: number }[],
  allValues: Awaited<ReturnType<typeof repo.listValues>>,
) {
  const targets = allTargets.filter((t) => t.measureId === m.id).map((t) => ({ period: t.period, value: t.value }));
  // Shown to the public (no reader: the public scorecard, report cards), hand-entered counts of
  // people go through disclosure control like every published aggregate: small ones are not values.
  const entered = allValues.filter((v) => v.measureId === m.id);
  const guarded = rba.protectCounts(m.unit, PUBLIC_COUNT_THRESHOLD, m.baselineValue !== null && m.baselinePeriod ? { period: m.baselinePeriod, value: m.baselineValue } : null, entered);
  const protect = actor === null;
  const values = protect ? guarded.values : entered;
  const pulled = await repositoryValues(db, actor, m);
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
    freshness: rba.freshnessOf({ frequency: m.frequency, startYear: plan.startYear, endYear: plan.endYear, actuals, baselinePeriod: m.baselinePeriod, now: clock.now() }),
    curve: rba.turnTheCurve({ frequency: m.frequency, startYear: plan.startYear, endYear: plan.endYear, baseline, targets, actuals }),
    version: m.version,
  };
}

export async function updatePlan(database: Database, actor: Actor, meta: RequestMeta, id: string, input: UpdatePlanInput) {
  return database.db.transaction(async (tx) => {
    const { plan } = await loadPlan(tx, actor, id, 'manage');
    const { version, ...changes } = input;
    if (plan.status === 'closed') throw closed();
    if ((changes.startYear !== undefined || changes.endYear !== undefined) && plan.status !== 'draft') {
      if ((changes.startYear ?? plan.startYear) !== plan.startYear || (changes.endYear ?? plan.endYear) !== plan.endYear) throw frozen('the horizon');
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
    await audit(tx, actor, meta, changes.status && changes.status !== plan.status ? `strategy.plan.${changes.status}` : 'strategy.plan.update', 'strategy_plan', id, { changed: Object.keys(changes) });
    return getPlanIn(tx, actor, id);
  });
}

/** Snapshot of a plan's structure with stable keys: used for new versions and templates. */
async function planContent(db: Db, plan: repo.PlanRow): Promise<repo.TemplateContent> {
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
async function instantiate(db: Db, planId: string, content: repo.TemplateContent): Promise<Map<string, string>> {
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
  return database.db.transaction(async (tx) => {
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
    await audit(tx, actor, meta, 'strategy.plan.new_version', 'strategy_plan', newId, { previousVersionId: plan.id, planVersion: plan.planVersion + 1 });
    return getPlanIn(tx, actor, newId);
  });
}

// ── elements ─────────────────────────────────────────────────────────────────────────────────
function snapshotOf(e: repo.ElementRow) {
  return { kind: e.kind, title: e.title, titleFr: e.titleFr, description: e.description, position: e.position, parentId: e.parentId };
}

async function history(tx: Db, actor: Actor, e: { id: string; planId: string }, change: string, before: unknown, after: unknown) {
  await repo.insertHistory(tx, { elementId: e.id, planId: e.planId, change, actorLabel: actorLabel(actor), actorUserId: actorUserId(actor), before, after });
}

export async function createElement(database: Database, actor: Actor, meta: RequestMeta, planId: string, input: CreateElementInput) {
  return database.db.transaction(async (tx) => {
    const { plan } = await loadPlan(tx, actor, planId, 'manage');
    if (plan.status === 'closed') throw closed();
    if (plan.status !== 'draft' && (input.kind === 'theme' || input.kind === 'goal')) throw frozen(`its ${input.kind}s`);
    const parentKind = PARENT_KIND[input.kind];
    let parentId: string | null = null;
    if (parentKind) {
      if (!input.parentId) throw Errors.validation([{ field: 'parentId', message: `A ${input.kind} belongs to a ${parentKind}` }]);
      const parent = await repo.findElement(tx, input.parentId);
      if (!parent || parent.planId !== planId) throw Errors.validation([{ field: 'parentId', message: 'No such element in this plan' }]);
      if (parent.kind !== parentKind) throw Errors.validation([{ field: 'parentId', message: `A ${input.kind} belongs to a ${parentKind}, not a ${parent.kind}` }]);
      parentId = parent.id;
    } else if (input.parentId) {
      throw Errors.validation([{ field: 'parentId', message: 'A theme is at the top of the plan' }]);
    }
    const id = await repo.insertElement(tx, { planId, parentId, kind: input.kind, title: input.title, titleFr: input.titleFr, description: input.description, position: input.position });
    const row = (await repo.findElement(tx, id))!;
    await history(tx, actor, row, 'create', null, snapshotOf(row));
    await audit(tx, actor, meta, 'strategy.element.create', 'strategy_element', id, { planId, kind: input.kind });
    return row;
  });
}

async function loadElement(tx: Db, actor: Actor, id: string) {
  const el = await repo.findElement(tx, id);
  if (!el) throw Errors.notFound('Plan element');
  const { plan } = await loadPlan(tx, actor, el.planId, 'manage');
  if (plan.status === 'closed') throw closed();
  if (plan.status !== 'draft' && (el.kind === 'theme' || el.kind === 'goal')) throw frozen(`this ${el.kind}`);
  return { el, plan };
}

export async function updateElement(database: Database, actor: Actor, meta: RequestMeta, id: string, input: UpdateElementInput) {
  return database.db.transaction(async (tx) => {
    const { el } = await loadElement(tx, actor, id);
    const { version, ...changes } = input;
    if (!(await repo.updateElement(tx, id, version, changes))) throw Errors.staleVersion(el);
    const after = (await repo.findElement(tx, id))!;
    await history(tx, actor, after, 'update', snapshotOf(el), snapshotOf(after));
    await audit(tx, actor, meta, 'strategy.element.update', 'strategy_element', id, { changed: Object.keys(changes) });
    return after;
  });
}

export async function deleteElement(database: Database, actor: Actor, meta: RequestMeta, id: string, version: number) {
  await database.db.transaction(async (tx) => {
    const { el } = await loadElement(tx, actor, id);
    if (await repo.hasChildren(tx, id)) throw Errors.conflict('Remove or move what is under this element first', 'id');
    if (!(await repo.softDeleteElement(tx, id, version))) throw Errors.staleVersion(el);
    await history(tx, actor, el, 'delete', snapshotOf(el), null);
    await audit(tx, actor, meta, 'strategy.element.delete', 'strategy_element', id, { planId: el.planId });
  });
}

export async function elementHistory(database: Database, actor: Actor, id: string) {
  const el = await repo.findElement(database.db, id);
  if (!el) throw Errors.notFound('Plan element');
  await loadPlan(database.db, actor, el.planId);
  return { items: await repo.listHistory(database.db, id) };
}

export async function addEvidence(database: Database, actor: Actor, meta: RequestMeta, elementId: string, input: EvidenceInput) {
  return database.db.transaction(async (tx) => {
    const el = await repo.findElement(tx, elementId);
    if (!el) throw Errors.notFound('Plan element');
    const { plan } = await loadPlan(tx, actor, el.planId, 'manage');
    if (input.kind !== 'document' && !input.refId) throw Errors.validation([{ field: 'refId', message: 'Give the id or address this links to' }]);
    if (input.kind === 'url' && !/^https?:\/\/\S+$/i.test(input.refId ?? '')) throw Errors.validation([{ field: 'refId', message: 'Start the address with http:// or https://' }]);
    if (input.kind === 'engagement') {
      const found = await engagementRecordsByIds(tx, plan.collaborativeId, [input.refId!]);
      if (!found.length) throw Errors.validation([{ field: 'refId', message: 'No such engagement record in this collaborative' }]);
    }
    const id = await repo.insertEvidence(tx, elementId, input);
    await audit(tx, actor, meta, 'strategy.evidence.create', 'strategy_element', elementId, { kind: input.kind, refId: input.refId ?? null });
    return { id };
  });
}

export async function removeEvidence(database: Database, actor: Actor, meta: RequestMeta, id: string) {
  await database.db.transaction(async (tx) => {
    const ev = await repo.findEvidence(tx, id);
    if (!ev) throw Errors.notFound('Evidence link');
    await loadPlan(tx, actor, ev.planId, 'manage');
    await repo.deleteEvidence(tx, id);
    await audit(tx, actor, meta, 'strategy.evidence.delete', 'strategy_element', ev.elementId, { evidenceId: id });
  });
}

// ── measures ─────────────────────────────────────────────────────────────────────────────────
function checkMeasureShape(kind: 'population' | 'performance', rbaType: string | null | undefined, elementKind: string) {
  if (kind === 'population') {
    if (elementKind !== 'goal') throw Errors.validation([{ field: 'elementId', message: 'Population indicators attach to goals' }]);
    if (rbaType) throw Errors.validation([{ field: 'rbaType', message: 'Only performance measures have an RBA type' }]);
  } else {
    if (elementKind !== 'strategy' && elementKind !== 'action') throw Errors.validation([{ field: 'elementId', message: 'Performance measures attach to strategies and actions' }]);
    if (!rbaType) throw Errors.validation([{ field: 'rbaType', message: 'Choose how much, how well or better off' }]);
  }
}

function checkBaseline(m: { unit: rba.Unit; frequency: rba.Frequency; baselineValue?: number | null; baselinePeriod?: string | null }) {
  if ((m.baselineValue ?? null) === null !== ((m.baselinePeriod ?? null) === null)) throw Errors.validation([{ field: m.baselinePeriod ? 'baselineValue' : 'baselinePeriod', message: 'Give both the baseline value and its period' }]);
  if (m.baselinePeriod) {
    const p = rba.periodProblem(m.baselinePeriod, m.frequency);
    if (p) throw Errors.validation([{ field: 'baselinePeriod', message: p }]);
  }
  if (m.baselineValue !== null && m.baselineValue !== undefined) {
    const p = rba.valueProblem(m.baselineValue, m.unit);
    if (p) throw Errors.validation([{ field: 'baselineValue', message: p }]);
  }
}

export async function createMeasure(database: Database, actor: Actor, meta: RequestMeta, planId: string, input: CreateMeasureInput) {
  return database.db.transaction(async (tx) => {
    const { plan } = await loadPlan(tx, actor, planId, 'manage');
    if (plan.status === 'closed') throw closed();
    const el = await repo.findElement(tx, input.elementId);
    if (!el || el.planId !== planId) throw Errors.validation([{ field: 'elementId', message: 'No such element in this plan' }]);
    checkMeasureShape(input.kind, input.rbaType, el.kind);
    checkBaseline(input);
    if (input.geographyId && !(await geographyExists(tx, input.geographyId))) throw Errors.validation([{ field: 'geographyId', message: 'No such geography' }]);
    await checkIndicatorLink(tx, actor, input.indicatorId, input.unit);
    const id = await repo.insertMeasure(tx, planId, {
      elementId: el.id,
      kind: input.kind,
      rbaType: input.rbaType ?? null,
      name: input.name,
      nameFr: input.nameFr ?? null,
      unit: input.unit,
      direction: input.direction,
      frequency: input.frequency,
      baselineValue: input.baselineValue ?? null,
      baselinePeriod: input.baselinePeriod ?? null,
      indicatorId: input.indicatorId ?? null,
      geographyId: input.geographyId ?? null,
      templateKey: null,
    });
    await audit(tx, actor, meta, 'strategy.measure.create', 'strategy_measure', id, { planId, kind: input.kind, rbaType: input.rbaType ?? null });
    return getMeasureIn(tx, actor, id);
  });
}

async function loadMeasure(db: Db, actor: Actor, id: string, need: Access) {
  const m = await repo.findMeasure(db, id);
  if (!m) throw Errors.notFound('Measure');
  const { plan } = await loadPlan(db, actor, m.planId, need);
  if (need === 'manage' && plan.status === 'closed') throw closed();
  return { m, plan };
}

async function getMeasureIn(db: Db, actor: Actor, id: string) {
  const { m, plan } = await loadMeasure(db, actor, id, 'member');
  return presentMeasure(db, actor, plan, m, await repo.listTargets(db, plan.id, id), await repo.listValues(db, plan.id, id));
}

export const getMeasure = (database: Database, actor: Actor, id: string) => getMeasureIn(database.db, actor, id);

export async function updateMeasure(database: Database, actor: Actor, meta: RequestMeta, id: string, input: UpdateMeasureInput) {
  return database.db.transaction(async (tx) => {
    const { m } = await loadMeasure(tx, actor, id, 'manage');
    const { version, ...changes } = input;
    const el = (await repo.findElement(tx, m.elementId))!;
    if (changes.rbaType !== undefined) checkMeasureShape(m.kind, changes.rbaType, el.kind);
    const merged = { unit: m.unit, frequency: changes.frequency ?? m.frequency, baselineValue: changes.baselineValue !== undefined ? changes.baselineValue : m.baselineValue, baselinePeriod: changes.baselinePeriod !== undefined ? changes.baselinePeriod : m.baselinePeriod };
    checkBaseline(merged);
    if (changes.indicatorId !== undefined) await checkIndicatorLink(tx, actor, changes.indicatorId, m.unit);
    if (changes.frequency && changes.frequency !== m.frequency) {
      const has = (await repo.listTargets(tx, m.planId, id)).length > 0 || (await repo.listValues(tx, m.planId, id)).length > 0;
      if (has) throw Errors.validation([{ field: 'frequency', message: 'The reporting frequency cannot change once targets or values are recorded' }]);
    }
    if (!(await repo.updateMeasure(tx, id, version, changes))) throw Errors.staleVersion(await getMeasureIn(tx, actor, id));
    await audit(tx, actor, meta, 'strategy.measure.update', 'strategy_measure', id, { changed: Object.keys(changes) });
    return getMeasureIn(tx, actor, id);
  });
}

/** A period must fit the measure's frequency; targets must also fall inside the plan's horizon. */
function checkPeriod(m: repo.MeasureRow, plan: repo.PlanRow, period: string, kind: 'target' | 'value', field = 'period') {
  const p = rba.periodProblem(period, m.frequency);
  if (p) throw Errors.validation([{ field, message: p }]);
  const y = rba.periodYear(period);
  if (kind === 'target' && (y < plan.startYear || y > plan.endYear)) throw Errors.validation([{ field, message: `Targets are for periods inside the plan's horizon, ${plan.startYear}–${plan.endYear}` }]);
  if (kind === 'value' && (y < plan.startYear - 10 || y > plan.endYear)) throw Errors.validation([{ field, message: `Values are for ${plan.startYear - 10}–${plan.endYear}` }]);
}

export async function setTarget(database: Database, actor: Actor, meta: RequestMeta, id: string, period: string, value: number) {
  return database.db.transaction(async (tx) => {
    const { m, plan } = await loadMeasure(tx, actor, id, 'manage');
    checkPeriod(m, plan, period, 'target');
    const p = rba.valueProblem(value, m.unit);
    if (p) throw Errors.validation([{ field: 'value', message: p }]);
    await repo.upsertTarget(tx, id, period, value);
    await audit(tx, actor, meta, 'strategy.measure.target', 'strategy_measure', id, { period, value });
    return getMeasureIn(tx, actor, id);
  });
}

export async function setValue(database: Database, actor: Actor, meta: RequestMeta, id: string, period: string, input: { value: number; source?: string | null; notes?: string | null; illustrative?: boolean }) {
  return database.db.transaction(async (tx) => {
    const { m, plan } = await loadMeasure(tx, actor, id, 'manage');
    await writeValue(tx, actor, meta, m, plan, period, input);
    return getMeasureIn(tx, actor, id);
  });
}

async function writeValue(tx: Db, actor: Actor, meta: RequestMeta, m: repo.MeasureRow, plan: repo.PlanRow, period: string, input: { value: number; source?: string | null; notes?: string | null; illustrative?: boolean }) {
  checkPeriod(m, plan, period, 'value');
  const p = rba.valueProblem(input.value, m.unit);
  if (p) throw Errors.validation([{ field: 'value', message: p }]);
  const before = await repo.findValue(tx, m.id, period);
  await repo.upsertValue(tx, m.id, period, input, actorLabel(actor));
  await audit(tx, actor, meta, 'strategy.measure.value', 'strategy_measure', m.id, { period, value: input.value, before: before?.value ?? null });
}

// ── action plans ─────────────────────────────────────────────────────────────────────────────
export async function listActionPlans(database: Database, actor: Actor, planId: string) {
  await loadPlan(database.db, actor, planId);
  return { items: await repo.listActionPlans(database.db, planId) };
}

export async function createActionPlan(database: Database, actor: Actor, meta: RequestMeta, planId: string, input: { year: number; stalledAfterDays?: number }) {
  return database.db.transaction(async (tx) => {
    const { plan } = await loadPlan(tx, actor, planId, 'manage');
    if (plan.status === 'closed') throw closed();
    if (input.year < plan.startYear || input.year > plan.endYear) throw Errors.validation([{ field: 'year', message: `Choose a year inside the plan's horizon, ${plan.startYear}–${plan.endYear}` }]);
    if (await repo.findActionPlanByYear(tx, planId, input.year)) throw Errors.conflict(`This plan already has an action plan for ${input.year}`, 'year');
    const id = await repo.insertActionPlan(tx, planId, input.year, input.stalledAfterDays);
    await audit(tx, actor, meta, 'strategy.action_plan.create', 'strategy_action_plan', id, { planId, year: input.year });
    return getActionPlanIn(tx, actor, id);
  });
}

export const getActionPlan = (database: Database, actor: Actor, id: string) => getActionPlanIn(database.db, actor, id);

async function getActionPlanIn(db: Db, actor: Actor, id: string) {
  const ap = await repo.findActionPlan(db, id);
  if (!ap) throw Errors.notFound('Action plan');
  const { plan, access } = await loadPlan(db, actor, ap.planId);
  return { id: ap.id, planId: ap.planId, year: ap.year, stalledAfterDays: ap.stalledAfterDays, items: await presentItems(db, ap), actions: { manage: access === 'manage' && plan.status !== 'closed' } };
}

export async function presentItems(db: Db, ap: { id: string; stalledAfterDays: number }) {
  const items = await repo.listItems(db, ap.id);
  const notes = await repo.listNotes(db, ap.id);
  const orgs = await repo.organizationNames(db, [...new Set(items.flatMap((i) => i.partnerOrganizationIds))]);
  const today = clock.now();
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
    ...rba.actionFlags(i, today, ap.stalledAfterDays),
    notes: notes.filter((n) => n.itemId === i.id).map(({ itemId: _i, ...n }) => n),
    version: i.version,
  }));
}

async function checkItemRefs(tx: Db, input: Partial<CreateItemInput>) {
  for (const [n, id] of (input.partnerOrganizationIds ?? []).entries()) {
    if (!(await organizationExists(tx, id))) throw Errors.validation([{ field: `partnerOrganizationIds.${n}`, message: 'No such organization' }]);
  }
  if (input.championOrganizationId && !(await organizationExists(tx, input.championOrganizationId))) throw Errors.validation([{ field: 'championOrganizationId', message: 'No such organization' }]);
  if (input.startDate && input.dueDate && input.dueDate < input.startDate) throw Errors.validation([{ field: 'dueDate', message: 'The due date comes on or after the start date' }]);
}

export async function addItem(database: Database, actor: Actor, meta: RequestMeta, actionPlanId: string, input: CreateItemInput) {
  return database.db.transaction(async (tx) => {
    const ap = await repo.findActionPlan(tx, actionPlanId);
    if (!ap) throw Errors.notFound('Action plan');
    const { plan } = await loadPlan(tx, actor, ap.planId, 'manage');
    if (plan.status === 'closed') throw closed();
    const action = await repo.findElement(tx, input.actionId);
    if (!action) throw Errors.validation([{ field: 'actionId', message: 'No such action' }]);
    if (action.planId !== plan.id) {
      const other = await repo.findPlan(tx, action.planId);
      throw Errors.validation([
        { field: 'actionId', message: other && other.collaborativeId !== plan.collaborativeId ? "This action belongs to another collaborative's plan" : 'This action belongs to another plan' },
      ]);
    }
    if (action.kind !== 'action') throw Errors.validation([{ field: 'actionId', message: `Choose an action, not a ${action.kind}` }]);
    if ((await repo.listItems(tx, actionPlanId)).some((i) => i.actionId === action.id)) throw Errors.conflict('This action is already in this action plan', 'actionId');
    await checkItemRefs(tx, input);
    const { actionId, ...rest } = input;
    const { status } = rest;
    if (status === 'completed' && rest.percentComplete === undefined) rest.percentComplete = 100;
    const id = await repo.insertItem(tx, actionPlanId, actionId, rest);
    await audit(tx, actor, meta, 'strategy.action_plan.add', 'strategy_action_plan', actionPlanId, { itemId: id, actionId });
    await notify(tx, await organizationRecipients(tx, rest.championOrganizationId, ['org_admin']), { kind: 'action_item_assigned', params: { title: action.title, place: plan.title }, link: `/strategy/plans/${plan.id}/action-plans/${actionPlanId}`, subjectId: id }, actor);
    return getActionPlanIn(tx, actor, actionPlanId);
  });
}

async function loadItem(tx: Db, actor: Actor, id: string) {
  const item = await repo.findItem(tx, id);
  if (!item) throw Errors.notFound('Action plan item');
  const { plan } = await loadPlan(tx, actor, item.planId, 'manage');
  if (plan.status === 'closed') throw closed();
  return item;
}

export async function updateItem(database: Database, actor: Actor, meta: RequestMeta, id: string, input: UpdateItemInput) {
  return database.db.transaction(async (tx) => {
    const item = await loadItem(tx, actor, id);
    const { version, ...changes } = input;
    await checkItemRefs(tx, { ...changes, startDate: changes.startDate !== undefined ? changes.startDate : item.startDate, dueDate: changes.dueDate !== undefined ? changes.dueDate : item.dueDate });
    if (changes.status === 'completed' && changes.percentComplete === undefined) changes.percentComplete = 100;
    if (!(await repo.updateItem(tx, id, version, changes))) throw Errors.staleVersion({ id, version: item.version });
    await audit(tx, actor, meta, 'strategy.action_plan.update', 'strategy_action_plan', item.actionPlanId, { itemId: id, changed: Object.keys(changes) });
    if (changes.championOrganizationId && changes.championOrganizationId !== item.championOrganizationId) await notify(tx, await organizationRecipients(tx, changes.championOrganizationId, ['org_admin']), { kind: 'action_item_assigned', params: { title: item.actionTitle, place: item.strategyTitle }, link: `/strategy/plans/${item.planId}/action-plans/${item.actionPlanId}`, subjectId: id }, actor);
    return getActionPlanIn(tx, actor, item.actionPlanId);
  });
}

export async function addNote(database: Database, actor: Actor, meta: RequestMeta, id: string, input: { note: string; status?: string; percentComplete?: number }) {
  return database.db.transaction(async (tx) => {
    const item = await loadItem(tx, actor, id);
    await applyProgress(tx, actor, item, input);
    await audit(tx, actor, meta, 'strategy.action_plan.note', 'strategy_action_plan', item.actionPlanId, { itemId: id, status: input.status ?? null, percentComplete: input.percentComplete ?? null });
    return getActionPlanIn(tx, actor, item.actionPlanId);
  });
}

async function applyProgress(tx: Db, actor: Actor, item: repo.ItemRow, input: { note?: string | null; status?: string; percentComplete?: number }) {
  const changes: Record<string, unknown> = {};
  if (input.status) changes.status = input.status;
  if (input.percentComplete !== undefined) changes.percentComplete = input.percentComplete;
  else if (input.status === 'completed') changes.percentComplete = 100;
  if (Object.keys(changes).length) await repo.updateItem(tx, item.id, item.version, changes);
  if (input.note) await repo.insertNote(tx, item.id, { note: input.note, status: input.status ?? null, percentComplete: input.percentComplete ?? null }, actorLabel(actor));
}

// ── theory of change ─────────────────────────────────────────────────────────────────────────
export async function theoryOfChange(database: Database, actor: Actor, planId: string) {
  const { plan, access } = await loadPlan(database.db, actor, planId);
  return {
    longTermOutcome: plan.longTermOutcome,
    nodes: await repo.listTocNodes(database.db, planId),
    edges: await repo.listTocEdges(database.db, planId),
    actions: { manage: access === 'manage' && plan.status !== 'closed' },
  };
}

export async function addTocNode(database: Database, actor: Actor, meta: RequestMeta, planId: string, input: { kind: string; label: string; elementId?: string | null }) {
  await database.db.transaction(async (tx) => {
    await loadPlan(tx, actor, planId, 'manage');
    if (input.elementId) {
      const el = await repo.findElement(tx, input.elementId);
      if (!el || el.planId !== planId || el.kind !== 'action') throw Errors.validation([{ field: 'elementId', message: 'Choose an action of this plan' }]);
    }
    const id = await repo.insertTocNode(tx, planId, input);
    await audit(tx, actor, meta, 'strategy.toc.node', 'strategy_plan', planId, { nodeId: id, kind: input.kind });
  });
  return theoryOfChange(database, actor, planId);
}

export async function addTocEdge(database: Database, actor: Actor, meta: RequestMeta, planId: string, from: string, to: string) {
  await database.db.transaction(async (tx) => {
    await loadPlan(tx, actor, planId, 'manage');
    const nodes = await repo.listTocNodes(tx, planId);
    if (!nodes.some((n) => n.id === from)) throw Errors.validation([{ field: 'from', message: 'No such node in this plan' }]);
    if (!nodes.some((n) => n.id === to)) throw Errors.validation([{ field: 'to', message: 'No such node in this plan' }]);
    const edges = await repo.listTocEdges(tx, planId);
    if (rba.wouldCycle(edges.map((e) => [e.from, e.to]), from, to)) {
      throw Errors.validation([{ field: 'to', message: 'This link would make a circle: a precondition cannot lead back to itself' }]);
    }
    await repo.insertTocEdge(tx, planId, from, to);
    await audit(tx, actor, meta, 'strategy.toc.edge', 'strategy_plan', planId, { from, to });
  });
  return theoryOfChange(database, actor, planId);
}

export async function removeTocNode(database: Database, actor: Actor, meta: RequestMeta, planId: string, nodeId: string) {
  await database.db.transaction(async (tx) => {
    await loadPlan(tx, actor, planId, 'manage');
    if (!(await repo.deleteTocNode(tx, planId, nodeId))) throw Errors.notFound('Theory of change node');
    await audit(tx, actor, meta, 'strategy.toc.node_delete', 'strategy_plan', planId, { nodeId });
  });
  return theoryOfChange(database, actor, planId);
}

export async function removeTocEdge(database: Database, actor: Actor, meta: RequestMeta, planId: string, from: string, to: string) {
  await database.db.transaction(async (tx) => {
    await loadPlan(tx, actor, planId, 'manage');
    await repo.deleteTocEdge(tx, planId, from, to);
    await audit(tx, actor, meta, 'strategy.toc.edge_delete', 'strategy_plan', planId, { from, to });
  });
  return theoryOfChange(database, actor, planId);
}

// ── templates and comparison ─────────────────────────────────────────────────────────────────
function presentTemplate(t: repo.TemplateRow) {
  return { id: t.id, name: t.name, description: t.description, sourcePlanId: t.sourcePlanId, publishedBy: t.publishedBy, createdAt: t.createdAt, measureCount: t.content.measures.length, planCount: t.planCount };
}

export async function listTemplates(database: Database) {
  return { items: (await repo.listTemplates(database.db)).map(presentTemplate) };
}

export async function publishTemplate(database: Database, actor: Actor, meta: RequestMeta, planId: string, input: { name: string; description?: string | null }) {
  return database.db.transaction(async (tx) => {
    const { plan } = await loadPlan(tx, actor, planId, 'manage');
    if (await repo.findTemplateByName(tx, input.name)) throw Errors.conflict('A template with this name exists', 'name');
    const id = await repo.insertTemplate(tx, { name: input.name, description: input.description, sourcePlanId: plan.id, content: await planContent(tx, plan), by: actorLabel(actor) });
    await audit(tx, actor, meta, 'strategy.template.publish', 'strategy_template', id, { planId, name: input.name });
    return presentTemplate((await repo.findTemplate(tx, id))!);
  });
}

/** Creates a template from content directly (seeds, CLI). */
export async function insertTemplateContent(db: Db, name: string, description: string, content: repo.TemplateContent, by: string) {
  return (await repo.findTemplateByName(db, name)) ?? repo.insertTemplate(db, { name, description, sourcePlanId: null, content, by });
}

export async function cloneTemplate(database: Database, actor: Actor, meta: RequestMeta, templateId: string, input: { collaborativeId: string; title: string; startYear: number; endYear: number }) {
  return database.db.transaction(async (tx) => {
    const t = await repo.findTemplate(tx, templateId);
    if (!t) throw Errors.notFound('Template');
    if (!(await collaborativeExists(tx, input.collaborativeId))) throw Errors.validation([{ field: 'collaborativeId', message: 'No such collaborative' }]);
    authorize(collaborativeAccess(actor, input.collaborativeId) === 'manage', 'strategy.plan.create');
    checkHorizon(input.startYear, input.endYear);
    const id = await repo.insertPlan(tx, { collaborativeId: input.collaborativeId, title: input.title, startYear: input.startYear, endYear: input.endYear, longTermOutcome: t.content.longTermOutcome, templateId });
    await instantiate(tx, id, t.content);
    await audit(tx, actor, meta, 'strategy.template.clone', 'strategy_plan', id, { templateId });
    return getPlanIn(tx, actor, id);
  });
}

/** Plans built from one template, side by side on the template's measures. */
export async function compareTemplate(database: Database, actor: Actor, templateId: string) {
  const db = database.db;
  const t = await repo.findTemplate(db, templateId);
  if (!t) throw Errors.notFound('Template');
  const plans = await repo.plansFromTemplate(db, templateId, await readableCollaboratives(db, actor));
  const perPlan = new Map<string, Awaited<ReturnType<typeof presentMeasures>>>();
  for (const p of plans) perPlan.set(p.id, await presentMeasures(db, actor, p));
  return {
    template: presentTemplate(t),
    plans: plans.map((p) => ({ id: p.id, title: p.title, collaborativeName: p.collaborativeName })),
    measures: t.content.measures.map((m) => ({
      templateKey: m.key,
      name: m.name,
      unit: m.unit,
      cells: plans.map((p) => {
        const pm = perPlan.get(p.id)!.find((x) => x.templateKey === m.key);
        return { planId: p.id, latest: pm?.latest ?? null, target: pm?.currentTarget ?? null, status: pm?.status ?? 'no_data' };
      }),
    })),
  };
}

// ── scorecard ────────────────────────────────────────────────────────────────────────────────
export async function scorecard(database: Database, actor: Actor | null, planId: string, opts: { themeId?: string; publicLink?: boolean }) {
  const db = database.db;
  const { plan, access } = await loadPlan(db, actor, planId, opts.publicLink ? 'public' : 'member');
  if (opts.publicLink && !plan.publicScorecard) throw Errors.notFound('Plan');
  const full = await presentPlan(db, opts.publicLink ? null : actor, plan, opts.publicLink ? 'public' : access);
  const byId = new Map(full.elements.map((e) => [e.id, e]));
  const goalOf = (elementId: string): string | null => {
    let e = byId.get(elementId);
    while (e && e.kind !== 'goal') e = e.parentId ? byId.get(e.parentId) : undefined;
    return e?.id ?? null;
  };
  const themes = full.elements.filter((e) => e.kind === 'theme');
  const goals = full.elements.filter((e) => e.kind === 'goal' && (!opts.themeId || e.parentId === opts.themeId));
  return {
    plan: { ...summary(plan), collaborativeName: plan.collaborativeName },
    themes: themes.map((t) => ({ id: t.id, title: t.title, titleFr: t.titleFr })),
    goals: goals.map((g) => ({
      id: g.id,
      themeId: g.parentId,
      title: g.title,
      titleFr: g.titleFr,
      measures: full.measures
        .filter((m) => goalOf(m.elementId) === g.id)
        .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'population' ? -1 : 1))
        .map((m) => ({ id: m.id, kind: m.kind, rbaType: m.rbaType, name: m.name, nameFr: m.nameFr, unit: m.unit, direction: m.direction, baselineValue: m.baselineValue, baselinePeriod: m.baselinePeriod, suppressedPeriods: m.suppressedPeriods, status: m.status, trend: m.trend, latest: m.latest, currentTarget: m.currentTarget, freshness: m.freshness, curve: m.curve })),
    })),
    freshness: full.freshness,
    warnings: full.warnings,
  };
}

export { loadPlan };
