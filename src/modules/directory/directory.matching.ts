import { sql } from 'drizzle-orm';
import { arrayParam } from '../../core/db/params';
import { rowsOf, type Db } from '../../core/db/database';

/**
 * Service suggestions for a need (used by the intake module). A service matches when it is
 * active and classified under the need's taxonomy code (or a narrower term). Each suggestion
 * says why: category, language offered, serves the person's municipality, distance, and
 * whether the person meets the age eligibility.
 */
export interface MatchCriteria {
  needCode: string;
  language?: string | null;
  municipalityId?: string | null;
  age?: number | null;
  limit?: number;
}

export interface ServiceSuggestion {
  serviceId: string;
  name: string;
  organizationId: string;
  distanceKm: number | null;
  reasons: string[];
  eligible: boolean;
}

export async function suggestServices(db: Db, c: MatchCriteria): Promise<ServiceSuggestion[]> {
  const rows = await rowsOf<Record<string, unknown>>(db, sql`
    WITH RECURSIVE terms AS (
      SELECT id, code FROM directory_taxonomy_terms WHERE code = ${c.needCode}
      UNION SELECT t.id, t.code FROM directory_taxonomy_terms t JOIN terms ON t.parent_id = terms.id),
    origin AS (
      SELECT avg(l.latitude) AS lat, avg(l.longitude) AS lon FROM directory_locations l
      JOIN directory_service_at_locations sal ON sal.location_id = l.id
      JOIN directory_service_areas a ON a.service_id = sal.service_id
      WHERE ${c.municipalityId ?? null}::uuid IS NOT NULL AND a.geography_id = ${c.municipalityId ?? null}::uuid),
    hits AS (
      SELECT DISTINCT s.id, s.name, s.organization_id, s.minimum_age, s.maximum_age, min(terms.code) AS term
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
  const out = rows.map((r) => {
    const reasons = [`category:${r.term}`];
    if (r.speaks) reasons.push(`language:${c.language}`);
    if (r.serves_area) reasons.push('serves_area');
    const distance = r.distance_km == null ? null : Math.round(Number(r.distance_km) * 10) / 10;
    if (distance != null) reasons.push(`distance:${distance}`);
    const min = r.minimum_age == null ? null : Number(r.minimum_age);
    const max = r.maximum_age == null ? null : Number(r.maximum_age);
    const eligible = c.age == null || ((min == null || c.age >= min) && (max == null || c.age <= max));
    if (c.age != null && eligible && (min != null || max != null)) reasons.push('age_eligible');
    return { serviceId: r.id as string, name: r.name as string, organizationId: r.organization_id as string, distanceKm: distance, reasons, eligible, score: (r.speaks ? 2 : 0) + (r.serves_area ? 2 : 0) + (eligible ? 3 : 0) - (distance ?? 50) / 50 };
  });
  out.sort((a, b) => b.score - a.score);
  return out.slice(0, c.limit ?? 10).map(({ score: _s, ...rest }) => rest);
}

/** Age eligibility of one service, for a referral check. Undefined when the service does not exist. */
export async function serviceEligibility(db: Db, serviceId: string, age: number | null): Promise<{ name: string; organizationId: string; eligible: boolean; rule: string | null } | undefined> {
  const [r] = await rowsOf<Record<string, unknown>>(db, sql`SELECT name, organization_id, minimum_age, maximum_age FROM directory_services WHERE id = ${serviceId}::uuid`);
  if (!r) return undefined;
  const min = r.minimum_age == null ? null : Number(r.minimum_age);
  const max = r.maximum_age == null ? null : Number(r.maximum_age);
  const eligible = age == null || ((min == null || age >= min) && (max == null || age <= max));
  return { name: r.name as string, organizationId: r.organization_id as string, eligible, rule: min != null || max != null ? `age ${min ?? 0}–${max ?? '∞'}` : null };
}

export interface ServiceSummary {
  serviceId: string;
  name: string;
  organizationId: string;
  organizationName: string;
  active: boolean;
  eligible: boolean;
  rule: string | null;
}

/**
 * Services by id with their organization's name and whether a person of `age` meets the age
 * eligibility (the same rule as suggestions and referrals). Ids not in the directory are left
 * out, so callers can tell which ones do not exist. Used by the intake module's support bundles.
 */
export async function servicesByIds(db: Db, ids: string[], age: number | null = null): Promise<ServiceSummary[]> {
  if (ids.length === 0) return [];
  const rows = await rowsOf<Record<string, unknown>>(db, sql`SELECT s.id, s.name, s.organization_id, s.status, s.minimum_age, s.maximum_age, o.legal_name
    FROM directory_services s LEFT JOIN organizations o ON o.id = s.organization_id
    WHERE s.id = ANY (${arrayParam(ids, 'uuid')})`);
  return rows.map((r) => {
    const min = r.minimum_age == null ? null : Number(r.minimum_age);
    const max = r.maximum_age == null ? null : Number(r.maximum_age);
    const eligible = age == null || ((min == null || age >= min) && (max == null || age <= max));
    return {
      serviceId: r.id as string, name: r.name as string, organizationId: r.organization_id as string, organizationName: (r.legal_name as string) ?? '',
      active: r.status === 'active', eligible, rule: min != null || max != null ? `age ${min ?? 0}–${max ?? '∞'}` : null,
    };
  });
}

/** Which of these codes are taxonomy term codes in the directory (the vocabulary needs are matched in). */
export async function knownTermCodes(db: Db, codes: string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const rows = await rowsOf<{ code: string }>(db, sql`SELECT DISTINCT code FROM directory_taxonomy_terms WHERE code = ANY (${arrayParam(codes, 'text')})`);
  return rows.map((r) => r.code);
}
