-- Calendars: a sequence number that grows on every change of time, place or status (RFC 5545
-- SEQUENCE), the start each occurrence of a series was generated with (so a moved occurrence
-- is known as moved), and personal subscription links.
ALTER TABLE collaboratives_meetings ADD COLUMN sequence integer NOT NULL DEFAULT 0;
ALTER TABLE collaboratives_meetings ADD COLUMN original_starts_at timestamptz;
UPDATE collaboratives_meetings SET original_starts_at = starts_at WHERE series_id IS NOT NULL;

CREATE TABLE collaboratives_calendar_feeds (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  collaborative_id uuid NOT NULL REFERENCES collaboratives (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- SHA-256 of the secret in the link; the secret itself is shown once and never stored.
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);
CREATE UNIQUE INDEX collaboratives_calendar_feeds_one_live ON collaboratives_calendar_feeds (collaborative_id, user_id) WHERE revoked_at IS NULL;
