-- API clients: other systems (a hospital, a coordination platform) calling /fhir for one
-- organization. The secret is shown once; only its keyed hash is kept.
CREATE TABLE api_clients (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations (id),
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  scopes text[] NOT NULL CHECK (cardinality(scopes) > 0),
  secret_hash text NOT NULL,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz,
  revoked_by uuid REFERENCES users (id)
);
CREATE INDEX api_clients_organization_idx ON api_clients (organization_id, created_at DESC);
