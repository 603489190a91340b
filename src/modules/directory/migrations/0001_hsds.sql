-- The service directory: Open Referral HSDS 3.0. HSDS "organization" is the core
-- organizations table; everything else lives here, named directory_<hsds table>.
-- Ids are HSDS ids (UUIDs), so import and export round-trip without mapping.
-- Fields people read carry `translations` ({"fr": {"name": "...", ...}, "es": {...}}): the
-- columns hold the record's main language (English in the demo data).

CREATE TABLE directory_organization_details (
  organization_id uuid PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
  tax_status text, tax_id text, year_incorporated integer, legal_status text,
  logo text, uri text,
  translations jsonb NOT NULL DEFAULT '{}'::jsonb
);

CREATE TABLE directory_organization_identifiers (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  identifier_scheme text, identifier_type text NOT NULL, identifier text NOT NULL
);

CREATE TABLE directory_programs (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 500),
  alternate_name text, description text NOT NULL DEFAULT '',
  translations jsonb NOT NULL DEFAULT '{}'::jsonb
);

CREATE TABLE directory_services (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  program_id uuid REFERENCES directory_programs (id) ON DELETE SET NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 500),
  alternate_name text, description text, url text, email text,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive', 'defunct', 'temporarily closed')),
  interpretation_services text, application_process text, fees_description text, fees text,
  wait_time text, accreditations text, licenses text, eligibility_description text,
  minimum_age numeric CHECK (minimum_age >= 0 AND minimum_age <= 130),
  maximum_age numeric CHECK (maximum_age >= 0 AND maximum_age <= 130),
  assured_date date, assurer_email text, alert text,
  translations jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- Machine-readable eligibility beyond the age range: {"residency": [...], "populations": [...], "requiresStatus": [...]}.
  eligibility jsonb NOT NULL DEFAULT '{}'::jsonb,
  last_verified_at timestamptz,
  last_verified_by text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (minimum_age IS NULL OR maximum_age IS NULL OR minimum_age <= maximum_age)
);
CREATE INDEX directory_services_organization_idx ON directory_services (organization_id);
CREATE INDEX directory_services_updated_idx ON directory_services (updated_at);
CREATE INDEX directory_services_verified_idx ON directory_services (last_verified_at NULLS FIRST);

CREATE TABLE directory_locations (
  id uuid PRIMARY KEY,
  location_type text NOT NULL DEFAULT 'physical' CHECK (location_type IN ('physical', 'postal', 'virtual')),
  url text,
  organization_id uuid REFERENCES organizations (id) ON DELETE CASCADE,
  name text, alternate_name text, description text, transportation text,
  latitude double precision CHECK (latitude BETWEEN -90 AND 90),
  longitude double precision CHECK (longitude BETWEEN -180 AND 180),
  external_identifier text, external_identifier_type text,
  -- The municipality (core geography) the location is in, for filtering and maps.
  geography_id uuid REFERENCES geographies (id),
  translations jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX directory_locations_organization_idx ON directory_locations (organization_id);
CREATE INDEX directory_locations_geography_idx ON directory_locations (geography_id);
CREATE INDEX directory_locations_earth_idx ON directory_locations USING gist (ll_to_earth(latitude, longitude))
  WHERE latitude IS NOT NULL AND longitude IS NOT NULL;

CREATE TABLE directory_service_at_locations (
  id uuid PRIMARY KEY,
  service_id uuid NOT NULL REFERENCES directory_services (id) ON DELETE CASCADE,
  location_id uuid NOT NULL REFERENCES directory_locations (id) ON DELETE CASCADE,
  description text,
  translations jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX directory_sal_service_idx ON directory_service_at_locations (service_id);
CREATE INDEX directory_sal_location_idx ON directory_service_at_locations (location_id);

CREATE TABLE directory_addresses (
  id uuid PRIMARY KEY,
  location_id uuid NOT NULL REFERENCES directory_locations (id) ON DELETE CASCADE,
  attention text, address_1 text NOT NULL, address_2 text, city text NOT NULL, region text,
  state_province text NOT NULL, postal_code text NOT NULL, country text NOT NULL,
  address_type text NOT NULL DEFAULT 'physical' CHECK (address_type IN ('physical', 'postal', 'virtual'))
);
CREATE INDEX directory_addresses_location_idx ON directory_addresses (location_id);

CREATE TABLE directory_contacts (
  id uuid PRIMARY KEY,
  organization_id uuid REFERENCES organizations (id) ON DELETE CASCADE,
  service_id uuid REFERENCES directory_services (id) ON DELETE CASCADE,
  service_at_location_id uuid REFERENCES directory_service_at_locations (id) ON DELETE CASCADE,
  location_id uuid REFERENCES directory_locations (id) ON DELETE CASCADE,
  name text, title text, department text, email text
);
CREATE INDEX directory_contacts_service_idx ON directory_contacts (service_id);

CREATE TABLE directory_phones (
  id uuid PRIMARY KEY,
  location_id uuid REFERENCES directory_locations (id) ON DELETE CASCADE,
  service_id uuid REFERENCES directory_services (id) ON DELETE CASCADE,
  organization_id uuid REFERENCES organizations (id) ON DELETE CASCADE,
  contact_id uuid REFERENCES directory_contacts (id) ON DELETE CASCADE,
  service_at_location_id uuid REFERENCES directory_service_at_locations (id) ON DELETE CASCADE,
  number text NOT NULL, extension text, type text, description text
);
CREATE INDEX directory_phones_service_idx ON directory_phones (service_id);
CREATE INDEX directory_phones_location_idx ON directory_phones (location_id);
CREATE INDEX directory_phones_organization_idx ON directory_phones (organization_id);

CREATE TABLE directory_schedules (
  id uuid PRIMARY KEY,
  service_id uuid REFERENCES directory_services (id) ON DELETE CASCADE,
  location_id uuid REFERENCES directory_locations (id) ON DELETE CASCADE,
  service_at_location_id uuid REFERENCES directory_service_at_locations (id) ON DELETE CASCADE,
  valid_from date, valid_to date, dtstart date, timezone numeric, until date, count integer,
  wkst text CHECK (wkst IN ('MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU')),
  freq text CHECK (freq IN ('WEEKLY', 'MONTHLY')),
  interval integer, byday text, byweekno text, bymonthday text, byyearday text,
  description text, opens_at time, closes_at time, schedule_link text, attending_type text, notes text
);
CREATE INDEX directory_schedules_service_idx ON directory_schedules (service_id);
CREATE INDEX directory_schedules_location_idx ON directory_schedules (location_id);

CREATE TABLE directory_service_areas (
  id uuid PRIMARY KEY,
  service_id uuid NOT NULL REFERENCES directory_services (id) ON DELETE CASCADE,
  name text, description text, extent text, extent_type text, uri text,
  geography_id uuid REFERENCES geographies (id)
);
CREATE INDEX directory_service_areas_service_idx ON directory_service_areas (service_id);
CREATE INDEX directory_service_areas_geography_idx ON directory_service_areas (geography_id);

CREATE TABLE directory_languages (
  id uuid PRIMARY KEY,
  service_id uuid REFERENCES directory_services (id) ON DELETE CASCADE,
  location_id uuid REFERENCES directory_locations (id) ON DELETE CASCADE,
  phone_id uuid REFERENCES directory_phones (id) ON DELETE CASCADE,
  name text, code text, note text
);
CREATE INDEX directory_languages_service_idx ON directory_languages (service_id);
CREATE INDEX directory_languages_code_idx ON directory_languages (code);

CREATE TABLE directory_accessibility (
  id uuid PRIMARY KEY,
  location_id uuid NOT NULL REFERENCES directory_locations (id) ON DELETE CASCADE,
  description text, details text, url text
);
CREATE INDEX directory_accessibility_location_idx ON directory_accessibility (location_id);

CREATE TABLE directory_cost_options (
  id uuid PRIMARY KEY,
  service_id uuid NOT NULL REFERENCES directory_services (id) ON DELETE CASCADE,
  valid_from date, valid_to date, option text, currency text, amount numeric, amount_description text
);
CREATE INDEX directory_cost_options_service_idx ON directory_cost_options (service_id);

CREATE TABLE directory_fundings (
  id uuid PRIMARY KEY,
  organization_id uuid REFERENCES organizations (id) ON DELETE CASCADE,
  service_id uuid REFERENCES directory_services (id) ON DELETE CASCADE,
  source text
);

CREATE TABLE directory_required_documents (
  id uuid PRIMARY KEY,
  service_id uuid NOT NULL REFERENCES directory_services (id) ON DELETE CASCADE,
  document text, uri text
);
CREATE INDEX directory_required_documents_service_idx ON directory_required_documents (service_id);

CREATE TABLE directory_taxonomies (
  id uuid PRIMARY KEY,
  name text NOT NULL, description text NOT NULL DEFAULT '', uri text, version text
);

CREATE TABLE directory_taxonomy_terms (
  id uuid PRIMARY KEY,
  code text,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  parent_id uuid REFERENCES directory_taxonomy_terms (id) ON DELETE CASCADE,
  taxonomy text,
  language text,
  taxonomy_id uuid REFERENCES directory_taxonomies (id) ON DELETE CASCADE,
  term_uri text,
  translations jsonb NOT NULL DEFAULT '{}'::jsonb,
  CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX directory_taxonomy_terms_parent_idx ON directory_taxonomy_terms (parent_id);
CREATE INDEX directory_taxonomy_terms_taxonomy_idx ON directory_taxonomy_terms (taxonomy_id);
CREATE UNIQUE INDEX directory_taxonomy_terms_code_key ON directory_taxonomy_terms (taxonomy_id, code) WHERE code IS NOT NULL;

CREATE TABLE directory_attributes (
  id uuid PRIMARY KEY,
  link_id uuid NOT NULL,
  taxonomy_term_id uuid NOT NULL REFERENCES directory_taxonomy_terms (id) ON DELETE CASCADE,
  link_type text,
  link_entity text NOT NULL CHECK (link_entity IN ('organization', 'program', 'service', 'location', 'service_at_location', 'address', 'phone', 'contact', 'schedule', 'service_area', 'language', 'accessibility', 'cost_option', 'funding', 'required_document', 'organization_identifier', 'taxonomy_term')),
  value text
);
CREATE INDEX directory_attributes_link_idx ON directory_attributes (link_id);
CREATE INDEX directory_attributes_term_idx ON directory_attributes (taxonomy_term_id, link_entity);

-- Field-level change history, served as HSDS metadata.
CREATE TABLE directory_metadata (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  resource_id uuid NOT NULL,
  resource_type text NOT NULL,
  last_action_date timestamptz NOT NULL DEFAULT now(),
  last_action_type text NOT NULL,
  field_name text NOT NULL,
  previous_value text NOT NULL DEFAULT '',
  replacement_value text NOT NULL DEFAULT '',
  updated_by text NOT NULL
);
CREATE INDEX directory_metadata_resource_idx ON directory_metadata (resource_id, last_action_date DESC);

-- Capacity (HSDS 3.1 service_capacity and unit), kept alongside 3.0 and exported as `capacities`.
CREATE TABLE directory_units (
  id uuid PRIMARY KEY,
  name text NOT NULL, scheme text, identifier text, uri text,
  translations jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE TABLE directory_service_capacities (
  id uuid PRIMARY KEY,
  service_id uuid NOT NULL REFERENCES directory_services (id) ON DELETE CASCADE,
  unit_id uuid NOT NULL REFERENCES directory_units (id),
  available numeric NOT NULL CHECK (available >= 0),
  maximum numeric CHECK (maximum IS NULL OR maximum >= 0),
  description text,
  updated timestamptz NOT NULL DEFAULT now(),
  updated_by text
);
CREATE INDEX directory_service_capacities_service_idx ON directory_service_capacities (service_id);

-- Denormalised search documents, one per service, rebuilt whenever the service or anything
-- it hangs off changes (the service layer and the importer call directory_refresh_search).
CREATE TABLE directory_service_search (
  service_id uuid PRIMARY KEY REFERENCES directory_services (id) ON DELETE CASCADE,
  tsv_en tsvector NOT NULL,
  tsv_fr tsvector NOT NULL,
  folded text NOT NULL,
  language_codes text[] NOT NULL DEFAULT '{}',
  term_ids uuid[] NOT NULL DEFAULT '{}',
  geography_ids uuid[] NOT NULL DEFAULT '{}',
  is_free boolean NOT NULL DEFAULT false,
  wheelchair boolean NOT NULL DEFAULT false
);
CREATE INDEX directory_search_en_idx ON directory_service_search USING gin (tsv_en);
CREATE INDEX directory_search_fr_idx ON directory_service_search USING gin (tsv_fr);
CREATE INDEX directory_search_trgm_idx ON directory_service_search USING gin (folded gin_trgm_ops);
CREATE INDEX directory_search_terms_idx ON directory_service_search USING gin (term_ids);
CREATE INDEX directory_search_languages_idx ON directory_service_search USING gin (language_codes);
CREATE INDEX directory_search_geographies_idx ON directory_service_search USING gin (geography_ids);

-- French stemming on accent-folded text: "emploi", "Emploi", "émploi" all meet.
CREATE TEXT SEARCH CONFIGURATION rt_french (COPY = french);
ALTER TEXT SEARCH CONFIGURATION rt_french ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
CREATE TEXT SEARCH CONFIGURATION rt_english (COPY = english);
ALTER TEXT SEARCH CONFIGURATION rt_english ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;

CREATE FUNCTION directory_refresh_search(service_ids uuid[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO directory_service_search AS s (service_id, tsv_en, tsv_fr, folded, language_codes, term_ids, geography_ids, is_free, wheelchair)
  SELECT sv.id,
    setweight(to_tsvector('rt_english', sv.name || ' ' || coalesce(sv.alternate_name, '')), 'A')
      || setweight(to_tsvector('rt_english', coalesce(t.names_en, '')), 'B')
      || setweight(to_tsvector('rt_english', coalesce(sv.description, '') || ' ' || o.legal_name || ' ' || coalesce(sv.eligibility_description, '')), 'C'),
    setweight(to_tsvector('rt_french', coalesce(sv.translations #>> '{fr,name}', '') || ' ' || coalesce(sv.translations #>> '{fr,alternate_name}', '')), 'A')
      || setweight(to_tsvector('rt_french', coalesce(t.names_fr, '')), 'B')
      || setweight(to_tsvector('rt_french', coalesce(sv.translations #>> '{fr,description}', '') || ' ' || o.legal_name), 'C'),
    rt_fold(sv.name || ' ' || coalesce(sv.alternate_name, '') || ' ' || coalesce(sv.translations #>> '{fr,name}', '') || ' ' || o.legal_name
      || ' ' || coalesce(t.names_en, '') || ' ' || coalesce(t.names_fr, '')),
    coalesce(l.codes, '{}'),
    coalesce(t.ids, '{}'),
    coalesce(g.ids, '{}'),
    coalesce(c.free, false),
    coalesce(w.wheelchair, false)
  FROM directory_services sv
  JOIN organizations o ON o.id = sv.organization_id
  LEFT JOIN LATERAL (
    -- A service is filed under a term and under each of that term's ancestors.
    WITH RECURSIVE up AS (
      SELECT tt.* FROM directory_attributes a JOIN directory_taxonomy_terms tt ON tt.id = a.taxonomy_term_id
      WHERE a.link_id = sv.id AND a.link_entity = 'service'
      UNION
      SELECT p.* FROM directory_taxonomy_terms p JOIN up ON p.id = up.parent_id
    )
    SELECT array_agg(DISTINCT up.id) AS ids, string_agg(up.name, ' ') AS names_en,
      string_agg(coalesce(up.translations #>> '{fr,name}', ''), ' ') AS names_fr
    FROM up
  ) t ON true
  LEFT JOIN LATERAL (
    SELECT array_agg(DISTINCT lower(lg.code)) AS codes FROM directory_languages lg WHERE lg.service_id = sv.id AND lg.code IS NOT NULL
  ) l ON true
  LEFT JOIN LATERAL (
    SELECT array_agg(DISTINCT x.gid) AS ids FROM (
      SELECT loc.geography_id AS gid FROM directory_service_at_locations sal JOIN directory_locations loc ON loc.id = sal.location_id
      WHERE sal.service_id = sv.id AND loc.geography_id IS NOT NULL
      UNION
      SELECT sa.geography_id FROM directory_service_areas sa WHERE sa.service_id = sv.id AND sa.geography_id IS NOT NULL
    ) x
  ) g ON true
  LEFT JOIN LATERAL (
    SELECT bool_or(co.amount = 0 OR lower(coalesce(co.option, '')) IN ('free', 'gratuit')) AS free FROM directory_cost_options co WHERE co.service_id = sv.id
  ) c ON true
  LEFT JOIN LATERAL (
    SELECT bool_or(rt_fold(coalesce(ac.description, '') || ' ' || coalesce(ac.details, '')) ~ '(wheelchair|fauteuil roulant)') AS wheelchair
    FROM directory_service_at_locations sal JOIN directory_accessibility ac ON ac.location_id = sal.location_id WHERE sal.service_id = sv.id
  ) w ON true
  WHERE sv.id = ANY(service_ids)
  ON CONFLICT (service_id) DO UPDATE SET tsv_en = EXCLUDED.tsv_en, tsv_fr = EXCLUDED.tsv_fr, folded = EXCLUDED.folded,
    language_codes = EXCLUDED.language_codes, term_ids = EXCLUDED.term_ids, geography_ids = EXCLUDED.geography_ids,
    is_free = EXCLUDED.is_free, wheelchair = EXCLUDED.wheelchair;
$$;

CREATE TABLE directory_settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL
);
INSERT INTO directory_settings (key, value) VALUES ('review_after_months', '12');

-- Postal code areas (forward sortation areas) with a centre point, for "near this postal code".
CREATE TABLE directory_postal_areas (
  fsa text PRIMARY KEY CHECK (fsa ~ '^[A-Z][0-9][A-Z]$'),
  place text NOT NULL,
  latitude double precision NOT NULL,
  longitude double precision NOT NULL
);
