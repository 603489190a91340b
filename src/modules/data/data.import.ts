/**
 * Reading data files: the tidy CSV format (one observation per row) and the Statistics Canada
 * 2021 Census Profile layout, with encoding detection. Both end in storeObservations, so they
 * share its validation, idempotent upsert, revisions, dry run and audit.
 */
import { parse } from 'csv-parse/sync';
import type { Database } from '../../core/db/database';
import type { Actor, RequestMeta } from '../../core/accounts/actor';
import { Errors } from '../../core/http/errors';
import { DataErrors } from './data.errors';
import type { Progress } from '../../core/db/backup';
import type { RawObservation } from './data.observations';

import { Readable } from 'node:stream';
import { checkPartition, storeObservations, type StoreSummary } from './data.service';
import { readCensusStream } from './data.census';


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
    text = cp1252(buf);
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

/** Windows-1252 bytes as text. Some Node builds decode 'windows-1252' as ISO-8859-1, so 0x80–0x9F (– ’ “ ” € …) are mapped here. */
export function cp1252(buf: Uint8Array): string {
  return new TextDecoder('windows-1252').decode(buf).replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] || c);
}

export function badFile(title: string) {
  return DataErrors.unreadableFile(title);
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
  if (opts.format === 'census') return importCensus(database, actor, Readable.from([Buffer.from(bytes)]), { ...opts, totalBytes: bytes.length });
  const { text, encoding } = decodeText(bytes);
  const rows = readTidy(text);
  const s = await storeObservations(database, actor, opts.meta ?? {}, rows, { collaborativeId: opts.collaborativeId, dryRun: opts.dryRun, source: `csv:${opts.fileName}`, progress: opts.progress });
  return { ...s, encoding, format: 'tidy' };
}

/**
 * Imports a Census Profile CSV from a stream (a file on disk or an upload), reading it once
 * and keeping only the mapped rows of known places; then stores them like any import.
 */
export async function importCensus(
  database: Database,
  actor: Actor,
  source: Readable,
  opts: { dryRun: boolean; collaborativeId: string | null; fileName: string; period?: string; progress?: Progress; meta?: RequestMeta; totalBytes?: number },
): Promise<ImportSummary> {
  await checkPartition(database.db, actor, opts.collaborativeId);
  const c = await readCensusStream(database, source, { period: opts.period, totalBytes: opts.totalBytes, progress: opts.progress });
  const s = await storeObservations(database, actor, opts.meta ?? {}, c.rows, { collaborativeId: opts.collaborativeId, dryRun: opts.dryRun, source: `census:${opts.fileName}`, progress: opts.progress });
  return { ...s, encoding: c.encoding, format: 'census', skipped: c.skippedCharacteristics, unknownPlaces: c.unknownPlaces };
}
