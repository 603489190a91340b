-- Issue 12: the meeting and home pages at 200 members. The meeting page reads a meeting's
-- decisions and action items; the home page reads a collaborative's reporting obligations
-- through its funding sources. Each by the meeting or source it belongs to.
CREATE INDEX IF NOT EXISTS collaboratives_decisions_meeting ON collaboratives_decisions (meeting_id, created_at);
CREATE INDEX IF NOT EXISTS collaboratives_action_items_meeting ON collaboratives_action_items (meeting_id, due_on) WHERE meeting_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS collaboratives_funding_obligations_source ON collaboratives_funding_obligations (source_id, due_on);
CREATE INDEX IF NOT EXISTS collaboratives_members_collab_start ON collaboratives_members (collaborative_id, start_date, created_at);
