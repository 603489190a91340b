-- Assessments (docs/assessments.md): instruments as data, rounds with a frozen roster,
-- answers that never leave the module, and results computed once at close and kept immutable.

-- A rating scale (the seed's five levels, the four-stage continuum, HSIM, Frey, Himmelman,
-- a five-point agreement scale). Versioned: a new version is a new row, old rounds keep theirs.
CREATE TABLE assessments_scales (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  key text NOT NULL,
  version integer NOT NULL DEFAULT 1,
  name_en text NOT NULL,
  name_fr text NOT NULL,
  source text NOT NULL,
  -- [{ value, key, en, fr, descriptionEn, descriptionFr }] in ascending order
  levels jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (key, version)
);

-- How a level of one scale reads on another: { "fromValue": toValue }.
CREATE TABLE assessments_crosswalks (
  from_scale_id uuid NOT NULL REFERENCES assessments_scales(id),
  to_scale_id uuid NOT NULL REFERENCES assessments_scales(id),
  mapping jsonb NOT NULL,
  note text NOT NULL DEFAULT '',
  PRIMARY KEY (from_scale_id, to_scale_id)
);

CREATE TABLE assessments_instruments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  key text NOT NULL,
  version integer NOT NULL DEFAULT 1,
  kind text NOT NULL CHECK (kind IN ('pair_rating', 'likert', 'checklist')),
  name_en text NOT NULL,
  name_fr text NOT NULL,
  description_en text NOT NULL DEFAULT '',
  description_fr text NOT NULL DEFAULT '',
  source text NOT NULL DEFAULT '',
  scale_id uuid REFERENCES assessments_scales(id),
  -- pair_rating: themes [{key,en,fr}] and optional trust/value items; likert: factors and items; checklist: items
  definition jsonb NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (key, version)
);

CREATE TABLE assessments_rounds (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  collaborative_id uuid NOT NULL,
  instrument_id uuid NOT NULL REFERENCES assessments_instruments(id),
  title text NOT NULL,
  opens_on date NOT NULL,
  closes_on date NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  illustrative boolean NOT NULL DEFAULT false,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  CHECK (closes_on >= opens_on)
);
CREATE INDEX assessments_rounds_collaborative ON assessments_rounds (collaborative_id, opens_on);

-- The roster, frozen from the collaborative's members when the round opens. A single-use link
-- keeps only the SHA-256 of its token.
CREATE TABLE assessments_respondents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  round_id uuid NOT NULL REFERENCES assessments_rounds(id),
  member_id uuid,
  organization_id uuid,
  user_id uuid,
  display_name text NOT NULL,
  sector text,
  token_hash text UNIQUE,
  submitted_at timestamptz,
  position integer NOT NULL DEFAULT 0
);
CREATE INDEX assessments_respondents_round ON assessments_respondents (round_id);

-- Individual answers. Nothing outside the module reads them; no route returns them but to the respondent.
CREATE TABLE assessments_answers (
  round_id uuid NOT NULL REFERENCES assessments_rounds(id),
  respondent_id uuid NOT NULL REFERENCES assessments_respondents(id),
  target_id uuid REFERENCES assessments_respondents(id),
  theme text NOT NULL DEFAULT '',
  item text NOT NULL,
  value integer NOT NULL,
  answered_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX assessments_answers_one ON assessments_answers (respondent_id, COALESCE(target_id, '00000000-0000-0000-0000-000000000000'::uuid), theme, item);

-- Answers to a closed round cannot change.
CREATE FUNCTION assessments_answers_open_round() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE r text;
BEGIN
  SELECT status INTO r FROM assessments_rounds WHERE id = COALESCE(NEW.round_id, OLD.round_id);
  IF r = 'closed' THEN
    RAISE EXCEPTION 'the round is closed' USING ERRCODE = 'check_violation';
  END IF;
  RETURN COALESCE(NEW, OLD);
END $$;
CREATE TRIGGER assessments_answers_open_round BEFORE INSERT OR UPDATE OR DELETE ON assessments_answers
  FOR EACH ROW EXECUTE FUNCTION assessments_answers_open_round();

-- Results, computed once when the round closes: aggregates only, immutable.
CREATE TABLE assessments_results (
  round_id uuid PRIMARY KEY REFERENCES assessments_rounds(id),
  computed_at timestamptz NOT NULL DEFAULT now(),
  method jsonb NOT NULL,
  results jsonb NOT NULL
);
CREATE FUNCTION assessments_results_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'assessment results are immutable' USING ERRCODE = 'check_violation';
END $$;
CREATE TRIGGER assessments_results_immutable BEFORE UPDATE OR DELETE ON assessments_results
  FOR EACH ROW EXECUTE FUNCTION assessments_results_immutable();

-- Reminders recorded by the module (who, when); delivery is the notification system's.
CREATE TABLE assessments_reminders (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  round_id uuid NOT NULL REFERENCES assessments_rounds(id),
  respondent_id uuid NOT NULL REFERENCES assessments_respondents(id),
  sent_at timestamptz NOT NULL DEFAULT now(),
  sent_by text NOT NULL
);

-- A finding handed on to a meeting agenda or a plan action.
CREATE TABLE assessments_follow_ups (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  round_id uuid NOT NULL REFERENCES assessments_rounds(id),
  kind text NOT NULL CHECK (kind IN ('meeting_agenda', 'strategy_action')),
  target_id uuid NOT NULL,
  finding text NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now()
);
