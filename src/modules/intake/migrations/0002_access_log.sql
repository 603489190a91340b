-- Per-client reads shown in lists and worklists, written in one statement per request (the
-- request itself is one audit_events row). Append-only; no personal data (ids and purpose).
-- The privacy officer's access report merges it with the audit log.
CREATE TABLE intake_access_log (
  id bigserial PRIMARY KEY,
  client_id uuid NOT NULL,
  actor_user_id uuid,
  actor_label text NOT NULL,
  organization_id uuid,
  action text NOT NULL,
  purpose text NOT NULL,
  request_id text,
  occurred_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX intake_access_log_client_idx ON intake_access_log (client_id, occurred_at);

CREATE FUNCTION intake_access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'intake_access_log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER intake_access_log_no_update BEFORE UPDATE OR DELETE ON intake_access_log FOR EACH ROW EXECUTE FUNCTION intake_access_log_append_only();
CREATE TRIGGER intake_access_log_no_truncate BEFORE TRUNCATE ON intake_access_log FOR EACH STATEMENT EXECUTE FUNCTION intake_access_log_append_only();
