-- The import's set-wise date check (0060) without an exception handler. A PL/pgSQL block with
-- EXCEPTION opens a subtransaction on every call: 6.5 µs a value, and each datetime column of a
-- 60,000-service package calls it 60,000 times. This one works the calendar out instead and
-- answers the same: true only for YYYY-MM-DD from the year 1000 that is a real day. Plain SQL
-- (not STRICT, so the planner inlines it into the check); a NULL gives false.
CREATE OR REPLACE FUNCTION rt_import_is_date(t text) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN t ~ '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' AND t >= '1000' THEN
      substr(t, 9, 2)::int <= CASE substr(t, 6, 2)::int
        WHEN 2 THEN CASE WHEN (substr(t, 1, 4)::int % 4 = 0 AND substr(t, 1, 4)::int % 100 <> 0) OR substr(t, 1, 4)::int % 400 = 0 THEN 29 ELSE 28 END
        WHEN 4 THEN 30 WHEN 6 THEN 30 WHEN 9 THEN 30 WHEN 11 THEN 30
        ELSE 31 END
    ELSE false
  END
$$;

-- No longer called: the datetime check's pattern leaves nothing for a cast to refuse.
DROP FUNCTION rt_import_is_timestamptz(text);
