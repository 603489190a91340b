/**
 * Turning rows that people or other modules supply into observations ready to store:
 * codes resolved, periods normalised, disaggregation keyed, and every problem reported with
 * its line number and field. Shared by the tidy CSV import, the census importer and
 * recordSystemObservations, so all three apply the same rules.
 */
import type { Db } from '../../core/db/database';
import type { FieldError } from '../../core/http/errors';
import type { ObservationStatus } from './data.api';
import { isPeriod, isUnfinished, parsePeriod } from './data.periods';
import * as repo from './data.repository';

export interface RawObservation {
  /** Line in the source file (1 is the header), or the row's index + 1 for API callers. */
  line: number;
  indicatorCode: string;
  geographyCode: string;
  period: string;
  value?: string | number | null;
  low?: string | number | null;
  high?: string | number | null;
  status?: string | null;
  unit?: string | null;
  disaggregation?: string | Record<string, string> | null;
  source?: string | null;
  notes?: string | null;
  projection?: string | boolean | null;
}

export interface RowError extends FieldError {
  line: number;
}

const statuses: ObservationStatus[] = ['provisional', 'final', 'suppressed'];

/** 'Sex=Women+; age=15-24' or {sex: 'Women+'} → 'age=15-24;sex=Women+' (dimensions lower-case, sorted). */
export function disaggregationKey(d: string | Record<string, string> | null | undefined): { key: string; dims: string[] } | { error: string } {
  if (!d) return { key: '', dims: [] };
  const pairs: [string, string][] = [];
  if (typeof d === 'string') {
    if (!d.trim()) return { key: '', dims: [] };
    for (const part of d.split(';')) {
      if (!part.trim()) continue;
      const eq = part.indexOf('=');
      if (eq < 1) return { error: `"${part.trim()}" is not dimension=value` };
      pairs.push([part.slice(0, eq), part.slice(eq + 1)]);
    }
  } else pairs.push(...Object.entries(d));
  const seen = new Set<string>();
  const norm: [string, string][] = [];
  for (const [k0, v0] of pairs) {
    const k = k0.trim().toLowerCase();
    const v = v0.trim();
    if (!/^[a-z][a-z0-9_-]{0,39}$/.test(k)) return { error: `"${k0}" is not a dimension name (letters, digits, - and _)` };
    if (!v || v.length > 100 || /[;=]/.test(v)) return { error: `The value of ${k} must be 1–100 characters without ; or =` };
    if (seen.has(k)) return { error: `Dimension ${k} is given twice` };
    seen.add(k);
    norm.push([k, v]);
  }
  norm.sort((a, b) => a[0].localeCompare(b[0]));
  return { key: norm.map(([k, v]) => `${k}=${v}`).join(';'), dims: norm.map(([k]) => k) };
}

/** Parses a number as written in Canadian files: '1,234', '1 234', '12.5', '12,5' (French decimal comma). */
export function parseNumber(v: string | number | null | undefined): number | null | undefined {
  if (v == null) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  let s = v.trim().replace(/[\s\u00a0\u202f$%]/g, '');
  if (!s) return null;
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
  else if (/^-?\d+,\d+$/.test(s)) s = s.replace(',', '.');
  if (!/^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) return undefined;
  return Number(s);
}

function parseBool(v: string | boolean | null | undefined): boolean | undefined {
  if (v == null || v === '') return false;
  if (typeof v === 'boolean') return v;
  const s = v.trim().toLowerCase();
  if (['true', 'yes', 'y', '1', 'oui', 'projection'].includes(s)) return true;
  if (['false', 'no', 'n', '0', 'non'].includes(s)) return false;
  return undefined;
}

/**
 * Validates and resolves rows for one partition. Rows with any problem are left out and
 * reported; callers refuse the whole batch when there is any error (imports are all or nothing).
 */
export async function prepareObservations(
  db: Db,
  raw: RawObservation[],
  opts: { collaborativeId: string | null; defaultSource?: string | null; today?: Date },
): Promise<{ rows: repo.ObservationInput[]; lines: number[]; errors: RowError[] }> {
  const errors: RowError[] = [];
  const err = (line: number, field: string, message: string) => errors.push({ line, field, message });
  const codes = [...new Set(raw.map((r) => r.indicatorCode.trim().toLowerCase()))];
  const indicators = new Map((await repo.listIndicators(db, { codes, limit: 100000 })).map((i) => [i.code, i]));
  const geoCodes = [...new Set(raw.map((r) => r.geographyCode.trim()))].filter((c) => /^[A-Za-z0-9._-]{1,40}$/.test(c));
  const geos = new Map((await repo.geographiesByCodes(db, geoCodes)).map((g) => [g.code, g]));
  const rows: repo.ObservationInput[] = [];
  const lines: number[] = [];
  const seenKeys = new Map<string, number>();

  for (const r of raw) {
    const before = errors.length;
    const code = r.indicatorCode.trim().toLowerCase();
    const ind = indicators.get(code);
    if (!code) err(r.line, 'indicator_code', 'Required');
    else if (!ind) err(r.line, 'indicator_code', `Unknown indicator code "${r.indicatorCode}": add it to the catalogue first`);
    const geo = geos.get(r.geographyCode.trim());
    if (!r.geographyCode.trim()) err(r.line, 'geography_code', 'Required');
    else if (!geo) err(r.line, 'geography_code', `Unknown geography code "${r.geographyCode}"`);
    const p = parsePeriod(r.period ?? '');
    if (!isPeriod(p)) err(r.line, 'period', p.error);
    const status = (r.status?.trim().toLowerCase() || 'final') as ObservationStatus;
    if (!statuses.includes(status)) err(r.line, 'status', `Status must be provisional, final or suppressed, not "${r.status}"`);
    const isProjection = parseBool(r.projection);
    if (isProjection === undefined) err(r.line, 'projection', `"${String(r.projection)}" is not yes or no`);
    if (isPeriod(p) && status === 'final' && isUnfinished(p, opts.today)) {
      err(r.line, 'status', `Period ${p.period} has not ended, so its figure cannot be final: mark it provisional (and projection if it is one)`);
    }
    if (isProjection && status === 'final') err(r.line, 'status', 'A projection cannot be final: mark it provisional');
    const value = parseNumber(r.value);
    const low = parseNumber(r.low);
    const high = parseNumber(r.high);
    if (value === undefined) err(r.line, 'value', `"${r.value}" is not a number`);
    if (low === undefined) err(r.line, 'value_low', `"${r.low}" is not a number`);
    if (high === undefined) err(r.line, 'value_high', `"${r.high}" is not a number`);
    if (status === 'suppressed' && value != null) err(r.line, 'value', 'A suppressed row carries no value; leave it empty or give a range in value_low/value_high');
    if (status !== 'suppressed' && value === null && low === null && high === null) err(r.line, 'value', 'Give a value, a range (value_low/value_high), or mark the row suppressed');
    if (low != null && high != null && low > high) err(r.line, 'value_low', 'value_low is greater than value_high');
    if (ind && r.unit?.trim()) {
      const unit = r.unit.trim().toLowerCase();
      if (unit !== ind.unit) err(r.line, 'unit', `Mixed units: indicator ${ind.code} is measured in ${ind.unit}, this row says ${unit}`);
    }
    if (ind && ind.unit === 'count' && value != null && (value < 0 || !Number.isInteger(value))) err(r.line, 'value', 'A count is a whole number of zero or more');
    const d = disaggregationKey(r.disaggregation ?? null);
    if ('error' in d) err(r.line, 'disaggregation', d.error);
    else if (ind) {
      const unsupported = d.dims.filter((x) => !ind.dimensions.includes(x));
      if (unsupported.length) err(r.line, 'disaggregation', `Indicator ${ind.code} is not broken down by ${unsupported.join(', ')} (it supports: ${ind.dimensions.join(', ') || 'none'})`);
    }
    const source = r.source?.trim() || opts.defaultSource || null;
    if (source && source.length > 500) err(r.line, 'source', 'Use at most 500 characters');
    const notes = r.notes?.trim() || null;
    if (notes && notes.length > 2000) err(r.line, 'notes', 'Use at most 2000 characters');
    if (errors.length > before || !ind || !geo || !isPeriod(p) || 'error' in d) continue;
    const key = `${ind.id}|${geo.id}|${p.period}|${d.key}`;
    const dup = seenKeys.get(key);
    if (dup) {
      err(r.line, 'period', `Same indicator, place, period and disaggregation as line ${dup}`);
      continue;
    }
    seenKeys.set(key, r.line);
    rows.push({
      indicatorId: ind.id,
      geographyId: geo.id,
      period: p.period,
      periodStart: p.start,
      dkey: d.key,
      collaborativeId: opts.collaborativeId,
      value: value ?? null,
      low: low ?? null,
      high: high ?? null,
      status,
      isProjection: isProjection ?? false,
      source,
      notes,
    });
    lines.push(r.line);
  }
  return { rows, lines, errors };
}
