-- Editing a published practice: each edit is kept as a revision (who, when, which fields, from
-- what to what, and the editor's note), so those who adapted the practice see what changed since.
ALTER TABLE exchange_practices ADD COLUMN updated_at timestamptz;

CREATE TABLE exchange_practice_revisions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practice_id uuid NOT NULL REFERENCES exchange_practices (id) ON DELETE CASCADE,
  number integer NOT NULL CHECK (number >= 1),
  -- [{ field, before, after }]: only the fields that changed.
  changes jsonb NOT NULL CHECK (jsonb_typeof(changes) = 'array' AND jsonb_array_length(changes) > 0),
  note text CHECK (length(note) <= 1000),
  changed_by uuid REFERENCES users (id),
  changed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  UNIQUE (practice_id, number)
);

-- A revision is a record: it is never changed or taken back.
CREATE FUNCTION exchange_practice_revision_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a practice revision cannot be changed' USING ERRCODE = 'check_violation';
END;
$$;
CREATE TRIGGER exchange_practice_revisions_frozen BEFORE UPDATE ON exchange_practice_revisions
  FOR EACH ROW EXECUTE FUNCTION exchange_practice_revision_frozen();
