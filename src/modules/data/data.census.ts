/**
 * Statistics Canada Census Profile files as downloaded: 1–2.6 GB, 14 million rows, Latin-1 or
 * UTF-8. Read as a stream (decode, parse, keep only the places and characteristics the
 * platform maps), so memory follows what is kept, not the size of the file.
 */
import { Transform, pipeline, type Readable, type TransformCallback } from 'node:stream';
import { isUtf8 } from 'node:buffer';
import { parse } from 'csv-parse';
import type { Database } from '../../core/db/database';
import { Errors } from '../../core/http/errors';
import type { Progress } from '../../core/db/backup';
import type { RawObservation, RowError } from './data.observations';
import * as repo from './data.repository';
import { ImportRowsError } from './data.service';
import { badFile, cp1252 } from './data.import';

export type TextEncoding = 'utf-8' | 'windows-1252';

/** At most this many bad rows are reported; the import stops being worth reading past them. */
const MAX_ROW_ERRORS = 1000;

/** Length of `buf` without a UTF-8 sequence cut off at its end (0–3 bytes), so it can be checked alone. */
function completeUtf8Prefix(buf: Buffer): number {
  for (let back = 1; back <= Math.min(3, buf.length); back++) {
    const b = buf[buf.length - back];
    if ((b & 0xc0) === 0x80) continue; // continuation byte: look further back for the lead
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? buf.length - back : buf.length;
  }
  return buf.length;
}

/**
 * Bytes → text, deciding the encoding on the first non-ASCII bytes: UTF-8 when they are valid
 * UTF-8, Windows-1252 otherwise. An ASCII prefix reads the same in both, so nothing before
 * the decision is read twice. UTF-16 and binary files are refused.
 */
export class DecodeText extends Transform {
  encoding: TextEncoding | null = null;
  private first = true;
  private held: Buffer = Buffer.alloc(0);
  private readonly utf8 = new TextDecoder('utf-8', { fatal: true });

  constructor() {
    super({ readableObjectMode: false, decodeStrings: true });
  }

  private pushText(text: string) {
    if (this.first) {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (text) this.push(text);
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
    try {
      if (this.first && this.held.length === 0) {
        if ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff)) {
          throw badFile('The file is UTF-16 text. Save it as "CSV UTF-8" (or plain CSV) and try again.');
        }
      }
      if (chunk.includes(0)) throw badFile('The file is not text (it contains NUL bytes): it may be UTF-16, a spreadsheet (.xlsx) or another binary file. Save it as "CSV UTF-8".');
      let buf = this.held.length ? Buffer.concat([this.held, chunk]) : chunk;
      this.held = Buffer.alloc(0);
      if (!this.encoding) {
        let high = -1;
        for (let i = 0; i < buf.length; i++) {
          if (buf[i] >= 0x80) {
            high = i;
            break;
          }
        }
        if (high < 0) {
          this.pushText(buf.toString('latin1'));
          return done();
        }
        const probe = buf.subarray(high, high + 65536);
        const whole = completeUtf8Prefix(probe);
        if (whole === 0) {
          // The chunk ends inside the first multi-byte sequence: decide with the next chunk.
          this.pushText(buf.subarray(0, high).toString('latin1'));
          this.held = Buffer.from(buf.subarray(high));
          return done();
        }
        this.encoding = isUtf8(probe.subarray(0, whole)) ? 'utf-8' : 'windows-1252';
        this.pushText(buf.subarray(0, high).toString('latin1'));
        buf = buf.subarray(high);
      }
      if (this.encoding === 'utf-8') {
        try {
          this.pushText(this.utf8.decode(buf, { stream: true }));
        } catch {
          throw badFile('The file mixes UTF-8 with another encoding. Save it again as "CSV UTF-8".');
        }
      } else {
        this.pushText(cp1252(buf));
      }
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  override _flush(done: TransformCallback) {
    try {
      if (this.held.length) this.pushText(cp1252(this.held));
      if (this.encoding === 'utf-8') this.pushText(this.utf8.decode());
      done();
    } catch {
      done(badFile('The file ends in the middle of a UTF-8 character: it may be cut short.'));
    }
  }
}

/** The 2021 Census Profile columns this reader needs. */
const REQUIRED = ['ALT_GEO_CODE', 'CHARACTERISTIC_ID', 'CHARACTERISTIC_NAME', 'C1_COUNT_TOTAL'];

/** Statistics Canada symbols: x suppressed (confidentiality), F too unreliable, .. and ... not available, E use with caution. */
const NOT_AVAILABLE = new Set(['..', '...']);
const SUPPRESSED = new Set(['x', 'X', 'F']);
const GEO_CODE = /^[A-Za-z0-9._-]{1,40}$/;

export interface CensusStreamRead {
  rows: RawObservation[];
  /** Rows of characteristics with no mapping. */
  skippedCharacteristics: number;
  /** Places in the file the platform does not know (first 50). */
  unknownPlaces: string[];
  period: string;
  encoding: TextEncoding;
  /** Records read from the file. */
  records: number;
}

/**
 * Reads a Census Profile CSV from a stream. Rows are kept only when their characteristic has a
 * saved mapping and their place is on the platform; places are looked up in batches as they
 * appear. Bad rows are reported by line (the first 1,000) and nothing is returned then.
 */
export async function readCensusStream(database: Database, source: Readable, opts: { period?: string; totalBytes?: number; progress?: Progress } = {}): Promise<CensusStreamRead> {
  const decoder = new DecodeText();
  const parser = parse({ relax_column_count: true, bom: true, skip_empty_lines: true, info: true, max_record_size: 1_000_000 });
  const progress = opts.progress;
  if (progress && opts.totalBytes) {
    progress.start(opts.totalBytes, 'Reading the census file');
    source.on('data', (c: Buffer) => progress.tick(c.length));
  }
  const records = pipeline(source, decoder, parser, () => undefined) as unknown as AsyncIterable<{ record: string[]; info: { lines: number } }>;

  const mappings = await repo.listCensusMappings(database.db);
  const byChar = new Map<number, typeof mappings>();
  for (const m of mappings) byChar.set(m.characteristicId, [...(byChar.get(m.characteristicId) ?? []), m]);
  const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

  const known = new Map<string, boolean>();
  const unknownPlaces = new Set<string>();
  let waiting: { geo: string; obs: RawObservation[]; name: string }[] = [];
  const waitingCodes = new Set<string>();
  const out: RawObservation[] = [];
  const errors: RowError[] = [];
  let header: string[] | null = null;
  let col: (name: string) => number = () => -1;
  let skipped = 0;
  let count = 0;
  let period = opts.period ?? '';

  const settle = async () => {
    if (waitingCodes.size) {
      const found = new Set((await repo.geographiesByCodes(database.db, [...waitingCodes])).map((g) => g.code));
      for (const c of waitingCodes) known.set(c, found.has(c));
      waitingCodes.clear();
    }
    for (const w of waiting) {
      if (known.get(w.geo)) out.push(...w.obs);
      else if (unknownPlaces.size < 50) unknownPlaces.add(`${w.geo} ${w.name}`.trim());
    }
    waiting = [];
  };

  try {
    for await (const { record: r, info } of records) {
      if (!header) {
        header = r.map((h) => h.trim());
        for (const required of REQUIRED) {
          if (!header.includes(required)) throw Errors.validation([{ field: 'file', message: `Not a 2021 Census Profile file: column ${required} is missing (see docs/data.md for the layout)` }]);
        }
        const index = new Map<string, number>();
        header.forEach((h, i) => index.has(h) || index.set(h, i));
        col = (name) => index.get(name) ?? -1;
        continue;
      }
      count++;
      const line = info.lines;
      const charId = Number((r[col('CHARACTERISTIC_ID')] ?? '').trim());
      const maps = byChar.get(charId);
      if (!maps) {
        skipped++;
        continue;
      }
      const name = r[col('CHARACTERISTIC_NAME')] ?? '';
      // Characteristic ids differ between census years: a saved mapping must not silently feed the wrong row.
      if (norm(name) !== norm(maps[0].characteristicName)) {
        if (errors.length < MAX_ROW_ERRORS) errors.push({ line, field: 'CHARACTERISTIC_NAME', message: `Characteristic ${charId} is "${name.trim()}" in this file, but the saved mapping is for "${maps[0].characteristicName}": check the mapping` });
        continue;
      }
      const geo = (r[col('ALT_GEO_CODE')] ?? '').trim();
      const geoName = (r[col('GEO_NAME')] ?? '').trim();
      if (!GEO_CODE.test(geo) || known.get(geo) === false) {
        if (unknownPlaces.size < 50) unknownPlaces.add(`${geo} ${geoName}`.trim());
        continue;
      }
      const year = col('CENSUS_YEAR') >= 0 ? (r[col('CENSUS_YEAR')] ?? '').trim() : '';
      const rowPeriod = opts.period ?? (year || '2021');
      period ||= rowPeriod;
      const quality = col('DATA_QUALITY_FLAG') >= 0 ? (r[col('DATA_QUALITY_FLAG')] ?? '').trim() : '';
      const obs: RawObservation[] = [];
      for (const m of maps) {
        const vi = col(m.columnName);
        if (vi < 0) continue;
        const symbol = (header[vi + 1] === 'SYMBOL' ? (r[vi + 1] ?? '') : '').trim();
        const raw = (r[vi] ?? '').trim();
        if (NOT_AVAILABLE.has(symbol) || (!raw && !symbol)) continue;
        const notes = [
          `Census Profile characteristic ${charId}: ${name.trim()}`,
          symbol === 'E' ? 'E: use with caution' : '',
          symbol === 'F' ? 'F: too unreliable to be published' : '',
          quality && quality !== '0' && quality !== '00000' ? `data quality flag ${quality}` : '',
        ].filter(Boolean).join('; ');
        obs.push({
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
      if (known.get(geo)) out.push(...obs);
      else {
        waiting.push({ geo, obs, name: geoName });
        waitingCodes.add(geo);
        if (waitingCodes.size >= 500) await settle();
      }
    }
    await settle();
  } catch (err) {
    source.destroy();
    if (err instanceof Error && 'status' in err) throw err;
    const code = (err as { code?: string }).code ?? '';
    if (code.startsWith('CSV_')) throw Errors.validation([{ field: 'file', message: `Not a valid CSV file: ${(err as Error).message}` }]);
    throw err;
  } finally {
    progress?.stop();
  }
  if (!header) throw Errors.validation([{ field: 'file', message: 'The file is empty' }]);
  if (errors.length) throw new ImportRowsError(errors);
  return { rows: out, skippedCharacteristics: skipped, unknownPlaces: [...unknownPlaces], period, encoding: decoder.encoding ?? 'utf-8', records: count };
}
