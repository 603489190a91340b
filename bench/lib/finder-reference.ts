/**
 * Hand-written reference SQL for the finder's searches, so the bench can show how close the
 * app's own statements come to what a person writing one query for one answer would run.
 *
 * Each reference is one statement with every value written in as a literal (tsqueries already
 * stemmed, coordinates already known, the bounding box worked out), returning the page of
 * service ids in the finder's order and the number of matches. It answers the same question
 * the app does: all words must match (full-text in English or French, or the words as a
 * substring of the folded names), active services only, rank = ts_rank English + French, the
 * best 200 + page candidates re-scored with the name bonus (weight A) and name similarity.
 * Spelling correction and geocoding are not part of it: the reference gets the corrected words
 * and the coordinates the app found.
 */
import type { Database } from '../../src/core/db/database';

export interface FinderParams {
  q?: string;
  language?: string;
  free?: boolean;
  age?: number;
  termId?: string;
  near?: { latitude: number; longitude: number; radiusKm: number };
  limit: number;
}

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const EARTH_RADIUS_M = 6378168;
const CANDIDATES = 200;

/** The reference statement for one search; `words` are the corrected words the app searched for. */
export async function referenceSql(database: Database, p: FinderParams, words: string[]): Promise<string> {
  const where: string[] = [`ss.service_id NOT IN (SELECT id FROM directory_services WHERE status <> 'active')`];
  let rank = '0::real';
  let bonus = '0';
  if (words.length) {
    // Stemmed once, here, and written into the statement as tsquery literals.
    const [stems] = await database.query<{ en: string[]; fr: string[] }>(
      `SELECT tsvector_to_array(to_tsvector('rt_english', $1)) AS en, tsvector_to_array(to_tsvector('rt_french', $1)) AS fr`,
      [words.join(' ')],
    );
    const tq = (l: string[], w = '') => lit(l.map((x) => `'${x}'${w}`).join(' & '));
    const qe = `${tq(stems.en)}::tsquery`;
    const qf = `${tq(stems.fr)}::tsquery`;
    where.push(`(ss.tsv_en @@ ${qe} OR ss.tsv_fr @@ ${qf} OR ss.folded_names LIKE ${lit(`%${words.join(' ')}%`)})`);
    rank = `ts_rank(ss.tsv_en, ${qe}) + ts_rank(ss.tsv_fr, ${qf})`;
    bonus = `c.rank * 4 + word_similarity(${lit(words.join(' '))}, rt_fold(s.name || ' ' || coalesce(s.translations #>> '{fr,name}', '')))
      + CASE WHEN ss.tsv_en @@ ${tq(stems.en, ':A')}::tsquery OR ss.tsv_fr @@ ${tq(stems.fr, ':A')}::tsquery THEN 2 ELSE 0 END`;
  }
  if (p.language) where.push(`ss.language_codes @> ARRAY[${lit(p.language)}]`);
  if (p.free) where.push('ss.is_free');
  if (p.termId) where.push(`ss.term_ids && ARRAY[${lit(p.termId)}]::uuid[]`);
  // The age range is on the search row (directory migration 0080), as the app reads it.
  const needsService = !words.length && !p.near;
  if (p.age !== undefined) where.push(`(ss.minimum_age IS NULL OR ss.minimum_age <= ${p.age}) AND (ss.maximum_age IS NULL OR ss.maximum_age >= ${p.age})`);
  const window = p.limit + CANDIDATES;

  let from = `directory_service_search ss${needsService ? ' JOIN directory_services s ON s.id = ss.service_id' : ''}`;
  let distance = 'NULL::float8';
  if (p.near) {
    const { latitude: lat, longitude: lon, radiusKm } = p.near;
    const r = radiusKm * 1000;
    const dLat = (r / EARTH_RADIUS_M) * (180 / Math.PI) * 1.001;
    const dLon = dLat / Math.cos((lat * Math.PI) / 180);
    from = `(SELECT sal.service_id, min(l.m) / 1000 AS km FROM (
        SELECT id, 2 * ${EARTH_RADIUS_M} * asin(least(1, sqrt(power(sin(radians(latitude - ${lat}) / 2), 2)
          + cos(radians(${lat})) * cos(radians(latitude)) * power(sin(radians(longitude - ${lon}) / 2), 2)))) AS m
        FROM directory_locations WHERE latitude BETWEEN ${lat - dLat} AND ${lat + dLat} AND longitude BETWEEN ${lon - dLon} AND ${lon + dLon} OFFSET 0) l
        JOIN directory_service_at_locations sal ON sal.location_id = l.id WHERE l.m <= ${r} GROUP BY sal.service_id) near
      JOIN LATERAL (SELECT * FROM directory_service_search x WHERE x.service_id = near.service_id OFFSET 0) ss ON true
      ${needsService ? 'JOIN directory_services s ON s.id = ss.service_id' : ''}`;
    distance = 'near.km';
  }
  const byName = !words.length && !p.near;
  const order = words.length ? 'rank DESC, id' : p.near ? 'km, id' : 'name, id';
  const final = words.length ? 'score DESC, km NULLS LAST, s.name, c.id' : p.near ? 'km, s.name, c.id' : 's.name, c.id';
  return `WITH m AS MATERIALIZED (
      SELECT ss.service_id AS id, ${byName ? 's.name' : 'NULL::text'} AS name, (${rank})::real AS rank, ${distance} AS km
      FROM ${from} WHERE ${where.join(' AND ')}
    ), c AS (SELECT m.*, count(*) OVER () AS total FROM m ORDER BY ${order} LIMIT ${window})
    SELECT c.id, c.total::int AS total, (${words.length ? bonus : '0'})::float8 AS score
    FROM c JOIN directory_services s ON s.id = c.id JOIN directory_service_search ss ON ss.service_id = c.id
    ORDER BY ${final} LIMIT ${p.limit}`;
}
