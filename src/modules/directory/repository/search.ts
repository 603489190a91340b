import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../core/db/database';
import { arrayParam } from '../../../core/db/params';

export interface ServiceSearch {
  /** Plain words in English or French; misspellings are corrected against the directory's own words. */
  q?: string;
  termIds?: string[];
  taxonomyId?: string;
  organizationId?: string;
  modifiedAfter?: Date;
  /** Services at a location in, or with a service area covering, this place or an area containing it. */
  geographyIds?: string[];
  near?: { latitude: number; longitude: number; radiusKm: number };
  languageCode?: string;
  age?: number;
  /** Open at this moment, by weekly schedules in Toronto time. */
  openAt?: Date;
  free?: boolean;
  wheelchair?: boolean;
  activeOnly?: boolean;
  /** Every match must be counted exactly (HSDA pages give total_items), even past the finder's cap. */
  exactTotal?: boolean;
  limit: number;
  offset: number;
}

export interface ServiceHit {
  id: string;
  score: number;
  distanceKm: number | null;
}

const STOP = new Set(['de', 'du', 'des', 'la', 'le', 'les', 'et', 'en', 'the', 'and', 'for', 'of', 'to', 'in', 'pour', 'aux', 'un', 'une']);

/** Folded words of the query, stop words dropped. */
function queryWords(q: string): string[] {
  return q
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 2 && !STOP.has(w))
    .slice(0, 12);
}

interface PreparedQuery {
  /** The corrected words, in the order typed. */
  words: string[];
  /** Lexemes of the corrected words under the English and the French configuration. */
  en: string[];
  fr: string[];
}

/**
 * Spelling correction and stemming in one round trip: each word is replaced by the closest
 * directory word when it is not one, and the corrected text is stemmed by both configurations.
 * The finder then sends the tsqueries as constants, so the planner sees them (a tsquery built
 * by an expression in the search statement is unknown to it until run time).
 */
async function prepareQuery(db: Db, q: string, settings: SQL = sql`NULL`): Promise<PreparedQuery> {
  const words = queryWords(q);
  if (words.length === 0) return { words: [], en: [], fr: [] };
  const result = (await db.execute(sql`
    WITH q AS (
      SELECT q.n, coalesce(
        (SELECT w.word FROM directory_search_words w WHERE w.word = q.word),
        (SELECT w.word FROM directory_search_words w
          WHERE w.word >= left(q.word, 1) AND w.word < chr(ascii(left(q.word, 1)) + 1) AND similarity(w.word, q.word) >= 0.3
          ORDER BY similarity(w.word, q.word) DESC, w.word LIMIT 1),
        q.word) AS corrected
      FROM unnest(${arrayParam(words, 'text')}) WITH ORDINALITY AS q(word, n)
    ), t AS (SELECT array_agg(corrected ORDER BY n) AS words, string_agg(corrected, ' ' ORDER BY n) AS text FROM q)
    SELECT t.words, tsvector_to_array(to_tsvector('rt_english', t.text)) AS en, tsvector_to_array(to_tsvector('rt_french', t.text)) AS fr, ${settings} AS settings FROM t`)) as unknown as {
    rows: { words: string[]; en: string[]; fr: string[] }[];
  };
  const row = result.rows[0];
  return { words: row.words, en: row.en, fr: row.fr };
}

/** Folded words of the query, each replaced by the closest directory word when it is not one. */
export async function correctedWords(db: Db, q: string): Promise<string[]> {
  return (await prepareQuery(db, q)).words;
}

/** How many of the query's words a service must match: all, all but one, or any. */
type Mode = 'all' | 'most' | 'any';

/**
 * A tsquery in PostgreSQL's text form: quoted lexemes, each optionally limited to a weight,
 * all of them (&), any (|), or all but one (every way of leaving one out, joined by |).
 */
function tsquery(lexemes: string[], mode: Mode, weight = ''): string {
  const quoted = lexemes.map((l) => `'${l.replace(/'/g, "''")}'${weight}`);
  if (mode === 'all') return quoted.join(' & ');
  if (mode === 'any' || quoted.length <= 2) return quoted.join(' | ');
  return quoted.map((_, skip) => `(${quoted.filter((__, i) => i !== skip).join(' & ')})`).join(' | ');
}

/**
 * The service finder's query. Text matches English and French full-text documents (name
 * weighted over taxonomy terms over description) with all words first, then all but one, then
 * any word, and substring matches on the folded names and terms (not descriptions: migration
 * 0090). Filters run against the denormalised search table so each is an index lookup.
 */
export async function searchServices(db: Db, f: ServiceSearch): Promise<{ hits: ServiceHit[]; total: number; totalCapped: boolean; exactTotal: number | null; corrected?: string }> {
  const hasWords = !!f.q && queryWords(f.q).length > 0;
  let prepared: PreparedQuery = { words: [], en: [], fr: [] };
  const result = await db.transaction(async (tx) => {
    // The settings ride on the words' statement when there is one: one round trip fewer.
    if (hasWords) prepared = await prepareQuery(tx as unknown as Db, f.q!, plannerSettings(true));
    else await tx.execute(sql`SELECT ${plannerSettings(false)}`);
    const run = (mode: Mode) => runSearch(tx as unknown as Db, f, prepared, mode);
    const all = await run('all');
    if (prepared.words.length < 2 || all.total > 0) return all;
    // Nothing has every word: first the services missing only one of three or more words, then
    // any word. "Any" over common words ("seniors community aide juridique") matches tens of
    // thousands of services, every one ranked (100+ ms at 60,000); the ones missing a single
    // word are what "any" would have ranked first, and are found for a fraction of that.
    if (Math.max(prepared.en.length, prepared.fr.length) >= 3) {
      const most = await run('most');
      if (most.total > 0) return most;
    }
    return run('any');
  });
  const corrected = prepared.words.join(' ');
  const folded = f.q ? f.q.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim() : '';
  return { ...result, corrected: prepared.words.length && corrected !== folded ? corrected : undefined };
}

/**
 * Planner settings for the finder's statements, local to their transaction (see "Speed" in
 * docs/directory.md). Many people search at once on few cores, so a search runs on one core
 * rather than starting parallel workers, and without JIT compilation: a search near a place with
 * words is costed above jit_above_cost, and compiling its expressions took 20 ms of a 150 ms
 * statement (EXPLAIN at 60,000 services) for a plan that runs once. With words, every match
 * comes from the full-text and trigram indexes: the planner underrates what a sequential
 * scan's per-row text matching costs (four times slower for a word in a sixth of the
 * services), so it is told not to use one.
 */
function plannerSettings(hasText: boolean): SQL {
  return sql`(set_config('max_parallel_workers_per_gather', '0', true) || set_config('jit', 'off', true) || set_config('enable_seqscan', ${hasText ? 'off' : 'on'}, true))`;
}

async function runSearch(db: Db, f: ServiceSearch, p: PreparedQuery, mode: Mode) {
  const where: SQL[] = [];
  const hasText = p.words.length > 0;
  let rank: SQL = sql`0`;
  let inName: SQL = sql`false`;
  let similarity: SQL = sql`0`;
  let words: SQL = sql`false`;
  let substring: SQL = sql`false`;
  if (hasText) {
    // The lexemes are already stemmed: they go in as tsquery constants, not stemmed again.
    const qe = sql`${tsquery(p.en, mode)}::tsquery`;
    const qf = sql`${tsquery(p.fr, mode)}::tsquery`;
    const qt = p.words.join(' ');
    words = sql`(ss.tsv_en @@ ${qe} OR ss.tsv_fr @@ ${qf})`;
    substring = sql`ss.folded_names LIKE ${'%' + qt.replace(/[\\%_]/g, '\\$&') + '%'}`;
    rank = sql`ts_rank(ss.tsv_en, ${qe}) + ts_rank(ss.tsv_fr, ${qf})`;
    // A match in the service's own name (either language: weight A of each document) outweighs
    // matches in terms and descriptions.
    inName = sql`(ss.tsv_en @@ ${`${tsquery(p.en, mode, ':A')}`}::tsquery OR ss.tsv_fr @@ ${`${tsquery(p.fr, mode, ':A')}`}::tsquery)`;
    similarity = sql`word_similarity(${qt}, rt_fold(s.name || ' ' || coalesce(s.translations #>> '{fr,name}', '')))`;
  }
  // Few services are inactive: excluding them by a hashed list spares the matches a join to the
  // services table (0030 indexes the list).
  if (f.activeOnly) where.push(sql`ss.service_id NOT IN (SELECT id FROM directory_services WHERE status <> 'active')`);
  if (f.termIds?.length) where.push(sql`ss.term_ids && ${arrayParam(f.termIds, 'uuid')}`);
  if (f.taxonomyId) where.push(sql`EXISTS (SELECT 1 FROM directory_taxonomy_terms t WHERE t.id = ANY(ss.term_ids) AND t.taxonomy_id = ${f.taxonomyId})`);
  if (f.organizationId) where.push(sql`s.organization_id = ${f.organizationId}`);
  if (f.modifiedAfter) where.push(sql`s.updated_at >= ${f.modifiedAfter}`);
  if (f.geographyIds?.length) where.push(sql`ss.geography_ids && ${arrayParam(f.geographyIds, 'uuid')}`);
  if (f.languageCode) where.push(sql`ss.language_codes @> ARRAY[${f.languageCode.toLowerCase()}]::text[]`);
  if (f.age !== undefined) where.push(sql`(ss.minimum_age IS NULL OR ss.minimum_age <= ${f.age}) AND (ss.maximum_age IS NULL OR ss.maximum_age >= ${f.age})`);
  if (f.free) where.push(sql`ss.is_free`);
  if (f.wheelchair) where.push(sql`ss.wheelchair`);
  if (f.openAt) {
    where.push(sql`EXISTS (
      SELECT 1 FROM directory_schedules sc
      LEFT JOIN directory_service_at_locations sal ON sal.id = sc.service_at_location_id
      WHERE (sc.service_id = ss.service_id OR sal.service_id = ss.service_id OR sc.location_id IN (SELECT location_id FROM directory_service_at_locations WHERE service_id = ss.service_id))
        AND sc.freq = 'WEEKLY' AND sc.opens_at IS NOT NULL AND sc.closes_at IS NOT NULL
        AND (sc.valid_from IS NULL OR sc.valid_from <= (${f.openAt}::timestamptz AT TIME ZONE 'America/Toronto')::date)
        AND (sc.valid_to IS NULL OR sc.valid_to >= (${f.openAt}::timestamptz AT TIME ZONE 'America/Toronto')::date)
        AND upper(coalesce(sc.byday, '')) LIKE '%' || (ARRAY['SU','MO','TU','WE','TH','FR','SA'])[extract(dow FROM ${f.openAt}::timestamptz AT TIME ZONE 'America/Toronto')::int + 1] || '%'
        AND (${f.openAt}::timestamptz AT TIME ZONE 'America/Toronto')::time >= sc.opens_at
        AND (${f.openAt}::timestamptz AT TIME ZONE 'America/Toronto')::time < sc.closes_at)`);
  }
  // Proximity starts from the locations in a latitude/longitude box around the point (a btree
  // range the planner can estimate from its histograms: the GiST earth_box estimate is a fixed
  // guess, 100-250 times too low here, which led it to nested loops over every service), keeps
  // those within the radius by great-circle distance, and each service's nearest one.
  // The distance is earthdistance's (same earth radius) in plain arithmetic, without building cubes.
  let nearJoin: SQL = sql``;
  let nearOnRow: SQL = sql``;
  let crowded: SQL = sql``;
  let distance: SQL = sql`NULL::float8`;
  if (f.near) {
    const { latitude: lat, longitude: lon, radiusKm } = f.near;
    const radius = radiusKm * 1000;
    const dLat = (radius / EARTH_RADIUS_M) * (180 / Math.PI) * 1.001;
    const dLon = dLat / Math.max(0.01, Math.cos((Math.min(89, Math.abs(lat)) * Math.PI) / 180));
    const metres = sql`2 * ${EARTH_RADIUS_M}::float8 * asin(least(1, sqrt(
        power(sin(radians(l.latitude - ${lat}::float8) / 2), 2)
        + cos(radians(${lat}::float8)) * cos(radians(l.latitude)) * power(sin(radians(l.longitude - ${lon}::float8) / 2), 2))))`;
    // Locations `l` in the box around the radius (every way of finding them below uses the same one).
    const inBox = sql`l.latitude BETWEEN ${lat - dLat}::float8 AND ${lat + dLat}::float8 AND l.longitude BETWEEN ${lon - dLon}::float8 AND ${lon + dLon}::float8`;
    nearJoin = sql`(
      SELECT sal.service_id, min(l.metres) / 1000 AS distance_km
      FROM (
        SELECT l.id, ${metres} AS metres
        FROM directory_locations l
        WHERE ${inBox}
        OFFSET 0 -- a fence: each location's distance is computed once
      ) l JOIN directory_service_at_locations sal ON sal.location_id = l.id
      WHERE l.metres <= ${radius}::float8
      GROUP BY sal.service_id
    ) near`;
    distance = sql`near.distance_km`;
    // The same distance from the points on a service's own search row (migration 0110), for
    // starting from the services with the words (below): the same box, formula and radius, so
    // the same services at the same distances either way.
    nearOnRow = sql`CROSS JOIN LATERAL (
      SELECT min(l.metres) / 1000 AS distance_km
      FROM (
        SELECT ${metres} AS metres
        FROM unnest(ss.latitudes, ss.longitudes) AS l(latitude, longitude)
        WHERE ${inBox}
      ) l
      WHERE l.metres <= ${radius}::float8
    ) near`;
    crowded = sql`crowded AS (
      SELECT count(*) > ${CROWDED_LOCATIONS} AS yes FROM (
        SELECT 1 FROM directory_locations l
        WHERE ${inBox}
        LIMIT ${CROWDED_LOCATIONS + 1}
      ) x
    )`;
  }
  const filters = where.length ? sql.join(where, sql` AND `) : sql`true`;
  const cond = hasText ? sql`(${words} OR ${substring}) AND ${filters}` : filters;
  const byName = !hasText && !f.near;
  // Only these filters (and the name order) read the services table itself.
  const needsService = byName || !!f.organizationId || !!f.modifiedAfter;
  const services = needsService ? sql`JOIN directory_services s ON s.id = ss.service_id` : sql``;
  // Near a place, the services in the radius lead and each looks up its search row (their count
  // is hard to estimate: a town's services cluster where the statistics cannot see it).
  const from = f.near
    ? sql`${nearJoin} JOIN LATERAL (SELECT * FROM directory_service_search x WHERE x.service_id = near.service_id OFFSET 0) ss ON true ${services}`
    : sql`directory_service_search ss ${services}`;
  // Every match is ranked once (full-text rank, or distance, or name) and counted by a window
  // over the same narrow rows; only the best candidates get the name bonus and similarity,
  // which can lift a better name match into the page. The matches are materialised so the
  // planner plans the filter on its own (index scans) rather than for the LIMIT.
  const window = f.offset + f.limit + CANDIDATES;
  const candidateOrder = hasText ? sql`rank DESC, id` : f.near ? sql`distance_km ASC, id` : sql`name, id`;
  const finalOrder = hasText ? sql`score DESC, distance_km ASC NULLS LAST, name, id` : f.near ? sql`distance_km ASC, name, id` : sql`name, id`;
  const columns = sql`ss.service_id AS id, ${byName ? sql`s.name` : sql`NULL::text`} AS name, (${rank})::float4 AS rank, ${distance} AS distance_km`;
  // Every word, or any word, and no place: the full-text matches first. When they alone fill
  // the candidates and pass the count cap, the substring matches cannot change the page: a
  // service matching only the substring lacks a word (every word asked) or all of them (any
  // word asked), so its rank (ts_rank of an AND query with a word missing: 1e-20; of an OR query
  // with none present: 0) is below every full-text match's, and the total shows "1,000+"
  // either way. So the trigram index, the dearest part of a common word's search (15 of 35 ms
  // for "counselling" at 60,000 services), is not read (a one-time filter on the count). Not
  // for all words but one: there a service with one word only ranks above 0. Only the exact
  // total is then unknown, so a caller that needs it (the HSDA API) searches as before. Nor
  // with filters: they leave fewer full-text matches than that, and reading the two indexes
  // apart visited the matches found by both twice (never-asked filtered searches, one at a
  // time: 10.8 ms became 13.1 ms where the shortcut could not apply).
  const filtered = !!(f.termIds?.length || f.taxonomyId || f.organizationId || f.modifiedAfter || f.geographyIds?.length || f.languageCode || f.age !== undefined || f.free || f.wheelchair || f.openAt);
  const wordsFirst = hasText && mode !== 'most' && !f.near && !f.exactTotal && !filtered;
  const enough = Math.max(window, TOTAL_CAP + 1);
  // Near a place with words, where the box around it holds many locations: the services with
  // the words first, each with its distance from its own row. Reading the search row of every
  // service in a wide radius to test the words cost more than the words' own index scan
  // (docs/directory.md, "A place and words"). One statement: a one-time filter on the count
  // of locations in the box picks the branch.
  const wordsBeforePlace = hasText && !!f.near;
  const matches = wordsFirst
    ? sql`w AS MATERIALIZED (
      SELECT ${columns} FROM ${from} WHERE ${words} AND ${filters}
    ), enough AS (
      SELECT count(*) >= ${enough} AS yes FROM (SELECT 1 FROM w LIMIT ${enough}) x
    ), m AS (
      SELECT * FROM w
      UNION ALL
      SELECT ${columns} FROM ${from} WHERE NOT (SELECT yes FROM enough) AND ${substring} AND NOT ${words} AND ${filters}
    )`
    : wordsBeforePlace
      ? sql`${crowded}, m AS MATERIALIZED (
      SELECT ${columns} FROM ${from} WHERE NOT (SELECT yes FROM crowded) AND ${cond}
      UNION ALL
      SELECT ${columns} FROM directory_service_search ss ${nearOnRow} ${services} WHERE (SELECT yes FROM crowded) AND near.distance_km IS NOT NULL AND ${cond}
    )`
      : sql`m AS MATERIALIZED (
      SELECT ${columns} FROM ${from} WHERE ${cond}
    )`;
  const result = (await db.execute(sql`
    WITH ${matches}, c AS (
      SELECT m.*, count(*) OVER () AS total FROM m ORDER BY ${candidateOrder} LIMIT ${window}
    )
    SELECT c.id, s.name, (c.rank * 4 + ${similarity} + CASE WHEN ${inName} THEN 2 ELSE 0 END)::float8 AS score, c.distance_km, c.total::int AS total,
      ${wordsFirst ? sql`(SELECT yes FROM enough)` : sql`false`} AS words_only
    FROM c JOIN directory_services s ON s.id = c.id JOIN directory_service_search ss ON ss.service_id = c.id
    ORDER BY ${finalOrder}
    LIMIT ${f.limit} OFFSET ${f.offset}`)) as unknown as { rows: { id: string; score: number; distance_km: number | null; total: number; words_only: boolean }[] };
  let n = result.rows[0]?.total ?? 0;
  // The window counted every match (unless the substring matches were left out, above); only
  // the count below, past the last page, stops at the cap.
  let exactTotal: number | null = result.rows[0]?.words_only ? null : n;
  if (result.rows.length === 0 && f.offset > 0) {
    // Past the last page: the window count came with no row, so count on its own (capped).
    const counted = (await db.execute(sql`
      SELECT count(*)::int AS n FROM (
        SELECT 1 FROM ${from} WHERE ${cond} LIMIT ${TOTAL_CAP + 1}
      ) x`)) as unknown as { rows: { n: number }[] };
    n = counted.rows[0].n;
    exactTotal = n > TOTAL_CAP ? null : n;
  }
  return {
    hits: result.rows.map((r) => ({ id: r.id, score: Number(r.score), distanceKm: r.distance_km === null ? null : Number(r.distance_km) })),
    total: Math.min(n, TOTAL_CAP),
    totalCapped: n > TOTAL_CAP,
    exactTotal,
  };
}

/**
 * Above this many locations in the box around a place, a search with words starts from the
 * words. Below it, starting from the place reads at most a few thousand search rows (a few
 * milliseconds); above it, a common word's matches cost less than the radius's services.
 */
const CROWDED_LOCATIONS = 500;

/** earthdistance's earth radius, so distances match ll_to_earth/earth_distance. */
const EARTH_RADIUS_M = 6378168;

/** Candidates scored beyond the requested page, so re-scoring can lift a better name match into it. */
const CANDIDATES = 200;
/** Counting stops here; the finder says "1,000+". */
export const TOTAL_CAP = 1000;

/** Where a postal code (by its first three characters) or a place name is, approximately. */
export async function locate(db: Db, where: string): Promise<{ latitude: number; longitude: number; label: string } | undefined> {
  const fsa = where.trim().toUpperCase().replace(/\s+/g, '').slice(0, 3);
  if (/^[A-Z]\d[A-Z]$/.test(fsa)) {
    const r = (await db.execute(sql`SELECT place, latitude, longitude FROM directory_postal_areas WHERE fsa = ${fsa}`)) as unknown as { rows: { place: string; latitude: number; longitude: number }[] };
    if (r.rows[0]) return { latitude: r.rows[0].latitude, longitude: r.rows[0].longitude, label: r.rows[0].place };
  }
  const r = (await db.execute(sql`SELECT name_en, latitude, longitude FROM geographies
      WHERE latitude IS NOT NULL AND (rt_fold(name_en) = rt_fold(${where}) OR rt_fold(name_fr) = rt_fold(${where}) OR similarity(rt_fold(name_en), rt_fold(${where})) >= 0.45)
      ORDER BY similarity(rt_fold(name_en), rt_fold(${where})) DESC LIMIT 1`)) as unknown as { rows: { name_en: string; latitude: number; longitude: number }[] };
  return r.rows[0] ? { latitude: r.rows[0].latitude, longitude: r.rows[0].longitude, label: r.rows[0].name_en } : undefined;
}
