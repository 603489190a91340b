/** SQL of the stored disclosure decisions (data_disclosure_decisions, data_disclosure_runs). */
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../../core/db/database';
import { arrayParam } from '../../../core/db/params';

export type StoredReason = 'primary' | 'complementary';

export interface SetRow {
  geographyId: string;
  parentId: string | null;
  dkey: string;
  value: number | null;
}

const partitionIs = (collaborativeId: string | null) => (collaborativeId ? sql`collaborative_id = ${collaborativeId}` : sql`collaborative_id IS NULL`);

/** Every observation of one table set (indicator × period × partition) with its place's parent. */
export function tableSetRows(db: Db, indicatorId: string, period: string, collaborativeId: string | null) {
  return rowsOf<SetRow>(db, sql`
    SELECT o.geography_id AS "geographyId", g.parent_id AS "parentId", o.disaggregation_key AS dkey, o.value
    FROM data_observations o JOIN geographies g ON g.id = o.geography_id
    WHERE o.indicator_id = ${indicatorId} AND o.period = ${period} AND ${partitionIs(collaborativeId)}`);
}

/** Replaces the stored decision of one table set: the hidden cells and the run that decided them. */
export async function replaceDecision(
  db: Db,
  set: { indicatorId: string; period: string; collaborativeId: string | null; threshold: number },
  hidden: { g: string; k: string; reason: StoredReason }[],
  run: { cells: number; rounds: number },
) {
  const { indicatorId, period, collaborativeId } = set;
  await db.execute(sql`DELETE FROM data_disclosure_decisions WHERE indicator_id = ${indicatorId} AND period = ${period} AND ${partitionIs(collaborativeId)}`);
  await db.execute(sql`DELETE FROM data_disclosure_runs WHERE indicator_id = ${indicatorId} AND period = ${period} AND ${partitionIs(collaborativeId)}`);
  if (hidden.length) {
    await db.execute(sql`
      INSERT INTO data_disclosure_decisions (indicator_id, period, collaborative_id, geography_id, disaggregation_key, reason)
      SELECT ${indicatorId}, ${period}, ${collaborativeId}, r.g, r.k, r.reason FROM jsonb_to_recordset(${JSON.stringify(hidden)}::jsonb) AS r(g uuid, k text, reason text)
      ON CONFLICT DO NOTHING`);
  }
  await db.execute(sql`
    INSERT INTO data_disclosure_runs (indicator_id, period, collaborative_id, threshold, cells, hidden, lp_rounds)
    VALUES (${indicatorId}, ${period}, ${collaborativeId}, ${set.threshold}, ${run.cells}, ${hidden.length}, ${run.rounds})
    ON CONFLICT DO NOTHING`);
}

/** Unit and threshold of some indicators. */
export function indicatorThresholds(db: Db, ids: string[]) {
  return rowsOf<{ id: string; unit: string; suppressionThreshold: number }>(db, sql`
    SELECT id, unit, suppression_threshold AS "suppressionThreshold" FROM data_indicators WHERE id = ANY(${arrayParam(ids, 'uuid')})`);
}

/** Forgets every decision of an indicator. */
export async function deleteDecisions(db: Db, indicatorId: string) {
  await db.execute(sql`DELETE FROM data_disclosure_decisions WHERE indicator_id = ${indicatorId}`);
  await db.execute(sql`DELETE FROM data_disclosure_runs WHERE indicator_id = ${indicatorId}`);
}

/** The periods among `periods` already decided for an indicator in a partition. */
export async function decidedPeriods(db: Db, indicatorId: string, collaborativeId: string | null, periods: string[]): Promise<Set<string>> {
  const rows = await rowsOf<{ period: string }>(db, sql`
    SELECT period FROM data_disclosure_runs WHERE indicator_id = ${indicatorId} AND ${partitionIs(collaborativeId)}
      AND period = ANY(${arrayParam(periods, 'text')})`);
  return new Set(rows.map((r) => r.period));
}

/** The stored hidden cells for some places and periods of one indicator in a partition. */
export function decisionsFor(db: Db, indicatorId: string, q: { collaborativeId: string | null; geographyIds: string[]; periods: string[] }) {
  return rowsOf<{ g: string; period: string; k: string; reason: StoredReason }>(db, sql`
    SELECT geography_id AS g, period, disaggregation_key AS k, reason FROM data_disclosure_decisions
    WHERE indicator_id = ${indicatorId} AND geography_id = ANY(${arrayParam(q.geographyIds, 'uuid')}) AND ${partitionIs(q.collaborativeId)}
      AND period = ANY(${arrayParam(q.periods, 'text')})`);
}
