-- Words that occur in service search documents, for spelling correction ("langage clases"
-- → "language classes") before full-text search. Filled by triggers as search documents change.
CREATE TABLE directory_search_words (word text PRIMARY KEY);
-- Candidates share the first letter (a prefix scan on this index), then rank by trigram similarity.
CREATE INDEX directory_search_words_prefix_idx ON directory_search_words (word text_pattern_ops);

CREATE FUNCTION directory_collect_search_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO directory_search_words (word)
  SELECT DISTINCT w FROM new_rows s, regexp_split_to_table(s.folded, '[^a-z0-9]+') AS w
  WHERE length(w) BETWEEN 3 AND 40
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER directory_search_words_on_insert AFTER INSERT ON directory_service_search
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION directory_collect_search_words();
CREATE TRIGGER directory_search_words_on_update AFTER UPDATE ON directory_service_search
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION directory_collect_search_words();

-- Approximate centres of Durham Region's forward sortation areas (first three characters of a
-- postal code), for "services near L1H 7K4". Approximate: good to a few kilometres.
INSERT INTO directory_postal_areas (fsa, place, latitude, longitude) VALUES
  ('L1S', 'Ajax (south)', 43.836, -79.025), ('L1T', 'Ajax (north)', 43.866, -79.040), ('L1Z', 'Ajax (east)', 43.858, -79.000),
  ('L1V', 'Pickering (south)', 43.810, -79.100), ('L1W', 'Pickering (west)', 43.822, -79.120), ('L1X', 'Pickering (central)', 43.845, -79.070),
  ('L1Y', 'Pickering (north)', 43.870, -79.080), ('L0H', 'Pickering (rural)', 43.975, -79.115),
  ('L1M', 'Whitby (Brooklin)', 43.960, -78.955), ('L1N', 'Whitby (south)', 43.865, -78.940), ('L1P', 'Whitby (west)', 43.885, -78.965),
  ('L1R', 'Whitby (north-east)', 43.900, -78.925),
  ('L1G', 'Oshawa (central)', 43.900, -78.860), ('L1H', 'Oshawa (south-east)', 43.885, -78.845), ('L1J', 'Oshawa (west)', 43.890, -78.880),
  ('L1K', 'Oshawa (north-east)', 43.930, -78.830), ('L1L', 'Oshawa (north)', 43.950, -78.880),
  ('L1B', 'Clarington (Newcastle)', 43.920, -78.590), ('L1C', 'Clarington (Bowmanville)', 43.912, -78.687), ('L1E', 'Clarington (Courtice)', 43.905, -78.790),
  ('L0B', 'Clarington (rural)', 43.990, -78.620),
  ('L9L', 'Scugog (Port Perry)', 44.105, -78.945), ('L9P', 'Uxbridge', 44.108, -79.120),
  ('L0C', 'Brock and Scugog (rural)', 44.350, -79.030), ('L0E', 'Brock (Beaverton)', 44.430, -79.150);
