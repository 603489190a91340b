-- Near misses word by word (docs/organizations.md "Near misses"). A search with few substring
-- matches looks for names holding words close to each word typed. Comparing the typed words
-- with the distinct words of all names, then reading the organizations that hold the close
-- ones, replaces pg_trgm's word similarity computed on every candidate organization's whole
-- name, which was most of the time of a search not asked before.
--
-- organization_words: every distinct word of the names (legal and alternate, folded), with a
-- trigram index for the close ones. organization_name_words: which organization holds which
-- word. Both are kept by statement triggers on organizations, set-wise, so the HSDS import's
-- bulk statements pay one statement each, not one per row.

-- The words of a folded search text: runs of letters and digits, 3 to 60 characters (a search
-- leaves out typed words of one or two letters, so "of", "de" and "st" would only fill the table).
-- Not STRICT, so that it is inlined into the statements that call it.
CREATE FUNCTION organization_words_of(search_text text) RETURNS SETOF text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT DISTINCT w FROM regexp_split_to_table(search_text, '[^[:alnum:]]+') AS w WHERE length(w) BETWEEN 3 AND 60
$$;

CREATE TABLE organization_words (word text PRIMARY KEY);
-- fastupdate off: a search reads this index for every word typed, and a pending list of
-- words not yet merged (after an import adds thousands) is read in full by every look-up until
-- a vacuum merges it: 8-9 ms a look-up with 12,900 words pending, 0.4-0.7 ms merged. Inserting
-- those 12,900 words straight into the index took 0.3 s; afterwards few words are new.
CREATE INDEX organization_words_trgm_idx ON organization_words USING gin (word gin_trgm_ops) WITH (fastupdate = off);

-- name: the organization's name as searches order it (lower(legal_name)), kept here so that
-- ranking the near misses needs no read of each organization.
CREATE TABLE organization_name_words (
  word text NOT NULL,
  organization_id uuid NOT NULL,
  name text NOT NULL,
  PRIMARY KEY (word, organization_id) INCLUDE (name)
);

-- The triggers read the statement's transition tables and find each organization's pairs by
-- the words of its name before the change (the primary key), so no index by organization is
-- kept up: the HSDS import's first load of 20,000 organizations writes 120,000 pairs.

-- A restore from backup (src/core/db/backup.ts sets roundtable.restoring for its transaction)
-- brings both tables' rows with it, in whatever order the tables come; the triggers leave them
-- to it. A backup from before this migration has none: the migration runs after its rows are in
-- and fills them (the last statements here).
CREATE FUNCTION organization_words_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('roundtable.restoring', true) = 'on' THEN RETURN NULL; END IF;
  WITH added AS (
    INSERT INTO organization_name_words (word, organization_id, name)
    SELECT w, n.id, lower(n.legal_name) FROM new_rows n, organization_words_of(n.search_text) AS w ORDER BY 1, 2
    ON CONFLICT DO NOTHING RETURNING word
  )
  INSERT INTO organization_words (word) SELECT DISTINCT word FROM added ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

-- Only the organizations whose search text or name changed: their pairs go, the new ones come,
-- and the words no organization holds any more go.
CREATE FUNCTION organization_words_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('roundtable.restoring', true) = 'on' THEN RETURN NULL; END IF;
  -- A count, not LIMIT 1: a limit makes the planner join the two transition tables by nested
  -- loop (100,000,000 comparisons for the import's update of 10,000 organizations).
  IF (SELECT count(*) FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE n.search_text IS DISTINCT FROM o.search_text OR n.legal_name IS DISTINCT FROM o.legal_name) = 0 THEN
    RETURN NULL;
  END IF;
  DELETE FROM organization_name_words p
  USING (SELECT o.id, w FROM old_rows o JOIN new_rows n ON n.id = o.id, organization_words_of(o.search_text) AS w
         WHERE n.search_text IS DISTINCT FROM o.search_text OR n.legal_name IS DISTINCT FROM o.legal_name) x
  WHERE p.word = x.w AND p.organization_id = x.id;
  WITH added AS (
    INSERT INTO organization_name_words (word, organization_id, name)
    SELECT w, n.id, lower(n.legal_name) FROM new_rows n JOIN old_rows o ON o.id = n.id, organization_words_of(n.search_text) AS w
    WHERE n.search_text IS DISTINCT FROM o.search_text OR n.legal_name IS DISTINCT FROM o.legal_name ORDER BY 1, 2
    ON CONFLICT DO NOTHING RETURNING word
  )
  INSERT INTO organization_words (word) SELECT DISTINCT word FROM added ON CONFLICT DO NOTHING;
  DELETE FROM organization_words ow
  WHERE ow.word IN (SELECT w FROM old_rows o JOIN new_rows n ON n.id = o.id, organization_words_of(o.search_text) AS w
                    WHERE n.search_text IS DISTINCT FROM o.search_text)
    AND NOT EXISTS (SELECT 1 FROM organization_name_words p WHERE p.word = ow.word);
  RETURN NULL;
END $$;

CREATE FUNCTION organization_words_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('roundtable.restoring', true) = 'on' THEN RETURN NULL; END IF;
  DELETE FROM organization_name_words p USING (SELECT o.id, w FROM old_rows o, organization_words_of(o.search_text) AS w) x
  WHERE p.word = x.w AND p.organization_id = x.id;
  DELETE FROM organization_words ow
  WHERE ow.word IN (SELECT w FROM old_rows o, organization_words_of(o.search_text) AS w)
    AND NOT EXISTS (SELECT 1 FROM organization_name_words p WHERE p.word = ow.word);
  RETURN NULL;
END $$;

CREATE FUNCTION organization_words_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE organization_name_words, organization_words;
  RETURN NULL;
END $$;

CREATE TRIGGER organization_words_on_insert AFTER INSERT ON organizations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION organization_words_on_insert();
CREATE TRIGGER organization_words_on_update AFTER UPDATE ON organizations
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION organization_words_on_update();
CREATE TRIGGER organization_words_on_delete AFTER DELETE ON organizations
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION organization_words_on_delete();
CREATE TRIGGER organization_words_on_truncate AFTER TRUNCATE ON organizations
  FOR EACH STATEMENT EXECUTE FUNCTION organization_words_on_truncate();

INSERT INTO organization_name_words (word, organization_id, name)
SELECT w, o.id, lower(o.legal_name) FROM organizations o, organization_words_of(o.search_text) AS w ORDER BY 1, 2;
INSERT INTO organization_words (word) SELECT DISTINCT word FROM organization_name_words;
