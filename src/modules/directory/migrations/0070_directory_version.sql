-- The directory's version: one number that every write to what the public finder and the HSDA
-- answer from moves on, in the writing transaction itself. The finder's answer cache
-- (directory.cache.ts, docs/directory.md "Answer cache") keys its entries by it, so a cached
-- answer is never served once the directory it came from has changed.
--
-- A statement trigger on every directory table (and on organizations and geographies, whose
-- names and places the answers carry) notes that the transaction changed the directory: one
-- row per transaction in directory_version_pending (a probe of its key after the first). At
-- commit, a deferred constraint trigger on that row moves the version on once and removes the
-- row. So the version row is locked only for the moment of commit, as the last thing a
-- writing transaction does: a long import does not hold it (nor make other writers wait on it,
-- nor deadlock with them), and an import costs one bump, not one per statement. A rolled-back
-- write or a dry run leaves it where it was. On a streaming replica the row arrives with the
-- data it versions.
CREATE TABLE directory_version (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  version bigint NOT NULL
);
INSERT INTO directory_version (id, version) VALUES (true, 1);

CREATE TABLE directory_version_pending (txid bigint PRIMARY KEY);

CREATE FUNCTION directory_note_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO directory_version_pending (txid) VALUES (txid_current()) ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

CREATE FUNCTION directory_bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE directory_version SET version = version + 1 WHERE id;
  DELETE FROM directory_version_pending WHERE txid = NEW.txid;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER directory_version_at_commit AFTER INSERT ON directory_version_pending
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION directory_bump_version();

DO $$
DECLARE t text;
BEGIN
  FOR t IN
    SELECT c.relname FROM pg_class c
    WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')
      AND (c.relname LIKE 'directory\_%' OR c.relname IN ('organizations', 'geographies'))
      AND c.relname NOT IN ('directory_version', 'directory_version_pending')
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION directory_note_change()', 'zz_' || t || '_version', t);
  END LOOP;
END $$;
