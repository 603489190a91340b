-- The worker's worklist at a million clients (issue 12). Two of its lists read every active
-- client assigned to the worker (about 500 each at that size) to keep 50:
--  * "my clients", newest first: an index in that order stops at the rows it needs;
--  * "reassessments due", oldest assessment first: it took the latest assessment of each of
--    those clients, one probe each, then sorted. The date of a client's latest assessment is
--    now kept on the client row (by trigger, whoever writes assessments: the app, a merge,
--    an import) and indexed in that order, so the list reads its first rows in order.
ALTER TABLE intake_clients ADD COLUMN last_assessed_at timestamptz;

UPDATE intake_clients c SET last_assessed_at = a.last
FROM (SELECT client_id, max(assessed_at) AS last FROM intake_assessments GROUP BY client_id) a
WHERE a.client_id = c.id;

CREATE FUNCTION intake_client_last_assessed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE intake_clients c SET last_assessed_at = (SELECT max(a.assessed_at) FROM intake_assessments a WHERE a.client_id = c.id)
    WHERE c.id IN (SELECT DISTINCT client_id FROM old_rows);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE intake_clients c SET last_assessed_at = (SELECT max(a.assessed_at) FROM intake_assessments a WHERE a.client_id = c.id)
    WHERE c.id IN (SELECT DISTINCT client_id FROM new_rows);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER intake_assessments_last_insert AFTER INSERT ON intake_assessments
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION intake_client_last_assessed();
CREATE TRIGGER intake_assessments_last_update AFTER UPDATE ON intake_assessments
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION intake_client_last_assessed();
CREATE TRIGGER intake_assessments_last_delete AFTER DELETE ON intake_assessments
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION intake_client_last_assessed();

-- Both lists are "active clients assigned to me" in an order; these replace the unordered index.
CREATE INDEX intake_clients_assigned_recent_idx ON intake_clients (assigned_user_id, updated_at DESC) WHERE status = 'active';
CREATE INDEX intake_clients_assigned_due_idx ON intake_clients (assigned_user_id, last_assessed_at) WHERE status = 'active';
DROP INDEX intake_clients_assigned_idx;
