CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL CHECK (length(email) BETWEEN 3 AND 320),
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  password_hash text NOT NULL,
  is_active boolean NOT NULL DEFAULT true,
  -- Demo accounts have published passwords; the UI marks them and real servers do not load them.
  is_demo boolean NOT NULL DEFAULT false,
  organization_id uuid REFERENCES organizations (id),
  preferred_language text NOT NULL DEFAULT 'en' CHECK (preferred_language IN ('en', 'fr')),
  failed_login_count integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  last_login_at timestamptz,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));
CREATE INDEX users_organization_idx ON users (organization_id);

-- Roles are scoped: platform-wide, to an organization, or to a collaborative.
CREATE TABLE role_assignments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('platform_admin', 'org_admin', 'staff', 'coordinator', 'member', 'viewer')),
  scope_type text NOT NULL CHECK (scope_type IN ('platform', 'organization', 'collaborative')),
  scope_id uuid,
  granted_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((scope_type = 'platform') = (scope_id IS NULL)),
  CHECK ((role = 'platform_admin') = (scope_type = 'platform')),
  CHECK (role NOT IN ('org_admin', 'staff') OR scope_type = 'organization'),
  CHECK (role NOT IN ('coordinator', 'member') OR scope_type = 'collaborative'),
  UNIQUE NULLS NOT DISTINCT (user_id, role, scope_type, scope_id)
);
CREATE INDEX role_assignments_scope_idx ON role_assignments (scope_type, scope_id);

-- Server-side sessions. Only a SHA-256 of the cookie token is stored.
CREATE TABLE sessions (
  id text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  ip text,
  user_agent text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
