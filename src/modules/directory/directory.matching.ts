import type { Db } from '../../core/db/database';
import * as repo from './repository/matching';

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
  /** The directory's French name (HSDS translations), null when it has none. */
  nameFr: string | null;
  organizationId: string;
  distanceKm: number | null;
  reasons: string[];
  eligible: boolean;
}

/** The French name when the directory has one that is not blank. */
const frName = (r: Record<string, unknown>) => (typeof r.name_fr === 'string' && r.name_fr.trim() ? r.name_fr.trim() : null);

export async function suggestServices(db: Db, c: MatchCriteria): Promise<ServiceSuggestion[]> {
  const rows = await repo.candidatesForNeed(db, c);
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
    return { serviceId: r.id as string, name: r.name as string, nameFr: frName(r), organizationId: r.organization_id as string, distanceKm: distance, reasons, eligible, score: (r.speaks ? 2 : 0) + (r.serves_area ? 2 : 0) + (eligible ? 3 : 0) - (distance ?? 50) / 50 };
  });
  out.sort((a, b) => b.score - a.score);
  return out.slice(0, c.limit ?? 10).map(({ score: _s, ...rest }) => rest);
}

/** Age eligibility of one service, for a referral check. Undefined when the service does not exist. */
export async function serviceEligibility(db: Db, serviceId: string, age: number | null): Promise<{ name: string; organizationId: string; eligible: boolean; rule: string | null } | undefined> {
  const r = await repo.serviceAgeRule(db, serviceId);
  if (!r) return undefined;
  const min = r.minimum_age == null ? null : Number(r.minimum_age);
  const max = r.maximum_age == null ? null : Number(r.maximum_age);
  const eligible = age == null || ((min == null || age >= min) && (max == null || age <= max));
  return { name: r.name as string, organizationId: r.organization_id as string, eligible, rule: min != null || max != null ? `age ${min ?? 0}–${max ?? '∞'}` : null };
}

export interface ServiceSummary {
  serviceId: string;
  name: string;
  nameFr: string | null;
  organizationId: string;
  organizationName: string;
  /** The age range the rule checks, for showing it in the reader's language. */
  minimumAge: number | null;
  maximumAge: number | null;
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
  const rows = await repo.servicesWithOrganization(db, ids);
  return rows.map((r) => {
    const min = r.minimum_age == null ? null : Number(r.minimum_age);
    const max = r.maximum_age == null ? null : Number(r.maximum_age);
    const eligible = age == null || ((min == null || age >= min) && (max == null || age <= max));
    return {
      serviceId: r.id as string, name: r.name as string, nameFr: frName(r), organizationId: r.organization_id as string, organizationName: (r.legal_name as string) ?? '',
      active: r.status === 'active', minimumAge: min, maximumAge: max, eligible, rule: min != null || max != null ? `age ${min ?? 0}–${max ?? '∞'}` : null,
    };
  });
}

/** Which of these codes are taxonomy term codes in the directory (the vocabulary needs are matched in). */
export async function knownTermCodes(db: Db, codes: string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  return repo.existingTermCodes(db, codes);
}
