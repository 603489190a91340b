-- The chain trigger runs with its owner's rights, so the application's role needs no right to
-- change audit_chain_heads: on PostgreSQL with a separate owner role (docs/privacy.md) the
-- application can append to the logs and read them, nothing else.
ALTER FUNCTION audit_chain_append() SECURITY DEFINER;
ALTER FUNCTION audit_chain_append() SET search_path = public, pg_temp;
