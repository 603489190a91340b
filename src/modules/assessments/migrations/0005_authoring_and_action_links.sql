-- Published instrument versions are immutable: editing an instrument makes a new version
-- (same key, version n+1), so rounds opened with an older version keep its meaning.
CREATE FUNCTION assessments_instruments_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'published instrument versions are immutable: author a new version' USING ERRCODE = 'check_violation';
END $$;
CREATE TRIGGER assessments_instruments_immutable BEFORE UPDATE OR DELETE ON assessments_instruments
  FOR EACH ROW EXECUTE FUNCTION assessments_instruments_immutable();

-- Plan actions linked to a characteristic of a welcoming community, per collaborative. The
-- action lives in the strategy module (read through strategy.api); only its id is kept here.
CREATE TABLE assessments_characteristic_actions (
  collaborative_id uuid NOT NULL,
  characteristic_key text NOT NULL CHECK (length(characteristic_key) BETWEEN 1 AND 60),
  action_id uuid NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (collaborative_id, characteristic_key, action_id)
);
