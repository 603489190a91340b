/**
 * Queries for service mapping, exported through directory.api.ts.
 * Added for service mapping (issue 15): need domains, supply by domain × place, and pairs of
 * alike services for overlap questions. Written as read-only queries over the directory's own
 * tables and its search documents (`directory_service_search`: each service's terms with
 * their ancestors, and its places).
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../../core/db/database';
import { arrayParam } from '../../../core/db/params';

const NEED_DOMAINS = 'Roundtable need domains';

export interface NeedDomain {
  id: string;
  code: string;
  name: string;
  nameFr: string;
}

/** The top-level terms of the Roundtable need-domain taxonomy. */
export async function needDomains(db: Db): Promise<NeedDomain[]> {
  return rowsOf<NeedDomain>(db, sql`
    SELECT t.id, t.code, t.name, coalesce(t.translations #>> '{fr,name}', t.name) AS "nameFr"
    FROM directory_taxonomy_terms t JOIN directory_taxonomies x ON x.id = t.taxonomy_id
    WHERE x.name = ${NEED_DOMAINS} AND t.parent_id IS NULL AND t.code IS NOT NULL
    ORDER BY t.code`);
}

export interface SupplyCell {
  domain: string;
  geographyId: string;
  services: number;
  organizations: number;
  /** Of those services: free of charge. */
  free: number;
  /** Offered in French. */
  inFrench: number;
  /** Offered in a language other than English or French. */
  otherLanguages: number;
  /** Open in the evening (closing after 17:00) or on a weekend, by their schedules. */
  eveningsWeekends: number;
  /** Open to everyone: no age range and no other eligibility rule recorded. */
  openToAll: number;
  /** With a recorded capacity, every unit of it taken (0 available). */
  full: number;
}

/**
 * Active services per need domain and place. A service serves a place when one of its places
 * is that place or one of its ancestors (a service serving Durham serves each of its towns).
 *
 * The region is restricted first: one overlap (`&&`) of the search documents with every place
 * asked and their ancestors, as a single array the GIN index on `geography_ids` answers
 * (instead of one overlap per place, joined, which the planner misestimates and answers by
 * reading every service). Only the services found are then joined to `directory_services` by
 * primary key and matched to their places and domains. Same answers as the per-place join
 * (compared region by region on a generated directory; docs/mapping.md).
 */
export async function serviceSupply(db: Db, placeIds: string[]): Promise<SupplyCell[]> {
  if (placeIds.length === 0) return [];
  return rowsOf<SupplyCell>(db, sql`
    WITH RECURSIVE up AS (
      SELECT g.id AS place_id, g.id AS gid FROM geographies g WHERE g.id = ANY(${arrayParam(placeIds, 'uuid')})
      UNION SELECT up.place_id, g.parent_id FROM up JOIN geographies g ON g.id = up.gid WHERE g.parent_id IS NOT NULL
    ), places AS (SELECT place_id, array_agg(gid) AS ids FROM up GROUP BY place_id),
    domains AS (
      SELECT t.id, t.code FROM directory_taxonomy_terms t JOIN directory_taxonomies x ON x.id = t.taxonomy_id
      WHERE x.name = ${NEED_DOMAINS} AND t.parent_id IS NULL AND t.code IS NOT NULL),
    region AS MATERIALIZED (
      SELECT s.service_id, s.geography_ids, s.term_ids, s.is_free, s.language_codes
      FROM directory_service_search s
      WHERE s.geography_ids && (SELECT array_agg(DISTINCT gid) FROM up)),
    hits AS MATERIALIZED (
      SELECT r.*, sv.organization_id, sv.open_to_all
      FROM region r
      -- By primary key, one service at a time (OFFSET 0 keeps the planner from turning this back
      -- into a hash join that reads every service).
      CROSS JOIN LATERAL (
        SELECT v.organization_id, (v.minimum_age IS NULL AND v.maximum_age IS NULL AND v.eligibility = '{}'::jsonb) AS open_to_all
        FROM directory_services v WHERE v.id = r.service_id AND v.status = 'active' OFFSET 0) sv)
    SELECT d.code AS domain, p.place_id AS "geographyId", count(DISTINCT s.service_id)::int AS services, count(DISTINCT s.organization_id)::int AS organizations,
      count(DISTINCT s.service_id) FILTER (WHERE s.is_free)::int AS free,
      count(DISTINCT s.service_id) FILTER (WHERE 'fr' = ANY(s.language_codes))::int AS "inFrench",
      count(DISTINCT s.service_id) FILTER (WHERE EXISTS (SELECT 1 FROM unnest(s.language_codes) lc WHERE lc NOT IN ('en', 'fr')))::int AS "otherLanguages",
      count(DISTINCT s.service_id) FILTER (WHERE EXISTS (
        SELECT 1 FROM directory_schedules sc
        LEFT JOIN directory_service_at_locations sal ON sal.id = sc.service_at_location_id
        WHERE (sc.service_id = s.service_id OR sal.service_id = s.service_id)
          AND (sc.closes_at > time '17:00' OR sc.byday ~ '(SA|SU)')))::int AS "eveningsWeekends",
      count(DISTINCT s.service_id) FILTER (WHERE s.open_to_all)::int AS "openToAll",
      count(DISTINCT s.service_id) FILTER (WHERE EXISTS (SELECT 1 FROM directory_service_capacities c WHERE c.service_id = s.service_id)
        AND NOT EXISTS (SELECT 1 FROM directory_service_capacities c WHERE c.service_id = s.service_id AND c.available > 0))::int AS full
    FROM hits s
    JOIN places p ON s.geography_ids && p.ids
    JOIN domains d ON d.id = ANY(s.term_ids)
    GROUP BY 1, 2`);
}

export interface SimilarServicePair {
  domain: string;
  geographyId: string;
  serviceIds: [string, string];
  serviceNames: [string, string];
  organizationIds: [string, string];
  similarity: number;
}

/**
 * Pairs of active services of different organizations that share a need domain and a place
 * and whose descriptions are alike (pg_trgm similarity of the accent-folded description at
 * least `minSimilarity`). One row per pair, domain and place.
 *
 * Blocked, never all against all: the region's services are found through the GIN index on
 * `geography_ids`, each is matched to its places and domains, and only services of the same
 * domain and place are paired (a hash or merge join on that block). Each distinct pair of
 * services is scored once, with each description folded once, however many places and domains
 * the two share (a service serving the whole region is in every town's block: scoring per
 * block repeated the same pair for each town). Measured in bench/mapping.ts.
 */
export async function similarServicePairs(db: Db, placeIds: string[], minSimilarity: number): Promise<SimilarServicePair[]> {
  if (placeIds.length === 0) return [];
  const rows = await rowsOf<{ domain: string; geography_id: string; a: string; b: string; an: string; bn: string; ao: string; bo: string; sim: number }>(db, sql`
    WITH RECURSIVE up AS (
      SELECT g.id AS place_id, g.id AS gid FROM geographies g WHERE g.id = ANY(${arrayParam(placeIds, 'uuid')})
      UNION SELECT up.place_id, g.parent_id FROM up JOIN geographies g ON g.id = up.gid WHERE g.parent_id IS NOT NULL
    ), places AS (SELECT place_id, array_agg(gid) AS ids FROM up GROUP BY place_id),
    domains AS (
      SELECT t.id, t.code FROM directory_taxonomy_terms t JOIN directory_taxonomies x ON x.id = t.taxonomy_id
      WHERE x.name = ${NEED_DOMAINS} AND t.parent_id IS NULL AND t.code IS NOT NULL),
    svc AS MATERIALIZED (
      SELECT p.place_id, d.code AS domain, sv.id, sv.organization_id
      FROM places p
      JOIN directory_service_search s ON s.geography_ids && p.ids
      JOIN directory_services sv ON sv.id = s.service_id AND sv.status = 'active'
      JOIN domains d ON d.id = ANY(s.term_ids)),
    docs AS MATERIALIZED (
      SELECT sv.id, sv.name, rt_fold(coalesce(sv.description, '') || ' ' || coalesce(sv.eligibility_description, '')) AS doc
      FROM directory_services sv WHERE sv.id IN (SELECT id FROM svc)),
    pairs AS MATERIALIZED (
      SELECT DISTINCT a.id AS a, b.id AS b
      FROM svc a JOIN svc b ON b.place_id = a.place_id AND b.domain = a.domain AND a.id < b.id AND a.organization_id <> b.organization_id),
    scored AS MATERIALIZED (
      SELECT p.a, p.b, da.name AS an, db.name AS bn, similarity(da.doc, db.doc) AS sim
      FROM pairs p JOIN docs da ON da.id = p.a JOIN docs db ON db.id = p.b
      WHERE length(da.doc) > 0 AND length(db.doc) > 0)
    SELECT a.domain, a.place_id AS geography_id, x.a, x.b, x.an, x.bn, a.organization_id AS ao, b.organization_id AS bo, round(x.sim::numeric, 2)::float8 AS sim
    FROM (SELECT * FROM scored WHERE sim >= ${minSimilarity}) x
    JOIN svc a ON a.id = x.a
    JOIN svc b ON b.id = x.b AND b.place_id = a.place_id AND b.domain = a.domain
    ORDER BY 9 DESC, 1, 2
    LIMIT 2000`);
  return rows.map((r) => ({
    domain: r.domain, geographyId: r.geography_id, serviceIds: [r.a, r.b], serviceNames: [r.an, r.bn], organizationIds: [r.ao, r.bo], similarity: Number(r.sim),
  }));
}

