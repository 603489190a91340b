-- Service pathways: ideal paths through services for a scenario, their published versions,
-- workshop drawings of how a scenario goes today, and residents' "was this right?" answers.

-- A pathway belongs to a collaborative. `steps` is the working draft (a JSON array of steps in
-- order, each with its branches); published versions are frozen in pathway_versions.
CREATE TABLE pathways (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  collaborative_id uuid NOT NULL REFERENCES collaboratives (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  name_fr text NOT NULL DEFAULT '' CHECK (length(name_fr) <= 200),
  scenario text NOT NULL DEFAULT '' CHECK (length(scenario) <= 2000),
  scenario_fr text NOT NULL DEFAULT '' CHECK (length(scenario_fr) <= 2000),
  population text NOT NULL DEFAULT '' CHECK (length(population) <= 300),
  geography_id uuid REFERENCES geographies (id) ON DELETE SET NULL,
  review_date date,
  steps jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(steps) = 'array'),
  -- A copy keeps a link to its base and the base version it last took into account.
  based_on_id uuid REFERENCES pathways (id) ON DELETE SET NULL,
  based_on_version integer,
  created_by uuid REFERENCES users (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX pathways_collaborative_idx ON pathways (collaborative_id);
CREATE INDEX pathways_based_on_idx ON pathways (based_on_id);

-- Published versions never change.
CREATE TABLE pathway_versions (
  pathway_id uuid NOT NULL REFERENCES pathways (id) ON DELETE CASCADE,
  number integer NOT NULL CHECK (number > 0),
  name text NOT NULL,
  name_fr text NOT NULL,
  scenario text NOT NULL,
  scenario_fr text NOT NULL,
  population text NOT NULL,
  review_date date,
  steps jsonb NOT NULL,
  note text NOT NULL DEFAULT '' CHECK (length(note) <= 1000),
  published_by uuid REFERENCES users (id),
  published_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (pathway_id, number)
);

CREATE FUNCTION pathway_versions_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'published pathway versions never change';
END $$;
CREATE TRIGGER pathway_versions_no_update BEFORE UPDATE ON pathway_versions FOR EACH ROW EXECUTE FUNCTION pathway_versions_frozen();

-- Workshop: each participant's drawing of how the scenario goes today. No client information.
CREATE TABLE pathway_drawings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  pathway_id uuid NOT NULL REFERENCES pathways (id) ON DELETE CASCADE,
  participant text NOT NULL CHECK (length(btrim(participant)) BETWEEN 1 AND 120),
  steps jsonb NOT NULL CHECK (jsonb_typeof(steps) = 'array'),
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX pathway_drawings_pathway_idx ON pathway_drawings (pathway_id, created_at);

-- Anonymous answers from the public "what to expect" page; read by the pathway's owners.
CREATE TABLE pathway_feedback (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  pathway_id uuid NOT NULL REFERENCES pathways (id) ON DELETE CASCADE,
  version_number integer,
  answer text NOT NULL CHECK (answer IN ('yes', 'partly', 'no')),
  comment text NOT NULL DEFAULT '' CHECK (length(comment) <= 2000),
  step_key text,
  lang text NOT NULL DEFAULT 'en' CHECK (lang IN ('en', 'fr')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX pathway_feedback_pathway_idx ON pathway_feedback (pathway_id, created_at DESC);
