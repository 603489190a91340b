CREATE TABLE geographies (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Stable code: the Statistics Canada SGC code where one exists (35, 3518, 3518013), else custom.
  code text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9._-]{1,40}$'),
  sgc_code text,
  level text NOT NULL CHECK (level IN ('province', 'upper_tier', 'service_manager_area', 'municipality', 'neighbourhood', 'custom')),
  name_en text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 200),
  name_fr text NOT NULL CHECK (length(name_fr) BETWEEN 1 AND 200),
  parent_id uuid REFERENCES geographies (id),
  -- A GeoJSON Polygon or MultiPolygon, in WGS84.
  boundary jsonb,
  boundary_approximate boolean NOT NULL DEFAULT false,
  latitude double precision CHECK (latitude BETWEEN -90 AND 90),
  longitude double precision CHECK (longitude BETWEEN -180 AND 180),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((level = 'province') = (parent_id IS NULL)),
  CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX geographies_parent_idx ON geographies (parent_id);
CREATE INDEX geographies_name_trgm_idx ON geographies USING gin (rt_fold(name_en || ' ' || name_fr) gin_trgm_ops);
