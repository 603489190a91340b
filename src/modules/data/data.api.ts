/**
 * What other modules may use of the community data repository. They never read its tables.
 * Implemented by the data module (issue 6); the signatures are the contract.
 */
import type { Database, Db } from '../../core/db/database';
import type { Actor, RequestMeta } from '../../core/accounts/actor';

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
  void db; void actor; void query;
  throw new Error('findIndicators is not implemented yet');
}

/** One indicator's values over time for one place (total, no disaggregation), as the actor may see them. */
export async function indicatorSeries(db: Db, actor: Actor | null, query: { indicatorId: string; geographyId: string }): Promise<SeriesPoint[]> {
  void db; void actor; void query;
  throw new Error('indicatorSeries is not implemented yet');
}

export interface SystemObservation {
  indicatorCode: string;
  geographyCode: string;
  period: string;
  value: number | null;
  status: ObservationStatus;
  disaggregation?: Record<string, string>;
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
  input: { source: string; collaborativeId?: string | null; indicators: Omit<IndicatorSummary, 'id'>[]; rows: SystemObservation[] },
): Promise<{ created: number; updated: number; unchanged: number }> {
  void database; void actor; void meta; void input;
  throw new Error('recordSystemObservations is not implemented yet');
}
