import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../core/db/database';

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
  limit: number;
  offset: number;
}

export interface ServiceHit {
  id: string;
  score: number;
  distanceKm: number | null;
}

const STOP = new Set(['de', 'du', 'des', 'la', 'le', 'les', 'et', 'en', 'the', 'and', 'for', 'of', 'to', 'in', 'pour', 'aux', 'un', 'une']);

/** Folded words of the query, each replaced by the closest directory word when it is not one. */
export async function correctedWords(db: Db, q: string): Promise<string[]> {
  const words = q
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 2 && !STOP.has(w))
    .slice(0, 12);
  if (words.length === 0) return [];
  const result = (await db.execute(sql`
    SELECT q.word, coalesce(
      (SELECT w.word FROM directory_search_words w WHERE w.word = q.word),
      (SELECT w.word FROM directory_search_words w
        WHERE w.word >= left(q.word, 1) AND w.word < chr(ascii(left(q.word, 1)) + 1) AND similarity(w.word, q.word) >= 0.3
        ORDER BY similarity(w.word, q.word) DESC, w.word LIMIT 1),
      q.word) AS corrected
    FROM unnest(string_to_array(${words.join(',')}, ',')::text[]) WITH ORDINALITY AS q(word, n) ORDER BY q.n`)) as unknown as { rows: { corrected: string }[] };
  return result.rows.map((r) => r.corrected);
}

/**
 * The service finder's query. Text matches English and French full-text documents (name
 * weighted over taxonomy terms over description) with all words first, any word as a fallback,
 * and substring matches on folded names and terms. Filters run against the
 * denormalised search table so each is an index lookup.
 */
export async function searchServices(db: Db, f: ServiceSearch): Promise<{ hits: ServiceHit[]; total: number; totalCapped: boolean; corrected?: string }> {
  const words = f.q ? await correctedWords(db, f.q) : [];
  const corrected = words.join(' ');
  const run = (mode: 'all' | 'any') => runSearch(db, f, words, mode);
  let result = await run('all');
  if (words.length > 1 && result.total === 0) result = await run('any');
  const folded = f.q ? f.q.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim() : '';
  return { ...result, corrected: words.length && corrected !== folded ? corrected : undefined };
}

async function runSearch(db: Db, f: ServiceSearch, words: string[], mode: 'all' | 'any') {
  const where: SQL[] = [];
  const joiner = mode === 'all' ? ' & ' : ' | ';
  const tsText = words.map((w) => w.replace(/[^a-z0-9]/g, '')).filter(Boolean).join(' ');
  let rank: SQL = sql`0`;
  let score: SQL = sql`0`;
  if (tsText) {
    // to_tsvector of the corrected words, re-joined with & or |, gives each config its own stems.
    // The lexemes are already stemmed: cast them to a tsquery rather than stem them twice.
    const qe = sql`array_to_string(tsvector_to_array(to_tsvector('rt_english', ${tsText})), ${joiner})::tsquery`;
    const qf = sql`array_to_string(tsvector_to_array(to_tsvector('rt_french', ${tsText})), ${joiner})::tsquery`;
    const qt = sql`${words.join(' ')}`;
    where.push(sql`(ss.tsv_en @@ ${qe} OR ss.tsv_fr @@ ${qf} OR ss.folded LIKE '%' || ${qt} || '%')`);
    rank = sql`(ts_rank(ss.tsv_en, ${qe}) + ts_rank(ss.tsv_fr, ${qf}))`;
    // A match in the service's own name (either language) outweighs matches in terms and descriptions.
    const inName = sql`(to_tsvector('rt_english', s.name) @@ ${qe} OR to_tsvector('rt_french', coalesce(s.translations #>> '{fr,name}', '')) @@ ${qf})`;
    score = sql`c.rank * 4 + word_similarity(${qt}, rt_fold(s.name || ' ' || coalesce(s.translations #>> '{fr,name}', ''))) + CASE WHEN ${inName} THEN 2 ELSE 0 END`;
  }
  if (f.activeOnly) where.push(sql`s.status = 'active'`);
  if (f.termIds?.length) where.push(sql`ss.term_ids && string_to_array(${f.termIds.join(',')}, ',')::uuid[]`);
  if (f.taxonomyId) where.push(sql`EXISTS (SELECT 1 FROM directory_taxonomy_terms t WHERE t.id = ANY(ss.term_ids) AND t.taxonomy_id = ${f.taxonomyId})`);
  if (f.organizationId) where.push(sql`s.organization_id = ${f.organizationId}`);
  if (f.modifiedAfter) where.push(sql`s.updated_at >= ${f.modifiedAfter}`);
  if (f.geographyIds?.length) where.push(sql`ss.geography_ids && string_to_array(${f.geographyIds.join(',')}, ',')::uuid[]`);
  if (f.languageCode) where.push(sql`ss.language_codes @> ARRAY[${f.languageCode.toLowerCase()}]::text[]`);
  if (f.age !== undefined) where.push(sql`(s.minimum_age IS NULL OR s.minimum_age <= ${f.age}) AND (s.maximum_age IS NULL OR s.maximum_age >= ${f.age})`);
  if (f.free) where.push(sql`ss.is_free`);
  if (f.wheelchair) where.push(sql`ss.wheelchair`);
  if (f.openAt) {
    where.push(sql`EXISTS (
      SELECT 1 FROM directory_schedules sc
      LEFT JOIN directory_service_at_locations sal ON sal.id = sc.service_at_location_id
      WHERE (sc.service_id = s.id OR sal.service_id = s.id OR sc.location_id IN (SELECT location_id FROM directory_service_at_locations WHERE service_id = s.id))
        AND sc.freq = 'WEEKLY' AND sc.opens_at IS NOT NULL AND sc.closes_at IS NOT NULL
        AND (sc.valid_from IS NULL OR sc.valid_from <= (${f.openAt}::timestamptz AT TIME ZONE 'America/Toronto')::date)
        AND (sc.valid_to IS NULL OR sc.valid_to >= (${f.openAt}::timestamptz AT TIME ZONE 'America/Toronto')::date)
        AND upper(coalesce(sc.byday, '')) LIKE '%' || (ARRAY['SU','MO','TU','WE','TH','FR','SA'])[extract(dow FROM ${f.openAt}::timestamptz AT TIME ZONE 'America/Toronto')::int + 1] || '%'
        AND (${f.openAt}::timestamptz AT TIME ZONE 'America/Toronto')::time >= sc.opens_at
        AND (${f.openAt}::timestamptz AT TIME ZONE 'America/Toronto')::time < sc.closes_at)`);
  }
  let distance: SQL = sql`NULL::float8`;
  if (f.near) {
    const point = sql`ll_to_earth(${f.near.latitude}, ${f.near.longitude})`;
    const radius = f.near.radiusKm * 1000;
    distance = sql`(SELECT min(earth_distance(${point}, ll_to_earth(l.latitude, l.longitude))) / 1000
      FROM directory_service_at_locations sal JOIN directory_locations l ON l.id = sal.location_id
      WHERE sal.service_id = s.id AND l.latitude IS NOT NULL AND l.longitude IS NOT NULL)`;
    where.push(sql`EXISTS (SELECT 1 FROM directory_service_at_locations sal JOIN directory_locations l ON l.id = sal.location_id
      WHERE sal.service_id = s.id AND l.latitude IS NOT NULL AND l.longitude IS NOT NULL
        AND earth_box(${point}, ${radius}) @> ll_to_earth(l.latitude, l.longitude)
        AND earth_distance(${point}, ll_to_earth(l.latitude, l.longitude)) <= ${radius})`);
  }
  const cond = where.length ? sql.join(where, sql` AND `) : sql`true`;
  // Ranking every match is what costs: take the best candidates by full-text rank (or name
  // order when there is no text), score only those, and count matches separately, capped.
  const window = f.offset + f.limit + CANDIDATES;
  const candidateOrder = tsText ? sql`rank DESC, s.id` : f.near ? sql`distance_km ASC NULLS LAST, s.id` : sql`s.name, s.id`;
  const finalOrder = tsText ? sql`score DESC, distance_km ASC NULLS LAST, name, id` : f.near ? sql`distance_km ASC NULLS LAST, name, id` : sql`name, id`;
  const result = (await db.execute(sql`
    WITH c AS (
      SELECT s.id, s.name, s.translations, ${rank}::float8 AS rank, ${distance} AS distance_km
      FROM directory_services s JOIN directory_service_search ss ON ss.service_id = s.id
      WHERE ${cond}
      ORDER BY ${candidateOrder}
      LIMIT ${window}
    )
    SELECT c.id, c.name, ${score}::float8 AS score, c.distance_km, count(*) OVER ()::int AS candidates
    FROM c JOIN directory_services s ON s.id = c.id
    ORDER BY ${finalOrder}
    LIMIT ${f.limit} OFFSET ${f.offset}`)) as unknown as { rows: { id: string; score: number; distance_km: number | null; candidates: number }[] };
  // Fewer candidates than the window means they are all the matches; only a full window needs a count.
  let n = result.rows[0]?.candidates ?? 0;
  if (n >= window || (result.rows.length === 0 && f.offset > 0)) {
    const counted = (await db.execute(sql`
      SELECT count(*)::int AS n FROM (
        SELECT 1 FROM directory_services s JOIN directory_service_search ss ON ss.service_id = s.id WHERE ${cond} LIMIT ${TOTAL_CAP + 1}
      ) x`)) as unknown as { rows: { n: number }[] };
    n = counted.rows[0].n;
  }
  return {
    hits: result.rows.map((r) => ({ id: r.id, score: Number(r.score), distanceKm: r.distance_km === null ? null : Number(r.distance_km) })),
    total: Math.min(n, TOTAL_CAP),
    totalCapped: n > TOTAL_CAP,
  };
}

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
