/**
 * Pure Results-Based Accountability arithmetic: periods, unit checks, trend, status against
 * target, the "turn the curve" forecast and freshness. No database; unit tested.
 */
import { addDays, differenceInMilliseconds } from 'date-fns';
import { protectTable } from '../data/data.api';

export type Unit = 'count' | 'percent' | 'rate' | 'currency' | 'number';
export type Direction = 'higher_is_better' | 'lower_is_better';
export type Frequency = 'annual' | 'quarterly' | 'monthly';
export type RbaType = 'how_much' | 'how_well' | 'better_off';
export type TargetStatus = 'met' | 'progressing' | 'off_track' | 'no_target' | 'no_data';
export type Trend = 'improving' | 'worsening' | 'flat' | 'unknown';

export interface Point {
  period: string;
  value: number;
}

const PERIOD = {
  annual: /^(\d{4})$/,
  quarterly: /^(\d{4})-Q([1-4])$/,
  monthly: /^(\d{4})-(0[1-9]|1[0-2])$/,
} as const;

/** Why a period label does not fit the reporting frequency, or null when it does. */
export function periodProblem(period: string, frequency: Frequency): string | null {
  if (PERIOD[frequency].test(period)) return null;
  if (frequency === 'annual') return 'Use a year like 2026';
  if (frequency === 'quarterly') return 'Use a quarter like 2026-Q1';
  return 'Use a month like 2026-04';
}

export function periodYear(period: string): number {
  return Number(period.slice(0, 4));
}

/** A period as a number on a yearly axis: 2026 → 2026, 2026-Q3 → 2026.5, 2026-04 → 2026.25. */
export function periodIndex(period: string): number {
  const y = periodYear(period);
  const q = /^\d{4}-Q([1-4])$/.exec(period);
  if (q) return y + (Number(q[1]) - 1) / 4;
  const m = /^\d{4}-(\d{2})$/.exec(period);
  if (m) return y + (Number(m[1]) - 1) / 12;
  return y;
}

/** Last day of the period, as a UTC date. */
export function periodEnd(period: string): Date {
  const y = periodYear(period);
  const q = /^\d{4}-Q([1-4])$/.exec(period);
  if (q) return new Date(Date.UTC(y, Number(q[1]) * 3, 0));
  const m = /^\d{4}-(\d{2})$/.exec(period);
  if (m) return new Date(Date.UTC(y, Number(m[1]), 0));
  return new Date(Date.UTC(y, 12, 0));
}

/** Every period of the frequency from the first year to the last, in order. */
export function periodsBetween(fromYear: number, toYear: number, frequency: Frequency): string[] {
  const out: string[] = [];
  for (let y = fromYear; y <= toYear; y++) {
    if (frequency === 'annual') out.push(String(y));
    else if (frequency === 'quarterly') for (let q = 1; q <= 4; q++) out.push(`${y}-Q${q}`);
    else for (let m = 1; m <= 12; m++) out.push(`${y}-${String(m).padStart(2, '0')}`);
  }
  return out;
}

/** Why a value does not fit the measure's unit, or null when it does. */
export function valueProblem(value: number, unit: Unit): string | null {
  if (!Number.isFinite(value)) return 'Enter a number';
  switch (unit) {
    case 'count':
      return Number.isInteger(value) && value >= 0 ? null : 'A count is a whole number, 0 or more';
    case 'percent':
      return value >= 0 && value <= 100 ? null : 'A percentage is between 0 and 100';
    case 'rate':
      return value >= 0 ? null : 'A rate is 0 or more';
    case 'currency':
      return value >= 0 && Math.abs(Math.round(value * 100) - value * 100) < 1e-6 ? null : 'An amount is 0 or more, with at most 2 decimals';
    default:
      return null;
  }
}

/** Least-squares line through the points; null with fewer than two distinct x. */
export function linearFit(points: { x: number; y: number }[]): { slope: number; intercept: number } | null {
  if (points.length < 2) return null;
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  if (sxx === 0) return null;
  const slope = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0) / sxx;
  return { slope, intercept: my - slope * mx };
}

const better = (direction: Direction, a: number, b: number) => (direction === 'higher_is_better' ? a > b : a < b);
const atLeastAsGood = (direction: Direction, a: number, b: number) => (direction === 'higher_is_better' ? a >= b : a <= b);

/**
 * Trend of the last three known values (baseline included when fewer): the sign of the fitted
 * slope, read in the measure's direction. A change under 1% of the mean counts as flat.
 */
export function trendOf(direction: Direction, points: Point[]): Trend {
  const recent = [...points].sort((a, b) => periodIndex(a.period) - periodIndex(b.period)).slice(-3);
  const fit = linearFit(recent.map((p) => ({ x: periodIndex(p.period), y: p.value })));
  if (!fit) return 'unknown';
  const mean = Math.abs(recent.reduce((s, p) => s + p.value, 0) / recent.length) || 1;
  if (Math.abs(fit.slope) < 0.01 * mean) return 'flat';
  return better(direction, fit.slope, 0) ? 'improving' : 'worsening';
}

/**
 * Status of the latest actual against the target for the same period (or, when that period
 * has no target, the nearest later target): met; progressing (better than baseline, short of
 * target); off track (no better than baseline).
 */
export function targetStatus(input: { direction: Direction; baseline: number | null; targets: Point[]; actuals: Point[] }): {
  status: TargetStatus;
  latest: Point | null;
  target: Point | null;
  /** Share of the way from baseline to target, 0–1+, when both exist. */
  progress: number | null;
} {
  const actuals = [...input.actuals].sort((a, b) => periodIndex(a.period) - periodIndex(b.period));
  const targets = [...input.targets].sort((a, b) => periodIndex(a.period) - periodIndex(b.period));
  const latest = actuals.at(-1) ?? null;
  if (!latest) return { status: targets.length ? 'no_data' : 'no_target', latest: null, target: targets[0] ?? null, progress: null };
  const target = targets.find((t) => t.period === latest.period) ?? targets.find((t) => periodIndex(t.period) >= periodIndex(latest.period)) ?? targets.at(-1) ?? null;
  if (!target) return { status: 'no_target', latest, target: null, progress: null };
  const base = input.baseline;
  const progress = base !== null && target.value !== base ? (latest.value - base) / (target.value - base) : null;
  if (atLeastAsGood(input.direction, latest.value, target.value)) return { status: 'met', latest, target, progress };
  if (base !== null && better(input.direction, latest.value, base)) return { status: 'progressing', latest, target, progress };
  return { status: 'off_track', latest, target, progress };
}

/**
 * "If nothing changes": the line through the baseline and the values recorded before the plan
 * started, projected over the horizon. With one point it stays flat at that point.
 */
export function forecastIfNothingChanges(input: { baseline: Point | null; actuals: Point[]; startYear: number; periods: string[] }): Map<string, number> {
  const history = [...(input.baseline ? [input.baseline] : []), ...input.actuals.filter((a) => periodYear(a.period) < input.startYear)];
  const out = new Map<string, number>();
  if (!history.length) return out;
  const fit = linearFit(history.map((p) => ({ x: periodIndex(p.period), y: p.value })));
  const last = history.reduce((a, b) => (periodIndex(b.period) >= periodIndex(a.period) ? b : a));
  for (const p of input.periods) {
    if (periodIndex(p) < periodIndex(last.period)) continue;
    out.set(p, fit ? round(fit.intercept + fit.slope * periodIndex(p)) : last.value);
  }
  return out;
}

export interface CurveRow {
  period: string;
  baseline: number | null;
  forecast: number | null;
  target: number | null;
  actual: number | null;
}

/** Rows for the "turn the curve" chart and its table: one per period from the baseline to the plan's end. */
export function turnTheCurve(input: {
  frequency: Frequency;
  startYear: number;
  endYear: number;
  baseline: Point | null;
  targets: Point[];
  actuals: Point[];
}): CurveRow[] {
  const firstYear = Math.min(input.startYear, ...(input.baseline ? [periodYear(input.baseline.period)] : []), ...input.actuals.map((a) => periodYear(a.period)));
  const periods = periodsBetween(firstYear, input.endYear, input.frequency);
  const forecast = forecastIfNothingChanges({ baseline: input.baseline, actuals: input.actuals, startYear: input.startYear, periods });
  const t = new Map(input.targets.map((p) => [p.period, p.value]));
  const a = new Map(input.actuals.map((p) => [p.period, p.value]));
  const known = new Set([...t.keys(), ...a.keys(), ...forecast.keys(), ...(input.baseline ? [input.baseline.period] : [])]);
  return periods
    .filter((p) => known.has(p) || input.frequency === 'annual')
    .map((p) => ({
      period: p,
      baseline: input.baseline?.period === p ? input.baseline.value : null,
      forecast: forecast.get(p) ?? null,
      target: t.get(p) ?? null,
      actual: a.get(p) ?? null,
    }));
}

const GRACE_DAYS: Record<Frequency, number> = { annual: 90, quarterly: 45, monthly: 20 };

/** The most recent period whose values are due by `now` (period end plus a grace time). */
export function expectedPeriod(frequency: Frequency, now: Date): { period: string; dueBy: Date; next: string; nextDueBy: Date } {
  const candidates = periodsBetween(now.getUTCFullYear() - 2, now.getUTCFullYear() + 1, frequency);
  const due = (p: string) => addDays(periodEnd(p), GRACE_DAYS[frequency]);
  let i = candidates.length - 1;
  while (i > 0 && due(candidates[i]) > now) i--;
  return { period: candidates[i], dueBy: due(candidates[i]), next: candidates[i + 1], nextDueBy: due(candidates[i + 1]) };
}

export interface Freshness {
  expectedPeriod: string;
  dueBy: string;
  latestPeriod: string | null;
  stale: boolean;
  /** Will it be stale at the next due date if nobody updates it? */
  staleAtNextDue: boolean;
}

/**
 * A measure is up to date when it has a value for the latest period due. Periods due before
 * the plan starts ask nothing of it beyond a baseline.
 */
export function freshnessOf(input: { frequency: Frequency; startYear: number; endYear: number; actuals: Point[]; baselinePeriod: string | null; now: Date }): Freshness {
  const exp = expectedPeriod(input.frequency, input.now);
  const latest = input.actuals.map((a) => a.period).sort((a, b) => periodIndex(a) - periodIndex(b)).at(-1) ?? null;
  const have = latest ? periodIndex(latest) : input.baselinePeriod ? periodIndex(input.baselinePeriod) : -Infinity;
  const requiredNow = periodYear(exp.period) >= input.startYear && periodYear(exp.period) <= input.endYear;
  const requiredNext = periodYear(exp.next) >= input.startYear && periodYear(exp.next) <= input.endYear;
  return {
    expectedPeriod: exp.period,
    dueBy: exp.dueBy.toISOString().slice(0, 10),
    latestPeriod: latest,
    stale: requiredNow && have < periodIndex(exp.period),
    staleAtNextDue: requiredNext && have < periodIndex(exp.next),
  };
}

/** Share of measures up to date (1 when there are none), and how many will be stale next. */
export function planFreshness(items: Freshness[]): { score: number; upToDate: number; total: number; staleAtNextDue: number } {
  const upToDate = items.filter((f) => !f.stale).length;
  return { score: items.length ? round(upToDate / items.length) : 1, upToDate, total: items.length, staleAtNextDue: items.filter((f) => f.staleAtNextDue).length };
}

/**
 * The seeds' warning against "counting widgets": a plan with performance measures, all of
 * them "how much" outputs and none "better off".
 */
export function outputOnly(measures: { kind: 'population' | 'performance'; rbaType: RbaType | null }[]): boolean {
  const perf = measures.filter((m) => m.kind === 'performance');
  return perf.length > 0 && perf.every((m) => m.rbaType === 'how_much');
}

/** Is the plan missing any "better off" measure? (a softer hint than outputOnly) */
export function noBetterOff(measures: { kind: 'population' | 'performance'; rbaType: RbaType | null }[]): boolean {
  return !measures.some((m) => m.rbaType === 'better_off');
}

export function round(n: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** Overdue: past its due date and not completed or cancelled. Stalled: open with no progress note in `days`. */
export function actionFlags(item: { status: string; dueDate: string | null; lastNoteAt: string | null; createdAt: string }, today: Date, stalledAfterDays: number) {
  const open = item.status !== 'completed' && item.status !== 'cancelled';
  const overdue = open && !!item.dueDate && item.dueDate < today.toISOString().slice(0, 10);
  const last = new Date(item.lastNoteAt ?? item.createdAt);
  const stalled = open && item.status !== 'on_hold' && differenceInMilliseconds(today, addDays(last, stalledAfterDays)) > 0;
  return { overdue, stalled };
}

/** Does adding the edge from → to close a cycle in the graph (edges as [from, to])? */
export function wouldCycle(edges: [string, string][], from: string, to: string): boolean {
  if (from === to) return true;
  const next = new Map<string, string[]>();
  for (const [a, b] of edges) next.set(a, [...(next.get(a) ?? []), b]);
  const seen = new Set<string>();
  const stack = [to];
  while (stack.length) {
    const n = stack.pop()!;
    if (n === from) return true;
    if (seen.has(n)) continue;
    seen.add(n);
    stack.push(...(next.get(n) ?? []));
  }
  return false;
}

/**
 * Hand-entered counts of people shown to the public (the public scorecard, report cards) go
 * through the same disclosure-control engine as every published aggregate: a count from 1 to
 * threshold − 1 is not shown, and neither is anything computed from it alone. A measure's values
 * are one table set with no relations between periods, so only small counts themselves are hidden.
 */
export function protectCounts<V extends { period: string; value: number }>(unit: string, threshold: number, baseline: { period: string; value: number } | null, values: V[]): { baseline: { period: string; value: number } | null; values: V[]; hiddenPeriods: string[] } {
  if (unit !== 'count') return { baseline, values, hiddenPeriods: [] };
  const cells = [...(baseline ? [{ id: `baseline:${baseline.period}`, value: baseline.value }] : []), ...values.map((v) => ({ id: `value:${v.period}`, value: v.value }))];
  const { hidden } = protectTable({ threshold, cells, relations: [] });
  return {
    baseline: baseline && hidden.has(`baseline:${baseline.period}`) ? null : baseline,
    values: values.filter((v) => !hidden.has(`value:${v.period}`)),
    hiddenPeriods: values.filter((v) => hidden.has(`value:${v.period}`)).map((v) => v.period),
  };
}
