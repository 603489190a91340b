/** Test factories: valid data records without leaning on the demo seed. */
import type { Db } from '../../core/db/database';
import * as repo from './data.repository';

let n = 0;

export async function makeIndicator(db: Db, overrides: Partial<repo.IndicatorValues> = {}): Promise<repo.IndicatorRow> {
  n++;
  return repo.insertIndicator(db, {
    code: `test.indicator.${n}.${Date.now()}`, nameEn: `Test indicator ${n}`, nameFr: null, definitionEn: null, definitionFr: null, unit: 'count', direction: 'neutral',
    domain: 'population', source: 'Test', licence: null, sourceUrl: null, frequency: 'annual', dimensions: [], suppressionThreshold: 5, ...overrides,
  } as repo.IndicatorValues);
}

export async function makeDashboard(db: Db, collaborativeId: string, indicatorIds: string[], geographyIds: string[], overrides: Partial<Parameters<typeof repo.insertDashboard>[1]> = {}) {
  n++;
  return repo.insertDashboard(db, { collaborativeId, title: `Test dashboard ${n}`, description: null, visibility: 'members', indicatorIds, geographyIds, createdBy: null, ...overrides });
}
