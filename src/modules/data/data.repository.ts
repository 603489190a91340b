/** All SQL of the data module. Raw SQL that runs the same on PGlite and PostgreSQL. */
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../../core/db/database';
import { arrayParam } from '../../core/db/params';
import type { IndicatorUnit, ObservationStatus } from './data.api';

export interface IndicatorRow {
  id: string;
  code: string;
  nameEn: string;
  nameFr: string | null;
  definitionEn: string | null;
  definitionFr: string | null;
  unit: IndicatorUnit;
  direction: 'higher_is_better' | 'lower_is_better' | 'neutral';
  domain: string;
  source: string | null;
  licence: string | null;
  sourceUrl: string | null;
  frequency: 'census' | 'annual' | 'quarterly' | 'monthly' | 'irregular';
  dimensions: string[];
  suppressionThreshold: number;
  version: number;
  observationCount?: number;
}

const indicatorCols = sql.raw(`i.id, i.code, i.name_en AS "nameEn", i.name_fr AS "nameFr", i.definition_en AS "definitionEn", i.definition_fr AS "definitionFr",
  i.unit, i.direction, i.domain, i.source, i.licence, i.source_url AS "sourceUrl", i.frequency, i.dimensions,
  i.suppression_threshold AS "suppressionThreshold", i.version`);

const uuidArray = (ids: string[]) => arrayParam(ids, 'uuid');

export async function listIndicators(db: Db, f: { q?: string; ids?: string[]; codes?: string[]; domain?: string; limit?: number }): Promise<IndicatorRow[]> {
  const where: SQL[] = [sql`true`];
  if (f.q) where.push(sql`(rt_fold(i.name_en || ' ' || coalesce(i.name_fr, '') || ' ' || i.code) LIKE '%' || rt_fold(${f.q}) || '%')`);
  if (f.ids) where.push(f.ids.length ? sql`i.id = ANY(${uuidArray(f.ids)})` : sql`false`);
  if (f.codes) where.push(f.codes.length ? sql`i.code = ANY(${arrayParam(f.codes, 'text')})` : sql`false`);
  if (f.domain) where.push(sql`i.domain = ${f.domain}`);
  return rowsOf<IndicatorRow>(db, sql`SELECT ${indicatorCols} FROM data_indicators i WHERE ${sql.join(where, sql` AND `)} ORDER BY i.name_en LIMIT ${f.limit ?? 500}`);
}

export async function findIndicator(db: Db, id: string): Promise<IndicatorRow | undefined> {
  const [row] = await rowsOf<IndicatorRow>(db, sql`SELECT ${indicatorCols} FROM data_indicators i WHERE i.id = ${id}`);
  return row;
}

export async function findIndicatorByCode(db: Db, code: string): Promise<IndicatorRow | undefined> {
  const [row] = await rowsOf<IndicatorRow>(db, sql`SELECT ${indicatorCols} FROM data_indicators i WHERE i.code = ${code}`);
  return row;
}

export type IndicatorValues = Omit<IndicatorRow, 'id' | 'version' | 'observationCount'>;

export async function insertIndicator(db: Db, v: IndicatorValues): Promise<IndicatorRow> {
  const [row] = await rowsOf<{ id: string }>(db, sql`
    INSERT INTO data_indicators (code, name_en, name_fr, definition_en, definition_fr, unit, direction, domain, source, licence, source_url, frequency, dimensions, suppression_threshold)
    VALUES (${v.code}, ${v.nameEn}, ${v.nameFr}, ${v.definitionEn}, ${v.definitionFr}, ${v.unit}, ${v.direction}, ${v.domain}, ${v.source}, ${v.licence}, ${v.sourceUrl}, ${v.frequency},
      ${arrayParam(v.dimensions, 'text')}, ${v.suppressionThreshold})
    RETURNING id`);
  return (await findIndicator(db, row.id))!;
}

export async function updateIndicatorIfVersion(db: Db, id: string, version: number, v: Partial<IndicatorValues>): Promise<IndicatorRow | undefined> {
  const cols: Record<keyof IndicatorValues, string> = {
    code: 'code', nameEn: 'name_en', nameFr: 'name_fr', definitionEn: 'definition_en', definitionFr: 'definition_fr', unit: 'unit', direction: 'direction',
    domain: 'domain', source: 'source', licence: 'licence', sourceUrl: 'source_url', frequency: 'frequency', dimensions: 'dimensions', suppressionThreshold: 'suppression_threshold',
  };
  const sets: SQL[] = [sql`version = version + 1`, sql`updated_at = now()`];
  for (const [k, col] of Object.entries(cols) as [keyof IndicatorValues, string][]) {
    if (v[k] === undefined) continue;
    sets.push(k === 'dimensions' ? sql`${sql.raw(col)} = ${arrayParam(v[k] as string[], 'text')}` : sql`${sql.raw(col)} = ${v[k]}`);
  }
  const rows = await rowsOf<{ id: string }>(db, sql`UPDATE data_indicators SET ${sql.join(sets, sql`, `)} WHERE id = ${id} AND version = ${version} RETURNING id`);
  return rows.length ? findIndicator(db, id) : undefined;
}

export async function indicatorUnitsInUse(db: Db, id: string): Promise<number> {
  const [r] = await rowsOf<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM data_observations WHERE indicator_id = ${id} LIMIT 1) x`);
  return r.n;
}

/** An observation ready to store: ids resolved, period normalised, disaggregation keyed. */
export interface ObservationInput {
  indicatorId: string;
  geographyId: string;
  period: string;
  periodStart: string;
  dkey: string;
  collaborativeId: string | null;
  value: number | null;
  low: number | null;
  high: number | null;
  status: ObservationStatus;
  isProjection: boolean;
  source: string | null;
  notes: string | null;
}

export interface UpsertOutcome {
  created: number;
  updated: number;
  unchanged: number;
  /** For a dry run's report: what would change, up to a limit. */
  changes: { index: number; kind: 'create' | 'update'; before?: { value: number | null; status: string } }[];
}

const recordset = sql.raw(`AS r(i int, indicator_id uuid, geography_id uuid, period text, period_start date, dkey text, collaborative_id uuid,
  value float8, value_low float8, value_high float8, status text, is_projection bool, source text, notes text, id bigint)`);

function toRecords(rows: ObservationInput[], offset: number, ids?: (string | null)[]) {
  return JSON.stringify(rows.map((r, i) => ({
    i: offset + i, indicator_id: r.indicatorId, geography_id: r.geographyId, period: r.period, period_start: r.periodStart, dkey: r.dkey,
    collaborative_id: r.collaborativeId, value: r.value, value_low: r.low, value_high: r.high, status: r.status, is_projection: r.isProjection,
    source: r.source, notes: r.notes, id: ids?.[i] ?? null,
  })));
}

/**
 * Stores observations by natural key: new keys are inserted, changed ones updated with their
 * previous state kept as a revision, identical ones left alone. One batch at a time.
 */
export async function upsertObservations(db: Db, rows: ObservationInput[], replacedBy: string, offset = 0): Promise<UpsertOutcome> {
  const out: UpsertOutcome = { created: 0, updated: 0, unchanged: 0, changes: [] };
  if (!rows.length) return out;
  const existing = await rowsOf<{ i: number; id: string | null; same: boolean; value: number | null; status: string | null }>(db, sql`
    SELECT r.i, o.id::text AS id, o.value, o.status,
      (o.value IS NOT DISTINCT FROM r.value AND o.value_low IS NOT DISTINCT FROM r.value_low AND o.value_high IS NOT DISTINCT FROM r.value_high
       AND o.status = r.status AND o.is_projection = r.is_projection AND o.source IS NOT DISTINCT FROM r.source AND o.notes IS NOT DISTINCT FROM r.notes) AS same
    FROM jsonb_to_recordset(${toRecords(rows, 0)}::jsonb) ${recordset}
    LEFT JOIN data_observations o ON o.indicator_id = r.indicator_id AND o.period = r.period AND o.geography_id = r.geography_id
      AND o.disaggregation_key = r.dkey AND o.collaborative_id IS NOT DISTINCT FROM r.collaborative_id`);
  const toInsert: ObservationInput[] = [];
  const toUpdate: ObservationInput[] = [];
  const updateIds: string[] = [];
  for (const e of existing) {
    if (!e.id) {
      toInsert.push(rows[e.i]);
      out.created++;
      out.changes.push({ index: offset + e.i, kind: 'create' });
    } else if (!e.same) {
      toUpdate.push(rows[e.i]);
      updateIds.push(e.id);
      out.updated++;
      out.changes.push({ index: offset + e.i, kind: 'update', before: { value: e.value, status: e.status! } });
    } else out.unchanged++;
  }
  out.changes.sort((a, b) => a.index - b.index);
  if (updateIds.length) {
    await db.execute(sql`
      INSERT INTO data_observation_revisions (observation_id, revision, value, value_low, value_high, status, is_projection, source, notes, replaced_by)
      SELECT id, revision, value, value_low, value_high, status, is_projection, source, notes, ${replacedBy}
      FROM data_observations WHERE id = ANY(${arrayParam(updateIds, 'bigint')})`);
    await db.execute(sql`
      UPDATE data_observations o SET value = r.value, value_low = r.value_low, value_high = r.value_high, status = r.status,
        is_projection = r.is_projection, source = r.source, notes = r.notes, revision = o.revision + 1, updated_at = now()
      FROM jsonb_to_recordset(${toRecords(toUpdate, 0, updateIds)}::jsonb) ${recordset}
      WHERE o.id = r.id`);
  }
  if (toInsert.length) {
    await db.execute(sql`
      INSERT INTO data_observations (indicator_id, geography_id, period, period_start, disaggregation_key, collaborative_id, value, value_low, value_high, status, is_projection, source, notes)
      SELECT r.indicator_id, r.geography_id, r.period, r.period_start, r.dkey, r.collaborative_id, r.value, r.value_low, r.value_high, r.status, r.is_projection, r.source, r.notes
      FROM jsonb_to_recordset(${toRecords(toInsert, 0)}::jsonb) ${recordset}`);
  }
  return out;
}

export interface ObservationRow {
  id: string;
  geographyId: string;
  period: string;
  dkey: string;
  value: number | null;
  low: number | null;
  high: number | null;
  status: ObservationStatus;
  isProjection: boolean;
  source: string | null;
  notes: string | null;
  revision: number;
}

const obsCols = sql.raw(`o.id::text AS id, o.geography_id AS "geographyId", o.period, o.disaggregation_key AS dkey, o.value, o.value_low AS low, o.value_high AS high,
  o.status, o.is_projection AS "isProjection", o.source, o.notes, o.revision`);
const partitionIs = (collaborativeId: string | null) => (collaborativeId ? sql`o.collaborative_id = ${collaborativeId}` : sql`o.collaborative_id IS NULL`);

/** The map query: one indicator, one period, the parent and every place directly under it. */
export function mapObservations(db: Db, q: { indicatorId: string; period: string; parentId: string; collaborativeId: string | null; dkey?: string }): Promise<ObservationRow[]> {
  return rowsOf<ObservationRow>(db, sql`
    SELECT ${obsCols} FROM data_observations o
    WHERE o.indicator_id = ${q.indicatorId} AND o.period = ${q.period} AND o.disaggregation_key = ${q.dkey ?? ''} AND ${partitionIs(q.collaborativeId)}
      AND o.geography_id IN (SELECT g.id FROM geographies g WHERE g.parent_id = ${q.parentId} UNION ALL SELECT ${q.parentId}::uuid)`);
}

/** The series query: one indicator, some places, every period (totals unless a key is given). */
export function seriesObservations(db: Db, q: { indicatorId: string; geographyIds: string[]; collaborativeId: string | null; dkey?: string }): Promise<ObservationRow[]> {
  return rowsOf<ObservationRow>(db, sql`
    SELECT ${obsCols} FROM data_observations o
    WHERE o.indicator_id = ${q.indicatorId} AND o.geography_id = ANY(${uuidArray(q.geographyIds)}) AND o.disaggregation_key = ${q.dkey ?? ''} AND ${partitionIs(q.collaborativeId)}
    ORDER BY o.geography_id, o.period_start`);
}

/** Every disaggregation cell of one indicator, place and period. */
export function cellObservations(db: Db, q: { indicatorId: string; geographyId: string; period: string; collaborativeId: string | null }): Promise<ObservationRow[]> {
  return rowsOf<ObservationRow>(db, sql`
    SELECT ${obsCols} FROM data_observations o
    WHERE o.indicator_id = ${q.indicatorId} AND o.period = ${q.period} AND o.geography_id = ${q.geographyId} AND ${partitionIs(q.collaborativeId)}
    ORDER BY o.disaggregation_key`);
}

/**
 * Periods with data for an indicator, newest first. A skip scan over the key index (one probe
 * per distinct period), so it stays fast with millions of rows per indicator.
 */
export async function periodsOf(db: Db, indicatorId: string, collaborativeId: string | null): Promise<string[]> {
  const part = collaborativeId ? sql`o.collaborative_id = ${collaborativeId}` : sql`o.collaborative_id IS NULL`;
  const rows = await rowsOf<{ period: string; start: string }>(db, sql`
    WITH RECURSIVE p AS (
      (SELECT o.period FROM data_observations o WHERE o.indicator_id = ${indicatorId} AND ${part} ORDER BY o.period LIMIT 1)
      UNION ALL
      SELECT (SELECT o.period FROM data_observations o WHERE o.indicator_id = ${indicatorId} AND ${part} AND o.period > p.period ORDER BY o.period LIMIT 1)
      FROM p WHERE p.period IS NOT NULL
    )
    SELECT period FROM p WHERE period IS NOT NULL LIMIT 500`);
  const start = (p: string) => (p.length === 4 ? `${p}-00` : p.includes('Q') ? `${p.slice(0, 4)}-${String((Number(p.slice(6)) - 1) * 3 + 1).padStart(2, '0')}q` : p);
  return rows.map((r) => r.period).sort((a, b) => start(b).localeCompare(start(a)));
}

/** The latest period with data for the places directly under a parent (the map's default). */
export async function latestPeriodUnder(db: Db, indicatorId: string, parentId: string, collaborativeId: string | null): Promise<string | undefined> {
  for (const period of (await periodsOf(db, indicatorId, collaborativeId)).slice(0, 50)) {
    const hit = await rowsOf(db, sql`
      SELECT 1 FROM data_observations o
      WHERE o.indicator_id = ${indicatorId} AND o.period = ${period} AND o.disaggregation_key = '' AND ${partitionIs(collaborativeId)}
        AND o.geography_id IN (SELECT g.id FROM geographies g WHERE g.parent_id = ${parentId}) LIMIT 1`);
    if (hit.length) return period;
  }
  return undefined;
}

/** Indicators with data for a place (totals), with their latest period. */
export function indicatorsForPlace(db: Db, geographyId: string, collaborativeId: string | null) {
  return rowsOf<{ indicatorId: string; periods: number }>(db, sql`
    SELECT o.indicator_id AS "indicatorId", count(*)::int AS periods FROM data_observations o
    WHERE o.geography_id = ${geographyId} AND o.disaggregation_key = '' AND ${partitionIs(collaborativeId)}
    GROUP BY o.indicator_id`);
}

export async function findObservation(db: Db, q: { indicatorId: string; geographyId: string; period: string; dkey: string; collaborativeId: string | null }): Promise<ObservationRow | undefined> {
  const [row] = await rowsOf<ObservationRow>(db, sql`
    SELECT ${obsCols} FROM data_observations o
    WHERE o.indicator_id = ${q.indicatorId} AND o.period = ${q.period} AND o.geography_id = ${q.geographyId} AND o.disaggregation_key = ${q.dkey} AND ${partitionIs(q.collaborativeId)}`);
  return row;
}

export function revisionsOf(db: Db, observationId: string) {
  return rowsOf<{ revision: number; value: number | null; low: number | null; high: number | null; status: ObservationStatus; notes: string | null; source: string | null; validUntil: string; replacedBy: string }>(db, sql`
    SELECT revision, value, value_low AS low, value_high AS high, status, notes, source, to_char(valid_until AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "validUntil", replaced_by AS "replacedBy"
    FROM data_observation_revisions WHERE observation_id = ${observationId}::bigint ORDER BY revision DESC`);
}

/** Units of the series an import touches, to refuse mixing. */
export async function geographiesByCodes(db: Db, codes: string[]) {
  if (!codes.length) return [];
  return rowsOf<{ id: string; code: string; parentId: string | null }>(db, sql`
    SELECT id, code, parent_id AS "parentId" FROM geographies WHERE code = ANY(${arrayParam(codes, 'text')})`);
}

// Census profile mappings

export interface CensusMappingRow {
  id: string;
  characteristicId: number;
  characteristicName: string;
  columnName: string;
  indicatorId: string;
  indicatorCode: string;
}

export function listCensusMappings(db: Db): Promise<CensusMappingRow[]> {
  return rowsOf<CensusMappingRow>(db, sql`
    SELECT m.id, m.characteristic_id AS "characteristicId", m.characteristic_name AS "characteristicName", m.column_name AS "columnName",
      m.indicator_id AS "indicatorId", i.code AS "indicatorCode"
    FROM data_census_mappings m JOIN data_indicators i ON i.id = m.indicator_id ORDER BY m.characteristic_id, m.column_name`);
}

export async function upsertCensusMapping(db: Db, m: { characteristicId: number; characteristicName: string; columnName: string; indicatorId: string }) {
  await db.execute(sql`
    INSERT INTO data_census_mappings (characteristic_id, characteristic_name, column_name, indicator_id)
    VALUES (${m.characteristicId}, ${m.characteristicName}, ${m.columnName}, ${m.indicatorId})
    ON CONFLICT (characteristic_id, column_name) DO UPDATE SET characteristic_name = EXCLUDED.characteristic_name, indicator_id = EXCLUDED.indicator_id`);
}

export async function deleteCensusMapping(db: Db, id: string): Promise<boolean> {
  const rows = await rowsOf(db, sql`DELETE FROM data_census_mappings WHERE id = ${id} RETURNING id`);
  return rows.length > 0;
}

// Dashboards

export interface DashboardRow {
  id: string;
  collaborativeId: string;
  title: string;
  description: string | null;
  visibility: 'members' | 'public';
  indicatorIds: string[];
  geographyIds: string[];
  version: number;
  updatedAt: string;
}

const dashCols = sql.raw(`d.id, d.collaborative_id AS "collaborativeId", d.title, d.description, d.visibility, d.indicator_ids AS "indicatorIds",
  d.geography_ids AS "geographyIds", d.version, to_char(d.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "updatedAt"`);

/** Dashboards public, or of the given collaboratives ('all' for admins); the scope is in the WHERE clause. */
export function listDashboards(db: Db, memberOf: string[] | 'all', collaborativeId?: string): Promise<DashboardRow[]> {
  const scope = memberOf === 'all' ? sql`true` : memberOf.length ? sql`(d.visibility = 'public' OR d.collaborative_id = ANY(${uuidArray(memberOf)}))` : sql`d.visibility = 'public'`;
  const filter = collaborativeId ? sql`d.collaborative_id = ${collaborativeId}` : sql`true`;
  return rowsOf<DashboardRow>(db, sql`SELECT ${dashCols} FROM data_dashboards d WHERE ${scope} AND ${filter} ORDER BY d.title`);
}

export async function findDashboard(db: Db, id: string): Promise<DashboardRow | undefined> {
  const [row] = await rowsOf<DashboardRow>(db, sql`SELECT ${dashCols} FROM data_dashboards d WHERE d.id = ${id}`);
  return row;
}

export async function insertDashboard(db: Db, v: Omit<DashboardRow, 'id' | 'version' | 'updatedAt'> & { createdBy: string | null }): Promise<DashboardRow> {
  const [row] = await rowsOf<{ id: string }>(db, sql`
    INSERT INTO data_dashboards (collaborative_id, title, description, visibility, indicator_ids, geography_ids, created_by)
    VALUES (${v.collaborativeId}, ${v.title}, ${v.description}, ${v.visibility}, ${uuidArray(v.indicatorIds)}, ${uuidArray(v.geographyIds)}, ${v.createdBy})
    RETURNING id`);
  return (await findDashboard(db, row.id))!;
}

export async function updateDashboardIfVersion(db: Db, id: string, version: number, v: Partial<Pick<DashboardRow, 'title' | 'description' | 'visibility' | 'indicatorIds' | 'geographyIds'>>) {
  const sets: SQL[] = [sql`version = version + 1`, sql`updated_at = now()`];
  if (v.title !== undefined) sets.push(sql`title = ${v.title}`);
  if (v.description !== undefined) sets.push(sql`description = ${v.description}`);
  if (v.visibility !== undefined) sets.push(sql`visibility = ${v.visibility}`);
  if (v.indicatorIds !== undefined) sets.push(sql`indicator_ids = ${uuidArray(v.indicatorIds)}`);
  if (v.geographyIds !== undefined) sets.push(sql`geography_ids = ${uuidArray(v.geographyIds)}`);
  const rows = await rowsOf<{ id: string }>(db, sql`UPDATE data_dashboards SET ${sql.join(sets, sql`, `)} WHERE id = ${id} AND version = ${version} RETURNING id`);
  return rows.length ? findDashboard(db, id) : undefined;
}

export async function deleteDashboard(db: Db, id: string) {
  await db.execute(sql`DELETE FROM data_dashboards WHERE id = ${id}`);
}

/**
 * The places whose values decide how a focus place's values are protected: each focus place,
 * its parent, its siblings and its children. Read-only use of the core geographies table.
 */
export function neighbourhoodOf(db: Db, focusIds: string[], withRelatives = true) {
  const ids = uuidArray(focusIds);
  const related = withRelatives
    ? sql`UNION SELECT parent_id FROM geographies WHERE id = ANY(${ids}) AND parent_id IS NOT NULL
          UNION SELECT s.id FROM geographies s WHERE s.parent_id IN (SELECT parent_id FROM geographies WHERE id = ANY(${ids}))
          UNION SELECT c.id FROM geographies c WHERE c.parent_id = ANY(${ids})`
    : sql``;
  return rowsOf<{ id: string; parentId: string | null; code: string; nameEn: string; nameFr: string; level: string }>(db, sql`
    SELECT g.id, g.parent_id AS "parentId", g.code, g.name_en AS "nameEn", g.name_fr AS "nameFr", g.level FROM geographies g
    WHERE g.id IN (SELECT unnest(${ids}) ${related})`);
}

/** Totals of one indicator for a set of places, optionally one period. */
export function totalsFor(db: Db, q: { indicatorId: string; geographyIds: string[]; collaborativeId: string | null; period?: string }): Promise<ObservationRow[]> {
  return rowsOf<ObservationRow>(db, sql`
    SELECT ${obsCols} FROM data_observations o
    WHERE o.indicator_id = ${q.indicatorId} AND o.geography_id = ANY(${uuidArray(q.geographyIds)}) AND o.disaggregation_key = ''
      AND ${partitionIs(q.collaborativeId)} ${q.period ? sql`AND o.period = ${q.period}` : sql``}
    ORDER BY o.period_start`);
}

/**
 * Totals of (partition, indicator, place) triples in one query: the values a collaborative
 * shared with its network (knowledge exchange). No projections, no disaggregation.
 */
export function partitionTotals(db: Db, items: { collaborativeId: string; indicatorId: string; geographyId: string }[]) {
  // One scan narrowed by indicator and partition, then a hash semi-join on the triples (not one index probe per triple).
  return rowsOf<{ collaborativeId: string; indicatorId: string; period: string; value: number | null; status: ObservationStatus }>(
    db,
    sql`SELECT o.collaborative_id AS "collaborativeId", o.indicator_id AS "indicatorId", o.period, o.value, o.status
        FROM data_observations o
        WHERE o.indicator_id = ANY(${arrayParam([...new Set(items.map((i) => i.indicatorId))], 'uuid')})
          AND o.collaborative_id = ANY(${arrayParam([...new Set(items.map((i) => i.collaborativeId))], 'uuid')})
          AND o.disaggregation_key = '' AND NOT o.is_projection
          AND (o.collaborative_id, o.indicator_id, o.geography_id) IN (
            SELECT * FROM unnest(${arrayParam(items.map((i) => i.collaborativeId), 'uuid')}, ${arrayParam(items.map((i) => i.indicatorId), 'uuid')}, ${arrayParam(items.map((i) => i.geographyId), 'uuid')}))
        ORDER BY o.period_start`,
  );
}

export function indicatorThresholds(db: Db, ids: string[]) {
  return rowsOf<{ id: string; threshold: number }>(db, sql`SELECT id, suppression_threshold AS threshold FROM data_indicators WHERE id = ANY(${arrayParam(ids, 'uuid')})`);
}
