-- Strategy and results (issue 5): strategic plans (theme → goal → strategy → action), RBA
-- measures with targets and values, annual action plans, report cards, templates and the
-- theory of change. Every table belongs to the strategy module.

CREATE TABLE strategy_templates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 300),
  description text CHECK (length(description) <= 5000),
  source_plan_id uuid,
  -- The plan's structure (themes, goals, strategies, actions, measures) with stable keys.
  content jsonb NOT NULL,
  published_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE strategy_plans (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  collaborative_id uuid NOT NULL REFERENCES collaboratives (id),
  title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 300),
  title_fr text CHECK (length(title_fr) <= 300),
  description text CHECK (length(description) <= 10000),
  start_year integer NOT NULL CHECK (start_year BETWEEN 1990 AND 2100),
  end_year integer NOT NULL CHECK (end_year BETWEEN 1990 AND 2100),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'adopted', 'active', 'closed')),
  long_term_outcome text CHECK (length(long_term_outcome) <= 2000),
  public_scorecard boolean NOT NULL DEFAULT false,
  plan_version integer NOT NULL DEFAULT 1,
  previous_version_id uuid REFERENCES strategy_plans (id),
  template_id uuid REFERENCES strategy_templates (id),
  adopted_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (end_year >= start_year AND end_year - start_year <= 10)
);
CREATE INDEX strategy_plans_collaborative ON strategy_plans (collaborative_id);

CREATE TABLE strategy_elements (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plan_id uuid NOT NULL REFERENCES strategy_plans (id) ON DELETE CASCADE,
  parent_id uuid REFERENCES strategy_elements (id),
  kind text NOT NULL CHECK (kind IN ('theme', 'goal', 'strategy', 'action')),
  title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 500),
  title_fr text CHECK (length(title_fr) <= 500),
  description text CHECK (length(description) <= 5000),
  position integer NOT NULL DEFAULT 0,
  template_key text,
  deleted_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX strategy_elements_plan ON strategy_elements (plan_id, position);

-- Every change to a strategy or action (and to themes/goals while the plan is a draft).
CREATE TABLE strategy_element_history (
  id bigserial PRIMARY KEY,
  element_id uuid NOT NULL REFERENCES strategy_elements (id) ON DELETE CASCADE,
  plan_id uuid NOT NULL,
  change text NOT NULL CHECK (change IN ('create', 'update', 'delete')),
  actor_label text NOT NULL,
  actor_user_id uuid,
  changed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  before jsonb,
  after jsonb
);
CREATE INDEX strategy_element_history_element ON strategy_element_history (element_id, id);

CREATE TABLE strategy_evidence (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  element_id uuid NOT NULL REFERENCES strategy_elements (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('engagement', 'indicator', 'document', 'url')),
  ref_id text CHECK (length(ref_id) <= 500),
  label text NOT NULL CHECK (length(btrim(label)) BETWEEN 1 AND 300),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE strategy_measures (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plan_id uuid NOT NULL REFERENCES strategy_plans (id) ON DELETE CASCADE,
  element_id uuid NOT NULL REFERENCES strategy_elements (id),
  kind text NOT NULL CHECK (kind IN ('population', 'performance')),
  rba_type text CHECK (rba_type IN ('how_much', 'how_well', 'better_off')),
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 300),
  name_fr text CHECK (length(name_fr) <= 300),
  unit text NOT NULL CHECK (unit IN ('count', 'percent', 'rate', 'currency', 'number')),
  direction text NOT NULL CHECK (direction IN ('higher_is_better', 'lower_is_better')),
  frequency text NOT NULL DEFAULT 'annual' CHECK (frequency IN ('annual', 'quarterly', 'monthly')),
  baseline_value double precision,
  baseline_period text,
  indicator_id uuid,
  geography_id uuid REFERENCES geographies (id),
  template_key text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'population') = (rba_type IS NULL))
);
CREATE INDEX strategy_measures_plan ON strategy_measures (plan_id);

CREATE TABLE strategy_measure_targets (
  measure_id uuid NOT NULL REFERENCES strategy_measures (id) ON DELETE CASCADE,
  period text NOT NULL,
  value double precision NOT NULL,
  PRIMARY KEY (measure_id, period)
);

CREATE TABLE strategy_measure_values (
  measure_id uuid NOT NULL REFERENCES strategy_measures (id) ON DELETE CASCADE,
  period text NOT NULL,
  value double precision NOT NULL,
  source text CHECK (length(source) <= 500),
  notes text CHECK (length(notes) <= 2000),
  illustrative boolean NOT NULL DEFAULT false,
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (measure_id, period)
);

CREATE TABLE strategy_action_plans (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plan_id uuid NOT NULL REFERENCES strategy_plans (id) ON DELETE CASCADE,
  year integer NOT NULL,
  stalled_after_days integer NOT NULL DEFAULT 60 CHECK (stalled_after_days BETWEEN 1 AND 365),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (plan_id, year)
);

CREATE TABLE strategy_action_plan_items (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  action_plan_id uuid NOT NULL REFERENCES strategy_action_plans (id) ON DELETE CASCADE,
  action_id uuid NOT NULL REFERENCES strategy_elements (id),
  champion text CHECK (length(champion) <= 200),
  champion_organization_id uuid REFERENCES organizations (id),
  partner_organization_ids uuid[] NOT NULL DEFAULT '{}',
  start_date date,
  due_date date,
  status text NOT NULL DEFAULT 'not_started' CHECK (status IN ('not_started', 'in_progress', 'completed', 'on_hold', 'cancelled')),
  percent_complete integer NOT NULL DEFAULT 0 CHECK (percent_complete BETWEEN 0 AND 100),
  resources text CHECK (length(resources) <= 2000),
  adopted_by_partners boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (action_plan_id, action_id),
  CHECK (due_date IS NULL OR start_date IS NULL OR due_date >= start_date)
);

CREATE TABLE strategy_progress_notes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  item_id uuid NOT NULL REFERENCES strategy_action_plan_items (id) ON DELETE CASCADE,
  note text NOT NULL CHECK (length(btrim(note)) BETWEEN 1 AND 4000),
  status text,
  percent_complete integer,
  author_label text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX strategy_progress_notes_item ON strategy_progress_notes (item_id, created_at);

CREATE TABLE strategy_report_cards (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plan_id uuid NOT NULL REFERENCES strategy_plans (id) ON DELETE CASCADE,
  year integer NOT NULL,
  report_version integer NOT NULL DEFAULT 1,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
  highlights text CHECK (length(highlights) <= 10000),
  highlights_fr text CHECK (length(highlights_fr) <= 10000),
  next_year text CHECK (length(next_year) <= 10000),
  next_year_fr text CHECK (length(next_year_fr) <= 10000),
  -- Frozen content once published; later data edits do not change it.
  snapshot jsonb,
  published_at timestamptz,
  published_by text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (plan_id, year, report_version)
);

CREATE FUNCTION strategy_report_card_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'published' THEN
    RAISE EXCEPTION 'a published report card is frozen' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER strategy_report_cards_frozen BEFORE UPDATE ON strategy_report_cards
  FOR EACH ROW EXECUTE FUNCTION strategy_report_card_frozen();

CREATE TABLE strategy_toc_nodes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plan_id uuid NOT NULL REFERENCES strategy_plans (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('outcome', 'precondition', 'action')),
  label text NOT NULL CHECK (length(btrim(label)) BETWEEN 1 AND 500),
  element_id uuid REFERENCES strategy_elements (id),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- "from leads to to": action → precondition → … → outcome.
CREATE TABLE strategy_toc_edges (
  plan_id uuid NOT NULL REFERENCES strategy_plans (id) ON DELETE CASCADE,
  from_node uuid NOT NULL REFERENCES strategy_toc_nodes (id) ON DELETE CASCADE,
  to_node uuid NOT NULL REFERENCES strategy_toc_nodes (id) ON DELETE CASCADE,
  PRIMARY KEY (from_node, to_node),
  CHECK (from_node <> to_node)
);
