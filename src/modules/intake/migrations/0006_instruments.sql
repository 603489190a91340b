-- One draft per instrument code at a time (the service says so first, with a clear message;
-- this index keeps two simultaneous "new version" requests from both succeeding).
CREATE UNIQUE INDEX intake_instruments_one_draft_idx ON intake_instruments (code) WHERE status = 'draft';
