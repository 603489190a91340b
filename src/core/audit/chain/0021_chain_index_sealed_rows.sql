-- The chain's position index holds sealed rows only (chain_position IS NOT NULL): since
-- audit-chain/0020 rows are inserted unsealed, and a full index took one entry per insert
-- for nothing. Verification reads `chain_position > n ORDER BY chain_position`, which this
-- partial index still serves.

CREATE OR REPLACE FUNCTION audit_chain_switch(tbl text, guard text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO audit_chain_heads (chain, position, hash) VALUES (tbl, 0, NULL) ON CONFLICT (chain) DO NOTHING;
  EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', guard, tbl);
  EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION audit_chain_guard()', guard, tbl);
  EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', tbl || '_chain', tbl);
  EXECUTE format('CREATE TRIGGER %I BEFORE INSERT ON %I FOR EACH ROW WHEN (NEW.chain_position IS NOT NULL OR NEW.prev_hash IS NOT NULL OR NEW.row_hash IS NOT NULL) EXECUTE FUNCTION audit_chain_append()', tbl || '_chain', tbl);
  -- The sealer and the verifier find the unsealed tail through this small index.
  EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %I (id) WHERE row_hash IS NULL', tbl || '_unsealed_idx', tbl);
  -- The position index holds sealed rows only, so an insert adds no entry to it.
  EXECUTE format('DROP INDEX IF EXISTS %I', tbl || '_chain_idx');
  EXECUTE format('CREATE UNIQUE INDEX %I ON %I (chain_position) WHERE chain_position IS NOT NULL', tbl || '_chain_idx', tbl);
END $$;

-- A later log's install: columns, head, then the same switch (which builds the index).
CREATE OR REPLACE FUNCTION audit_chain_install(tbl text, guard text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %I ADD COLUMN chain_position bigint, ADD COLUMN prev_hash text, ADD COLUMN row_hash text', tbl);
  PERFORM audit_chain_switch(tbl, guard);
END $$;

SELECT audit_chain_switch('audit_events', 'audit_events_no_update_delete');
DO $$
BEGIN
  IF to_regclass('intake_access_log') IS NOT NULL THEN
    PERFORM audit_chain_switch('intake_access_log', 'intake_access_log_no_update');
  END IF;
END $$;
