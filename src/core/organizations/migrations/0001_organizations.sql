-- text[] -> text through array_to_string is STABLE only in general; for text arrays it is
-- deterministic, which lets the search text be a stored generated column.
CREATE FUNCTION rt_organization_search_text(legal_name text, alternate_names text[]) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT rt_fold(legal_name || ' ' || coalesce(array_to_string(alternate_names, ' '), '')) $$;

CREATE TABLE organizations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  legal_name text NOT NULL CHECK (length(btrim(legal_name)) BETWEEN 1 AND 300),
  alternate_names text[] NOT NULL DEFAULT '{}',
  description text CHECK (length(description) <= 10000),
  website text CHECK (length(website) <= 500),
  email text CHECK (length(email) <= 320),
  phones jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(phones) = 'array'),
  addresses jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(addresses) = 'array'),
  sector text,
  partner_category text CHECK (partner_category IN (
    'voluntary_nonprofit', 'data_research', 'grassroots_lived_experience', 'private_sector',
    'media', 'government_public_sector', 'population_specific')),
  parent_id uuid REFERENCES organizations (id),
  geography_id uuid REFERENCES geographies (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  search_text text GENERATED ALWAYS AS (rt_organization_search_text(legal_name, alternate_names)) STORED,
  CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX organizations_search_trgm_idx ON organizations USING gin (search_text gin_trgm_ops);
CREATE INDEX organizations_legal_name_idx ON organizations (lower(legal_name), id);
CREATE INDEX organizations_parent_idx ON organizations (parent_id);
