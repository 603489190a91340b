/** The SQL of service matching (directory.matching.ts), used by the intake module through directory.api.ts. */
import { sql } from 'drizzle-orm';
import { arrayParam } from '../../../core/db/params';
import { rowsOf, type Db } from '../../../core/db/database';

/**
 * Active services classified under the need's term code (or a narrower term), with whether
 * each speaks the language, serves the municipality, and how far its nearest place is from
 * the municipality's services' centre.
 */
export async function candidatesForNeed(db: Db, c: { needCode: string; language?: string | null; municipalityId?: string | null }): Promise<Record<string, unknown>[]> {
  return rowsOf<Record<string, unknown>>(db, sql`
    WITH RECURSIVE terms AS (
      SELECT id, code FROM directory_taxonomy_terms WHERE code = ${c.needCode}
      UNION SELECT t.id, t.code FROM directory_taxonomy_terms t JOIN terms ON t.parent_id = terms.id),
    origin AS (
      SELECT avg(l.latitude) AS lat, avg(l.longitude) AS lon FROM directory_locations l
      JOIN directory_service_at_locations sal ON sal.location_id = l.id
      JOIN directory_service_areas a ON a.service_id = sal.service_id
      WHERE ${c.municipalityId ?? null}::uuid IS NOT NULL AND a.geography_id = ${c.municipalityId ?? null}::uuid),
    hits AS (
      SELECT DISTINCT s.id, s.name, s.translations #>> '{fr,name}' AS name_fr, s.organization_id, s.minimum_age, s.maximum_age, min(terms.code) AS term
      FROM directory_services s JOIN directory_attributes a ON a.link_id = s.id AND a.link_entity = 'service'
      JOIN terms ON terms.id = a.taxonomy_term_id
      WHERE s.status = 'active' GROUP BY s.id)
    SELECT h.*,
      EXISTS (SELECT 1 FROM directory_languages lg WHERE lg.service_id = h.id AND lg.code = ${c.language ?? ''}) AS speaks,
      EXISTS (SELECT 1 FROM directory_service_areas sa WHERE sa.service_id = h.id AND sa.geography_id = ${c.municipalityId ?? null}::uuid) AS serves_area,
      (SELECT min(earth_distance(ll_to_earth(l.latitude, l.longitude), ll_to_earth(o.lat, o.lon))) / 1000
        FROM directory_service_at_locations sal JOIN directory_locations l ON l.id = sal.location_id, origin o
        WHERE sal.service_id = h.id AND l.latitude IS NOT NULL AND o.lat IS NOT NULL) AS distance_km
    FROM hits h`);
}

/** A service's name, organization and age range; undefined when there is no such service. */
export async function serviceAgeRule(db: Db, serviceId: string): Promise<Record<string, unknown> | undefined> {
  const [r] = await rowsOf<Record<string, unknown>>(db, sql`SELECT name, organization_id, minimum_age, maximum_age FROM directory_services WHERE id = ${serviceId}::uuid`);
  return r;
}

/** Services by id with their organization's name (ids not in the directory are left out). */
export async function servicesWithOrganization(db: Db, ids: string[]): Promise<Record<string, unknown>[]> {
  return rowsOf<Record<string, unknown>>(db, sql`SELECT s.id, s.name, s.translations #>> '{fr,name}' AS name_fr, s.organization_id, s.status, s.minimum_age, s.maximum_age, o.legal_name
    FROM directory_services s LEFT JOIN organizations o ON o.id = s.organization_id
    WHERE s.id = ANY (${arrayParam(ids, 'uuid')})`);
}

/** Which of these codes are taxonomy term codes in the directory. */
export async function existingTermCodes(db: Db, codes: string[]): Promise<string[]> {
  const rows = await rowsOf<{ code: string }>(db, sql`SELECT DISTINCT code FROM directory_taxonomy_terms WHERE code = ANY (${arrayParam(codes, 'text')})`);
  return rows.map((r) => r.code);
}
