import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { preparedRowsOf, rowsOf, type Db } from '../db/database';
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

/** A substring match: its id, whether the name begins with the text, and the name searches order by. */
export interface SubstringMatch { id: string; prefix: boolean; name: string }

/**
 * Substring matches of the folded text over the folded legal and alternate names (the GIN
 * trigram index), ranked: the name begins with the text, then the text is a whole word of it,
 * then by name. Returns those from `offset` on, at most `limit` of them, and how many match in
 * all. The matches are ranked and counted as narrow rows (id and sort keys); the caller reads
 * only the page's organizations in full (joining parents before the page hashed every
 * organization per search). Prepared once per connection (preparedRowsOf): planning the
 * statement cost as much as running it.
 */
export async function substringMatches(db: Db, f: SearchFilter & { q: string }, limit: number, offset: number): Promise<{ rows: SubstringMatch[]; total: number }> {
  const rows = await preparedRowsOf<SubstringMatch & { total: number }>(db, substringMatchesSql(f, limit, offset));
  const total = rows[0]?.total ?? (offset > 0 ? await countWhere(db, substringCondition(f)) : 0);
  return { rows: rows.map(({ id, prefix, name }) => ({ id, prefix, name })), total };
}

const substringCondition = (f: SearchFilter & { q: string }) => and(sql`${organizations.searchText} LIKE '%' || rt_fold(${f.q.trim()}) || '%'`, ...filtersOf(f));

/** The statement of `substringMatches` (the organizations bench sends it as bare SQL too). */
export function substringMatchesSql(f: SearchFilter & { q: string }, limit: number, offset: number): SQL {
  const q = sql`rt_fold(${f.q.trim()})`;
  return sql`
    WITH m AS MATERIALIZED (
      SELECT ${organizations.id} AS id, ${organizations.searchText} LIKE ${q} || '%' AS prefix,
        (' ' || ${organizations.searchText} || ' ') LIKE '% ' || ${q} || ' %' AS whole, lower(${organizations.legalName}) AS name
      FROM ${organizations} WHERE ${substringCondition(f)}
    )
    SELECT id, prefix, name, count(*) OVER ()::int AS total FROM m ORDER BY prefix DESC, whole DESC, name, id LIMIT ${limit} OFFSET ${offset}`;
}

async function countWhere(db: Db, where: SQL | undefined): Promise<number> {
  return (await db.select({ total: sql<number>`count(*)::int` }).from(organizations).where(where))[0].total;
}

/** A typed word (3 letters or more), its weight, and one name word close to it with how close (none: `word` null). */
export interface CloseWord { w: string; weight: number; word: string | null; closeness: number | null }

/**
 * The words typed, each compared with the distinct words of all names (organization_words,
 * migration 0004, with its trigram index), not with every name: a name word that is the typed
 * word scores 1, one it begins 0.9, one it is inside 0.8, and otherwise pg_trgm's word
 * similarity when that is at least 0.6 (a typo, a plural). Each typed word weighs its length
 * plus one (its number of trigrams, as word similarity over a whole name weighs it). Words of
 * one or two letters are left out ("child an": "an" begins thousands of name words and weighs
 * little). A typed word no name word is close to comes back once with `word` null: it still
 * weighs in the average.
 */
export async function closeWords(db: Db, text: string): Promise<CloseWord[]> {
  return preparedRowsOf<CloseWord>(db, closeWordsSql(text));
}

/** The statement of `closeWords` (the organizations bench sends it as bare SQL too). */
export function closeWordsSql(text: string): SQL {
  return sql`
    WITH typed AS (
      SELECT w, length(w) + 1 AS weight
      FROM (SELECT DISTINCT w FROM regexp_split_to_table(rt_fold(${text.trim()}), '[^[:alnum:]]+') AS w WHERE length(w) >= 3) d
    )
    SELECT typed.w, typed.weight, ow.word,
      (CASE WHEN ow.word = typed.w THEN 1 WHEN ow.word LIKE typed.w || '%' THEN 0.9
        WHEN ow.word LIKE '%' || typed.w || '%' THEN 0.8 ELSE word_similarity(typed.w, ow.word) END)::float8 AS closeness
    FROM typed LEFT JOIN LATERAL (
      SELECT word FROM organization_words WHERE word LIKE '%' || typed.w || '%' OR typed.w <% word
    ) ow ON true
    ORDER BY typed.w, ow.word`;
}

/** What near misses are ranked from, read in one snapshot with the version it belongs to. */
export interface NameWordsSnapshot {
  version: string;
  /** In id order: a position here is how `holders` names an organization. */
  organizations: { id: string; name: string; partner_category: string | null; sector: string | null }[];
  /** Each name word with the positions of the organizations holding it. */
  holders: { word: string; holders: number[] }[];
}

export async function nameWordsSnapshot(db: Db): Promise<NameWordsSnapshot> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ`);
    const version = await organizationsVersion(tx);
    const orgs = await rowsOf<NameWordsSnapshot['organizations'][number]>(tx, sql`SELECT id, lower(legal_name) AS name, partner_category, sector FROM ${organizations} ORDER BY id`);
    // Positions, not ids: 12,700 rows of small integer arrays instead of 60,000 rows of uuids.
    const holders = await rowsOf<NameWordsSnapshot['holders'][number]>(tx, sql`
      SELECT p.word, array_agg(o.i) AS holders
      FROM organization_name_words p
      JOIN (SELECT id, (row_number() OVER (ORDER BY id))::int - 1 AS i FROM ${organizations}) o ON o.id = p.organization_id
      GROUP BY p.word`);
    return { version, organizations: orgs, holders };
  });
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
  const [r] = await preparedRowsOf<{ v: string }>(db, sql`SELECT version::text AS v FROM organizations_version`);
  return r?.v ?? '0';
}

/**
 * After a restore the version row holds the backup's number, which the live table may already
 * have passed with other rows: answers kept under those numbers would come back. It jumps to
 * the clock in milliseconds, or one past itself if that is higher.
 */
export async function moveVersionPastRestore(tx: Db): Promise<void> {
  await tx.execute(sql`UPDATE organizations_version SET version = greatest(version + 1, (extract(epoch FROM clock_timestamp()) * 1000)::bigint) WHERE id`);
}
