-- No Wrong Door: client records (personal fields encrypted by the application, see
-- docs/decisions/0008-client-field-encryption.md), consent directives, screening, referrals.

-- Per-organization settings: referral follow-up and retention.
CREATE TABLE intake_settings (
  organization_id uuid PRIMARY KEY REFERENCES organizations (id),
  follow_up_days integer NOT NULL DEFAULT 7 CHECK (follow_up_days BETWEEN 1 AND 90),
  retention_years integer NOT NULL DEFAULT 7 CHECK (retention_years BETWEEN 1 AND 100),
  version integer NOT NULL DEFAULT 1
);

CREATE TABLE intake_clients (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  home_organization_id uuid NOT NULL REFERENCES organizations (id),
  -- AES-256-GCM "v1:keyId:iv:ciphertext:tag"; never plain text.
  name_enc text NOT NULL,
  preferred_name_enc text,
  birth_date_enc text,
  contact_enc text,
  identifiers_enc text,
  household_enc text,
  immigration_category_enc text,
  -- Blind indexes (HMAC) for search and duplicate detection.
  name_index text[] NOT NULL DEFAULT '{}',
  birth_date_index text,
  -- Not identifying on their own; kept plain for matching and de-identified aggregates.
  preferred_language text,
  municipality_id uuid REFERENCES geographies (id),
  settlement_stage text CHECK (settlement_stage IN ('immediate', 'intermediate', 'final')),
  is_fictional boolean NOT NULL DEFAULT false,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed', 'merged')),
  merged_into uuid REFERENCES intake_clients (id),
  closed_at timestamptz,
  assigned_user_id uuid REFERENCES users (id),
  created_by uuid REFERENCES users (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'merged') = (merged_into IS NOT NULL))
);
CREATE INDEX intake_clients_home_idx ON intake_clients (home_organization_id, status);
CREATE INDEX intake_clients_assigned_idx ON intake_clients (assigned_user_id) WHERE status = 'active';
CREATE INDEX intake_clients_name_idx ON intake_clients USING gin (name_index);
CREATE INDEX intake_clients_dob_idx ON intake_clients (birth_date_index);

-- Human merges, reversible: what moved is kept so an undo can put it back.
CREATE TABLE intake_merges (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  source_id uuid NOT NULL REFERENCES intake_clients (id) ON DELETE CASCADE,
  target_id uuid NOT NULL REFERENCES intake_clients (id) ON DELETE CASCADE,
  moved jsonb NOT NULL DEFAULT '{}'::jsonb,
  reason text NOT NULL,
  merged_by uuid REFERENCES users (id),
  merged_at timestamptz NOT NULL DEFAULT now(),
  undone_at timestamptz,
  undone_by uuid REFERENCES users (id)
);

-- Consent directives. Access to a client's data needs one that is active and covers the
-- reader's organization (or a collaborative the reader belongs to) and the data category.
CREATE TABLE intake_consents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL REFERENCES intake_clients (id) ON DELETE CASCADE,
  purpose text NOT NULL CHECK (purpose IN ('intake', 'referral', 'care_coordination', 'shared_plan')),
  data_categories text[] NOT NULL CHECK (cardinality(data_categories) > 0),
  organization_ids uuid[] NOT NULL DEFAULT '{}',
  collaborative_id uuid,
  external_partner text,
  method text NOT NULL CHECK (method IN ('signed_on_screen', 'paper_scanned', 'verbal_witnessed')),
  witness_name text,
  document_reference text,
  starts_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz,
  withdrawn_at timestamptz,
  withdrawn_by uuid REFERENCES users (id),
  recorded_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (expires_at IS NULL OR expires_at > starts_at),
  CHECK (method <> 'verbal_witnessed' OR witness_name IS NOT NULL)
);
CREATE INDEX intake_consents_client_idx ON intake_consents (client_id) WHERE withdrawn_at IS NULL;
CREATE INDEX intake_consents_orgs_idx ON intake_consents USING gin (organization_ids);

-- Break the glass: time-limited emergency access with a reason.
CREATE TABLE intake_emergency_access (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL REFERENCES intake_clients (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id),
  organization_id uuid NOT NULL REFERENCES organizations (id),
  reason text NOT NULL CHECK (length(btrim(reason)) >= 10),
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX intake_emergency_access_idx ON intake_emergency_access (client_id, user_id);

-- Alerts for an organization's privacy officer (no personal data in them).
CREATE TABLE intake_alerts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations (id),
  kind text NOT NULL,
  client_id uuid REFERENCES intake_clients (id) ON DELETE CASCADE,
  actor_label text NOT NULL,
  message text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  acknowledged_at timestamptz,
  acknowledged_by uuid REFERENCES users (id)
);
CREATE INDEX intake_alerts_org_idx ON intake_alerts (organization_id, created_at DESC);

-- Screening instruments: versioned; a published version never changes (trigger below).
CREATE TABLE intake_instruments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL,
  instrument_version integer NOT NULL,
  name text NOT NULL,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'retired')),
  definition jsonb NOT NULL,
  published_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (code, instrument_version)
);
CREATE FUNCTION intake_instrument_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status <> 'draft' AND (NEW.definition IS DISTINCT FROM OLD.definition OR NEW.name IS DISTINCT FROM OLD.name) THEN
    RAISE EXCEPTION 'published instrument versions never change' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER intake_instruments_frozen BEFORE UPDATE ON intake_instruments FOR EACH ROW EXECUTE FUNCTION intake_instrument_frozen();

CREATE TABLE intake_assessments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL REFERENCES intake_clients (id) ON DELETE CASCADE,
  instrument_id uuid NOT NULL REFERENCES intake_instruments (id),
  organization_id uuid NOT NULL REFERENCES organizations (id),
  answers_enc text NOT NULL,
  -- domain code -> acuity 1 (crisis) .. 5 (thriving)
  acuity jsonb NOT NULL,
  -- [{domain, need, urgency}] (codes only)
  needs jsonb NOT NULL DEFAULT '[]'::jsonb,
  municipality_id uuid REFERENCES geographies (id),
  assessed_by uuid REFERENCES users (id),
  assessed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX intake_assessments_client_idx ON intake_assessments (client_id, assessed_at DESC);

-- Support bundles: saved sets of services for a combination of needs at an acuity.
CREATE TABLE intake_bundles (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid REFERENCES organizations (id),
  name text NOT NULL,
  need_codes text[] NOT NULL,
  max_acuity integer NOT NULL CHECK (max_acuity BETWEEN 1 AND 5),
  service_ids uuid[] NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Warm referrals with the FHIR Task status lifecycle.
CREATE TABLE intake_referrals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL REFERENCES intake_clients (id) ON DELETE CASCADE,
  from_organization_id uuid NOT NULL REFERENCES organizations (id),
  from_user_id uuid REFERENCES users (id),
  to_organization_id uuid REFERENCES organizations (id),
  to_user_id uuid REFERENCES users (id),
  -- Off-platform partners: who receives the secure link.
  external_partner text,
  to_contact_name text,
  to_contact_email text,
  service_id uuid,
  service_name text,
  need_code text,
  reason_enc text,
  urgency text NOT NULL CHECK (urgency IN ('routine', 'soon', 'urgent')),
  shared_categories text[] NOT NULL DEFAULT '{}',
  consent_id uuid REFERENCES intake_consents (id),
  status text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'received', 'accepted', 'rejected', 'in-progress', 'completed', 'cancelled')),
  status_reason text,
  outcome text CHECK (outcome IN ('service_received', 'not_eligible', 'could_not_reach', 'declined')),
  eligibility_override_reason text,
  municipality_id uuid REFERENCES geographies (id),
  from_sector text,
  to_sector text,
  sent_at timestamptz NOT NULL DEFAULT now(),
  follow_up_due_at timestamptz NOT NULL,
  accepted_at timestamptz,
  closed_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (to_organization_id IS NOT NULL OR external_partner IS NOT NULL)
);
CREATE INDEX intake_referrals_client_idx ON intake_referrals (client_id);
CREATE INDEX intake_referrals_to_idx ON intake_referrals (to_organization_id, status, sent_at);
CREATE INDEX intake_referrals_from_idx ON intake_referrals (from_organization_id, sent_at);
CREATE INDEX intake_referrals_followup_idx ON intake_referrals (from_user_id, follow_up_due_at) WHERE status NOT IN ('completed', 'cancelled', 'rejected');

-- Nothing changes after a referral is completed, rejected or cancelled; no state is skipped.
CREATE FUNCTION intake_referral_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A merge of duplicate clients may move a closed referral to the surviving client; nothing else.
  IF OLD.status IN ('completed', 'cancelled', 'rejected')
     AND (to_jsonb(NEW) - 'client_id' - 'version' - 'updated_at') IS DISTINCT FROM (to_jsonb(OLD) - 'client_id' - 'version' - 'updated_at') THEN
    RAISE EXCEPTION 'referral % is closed', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.status <> OLD.status AND NOT (
       (OLD.status = 'requested' AND NEW.status IN ('received', 'cancelled'))
    OR (OLD.status = 'received' AND NEW.status IN ('accepted', 'rejected', 'cancelled'))
    OR (OLD.status = 'accepted' AND NEW.status IN ('in-progress', 'cancelled'))
    OR (OLD.status = 'in-progress' AND NEW.status IN ('completed', 'cancelled'))) THEN
    RAISE EXCEPTION 'referral cannot go from % to %', OLD.status, NEW.status USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER intake_referrals_guard BEFORE UPDATE ON intake_referrals FOR EACH ROW EXECUTE FUNCTION intake_referral_guard();

CREATE TABLE intake_referral_events (
  id bigserial PRIMARY KEY,
  referral_id uuid NOT NULL REFERENCES intake_referrals (id) ON DELETE CASCADE,
  from_status text,
  to_status text NOT NULL,
  actor_user_id uuid REFERENCES users (id),
  actor_label text NOT NULL,
  reason text,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  -- Each state is entered at most once: a duplicated transition cannot be stored.
  UNIQUE (referral_id, to_status)
);

-- Secure links for partners not on the platform: token stored as SHA-256, single use per action.
CREATE TABLE intake_referral_links (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  referral_id uuid NOT NULL REFERENCES intake_referrals (id) ON DELETE CASCADE,
  token_hash text NOT NULL UNIQUE,
  expires_at timestamptz NOT NULL,
  responded_at timestamptz,
  outcome_reported_at timestamptz,
  revoked_at timestamptz,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- One shared plan per client (content encrypted), and its case conferences.
CREATE TABLE intake_plans (
  client_id uuid PRIMARY KEY REFERENCES intake_clients (id) ON DELETE CASCADE,
  content_enc text NOT NULL,
  version integer NOT NULL DEFAULT 1,
  updated_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE intake_case_conferences (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL REFERENCES intake_clients (id) ON DELETE CASCADE,
  held_at timestamptz NOT NULL,
  attendees_enc text NOT NULL,
  notes_enc text,
  recorded_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Self-referrals from the public finder: minimal data, routed to an organization's queue.
CREATE TABLE intake_self_referrals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations (id),
  service_id uuid,
  first_name_enc text NOT NULL,
  contact_enc text NOT NULL,
  need_code text,
  preferred_language text,
  status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'contacted', 'closed')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX intake_self_referrals_org_idx ON intake_self_referrals (organization_id, status);
