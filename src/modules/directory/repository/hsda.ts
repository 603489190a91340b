/**
 * The SQL of the HSDA read API (/hsds): which ids a listing pages over and how many there
 * are. The HSDS documents themselves are built in repository/hsds.ts.
 */
import { sql, type SQL } from 'drizzle-orm';
import { arrayParam } from '../../../core/db/params';
import { rowsOf, type Db } from '../../../core/db/database';
import { searchServices, type ServiceSearch } from './search';

/** The registry holds every organization on the platform; the public API lists only those that publish services. */
const publishes = sql`EXISTS (SELECT 1 FROM directory_services ps WHERE ps.organization_id = o.id)`;

const withinRadius = (near: { latitude: number; longitude: number; radiusKm: number }, lat: SQL, lon: SQL) => {
  const point = sql`ll_to_earth(${near.latitude}, ${near.longitude})`;
  const radius = near.radiusKm * 1000;
  return sql`${lat} IS NOT NULL AND ${lon} IS NOT NULL
    AND earth_box(${point}, ${radius}) @> ll_to_earth(${lat}, ${lon}) AND earth_distance(${point}, ll_to_earth(${lat}, ${lon})) <= ${radius}`;
};

/**
 * The finder's search caps its count for speed; HSDA paging needs the exact number, so a
 * capped count is taken again here (by the same filters; with words, through the search).
 */
export async function exactServiceTotal(db: Db, f: ServiceSearch): Promise<number> {
  if (f.q) return (await searchServices(db, { ...f, limit: 1_000_000, offset: 0 })).hits.length;
  const where = [sql`true`];
  if (f.termIds?.length) where.push(sql`ss.term_ids && ${arrayParam(f.termIds, 'uuid')}`);
  if (f.taxonomyId) where.push(sql`EXISTS (SELECT 1 FROM directory_taxonomy_terms t WHERE t.id = ANY(ss.term_ids) AND t.taxonomy_id = ${f.taxonomyId})`);
  if (f.organizationId) where.push(sql`s.organization_id = ${f.organizationId}`);
  if (f.modifiedAfter) where.push(sql`s.updated_at >= ${f.modifiedAfter}`);
  if (f.near) {
    where.push(sql`EXISTS (SELECT 1 FROM directory_service_at_locations sal JOIN directory_locations l ON l.id = sal.location_id
      WHERE sal.service_id = s.id AND ${withinRadius(f.near, sql`l.latitude`, sql`l.longitude`)})`);
  }
  const [r] = await rowsOf<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM directory_services s JOIN directory_service_search ss ON ss.service_id = s.id WHERE ${sql.join(where, sql` AND `)}`);
  return r.n;
}

/** Services' ids with their last modification, in the order of `ids` (HSDA's minimal listing). */
export async function serviceModifications(db: Db, ids: string[]): Promise<{ id: string; last_modified: string }[]> {
  if (ids.length === 0) return [];
  const list = await rowsOf<{ id: string; last_modified: string }>(db, sql`SELECT id, updated_at AS last_modified FROM directory_services WHERE id = ANY(${arrayParam(ids, 'uuid')})`);
  const byId = new Map(list.map((r) => [r.id, r]));
  return ids.filter((id) => byId.has(id)).map((id) => ({ id, last_modified: new Date(byId.get(id)!.last_modified).toISOString() }));
}

/** A page of organizations that publish services, by name, and how many there are. */
export async function publishingOrganizations(db: Db, search: string | undefined, offset: number, limit: number): Promise<{ ids: string[]; total: number }> {
  const where = search ? sql`AND o.search_text LIKE '%' || rt_fold(${search}) || '%'` : sql``;
  const found = await rowsOf<{ id: string }>(db, sql`SELECT o.id FROM organizations o WHERE ${publishes} ${where} ORDER BY lower(o.legal_name), o.id LIMIT ${limit} OFFSET ${offset}`);
  const [{ n }] = await rowsOf<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM organizations o WHERE ${publishes} ${where}`);
  return { ids: found.map((r) => r.id), total: n };
}

/** Whether the organization publishes services (otherwise the HSDA does not show it). */
export async function organizationPublishes(db: Db, id: string): Promise<boolean> {
  const [visible] = await rowsOf<{ id: string }>(db, sql`SELECT o.id FROM organizations o WHERE o.id = ${id} AND ${publishes}`);
  return !!visible;
}

export interface ServiceAtLocationFilter {
  /** Only these services (already searched by the service filters). */
  serviceIds?: string[];
  modifiedAfter?: Date;
  near?: { latitude: number; longitude: number; radiusKm: number };
}

/** A page of service-at-location ids by id, and how many match. */
export async function serviceAtLocationPage(db: Db, f: ServiceAtLocationFilter, offset: number, limit: number): Promise<{ ids: string[]; total: number }> {
  const conds = [sql`true`];
  if (f.serviceIds) conds.push(sql`x.service_id = ANY(${arrayParam(f.serviceIds, 'uuid')})`);
  if (f.modifiedAfter) conds.push(sql`EXISTS (SELECT 1 FROM directory_services ms WHERE ms.id = x.service_id AND ms.updated_at >= ${f.modifiedAfter})`);
  if (f.near) conds.push(sql`EXISTS (SELECT 1 FROM directory_locations l WHERE l.id = x.location_id AND ${withinRadius(f.near, sql`l.latitude`, sql`l.longitude`)})`);
  const where = sql.join(conds, sql` AND `);
  const found = await rowsOf<{ id: string }>(db, sql`SELECT x.id FROM directory_service_at_locations x WHERE ${where} ORDER BY x.id LIMIT ${limit} OFFSET ${offset}`);
  const [{ n }] = await rowsOf<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM directory_service_at_locations x WHERE ${where}`);
  return { ids: found.map((r) => r.id), total: n };
}

/** A page of taxonomies (HSDS rows, nulls left out) by name, and how many match. */
export async function taxonomyPage(db: Db, search: string | undefined, offset: number, limit: number): Promise<{ contents: Record<string, unknown>[]; total: number }> {
  const where = search ? sql`WHERE rt_fold(t.name) LIKE '%' || rt_fold(${search}) || '%'` : sql``;
  const found = await rowsOf<Record<string, unknown>>(db, sql`SELECT t.* FROM directory_taxonomies t ${where} ORDER BY t.name, t.id LIMIT ${limit} OFFSET ${offset}`);
  const [{ n }] = await rowsOf<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM directory_taxonomies t ${where}`);
  return { contents: found.map(withoutNulls), total: n };
}

/** One taxonomy as HSDS (nulls left out). */
export async function taxonomyById(db: Db, id: string): Promise<Record<string, unknown> | undefined> {
  const [t] = await rowsOf<Record<string, unknown>>(db, sql`SELECT * FROM directory_taxonomies WHERE id = ${id}`);
  return t ? withoutNulls(t) : undefined;
}

export interface TermFilter {
  search?: string;
  taxonomyId?: string;
  parentId?: string;
  topOnly?: boolean;
}

/** A page of taxonomy term ids by code and name, and how many match. */
export async function taxonomyTermPage(db: Db, f: TermFilter, offset: number, limit: number): Promise<{ ids: string[]; total: number }> {
  const conds = [sql`true`];
  if (f.search) conds.push(sql`rt_fold(t.name || ' ' || coalesce(t.translations #>> '{fr,name}', '')) LIKE '%' || rt_fold(${f.search}) || '%'`);
  if (f.taxonomyId) conds.push(sql`t.taxonomy_id = ${f.taxonomyId}`);
  if (f.parentId) conds.push(sql`t.parent_id = ${f.parentId}`);
  if (f.topOnly) conds.push(sql`t.parent_id IS NULL`);
  const where = sql.join(conds, sql` AND `);
  const found = await rowsOf<{ id: string }>(db, sql`SELECT t.id FROM directory_taxonomy_terms t WHERE ${where} ORDER BY t.code NULLS LAST, t.name, t.id LIMIT ${limit} OFFSET ${offset}`);
  const [{ n }] = await rowsOf<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM directory_taxonomy_terms t WHERE ${where}`);
  return { ids: found.map((r) => r.id), total: n };
}

const withoutNulls = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null));
