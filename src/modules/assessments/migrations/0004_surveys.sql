-- Public, anonymous community surveys for the welcoming-community assessment.
-- A survey asks the public to rate the importance (1-5) of chosen characteristics; its text in
-- each language is data (languages: {"en": {"title", "intro", "questions": {key: text}, "ui": {...}}, ...}).
CREATE TABLE assessments_surveys (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  collaborative_id uuid NOT NULL,
  profile_id uuid REFERENCES assessments_welcoming_profiles (id),
  title text NOT NULL,
  title_fr text NOT NULL,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed')),
  characteristics jsonb NOT NULL,
  languages jsonb NOT NULL,
  illustrative boolean NOT NULL DEFAULT false,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  opened_at timestamptz,
  closed_at timestamptz
);
CREATE INDEX assessments_surveys_collaborative ON assessments_surveys (collaborative_id);

-- One anonymous response: ratings and an optional comment, no identity, no link to a submission.
CREATE TABLE assessments_survey_responses (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  survey_id uuid NOT NULL REFERENCES assessments_surveys (id),
  lang text NOT NULL,
  ratings jsonb NOT NULL,
  comment text,
  created_on date NOT NULL DEFAULT current_date
);
CREATE INDEX assessments_survey_responses_survey ON assessments_survey_responses (survey_id);

-- Repeat-submission guard: only SHA-256 hashes of keyed HMACs, never an address, agent or token.
CREATE TABLE assessments_survey_submissions (
  survey_id uuid NOT NULL REFERENCES assessments_surveys (id),
  kind text NOT NULL CHECK (kind IN ('browser', 'client_day')),
  digest text NOT NULL,
  PRIMARY KEY (survey_id, kind, digest)
);
