-- Service mapping: the "moving trains" inventory, the gap and overlap review queue, and
-- published snapshots that never change.

-- Planning tables, networks and initiatives entered by hand or by CSV. A row with a
-- collaborative_id is the mapping profile (domains, populations, funder, extra members) of one
-- of Roundtable's own collaboratives, whose name, lead and catchment are read live.
CREATE TABLE mapping_tables (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  collaborative_id uuid UNIQUE REFERENCES collaboratives (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 300),
  kind text NOT NULL CHECK (kind IN ('planning_table', 'network', 'initiative', 'committee', 'other')),
  source text NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'csv', 'seed')),
  mandate text NOT NULL DEFAULT '' CHECK (length(mandate) <= 5000),
  domains text[] NOT NULL DEFAULT '{}',
  populations text[] NOT NULL DEFAULT '{}',
  geography_ids uuid[] NOT NULL DEFAULT '{}',
  lead_organization_id uuid REFERENCES organizations (id) ON DELETE SET NULL,
  funder text CHECK (length(funder) <= 300),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX mapping_tables_name_key ON mapping_tables (lower(name));
CREATE INDEX mapping_tables_domains_idx ON mapping_tables USING gin (domains);

CREATE TABLE mapping_table_members (
  table_id uuid NOT NULL REFERENCES mapping_tables (id) ON DELETE CASCADE,
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  PRIMARY KEY (table_id, organization_id)
);
CREATE INDEX mapping_table_members_org_idx ON mapping_table_members (organization_id);

-- Gap and overlap candidates: questions for people, never verdicts. `key` makes generation
-- idempotent: the same question is asked once.
CREATE TABLE mapping_candidates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  key text NOT NULL UNIQUE,
  kind text NOT NULL CHECK (kind IN ('gap', 'overlap')),
  region_id uuid NOT NULL REFERENCES geographies (id),
  domain text NOT NULL,
  geography_id uuid REFERENCES geographies (id),
  service_ids uuid[] NOT NULL DEFAULT '{}',
  organization_ids uuid[] NOT NULL DEFAULT '{}',
  -- What the software saw: figures (already through disclosure control) and the reason asked.
  evidence jsonb NOT NULL DEFAULT '{}'::jsonb,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'labelled')),
  label text CHECK (label IN ('gap_confirmed', 'not_a_gap', 'duplicate', 'complementary', 'coordinated', 'to_discuss')),
  rationale text CHECK (length(rationale) <= 5000),
  labelled_by uuid REFERENCES users (id),
  labelled_at timestamptz,
  -- Where the question went next: a meeting agenda of a collaborative or an action of a plan.
  follow_ups jsonb NOT NULL DEFAULT '[]'::jsonb,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'labelled') = (label IS NOT NULL)),
  CHECK (label IS NULL OR rationale IS NOT NULL),
  CHECK (label IS NULL OR (kind = 'gap' AND label IN ('gap_confirmed', 'not_a_gap', 'to_discuss'))
                       OR (kind = 'overlap' AND label IN ('duplicate', 'complementary', 'coordinated', 'to_discuss')))
);
CREATE INDEX mapping_candidates_region_idx ON mapping_candidates (region_id, status, kind);

-- A published map. Every figure is copied in at publication, so later data changes never
-- reach it; only the `is_public` switch may change, and nothing may be deleted.
CREATE TABLE mapping_snapshots (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 300),
  region_id uuid NOT NULL REFERENCES geographies (id),
  published_at timestamptz NOT NULL DEFAULT now(),
  published_by uuid REFERENCES users (id),
  method jsonb NOT NULL,
  sources jsonb NOT NULL,
  figures jsonb NOT NULL,
  findings jsonb NOT NULL DEFAULT '[]'::jsonb,
  is_public boolean NOT NULL DEFAULT false
);
CREATE INDEX mapping_snapshots_region_idx ON mapping_snapshots (region_id, published_at DESC);

CREATE FUNCTION mapping_snapshot_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'mapping snapshots are immutable' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.title IS DISTINCT FROM OLD.title OR NEW.region_id IS DISTINCT FROM OLD.region_id
     OR NEW.published_at IS DISTINCT FROM OLD.published_at OR NEW.published_by IS DISTINCT FROM OLD.published_by
     OR NEW.method IS DISTINCT FROM OLD.method OR NEW.sources IS DISTINCT FROM OLD.sources
     OR NEW.figures IS DISTINCT FROM OLD.figures OR NEW.findings IS DISTINCT FROM OLD.findings OR NEW.id IS DISTINCT FROM OLD.id THEN
    RAISE EXCEPTION 'mapping snapshots are immutable' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER mapping_snapshots_immutable BEFORE UPDATE OR DELETE ON mapping_snapshots
  FOR EACH ROW EXECUTE FUNCTION mapping_snapshot_immutable();

-- How often the server publishes the No Wrong Door feed into the data repository (0 = never
-- on its own; the CLI still can), and when it last did.
CREATE TABLE mapping_settings (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  feed_refresh_hours integer NOT NULL DEFAULT 24 CHECK (feed_refresh_hours BETWEEN 0 AND 720),
  feed_refreshed_at timestamptz,
  feed_last_result text
);
INSERT INTO mapping_settings (id) VALUES (true);

-- The front line as the coverage views read it: intake's de-identified, suppressed feed summed
-- by municipality, need domain, month and measure at each refresh. `visible` is the sum of the
-- published counts; `hidden` says some count of the group was hidden at source.
CREATE TABLE mapping_front_line (
  municipality_code text NOT NULL,
  domain text NOT NULL,
  month text NOT NULL CHECK (month ~ '^[0-9]{4}-[0-9]{2}$'),
  measure text NOT NULL CHECK (measure IN ('needs_identified', 'unmet_needs')),
  visible integer NOT NULL CHECK (visible >= 0),
  hidden boolean NOT NULL,
  PRIMARY KEY (municipality_code, month, domain, measure)
);
