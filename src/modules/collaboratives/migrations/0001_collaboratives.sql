-- The first slice of the collaboratives module: enough for roles to be scoped to a real
-- collaborative. Membership, governance, meetings and funding come with their own migrations.
CREATE TABLE collaboratives (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 300),
  short_name text CHECK (length(short_name) <= 50),
  type text NOT NULL CHECK (type IN ('lip_partnership_council', 'planning_table', 'network', 'task_force', 'roundtable', 'hub_steering_committee', 'other')),
  scope text NOT NULL DEFAULT 'local' CHECK (scope IN ('local', 'regional')),
  catchment_geography_id uuid REFERENCES geographies (id),
  lead_organization_id uuid REFERENCES organizations (id),
  focus text CHECK (length(focus) <= 1000),
  mission text CHECK (length(mission) <= 5000),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX collaboratives_name_key ON collaboratives (lower(name));
