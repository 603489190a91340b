/**
 * A true time axis for charts: each period (2021, 2024-Q3, 2025-04, 2025-04-15) becomes the
 * instant it starts, so 2009 sits far from 2025 and a missing year leaves a gap, where a
 * category axis would space every period the same. Ticks are whole years for annual data.
 */
import { scaleUtc } from 'd3-scale';

export type Granularity = 'year' | 'quarter' | 'month' | 'day';

const PERIOD = /^(\d{4})(?:-Q([1-4])|-(\d{2})(?:-(\d{2}))?)?$/;

/** Milliseconds since the epoch (UTC) at which the period starts; NaN when it is not a period. */
export function periodTime(period: string): number {
  const m = PERIOD.exec(period.trim());
  if (!m) return NaN;
  const year = Number(m[1]);
  if (m[2]) return Date.UTC(year, (Number(m[2]) - 1) * 3, 1);
  if (m[3]) return Date.UTC(year, Number(m[3]) - 1, m[4] ? Number(m[4]) : 1);
  return Date.UTC(year, 0, 1);
}

export function granularity(period: string): Granularity {
  const m = PERIOD.exec(period.trim());
  if (!m || (!m[2] && !m[3])) return 'year';
  if (m[2]) return 'quarter';
  return m[4] ? 'day' : 'month';
}

const FINER: Granularity[] = ['year', 'quarter', 'month', 'day'];

export interface TimeAxis {
  domain: [number, number];
  ticks: number[];
  granularity: Granularity;
  /** The label of a tick or a point on the axis, in the reader's language. */
  format: (t: number) => string;
  /** Position of an instant between 0 (start of the domain) and 1 (end). */
  fraction: (t: number) => number;
}

const locale = (lng: string) => (lng === 'fr' ? 'fr-CA' : 'en-CA');

/** The axis for a set of periods: domain from the first to the last, and round ticks. */
export function timeAxis(periods: string[], lng: string, maxTicks = 7): TimeAxis {
  const times = periods.map(periodTime).filter((t) => Number.isFinite(t));
  const g = periods.map(granularity).reduce<Granularity>((a, b) => (FINER.indexOf(b) > FINER.indexOf(a) ? b : a), 'year');
  const fmt = new Intl.DateTimeFormat(locale(lng), g === 'year' ? { year: 'numeric', timeZone: 'UTC' } : g === 'day' ? { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' } : { year: 'numeric', month: 'short', timeZone: 'UTC' });
  if (!times.length) return { domain: [0, 1], ticks: [], granularity: g, format: () => '', fraction: () => 0 };
  let lo = Math.min(...times);
  let hi = Math.max(...times);
  if (lo === hi) {
    // One period: half a year either side, so the point sits in the middle.
    lo = Date.UTC(new Date(lo).getUTCFullYear() - 1, 6, 1);
    hi = Date.UTC(new Date(hi).getUTCFullYear(), 6, 1);
  }
  let ticks: number[];
  if (g === 'year') {
    const y0 = new Date(lo).getUTCFullYear();
    const y1 = new Date(hi).getUTCFullYear();
    const span = Math.max(1, y1 - y0);
    const step = [1, 2, 5, 10, 20, 25, 50, 100].find((s) => span / s <= maxTicks - 1) ?? 100;
    ticks = [];
    for (let y = Math.ceil(y0 / step) * step; y <= y1; y += step) ticks.push(Date.UTC(y, 0, 1));
    ticks = ticks.filter((t) => t >= lo && t <= hi);
    if (!ticks.length) ticks = [Date.UTC(y0, 0, 1)];
  } else {
    ticks = scaleUtc()
      .domain([lo, hi])
      .ticks(maxTicks)
      .map((d) => d.getTime());
  }
  return {
    domain: [lo, hi],
    ticks,
    granularity: g,
    format: (t) => fmt.format(new Date(t)),
    fraction: (t) => (t - lo) / (hi - lo),
  };
}
