-- FHIR exchange (SDOH Clinical Care): what was imported from other systems, so that importing
-- again changes nothing and a later Task moves the same referral, and the codes to keep verbatim.

-- Terminology an admin adds on top of the map shipped with the app (fhir/terminology.ts).
CREATE TABLE intake_fhir_terminology (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  system text NOT NULL CHECK (length(btrim(system)) BETWEEN 1 AND 300),
  code text NOT NULL CHECK (length(btrim(code)) BETWEEN 1 AND 200),
  display text,
  need_code text NOT NULL CHECK (length(btrim(need_code)) BETWEEN 1 AND 100),
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (system, code)
);

-- One row per referral that came in by FHIR: the other system's references, identifiers and codes
-- (no personal data: the Patient's identifiers are only kept hashed, in intake_fhir_keys).
CREATE TABLE intake_fhir_referrals (
  referral_id uuid PRIMARY KEY REFERENCES intake_referrals (id) ON DELETE CASCADE,
  organization_id uuid NOT NULL REFERENCES organizations (id),
  source jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- How a receiving organization recognizes what it already imported: ServiceRequest and Task
-- identifiers and ids (as sent), Patient identifiers (keyed hash).
CREATE TABLE intake_fhir_keys (
  organization_id uuid NOT NULL REFERENCES organizations (id),
  kind text NOT NULL CHECK (kind IN ('ServiceRequest', 'Task', 'Patient')),
  key text NOT NULL,
  referral_id uuid REFERENCES intake_referrals (id) ON DELETE CASCADE,
  client_id uuid REFERENCES intake_clients (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, kind, key),
  CHECK ((kind = 'Patient') = (client_id IS NOT NULL AND referral_id IS NULL))
);
