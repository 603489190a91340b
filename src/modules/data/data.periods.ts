/**
 * Periods of observations: a year ('2016'), a quarter ('2024-Q3') or a month ('2025-04').
 * Pure functions, shared by the importer, the services and the tests.
 */
export type PeriodKind = 'year' | 'quarter' | 'month';

export interface Period {
  period: string;
  kind: PeriodKind;
  /** First day, 'YYYY-MM-DD'. */
  start: string;
  /** The first day after the period, 'YYYY-MM-DD'. */
  end: string;
}

export const MIN_YEAR = 1800;
export const MAX_YEAR = 2100;

const pad = (n: number) => String(n).padStart(2, '0');

/** Parses and normalises a period; returns an error message instead when it is not one. */
export function parsePeriod(raw: string): Period | { error: string } {
  const s = raw.trim().toUpperCase();
  let m = /^(\d{4})$/.exec(s);
  let year: number;
  let kind: PeriodKind;
  let month0: number;
  let months: number;
  if (m) {
    year = Number(m[1]);
    kind = 'year';
    month0 = 0;
    months = 12;
  } else if ((m = /^(\d{4})-?Q([1-4])$/.exec(s))) {
    year = Number(m[1]);
    kind = 'quarter';
    month0 = (Number(m[2]) - 1) * 3;
    months = 3;
  } else if ((m = /^(\d{4})-(\d{1,2})$/.exec(s)) && Number(m[2]) >= 1 && Number(m[2]) <= 12) {
    year = Number(m[1]);
    kind = 'month';
    month0 = Number(m[2]) - 1;
    months = 1;
  } else {
    return { error: `"${raw}" is not a period: use a year (2021), a quarter (2024-Q3) or a month (2025-04)` };
  }
  if (year < MIN_YEAR || year > MAX_YEAR) return { error: `Period ${raw} is out of range (${MIN_YEAR}–${MAX_YEAR})` };
  const endMonth0 = month0 + months;
  const period = kind === 'year' ? String(year) : kind === 'quarter' ? `${year}-Q${month0 / 3 + 1}` : `${year}-${pad(month0 + 1)}`;
  return {
    period,
    kind,
    start: `${year}-${pad(month0 + 1)}-01`,
    end: `${year + Math.floor(endMonth0 / 12)}-${pad((endMonth0 % 12) + 1)}-01`,
  };
}

export function isPeriod(p: Period | { error: string }): p is Period {
  return 'period' in p;
}

/** A period that has not ended yet cannot have final figures. */
export function isUnfinished(p: Period, today = new Date()): boolean {
  return p.end > today.toISOString().slice(0, 10);
}
