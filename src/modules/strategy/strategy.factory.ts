/** Test factories: valid strategy records without leaning on the demo seed. */
import type { Db } from '../../core/db/database';
import * as repo from './strategy.repository';

let n = 0;

export async function makePlan(db: Db, collaborativeId: string, overrides: Partial<Parameters<typeof repo.insertPlan>[1]> = {}): Promise<string> {
  n++;
  return repo.insertPlan(db, { collaborativeId, title: `Test plan ${n} ${Date.now()}`, startYear: 2025, endYear: 2027, ...overrides });
}

/** A theme → goal → strategy → action chain in a plan. */
export async function makeSkeleton(db: Db, planId: string) {
  const theme = await repo.insertElement(db, { planId, parentId: null, kind: 'theme', title: 'Test theme' });
  const goal = await repo.insertElement(db, { planId, parentId: theme, kind: 'goal', title: 'Test goal' });
  const strategy = await repo.insertElement(db, { planId, parentId: goal, kind: 'strategy', title: 'Test strategy' });
  const action = await repo.insertElement(db, { planId, parentId: strategy, kind: 'action', title: 'Test action' });
  return { theme, goal, strategy, action };
}

export async function makeMeasure(db: Db, planId: string, elementId: string, overrides: Partial<Omit<repo.MeasureRow, 'id' | 'planId' | 'version'>> = {}): Promise<string> {
  n++;
  return repo.insertMeasure(db, planId, {
    elementId, kind: 'population', rbaType: null, name: `Test measure ${n}`, nameFr: null, unit: 'percent', direction: 'higher_is_better', frequency: 'annual',
    baselineValue: null, baselinePeriod: null, indicatorId: null, geographyId: null, templateKey: null, ...overrides,
  });
}

/** An action plan for `year` with one item for `actionId`. */
export async function makeActionPlan(db: Db, planId: string, year: number, actionId: string) {
  const actionPlanId = await repo.insertActionPlan(db, planId, year);
  const itemId = await repo.insertItem(db, actionPlanId, actionId, {});
  return { actionPlanId, itemId };
}

export const makeReportCard = (db: Db, planId: string, year: number) => repo.insertReportCard(db, planId, year, { highlights: 'Test highlights' });

export const makeTocNode = (db: Db, planId: string, kind: 'outcome' | 'precondition' | 'action' = 'precondition') => repo.insertTocNode(db, planId, { kind, label: `Test node ${++n}` });
