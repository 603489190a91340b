/**
 * What other modules may use of the community data repository. They never read its tables.
 * Implemented by the data module (issue 6); the signatures are the contract.
 */
import type { Database, Db } from '../../core/db/database';
import type { Actor, RequestMeta } from '../../core/accounts/actor';
import { Errors } from '../../core/http/errors';
import * as repo from './data.repository';
import { canReadPartition } from './data.policy';
import { breakdownView, seriesView, storeObservations } from './data.service';

// The one disclosure-control engine (docs/disclosure-control.md): every module that publishes
// an aggregate puts its table through `protectTable` (or reads the stored decisions of the data
// repository through the views below), never a rule of its own.
export { protectTable, audit as auditDisclosure, markerOf, isPrimary, type DisclosureCell, type DisclosureRelation, type DisclosureTable, type DisclosureDecision, type DisclosureReason } from './data.disclosure';

export type IndicatorUnit = 'count' | 'percent' | 'rate_per_1000' | 'currency' | 'index';
export type ObservationStatus = 'provisional' | 'final' | 'suppressed';

export interface IndicatorSummary {
  id: string;
  code: string;
  name: { en: string; fr: string | null };
  unit: IndicatorUnit;
  /** Which way is better. */
  direction: 'higher_is_better' | 'lower_is_better' | 'neutral';
}

export interface SeriesPoint {
  /** '2016', '2024-Q3' or '2025-04'. */
  period: string;
  /** null when suppressed or given only as a range. */
  value: number | null;
  status: ObservationStatus;
  /** What to show: '12.5', '<5', '10–19'. */
  display: string;
}

/** Indicators the actor may see, by text search or by id. */
export async function findIndicators(db: Db, actor: Actor | null, query: { q?: string; ids?: string[]; limit?: number }): Promise<IndicatorSummary[]> {
  // The catalogue is public: every indicator's definition may be seen; private data is guarded per observation.
  void actor;
  const rows = await repo.listIndicators(db, { q: query.q, ids: query.ids, limit: Math.min(query.limit ?? 50, 500) });
  return rows.map((i) => ({ id: i.id, code: i.code, name: { en: i.nameEn, fr: i.nameFr }, unit: i.unit, direction: i.direction }));
}

/** One indicator's values over time for one place (total, no disaggregation), as the actor may see them. */
export async function indicatorSeries(
  db: Db,
  actor: Actor | null,
  query: { indicatorId: string; geographyId: string; collaborativeId?: string | null },
): Promise<(SeriesPoint & { isProjection: boolean; suppressed: boolean })[]> {
  const collaborativeId = query.collaborativeId ?? null;
  if (!canReadPartition(actor, collaborativeId)) throw Errors.notFound('Data');
  const view = await seriesView(db, actor, { indicatorId: query.indicatorId, geographyIds: [query.geographyId], collaborativeId });
  return view.series[0].points.map((p) => ({ period: p.period, value: p.value, status: p.status, display: p.display, isProjection: p.isProjection, suppressed: p.suppressed }));
}

export interface SystemObservation {
  indicatorCode: string;
  geographyCode: string;
  period: string;
  value: number | null;
  status: ObservationStatus;
  disaggregation?: Record<string, string>;
  /** A range instead of a value (e.g. a source's own rounding band). */
  low?: number | null;
  high?: number | null;
  isProjection?: boolean;
  notes?: string | null;
}

/**
 * Stores observations that another module computed (e.g. No Wrong Door's de-identified
 * referral aggregates), idempotently, in one transaction; creates the indicators it names
 * from `indicators` when missing. Returns what changed.
 */
export async function recordSystemObservations(
  database: Database,
  actor: Actor,
  meta: RequestMeta,
  input: {
    source: string;
    collaborativeId?: string | null;
    indicators: (Omit<IndicatorSummary, 'id'> & { domain?: string; dimensions?: string[]; suppressionThreshold?: number; definition?: { en: string | null; fr: string | null } })[];
    rows: SystemObservation[];
  },
): Promise<{ created: number; updated: number; unchanged: number }> {
  const collaborativeId = input.collaborativeId ?? null;
  // Missing indicators are created inside the import's transaction, before its rows are resolved.
  const createIndicators = async (tx: Db) => {
    for (const ind of input.indicators) {
      if (await repo.findIndicatorByCode(tx, ind.code)) continue;
      const dims = new Set(ind.dimensions ?? []);
      for (const r of input.rows) if (r.indicatorCode === ind.code) for (const k of Object.keys(r.disaggregation ?? {})) dims.add(k.toLowerCase());
      await repo.insertIndicator(tx, {
        code: ind.code, nameEn: ind.name.en, nameFr: ind.name.fr, definitionEn: ind.definition?.en ?? null, definitionFr: ind.definition?.fr ?? null,
        unit: ind.unit, direction: ind.direction, domain: ind.domain ?? 'population', source: input.source, licence: null, sourceUrl: null,
        frequency: 'irregular', dimensions: [...dims], suppressionThreshold: ind.suppressionThreshold ?? 5,
      });
    }
  };
  const summary = await storeObservations(
    database,
    actor,
    meta,
    input.rows.map((r, i) => ({
      line: i + 1,
      indicatorCode: r.indicatorCode,
      geographyCode: r.geographyCode,
      period: r.period,
      value: r.value,
      low: r.low ?? null,
      high: r.high ?? null,
      status: r.status,
      disaggregation: r.disaggregation ?? null,
      projection: r.isProjection ?? false,
      notes: r.notes ?? null,
    })),
    { collaborativeId, dryRun: false, source: input.source, defaultSource: input.source, beforeRows: createIndicators },
  );
  return { created: summary.created, updated: summary.updated, unchanged: summary.unchanged };
}

/**
 * Several places' series of one indicator in one call (total, no disaggregation), as the
 * actor may see them: the bulk form of indicatorSeries, for maps of many places.
 */
export async function indicatorSeriesForPlaces(
  db: Db,
  actor: Actor | null,
  query: { indicatorId: string; geographyIds: string[]; collaborativeId?: string | null },
): Promise<Map<string, (SeriesPoint & { isProjection: boolean; suppressed: boolean })[]>> {
  const collaborativeId = query.collaborativeId ?? null;
  if (!canReadPartition(actor, collaborativeId)) throw Errors.notFound('Data');
  if (query.geographyIds.length === 0) return new Map();
  const view = await seriesView(db, actor, { indicatorId: query.indicatorId, geographyIds: query.geographyIds, collaborativeId });
  return new Map(view.series.map((s) => [s.geographyId, s.points.map((p) => ({ period: p.period, value: p.value, status: p.status, display: p.display, isProjection: p.isProjection, suppressed: p.suppressed }))]));
}

/**
 * Raw totals of collaboratives' private partitions, for values they shared with a network
 * (knowledge exchange, issue 18). The caller has already joined its live share grants: only the
 * (collaborative, indicator, place) triples a grant covers are asked for. Raw: the caller puts
 * what it shows through `protectTable` with each indicator's `suppressionThreshold`.
 */
export async function sharedPartitionTotals(db: Db, list: { collaborativeId: string; indicatorId: string; geographyId: string }[]) {
  if (!list.length) return { rows: [], thresholds: new Map<string, number>() };
  const [rows, th] = await Promise.all([repo.partitionTotals(db, list), repo.indicatorThresholds(db, [...new Set(list.map((i) => i.indicatorId))])]);
  return { rows: rows.map((r) => ({ ...r, value: r.value === null ? null : Number(r.value) })), thresholds: new Map(th.map((t) => [t.id, Number(t.threshold)])) };
}

/**
 * Immigrants against non-immigrants for one indicator, place and period (the welcoming-community
 * assessment's comparison, issue 17): the `immigrant_status` cells of the repository's breakdown,
 * put through the same disclosure control as every breakdown (suppressed cells show no value).
 * Null when the repository holds no such breakdown for that place and period.
 */
export async function immigrantStatusBreakdown(
  db: Db,
  actor: Actor | null,
  query: { indicatorId: string; geographyId: string; period: string; collaborativeId?: string | null },
): Promise<{ period: string; immigrants: SeriesPoint & { suppressed: boolean }; nonImmigrants: SeriesPoint & { suppressed: boolean } } | null> {
  const view = await breakdownView(db, actor, { ...query, collaborativeId: query.collaborativeId ?? null });
  const cell = (v: string) => view.cells.find((c) => c.key === `immigrant_status=${v}`)?.cell;
  const imm = cell('immigrant');
  const non = cell('non_immigrant');
  if (!imm || !non) return null;
  const point = (c: NonNullable<typeof imm>) => ({ period: query.period, value: c.value, status: c.status, display: c.display, suppressed: c.suppressed });
  return { period: query.period, immigrants: point(imm), nonImmigrants: point(non) };
}
