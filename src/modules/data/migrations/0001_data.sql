-- The community data repository: an indicator catalogue, observations (indicator × place ×
-- period × disaggregation, public or private to one collaborative), their revision history,
-- saved census-profile mappings and dashboards. See docs/decisions/0007-observation-storage.md.
CREATE TABLE data_indicators (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9][a-z0-9._-]{0,79}$'),
  name_en text NOT NULL CHECK (length(btrim(name_en)) BETWEEN 1 AND 300),
  name_fr text CHECK (length(name_fr) <= 300),
  definition_en text CHECK (length(definition_en) <= 4000),
  definition_fr text CHECK (length(definition_fr) <= 4000),
  unit text NOT NULL CHECK (unit IN ('count', 'percent', 'rate_per_1000', 'currency', 'index')),
  direction text NOT NULL DEFAULT 'neutral' CHECK (direction IN ('higher_is_better', 'lower_is_better', 'neutral')),
  -- A need domain code of the directory's taxonomy ('settlement', 'housing', …) or 'population'.
  domain text NOT NULL DEFAULT 'population' CHECK (domain ~ '^[a-z-]{2,40}$'),
  source text CHECK (length(source) <= 500),
  licence text CHECK (length(licence) <= 300),
  source_url text CHECK (length(source_url) <= 1000),
  frequency text NOT NULL DEFAULT 'annual' CHECK (frequency IN ('census', 'annual', 'quarterly', 'monthly', 'irregular')),
  dimensions text[] NOT NULL DEFAULT '{}',
  suppression_threshold integer NOT NULL DEFAULT 5 CHECK (suppression_threshold BETWEEN 0 AND 1000),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE data_observations (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  indicator_id uuid NOT NULL REFERENCES data_indicators (id),
  geography_id uuid NOT NULL REFERENCES geographies (id),
  -- '2016', '2024-Q3' or '2025-04'; period_start orders and range-checks them.
  period text NOT NULL CHECK (period ~ '^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$'),
  period_start date NOT NULL,
  -- Disaggregation normalised to 'dim=value;dim=value' sorted by dimension; '' is the total.
  disaggregation_key text NOT NULL DEFAULT '' CHECK (length(disaggregation_key) <= 500),
  -- NULL: the public partition; else private to this collaborative.
  collaborative_id uuid REFERENCES collaboratives (id),
  value double precision,
  value_low double precision,
  value_high double precision,
  status text NOT NULL CHECK (status IN ('provisional', 'final', 'suppressed')),
  is_projection boolean NOT NULL DEFAULT false,
  source text CHECK (length(source) <= 500),
  notes text CHECK (length(notes) <= 2000),
  revision integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (value_low IS NULL OR value_high IS NULL OR value_low <= value_high),
  CHECK (status <> 'suppressed' OR value IS NULL)
);
-- One row per natural key, so imports upsert idempotently. Leading (indicator, period) serves
-- the map query: one indicator, one period, every place under a parent.
CREATE UNIQUE INDEX data_observations_key ON data_observations
  (indicator_id, period, geography_id, disaggregation_key, collaborative_id) NULLS NOT DISTINCT;
-- The series query: one indicator, one place, every period; covering, so no heap visits.
CREATE INDEX data_observations_series_idx ON data_observations
  (indicator_id, geography_id, period_start) INCLUDE (period, value, status, disaggregation_key, collaborative_id);

CREATE TABLE data_observation_revisions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  observation_id bigint NOT NULL REFERENCES data_observations (id) ON DELETE CASCADE,
  revision integer NOT NULL,
  value double precision,
  value_low double precision,
  value_high double precision,
  status text NOT NULL,
  is_projection boolean NOT NULL,
  source text,
  notes text,
  valid_until timestamptz NOT NULL DEFAULT now(),
  replaced_by text NOT NULL
);
CREATE INDEX data_observation_revisions_obs_idx ON data_observation_revisions (observation_id, revision);

-- Which Census Profile characteristic rows feed which catalogue indicator.
CREATE TABLE data_census_mappings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  characteristic_id integer NOT NULL,
  characteristic_name text NOT NULL CHECK (length(characteristic_name) <= 500),
  column_name text NOT NULL DEFAULT 'C1_COUNT_TOTAL' CHECK (column_name IN ('C1_COUNT_TOTAL', 'C2_COUNT_MEN+', 'C3_COUNT_WOMEN+', 'C10_RATE_TOTAL', 'C11_RATE_MEN+', 'C12_RATE_WOMEN+')),
  indicator_id uuid NOT NULL REFERENCES data_indicators (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (characteristic_id, column_name)
);

CREATE TABLE data_dashboards (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  collaborative_id uuid NOT NULL REFERENCES collaboratives (id),
  title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
  description text CHECK (length(description) <= 2000),
  visibility text NOT NULL DEFAULT 'members' CHECK (visibility IN ('members', 'public')),
  indicator_ids uuid[] NOT NULL DEFAULT '{}',
  geography_ids uuid[] NOT NULL DEFAULT '{}',
  created_by uuid REFERENCES users (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX data_dashboards_collaborative_idx ON data_dashboards (collaborative_id);
