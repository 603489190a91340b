import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../core/db/database';
import { arrayParam } from '../../core/db/params';

/**
 * SQL of the directory's HSDS import: the set-wise upsert of one batch, the look-ups of records
 * already in the directory, the services reached through what changed, and the search-document
 * rebuild. Table and column names come from the import's own table specifications (never from
 * the package); every value is bound.
 */

/** How one HSDS resource is upserted into its table (see `upsertBatch`). */
export interface Upsert {
  table: string;
  key: string;
  columns: string[];
  /** Columns written on insert only, and left out of the "did anything change" comparison. */
  insertOnly?: string[];
  /** SQL for a column on insert, e.g. coalesce(i.updated_at, now()). */
  insertExpr?: Record<string, string>;
  /** Extra assignments when a row changes. */
  onChange?: string;
  /** Column assignments other than `c = EXCLUDED.c`. */
  setExpr?: Record<string, string>;
  /** What to compare for a column instead of `t.c` and `EXCLUDED.c`. */
  compareExpr?: Record<string, [string, string]>;
}

const IDENT = /^[a-z_][a-z0-9_]*$/;
function ident(name: string): string {
  if (!IDENT.test(name)) throw new Error(`Not an identifier: ${name}`);
  return `"${name}"`;
}

/**
 * Upserts one batch of rows (bound as one JSON value) and returns the keys created and
 * updated; a row identical to the stored one is not touched, so a second import changes nothing.
 */
export async function upsertBatch(tx: Db, u: Upsert, rows: Record<string, unknown>[]): Promise<{ created: string[]; updated: string[] }> {
  const created: string[] = [];
  const updated: string[] = [];
  if (rows.length === 0) return { created, updated };
  const cols = [u.key, ...u.columns];
  const compared = u.columns.filter((c) => !u.insertOnly?.includes(c));
  const q = ident;
  const statement = sql`WITH i AS (SELECT * FROM json_populate_recordset(null::${sql.raw(q(u.table))}, ${JSON.stringify(rows)}::json)),
    w AS (
      INSERT INTO ${sql.raw(q(u.table))} AS t (${sql.raw(cols.map(q).join(', '))})
      SELECT ${sql.raw(cols.map((c) => u.insertExpr?.[c] ?? `i.${q(c)}`).join(', '))} FROM i
      ON CONFLICT (${sql.raw(q(u.key))}) DO UPDATE SET ${sql.raw(compared.map((c) => `${q(c)} = ${u.setExpr?.[c] ?? `EXCLUDED.${q(c)}`}`).join(', '))}${sql.raw(u.onChange ? `, ${u.onChange}` : '')}
      WHERE (${sql.raw(compared.map((c) => u.compareExpr?.[c]?.[0] ?? `t.${q(c)}`).join(', '))}, true)
        IS DISTINCT FROM (${sql.raw(compared.map((c) => u.compareExpr?.[c]?.[1] ?? `EXCLUDED.${q(c)}`).join(', '))}, true)
      RETURNING t.${sql.raw(q(u.key))}::text AS id, (t.xmax = 0) AS created
    )
    SELECT id, created FROM w`;
  for (const r of await rowsOf<{ id: string; created: boolean }>(tx, statement)) (r.created ? created : updated).push(r.id);
  return { created, updated };
}

/** Which of these ids a directory table already holds. */
export async function existingIds(db: Db, table: string, ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  const rows = await rowsOf<{ id: string }>(db, sql`SELECT id::text AS id FROM ${sql.raw(ident(table))} WHERE id = ANY(${arrayParam(ids, 'uuid')})`);
  return rows.map((r) => r.id);
}

/** A new version of organizations whose directory details changed while their core fields did not. */
export async function bumpOrganizationVersions(tx: Db, ids: string[]): Promise<void> {
  if (ids.length) await tx.execute(sql`UPDATE organizations SET version = version + 1, updated_at = now() WHERE id = ANY(${arrayParam(ids, 'uuid')})`);
}

/** The resources whose changes reach other services' search documents. */
export type ReachingResource = 'organization' | 'location' | 'accessibility' | 'taxonomy_term';
export const REACHING: ReachingResource[] = ['organization', 'location', 'accessibility', 'taxonomy_term'];

/** Services whose search documents change when these rows of a resource change. */
export async function servicesReachedThrough(tx: Db, resource: ReachingResource, ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  const list = arrayParam(ids, 'uuid');
  const statement = {
    organization: sql`SELECT id::text AS id FROM directory_services WHERE organization_id = ANY(${list})`,
    location: sql`SELECT DISTINCT service_id::text AS id FROM directory_service_at_locations WHERE location_id = ANY(${list})`,
    accessibility: sql`SELECT DISTINCT sal.service_id::text AS id FROM directory_accessibility a JOIN directory_service_at_locations sal ON sal.location_id = a.location_id WHERE a.id = ANY(${list})`,
    taxonomy_term: sql`WITH RECURSIVE down AS (SELECT id FROM directory_taxonomy_terms WHERE id = ANY(${list})
        UNION SELECT c.id FROM directory_taxonomy_terms c JOIN down ON c.parent_id = down.id)
      SELECT DISTINCT a.link_id::text AS id FROM directory_attributes a JOIN down ON a.taxonomy_term_id = down.id WHERE a.link_entity = 'service'`,
  }[resource];
  return (await rowsOf<{ id: string }>(tx, statement)).map((r) => r.id);
}

/** Tables whose statistics the search-document rebuild's plan depends on, refreshed after a large load. */
export const ANALYZED_TABLES = [
  'directory_services',
  'directory_attributes',
  'directory_taxonomy_terms',
  'directory_languages',
  'directory_service_at_locations',
  'directory_locations',
  'directory_service_areas',
  'directory_cost_options',
  'directory_accessibility',
  'organizations',
] as const;

/** ANALYZE one table (one short statement each, so the embedded database can answer between them). */
export async function analyzeTable(tx: Db, table: (typeof ANALYZED_TABLES)[number]): Promise<void> {
  await tx.execute(sql.raw(`ANALYZE ${ident(table)}`));
}

/** Rebuilds the search documents of these services. */
export async function refreshSearch(tx: Db, serviceIds: string[]): Promise<void> {
  if (serviceIds.length) await tx.execute(sql`SELECT directory_refresh_search(${arrayParam(serviceIds, 'uuid')})`);
}
