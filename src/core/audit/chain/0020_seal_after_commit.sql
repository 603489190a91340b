-- Seal the logs after commit, in batches, instead of inside every writing transaction
-- (docs/decisions/0017-audit-chain-sealed-after-commit.md).
--
-- Until now the insert trigger locked the chain heads until the writing transaction
-- committed, so every audited write in the database waited for the one before it. Now:
--  * an insert takes no lock and leaves chain_position, prev_hash and row_hash NULL (the row
--    is "unsealed"); a hash named by the insert is still thrown away, except in a restore;
--  * audit_chain_seal(log) chains the committed unsealed rows in id order after the head, in
--    one transaction, under the head's row lock (taken with SKIP LOCKED: one sealer at a time);
--    the server calls it about every second, backups and `roundtable audit verify` first;
--  * the append-only guard still refuses DELETE and every UPDATE, except the one that seals an
--    unsealed row: its three chain columns go from NULL to set and nothing else changes. On
--    PostgreSQL with two roles the application's role has no UPDATE right on the logs at all;
--    the sealer runs with its owner's rights.

-- Insert: no lock, no hash. The trigger fires only when an insert names chain columns.
CREATE OR REPLACE FUNCTION audit_chain_append() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A restore loads rows with the hashes they were written with, so a backup edited
  -- offline shows as a broken chain instead of being sealed anew.
  IF NEW.row_hash IS NOT NULL AND current_setting('roundtable.restoring', true) = 'on' THEN
    RETURN NEW;
  END IF;
  NEW.chain_position := NULL;
  NEW.prev_hash := NULL;
  NEW.row_hash := NULL;
  RETURN NEW;
END $$;
ALTER FUNCTION audit_chain_append() SECURITY INVOKER;
ALTER FUNCTION audit_chain_append() RESET search_path;

-- Append-only, with the one exception of sealing.
CREATE FUNCTION audit_chain_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND OLD.row_hash IS NULL AND OLD.chain_position IS NULL AND OLD.prev_hash IS NULL
     AND NEW.row_hash IS NOT NULL AND NEW.chain_position IS NOT NULL
     AND (to_jsonb(NEW) - ARRAY['chain_position', 'prev_hash', 'row_hash']) = (to_jsonb(OLD) - ARRAY['chain_position', 'prev_hash', 'row_hash']) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END $$;

-- Chains the committed unsealed rows of one log (at most max_rows, in id order) after its
-- head. Returns how many it sealed. With wait false (the server's background pass) it returns
-- 0 at once when another session is sealing that log; with wait true (on demand: backups,
-- verify) it waits for that session and then seals what is left.
-- The hash is the one the insert trigger used to compute: sha256(prev_hash || the row as
-- canonical JSON with its chain_position and prev_hash, without row_hash, in UTC).
CREATE FUNCTION audit_chain_seal(tbl text, max_rows integer DEFAULT 5000, wait boolean DEFAULT false) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET TimeZone = 'UTC' AS $$
DECLARE
  head record;
  r record;
  pos bigint;
  prev text;
  h text;
  n integer := 0;
  ids bigint[] := '{}';
  positions bigint[] := '{}';
  prevs text[] := '{}';
  hashes text[] := '{}';
BEGIN
  IF wait THEN
    SELECT position, hash INTO head FROM audit_chain_heads WHERE chain = tbl FOR UPDATE;
  ELSE
    SELECT position, hash INTO head FROM audit_chain_heads WHERE chain = tbl FOR UPDATE SKIP LOCKED;
  END IF;
  IF NOT FOUND THEN
    RETURN 0;
  END IF;
  pos := head.position;
  prev := head.hash;
  FOR r IN EXECUTE format('SELECT id, to_jsonb(t) AS j FROM %I t WHERE row_hash IS NULL ORDER BY id LIMIT %s', tbl, greatest(1, max_rows)) LOOP
    pos := pos + 1;
    h := audit_chain_hash(prev, audit_chain_row_text(r.j || jsonb_build_object('chain_position', pos, 'prev_hash', prev)));
    ids := ids || r.id::bigint;
    positions := positions || pos;
    prevs := prevs || prev;
    hashes := hashes || h;
    prev := h;
    n := n + 1;
  END LOOP;
  IF n = 0 THEN
    RETURN 0;
  END IF;
  EXECUTE format('UPDATE %I t SET chain_position = u.pos, prev_hash = u.prev, row_hash = u.hash FROM unnest($1, $2, $3, $4) AS u(id, pos, prev, hash) WHERE t.id = u.id', tbl)
    USING ids, positions, prevs, hashes;
  UPDATE audit_chain_heads SET position = pos, hash = prev WHERE chain = tbl;
  RETURN n;
END $$;

-- Chains a table installed later (a module's new log): columns, head, guard, insert trigger;
-- the sealer then seals the rows it already has.
CREATE OR REPLACE FUNCTION audit_chain_install(tbl text, guard text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %I ADD COLUMN chain_position bigint, ADD COLUMN prev_hash text, ADD COLUMN row_hash text', tbl);
  INSERT INTO audit_chain_heads (chain, position, hash) VALUES (tbl, 0, NULL) ON CONFLICT (chain) DO NOTHING;
  EXECUTE format('CREATE UNIQUE INDEX %I ON %I (chain_position)', tbl || '_chain_idx', tbl);
  PERFORM audit_chain_switch(tbl, guard);
END $$;

-- Puts a chained table on the seal-after-commit scheme (used below and by audit_chain_install).
CREATE FUNCTION audit_chain_switch(tbl text, guard text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO audit_chain_heads (chain, position, hash) VALUES (tbl, 0, NULL) ON CONFLICT (chain) DO NOTHING;
  EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', guard, tbl);
  EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION audit_chain_guard()', guard, tbl);
  EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', tbl || '_chain', tbl);
  EXECUTE format('CREATE TRIGGER %I BEFORE INSERT ON %I FOR EACH ROW WHEN (NEW.chain_position IS NOT NULL OR NEW.prev_hash IS NOT NULL OR NEW.row_hash IS NOT NULL) EXECUTE FUNCTION audit_chain_append()', tbl || '_chain', tbl);
  -- The sealer and the verifier find the unsealed tail through this small index.
  EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %I (id) WHERE row_hash IS NULL', tbl || '_unsealed_idx', tbl);
END $$;

SELECT audit_chain_switch('audit_events', 'audit_events_no_update_delete');
DO $$
BEGIN
  IF to_regclass('intake_access_log') IS NOT NULL THEN
    PERFORM audit_chain_switch('intake_access_log', 'intake_access_log_no_update');
  END IF;
END $$;
