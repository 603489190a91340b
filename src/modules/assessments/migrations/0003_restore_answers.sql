-- A restore from backup (src/core/db/backup.ts sets roundtable.restoring for its transaction)
-- writes back the answers of rounds that are already closed: let it, and nothing else.
CREATE OR REPLACE FUNCTION assessments_answers_open_round() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE r text;
BEGIN
  IF TG_OP = 'INSERT' AND current_setting('roundtable.restoring', true) = 'on' THEN
    RETURN NEW;
  END IF;
  SELECT status INTO r FROM assessments_rounds WHERE id = COALESCE(NEW.round_id, OLD.round_id);
  IF r = 'closed' THEN
    RAISE EXCEPTION 'the round is closed' USING ERRCODE = 'check_violation';
  END IF;
  RETURN COALESCE(NEW, OLD);
END $$;
