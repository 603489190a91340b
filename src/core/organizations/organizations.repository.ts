import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { preparedRowsOf, type Db } from '../db/database';
import { arrayParam } from '../db/params';
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
 * Search over the folded legal and alternate names: substring matches first (the GIN trigram
 * index), then, when they are few, near misses word by word (`nearMatches`). Returns the ids of
 * the matches from `offset` on, at most `limit` of them, in rank order, and how many match in all.
 */
export async function rankedMatches(db: Db, f: SearchFilter & { q: string }, limit: number, offset: number): Promise<{ ids: string[]; total: number }> {
  const filters = filtersOf(f);
  const q = sql`rt_fold(${f.q.trim()})`;
  const exactCond = and(sql`${organizations.searchText} LIKE '%' || ${q} || '%'`, ...filters);
  // The matches are ranked and counted as narrow rows (id and sort keys); the caller reads only
  // the page's organizations in full (joining parents before the page hashed every organization
  // per search). Near misses (typos, plurals, words apart or in another order) are looked for
  // only when the substring matches are fewer than NEAR_MISS_BELOW: someone who types a word
  // many names contain is not looking for a typo of it (docs/organizations.md).
  // Prepared once per connection (preparedRowsOf): planning the statements cost as much as running them.
  const exact = await preparedRowsOf<{ id: string; total: number }>(db, sql`
    WITH m AS MATERIALIZED (
      SELECT ${organizations.id} AS id, ${organizations.searchText} LIKE ${q} || '%' AS prefix,
        (' ' || ${organizations.searchText} || ' ') LIKE '% ' || ${q} || ' %' AS whole, lower(${organizations.legalName}) AS name
      FROM ${organizations} WHERE ${exactCond}
    )
    SELECT id, count(*) OVER ()::int AS total FROM m ORDER BY prefix DESC, whole DESC, name, id LIMIT ${limit} OFFSET ${offset}`);
  const exactTotal = exact[0]?.total ?? (offset > 0 ? await countWhere(db, exactCond) : 0);
  if (exactTotal >= NEAR_MISS_BELOW) return { ids: exact.map((r) => r.id), total: exactTotal };
  // From the first match, with room for them all, the page holds every substring match: the near
  // misses are ranked with those ids instead of matching the text again.
  const allExact = offset === 0 && exact.length === exactTotal ? exact.map((r) => r.id) : undefined;
  return nearMatches(db, q, filters, limit, offset, allExact);
}

async function countWhere(db: Db, where: SQL | undefined): Promise<number> {
  return (await db.select({ total: sql<number>`count(*)::int` }).from(organizations).where(where))[0].total;
}

/**
 * Substring matches and near misses ranked together. Each word typed is compared with the
 * distinct words of all names (organization_words, migration 0004), not with every name:
 * a name word that is the typed word scores 1, one it begins 0.9, one it is inside 0.8, and
 * otherwise pg_trgm's word similarity when it is at least 0.6 (a typo, a plural). An
 * organization scores the average over the typed words of its best name word for each,
 * weighted by the word's length (longer words count more, as in word similarity over the
 * whole name), and is a near miss at 0.6 or more: "immigrant women" finds names with
 * "immigrant" alone, "quorlbey neighborhood" finds "Neighbourhood Services of Quorlby".
 * Words of one or two letters are left out ("child an": "an" begins thousands of name words
 * and weighs little). A substring match of the whole text scores 1. Ranked: the name begins
 * with the text, then score, then name.
 *
 * The lateral subquery with OFFSET 0 keeps the plan to index look-ups by word: the planner
 * cannot see how few words the typed ones meet and otherwise reads the whole table.
 */
async function nearMatches(db: Db, q: SQL, filters: SQL[], limit: number, offset: number, exactIds?: string[]): Promise<{ ids: string[]; total: number }> {
  const cond = filters.length ? and(...filters) : undefined;
  const substringMatch = exactIds
    ? sql`${organizations.id} = ANY(${arrayParam(exactIds, 'uuid')})`
    : and(sql`${organizations.searchText} LIKE '%' || ${q} || '%'`, cond);
  // With a filter, each near miss is checked against its organization; without, its name is
  // read from the words table and no organization is read.
  const nearFilter = cond ? sql`AND EXISTS (SELECT 1 FROM ${organizations} WHERE ${organizations.id} = scored.id AND ${cond})` : sql``;
  const statement = (page: SQL) => sql`
    WITH typed AS (
      SELECT w, length(w) + 1 AS weight
      FROM (SELECT DISTINCT w FROM regexp_split_to_table(${q}, '[^[:alnum:]]+') AS w WHERE length(w) >= 3) d
    ),
    close_words AS MATERIALIZED (
      SELECT typed.w, ow.word,
        CASE WHEN ow.word = typed.w THEN 1 WHEN ow.word LIKE typed.w || '%' THEN 0.9
          WHEN ow.word LIKE '%' || typed.w || '%' THEN 0.8 ELSE word_similarity(typed.w, ow.word) END AS closeness
      FROM typed CROSS JOIN LATERAL (
        SELECT word FROM organization_words
        WHERE word LIKE '%' || typed.w || '%' OR typed.w <% word
      ) ow
    ),
    best AS (
      SELECT n.organization_id AS id, n.name, close_words.w, max(close_words.closeness) AS closeness
      FROM close_words CROSS JOIN LATERAL (
        SELECT organization_id, name FROM organization_name_words WHERE organization_name_words.word = close_words.word OFFSET 0
      ) n
      GROUP BY 1, 2, 3
    ),
    scored AS (
      SELECT best.id, best.name, sum(best.closeness * typed.weight) / (SELECT sum(weight) FROM typed) AS score
      FROM best JOIN typed ON typed.w = best.w GROUP BY best.id, best.name
    ),
    m AS MATERIALIZED (
      SELECT id, bool_or(prefix) AS prefix, max(score) AS score, name FROM (
        SELECT id, false AS prefix, score, name FROM scored WHERE score >= 0.6 ${nearFilter}
        UNION ALL
        SELECT ${organizations.id}, ${organizations.searchText} LIKE ${q} || '%', 1, lower(${organizations.legalName})
        FROM ${organizations} WHERE ${substringMatch}
      ) u GROUP BY id, name
    )
    ${page}`;
  const ranked = await preparedRowsOf<{ id: string; total: number }>(db, statement(sql`SELECT id, count(*) OVER ()::int AS total FROM m ORDER BY prefix DESC, score DESC, name, id LIMIT ${limit} OFFSET ${offset}`));
  let total = ranked[0]?.total;
  if (total === undefined) total = offset > 0 ? (await preparedRowsOf<{ total: number }>(db, statement(sql`SELECT count(*)::int AS total FROM m`)))[0].total : 0;
  return { ids: ranked.map((r) => r.id), total };
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
