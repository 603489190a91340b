-- Disclosure control, decided once per table set (indicator × period × partition) over every
-- place of the geography hierarchy and every breakdown, and stored: every view reads these
-- rows, none decides alone. See docs/disclosure-control.md and docs/decisions/0013.

-- A table set whose decision is up to date. Missing: not decided yet (decided on first read);
-- deleted whenever an observation of the set or the indicator's threshold changes.
CREATE TABLE data_disclosure_runs (
  indicator_id uuid NOT NULL REFERENCES data_indicators (id) ON DELETE CASCADE,
  period text NOT NULL,
  collaborative_id uuid REFERENCES collaboratives (id),
  threshold integer NOT NULL,
  cells integer NOT NULL,
  hidden integer NOT NULL,
  lp_rounds integer NOT NULL,
  decided_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX data_disclosure_runs_key ON data_disclosure_runs (indicator_id, period, collaborative_id) NULLS NOT DISTINCT;

-- The hidden cells of a decided table set, and why. Every other cell is published.
CREATE TABLE data_disclosure_decisions (
  indicator_id uuid NOT NULL REFERENCES data_indicators (id) ON DELETE CASCADE,
  period text NOT NULL,
  collaborative_id uuid REFERENCES collaboratives (id),
  geography_id uuid NOT NULL REFERENCES geographies (id),
  disaggregation_key text NOT NULL,
  reason text NOT NULL CHECK (reason IN ('primary', 'complementary'))
);
CREATE UNIQUE INDEX data_disclosure_decisions_key ON data_disclosure_decisions
  (indicator_id, period, geography_id, disaggregation_key, collaborative_id) NULLS NOT DISTINCT;
-- Series read one indicator's decisions for a few places over every period.
CREATE INDEX data_disclosure_decisions_place_idx ON data_disclosure_decisions (indicator_id, geography_id);
