-- Waitlisted referrals (FHIR Task status on-hold) and live status notifications.
--
-- Lifecycle edges added: accepted → on-hold (receiver: no place yet), on-hold → in-progress
-- (receiver: a place opened), on-hold → cancelled (sender). Not on-hold → rejected: FHIR Task
-- (and the Gravity SDOH Clinical Care referral Task) rejects only before accepting. Each state
-- is still entered at most once (UNIQUE (referral_id, to_status) on the events), so a referral
-- is waitlisted once, from accepted, and never goes back on hold after it has started.
ALTER TABLE intake_referrals DROP CONSTRAINT IF EXISTS intake_referrals_status_check;
ALTER TABLE intake_referrals ADD CONSTRAINT intake_referrals_status_check
  CHECK (status IN ('requested', 'received', 'accepted', 'rejected', 'on-hold', 'in-progress', 'completed', 'cancelled'));
ALTER TABLE intake_referrals ADD COLUMN waitlisted_at timestamptz;
ALTER TABLE intake_referrals ADD COLUMN waitlist_expected_on date;

CREATE OR REPLACE FUNCTION intake_referral_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A merge of duplicate clients may move a closed referral to the surviving client; nothing else.
  IF OLD.status IN ('completed', 'cancelled', 'rejected')
     AND (to_jsonb(NEW) - 'client_id' - 'version' - 'updated_at') IS DISTINCT FROM (to_jsonb(OLD) - 'client_id' - 'version' - 'updated_at') THEN
    RAISE EXCEPTION 'referral % is closed', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.status <> OLD.status AND NOT (
       (OLD.status = 'requested' AND NEW.status IN ('received', 'cancelled'))
    OR (OLD.status = 'received' AND NEW.status IN ('accepted', 'rejected', 'cancelled'))
    OR (OLD.status = 'accepted' AND NEW.status IN ('in-progress', 'on-hold', 'cancelled'))
    OR (OLD.status = 'on-hold' AND NEW.status IN ('in-progress', 'cancelled'))
    OR (OLD.status = 'in-progress' AND NEW.status IN ('completed', 'cancelled'))) THEN
    RAISE EXCEPTION 'referral cannot go from % to %', OLD.status, NEW.status USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;

-- Live status: who sent and who received, the new status; no personal data in the payload.
-- Statement-level with transition tables, so a bulk load (an import, the bench's millions of
-- rows) sends nothing rather than one notification per row: above 1,000 changed rows in one
-- statement, pages fall back to their periodic refresh.
CREATE FUNCTION intake_referral_notify() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  n record;
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF (SELECT count(*) FROM new_rows) > 1000 THEN RETURN NULL; END IF;
    FOR n IN SELECT id, status, from_organization_id, to_organization_id FROM new_rows LOOP
      PERFORM pg_notify('intake_referral', json_build_object('id', n.id, 'status', n.status,
        'from_org', n.from_organization_id, 'to_org', n.to_organization_id)::text);
    END LOOP;
  ELSE
    IF (SELECT count(*) FROM new_rows) > 1000 THEN RETURN NULL; END IF;
    FOR n IN SELECT nr.id, nr.status, nr.from_organization_id, nr.to_organization_id
             FROM new_rows nr JOIN old_rows o ON o.id = nr.id WHERE o.status IS DISTINCT FROM nr.status LOOP
      PERFORM pg_notify('intake_referral', json_build_object('id', n.id, 'status', n.status,
        'from_org', n.from_organization_id, 'to_org', n.to_organization_id)::text);
    END LOOP;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER intake_referrals_notify_insert AFTER INSERT ON intake_referrals
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION intake_referral_notify();
CREATE TRIGGER intake_referrals_notify_update AFTER UPDATE ON intake_referrals
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION intake_referral_notify();
