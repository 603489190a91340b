-- Consent has an owner: the client's home organization records, amends and withdraws the
-- client's directives. A named organization may relinquish what was given to it: it leaves
-- organization_ids and is kept here, with when, for the record.
ALTER TABLE intake_consents
  ADD COLUMN collected_by_organization_id uuid REFERENCES organizations (id),
  ADD COLUMN relinquished_organization_ids uuid[] NOT NULL DEFAULT '{}',
  ADD COLUMN relinquished_at timestamptz;

UPDATE intake_consents k SET collected_by_organization_id = c.home_organization_id FROM intake_clients c WHERE c.id = k.client_id;

-- A consent is collected by the home organization of its client, whoever inserts it.
CREATE FUNCTION intake_consent_owner() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE home uuid;
BEGIN
  SELECT home_organization_id INTO home FROM intake_clients WHERE id = NEW.client_id;
  IF NEW.collected_by_organization_id IS NULL THEN
    NEW.collected_by_organization_id := home;
  ELSIF NEW.collected_by_organization_id IS DISTINCT FROM home THEN
    RAISE EXCEPTION 'a consent belongs to the home organization of its client' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER intake_consent_owner BEFORE INSERT OR UPDATE OF client_id, collected_by_organization_id ON intake_consents
  FOR EACH ROW EXECUTE FUNCTION intake_consent_owner();
