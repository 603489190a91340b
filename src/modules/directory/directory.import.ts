import path from 'node:path';
import type { Database, Db } from '../../core/db/database';
import { silentProgress, type Progress } from '../../core/db/backup';
import { driverError, sqlState } from '../../core/db/driver-error';
import type { Actor, RequestMeta } from '../../core/accounts/actor';
import { runCommand } from '../../core/command';
import { authorizeAction } from '../../core/policy';
import { geographyByCode } from '../../core/geography/geography.service';
import { AppError, type FieldError } from '../../core/http/errors';
import { ANALYZED_TABLES, analyzeTable, refreshSearch } from './directory.repository';
import * as staging from './repository/import.repository';
import { can } from './directory.policy';
import { LINK_ENTITIES, MAX_FIELD_BYTES, TABLE_ORDER, csvWithoutEmptyLines, readCsvHeader, readPackage, type FieldSpec, type RawTable, type TableSpec } from './directory.package';

/**
 * HSDS 3.0 import, streamed and set-wise, in one transaction (all or nothing):
 * 1. each file is read as a stream; every row is checked on its own (types, required fields,
 *    enums, sizes) and goes straight into a temporary staging table (COPY FROM STDIN on
 *    PostgreSQL, multi-row INSERTs on the embedded database), so memory stays flat whatever the
 *    package's size;
 * 2. what needs the whole package is checked in SQL over the staging tables: duplicate ids,
 *    taxonomy codes, references to the package or the directory, geography codes, and (in
 *    memory, ids only) cycles of parents. A strict import with any problem stops here and the
 *    transaction rolls back; a lenient one drops or repairs the rows and reports them;
 * 3. each staging table is merged into its real table with INSERT … SELECT … ON CONFLICT keyed
 *    by HSDS id; a row identical to what is stored is left alone, so importing a package twice
 *    changes nothing;
 * 4. the search documents of every service touched are rebuilt set-wise (migration 0040); on
 *    PostgreSQL, when most of them change, into a new table swapped in at the end (0100).
 */

export interface ImportOptions {
  dryRun?: boolean;
  /** Lenient: import the valid rows, skip or repair the rest, and report them. */
  skipInvalid?: boolean;
  progress?: Progress;
  meta?: RequestMeta;
  /** PostgreSQL: build the search table anew and swap it in (true), update it row by row (false), or decide by size (default, see SEARCH_REBUILD_MIN). */
  rebuildSearch?: boolean;
  /** PostgreSQL rebuild: how long to wait for the locks on the services and the search table before refreshing in place instead (default 2,000 ms). */
  searchLockWaitMs?: number;
}
export interface TableCounts {
  created: number;
  updated: number;
  unchanged: number;
}
export interface ImportSummary {
  dryRun: boolean;
  format: 'csv' | 'json';
  tables: Record<string, TableCounts>;
  /** Service rows in the package. */
  services: number;
  /** Resources in the package that Roundtable does not import. */
  ignored: string[];
  /** Lenient mode: it was used. */
  skipInvalid: boolean;
  /** Lenient mode: every row skipped, every value set to null and every warning. */
  report: ReportEntry[];
}

/** The most errors one failed import reports; a badly broken file would otherwise produce millions. */
export const MAX_REPORTED_ERRORS = 1000;
const BATCH = 1000;

const turn = () => new Promise<void>((r) => setImmediate(r));

/**
 * How many rows go into one statement. On PostgreSQL the statement runs in the server and this
 * process stays free, so batches stay large. The embedded database runs each statement inside
 * this thread, where nothing else (not even /health) is answered until it returns: there the
 * size adapts so one statement takes about `targetMs`, and the event loop gets a turn between
 * statements. The whole import is still one transaction.
 */
export class StatementSizer {
  private size: number;
  constructor(
    private readonly targetMs: number | null,
    start = BATCH,
    private readonly max = BATCH,
  ) {
    this.size = targetMs === null ? max : Math.min(start, max);
  }
  static for(database: Database, start?: number, max?: number): StatementSizer {
    return new StatementSizer(database.kind === 'pglite' ? EMBEDDED_STATEMENT_MS : null, start, max);
  }
  get next(): number {
    return this.size;
  }
  /** Runs one statement over `rows` rows and sizes the next one from how long it took. */
  async run<T>(rows: number, statement: () => Promise<T>): Promise<T> {
    const started = performance.now();
    const result = await statement();
    if (this.targetMs !== null) {
      const took = Math.max(1, performance.now() - started);
      const fit = Math.floor((rows * this.targetMs) / took);
      // Shrink at once when a statement ran long, grow halfway when it ran short.
      this.size = Math.max(10, Math.min(this.max, fit < rows ? fit : Math.round((this.size + fit) / 2)));
      await turn();
    }
    return result;
  }
}
/** About how long one import statement may hold the embedded database's thread. */
export const EMBEDDED_STATEMENT_MS = 120;

/**
 * PostgreSQL: an import that changes the documents of at least this many services, and of at
 * least half of those there are, builds the search table anew and swaps it in (repository:
 * searchTableShape … finishSearchRebuild) instead of updating it row by row. Keeping six GIN
 * indexes up row by row cost about twice building them once (docs/directory.md, "Import speed").
 */
export const SEARCH_REBUILD_MIN = 5000;

async function rebuildsSearch(tx: Db, touched: number): Promise<boolean> {
  if (touched < SEARCH_REBUILD_MIN) return false;
  return touched * 2 >= (await staging.searchRowCount(tx));
}

/** Database table of each HSDS resource (organization is special: core organizations + details). */
export const dbTables: Record<string, string> = {
  organization: 'organizations',
  organization_identifier: 'directory_organization_identifiers',
  program: 'directory_programs',
  service: 'directory_services',
  location: 'directory_locations',
  service_at_location: 'directory_service_at_locations',
  contact: 'directory_contacts',
  phone: 'directory_phones',
  address: 'directory_addresses',
  schedule: 'directory_schedules',
  service_area: 'directory_service_areas',
  language: 'directory_languages',
  accessibility: 'directory_accessibility',
  cost_option: 'directory_cost_options',
  funding: 'directory_fundings',
  required_document: 'directory_required_documents',
  taxonomy: 'directory_taxonomies',
  taxonomy_term: 'directory_taxonomy_terms',
  attribute: 'directory_attributes',
  metadata: 'directory_metadata',
  unit: 'directory_units',
  service_capacity: 'directory_service_capacities',
};

type Row = Record<string, unknown> & { __row: number; __skip?: boolean };

class DryRunRollback extends Error {}

function invalid(errors: FieldError[], count = errors.length): AppError {
  const shown = errors.slice(0, MAX_REPORTED_ERRORS);
  if (count > shown.length) shown.push({ field: '*', message: `…and ${count - shown.length} more errors` });
  return new AppError({
    status: 400,
    code: 'directory.import_invalid',
    title: `The HSDS package is not valid (${count} error${count === 1 ? '' : 's'}); nothing was imported`,
    errors: shown,
  });
}

// ---------------------------------------------------------------------------------------
// Validation of one value

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NUMBER = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?$/;

function validDate(s: string): boolean {
  const m = DATE.exec(s.slice(0, 10));
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** Converts a raw value to what the database takes, or says what is wrong with it. */
function coerce(f: FieldSpec, raw: unknown): { value: unknown } | { error: string } {
  if (typeof raw === 'string' && raw.length > MAX_FIELD_BYTES / 4 && Buffer.byteLength(raw) > MAX_FIELD_BYTES) {
    return { error: `Over the ${MAX_FIELD_BYTES / 1024} KB limit for one field (${Buffer.byteLength(raw)} bytes)` };
  }
  if (raw === undefined || raw === null || (raw === '' && f.type !== 'string')) {
    return f.required ? { error: 'Required' } : { value: null };
  }
  switch (f.type) {
    case 'uuid':
      if (typeof raw !== 'string' || !UUID.test(raw)) return { error: `Not a UUID: ${preview(raw)}` };
      return { value: raw.toLowerCase() };
    case 'string': {
      if (typeof raw === 'number' || typeof raw === 'boolean') raw = String(raw);
      if (typeof raw !== 'string') return { error: 'Must be text' };
      if (f.minLength && raw.trim().length < f.minLength) return { error: f.required ? 'Required' : 'Must not be blank' };
      if (f.maxLength && raw.length > f.maxLength) return { error: `At most ${f.maxLength} characters` };
      if (f.enum && !f.enum.includes(raw)) return { error: `Must be one of ${f.enum.join(', ')}; got ${preview(raw)}` };
      return { value: raw };
    }
    case 'number':
    case 'integer': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && NUMBER.test(raw) ? Number(raw) : NaN;
      if (!Number.isFinite(n)) return { error: `Not a number: ${preview(raw)}` };
      if (f.type === 'integer' && !Number.isInteger(n)) return { error: `Not a whole number: ${preview(raw)}` };
      if (f.min !== undefined && n < f.min) return { error: `At least ${f.min}` };
      if (f.max !== undefined && n > f.max) return { error: `At most ${f.max}` };
      return { value: n };
    }
    case 'date':
      if (typeof raw !== 'string' || !DATE.test(raw) || !validDate(raw)) return { error: `Not a date (YYYY-MM-DD): ${preview(raw)}` };
      return { value: raw };
    case 'datetime':
      if (typeof raw !== 'string' || !DATETIME.test(raw.trim()) || !validDate(raw.trim()) || Number.isNaN(Date.parse(raw.trim().replace(' ', 'T'))))
        return { error: `Not a date and time (ISO 8601): ${preview(raw)}` };
      return { value: raw.trim() };
    case 'time':
      if (typeof raw !== 'string' || !TIME.test(raw)) return { error: `Not a time (HH:MM or HH:MM:SS): ${preview(raw)}` };
      return { value: raw };
    case 'json': {
      let v = raw;
      if (typeof v === 'string') {
        try {
          v = JSON.parse(v);
        } catch {
          return { error: 'Not valid JSON' };
        }
      }
      if (!v || typeof v !== 'object' || Array.isArray(v)) return { error: 'Must be a JSON object' };
      if (JSON.stringify(v).length > MAX_FIELD_BYTES) return { error: `Over the ${MAX_FIELD_BYTES / 1024} KB limit for one field` };
      return { value: v };
    }
  }
}

function preview(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v) ?? String(v);
  return JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);
}

// ---------------------------------------------------------------------------------------
// Problems

/** One line of the lenient import's report: what was skipped or changed, and why. */
export interface ReportEntry {
  file: string;
  row: number | null;
  field: string;
  value: string;
  reason: string;
}

/**
 * Collects what is wrong. Strict: every problem is an error and nothing is written. Lenient:
 * a problem in a required field (or the id) skips the row, one in an optional field sets the
 * field to null, and both go into the report. Only the first MAX_REPORTED_ERRORS errors are
 * kept; the rest are counted.
 */
class Problems {
  readonly errors: FieldError[] = [];
  count = 0;
  readonly report: ReportEntry[] = [];
  constructor(readonly lenient: boolean) {}

  private error(label: string, row: number, field: string, message: string) {
    this.count++;
    if (this.errors.length < MAX_REPORTED_ERRORS) this.errors.push({ field: `${label}:${row}:${field}`, message });
  }

  /** A problem with one row's field; `fatal`: the row cannot be kept without it (lenient: skipped, else the field is set to null). */
  add(label: string, row: number, field: string, value: unknown, message: string, fatal: boolean): void {
    if (!this.lenient) this.error(label, row, field, message);
    else this.entry(label, row, field, value, fatal ? `${message}; the row was skipped` : `${message}; set to null`);
  }

  /** A problem on a row being read: the row object is repaired or marked skipped (reported once). */
  addToRow(label: string, row: Row, field: string, value: unknown, message: string, fatal: boolean): void {
    if (!this.lenient) return this.error(label, row.__row, field, message);
    if (fatal) {
      if (!row.__skip) this.entry(label, row.__row, field, value, `${message}; the row was skipped`);
      row.__skip = true;
    } else {
      this.entry(label, row.__row, field, value, `${message}; set to null`);
      row[field] = null;
    }
  }

  warn(label: string, row: number, field: string, value: unknown, message: string): void {
    if (this.lenient) this.entry(label, row, field, value, message);
    else this.error(label, row, field, message);
  }

  private entry(file: string, row: number | null, field: string, value: unknown, reason: string) {
    const text = value == null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
    this.report.push({ file, row, field, value: text.length > 200 ? `${text.slice(0, 200)}…` : text, reason });
  }
}

const tableOrder = new Map<string, number>(TABLE_ORDER.map((n, i) => [n, i]));

// ---------------------------------------------------------------------------------------
// Staging: read, check each row, load

/** Where each HSDS organization field is stored: the core registry or the directory's details. */
const ORGANIZATION_COLUMNS: Record<string, [string, string]> = {
  id: ['organizations', 'id'],
  name: ['organizations', 'legal_name'],
  description: ['organizations', 'description'],
  email: ['organizations', 'email'],
  website: ['organizations', 'website'],
  parent_organization_id: ['organizations', 'parent_id'],
  tax_status: ['directory_organization_details', 'tax_status'],
  tax_id: ['directory_organization_details', 'tax_id'],
  year_incorporated: ['directory_organization_details', 'year_incorporated'],
  legal_status: ['directory_organization_details', 'legal_status'],
  logo: ['directory_organization_details', 'logo'],
  uri: ['directory_organization_details', 'uri'],
  translations: ['directory_organization_details', 'translations'],
};

/** The staging table's column types: those of the real columns the fields are stored in. */
function stageColumns(table: TableSpec, types: Map<string, Map<string, string>>): { name: string; type: string }[] {
  return table.fields.map((f) => {
    let where: [string, string] = [dbTables[table.name], f.name];
    if (f.name === 'geography_code' || (table.name === 'organization' && f.name === 'alternate_name')) return { name: f.name, type: 'text' };
    if (table.name === 'organization') where = ORGANIZATION_COLUMNS[f.name] ?? where;
    if (table.name === 'service' && f.name === 'last_modified') where = ['directory_services', 'updated_at'];
    const type = types.get(where[0])?.get(where[1]);
    if (!type) throw new Error(`No column ${where[0]}.${where[1]} for ${table.name}.${f.name}`);
    return { name: f.name, type };
  });
}

/** One row checked on its own; lenient problems repair it or mark it skipped. */
function checkRow(table: TableSpec, label: string, raw: Record<string, unknown>, rowNo: number, problems: Problems): Row {
  const out: Row = { __row: rowNo };
  for (const f of table.fields) {
    const res = coerce(f, raw[f.name]);
    if ('error' in res) {
      out[f.name] = null;
      problems.addToRow(label, out, f.name, raw[f.name], res.error, f.required || f.name === 'id');
    } else out[f.name] = res.value;
  }
  if (table.name === 'service' && typeof out.minimum_age === 'number' && typeof out.maximum_age === 'number' && out.minimum_age > out.maximum_age) {
    problems.addToRow(label, out, 'maximum_age', out.maximum_age, 'Must not be below minimum_age', false);
  }
  for (const parentField of ['parent_id', 'parent_organization_id']) {
    if (out.id && out[parentField] === out.id) problems.addToRow(label, out, parentField, out.id, 'A record cannot be its own parent', false);
  }
  return out;
}

/** The checked rows of a table, as they are read; rows a lenient import skips are left out. */
async function* checkedRows(t: RawTable, problems: Problems, progress: Progress, embedded: boolean): AsyncGenerator<Row> {
  let rowNo = 0;
  let ticked = 0;
  for await (const raw of t.rows) {
    rowNo++;
    const row = checkRow(t.table, t.label, raw, rowNo, problems);
    // Checking takes this thread: on the embedded database let other requests in every 250 rows.
    if (rowNo - ticked >= (embedded ? 250 : 1000)) {
      progress.tick(rowNo - ticked);
      ticked = rowNo;
      if (embedded) await turn();
    }
    if (!row.__skip) yield row;
  }
  progress.tick(rowNo - ticked);
}

const COPY_CHUNK = 256 * 1024;

/** Streams rows into a staging table as COPY text. */
function copyRows(tx: Db, resource: string, columns: string[], rows: AsyncIterable<Row>): Promise<number> {
  async function* chunks(): AsyncGenerator<Buffer> {
    let text = '';
    for await (const r of rows) {
      let line = '';
      for (const c of columns) line += `${staging.copyValue(r[c])}\t`;
      text += `${line}${r.__row}\n`;
      if (text.length >= COPY_CHUNK) {
        yield Buffer.from(text);
        text = '';
      }
    }
    if (text) yield Buffer.from(text);
  }
  return staging.copyIntoStage(tx, resource, columns, chunks());
}

/**
 * PostgreSQL, a CSV file: the file goes to the server as it is (COPY … FORMAT csv into a raw
 * table of text columns; an unquoted empty cell is NULL and a quoted one the empty string, as
 * the reader makes them), every field is checked set-wise in SQL, and the rows that pass are
 * staged with one INSERT … SELECT. A row that any check flags, conservatively, goes through
 * the same row-by-row check as every other source (`checkRow`), which decides and words the
 * error, so the messages, the lenient repairs and their order are those of the row-by-row
 * import. Profiling put csv-parse at two thirds of the JavaScript an import spends.
 */
async function stageCsvFile(tx: Db, t: RawTable & { file: string }, columns: { name: string; type: string }[], problems: Problems, progress: Progress, fileErrors: FieldError[]): Promise<void> {
  const header = await readCsvHeader(t.file);
  const name = t.table.name;
  await staging.createRawStage(tx, name, header.length);
  let ticked = 0;
  try {
    await staging.withSavepoint(tx, () =>
      staging.copyCsvIntoRaw(
        tx,
        name,
        header.length,
        csvWithoutEmptyLines(t.file, (n) => {
          ticked += n;
          progress.tick(n);
        }),
      ),
    );
  } catch (err) {
    // What the reader would have called not valid CSV (a wrong number of fields, a stray quote, bad UTF-8).
    const e = err as { message?: string; where?: string };
    const line = /line (\d+)/.exec(e.where ?? '')?.[1];
    fileErrors.push({ field: `${t.label}:${line ? Number(line) - 1 : '*'}:*`, message: `Not valid CSV: ${e.message ?? String(err)}` });
    return;
  }
  progress.tick(Math.max(0, t.estimate - ticked));
  const cut = await staging.cutAtOversizeRecord(tx, name, header.length, 4 * MAX_FIELD_BYTES);
  if (cut) fileErrors.push({ field: `${t.label}:${cut.row}:${header[cut.column] ?? '*'}`, message: `A field is over the ${MAX_FIELD_BYTES / 1024} KB limit` });

  // The last column of a name wins, as in the reader's records.
  const columnOf = new Map(header.map((h, i) => [h, `c${i}`]));
  const typeOf = new Map(columns.map((c) => [c.name, c.type]));
  const fields = t.table.fields.map((f) => ({ ...f, stageType: typeOf.get(f.name)!, column: columnOf.get(f.name) ?? null }));
  const sqlOf = new Map(fields.map((f) => [f.name, staging.rawFieldSql(f, MAX_FIELD_BYTES)]));
  const bad = [...sqlOf.values()].map((x) => x.bad);
  const col = (field: string) => (columnOf.has(field) ? `r.${staging.ident(columnOf.get(field)!)}` : null);
  // The checks across fields of checkRow: ages in order, no record its own parent.
  if (name === 'service' && col('minimum_age') && col('maximum_age')) bad.push(`coalesce(CASE WHEN NOT ${sqlOf.get('minimum_age')!.bad} AND NOT ${sqlOf.get('maximum_age')!.bad} THEN ${sqlOf.get('minimum_age')!.value} > ${sqlOf.get('maximum_age')!.value} END, false)`);
  for (const parent of ['parent_id', 'parent_organization_id']) {
    if (col('id') && col(parent)) bad.push(`coalesce(lower(${col('id')}) = lower(${col(parent)}), false)`);
  }
  const flagged = await staging.markBadRawRows(tx, name, bad);
  await staging.stageGoodRawRows(tx, name, fields.map((f) => [f.name, sqlOf.get(f.name)!.value]));
  if (!flagged) return;

  // The flagged rows, in file order, through the row-by-row check; a batch at a time, so a file
  // of bad rows is never held whole.
  const names = columns.map((c) => c.name);
  for (let after = 0; ; ) {
    const batch = await staging.badRawRows(tx, name, after, BATCH);
    if (!batch.length) return;
    const kept: Row[] = [];
    for (const r of batch) {
      const raw: Record<string, unknown> = {};
      header.forEach((h, i) => (raw[h] = r[`c${i}`] ?? null));
      const row = checkRow(t.table, t.label, raw, Number(r.__row), problems);
      if (!row.__skip) kept.push(row);
    }
    if (kept.length) await copyRows(tx, name, names, (async function* () {
      yield* kept;
    })());
    after = Number(batch[batch.length - 1].__row);
  }
}

/** Reads, checks and stages one table; resolves to the rows staged. */
async function stageTable(database: Database, tx: Db, t: RawTable, columns: string[], problems: Problems, progress: Progress): Promise<void> {
  const rows = checkedRows(t, problems, progress, database.kind === 'pglite');
  if (database.kind === 'postgres') {
    await copyRows(tx, t.table.name, columns, rows);
    return;
  }
  // The embedded database has no COPY FROM STDIN: multi-row INSERTs sized to keep each short.
  const sizer = StatementSizer.for(database, 250, 2000);
  let batch: Record<string, unknown>[] = [];
  const flush = async () => {
    const b = batch;
    batch = [];
    await sizer.run(b.length, () => staging.insertIntoStage(tx, t.table.name, b));
  };
  for await (const r of rows) {
    const o: Record<string, unknown> = { __row: r.__row };
    for (const c of columns) o[c] = r[c] ?? null;
    batch.push(o);
    if (batch.length >= sizer.next) await flush();
  }
  if (batch.length) await flush();
}

// ---------------------------------------------------------------------------------------
// Checks over the whole package (set-wise, in the staging tables)

interface Staged {
  table: TableSpec;
  label: string;
}

async function checkStaged(tx: Db, staged: Map<string, Staged>, problems: Problems): Promise<{ geographies: Map<string, string>; parentOrder: Map<string, number[]> }> {
  const lenient = problems.lenient;
  // The same id twice in one file: the first row stays.
  for (const [name, s] of staged) {
    const dups = await staging.duplicateIds(tx, name);
    for (const d of dups) problems.add(s.label, d.row, 'id', d.value, `The same id as row ${d.first}`, true);
    if (lenient) await staging.dropStageRows(tx, name, dups.map((d) => d.row));
    await turn();
  }

  // Taxonomy term codes are unique within a taxonomy.
  const terms = staged.get('taxonomy_term');
  if (terms) {
    const dups = await staging.duplicateTermCodes(tx);
    for (const d of dups) problems.add(terms.label, d.row, 'code', d.value, `The same code as row ${d.first} in the same taxonomy`, false);
    if (lenient) await staging.nullStageField(tx, 'taxonomy_term', 'code', dups.map((d) => d.row));
  }

  // References: to a row of the package, or to a record already in the database. Skipping a
  // row can leave others pointing at it, so the lenient check repeats until nothing changes.
  for (;;) {
    let dropped = false;
    const check = async (name: string, s: Staged, field: string, target: string, required: boolean, entity?: string) => {
      const rows = await staging.danglingReferences(tx, name, field, { resource: target, staged: staged.has(target), table: dbTables[target] }, entity);
      for (const r of rows) problems.add(s.label, r.row, field, r.value, `No ${target} with id ${r.value} in the package or the directory`, required);
      if (lenient && rows.length) {
        if (required) {
          await staging.dropStageRows(tx, name, rows.map((r) => r.row));
          dropped = true;
        } else await staging.nullStageField(tx, name, field, rows.map((r) => r.row));
      }
      await turn();
    };
    for (const [name, s] of staged) {
      for (const f of s.table.fields) if (f.ref) await check(name, s, f.name, f.ref, f.required);
      if (name === 'attribute') for (const entity of LINK_ENTITIES) await check(name, s, 'link_id', entity, true, entity);
    }
    if (!lenient || !dropped) break;
  }

  // Geography codes resolve through the core geography service; an unknown one is a warning
  // in lenient mode (the record is kept without a place).
  const geographies = new Map<string, string>();
  for (const name of ['location', 'service_area']) {
    const s = staged.get(name);
    if (!s) continue;
    const unknown: string[] = [];
    for (const code of await staging.stagedGeographyCodes(tx, name)) {
      if (geographies.has(code)) continue;
      const g = await geographyByCode(tx, code);
      if (g) geographies.set(code, g.id);
      else unknown.push(code);
    }
    const rows = await staging.rowsWithGeographyCodes(tx, name, unknown);
    for (const r of rows) problems.warn(s.label, r.row, 'geography_code', r.value, lenient ? `No geography with code ${preview(r.value)}; imported without a geography` : `No geography with code ${preview(r.value)}`);
    if (lenient) await staging.nullStageField(tx, name, 'geography_code', rows.map((r) => r.row));
  }

  // Parents before children (the embedded database writes in slices), and no cycles.
  const parentOrder = new Map<string, number[]>();
  for (const [name, parentField] of [['organization', 'parent_organization_id'], ['taxonomy_term', 'parent_id']] as const) {
    const s = staged.get(name);
    if (!s) continue;
    const rows = await staging.stagedParents(tx, name, parentField);
    const broken: number[] = [];
    parentOrder.set(name, parentsFirst(rows, (r) => {
      problems.add(s.label, r.row, parentField, r.parent, 'The parents form a cycle', false);
      broken.push(r.row);
    }, lenient));
    if (lenient) await staging.nullStageField(tx, name, parentField, broken);
  }
  return { geographies, parentOrder };
}

interface ParentRow {
  id: string;
  parent: string | null;
  row: number;
}

/** Row numbers with parents before children; `cycle` is told the row that closes each cycle (lenient: that row lets go of its parent). */
function parentsFirst(rows: ParentRow[], cycle: (r: ParentRow) => void, lenient: boolean): number[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out: number[] = [];
  const state = new Map<string, 1 | 2>(); // 1 visiting, 2 done
  for (const r of rows) {
    if (state.get(r.id) === 2) continue;
    // Walk up iteratively to avoid deep recursion on long chains.
    const chain: ParentRow[] = [];
    let cur: ParentRow | undefined = r;
    while (cur && state.get(cur.id) !== 2) {
      if (state.get(cur.id) === 1) {
        cycle(lenient ? chain[chain.length - 1] : cur);
        break;
      }
      state.set(cur.id, 1);
      chain.push(cur);
      cur = cur.parent ? byId.get(cur.parent) : undefined;
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      state.set(chain[i].id, 2);
      out.push(chain[i].row);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Merging into the real tables

const serviceParent = ['service_at_location', 'contact', 'phone', 'schedule', 'service_area', 'language', 'cost_option', 'funding', 'required_document', 'service_capacity'];

/** How one HSDS resource's staging table merges into its real table (organizations: two tables). */
function merges(table: TableSpec, geographies: Map<string, string>): staging.Merge[] {
  if (table.name === 'organization') {
    return [
      {
        resource: 'organization',
        table: 'organizations',
        key: 'id',
        into: 'rt_import_org_core',
        select: [
          ['id', 's.id'],
          ['legal_name', 's.name'],
          ['alternate_names', `CASE WHEN s.alternate_name IS NULL THEN '{}'::text[] ELSE ARRAY[s.alternate_name] END`],
          ['description', `nullif(s.description, '')`],
          ['website', 's.website'],
          ['email', 's.email'],
          ['parent_id', 's.parent_organization_id'],
        ],
        onChange: 'version = t.version + 1, updated_at = now()',
        // HSDS has one alternate name, the registry several: the first is HSDS's, the rest stay.
        compareExpr: { alternate_names: ['t.alternate_names[1]', 'EXCLUDED.alternate_names[1]'] },
        setExpr: { alternate_names: `CASE WHEN EXCLUDED.alternate_names[1] IS NULL THEN '{}'::text[] ELSE EXCLUDED.alternate_names || t.alternate_names[2:] END` },
      },
      {
        resource: 'organization',
        table: 'directory_organization_details',
        key: 'organization_id',
        into: 'rt_import_org_details',
        select: [
          ['organization_id', 's.id'],
          ...['tax_status', 'tax_id', 'year_incorporated', 'legal_status', 'logo', 'uri'].map((c): [string, string] => [c, `s.${c}`]),
          ['translations', `coalesce(s.translations, '{}')`],
        ],
      },
    ];
  }
  const m: staging.Merge = { resource: table.name, table: dbTables[table.name], key: 'id', select: [] };
  for (const f of table.fields) {
    const col = `s.${staging.ident(f.name)}`;
    if (f.name === 'geography_code') {
      m.select.push(['geography_id', 'g.value::uuid']);
      m.geography = Object.fromEntries(geographies);
    } else if (table.name === 'service' && f.name === 'last_modified') m.select.push(['updated_at', `coalesce(${col}, now())`]);
    else if (f.type === 'json') m.select.push([f.name, `coalesce(${col}, '{}')`]);
    else m.select.push([f.name, col]);
  }
  if (table.name === 'metadata') {
    // HSDS declares last_action_date a date: the same day is no change, and the stored time stays.
    const day = (a: string) => `(${a}.last_action_date AT TIME ZONE 'UTC')::date`;
    m.compareExpr = { last_action_date: [day('t'), day('EXCLUDED')] };
    m.setExpr = { last_action_date: `CASE WHEN ${day('t')} = ${day('EXCLUDED')} THEN t.last_action_date ELSE EXCLUDED.last_action_date END` };
  }
  // The service whose search document a created or changed row is part of.
  if (table.name === 'service') m.serviceOf = 't.id';
  else if (serviceParent.includes(table.name)) m.serviceOf = 't.service_id';
  else if (table.name === 'attribute') m.serviceOf = `CASE WHEN t.link_entity = 'service' THEN t.link_id END`;
  if (table.name === 'service') {
    // A new service keeps the package's last_modified; a changed one was changed now.
    m.insertOnly = ['updated_at'];
    m.onChange = 'version = t.version + 1, updated_at = now()';
  }
  return [m];
}

/**
 * Merges one staging table. PostgreSQL: one statement per real table (foreign keys, parents
 * included, are checked at its end). The embedded database: slices sized to keep each
 * statement short, parents before children.
 */
async function mergeTable(database: Database, tx: Db, table: TableSpec, geographies: Map<string, string>, parentOrder: number[] | undefined, progress: Progress, staged: number): Promise<void> {
  for (const m of merges(table, geographies)) {
    if (database.kind === 'postgres') {
      await staging.mergeStage(tx, m, { all: true });
      continue;
    }
    const sizer = StatementSizer.for(database, 250, 5000);
    if (parentOrder) {
      for (let i = 0; i < parentOrder.length; ) {
        const rows = parentOrder.slice(i, (i += sizer.next));
        await sizer.run(rows.length, () => staging.mergeStage(tx, m, { rows }));
      }
    } else {
      const last = await staging.maxStageRow(tx, table.name);
      for (let from = 1; from <= last; ) {
        const to = from + sizer.next - 1;
        await sizer.run(sizer.next, () => staging.mergeStage(tx, m, { from, to }));
        from = to + 1;
      }
    }
  }
  if (table.name === 'organization') await staging.finishOrganizations(tx);
  progress.tick(staged);
}

/**
 * Imports an HSDS package as one command: directory admins only (`directory.import`), one
 * transaction with its audit row (runCommand); a dry run or any error rolls everything back.
 */
export async function importPackage(database: Database, actor: Actor, source: string, opts: ImportOptions = {}): Promise<ImportSummary> {
  authorizeAction(can, actor, 'directory.import', {});
  const progress = opts.progress ?? silentProgress;
  const pkg = await readPackage(source);
  // A file that cannot be read leaves its table half read: report that alone, not the references it breaks.
  if (pkg.errors.length) throw invalid(pkg.errors);
  const problems = new Problems(!!opts.skipInvalid);
  // Written in dependency order, whatever order the descriptor lists its resources in.
  const tables = [...pkg.tables].sort((a, b) => (tableOrder.get(a.table.name) ?? 99) - (tableOrder.get(b.table.name) ?? 99));
  const embedded = database.kind === 'pglite';

  const summary: ImportSummary = {
    dryRun: !!opts.dryRun,
    format: pkg.format,
    tables: {},
    services: 0,
    ignored: pkg.ignored,
    skipInvalid: !!opts.skipInvalid,
    report: problems.report,
  };

  try {
    await runCommand({ database, actor, meta: opts.meta ?? {} }, async (tx) => {
      const types = await staging.columnTypes(tx, ['organizations', ...Object.values(dbTables), 'directory_organization_details']);
      await staging.createChangedTable(tx);

      // 1. Read, check each row, stage.
      const staged = new Map<string, Staged>();
      progress.start(tables.reduce((a, t) => a + t.estimate, 0), 'rows');
      for (const t of tables) {
        const columns = stageColumns(t.table, types);
        await staging.createStage(tx, t.table.name, columns);
        if (database.kind === 'postgres' && t.file) await stageCsvFile(tx, { ...t, file: t.file }, columns, problems, progress, pkg.errors);
        else await stageTable(database, tx, t, columns.map((c) => c.name), problems, progress);
        staged.set(t.table.name, { table: t.table, label: t.label });
      }
      progress.stop();
      if (pkg.errors.length) throw invalid(pkg.errors);
      for (const name of staged.keys()) await staging.analyzeStage(tx, name);

      // 2. Check what needs the whole package.
      const { geographies, parentOrder } = await checkStaged(tx, staged, problems);
      if (problems.count) throw invalid(problems.errors, problems.count);

      // 3. Merge.
      const counts = new Map<string, number>();
      for (const name of staged.keys()) counts.set(name, await staging.stageCount(tx, name));
      const total = [...counts.values()].reduce((a, b) => a + b, 0);
      summary.services = counts.get('service') ?? 0;
      progress.start(total, 'rows merged');
      for (const [name, s] of staged) {
        await mergeTable(database, tx, s.table, geographies, embedded ? parentOrder.get(name) : undefined, progress, counts.get(name)!);
        await turn();
      }
      progress.stop();
      const changed = await staging.changedCounts(tx);
      for (const name of staged.keys()) {
        const c = changed.get(name) ?? { created: 0, updated: 0 };
        summary.tables[name] = { created: c.created, updated: c.updated, unchanged: counts.get(name)! - c.created - c.updated };
      }

      // 4. Search documents of the services touched, directly or through what they refer to.
      const serviceIds = await staging.touchedServices(tx, turn);
      // After a large load the planner's statistics still describe near-empty tables, and the
      // search function's per-service lookups turn into sequential scans. Refresh them first.
      if (total >= 5000) {
        for (const table of ANALYZED_TABLES) {
          await analyzeTable(tx, table);
          await turn();
        }
      }
      if (serviceIds.length) progress.start(serviceIds.length, 'services indexed');
      // PostgreSQL, most of the documents change: build them into a new table and swap it in
      // (indexes built once in bulk instead of kept up row by row; see rebuildsSearch).
      const rebuild = database.kind === 'postgres' && serviceIds.length > 0 && (opts.rebuildSearch ?? (await rebuildsSearch(tx, serviceIds.length)));
      const found = rebuild ? await staging.searchTableShape(tx) : null;
      const shape = found && (await staging.beginSearchRebuild(tx, opts.searchLockWaitMs)) ? found : null;
      // Set-wise (0040): on PostgreSQL one statement rebuilds 10,000 services' documents.
      const sizer = StatementSizer.for(database, 100, 10_000);
      for (let i = 0; i < serviceIds.length; ) {
        const batch = serviceIds.slice(i, (i += sizer.next));
        await sizer.run(batch.length, () => (shape ? staging.buildSearchDocuments(tx, batch) : refreshSearch(tx, batch)));
        progress.tick(batch.length);
      }
      if (shape) await staging.finishSearchRebuild(tx, shape, turn);
      if (serviceIds.length) progress.stop();

      if (opts.dryRun) throw new DryRunRollback();
      return {
        result: summary,
        audit: {
          action: 'directory.import',
          entityType: 'directory_package',
          details: { source: path.basename(source), format: pkg.format, services: summary.services, tables: summary.tables, skipInvalid: summary.skipInvalid, reported: summary.report.length },
        },
      };
    });
  } catch (err) {
    progress.stop();
    if (err instanceof DryRunRollback) return summary;
    // A constraint the validation did not foresee (e.g. a taxonomy code already used by another record).
    const pgErr = sqlState(err)?.startsWith('23') ? driverError(err) : undefined;
    if (pgErr) throw invalid([{ field: pgErr.table ?? '*', message: `${pgErr.message}${pgErr.detail ? ` (${pgErr.detail})` : ''}` }]);
    throw err;
  }
  return summary;
}
