-- Support bundles become editable: a description, optimistic version, last change; a bundle
-- with no need or no service means nothing, and a name is unique within its organization
-- (region-wide bundles, with no organization, share one namespace).
ALTER TABLE intake_bundles ADD COLUMN description text NOT NULL DEFAULT '';
ALTER TABLE intake_bundles ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE intake_bundles ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE intake_bundles ADD CONSTRAINT intake_bundles_need_codes_check CHECK (cardinality(need_codes) > 0);
ALTER TABLE intake_bundles ADD CONSTRAINT intake_bundles_service_ids_check CHECK (cardinality(service_ids) > 0);
CREATE UNIQUE INDEX intake_bundles_name_key ON intake_bundles (coalesce(organization_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(name));
