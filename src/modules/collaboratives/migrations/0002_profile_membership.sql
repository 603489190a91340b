-- Collaborative profile, lifecycle stage with history, governance settings (quorum and
-- voting rule from the terms of reference), representation checklist, structure tree and
-- membership with agreement signing.
ALTER TABLE collaboratives
  ADD COLUMN incorporated boolean NOT NULL DEFAULT false,
  ADD COLUMN vision text CHECK (length(vision) <= 5000),
  ADD COLUMN mandate text CHECK (length(mandate) <= 5000),
  ADD COLUMN guiding_principles text CHECK (length(guiding_principles) <= 10000),
  ADD COLUMN stage text NOT NULL DEFAULT 'convening'
    CHECK (stage IN ('convening', 'council_formed', 'strategy_development', 'implementation', 'evaluation_renewal')),
  ADD COLUMN quorum_kind text NOT NULL DEFAULT 'majority' CHECK (quorum_kind IN ('majority', 'percent', 'count')),
  ADD COLUMN quorum_value integer NOT NULL DEFAULT 0 CHECK (quorum_value BETWEEN 0 AND 1000),
  ADD COLUMN vote_rule text NOT NULL DEFAULT 'simple_majority' CHECK (vote_rule IN ('simple_majority', 'two_thirds', 'unanimous')),
  ADD COLUMN checklist_partner_categories text[] NOT NULL DEFAULT '{}',
  ADD COLUMN checklist_sectors text[] NOT NULL DEFAULT '{}';

CREATE TABLE collaboratives_stage_changes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  collaborative_id uuid NOT NULL REFERENCES collaboratives (id) ON DELETE CASCADE,
  from_stage text,
  to_stage text NOT NULL,
  changed_on date NOT NULL,
  reason text NOT NULL CHECK (length(btrim(reason)) BETWEEN 1 AND 2000),
  actor_user_id uuid REFERENCES users (id),
  actor_label text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX collaboratives_stage_changes_collab ON collaboratives_stage_changes (collaborative_id, changed_on);

CREATE TABLE collaboratives_members (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  collaborative_id uuid NOT NULL REFERENCES collaboratives (id) ON DELETE CASCADE,
  organization_id uuid REFERENCES organizations (id),
  individual_name text CHECK (length(individual_name) <= 200),
  individual_kind text CHECK (individual_kind IN ('lived_experience', 'volunteer', 'resident', 'other')),
  representative_name text CHECK (length(representative_name) <= 200),
  representative_email text CHECK (length(representative_email) <= 320),
  user_id uuid REFERENCES users (id),
  sector text NOT NULL,
  partner_category text NOT NULL,
  voting boolean NOT NULL DEFAULT true,
  fee_tier text CHECK (length(fee_tier) <= 100),
  start_date date NOT NULL,
  end_date date,
  how_joined text NOT NULL DEFAULT 'invitation' CHECK (how_joined IN ('open_call', 'invitation', 'selection_committee')),
  resources_money numeric(14, 2) CHECK (resources_money >= 0),
  resources_in_kind text CHECK (length(resources_in_kind) <= 2000),
  resources_in_kind_value numeric(14, 2) CHECK (resources_in_kind_value >= 0),
  agreement_signed_at timestamptz,
  agreement_signed_by_user_id uuid REFERENCES users (id),
  agreement_signed_by_name text,
  agreement_statement text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (organization_id IS NOT NULL OR individual_name IS NOT NULL),
  CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX collaboratives_members_collab ON collaboratives_members (collaborative_id);
CREATE INDEX collaboratives_members_user ON collaboratives_members (user_id);

CREATE TABLE collaboratives_bodies (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  collaborative_id uuid NOT NULL REFERENCES collaboratives (id) ON DELETE CASCADE,
  parent_id uuid REFERENCES collaboratives_bodies (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 300),
  kind text NOT NULL CHECK (kind IN ('council', 'steering_committee', 'working_group', 'sub_council', 'affiliated_group')),
  basis text CHECK (basis IN ('sector', 'issue', 'population')),
  mandate text CHECK (length(mandate) <= 5000),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX collaboratives_bodies_collab ON collaboratives_bodies (collaborative_id);

CREATE TABLE collaboratives_body_members (
  body_id uuid NOT NULL REFERENCES collaboratives_bodies (id) ON DELETE CASCADE,
  member_id uuid NOT NULL REFERENCES collaboratives_members (id) ON DELETE CASCADE,
  role text NOT NULL DEFAULT 'member' CHECK (role IN ('chair', 'co_chair', 'member')),
  PRIMARY KEY (body_id, member_id)
);
