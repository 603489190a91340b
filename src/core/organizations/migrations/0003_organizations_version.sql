-- The organizations' version: one number that every write to the organizations table moves on,
-- once per writing transaction and at its commit. Searches keep their answers in memory under
-- it (organizations.cache.ts, docs/organizations.md "Answers from memory"), so an answer is
-- never served once the organizations it came from have changed, in this process or another.
-- Same shape as the directory's version (directory migration 0070): a statement trigger notes
-- the transaction in a pending table, and a deferred constraint trigger on that row moves the
-- version at commit, so the version row is locked only for the moment of commit. A rolled-back
-- write leaves it where it was.
CREATE TABLE organizations_version (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  version bigint NOT NULL
);
INSERT INTO organizations_version (id, version) VALUES (true, 1);

CREATE TABLE organizations_version_pending (txid bigint PRIMARY KEY);

CREATE FUNCTION organizations_note_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO organizations_version_pending (txid) VALUES (txid_current()) ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

CREATE FUNCTION organizations_bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE organizations_version SET version = version + 1 WHERE id;
  DELETE FROM organizations_version_pending WHERE txid = NEW.txid;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER organizations_version_at_commit AFTER INSERT ON organizations_version_pending
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION organizations_bump_version();

CREATE TRIGGER organizations_note_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organizations
  FOR EACH STATEMENT EXECUTE FUNCTION organizations_note_change();
