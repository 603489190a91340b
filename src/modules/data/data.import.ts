/**
 * Reading data files: the tidy CSV format (one observation per row) and the Statistics Canada
 * 2021 Census Profile layout, with encoding detection. Both end in storeObservations, so they
 * share its validation, idempotent upsert, revisions, dry run and audit.
 */
import { parse } from 'csv-parse/sync';
import type { Database } from '../../core/db/database';
import type { Actor, RequestMeta } from '../../core/accounts/actor';
import { AppError, Errors } from '../../core/http/errors';
import type { Progress } from '../../core/db/backup';
import type { RawObservation } from './data.observations';
import * as repo from './data.repository';
import { ImportRowsError, storeObservations, type StoreSummary } from './data.service';
import type { RowError } from './data.observations';

export type ImportFormat = 'tidy' | 'census';

/**
 * Decodes a file as UTF-8 (strictly) or, failing that, Windows-1252 (Excel's "CSV" on
 * Windows in Canada, and what Statistics Canada's Latin-1 downloads are compatible with).
 * UTF-16 and binary files are refused with a message saying what to do.
 */
export function decodeText(buf: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) {
    throw badFile('The file is UTF-16 text. Save it as "CSV UTF-8" (or plain CSV) and try again.');
  }
  const head = buf.subarray(0, 65536);
  if (head.includes(0)) throw badFile('The file is not text (it contains NUL bytes): it may be UTF-16, a spreadsheet (.xlsx) or another binary file. Save it as "CSV UTF-8".');
  let text: string;
  let encoding: 'utf-8' | 'windows-1252';
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
    encoding = 'utf-8';
  } catch {
    // Some Node builds decode 'windows-1252' as ISO-8859-1; map 0x80–0x9F (– ’ “ ” € …) ourselves.
    text = new TextDecoder('windows-1252').decode(buf).replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] || c);
    encoding = 'windows-1252';
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const sample = text.slice(0, 65536);
  const controls = (sample.match(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g) ?? []).length;
  if (controls > Math.max(2, sample.length / 200)) throw badFile('The file is not readable text in UTF-8 or Windows-1252. Save it as "CSV UTF-8".');
  return { text, encoding };
}

/** Windows-1252 characters for bytes 0x80–0x9F ('' where the code page has none). */
const CP1252_HIGH = ['€', '', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '', 'Ž', '', '', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '', 'ž', 'Ÿ'];

function badFile(title: string) {
  return new AppError({ status: 400, code: 'data.unreadable_file', title, errors: [{ field: 'file', message: title }] });
}

function parseCsv(text: string): string[][] {
  try {
    return parse(text, { relax_column_count: true, skip_empty_lines: false, bom: true }) as string[][];
  } catch (err) {
    throw Errors.validation([{ field: 'file', message: `Not a valid CSV file: ${(err as Error).message}` }]);
  }
}

export const TIDY_COLUMNS = ['indicator_code', 'geography_code', 'period', 'value', 'value_low', 'value_high', 'status', 'unit', 'disaggregation', 'source', 'notes', 'projection'] as const;

/** Tidy CSV → raw observations. Extra `dim:<name>` columns add disaggregation dimensions. */
export function readTidy(text: string): RawObservation[] {
  const rows = parseCsv(text);
  if (!rows.length) throw Errors.validation([{ field: 'file', message: 'The file is empty' }]);
  const header = rows[0].map((h) => h.trim().toLowerCase());
  const missing = ['indicator_code', 'geography_code', 'period', 'value'].filter((c) => !header.includes(c));
  if (missing.length) throw Errors.validation([{ field: 'file', message: `Missing column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')} (line 1 must name the columns)` }]);
  const unknown = header.filter((h) => h && !(TIDY_COLUMNS as readonly string[]).includes(h) && !h.startsWith('dim:'));
  if (unknown.length) throw Errors.validation([{ field: 'file', message: `Unknown column${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}` }]);
  const col = (name: string) => header.indexOf(name);
  const dimCols = header.map((h, i) => [h, i] as const).filter(([h]) => h.startsWith('dim:'));
  const out: RawObservation[] = [];
  rows.slice(1).forEach((r, i) => {
    if (r.every((c) => !c.trim())) return;
    const get = (name: string) => (col(name) >= 0 ? (r[col(name)] ?? '') : '');
    const dims = [get('disaggregation'), ...dimCols.filter(([, j]) => (r[j] ?? '').trim()).map(([h, j]) => `${h.slice(4)}=${r[j]}`)].filter((s) => s.trim()).join(';');
    out.push({
      line: i + 2,
      indicatorCode: get('indicator_code'),
      geographyCode: get('geography_code'),
      period: get('period'),
      value: get('value'),
      low: get('value_low'),
      high: get('value_high'),
      status: get('status'),
      unit: get('unit'),
      disaggregation: dims,
      source: get('source'),
      notes: get('notes'),
      projection: get('projection'),
    });
  });
  return out;
}

/** The 2021 Census Profile CSV record layout (98-401-X2021…), in file order. */
export const CENSUS_COLUMNS = [
  'CENSUS_YEAR', 'DGUID', 'ALT_GEO_CODE', 'GEO_LEVEL', 'GEO_NAME', 'TNR_SF', 'TNR_LF', 'DATA_QUALITY_FLAG', 'CHARACTERISTIC_ID', 'CHARACTERISTIC_NAME', 'CHARACTERISTIC_NOTE',
  'C1_COUNT_TOTAL', 'SYMBOL', 'C2_COUNT_MEN+', 'SYMBOL', 'C3_COUNT_WOMEN+', 'SYMBOL', 'C10_RATE_TOTAL', 'SYMBOL', 'C11_RATE_MEN+', 'SYMBOL', 'C12_RATE_WOMEN+', 'SYMBOL',
] as const;

/** Statistics Canada symbols: x suppressed (confidentiality), F too unreliable, .. and ... not available, E use with caution. */
const NOT_AVAILABLE = new Set(['..', '...']);
const SUPPRESSED = new Set(['x', 'X', 'F']);

export interface CensusRead {
  rows: RawObservation[];
  skippedCharacteristics: number;
  unknownPlaces: string[];
  period: string;
}

/**
 * Census Profile CSV → raw observations, through the saved characteristic → indicator mapping.
 * Rows of places the platform does not know and characteristics with no mapping are skipped
 * and counted (a province-wide download has thousands); bad values are reported by line.
 */
export async function readCensus(database: Database, text: string, opts: { period?: string } = {}): Promise<CensusRead> {
  const rows = parseCsv(text);
  if (!rows.length) throw Errors.validation([{ field: 'file', message: 'The file is empty' }]);
  const header = rows[0].map((h) => h.trim());
  for (const required of ['ALT_GEO_CODE', 'CHARACTERISTIC_ID', 'CHARACTERISTIC_NAME', 'C1_COUNT_TOTAL']) {
    if (!header.includes(required)) throw Errors.validation([{ field: 'file', message: `Not a 2021 Census Profile file: column ${required} is missing (see docs/data.md for the layout)` }]);
  }
  const idx = (name: string) => header.indexOf(name);
  const mappings = await repo.listCensusMappings(database.db);
  const byChar = new Map<number, typeof mappings>();
  for (const m of mappings) byChar.set(m.characteristicId, [...(byChar.get(m.characteristicId) ?? []), m]);
  const geoCodes = new Set((await repo.geographiesByCodes(database.db, [...new Set(rows.slice(1).map((r) => (r[idx('ALT_GEO_CODE')] ?? '').trim()).filter((c) => /^[A-Za-z0-9._-]{1,40}$/.test(c)))])).map((g) => g.code));
  const out: RawObservation[] = [];
  const unknownPlaces = new Set<string>();
  let skipped = 0;
  let period = opts.period ?? '';
  const errors: RowError[] = [];
  const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();
  rows.slice(1).forEach((r, i) => {
    if (r.every((c) => !c.trim())) return;
    const line = i + 2;
    const charId = Number((r[idx('CHARACTERISTIC_ID')] ?? '').trim());
    const maps = byChar.get(charId);
    if (!maps) {
      skipped++;
      return;
    }
    const name = r[idx('CHARACTERISTIC_NAME')] ?? '';
    // Characteristic ids differ between census years: a saved mapping must not silently feed the wrong row.
    if (norm(name) !== norm(maps[0].characteristicName)) {
      errors.push({ line, field: 'CHARACTERISTIC_NAME', message: `Characteristic ${charId} is "${name.trim()}" in this file, but the saved mapping is for "${maps[0].characteristicName}": check the mapping` });
      return;
    }
    const geo = (r[idx('ALT_GEO_CODE')] ?? '').trim();
    if (!geoCodes.has(geo)) {
      unknownPlaces.add(`${geo} ${r[idx('GEO_NAME')] ?? ''}`.trim());
      return;
    }
    const year = (idx('CENSUS_YEAR') >= 0 ? r[idx('CENSUS_YEAR')] : '')?.trim();
    const rowPeriod = opts.period ?? (year || '2021');
    period ||= rowPeriod;
    const quality = idx('DATA_QUALITY_FLAG') >= 0 ? (r[idx('DATA_QUALITY_FLAG')] ?? '').trim() : '';
    for (const m of maps) {
      const vi = idx(m.columnName);
      if (vi < 0) continue;
      const symbol = (header[vi + 1] === 'SYMBOL' ? r[vi + 1] ?? '' : '').trim();
      const raw = (r[vi] ?? '').trim();
      if (NOT_AVAILABLE.has(symbol) || (!raw && !symbol)) continue;
      const notes = [
        `Census Profile characteristic ${charId}: ${(r[idx('CHARACTERISTIC_NAME')] ?? '').trim()}`,
        symbol === 'E' ? 'E: use with caution' : '',
        symbol === 'F' ? 'F: too unreliable to be published' : '',
        quality && quality !== '0' && quality !== '00000' ? `data quality flag ${quality}` : '',
      ].filter(Boolean).join('; ');
      out.push({
        line,
        indicatorCode: m.indicatorCode,
        geographyCode: geo,
        period: rowPeriod,
        value: SUPPRESSED.has(symbol) ? null : raw,
        status: SUPPRESSED.has(symbol) ? 'suppressed' : 'final',
        source: `Statistics Canada, Census Profile ${rowPeriod}`,
        notes,
      });
    }
  });
  if (errors.length) throw new ImportRowsError(errors);
  return { rows: out, skippedCharacteristics: skipped, unknownPlaces: [...unknownPlaces].slice(0, 50), period };
}

export interface ImportSummary extends StoreSummary {
  encoding: string;
  format: ImportFormat;
  skipped?: number;
  unknownPlaces?: string[];
}

/** Imports a tidy or census CSV file's bytes. */
export async function importFile(
  database: Database,
  actor: Actor,
  bytes: Uint8Array,
  opts: { format: ImportFormat; dryRun: boolean; collaborativeId: string | null; fileName: string; period?: string; progress?: Progress; meta?: RequestMeta },
): Promise<ImportSummary> {
  const { text, encoding } = decodeText(bytes);
  if (opts.format === 'census') {
    const c = await readCensus(database, text, { period: opts.period });
    const s = await storeObservations(database, actor, opts.meta ?? {}, c.rows, { collaborativeId: opts.collaborativeId, dryRun: opts.dryRun, source: `census:${opts.fileName}`, progress: opts.progress });
    return { ...s, encoding, format: 'census', skipped: c.skippedCharacteristics, unknownPlaces: c.unknownPlaces };
  }
  const rows = readTidy(text);
  const s = await storeObservations(database, actor, opts.meta ?? {}, rows, { collaborativeId: opts.collaborativeId, dryRun: opts.dryRun, source: `csv:${opts.fileName}`, progress: opts.progress });
  return { ...s, encoding, format: 'tidy' };
}
