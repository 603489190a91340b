import path from 'node:path';
import type { Database, Db } from '../../core/db/database';
import { silentProgress, type Progress } from '../../core/db/backup';
import type { Actor, RequestMeta } from '../../core/accounts/actor';
import { recordAudit } from '../../core/audit/audit.service';
import { geographyByCode } from '../../core/geography/geography.service';
import { AppError, type FieldError } from '../../core/http/errors';
import { ANALYZED_TABLES, REACHING, analyzeTable, bumpOrganizationVersions, existingIds, refreshSearch, servicesReachedThrough, upsertBatch as upsert, type Upsert } from './directory.repository';
import { LINK_ENTITIES, MAX_FIELD_BYTES, TABLE_ORDER, readPackage, type FieldSpec, type RawTable, type TableSpec } from './directory.package';

/**
 * HSDS 3.0 import: validate the whole package in memory (types, required fields, enums, sizes,
 * references to the package or the database), then write every table in one transaction with
 * batched upserts keyed by HSDS id. A row identical to what is stored is left alone, so
 * importing a package twice changes nothing. The search documents of every service touched
 * are rebuilt in the same transaction.
 */

export interface ImportOptions {
  dryRun?: boolean;
  /** Lenient: import the valid rows, skip or repair the rest, and report them. */
  skipInvalid?: boolean;
  progress?: Progress;
  meta?: RequestMeta;
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
interface ParsedTable {
  table: TableSpec;
  label: string;
  rows: Row[];
}

class DryRunRollback extends Error {}

function invalid(errors: FieldError[]): AppError {
  const shown = errors.slice(0, MAX_REPORTED_ERRORS);
  if (errors.length > shown.length) shown.push({ field: '*', message: `…and ${errors.length - shown.length} more errors` });
  return new AppError({
    status: 400,
    code: 'directory.import_invalid',
    title: `The HSDS package is not valid (${errors.length} error${errors.length === 1 ? '' : 's'}); nothing was imported`,
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
// Validation of the package

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
 * field to null, and both go into the report.
 */
class Problems {
  readonly errors: FieldError[] = [];
  readonly report: ReportEntry[] = [];
  constructor(readonly lenient: boolean) {}

  /** `fatal`: the row cannot be kept without this field. Returns true when the row is dropped. */
  add(t: { label: string }, row: Row, field: string, value: unknown, message: string, fatal: boolean): void {
    if (!this.lenient) {
      this.errors.push({ field: `${t.label}:${row.__row}:${field}`, message });
      return;
    }
    if (fatal) {
      if (!row.__skip) this.entry(t.label, row.__row, field, value, `${message}; the row was skipped`);
      row.__skip = true;
    } else {
      this.entry(t.label, row.__row, field, value, `${message}; set to null`);
      row[field] = null;
    }
  }

  warn(t: { label: string }, row: Row, field: string, value: unknown, message: string): void {
    if (this.lenient) this.entry(t.label, row.__row, field, value, message);
    else this.errors.push({ field: `${t.label}:${row.__row}:${field}`, message });
  }

  private entry(file: string, row: number | null, field: string, value: unknown, reason: string) {
    const text = value == null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
    this.report.push({ file, row, field, value: text.length > 200 ? `${text.slice(0, 200)}…` : text, reason });
  }
}

const tableOrder = new Map<string, number>(TABLE_ORDER.map((n, i) => [n, i]));

async function validate(db: Db, raw: RawTable[], problems: Problems): Promise<{ tables: Map<string, ParsedTable>; geographies: Map<string, string> }> {
  // Written in dependency order, whatever order the descriptor lists its resources in.
  const sorted = [...raw].sort((a, b) => (tableOrder.get(a.table.name) ?? 99) - (tableOrder.get(b.table.name) ?? 99));
  const tables = new Map<string, ParsedTable>();
  for (const t of sorted) {
    const rows: Row[] = [];
    const ids = new Map<string, number>();
    for (let i = 0; i < t.rows.length; i++) {
      // Checking a large package takes seconds of this thread: let other requests in now and then.
      if (i % 2000 === 1999) await turn();
      const r = t.rows[i];
      const rowNo = i + 1;
      const out: Row = { __row: rowNo };
      const rawValue = (name: string) => r[name];
      for (const f of t.table.fields) {
        const res = coerce(f, r[f.name]);
        if ('error' in res) {
          out[f.name] = null;
          problems.add(t, out, f.name, rawValue(f.name), res.error, f.required || f.name === 'id');
        } else out[f.name] = res.value;
      }
      const id = out.id as string | undefined;
      if (id && !out.__skip) {
        const first = ids.get(id);
        if (first) problems.add(t, out, 'id', id, `The same id as row ${first}`, true);
        else ids.set(id, rowNo);
      }
      if (t.table.name === 'service' && typeof out.minimum_age === 'number' && typeof out.maximum_age === 'number' && out.minimum_age > out.maximum_age) {
        problems.add(t, out, 'maximum_age', out.maximum_age, 'Must not be below minimum_age', false);
      }
      for (const parentField of ['parent_id', 'parent_organization_id']) {
        if (out.id && out[parentField] === out.id) problems.add(t, out, parentField, out.id, 'A record cannot be its own parent', false);
      }
      rows.push(out);
    }
    tables.set(t.table.name, { table: t.table, label: t.label, rows });
  }
  const keep = () => {
    for (const t of tables.values()) if (t.rows.some((r) => r.__skip)) t.rows = t.rows.filter((r) => !r.__skip);
  };
  keep();

  // Taxonomy term codes are unique within a taxonomy.
  const terms = tables.get('taxonomy_term');
  if (terms) {
    const codes = new Map<string, number>();
    for (const r of terms.rows) {
      if (r.code == null) continue;
      const key = `${r.taxonomy_id ?? ''}\u0000${r.code}`;
      const first = codes.get(key);
      if (first) problems.add(terms, r, 'code', r.code, `The same code as row ${first} in the same taxonomy`, false);
      else codes.set(key, r.__row);
    }
  }

  // References: to a row of the package, or to a record already in the database. Skipping a
  // row can leave others pointing at it, so the lenient check repeats until nothing changes.
  const inDatabase = new Map<string, Set<string>>();
  for (;;) {
    const packageIds = new Map<string, Set<string>>();
    for (const [name, t] of tables) packageIds.set(name, new Set(t.rows.map((r) => r.id as string).filter(Boolean)));
    const pending = new Map<string, { id: string; t: ParsedTable; r: Row; field: string; required: boolean }[]>();
    const need = (resource: string, id: string, t: ParsedTable, r: Row, field: string, required: boolean) => {
      if (packageIds.get(resource)?.has(id) || inDatabase.get(resource)?.has(id)) return;
      let list = pending.get(resource);
      if (!list) pending.set(resource, (list = []));
      list.push({ id, t, r, field, required });
    };
    for (const t of tables.values()) {
      const refFields = t.table.fields.filter((f) => f.ref);
      let seen = 0;
      for (const r of t.rows) {
        if (++seen % 5000 === 0) await turn();
        for (const f of refFields) if (typeof r[f.name] === 'string') need(f.ref!, r[f.name] as string, t, r, f.name, f.required);
        if (t.table.name === 'attribute' && typeof r.link_id === 'string' && LINK_ENTITIES.includes(r.link_entity as string)) {
          need(r.link_entity as string, r.link_id, t, r, 'link_id', true);
        }
      }
    }
    let dropped = false;
    for (const [resource, list] of pending) {
      const found = inDatabase.get(resource) ?? new Set<string>();
      inDatabase.set(resource, found);
      const distinct = [...new Set(list.map((p) => p.id))];
      for (let i = 0; i < distinct.length; i += 5000) {
        for (const id of await existingIds(db, dbTables[resource], distinct.slice(i, i + 5000))) found.add(id);
        await turn();
      }
      for (const p of list) {
        if (found.has(p.id)) continue;
        problems.add(p.t, p.r, p.field, p.id, `No ${resource} with id ${p.id} in the package or the directory`, p.required);
        if (p.required) dropped = true;
      }
    }
    if (!problems.lenient || !dropped) break;
    keep();
  }

  // Geography codes resolve through the core geography service; an unknown one is a warning
  // in lenient mode (the record is kept without a place).
  const geographies = new Map<string, string>();
  const codes = new Set<string>();
  for (const name of ['location', 'service_area']) for (const r of tables.get(name)?.rows ?? []) if (r.geography_code) codes.add(r.geography_code as string);
  for (const code of codes) {
    const g = await geographyByCode(db, code);
    if (g) geographies.set(code, g.id);
  }
  for (const name of ['location', 'service_area']) {
    const t = tables.get(name);
    for (const r of t?.rows ?? []) {
      if (r.geography_code && !geographies.has(r.geography_code as string)) {
        problems.warn(t!, r, 'geography_code', r.geography_code, problems.lenient ? `No geography with code ${preview(r.geography_code)}; imported without a geography` : `No geography with code ${preview(r.geography_code)}`);
        if (problems.lenient) r.geography_code = null;
      }
    }
  }

  // Parents before children, so each batch only refers to rows already written.
  for (const [name, parentField] of [['organization', 'parent_organization_id'], ['taxonomy_term', 'parent_id']] as const) {
    const t = tables.get(name);
    if (t) t.rows = parentsFirst(t, parentField, problems);
  }
  return { tables, geographies };
}

function parentsFirst(t: ParsedTable, parentField: string, problems: Problems): Row[] {
  const byId = new Map(t.rows.map((r) => [r.id as string, r]));
  const out: Row[] = [];
  const state = new Map<string, 1 | 2>(); // 1 visiting, 2 done
  const visit = (r: Row) => {
    const id = r.id as string;
    if (state.get(id) === 2) return;
    // Walk up iteratively to avoid deep recursion on long chains.
    const chain: Row[] = [];
    let cur: Row | undefined = r;
    while (cur && state.get(cur.id as string) !== 2) {
      if (state.get(cur.id as string) === 1) {
        // Lenient: the last row of the walk lets go of its parent, which breaks the cycle.
        const last = chain[chain.length - 1];
        problems.add(t, problems.lenient ? last : cur, parentField, (problems.lenient ? last : cur)[parentField], 'The parents form a cycle', false);
        break;
      }
      state.set(cur.id as string, 1);
      chain.push(cur);
      const p = cur[parentField] as string | null;
      cur = p ? byId.get(p) : undefined;
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      state.set(chain[i].id as string, 2);
      out.push(chain[i]);
    }
  };
  for (const r of t.rows) if (r.id) visit(r);
  return out;
}

// ---------------------------------------------------------------------------------------
// Writing


/** The database row for an HSDS row of a directory table. */
function columnsOf(table: TableSpec, r: Row, geographies: Map<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of table.fields) {
    const v = r[f.name] ?? null;
    if (f.name === 'geography_code') out.geography_id = v ? geographies.get(v as string) : null;
    else if (table.name === 'service' && f.name === 'last_modified') out.updated_at = v;
    else if (f.type === 'json') out[f.name] = v ?? {};
    else out[f.name] = v;
  }
  return out;
}

const serviceParent = new Set(['service_at_location', 'contact', 'phone', 'schedule', 'service_area', 'language', 'cost_option', 'funding', 'required_document', 'service_capacity']);

export async function importPackage(database: Database, actor: Actor, source: string, opts: ImportOptions = {}): Promise<ImportSummary> {
  const progress = opts.progress ?? silentProgress;
  const pkg = await readPackage(source);
  // A file that cannot be read leaves its table half read: report that alone, not the references it breaks.
  if (pkg.errors.length) throw invalid(pkg.errors);
  const problems = new Problems(!!opts.skipInvalid);
  const { tables, geographies } = await validate(database.db, pkg.tables, problems);
  if (problems.errors.length) throw invalid(problems.errors);

  const summary: ImportSummary = {
    dryRun: !!opts.dryRun,
    format: pkg.format,
    tables: {},
    services: tables.get('service')?.rows.length ?? 0,
    ignored: pkg.ignored,
    skipInvalid: !!opts.skipInvalid,
    report: problems.report,
  };
  const total = [...tables.values()].reduce((a, t) => a + t.rows.length, 0);

  try {
    await database.db.transaction(async (tx) => {
      progress.start(total, 'rows');
      const changed = new Map<string, Set<string>>();
      const touched = new Set<string>(); // services whose search documents need rebuilding
      for (const t of tables.values()) {
        const counts: TableCounts = { created: 0, updated: 0, unchanged: 0 };
        const changedIds = new Set<string>();
        const sizer = StatementSizer.for(database, 250);
        for (let i = 0; i < t.rows.length; ) {
          const batch = t.rows.slice(i, (i += sizer.next));
          const res = await sizer.run(batch.length, () => (t.table.name === 'organization' ? writeOrganizations(tx, batch) : writeTable(tx, t.table, batch, geographies)));
          counts.created += res.created.length;
          counts.updated += res.updated.length;
          counts.unchanged += batch.length - res.created.length - res.updated.length;
          for (const id of res.created) changedIds.add(id);
          for (const id of res.updated) changedIds.add(id);
          progress.tick(batch.length);
        }
        summary.tables[t.table.name] = counts;
        changed.set(t.table.name, changedIds);
        if (t.table.name === 'service') for (const id of changedIds) touched.add(id);
        if (serviceParent.has(t.table.name)) for (const r of t.rows) if (changedIds.has(r.id as string) && r.service_id) touched.add(r.service_id as string);
        if (t.table.name === 'attribute') for (const r of t.rows) if (changedIds.has(r.id as string) && r.link_entity === 'service') touched.add(r.link_id as string);
      }
      progress.stop();

      // Services reached through what changed: their organization, locations, accessibility, taxonomy terms.
      for (const name of REACHING) {
        const ids = [...(changed.get(name) ?? [])];
        const sizer = StatementSizer.for(database, 1000, 5000);
        for (let i = 0; i < ids.length; ) {
          const batch = ids.slice(i, (i += sizer.next));
          for (const id of await sizer.run(batch.length, () => servicesReachedThrough(tx, name, batch))) touched.add(id);
        }
      }
      const serviceIds = [...touched].sort();
      // After a large load the planner's statistics still describe near-empty tables, and the
      // search function's per-service lookups turn into sequential scans. Refresh them first.
      if (total >= 5000) {
        for (const table of ANALYZED_TABLES) {
          await analyzeTable(tx, table);
          await turn();
        }
      }
      if (serviceIds.length) progress.start(serviceIds.length, 'services indexed');
      // Set-wise (0040): on PostgreSQL one statement rebuilds 10,000 services' documents.
      const sizer = StatementSizer.for(database, 100, 10_000);
      for (let i = 0; i < serviceIds.length; ) {
        const batch = serviceIds.slice(i, (i += sizer.next));
        await sizer.run(batch.length, () => refreshSearch(tx, batch));
        progress.tick(batch.length);
      }
      if (serviceIds.length) progress.stop();

      if (opts.dryRun) throw new DryRunRollback();
      await recordAudit(tx, actor, opts.meta ?? {}, {
        action: 'directory.import',
        entityType: 'directory_package',
        details: { source: path.basename(source), format: pkg.format, services: summary.services, tables: summary.tables, skipInvalid: summary.skipInvalid, reported: summary.report.length },
      });
    });
  } catch (err) {
    progress.stop();
    if (err instanceof DryRunRollback) return summary;
    // A constraint the validation did not foresee (e.g. a taxonomy code already used by another record).
    const e = err as { code?: string; message?: string; detail?: string; table?: string; constraint?: string; cause?: { code?: string; message?: string; detail?: string; table?: string } };
    const pgErr = e.code?.startsWith('23') ? e : e.cause?.code?.startsWith('23') ? e.cause : undefined;
    if (pgErr) throw invalid([{ field: (pgErr as { table?: string }).table ?? '*', message: `${pgErr.message}${pgErr.detail ? ` (${pgErr.detail})` : ''}` }]);
    throw err;
  }
  return summary;
}

async function writeTable(tx: Db, table: TableSpec, batch: Row[], geographies: Map<string, string>) {
  const rows = batch.map((r) => columnsOf(table, r, geographies));
  const columns = Object.keys(rows[0]).filter((c) => c !== 'id');
  const u: Upsert = { table: dbTables[table.name], key: 'id', columns };
  if (table.name === 'metadata') {
    // HSDS declares last_action_date a date: the same day is no change, and the stored time stays.
    const day = (a: string) => `(${a}.last_action_date AT TIME ZONE 'UTC')::date`;
    u.compareExpr = { last_action_date: [day('t'), day('EXCLUDED')] };
    u.setExpr = { last_action_date: `CASE WHEN ${day('t')} = ${day('EXCLUDED')} THEN t.last_action_date ELSE EXCLUDED.last_action_date END` };
  }
  if (table.name === 'service') {
    // A new service keeps the package's last_modified; a changed one was changed now.
    u.insertOnly = ['updated_at'];
    u.insertExpr = { updated_at: 'coalesce(i.updated_at, now())' };
    u.onChange = 'version = t.version + 1, updated_at = now()';
  }
  return upsert(tx, u, rows);
}

// organizations: HSDS organization rows are the core registry; the importer is the one writer outside the organizations module (see docs/decisions/0004)
async function writeOrganizations(tx: Db, batch: Row[]) {
  const core = batch.map((r) => ({
    id: r.id,
    legal_name: r.name,
    alternate_names: r.alternate_name == null ? [] : [r.alternate_name],
    description: r.description === '' ? null : r.description,
    website: r.website ?? null,
    email: r.email ?? null,
    parent_id: r.parent_organization_id ?? null,
  }));
  const details = batch.map((r) => ({
    organization_id: r.id,
    tax_status: r.tax_status ?? null,
    tax_id: r.tax_id ?? null,
    year_incorporated: r.year_incorporated ?? null,
    legal_status: r.legal_status ?? null,
    logo: r.logo ?? null,
    uri: r.uri ?? null,
    translations: r.translations ?? {},
  }));
  const a = await upsert(
    tx,
    {
      table: 'organizations',
      key: 'id',
      columns: ['legal_name', 'alternate_names', 'description', 'website', 'email', 'parent_id'],
      onChange: 'version = t.version + 1, updated_at = now()',
      // HSDS has one alternate name, the registry several: the first is HSDS's, the rest stay.
      compareExpr: { alternate_names: ['t.alternate_names[1]', 'EXCLUDED.alternate_names[1]'] },
      setExpr: {
        alternate_names: `CASE WHEN EXCLUDED.alternate_names[1] IS NULL THEN '{}'::text[] ELSE EXCLUDED.alternate_names || t.alternate_names[2:] END`,
      },
    },
    core,
  );
  const b = await upsert(
    tx,
    { table: 'directory_organization_details', key: 'organization_id', columns: ['tax_status', 'tax_id', 'year_incorporated', 'legal_status', 'logo', 'uri', 'translations'] },
    details,
  );
  const created = new Set(a.created);
  const updated = new Set(a.updated);
  // Details that changed on an organization whose core fields did not: still a new version of it.
  const detailOnly = b.updated.filter((id) => !updated.has(id) && !created.has(id));
  if (detailOnly.length) {
    await bumpOrganizationVersions(tx, detailOnly);
    for (const id of detailOnly) updated.add(id);
  }
  // An organization already in the registry that gains directory details with something in them is updated.
  const byId = new Map(details.map((d) => [d.organization_id as string, d]));
  for (const id of b.created) {
    const d = byId.get(id)!;
    const empty = Object.entries(d).every(([k, v]) => k === 'organization_id' || v == null || (k === 'translations' && Object.keys(v as object).length === 0));
    if (!created.has(id) && !empty) updated.add(id);
  }
  return { created: [...created], updated: [...updated] };
}
