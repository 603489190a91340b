import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db/database';
import { organizations, type OrganizationRow } from './organizations.tables';

const parent = alias(organizations, 'parent');

export type OrganizationWithParent = OrganizationRow & { parentName: string | null };

const columns = { org: organizations, parentName: parent.legalName };

/** Near misses are searched for only when fewer substring matches than this are found. */
export const NEAR_MISS_BELOW = 50;

function flatten(r: { org: OrganizationRow; parentName: string | null }): OrganizationWithParent {
  return { ...r.org, parentName: r.parentName };
}

export async function findById(db: Db, id: string): Promise<OrganizationWithParent | undefined> {
  const [row] = await db.select(columns).from(organizations).leftJoin(parent, eq(parent.id, organizations.parentId)).where(eq(organizations.id, id));
  return row && flatten(row);
}

export async function exists(db: Db, id: string): Promise<boolean> {
  const [row] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, id));
  return !!row;
}

export interface SearchFilter {
  q?: string;
  partnerCategory?: string;
  sector?: string;
}

export interface ListFilter extends SearchFilter {
  limit: number;
  offset: number;
}

function filtersOf(f: SearchFilter): SQL[] {
  const filters: SQL[] = [];
  if (f.partnerCategory) filters.push(eq(organizations.partnerCategory, f.partnerCategory));
  if (f.sector) filters.push(eq(organizations.sector, f.sector));
  return filters;
}

/** One page of organizations in name order, with the total (no words to search for). */
export async function browse(db: Db, f: ListFilter): Promise<{ rows: OrganizationWithParent[]; total: number }> {
  const filters = filtersOf(f);
  const cond = filters.length ? and(...filters) : undefined;
  // The name index serves the page directly; a window count would sort every row.
  const [rows, [{ total }]] = await Promise.all([
    db
      .select(columns)
      .from(organizations)
      .leftJoin(parent, eq(parent.id, organizations.parentId))
      .where(cond)
      .orderBy(asc(sql`lower(${organizations.legalName})`), asc(organizations.id))
      .limit(f.limit)
      .offset(f.offset),
    db.select({ total: sql<number>`count(*)::int` }).from(organizations).where(cond),
  ]);
  return { rows: rows.map(flatten), total };
}

/**
 * Trigram search over the folded legal and alternate names: substring matches first, then
 * near-misses (typos) by word similarity. Both use the GIN trigram index. Returns the ids of
 * the matches from `offset` on, at most `limit` of them, in rank order, and how many match in all.
 */
export async function rankedMatches(db: Db, f: SearchFilter & { q: string }, limit: number, offset: number): Promise<{ ids: string[]; total: number }> {
  const filters = filtersOf(f);
  const q = sql`rt_fold(${f.q.trim()})`;
  const substring = sql`${organizations.searchText} LIKE '%' || ${q} || '%'`;
  const cond = and(sql`(${substring} OR ${q} <% ${organizations.searchText})`, ...filters);
  const exactCond = and(substring, ...filters);
  const count = async (where: SQL | undefined) => (await db.select({ total: sql<number>`count(*)::int` }).from(organizations).where(where))[0].total;
  // The matches are ranked and counted as narrow rows (id and sort keys); the caller reads only
  // the page's organizations in full (joining parents before the page hashed every organization
  // per search). Substring matches come first. Near misses (typos, plurals) are looked for only
  // when the substring matches are fewer than NEAR_MISS_BELOW: word similarity is computed on
  // every candidate row and was most of a search's time, for rows that ranked after all the
  // substring matches anyway (docs/organizations.md).
  const exact = (await db.execute(sql`
    WITH m AS MATERIALIZED (
      SELECT ${organizations.id} AS id, ${organizations.searchText} LIKE ${q} || '%' AS prefix,
        (' ' || ${organizations.searchText} || ' ') LIKE '% ' || ${q} || ' %' AS whole, lower(${organizations.legalName}) AS name
      FROM ${organizations} WHERE ${exactCond}
    )
    SELECT id, count(*) OVER ()::int AS total FROM m ORDER BY prefix DESC, whole DESC, name, id LIMIT ${limit} OFFSET ${offset}`)) as unknown as { rows: { id: string; total: number }[] };
  const exactTotal = exact.rows[0]?.total ?? (offset > 0 ? await count(exactCond) : 0);
  if (exactTotal >= NEAR_MISS_BELOW) return { ids: exact.rows.map((r) => r.id), total: exactTotal };
  const ranked = (await db.execute(sql`
    WITH m AS MATERIALIZED (
      SELECT ${organizations.id} AS id, ${organizations.searchText} LIKE ${q} || '%' AS prefix,
        word_similarity(${q}, ${organizations.searchText}) AS sim, lower(${organizations.legalName}) AS name
      FROM ${organizations} WHERE ${cond}
    )
    SELECT id, count(*) OVER ()::int AS total FROM m ORDER BY prefix DESC, sim DESC, name, id LIMIT ${limit} OFFSET ${offset}`)) as unknown as { rows: { id: string; total: number }[] };
  const total = ranked.rows[0]?.total ?? (offset > 0 ? await count(cond) : 0);
  return { ids: ranked.rows.map((r) => r.id), total };
}

/** The organizations with these ids, each with its parent's name, in no particular order. */
export async function withParents(db: Db, ids: string[]): Promise<OrganizationWithParent[]> {
  if (ids.length === 0) return [];
  const found = await db.select(columns).from(organizations).leftJoin(parent, eq(parent.id, organizations.parentId)).where(inArray(organizations.id, ids));
  return found.map(flatten);
}

export async function insert(db: Db, values: typeof organizations.$inferInsert): Promise<OrganizationRow> {
  const [row] = await db.insert(organizations).values(values).returning();
  return row;
}

/** Updates only when the stored version still matches; returns undefined on a stale version. */
export async function updateIfVersion(db: Db, id: string, version: number, values: Partial<typeof organizations.$inferInsert>): Promise<OrganizationRow | undefined> {
  const [row] = await db
    .update(organizations)
    .set({ ...values, version: sql`${organizations.version} + 1`, updatedAt: new Date() })
    .where(and(eq(organizations.id, id), eq(organizations.version, version)))
    .returning();
  return row;
}

/** True when making `parentId` the parent of `id` would create a cycle. */
export async function wouldCycle(db: Db, id: string, parentId: string): Promise<boolean> {
  const rows = await db.execute<{ found: boolean }>(sql`
    WITH RECURSIVE up(id, parent_id) AS (
      SELECT id, parent_id FROM organizations WHERE id = ${parentId}
      UNION
      SELECT o.id, o.parent_id FROM organizations o JOIN up ON o.id = up.parent_id
    )
    SELECT EXISTS (SELECT 1 FROM up WHERE id = ${id}) AS found`);
  return !!(rows as unknown as { rows: { found: boolean }[] }).rows[0]?.found;
}

/** The organizations' version (migration 0003): moved on by every committed write to the table. */
export async function organizationsVersion(db: Db): Promise<string> {
  const r = (await db.execute(sql`SELECT version::text AS v FROM organizations_version`)) as unknown as { rows: { v: string }[] };
  return r.rows[0]?.v ?? '0';
}

/**
 * After a restore the version row holds the backup's number, which the live table may already
 * have passed with other rows: answers kept under those numbers would come back. It jumps to
 * the clock in milliseconds, or one past itself if that is higher.
 */
export async function moveVersionPastRestore(tx: Db): Promise<void> {
  await tx.execute(sql`UPDATE organizations_version SET version = greatest(version + 1, (extract(epoch FROM clock_timestamp()) * 1000)::bigint) WHERE id`);
}
