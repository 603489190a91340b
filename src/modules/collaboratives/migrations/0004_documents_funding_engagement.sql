-- Governance documents with versions approved by a recorded decision; funding sources with
-- reporting obligations; engagement records.
CREATE TABLE collaboratives_documents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  collaborative_id uuid NOT NULL REFERENCES collaboratives (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('terms_of_reference', 'charter', 'membership_agreement', 'declaration_of_intent', 'policy')),
  title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 300),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX collaboratives_documents_collab ON collaboratives_documents (collaborative_id);

CREATE TABLE collaboratives_document_versions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  document_id uuid NOT NULL REFERENCES collaboratives_documents (id) ON DELETE CASCADE,
  number integer NOT NULL,
  body text NOT NULL CHECK (length(body) <= 200000),
  change_note text CHECK (length(change_note) <= 1000),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'approved', 'superseded')),
  approved_decision_id uuid REFERENCES collaboratives_decisions (id),
  approved_at timestamptz,
  created_by_label text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (document_id, number),
  CHECK (status = 'draft' OR approved_decision_id IS NOT NULL)
);

CREATE TABLE collaboratives_funding_sources (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  collaborative_id uuid NOT NULL REFERENCES collaboratives (id) ON DELETE CASCADE,
  funder_name text NOT NULL CHECK (length(btrim(funder_name)) BETWEEN 1 AND 300),
  type text NOT NULL CHECK (type IN ('membership_fees', 'foundation', 'grant', 'municipal_line_item', 'service_manager_agreement', 'contribution_agreement', 'in_kind')),
  amount numeric(14, 2) NOT NULL CHECK (amount >= 0),
  currency text NOT NULL DEFAULT 'CAD' CHECK (currency ~ '^[A-Z]{3}$'),
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  lead_recipient_organization_id uuid REFERENCES organizations (id),
  purpose text NOT NULL CHECK (purpose IN ('backbone', 'project')),
  purpose_note text CHECK (length(purpose_note) <= 2000),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on >= starts_on)
);
CREATE INDEX collaboratives_funding_sources_collab ON collaboratives_funding_sources (collaborative_id);

CREATE TABLE collaboratives_funding_obligations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  source_id uuid NOT NULL REFERENCES collaboratives_funding_sources (id) ON DELETE CASCADE,
  title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 300),
  due_on date NOT NULL,
  submitted_on date
);

CREATE TABLE collaboratives_engagements (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  collaborative_id uuid NOT NULL REFERENCES collaboratives (id) ON DELETE CASCADE,
  title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 300),
  held_on date NOT NULL,
  place text CHECK (length(place) <= 300),
  method text NOT NULL CHECK (method IN ('consultation', 'focus_group', 'town_hall', 'survey', 'public_forum', 'other')),
  audience text CHECK (length(audience) <= 500),
  participant_count integer CHECK (participant_count >= 0),
  themes text[] NOT NULL DEFAULT '{}',
  goal_refs text[] NOT NULL DEFAULT '{}',
  summary text CHECK (length(summary) <= 10000),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX collaboratives_engagements_collab ON collaboratives_engagements (collaborative_id, held_on);
