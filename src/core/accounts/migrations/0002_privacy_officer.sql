-- No Wrong Door (intake): an organization's privacy officer sees break-the-glass alerts and
-- client access reports. Scoped to an organization like staff.
ALTER TABLE role_assignments DROP CONSTRAINT IF EXISTS role_assignments_role_check;
ALTER TABLE role_assignments ADD CONSTRAINT role_assignments_role_check
  CHECK (role IN ('platform_admin', 'org_admin', 'staff', 'coordinator', 'member', 'viewer', 'privacy_officer'));
ALTER TABLE role_assignments ADD CONSTRAINT role_assignments_privacy_officer_scope
  CHECK (role <> 'privacy_officer' OR scope_type = 'organization');
