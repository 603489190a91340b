-- pg_trgm declares its word-similarity operators with cost 1, so the planner thinks a
-- sequential scan calling them on every row is cheaper than the trigram index. Measured on
-- 10,000 organizations: 64 ms per search by seq scan, 2-7 ms with the index. Raising the cost
-- lets the planner pick the index. Managed servers may not let us alter an extension's
-- functions; search then still works, only slower, so a refusal is not an error.
DO $$
BEGIN
  ALTER FUNCTION word_similarity_op(text, text) COST 100;
  ALTER FUNCTION word_similarity_commutator_op(text, text) COST 100;
  ALTER FUNCTION similarity_op(text, text) COST 100;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'could not raise pg_trgm operator costs; trigram searches may not use their indexes';
END $$;
