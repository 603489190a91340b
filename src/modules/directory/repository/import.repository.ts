import { sql, type SQL } from 'drizzle-orm';
import type pg from 'pg';
import { rowsOf, type Db } from '../../../core/db/database';
import { arrayParam } from '../../../core/db/params';
import { copyFrom } from '../../../core/db/copy';
import { sqlState } from '../../../core/db/driver-error';

/**
 * SQL of the streamed HSDS import (docs/directory.md, "Importing"): one temporary staging table
 * per HSDS resource (dropped at commit), loaded with COPY FROM STDIN on PostgreSQL and with
 * multi-row INSERTs on the embedded database; the set-wise checks the package needs (duplicate
 * ids, taxonomy codes, references, geographies); and the set-wise merge of each staging table
 * into its real table with INSERT … SELECT … ON CONFLICT, whose changed rows are kept in
 * `rt_import_changed` to count them and to find the services whose search documents change.
 *
 * Table and column names come from the import's own table specifications (never from the
 * package); every value is bound or streamed as COPY data.
 */

const IDENT = /^[a-z_][a-z0-9_]*$/;
export function ident(name: string): string {
  if (!IDENT.test(name)) throw new Error(`Not an identifier: ${name}`);
  return `"${name}"`;
}
export const stageName = (resource: string) => `rt_stage_${resource}`;
const stage = (resource: string) => sql.raw(ident(stageName(resource)));
const raw = (s: string) => sql.raw(s);

/** The SQL type of every column of these tables, e.g. { directory_services: { name: 'text', … } }. */
export async function columnTypes(tx: Db, tables: string[]): Promise<Map<string, Map<string, string>>> {
  const rows = await rowsOf<{ t: string; c: string; type: string }>(
    tx,
    sql`SELECT c.relname AS t, a.attname AS c, format_type(a.atttypid, a.atttypmod) AS type
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
      WHERE c.relname = ANY(${arrayParam(tables, 'text')}) AND pg_table_is_visible(c.oid) AND a.attnum > 0 AND NOT a.attisdropped`,
  );
  const out = new Map<string, Map<string, string>>();
  for (const r of rows) {
    let m = out.get(r.t);
    if (!m) out.set(r.t, (m = new Map()));
    m.set(r.c, r.type);
  }
  return out;
}

/** A staging table: the package's columns in the types of the real table, plus the row number in the file. */
export async function createStage(tx: Db, resource: string, columns: { name: string; type: string }[]): Promise<void> {
  for (const c of columns) if (!/^[a-z][a-z0-9 ()[\],_]*$/i.test(c.type)) throw new Error(`Not a column type: ${c.type}`);
  const defs = [...columns.map((c) => `${ident(c.name)} ${c.type}`), '"__row" integer NOT NULL'].join(', ');
  await tx.execute(sql.raw(`CREATE TEMP TABLE ${ident(stageName(resource))} (${defs}) ON COMMIT DROP`));
}

/** The table that records every row the merge created or changed. */
export async function createChangedTable(tx: Db): Promise<void> {
  // service: the service whose search document the row is part of (services, their rows, their attributes), noted by the merge itself.
  await tx.execute(sql`CREATE TEMP TABLE rt_import_changed (resource text NOT NULL, id uuid NOT NULL, created boolean NOT NULL, service uuid) ON COMMIT DROP`);
  await tx.execute(sql`CREATE TEMP TABLE rt_import_org_core (id uuid PRIMARY KEY, created boolean NOT NULL) ON COMMIT DROP`);
  await tx.execute(sql`CREATE TEMP TABLE rt_import_org_details (id uuid PRIMARY KEY, created boolean NOT NULL) ON COMMIT DROP`);
}

// ---------------------------------------------------------------------------------------
// Loading the staging tables

/** The node-postgres client behind a Drizzle transaction (PostgreSQL only). */
function pgClient(tx: Db): pg.PoolClient {
  const client = (tx as unknown as { session?: { client?: pg.PoolClient } }).session?.client;
  if (!client || typeof (client as { query?: unknown }).query !== 'function') throw new Error('No PostgreSQL client behind this transaction');
  return client;
}

/** PostgreSQL: streams COPY text-format chunks into a staging table; resolves to the rows copied. */
export function copyIntoStage(tx: Db, resource: string, columns: string[], chunks: AsyncIterable<Buffer>): Promise<number> {
  const text = `COPY ${ident(stageName(resource))} (${[...columns, '__row'].map(ident).join(', ')}) FROM STDIN`;
  return copyFrom(pgClient(tx), text, chunks);
}

/** One value in COPY's text format. */
export function copyValue(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 't' : 'f';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return /[\\\n\r\t]/.test(s) ? s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t') : s;
}

/** Embedded database: one multi-row INSERT of rows (objects keyed by column, with __row) into a staging table. */
export async function insertIntoStage(tx: Db, resource: string, rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length) await tx.execute(sql`INSERT INTO ${stage(resource)} SELECT * FROM json_populate_recordset(null::${stage(resource)}, ${JSON.stringify(rows)}::json)`);
}

/** Refreshes the planner's statistics of a staging table (temporary tables get no autovacuum). */
export async function analyzeStage(tx: Db, resource: string): Promise<void> {
  await tx.execute(sql`ANALYZE ${stage(resource)}`);
}

export async function stageCount(tx: Db, resource: string): Promise<number> {
  return (await rowsOf<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM ${stage(resource)}`))[0].n;
}

// ---------------------------------------------------------------------------------------
// Set-wise checks

export interface StageRow {
  row: number;
  value: string;
}

/** Rows whose id an earlier row of the same file already has, with that first row. */
export async function duplicateIds(tx: Db, resource: string): Promise<{ row: number; value: string; first: number }[]> {
  return rowsOf(
    tx,
    sql`SELECT __row AS row, id::text AS value, first FROM (
        SELECT __row, id, min(__row) OVER (PARTITION BY id) AS first FROM ${stage(resource)} WHERE id IS NOT NULL
      ) d WHERE __row <> first ORDER BY __row`,
  );
}

/** Deletes these rows of a staging table (rows the lenient import skips). */
export async function dropStageRows(tx: Db, resource: string, rows: number[]): Promise<void> {
  if (rows.length) await tx.execute(sql`DELETE FROM ${stage(resource)} WHERE __row = ANY(${arrayParam(rows, 'integer')})`);
}

/** Sets a field to null in these rows of a staging table (values the lenient import drops). */
export async function nullStageField(tx: Db, resource: string, field: string, rows: number[]): Promise<void> {
  if (rows.length) await tx.execute(sql`UPDATE ${stage(resource)} SET ${raw(ident(field))} = NULL WHERE __row = ANY(${arrayParam(rows, 'integer')})`);
}

/** Taxonomy terms with the code of an earlier term of the same taxonomy. */
export async function duplicateTermCodes(tx: Db): Promise<{ row: number; value: string; first: number }[]> {
  return rowsOf(
    tx,
    sql`SELECT __row AS row, code AS value, first FROM (
        SELECT __row, code, min(__row) OVER (PARTITION BY coalesce(taxonomy_id::text, ''), code) AS first FROM ${stage('taxonomy_term')} WHERE code IS NOT NULL
      ) d WHERE __row <> first ORDER BY __row`,
  );
}

/**
 * Rows of a staging table whose `field` names a record of `target` that is neither in the
 * package (its staging table, when there is one) nor in the directory (`targetTable`).
 * `entity`: only rows whose link_entity is this (attributes).
 */
export async function danglingReferences(
  tx: Db,
  resource: string,
  field: string,
  target: { resource: string; staged: boolean; table: string },
  entity?: string,
): Promise<StageRow[]> {
  const f = raw(`s.${ident(field)}`);
  const inPackage = target.staged ? sql`AND NOT EXISTS (SELECT 1 FROM ${stage(target.resource)} p WHERE p.id = ${f})` : sql``;
  const linked = entity ? sql`AND s.link_entity = ${entity}` : sql``;
  return rowsOf(
    tx,
    sql`SELECT s.__row AS row, ${f}::text AS value FROM ${stage(resource)} s
      WHERE ${f} IS NOT NULL ${linked} ${inPackage}
        AND NOT EXISTS (SELECT 1 FROM ${raw(ident(target.table))} d WHERE d.id = ${f})
      ORDER BY s.__row`,
  );
}

/** The distinct geography codes of a staging table. */
export async function stagedGeographyCodes(tx: Db, resource: string): Promise<string[]> {
  return (await rowsOf<{ code: string }>(tx, sql`SELECT DISTINCT geography_code AS code FROM ${stage(resource)} WHERE geography_code IS NOT NULL`)).map((r) => r.code);
}

/** Rows of a staging table whose geography code is one of these. */
export async function rowsWithGeographyCodes(tx: Db, resource: string, codes: string[]): Promise<StageRow[]> {
  if (!codes.length) return [];
  return rowsOf(tx, sql`SELECT __row AS row, geography_code AS value FROM ${stage(resource)} WHERE geography_code = ANY(${arrayParam(codes, 'text')}) ORDER BY __row`);
}

/** id, parent and row number of every staged row of a self-referencing resource. */
export async function stagedParents(tx: Db, resource: string, parentField: string): Promise<{ id: string; parent: string | null; row: number }[]> {
  return rowsOf(tx, sql`SELECT id::text AS id, ${raw(ident(parentField))}::text AS parent, __row AS row FROM ${stage(resource)} WHERE id IS NOT NULL ORDER BY __row`);
}

// ---------------------------------------------------------------------------------------
// Merging

/** Which rows of a staging table one merge statement takes: all, a range of row numbers, or a list in order. */
export type StageSlice = { all: true } | { from: number; to: number } | { rows: number[] };

function sliceWhere(slice: StageSlice): SQL {
  if ('all' in slice) return sql`true`;
  if ('rows' in slice) return sql`s.__row = ANY(${arrayParam(slice.rows, 'integer')})`;
  return sql`s.__row BETWEEN ${slice.from} AND ${slice.to}`;
}

/** The largest row number in a staging table (0 when empty). */
export async function maxStageRow(tx: Db, resource: string): Promise<number> {
  return (await rowsOf<{ n: number }>(tx, sql`SELECT coalesce(max(__row), 0)::int AS n FROM ${stage(resource)}`))[0].n;
}

/** How a staging table merges into its real table. */
export interface Merge {
  resource: string;
  table: string;
  key: string;
  /** Real column → SQL over the staging row `s` (and `g.value`, the geography id, when `geography`). */
  select: [string, string][];
  /** Join the geography codes' ids (bound as a JSON object code → id). */
  geography?: Record<string, string>;
  /** Columns written on insert only, and left out of the "did anything change" comparison. */
  insertOnly?: string[];
  /** Extra assignments when a row changes. */
  onChange?: string;
  /** Column assignments other than `c = EXCLUDED.c`. */
  setExpr?: Record<string, string>;
  /** What to compare for a column instead of `t.c` and `EXCLUDED.c`. */
  compareExpr?: Record<string, [string, string]>;
  /** SQL over the merged row `t`: the service whose search document it is part of (noted in rt_import_changed). */
  serviceOf?: string;
  /** Where the created and changed keys go: rt_import_changed (with the resource) or one of the organization tables. */
  into?: 'rt_import_org_core' | 'rt_import_org_details';
}

/**
 * Merges (a slice of) a staging table into its real table in one statement: new rows are
 * inserted, changed rows updated, identical rows left alone (so a second import changes
 * nothing). The keys of created and updated rows go to the changed table.
 */
export async function mergeStage(tx: Db, m: Merge, slice: StageSlice): Promise<void> {
  const q = ident;
  const cols = m.select.map(([c]) => c);
  const compared = cols.filter((c) => c !== m.key && !m.insertOnly?.includes(c));
  const selectList = m.select.map(([c, e]) => `${e} AS ${q(c)}`).join(', ');
  const geo = m.geography ? sql`LEFT JOIN json_each_text(${JSON.stringify(m.geography)}::json) g ON g.key = s.geography_code` : sql``;
  const sets = compared.map((c) => `${q(c)} = ${m.setExpr?.[c] ?? `EXCLUDED.${q(c)}`}`).join(', ');
  const conflict = compared.length
    ? `DO UPDATE SET ${sets}${m.onChange ? `, ${m.onChange}` : ''}
      WHERE (${compared.map((c) => m.compareExpr?.[c]?.[0] ?? `t.${q(c)}`).join(', ')}, true)
        IS DISTINCT FROM (${compared.map((c) => m.compareExpr?.[c]?.[1] ?? `EXCLUDED.${q(c)}`).join(', ')}, true)`
    : 'DO NOTHING';
  const into = m.into
    ? sql`INSERT INTO ${raw(m.into)} (id, created) SELECT id, created FROM w`
    : sql`INSERT INTO rt_import_changed (resource, id, created, service) SELECT ${m.resource}, id, created, service FROM w`;
  // In key order: the rows come in file order, random as far as the indexes go; sorted, the
  // primary key (and the lookups of the conflict check) walk the index in order. Measured on
  // 102,000 languages: 1.38 s in file order, 1.04 s sorted (docs/directory.md, "Import speed").
  const keyPosition = cols.indexOf(m.key) + 1;
  if (!keyPosition) throw new Error(`No key column ${m.key} in the merge of ${m.resource}`);
  await tx.execute(sql`WITH w AS (
      INSERT INTO ${raw(q(m.table))} AS t (${raw(cols.map(q).join(', '))})
      SELECT ${raw(selectList)} FROM ${stage(m.resource)} s ${geo} WHERE ${sliceWhere(slice)} ORDER BY ${raw(String(keyPosition))}
      ON CONFLICT (${raw(q(m.key))}) ${raw(conflict)}
      RETURNING t.${raw(q(m.key))} AS id, (t.xmax = 0) AS created, ${raw(m.serviceOf ?? 'NULL::uuid')} AS service
    )
    ${into}`);
}

/**
 * After both organization tables merged: a changed directory detail is a new version of its
 * organization, and an organization already in the registry that gains details with something
 * in them is updated. Records the organizations created and updated in rt_import_changed.
 */
export async function finishOrganizations(tx: Db): Promise<void> {
  await tx.execute(sql`UPDATE organizations SET version = version + 1, updated_at = now()
    WHERE id IN (SELECT d.id FROM rt_import_org_details d WHERE NOT d.created AND NOT EXISTS (SELECT 1 FROM rt_import_org_core c WHERE c.id = d.id))`);
  await tx.execute(sql`INSERT INTO rt_import_changed (resource, id, created)
    SELECT 'organization', id, created FROM rt_import_org_core
    UNION ALL
    SELECT 'organization', d.id, false FROM rt_import_org_details d
      WHERE NOT EXISTS (SELECT 1 FROM rt_import_org_core c WHERE c.id = d.id)
        AND (NOT d.created OR EXISTS (
          SELECT 1 FROM ${stage('organization')} s WHERE s.id = d.id
            AND (s.tax_status IS NOT NULL OR s.tax_id IS NOT NULL OR s.year_incorporated IS NOT NULL OR s.legal_status IS NOT NULL
              OR s.logo IS NOT NULL OR s.uri IS NOT NULL OR coalesce(s.translations, '{}'::jsonb) <> '{}'::jsonb)))`);
}

/** Created and updated rows per resource. */
export async function changedCounts(tx: Db): Promise<Map<string, { created: number; updated: number }>> {
  const rows = await rowsOf<{ resource: string; created: number; updated: number }>(
    tx,
    sql`SELECT resource, count(*) FILTER (WHERE created)::int AS created, count(*) FILTER (WHERE NOT created)::int AS updated FROM rt_import_changed GROUP BY resource`,
  );
  return new Map(rows.map((r) => [r.resource, { created: r.created, updated: r.updated }]));
}

/**
 * Services whose search documents change: those created or changed, those whose rows (places,
 * phones, languages, costs…) or service attributes changed (both noted by the merge in
 * rt_import_changed.service), and those reached through a changed organization, location,
 * accessibility record or taxonomy term (and its children).
 */
export async function touchedServices(tx: Db, between?: () => Promise<void>): Promise<string[]> {
  const parts: SQL[] = [sql`SELECT service FROM rt_import_changed WHERE service IS NOT NULL`];
  parts.push(sql`SELECT x.id FROM directory_services x JOIN rt_import_changed c ON c.resource = 'organization' AND c.id = x.organization_id`);
  parts.push(sql`SELECT sal.service_id FROM directory_service_at_locations sal JOIN rt_import_changed c ON c.resource = 'location' AND c.id = sal.location_id`);
  parts.push(sql`SELECT sal.service_id FROM directory_accessibility a JOIN rt_import_changed c ON c.resource = 'accessibility' AND c.id = a.id JOIN directory_service_at_locations sal ON sal.location_id = a.location_id`);
  parts.push(sql`SELECT a.link_id FROM (WITH RECURSIVE down AS (SELECT id FROM rt_import_changed WHERE resource = 'taxonomy_term'
        UNION SELECT t.id FROM directory_taxonomy_terms t JOIN down ON t.parent_id = down.id)
      SELECT id FROM down) d JOIN directory_attributes a ON a.taxonomy_term_id = d.id WHERE a.link_entity = 'service'`);
  // One statement per part, gathered in a keyed temporary table: on the embedded database a
  // single statement over a whole package's changes held its only connection for 1.5 s at
  // 60,000 services (/health waits behind it). The changes table is a temporary one, which
  // autovacuum never analyzes.
  await tx.execute(sql`ANALYZE rt_import_changed`);
  await tx.execute(sql`CREATE TEMP TABLE rt_import_touched (id uuid PRIMARY KEY) ON COMMIT DROP`);
  for (const part of parts) {
    await tx.execute(sql`INSERT INTO rt_import_touched SELECT DISTINCT u.id FROM (${part}) u(id) WHERE u.id IS NOT NULL ON CONFLICT DO NOTHING`);
    await between?.();
  }
  const rows = await rowsOf<{ id: string }>(tx, sql`SELECT id::text AS id FROM rt_import_touched ORDER BY 1`);
  await tx.execute(sql`DROP TABLE rt_import_touched`);
  return rows.map((r) => r.id);
}

// ---------------------------------------------------------------------------------------
// PostgreSQL, CSV files: the file as it is, checked set-wise

/** What the set-wise check needs to know of one field. */
export interface RawField {
  name: string;
  type: 'uuid' | 'string' | 'number' | 'integer' | 'date' | 'datetime' | 'time' | 'json';
  required: boolean;
  enum?: string[];
  minLength?: number;
  maxLength?: number;
  min?: number;
  max?: number;
  /** The staging column's SQL type. */
  stageType: string;
  /** Its column in the raw table (c0, c1…), or null when the file has no such column. */
  column: string | null;
}

const rawStage = (resource: string) => sql.raw(ident(`rt_raw_${resource}`));
const badRows = (resource: string) => sql.raw(ident(`rt_bad_${resource}`));
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const WHITE = '[\\s\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]';
const NUMBER_RE = '^[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)$';
/**
 * Not a UUID in its 8-4-4-4-12 hexadecimal form. Without a regular expression: 36 bytes of hex
 * digits and hyphens, the hyphens where they go and no others. Matching the pattern
 * `^[0-9a-fA-F]{8}-…-[0-9a-fA-F]{12}$` cost 2.5 µs a value, and a package has a million of them
 * (ids and references): a tenth of a 60,000-service import.
 */
const notUuid = (c: string) =>
  `(octet_length(${c}) <> 36 OR ltrim(${c}, '0123456789abcdefABCDEF-') <> '' OR substr(${c}, 9, 1) || substr(${c}, 14, 1) || substr(${c}, 19, 1) || substr(${c}, 24, 1) <> '----' OR octet_length(replace(${c}, '-', '')) <> 32)`;
const TIME_RE = '^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,6})?)?$';
/**
 * A date, then optionally a time and an offset. PostgreSQL takes offsets up to ±15:59, so with a
 * real date (rt_import_is_date) every value of this form is a timestamptz: no cast is tried.
 */
const DATETIME_RE = '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,3})?)?(Z|[+-](0[0-9]|1[0-5]):[0-5][0-9])?)?$';
/** A number in a JSON text (after `:`, `,` or `[`): JavaScript would rewrite it (1.50 → 1.5), so such values take the row-by-row path. */
const JSON_NUMBER_RE = '[:,\\[][[:space:]]*-?[0-9]';
const INTEGER_TYPES = new Set(['integer', 'smallint', 'bigint']);

/**
 * For one field: `bad`, true for a value the row-by-row check might refuse or store otherwise
 * (so conservative: such rows go through that check, which has the last word and the error
 * message), and `value`, the value stored for a value that is not bad, as the row-by-row check
 * would store it.
 */
export function rawFieldSql(f: RawField, maxFieldBytes: number): { bad: string; value: string } {
  if (!/^[a-z][a-z0-9 ()[\],_]*$/i.test(f.stageType)) throw new Error(`Not a column type: ${f.stageType}`);
  if (!f.column) return { bad: f.required ? 'true' : 'false', value: `NULL::${f.stageType}` };
  const c = `r.${ident(f.column)}`;
  const missing = f.type === 'string' ? `${c} IS NULL` : `(${c} IS NULL OR ${c} = '')`;
  const checks: string[] = [`octet_length(${c}) > ${maxFieldBytes}`];
  let value = `CAST(${c} AS ${f.stageType})`;
  switch (f.type) {
    case 'uuid':
      checks.push(notUuid(c));
      value = `CAST(lower(${c}) AS ${f.stageType})`;
      break;
    case 'string':
      if (f.minLength) checks.push(`char_length(${c}) < ${f.minLength}`, `${c} ~ ${lit(`^${WHITE}|${WHITE}$`)}`);
      if (f.maxLength) checks.push(`octet_length(${c}) > ${f.maxLength}`);
      if (f.enum) checks.push(`${c} <> ALL(ARRAY[${f.enum.map(lit).join(', ')}]::text[])`);
      break;
    case 'number':
    case 'integer': {
      const n = `(CASE WHEN ${c} ~ ${lit(NUMBER_RE)} AND length(${c}) <= 30 THEN ${c}::numeric END)`;
      checks.push(`${n} IS NULL`, `abs(${n}) >= 1e9`);
      if (f.type === 'integer' || INTEGER_TYPES.has(f.stageType)) checks.push(`${n} <> trunc(${n})`);
      if (f.min !== undefined) checks.push(`${n} < ${Number(f.min)}`);
      if (f.max !== undefined) checks.push(`${n} > ${Number(f.max)}`);
      value = `CAST(CAST(NULLIF(${c}, '') AS double precision)::text AS ${f.stageType})`;
      break;
    }
    case 'date':
      checks.push(`NOT rt_import_is_date(${c})`);
      value = `CAST(NULLIF(${c}, '') AS ${f.stageType})`;
      break;
    case 'datetime':
      checks.push(`${c} !~ ${lit(DATETIME_RE)}`, `NOT rt_import_is_date(left(${c}, 10))`);
      value = `CAST(NULLIF(${c}, '') AS ${f.stageType})`;
      break;
    case 'time':
      checks.push(`${c} !~ ${lit(TIME_RE)}`);
      value = `CAST(NULLIF(${c}, '') AS ${f.stageType})`;
      break;
    case 'json':
      checks.push(`octet_length(${c}) > ${Math.floor(maxFieldBytes / 4)}`, `${c} ~ ${lit(JSON_NUMBER_RE)}`, `NOT rt_import_is_json_object(${c})`);
      value = `CAST(NULLIF(${c}, '') AS ${f.stageType})`;
      break;
  }
  // A missing optional value is fine (and NULL); a present one must pass every check.
  const bad = f.required ? `(${missing} OR ${checks.join(' OR ')})` : `(NOT ${missing} AND (${checks.join(' OR ')}))`;
  return { bad: `coalesce(${bad}, true)`, value };
}

/** The raw table of a CSV file: one text column per column of its header (c0, c1…), and the record's number. */
export async function createRawStage(tx: Db, resource: string, columns: number): Promise<void> {
  const defs = Array.from({ length: columns }, (_, i) => `c${i} text`).join(', ');
  await tx.execute(sql.raw(`CREATE TEMP TABLE ${ident(`rt_raw_${resource}`)} (${defs}${columns ? ', ' : ''}"__row" integer GENERATED BY DEFAULT AS IDENTITY) ON COMMIT DROP`));
}

/** COPYs a CSV file as it is (header line skipped) into its raw table; resolves to the records copied. */
export function copyCsvIntoRaw(tx: Db, resource: string, columns: number, chunks: AsyncIterable<Buffer>): Promise<number> {
  const cols = Array.from({ length: columns }, (_, i) => `c${i}`).join(', ');
  return copyFrom(pgClient(tx), `COPY ${ident(`rt_raw_${resource}`)} (${cols}) FROM STDIN (FORMAT csv, HEADER true)`, chunks);
}

/** Runs `work` so that an error in it leaves the transaction usable (a savepoint rolled back). */
export async function withSavepoint<T>(tx: Db, work: () => Promise<T>): Promise<T> {
  await tx.execute(sql`SAVEPOINT rt_import_step`);
  try {
    const out = await work();
    await tx.execute(sql`RELEASE SAVEPOINT rt_import_step`);
    return out;
  } catch (err) {
    await tx.execute(sql`ROLLBACK TO SAVEPOINT rt_import_step`);
    throw err;
  }
}

/**
 * The first record longer than `maxRecordBytes` and its longest column (the row-by-row reader
 * stops a file there); the raw rows from it on are deleted.
 */
export async function cutAtOversizeRecord(tx: Db, resource: string, columns: number, maxRecordBytes: number): Promise<{ row: number; column: number } | null> {
  if (!columns) return null;
  const lens = Array.from({ length: columns }, (_, i) => `coalesce(octet_length(c${i}), 0)`);
  const [hit] = await rowsOf<{ row: number; column: number }>(
    tx,
    sql.raw(`SELECT __row AS row, (SELECT i - 1 FROM unnest(ARRAY[${lens.join(', ')}]) WITH ORDINALITY AS l(n, i) ORDER BY n DESC LIMIT 1)::int AS column
      FROM ${ident(`rt_raw_${resource}`)} WHERE ${lens.join(' + ')} > ${maxRecordBytes} ORDER BY __row LIMIT 1`),
  );
  if (hit) await tx.execute(sql`DELETE FROM ${rawStage(resource)} WHERE __row >= ${hit.row}`);
  return hit ?? null;
}

/** Marks the raw rows some field of which is `bad` (rt_bad_<resource>); resolves to how many. */
export async function markBadRawRows(tx: Db, resource: string, bad: string[]): Promise<number> {
  await tx.execute(sql.raw(`CREATE TEMP TABLE ${ident(`rt_bad_${resource}`)} ON COMMIT DROP AS
    SELECT r.__row FROM ${ident(`rt_raw_${resource}`)} r WHERE ${bad.length ? bad.join(' OR ') : 'false'}`));
  return (await rowsOf<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM ${badRows(resource)}`))[0].n;
}

/** Stages every raw row not marked bad, each value as `values` computes it. */
export async function stageGoodRawRows(tx: Db, resource: string, values: [string, string][]): Promise<void> {
  const cols = [...values.map(([c]) => ident(c)), '"__row"'].join(', ');
  const exprs = [...values.map(([, e]) => e), 'r.__row'].join(', ');
  await tx.execute(sql.raw(`INSERT INTO ${ident(stageName(resource))} (${cols})
    SELECT ${exprs} FROM ${ident(`rt_raw_${resource}`)} r
    WHERE NOT EXISTS (SELECT 1 FROM ${ident(`rt_bad_${resource}`)} b WHERE b.__row = r.__row)`));
}

/** The next raw rows marked bad after row `after`, in file order, as { __row, c0, c1… }. */
export async function badRawRows(tx: Db, resource: string, after: number, limit: number): Promise<Record<string, string | number | null>[]> {
  return rowsOf(tx, sql`SELECT r.* FROM ${rawStage(resource)} r JOIN ${badRows(resource)} b ON b.__row = r.__row WHERE r.__row > ${after} ORDER BY r.__row LIMIT ${limit}`);
}

// ---------------------------------------------------------------------------------------
// PostgreSQL, an import that touches most services: the search documents built into a new
// table and swapped in (docs/directory.md, "How the import runs")

const SEARCH = 'directory_service_search';
const NEXT = 'rt_search_next';
const SEARCH_COLUMNS = 'service_id, tsv_en, tsv_fr, folded, folded_names, language_codes, term_ids, geography_ids, is_free, wheelchair, minimum_age, maximum_age, latitudes, longitudes';

/** How many search documents there are. */
export async function searchRowCount(tx: Db): Promise<number> {
  return (await rowsOf<{ n: number }>(tx, sql.raw(`SELECT count(*)::int AS n FROM ${SEARCH}`)))[0].n;
}

/** What the search table carries besides its columns, read from the catalogue so the new table gets all of it. */
export interface SearchTableShape {
  indexes: { name: string; def: string }[];
  constraints: { name: string; def: string }[];
  triggers: { name: string; def: string }[];
  /** Columns with a statistics target of their own (`ALTER COLUMN … SET STATISTICS`), which `LIKE` does not copy. */
  statistics: { column: string; target: number }[];
}

/**
 * Whether the search table can be rebuilt and swapped in by this role: it owns the table, which
 * has no grants, no row security and nothing else depending on it (no view, no foreign key
 * pointing at it). Anything else keeps the row-by-row refresh.
 */
export async function searchTableShape(tx: Db): Promise<SearchTableShape | null> {
  const [t] = await rowsOf<{ mine: boolean; plain: boolean; dependents: number }>(
    tx,
    sql`SELECT pg_get_userbyid(c.relowner) = current_user AS mine,
        (c.relacl IS NULL AND NOT c.relrowsecurity AND c.reloptions IS NULL AND c.relkind = 'r' AND NOT c.relispartition
          AND c.relnamespace = current_schema()::regnamespace) AS plain,
        (SELECT count(*)::int FROM pg_depend d WHERE d.refclassid = 'pg_class'::regclass AND d.refobjid = c.oid AND d.deptype = 'n'
            AND NOT (d.classid = 'pg_constraint'::regclass AND EXISTS (SELECT 1 FROM pg_constraint k WHERE k.oid = d.objid AND k.conrelid = c.oid)))
          + (SELECT count(*)::int FROM pg_constraint k WHERE k.confrelid = c.oid AND k.conrelid <> c.oid) AS dependents
      FROM pg_class c WHERE c.oid = ${SEARCH}::regclass`,
  );
  if (!t?.mine || !t.plain || t.dependents) return null;
  const indexes = await rowsOf<{ name: string; def: string }>(
    tx,
    sql`SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS def FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE i.indrelid = ${SEARCH}::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid) ORDER BY 1`,
  );
  const constraints = await rowsOf<{ name: string; def: string }>(
    tx,
    sql`SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = ${SEARCH}::regclass AND contype IN ('p', 'u', 'f', 'x') ORDER BY contype <> 'p', 1`,
  );
  const triggers = await rowsOf<{ name: string; def: string }>(
    tx,
    sql`SELECT tgname AS name, pg_get_triggerdef(oid) AS def FROM pg_trigger WHERE tgrelid = ${SEARCH}::regclass AND NOT tgisinternal ORDER BY 1`,
  );
  const statistics = await rowsOf<{ column: string; target: number }>(
    tx,
    sql`SELECT attname AS column, attstattarget::int AS target FROM pg_attribute
      WHERE attrelid = ${SEARCH}::regclass AND attnum > 0 AND NOT attisdropped AND attstattarget IS NOT NULL AND attstattarget >= 0 ORDER BY attnum`,
  );
  // The definitions are rewritten onto the new table below; one this code cannot read keeps the old path.
  const onTable = /^(CREATE (?:UNIQUE )?INDEX )([a-z_][a-z0-9_]*)( ON (?:ONLY )?)((?:[a-z_][a-z0-9_]*\.)?directory_service_search)( USING .*)$/s;
  const onTrigger = /^(CREATE (?:CONSTRAINT )?TRIGGER [a-z_][a-z0-9_]* (?:BEFORE|AFTER|INSTEAD OF) .*? ON )((?:[a-z_][a-z0-9_]*\.)?directory_service_search)( .*)$/s;
  if (!indexes.every((i) => onTable.test(i.def)) || !triggers.every((g) => onTrigger.test(g.def)) || !constraints.every((k) => IDENT.test(k.name)) || !statistics.every((c) => IDENT.test(c.column))) return null;
  return {
    indexes: indexes.map((i, n) => ({ name: i.name, def: i.def.replace(onTable, (_m, a, _name, b, _t, c) => `${a}rt_search_next_i${n}${b}${NEXT}${c}`) })),
    constraints,
    triggers,
    statistics,
  };
}

/**
 * Starts the rebuild: other writers of the services and of the search table wait for the
 * import from here on (the finder keeps reading the documents it has), and an empty new table
 * with the same columns is created in the import's transaction. The services are locked first,
 * in the order a service edit takes them (the service, then its document): the new table's
 * foreign key takes this lock on the services at the end anyway, and taking it only then could
 * deadlock with an edit that holds the service and waits for the search table.
 *
 * The locks are waited for at most `waitMs`: another transaction that keeps writing these
 * tables (another import) would otherwise keep this one waiting, or deadlock with it. Then
 * (false) nothing is created and the import refreshes the documents in place, as a smaller one does.
 */
export async function beginSearchRebuild(tx: Db, waitMs = 2000): Promise<boolean> {
  const [{ before }] = await rowsOf<{ before: string }>(tx, sql`SELECT current_setting('lock_timeout') AS before`);
  try {
    await withSavepoint(tx, async () => {
      await tx.execute(sql`SELECT set_config('lock_timeout', ${`${Math.max(1, Math.round(waitMs))}ms`}, true)`);
      await tx.execute(sql.raw(`LOCK TABLE directory_services IN SHARE ROW EXCLUSIVE MODE`));
      await tx.execute(sql.raw(`LOCK TABLE ${SEARCH} IN SHARE ROW EXCLUSIVE MODE`));
    });
  } catch (err) {
    const code = sqlState(err);
    if (code !== '55P03' && code !== '40P01') throw err;
    return false;
  } finally {
    await tx.execute(sql`SELECT set_config('lock_timeout', ${before}, true)`);
  }
  await tx.execute(sql.raw(`CREATE TABLE ${NEXT} (LIKE ${SEARCH} INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE INCLUDING COMPRESSION)`));
  return true;
}

/** The documents of these services, into the new table (no index, trigger or foreign key to keep up yet). */
export async function buildSearchDocuments(tx: Db, serviceIds: string[]): Promise<void> {
  if (serviceIds.length) {
    await tx.execute(sql`INSERT INTO ${raw(NEXT)} (${raw(SEARCH_COLUMNS)}) SELECT ${raw(SEARCH_COLUMNS)} FROM directory_search_documents(${arrayParam(serviceIds, 'uuid')})`);
  }
}

/**
 * Finishes the rebuild: the documents of the services the import did not touch are copied over,
 * the words of the new documents go to the spelling-correction list set-wise (what the
 * statement trigger does), the indexes, constraints and triggers of the search table are built
 * on the new one in bulk, its statistics gathered, and only then is it swapped in: the old
 * table is locked (readers wait from here to the commit, which follows), dropped, and the new
 * one and its indexes and constraints take the old names.
 */
export async function finishSearchRebuild(tx: Db, shape: SearchTableShape, between: () => Promise<void>): Promise<void> {
  await tx.execute(sql.raw(`INSERT INTO ${NEXT} (${SEARCH_COLUMNS}) SELECT ${SEARCH_COLUMNS} FROM ${SEARCH} s
    WHERE NOT EXISTS (SELECT 1 FROM ${NEXT} n WHERE n.service_id = s.service_id)`));
  // The words of the documents whose folded text changed: split by a CREATE TABLE AS, which
  // PostgreSQL may run with parallel workers (an INSERT … SELECT never does), then added.
  await tx.execute(sql.raw(`CREATE TEMP TABLE rt_search_next_words ON COMMIT DROP AS
    SELECT DISTINCT w FROM ${NEXT} s, directory_search_words_of(s.folded) AS w
    WHERE NOT EXISTS (SELECT 1 FROM ${SEARCH} o WHERE o.service_id = s.service_id AND o.folded = s.folded)`));
  await tx.execute(sql.raw(`INSERT INTO directory_search_words (word) SELECT w FROM rt_search_next_words ON CONFLICT DO NOTHING`));
  for (const [n, k] of shape.constraints.entries()) {
    await tx.execute(sql.raw(`ALTER TABLE ${NEXT} ADD CONSTRAINT rt_search_next_c${n} ${k.def}`));
    await between();
  }
  for (const i of shape.indexes) {
    await tx.execute(sql.raw(i.def));
    await between();
  }
  for (const c of shape.statistics) await tx.execute(sql.raw(`ALTER TABLE ${NEXT} ALTER COLUMN ${ident(c.column)} SET STATISTICS ${Math.trunc(c.target)}`));
  await tx.execute(sql.raw(`ANALYZE ${NEXT}`));
  await tx.execute(sql.raw(`LOCK TABLE ${SEARCH} IN ACCESS EXCLUSIVE MODE`));
  await tx.execute(sql.raw(`DROP TABLE ${SEARCH}`));
  await tx.execute(sql.raw(`ALTER TABLE ${NEXT} RENAME TO ${SEARCH}`));
  for (const [n, k] of shape.constraints.entries()) await tx.execute(sql.raw(`ALTER TABLE ${SEARCH} RENAME CONSTRAINT rt_search_next_c${n} TO ${ident(k.name)}`));
  for (const [n, i] of shape.indexes.entries()) await tx.execute(sql.raw(`ALTER INDEX rt_search_next_i${n} RENAME TO ${ident(i.name)}`));
  // As they were, on the table under its name, after the words above: the triggers see later writes only.
  for (const g of shape.triggers) await tx.execute(sql.raw(g.def));
}
