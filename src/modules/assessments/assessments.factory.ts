/** Test factories: valid assessment records without leaning on the demo seed. */
import type { Db } from '../../core/db/database';
import * as repo from './assessments.repository';
import type { Definition, InstrumentKind } from './assessments.schema';

let n = 0;

export async function makeInstrument(db: Db, kind: InstrumentKind, definition: Definition, scaleKey: string | null = 'seed-five-levels'): Promise<string> {
  n++;
  const scaleId = scaleKey ? ((await repo.scaleIdByKey(db, scaleKey, 1)) ?? null) : null;
  return repo.insertInstrument(db, { key: `test-${n}-${Date.now()}`, version: 1, kind, nameEn: `Test ${n}`, nameFr: `Essai ${n}`, descriptionEn: '', descriptionFr: '', source: 'test', scaleId, definition }, null);
}
