import { sql, type SQL } from 'drizzle-orm';
import { arrayParam } from '../../../core/db/params';
import { preparedRowsOf, type Db } from '../../../core/db/database';

/**
 * Builds HSDS 3.0 JSON in PostgreSQL, one round trip per page. Column names in the
 * directory tables are the HSDS field names, so `to_jsonb(row)` is already HSDS; nulls are
 * stripped at the end because the compiled HSDS schemas type fields as non-nullable.
 * Internal columns (version, timestamps, search helpers) are dropped; `translations`,
 * `eligibility` and `capacities` stay as documented extensions.
 */
const INTERNAL = `- 'version' - 'created_at' - 'updated_at' - 'geography_id'`;

const attributes = (link: string) => `(SELECT coalesce(jsonb_agg(
    to_jsonb(a) || jsonb_build_object('taxonomy_term',
      to_jsonb(tt) || CASE WHEN tx.id IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('taxonomy_detail', to_jsonb(tx)) END)
    ORDER BY tt.name, a.id), '[]'::jsonb)
  FROM directory_attributes a JOIN directory_taxonomy_terms tt ON tt.id = a.taxonomy_term_id
  LEFT JOIN directory_taxonomies tx ON tx.id = tt.taxonomy_id WHERE a.link_id = ${link})`;

/**
 * Field history as the public sees it (issue 11): only fields the public record carries
 * (`current` is the record's public JSON) and capacity changes; the editor is the
 * organization responsible for the record (`editor`), never a person; a previous value is
 * withheld, and a replacement value shows only while it is still the field's value, so a
 * value someone removed never comes back through the history.
 */
const metadata = (resource: string, current: string, editor: string) => `(SELECT coalesce(jsonb_agg(
    to_jsonb(m) || jsonb_build_object('previous_value', '', 'updated_by', ${editor},
      'last_action_date', to_char(m.last_action_date AT TIME ZONE 'UTC', 'YYYY-MM-DD'),
      'replacement_value', CASE
        WHEN m.field_name LIKE 'capacity:%' THEN CASE WHEN NOT EXISTS (SELECT 1 FROM directory_metadata m2 WHERE m2.resource_id = m.resource_id
          AND m2.field_name = m.field_name AND (m2.last_action_date, m2.id::text) > (m.last_action_date, m.id::text)) THEN m.replacement_value ELSE '' END
        WHEN (${current}) ->> m.field_name = m.replacement_value THEN m.replacement_value ELSE '' END)
    ORDER BY m.last_action_date, m.id), '[]'::jsonb)
  FROM directory_metadata m WHERE m.resource_id = ${resource} AND ((${current}) ? m.field_name OR m.field_name LIKE 'capacity:%'))`;

/** The organization's name, which public output gives wherever a staff member's name or e-mail was recorded. */
const organizationName = (organizationId: string) => `(SELECT eo.legal_name FROM organizations eo WHERE eo.id = ${organizationId})`;

const children = (table: string, alias: string, where: string, extra = '') => `(SELECT coalesce(jsonb_agg(to_jsonb(${alias}) ${extra} ORDER BY ${alias}.id), '[]'::jsonb)
  FROM ${table} ${alias} WHERE ${where})`;

const phones = (where: string) => children('directory_phones', 'ph', where, `|| jsonb_build_object('languages', ${children('directory_languages', 'pl', 'pl.phone_id = ph.id')})`);
const contacts = (where: string) => children('directory_contacts', 'ct', where, `|| jsonb_build_object('phones', ${phones('ph.contact_id = ct.id')})`);

const location = (alias: string) => `(to_jsonb(${alias}) ${INTERNAL}) || jsonb_build_object(
    'geography_code', (SELECT g.code FROM geographies g WHERE g.id = ${alias}.geography_id),
    'addresses', ${children('directory_addresses', 'ad', `ad.location_id = ${alias}.id`)},
    'phones', ${phones(`ph.location_id = ${alias}.id AND ph.service_at_location_id IS NULL`)},
    'languages', ${children('directory_languages', 'll', `ll.location_id = ${alias}.id`)},
    'accessibility', ${children('directory_accessibility', 'ac', `ac.location_id = ${alias}.id`)},
    'schedules', ${children('directory_schedules', 'ls', `ls.location_id = ${alias}.id AND ls.service_at_location_id IS NULL`)},
    'contacts', ${contacts(`ct.location_id = ${alias}.id AND ct.service_at_location_id IS NULL`)},
    'attributes', ${attributes(`${alias}.id`)})`;

const serviceAtLocation = (alias: string) => `(to_jsonb(${alias}) - 'translations') || jsonb_build_object(
    'location', (SELECT ${location('loc')} FROM directory_locations loc WHERE loc.id = ${alias}.location_id),
    'phones', ${phones(`ph.service_at_location_id = ${alias}.id`)},
    'schedules', ${children('directory_schedules', 'ss', `ss.service_at_location_id = ${alias}.id`)},
    'contacts', ${contacts(`ct.service_at_location_id = ${alias}.id`)},
    'attributes', ${attributes(`${alias}.id`)})`;

const organizationBase = (alias: string) => `jsonb_build_object(
    'id', ${alias}.id, 'name', ${alias}.legal_name, 'alternate_name', ${alias}.alternate_names[1],
    'description', coalesce(${alias}.description, ''), 'email', ${alias}.email, 'website', ${alias}.website,
    'parent_organization_id', ${alias}.parent_id,
    'phones', ${phones(`ph.organization_id = ${alias}.id AND ph.service_id IS NULL AND ph.location_id IS NULL AND ph.contact_id IS NULL`)})
  || coalesce((SELECT to_jsonb(od) - 'organization_id' FROM directory_organization_details od WHERE od.organization_id = ${alias}.id), '{}'::jsonb)`;

const program = (alias: string) => `to_jsonb(${alias})`;

/** A service as its list item: one-to-one fields plus organization and program. */
const serviceListItem = (alias: string) => `(to_jsonb(${alias}) ${INTERNAL} - 'last_verified_at' - 'last_verified_by')
  || jsonb_build_object(
    'last_modified', ${alias}.updated_at,
    'organization', (SELECT ${organizationBase('o')} FROM organizations o WHERE o.id = ${alias}.organization_id),
    'program', (SELECT ${program('pr')} FROM directory_programs pr WHERE pr.id = ${alias}.program_id))`;

/** The fully nested service. */
const serviceFull = (alias: string) => `${serviceListItem(alias)} || jsonb_build_object(
    'last_verified_at', ${alias}.last_verified_at,
    'last_verified_by', CASE WHEN ${alias}.last_verified_by IS NOT NULL OR ${alias}.last_verified_at IS NOT NULL THEN ${organizationName(`${alias}.organization_id`)} END,
    'phones', ${phones(`ph.service_id = ${alias}.id AND ph.service_at_location_id IS NULL`)},
    'schedules', ${children('directory_schedules', 'sc', `sc.service_id = ${alias}.id AND sc.service_at_location_id IS NULL`)},
    'service_areas', ${children('directory_service_areas', 'sa', `sa.service_id = ${alias}.id`, `- 'geography_id' || jsonb_build_object('geography_code', (SELECT g.code FROM geographies g WHERE g.id = sa.geography_id))`)},
    'service_at_locations', (SELECT coalesce(jsonb_agg(${serviceAtLocation('sal')} ORDER BY sal.id), '[]'::jsonb) FROM directory_service_at_locations sal WHERE sal.service_id = ${alias}.id),
    'languages', ${children('directory_languages', 'sl', `sl.service_id = ${alias}.id`)},
    'funding', ${children('directory_fundings', 'fu', `fu.service_id = ${alias}.id`)},
    'cost_options', ${children('directory_cost_options', 'co', `co.service_id = ${alias}.id`)},
    'required_documents', ${children('directory_required_documents', 'rd', `rd.service_id = ${alias}.id`)},
    'contacts', ${contacts(`ct.service_id = ${alias}.id AND ct.service_at_location_id IS NULL`)},
    'capacities', (SELECT coalesce(jsonb_agg(to_jsonb(cap) || jsonb_build_object('unit', to_jsonb(u),
        'updated_by', CASE WHEN cap.updated_by IS NOT NULL THEN ${organizationName(`${alias}.organization_id`)} END) ORDER BY u.name), '[]'::jsonb)
      FROM directory_service_capacities cap JOIN directory_units u ON u.id = cap.unit_id WHERE cap.service_id = ${alias}.id),
    'attributes', ${attributes(`${alias}.id`)},
    'metadata', ${metadata(`${alias}.id`, `to_jsonb(${alias}) ${INTERNAL} - 'last_verified_by'`, organizationName(`${alias}.organization_id`))})`;

/**
 * A service with only what the finder's list shows (directory.presenter.ts reads these
 * fields): the HSDS fields of the full service, without field history, contacts, funding,
 * service areas or the locations' own phones, languages and contacts, which the finder's page
 * of 20 does not show and which cost as much to build as the search itself.
 */
const serviceForFinder = (alias: string) => `(to_jsonb(${alias}) ${INTERNAL} - 'last_verified_by')
  || jsonb_build_object(
    'organization', (SELECT ${organizationBase('o')} FROM organizations o WHERE o.id = ${alias}.organization_id),
    'last_verified_by', CASE WHEN ${alias}.last_verified_by IS NOT NULL OR ${alias}.last_verified_at IS NOT NULL THEN ${organizationName(`${alias}.organization_id`)} END,
    'phones', ${children('directory_phones', 'ph', `ph.service_id = ${alias}.id AND ph.service_at_location_id IS NULL`)},
    'service_at_locations', (SELECT coalesce(jsonb_agg(jsonb_build_object(
        'schedules', ${children('directory_schedules', 'ss', 'ss.service_at_location_id = sal.id')},
        'location', (SELECT (to_jsonb(loc) ${INTERNAL}) || jsonb_build_object(
            'geography_code', (SELECT g.code FROM geographies g WHERE g.id = loc.geography_id),
            'addresses', ${children('directory_addresses', 'ad', 'ad.location_id = loc.id')},
            'accessibility', ${children('directory_accessibility', 'ac', 'ac.location_id = loc.id')},
            'schedules', ${children('directory_schedules', 'ls', 'ls.location_id = loc.id AND ls.service_at_location_id IS NULL')})
          FROM directory_locations loc WHERE loc.id = sal.location_id)) ORDER BY sal.id), '[]'::jsonb)
      FROM directory_service_at_locations sal WHERE sal.service_id = ${alias}.id),
    'languages', ${children('directory_languages', 'sl', `sl.service_id = ${alias}.id`)},
    'cost_options', ${children('directory_cost_options', 'co', `co.service_id = ${alias}.id`)},
    'required_documents', ${children('directory_required_documents', 'rd', `rd.service_id = ${alias}.id`)},
    'capacities', (SELECT coalesce(jsonb_agg((to_jsonb(cap) - 'updated_by') || jsonb_build_object('unit', to_jsonb(u)) ORDER BY u.name), '[]'::jsonb)
      FROM directory_service_capacities cap JOIN directory_units u ON u.id = cap.unit_id WHERE cap.service_id = ${alias}.id),
    'attributes', ${attributes(`${alias}.id`)})`;

const organizationFull = (alias: string, withServices: 'none' | 'list' | 'full') => `${organizationBase(alias)} || jsonb_build_object(
    'funding', ${children('directory_fundings', 'fu', `fu.organization_id = ${alias}.id AND fu.service_id IS NULL`)},
    'contacts', ${contacts(`ct.organization_id = ${alias}.id AND ct.service_id IS NULL AND ct.location_id IS NULL`)},
    'phones', ${phones(`ph.organization_id = ${alias}.id AND ph.service_id IS NULL AND ph.location_id IS NULL`)},
    'locations', (SELECT coalesce(jsonb_agg(${location('ol')} ORDER BY ol.id), '[]'::jsonb) FROM directory_locations ol WHERE ol.organization_id = ${alias}.id),
    'programs', ${children('directory_programs', 'op', `op.organization_id = ${alias}.id`)},
    'organization_identifiers', ${children('directory_organization_identifiers', 'oi', `oi.organization_id = ${alias}.id`)},
    'attributes', ${attributes(`${alias}.id`)},
    'metadata', ${metadata(`${alias}.id`, organizationBase(alias), `${alias}.legal_name`)}
    ${withServices === 'none' ? '' : `, 'services', (SELECT coalesce(jsonb_agg(${withServices === 'full' ? serviceFull('os') : serviceListItem('os')} ORDER BY os.name, os.id), '[]'::jsonb) FROM directory_services os WHERE os.organization_id = ${alias}.id)`})`;


/**
 * The `j` column of each row: the HSDS JSON the query built. Prepared (planned once per
 * connection): each statement's text is the same whatever the ids, and planning its dozen
 * subqueries took a quarter of its time (3.1 of 8.5 ms for a finder page's 20 services, at
 * 60,000 services).
 */
async function jsonRows(db: Db, query: SQL): Promise<Record<string, unknown>[]> {
  return (await preparedRowsOf<{ j: Record<string, unknown> }>(db, query)).map((r) => r.j);
}

/** HSDS services for the given ids, in the given order. */
export async function hsdsServices(db: Db, ids: string[], full: boolean): Promise<Record<string, unknown>[]> {
  if (ids.length === 0) return [];
  const rows = await jsonRows(
    db,
    sql`SELECT jsonb_strip_nulls(${sql.raw(full ? serviceFull('s') : serviceListItem('s'))}) AS j
        FROM directory_services s JOIN unnest(${arrayParam(ids, 'uuid')}) WITH ORDINALITY AS pick(id, n) ON pick.id = s.id ORDER BY pick.n`,
  );
  return rows;
}

/** Services for the finder's list (serviceForFinder), in the given order. */
export async function finderServiceDocuments(db: Db, ids: string[]): Promise<Record<string, unknown>[]> {
  if (ids.length === 0) return [];
  return jsonRows(
    db,
    sql`SELECT jsonb_strip_nulls(${sql.raw(serviceForFinder('s'))}) AS j
        FROM directory_services s JOIN unnest(${arrayParam(ids, 'uuid')}) WITH ORDINALITY AS pick(id, n) ON pick.id = s.id ORDER BY pick.n`,
  );
}

export async function hsdsOrganizations(db: Db, ids: string[], services: 'none' | 'list' | 'full'): Promise<Record<string, unknown>[]> {
  if (ids.length === 0) return [];
  return jsonRows(
    db,
    sql`SELECT jsonb_strip_nulls(${sql.raw(organizationFull('o', services))}) AS j
        FROM organizations o JOIN unnest(${arrayParam(ids, 'uuid')}) WITH ORDINALITY AS pick(id, n) ON pick.id = o.id ORDER BY pick.n`,
  );
}

/** Organizations as list items: one-to-one fields only. */
export async function hsdsOrganizationItems(db: Db, ids: string[]): Promise<Record<string, unknown>[]> {
  if (ids.length === 0) return [];
  return jsonRows(
    db,
    sql`SELECT jsonb_strip_nulls(${sql.raw(organizationBase('o'))}) AS j
        FROM organizations o JOIN unnest(${arrayParam(ids, 'uuid')}) WITH ORDINALITY AS pick(id, n) ON pick.id = o.id ORDER BY pick.n`,
  );
}

export async function hsdsServiceAtLocations(db: Db, ids: string[], full: boolean): Promise<Record<string, unknown>[]> {
  if (ids.length === 0) return [];
  const item = full
    ? `${serviceAtLocation('x')} || jsonb_build_object('service', (SELECT ${serviceListItem('xs')} FROM directory_services xs WHERE xs.id = x.service_id))`
    : `to_jsonb(x) - 'translations'`;
  return jsonRows(
    db,
    sql`SELECT jsonb_strip_nulls(${sql.raw(item)}) AS j
        FROM directory_service_at_locations x JOIN unnest(${arrayParam(ids, 'uuid')}) WITH ORDINALITY AS pick(id, n) ON pick.id = x.id ORDER BY pick.n`,
  );
}

export async function hsdsTaxonomyTerms(db: Db, ids: string[]): Promise<Record<string, unknown>[]> {
  if (ids.length === 0) return [];
  return jsonRows(
    db,
    sql`SELECT jsonb_strip_nulls((to_jsonb(t) - 'translations') || CASE WHEN tx.id IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('taxonomy_detail', to_jsonb(tx)) END
          || jsonb_build_object('translations', t.translations, 'metadata', ${sql.raw(metadata('t.id', `to_jsonb(t)`, `'Directory administrators'`))})) AS j
        FROM directory_taxonomy_terms t LEFT JOIN directory_taxonomies tx ON tx.id = t.taxonomy_id
        JOIN unnest(${arrayParam(ids, 'uuid')}) WITH ORDINALITY AS pick(id, n) ON pick.id = t.id ORDER BY pick.n`,
  );
}
