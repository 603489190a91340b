/**
 * The SQL of the finder's reference lists and of staff edits to services, capacity, review
 * settings and the taxonomy. Values are bound; lists go through arrayParam.
 */
import { sql } from 'drizzle-orm';
import { arrayParam } from '../../../core/db/params';
import { rowsOf, type Db } from '../../../core/db/database';

// ---------- finder ----------

/** A place (by id or code) and every place above it; empty when there is no such place. */
export async function placeAndAncestors(db: Db, idOrCode: string): Promise<string[]> {
  const rows = await rowsOf<{ id: string }>(db, sql`
    WITH RECURSIVE up AS (SELECT id, parent_id FROM geographies WHERE id::text = ${idOrCode} OR code = ${idOrCode}
      UNION SELECT g.id, g.parent_id FROM geographies g JOIN up ON g.id = up.parent_id)
    SELECT id FROM up`);
  return rows.map((r) => r.id);
}

export interface TermRow {
  id: string;
  code: string | null;
  name: string;
  fr: string | null;
  parent_id: string | null;
  taxonomy: string;
  taxonomy_id: string;
}

/** Every taxonomy term with its taxonomy, by taxonomy, code and name. */
export async function taxonomyTerms(db: Db): Promise<TermRow[]> {
  return rowsOf<TermRow>(db, sql`SELECT t.id, t.code, t.name, t.translations #>> '{fr,name}' AS fr, t.parent_id, x.name AS taxonomy, x.id AS taxonomy_id
    FROM directory_taxonomy_terms t JOIN directory_taxonomies x ON x.id = t.taxonomy_id ORDER BY x.name, t.code NULLS LAST, t.name`);
}

/** Languages active services are offered in, most offered first. */
export async function serviceLanguages(db: Db): Promise<{ code: string; name: string; services: number }[]> {
  return rowsOf<{ code: string; name: string; services: number }>(db, sql`SELECT lower(l.code) AS code, min(l.name) AS name, count(DISTINCT l.service_id)::int AS services
    FROM directory_languages l JOIN directory_services s ON s.id = l.service_id AND s.status = 'active'
    WHERE l.code IS NOT NULL GROUP BY lower(l.code) ORDER BY services DESC, code`);
}

// ---------- services ----------

export type ServiceRow = Record<string, unknown> & { id: string; organization_id: string; version: number };

/** The service row, locked for the rest of the transaction. */
export async function lockService(tx: Db, id: string): Promise<ServiceRow | undefined> {
  const [row] = await rowsOf<ServiceRow>(tx, sql`SELECT * FROM directory_services WHERE id = ${id} FOR UPDATE`);
  return row;
}

/** The service row as it stands (no lock). */
export async function findService(db: Db, id: string): Promise<ServiceRow | undefined> {
  const [row] = await rowsOf<ServiceRow>(db, sql`SELECT * FROM directory_services WHERE id = ${id}`);
  return row;
}

/** Fields of directory_services staff may set (the HSDS names), and translations. */
export type EditableColumn =
  | 'name' | 'alternate_name' | 'description' | 'url' | 'email' | 'status' | 'application_process' | 'fees_description'
  | 'eligibility_description' | 'minimum_age' | 'maximum_age' | 'interpretation_services' | 'alert' | 'translations';

/**
 * Sets the changed fields and bumps the version in one statement, so the table's checks (the
 * age range) see the edit whole; `translations` is stored as jsonb.
 */
export async function setServiceFields(tx: Db, id: string, fields: { field: EditableColumn; value: unknown }[]): Promise<void> {
  const sets = fields.map(({ field, value }) =>
    field === 'translations' ? sql`translations = ${JSON.stringify(value)}::jsonb` : sql`${sql.identifier(field)} = ${value as string | number | null}`);
  await tx.execute(sql`UPDATE directory_services SET ${sql.join([...sets, sql`version = version + 1`, sql`updated_at = now()`], sql`, `)} WHERE id = ${id}`);
}

/** One row of HSDS field history (directory_metadata) for a service. */
export async function recordFieldChange(tx: Db, id: string, change: { field: string; previous: string; replacement: string; by: string }): Promise<void> {
  await tx.execute(sql`INSERT INTO directory_metadata (resource_id, resource_type, last_action_type, field_name, previous_value, replacement_value, updated_by)
    VALUES (${id}, 'service', 'update', ${change.field}, ${change.previous}, ${change.replacement}, ${change.by})`);
}

export async function markVerified(tx: Db, id: string, by: string): Promise<void> {
  await tx.execute(sql`UPDATE directory_services SET last_verified_at = now(), last_verified_by = ${by} WHERE id = ${id}`);
}

/** The capacity unit of this name (any case), created when new. */
export async function unitIdFor(tx: Db, name: string): Promise<string> {
  let [unit] = await rowsOf<{ id: string }>(tx, sql`SELECT id FROM directory_units WHERE lower(name) = lower(${name})`);
  if (!unit) [unit] = await rowsOf<{ id: string }>(tx, sql`INSERT INTO directory_units (id, name) VALUES (gen_random_uuid(), ${name}) RETURNING id`);
  return unit.id;
}

/** Sets the service's capacity in one unit; returns the previous number available, if there was one. */
export async function upsertCapacity(tx: Db, serviceId: string, unitId: string, c: { available: number; maximum: number | null; description: string | null; by: string }): Promise<string | undefined> {
  const [existing] = await rowsOf<{ id: string; available: string }>(tx, sql`SELECT id, available FROM directory_service_capacities WHERE service_id = ${serviceId} AND unit_id = ${unitId}`);
  if (existing) {
    await tx.execute(sql`UPDATE directory_service_capacities SET available = ${c.available}, maximum = ${c.maximum}, description = coalesce(${c.description}, description), updated = now(), updated_by = ${c.by} WHERE id = ${existing.id}`);
  } else {
    await tx.execute(sql`INSERT INTO directory_service_capacities (id, service_id, unit_id, available, maximum, description, updated_by) VALUES (gen_random_uuid(), ${serviceId}, ${unitId}, ${c.available}, ${c.maximum}, ${c.description}, ${c.by})`);
  }
  return existing?.available;
}

// ---------- review ----------

export async function reviewMonthsSetting(db: Db): Promise<number | undefined> {
  const [setting] = await rowsOf<{ months: number }>(db, sql`SELECT (value #>> '{}')::int AS months FROM directory_settings WHERE key = 'review_after_months'`);
  return setting?.months;
}

export async function setReviewMonthsSetting(tx: Db, months: number): Promise<void> {
  await tx.execute(sql`INSERT INTO directory_settings (key, value) VALUES ('review_after_months', to_jsonb(${months}::int)) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`);
}

export interface ReviewRow {
  id: string;
  name: string;
  organization: string;
  organization_id: string;
  last_verified_at: string | null;
  last_verified_by: string | null;
}

/** Services not verified within `months`, oldest first; only those of `organizationIds` unless null (everyone's). */
export async function servicesDueForReview(db: Db, months: number, organizationIds: string[] | null): Promise<ReviewRow[]> {
  return rowsOf<ReviewRow>(db, sql`SELECT s.id, s.name, o.legal_name AS organization, s.organization_id, s.last_verified_at, s.last_verified_by
    FROM directory_services s JOIN organizations o ON o.id = s.organization_id
    WHERE s.status <> 'defunct' AND (s.last_verified_at IS NULL OR s.last_verified_at < now() - make_interval(months => ${months}))
      ${organizationIds ? sql`AND s.organization_id = ANY(${arrayParam(organizationIds, 'uuid')})` : sql``}
    ORDER BY s.last_verified_at NULLS FIRST, s.name LIMIT 500`);
}

// ---------- taxonomy ----------

export async function taxonomyName(tx: Db, taxonomyId: string): Promise<string | undefined> {
  const [tax] = await rowsOf<{ name: string }>(tx, sql`SELECT name FROM directory_taxonomies WHERE id = ${taxonomyId}`);
  return tax?.name;
}

export async function termInTaxonomy(tx: Db, termId: string, taxonomyId: string): Promise<boolean> {
  const [p] = await rowsOf(tx, sql`SELECT 1 FROM directory_taxonomy_terms WHERE id = ${termId} AND taxonomy_id = ${taxonomyId}`);
  return !!p;
}

/** Whether `termId` is `parentId` or one of its ancestors (so putting it under parentId makes a cycle). */
export async function termIsAbove(tx: Db, termId: string, parentId: string): Promise<boolean> {
  const [cycle] = await rowsOf(tx, sql`WITH RECURSIVE up AS (SELECT id, parent_id FROM directory_taxonomy_terms WHERE id = ${parentId}
      UNION SELECT t.id, t.parent_id FROM directory_taxonomy_terms t JOIN up ON t.id = up.parent_id) SELECT 1 FROM up WHERE id = ${termId}`);
  return !!cycle;
}

export interface TermValues {
  id?: string;
  code: string | null;
  name: string;
  description: string;
  parentId: string | null;
  taxonomy: string;
  taxonomyId: string;
  translations: Record<string, Record<string, string>>;
}

/** Creates or replaces a taxonomy term; returns its id. */
export async function upsertTermRow(tx: Db, t: TermValues): Promise<string> {
  const [row] = await rowsOf<{ id: string }>(tx, sql`
    INSERT INTO directory_taxonomy_terms (id, code, name, description, parent_id, taxonomy, taxonomy_id, language, translations)
    VALUES (coalesce(${t.id ?? null}::uuid, gen_random_uuid()), ${t.code}, ${t.name}, ${t.description}, ${t.parentId}, ${t.taxonomy}, ${t.taxonomyId}, 'en', ${JSON.stringify(t.translations)}::jsonb)
    ON CONFLICT (id) DO UPDATE SET code = EXCLUDED.code, name = EXCLUDED.name, description = EXCLUDED.description, parent_id = EXCLUDED.parent_id, translations = EXCLUDED.translations
    RETURNING id`);
  return row.id;
}

/** Services classified under the term (directly). */
export async function servicesWithTerm(tx: Db, termId: string): Promise<string[]> {
  const rows = await rowsOf<{ id: string }>(tx, sql`SELECT DISTINCT link_id AS id FROM directory_attributes WHERE taxonomy_term_id = ${termId} AND link_entity = 'service'`);
  return rows.map((r) => r.id);
}
