/** Measures (RBA population indicators and performance measures), their targets and values. */
import type { Database, Db } from '../../../core/db/database';
import { actorLabel, type Actor, type RequestMeta } from '../../../core/accounts/actor';
import { runCommand } from '../../../core/command';
import { Errors } from '../../../core/http/errors';
import * as repo from '../strategy.repository';
import * as rba from '../strategy.compute';
import { assertOpen, auditEntry, loadMeasure, loadPlan } from './access';
import { getMeasureIn } from './views';
import { geographyExists } from '../../../core/geography/geography.service';
import { findIndicators } from '../../data/data.api';
import type { CreateMeasureInput, UpdateMeasureInput } from '../strategy.schema';

/** Measure units as the data repository names them. */
const repositoryUnit: Record<string, string> = { rate: 'rate_per_1000', number: 'index' };

/** A linked repository indicator must exist and measure in the same unit as the measure. */
async function checkIndicatorLink(db: Db, actor: Actor, indicatorId: string | null | undefined, unit: string) {
  if (!indicatorId) return;
  const [indicator] = await findIndicators(db, actor, { ids: [indicatorId] });
  if (!indicator) throw Errors.validation([{ field: 'indicatorId', message: 'No such indicator in the community data repository' }]);
  if (indicator.unit !== (repositoryUnit[unit] ?? unit)) throw Errors.validation([{ field: 'indicatorId', message: `The indicator is measured as ${indicator.unit}, this measure as ${unit}` }]);
}

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
  return runCommand({ database, actor, meta }, async (tx) => {
    const { plan } = await loadPlan(tx, actor, planId, 'manage');
    assertOpen(plan);
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
    return { result: await getMeasureIn(tx, actor, id), audit: auditEntry('strategy.measure.create', 'strategy_measure', id, { planId, kind: input.kind, rbaType: input.rbaType ?? null }) };
  });
}

export const getMeasure = (database: Database, actor: Actor, id: string) => getMeasureIn(database.db, actor, id);

export async function updateMeasure(database: Database, actor: Actor, meta: RequestMeta, id: string, input: UpdateMeasureInput) {
  return runCommand({ database, actor, meta }, async (tx) => {
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
    return { result: await getMeasureIn(tx, actor, id), audit: auditEntry('strategy.measure.update', 'strategy_measure', id, { changed: Object.keys(changes) }) };
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
  return runCommand({ database, actor, meta }, async (tx) => {
    const { m, plan } = await loadMeasure(tx, actor, id, 'manage');
    checkPeriod(m, plan, period, 'target');
    const p = rba.valueProblem(value, m.unit);
    if (p) throw Errors.validation([{ field: 'value', message: p }]);
    await repo.upsertTarget(tx, id, period, value);
    return { result: await getMeasureIn(tx, actor, id), audit: auditEntry('strategy.measure.target', 'strategy_measure', id, { period, value }) };
  });
}

export async function setValue(database: Database, actor: Actor, meta: RequestMeta, id: string, period: string, input: { value: number; source?: string | null; notes?: string | null; illustrative?: boolean }) {
  return runCommand({ database, actor, meta }, async (tx) => {
    const { m, plan } = await loadMeasure(tx, actor, id, 'manage');
    const audit = await writeValue(tx, actor, m, plan, period, input);
    return { result: await getMeasureIn(tx, actor, id), audit };
  });
}

async function writeValue(tx: Db, actor: Actor, m: repo.MeasureRow, plan: repo.PlanRow, period: string, input: { value: number; source?: string | null; notes?: string | null; illustrative?: boolean }) {
  checkPeriod(m, plan, period, 'value');
  const p = rba.valueProblem(input.value, m.unit);
  if (p) throw Errors.validation([{ field: 'value', message: p }]);
  const before = await repo.findValue(tx, m.id, period);
  await repo.upsertValue(tx, m.id, period, input, actorLabel(actor));
  return auditEntry('strategy.measure.value', 'strategy_measure', m.id, { period, value: input.value, before: before?.value ?? null });
}
