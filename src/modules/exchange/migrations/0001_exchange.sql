-- Knowledge exchange across partnerships (docs/exchange.md): networks of collaboratives with a
-- steward, share grants (consent to compare, one indicator at a time), common templates with
-- versions and adoptions, a practice library, and what came in from other instances.

CREATE TABLE exchange_networks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL UNIQUE CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  name_fr text CHECK (length(name_fr) <= 200),
  description text CHECK (length(description) <= 4000),
  -- The steward convenes the network: sees who reported, stale data, consented aggregates.
  steward_user_id uuid REFERENCES users (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Membership reveals a collaborative's name and community type to the network, nothing else.
CREATE TABLE exchange_network_members (
  network_id uuid NOT NULL REFERENCES exchange_networks (id) ON DELETE CASCADE,
  collaborative_id uuid NOT NULL REFERENCES collaboratives (id),
  community_type text NOT NULL CHECK (community_type IN ('urban', 'rural', 'neighbourhood')),
  joined_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (network_id, collaborative_id)
);
CREATE INDEX exchange_network_members_collab_idx ON exchange_network_members (collaborative_id);

-- One grant per shared item: who shared what with which network, when, until when; revocable.
-- Grants are never deleted: a revoked grant keeps who revoked it and why.
CREATE TABLE exchange_share_grants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  network_id uuid NOT NULL REFERENCES exchange_networks (id) ON DELETE CASCADE,
  collaborative_id uuid NOT NULL REFERENCES collaboratives (id),
  kind text NOT NULL CHECK (kind IN ('indicator', 'measure')),
  indicator_id uuid REFERENCES data_indicators (id),
  measure_id uuid,
  -- Where the shared values are read: the collaborative's place (its catchment).
  geography_id uuid REFERENCES geographies (id),
  -- Aggregates the steward may add up across the network (the member's second consent).
  aggregate_consent boolean NOT NULL DEFAULT false,
  granted_by uuid REFERENCES users (id),
  granted_at timestamptz NOT NULL DEFAULT now(),
  valid_until date,
  revoked_at timestamptz,
  revoked_by uuid REFERENCES users (id),
  revoke_reason text CHECK (length(revoke_reason) <= 1000),
  CHECK ((kind = 'indicator') = (indicator_id IS NOT NULL)),
  CHECK ((kind = 'measure') = (measure_id IS NOT NULL))
);
CREATE UNIQUE INDEX exchange_share_grants_live ON exchange_share_grants (network_id, collaborative_id, kind, coalesce(indicator_id, measure_id)) WHERE revoked_at IS NULL;
CREATE INDEX exchange_share_grants_network_idx ON exchange_share_grants (network_id) WHERE revoked_at IS NULL;

-- Common templates: a bundle of indicator definitions, measures, report-card sections and
-- (when the assessments module lands) instruments; each version is frozen once published.
CREATE TABLE exchange_templates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  network_id uuid NOT NULL REFERENCES exchange_networks (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  name_fr text CHECK (length(name_fr) <= 200),
  source_instance text CHECK (length(source_instance) <= 300),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (network_id, name)
);
CREATE TABLE exchange_template_versions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  template_id uuid NOT NULL REFERENCES exchange_templates (id) ON DELETE CASCADE,
  number integer NOT NULL CHECK (number >= 1),
  content jsonb NOT NULL,
  change_note text CHECK (length(change_note) <= 4000),
  published_by uuid REFERENCES users (id),
  published_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (template_id, number)
);
CREATE TABLE exchange_adoptions (
  template_id uuid NOT NULL REFERENCES exchange_templates (id) ON DELETE CASCADE,
  collaborative_id uuid NOT NULL REFERENCES collaboratives (id),
  version_id uuid NOT NULL REFERENCES exchange_template_versions (id),
  -- [{ op: add|drop|rename, item, to?, reason }]
  adaptations jsonb NOT NULL DEFAULT '[]',
  adopted_by uuid REFERENCES users (id),
  adopted_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (template_id, collaborative_id)
);
-- "A new version tells adopters what changed": one notice per adopter per new version.
CREATE TABLE exchange_template_notices (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  version_id uuid NOT NULL REFERENCES exchange_template_versions (id) ON DELETE CASCADE,
  collaborative_id uuid NOT NULL REFERENCES collaboratives (id),
  changes jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz,
  UNIQUE (version_id, collaborative_id)
);

-- The practice library: what worked, where, for whom, with evidence; English and French.
CREATE TABLE exchange_practices (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  author_collaborative_id uuid REFERENCES collaboratives (id),
  title_en text NOT NULL CHECK (length(btrim(title_en)) BETWEEN 1 AND 300),
  title_fr text CHECK (length(title_fr) <= 300),
  problem_en text NOT NULL CHECK (length(problem_en) <= 4000),
  problem_fr text CHECK (length(problem_fr) <= 4000),
  done_en text NOT NULL CHECK (length(done_en) <= 8000),
  done_fr text CHECK (length(done_fr) <= 8000),
  by_whom text CHECK (length(by_whom) <= 1000),
  for_whom text CHECK (length(for_whom) <= 1000),
  place text CHECK (length(place) <= 500),
  resources text CHECK (length(resources) <= 2000),
  results_en text CHECK (length(results_en) <= 4000),
  results_fr text CHECK (length(results_fr) <= 4000),
  -- [{ kind: indicator|report_card|document|url, ref, label }]
  evidence jsonb NOT NULL DEFAULT '[]',
  community_type text NOT NULL CHECK (community_type IN ('urban', 'rural', 'neighbourhood')),
  need_domain text NOT NULL CHECK (need_domain ~ '^[a-z-]{2,40}$'),
  welcoming_characteristic text CHECK (welcoming_characteristic ~ '^[a-z_]{2,60}$'),
  population_tags text[] NOT NULL DEFAULT '{}',
  source_instance text CHECK (length(source_instance) <= 300),
  source_id uuid,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', coalesce(title_en, '')), 'A') ||
    setweight(to_tsvector('french', coalesce(title_fr, '')), 'A') ||
    to_tsvector('english', coalesce(problem_en, '') || ' ' || coalesce(done_en, '') || ' ' || coalesce(results_en, '') || ' ' || coalesce(for_whom, '') || ' ' || coalesce(by_whom, '')) ||
    to_tsvector('french', coalesce(problem_fr, '') || ' ' || coalesce(done_fr, '') || ' ' || coalesce(results_fr, ''))
  ) STORED
);
CREATE INDEX exchange_practices_search_idx ON exchange_practices USING gin (search);
CREATE UNIQUE INDEX exchange_practices_source_idx ON exchange_practices (source_instance, source_id) WHERE source_id IS NOT NULL;

-- "Adapt this practice": the draft action it became in a collaborative's plan.
CREATE TABLE exchange_practice_adaptations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practice_id uuid NOT NULL REFERENCES exchange_practices (id) ON DELETE CASCADE,
  collaborative_id uuid NOT NULL REFERENCES collaboratives (id),
  plan_id uuid NOT NULL,
  element_id uuid NOT NULL,
  adapted_by uuid REFERENCES users (id),
  adapted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX exchange_practice_adaptations_practice_idx ON exchange_practice_adaptations (practice_id);

-- Shared values that came from another instance, kept with their source.
CREATE TABLE exchange_imported_values (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  network_id uuid NOT NULL REFERENCES exchange_networks (id) ON DELETE CASCADE,
  source_instance text NOT NULL CHECK (length(source_instance) <= 300),
  source_key_id text NOT NULL,
  collaborative_name text NOT NULL,
  community_type text NOT NULL,
  indicator_code text NOT NULL,
  indicator_name text NOT NULL,
  period text NOT NULL,
  value double precision,
  display text NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (network_id, source_instance, collaborative_name, indicator_code, period)
);

-- Every signed file that was imported: its signer and digest (the file is the source).
CREATE TABLE exchange_imports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  source_instance text NOT NULL,
  key_id text NOT NULL,
  public_key text NOT NULL,
  digest text NOT NULL,
  counts jsonb NOT NULL,
  imported_by uuid REFERENCES users (id),
  imported_at timestamptz NOT NULL DEFAULT now()
);
