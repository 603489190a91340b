/**
 * What other modules may use of the service directory. They never read its tables.
 * Added for service mapping (issue 15): need domains, supply by domain × place, and pairs of
 * alike services for overlap questions. Written as read-only queries over the directory's own
 * tables and its search documents (`directory_service_search`: each service's terms with
 * their ancestors, and its places).
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../core/db/database';
import { arrayParam } from '../../core/db/params';

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
      WHERE x.name = ${NEED_DOMAINS} AND t.parent_id IS NULL AND t.code IS NOT NULL)
    SELECT d.code AS domain, p.place_id AS "geographyId", count(DISTINCT s.service_id)::int AS services, count(DISTINCT sv.organization_id)::int AS organizations,
      count(DISTINCT s.service_id) FILTER (WHERE s.is_free)::int AS free,
      count(DISTINCT s.service_id) FILTER (WHERE 'fr' = ANY(s.language_codes))::int AS "inFrench",
      count(DISTINCT s.service_id) FILTER (WHERE EXISTS (SELECT 1 FROM unnest(s.language_codes) lc WHERE lc NOT IN ('en', 'fr')))::int AS "otherLanguages",
      count(DISTINCT s.service_id) FILTER (WHERE EXISTS (
        SELECT 1 FROM directory_schedules sc
        LEFT JOIN directory_service_at_locations sal ON sal.id = sc.service_at_location_id
        WHERE (sc.service_id = s.service_id OR sal.service_id = s.service_id)
          AND (sc.closes_at > time '17:00' OR sc.byday ~ '(SA|SU)')))::int AS "eveningsWeekends",
      count(DISTINCT s.service_id) FILTER (WHERE sv.minimum_age IS NULL AND sv.maximum_age IS NULL AND sv.eligibility = '{}'::jsonb)::int AS "openToAll",
      count(DISTINCT s.service_id) FILTER (WHERE EXISTS (SELECT 1 FROM directory_service_capacities c WHERE c.service_id = s.service_id)
        AND NOT EXISTS (SELECT 1 FROM directory_service_capacities c WHERE c.service_id = s.service_id AND c.available > 0))::int AS full
    FROM places p
    JOIN directory_service_search s ON s.geography_ids && p.ids
    JOIN directory_services sv ON sv.id = s.service_id AND sv.status = 'active'
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
    svc AS (
      SELECT p.place_id, d.code AS domain, sv.id, sv.name, sv.organization_id, rt_fold(coalesce(sv.description, '') || ' ' || coalesce(sv.eligibility_description, '')) AS doc
      FROM places p
      JOIN directory_service_search s ON s.geography_ids && p.ids
      JOIN directory_services sv ON sv.id = s.service_id AND sv.status = 'active'
      JOIN domains d ON d.id = ANY(s.term_ids))
    SELECT a.domain, a.place_id AS geography_id, a.id AS a, b.id AS b, a.name AS an, b.name AS bn, a.organization_id AS ao, b.organization_id AS bo,
      round(similarity(a.doc, b.doc)::numeric, 2)::float8 AS sim
    FROM svc a JOIN svc b ON b.place_id = a.place_id AND b.domain = a.domain AND a.id < b.id AND a.organization_id <> b.organization_id
    WHERE length(a.doc) > 0 AND length(b.doc) > 0 AND similarity(a.doc, b.doc) >= ${minSimilarity}
    ORDER BY sim DESC, 1, 2
    LIMIT 2000`);
  return rows.map((r) => ({
    domain: r.domain, geographyId: r.geography_id, serviceIds: [r.a, r.b], serviceNames: [r.an, r.bn], organizationIds: [r.ao, r.bo], similarity: Number(r.sim),
  }));
}

/** Added for pathways (issue 16): names of services by id, and a service by exact name. */
export { serviceSummaries, serviceIdByName, searchServiceSummaries, type ServiceSummary } from './directory.pathways.repository';

/**
 * Added for intake (No Wrong Door): service suggestions for a client's needs, a service's age
 * eligibility, services by id with their eligibility (support bundles), which taxonomy codes
 * exist, and the stable ids the demo data uses.
 */
export { suggestServices, serviceEligibility, servicesByIds, knownTermCodes, type MatchCriteria, type ServiceSuggestion, type ServiceSummary as ServiceMatchSummary } from './directory.matching';
export { seedId } from './directory.seeds';
