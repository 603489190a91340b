-- Checks the HSDS import runs set-wise over the raw CSV text it COPYs into staging (PostgreSQL
-- 15 has no pg_input_is_valid). Each answers true only for a value the import's own rules
-- accept and the column takes; anything else sends its row to the row-by-row checks, which
-- give the error message.
CREATE OR REPLACE FUNCTION rt_import_is_date(t text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE STRICT AS $$
BEGIN
  IF t !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' OR t < '1000' THEN RETURN false; END IF;
  RETURN to_char(t::date, 'YYYY-MM-DD') = t;
EXCEPTION WHEN others THEN
  RETURN false;
END $$;

CREATE OR REPLACE FUNCTION rt_import_is_timestamptz(t text) RETURNS boolean LANGUAGE plpgsql STABLE STRICT AS $$
BEGIN
  PERFORM t::timestamptz;
  RETURN true;
EXCEPTION WHEN others THEN
  RETURN false;
END $$;

CREATE OR REPLACE FUNCTION rt_import_is_json_object(t text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE STRICT AS $$
BEGIN
  RETURN jsonb_typeof(t::jsonb) = 'object';
EXCEPTION WHEN others THEN
  RETURN false;
END $$;
