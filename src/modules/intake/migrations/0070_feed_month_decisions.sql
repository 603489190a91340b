-- The aggregate feed's disclosure decisions, kept month by month (issue 15). No relation of the
-- feed crosses months (every total it publishes, and every tie between measures, is within one
-- month), so each month is a table set of its own and is decided alone. A month's decision is
-- kept with a fingerprint of its cells (SHA-256 of the threshold and the month's cells); a
-- refresh decides again only the months whose cells changed, and reuses the others.
-- Only the decision is stored (why each cell and each total is hidden), never a count.
CREATE TABLE intake_feed_decisions (
  month text NOT NULL,
  fingerprint text NOT NULL,
  cell_reasons jsonb NOT NULL,
  total_reasons jsonb NOT NULL,
  decided_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (month, fingerprint)
);
