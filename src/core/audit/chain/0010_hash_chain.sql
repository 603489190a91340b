-- Tamper evidence for the append-only logs (audit_events, and intake_access_log when the
-- intake module is installed). Each row carries its position in its chain, the hash of the
-- row before it and its own hash: sha256(prev_hash || the row as canonical JSON). Editing,
-- removing or reordering any row breaks every hash after it; `roundtable audit verify` names
-- the first broken row. This runs after every module's migrations, so it can chain tables
-- that modules own without their files changing.

CREATE TABLE audit_chain_heads (
  chain text PRIMARY KEY,
  position bigint NOT NULL,
  hash text
);

-- The canonical text of a row: its JSON (timestamps in UTC, so every session computes the
-- same text) without its own hash.
CREATE FUNCTION audit_chain_row_text(r jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_strip_nulls(r - 'row_hash')::text
$$;

CREATE FUNCTION audit_chain_hash(prev text, body text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(coalesce(prev, '') || body, 'UTF8')), 'hex')
$$;

CREATE FUNCTION audit_chain_append() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head record;
  tz text;
BEGIN
  -- A restore loads rows with the hashes they were written with, so a backup edited
  -- offline shows as a broken chain instead of being sealed anew.
  IF NEW.row_hash IS NOT NULL AND current_setting('roundtable.restoring', true) = 'on' THEN
    RETURN NEW;
  END IF;
  -- Every chained insert takes the audit_events head first, then its own: one lock order,
  -- so two transactions writing both logs cannot deadlock.
  INSERT INTO audit_chain_heads (chain, position, hash) VALUES ('audit_events', 0, NULL), (TG_TABLE_NAME, 0, NULL) ON CONFLICT (chain) DO NOTHING;
  PERFORM 1 FROM audit_chain_heads WHERE chain = 'audit_events' FOR UPDATE;
  SELECT position, hash INTO head FROM audit_chain_heads WHERE chain = TG_TABLE_NAME FOR UPDATE;
  NEW.chain_position := head.position + 1;
  NEW.prev_hash := head.hash;
  NEW.row_hash := NULL;
  tz := current_setting('TimeZone');
  PERFORM set_config('TimeZone', 'UTC', true);
  NEW.row_hash := audit_chain_hash(head.hash, audit_chain_row_text(to_jsonb(NEW)));
  PERFORM set_config('TimeZone', tz, true);
  UPDATE audit_chain_heads SET position = NEW.chain_position, hash = NEW.row_hash WHERE chain = TG_TABLE_NAME;
  RETURN NEW;
END $$;

-- Chains a table: adds the columns, seals the rows it already has in id order, and from then
-- on every insert. The table's append-only trigger is lifted for the one-time sealing only.
CREATE FUNCTION audit_chain_install(tbl text, guard text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  r record;
  prev text := NULL;
  pos bigint := 0;
  tz text := current_setting('TimeZone');
BEGIN
  EXECUTE format('ALTER TABLE %I ADD COLUMN chain_position bigint, ADD COLUMN prev_hash text, ADD COLUMN row_hash text', tbl);
  EXECUTE format('ALTER TABLE %I DISABLE TRIGGER %I', tbl, guard);
  PERFORM set_config('TimeZone', 'UTC', true);
  FOR r IN EXECUTE format('SELECT id FROM %I ORDER BY id', tbl) LOOP
    pos := pos + 1;
    EXECUTE format('UPDATE %I SET chain_position = $1, prev_hash = $2 WHERE id = $3', tbl) USING pos, prev, r.id;
    EXECUTE format('UPDATE %I t SET row_hash = audit_chain_hash($1, audit_chain_row_text(to_jsonb(t))) WHERE id = $2 RETURNING row_hash', tbl) INTO prev USING prev, r.id;
  END LOOP;
  PERFORM set_config('TimeZone', tz, true);
  EXECUTE format('ALTER TABLE %I ENABLE TRIGGER %I', tbl, guard);
  INSERT INTO audit_chain_heads (chain, position, hash) VALUES (tbl, pos, prev);
  EXECUTE format('CREATE UNIQUE INDEX %I ON %I (chain_position)', tbl || '_chain_idx', tbl);
  EXECUTE format('CREATE TRIGGER %I BEFORE INSERT ON %I FOR EACH ROW EXECUTE FUNCTION audit_chain_append()', tbl || '_chain', tbl);
END $$;

SELECT audit_chain_install('audit_events', 'audit_events_no_update_delete');
DO $$
BEGIN
  IF to_regclass('intake_access_log') IS NOT NULL THEN
    PERFORM audit_chain_install('intake_access_log', 'intake_access_log_no_update');
  END IF;
END $$;
