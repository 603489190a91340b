-- Why a client record was closed (the retention period starts at closed_at), and what became
-- of a self-referral from the finder: an intake was started (linked to the client record), the
-- person could not be reached, or no service was needed.
ALTER TABLE intake_clients
  ADD COLUMN closed_reason text CHECK (closed_reason IN ('goals_met', 'moved_away', 'declined_services', 'no_contact', 'transferred', 'other')),
  ADD COLUMN closed_note_enc text;

ALTER TABLE intake_self_referrals
  ADD COLUMN outcome text CHECK (outcome IN ('intake_started', 'could_not_reach', 'not_needed')),
  ADD COLUMN client_id uuid REFERENCES intake_clients (id) ON DELETE SET NULL,
  ADD COLUMN handled_by uuid REFERENCES users (id),
  ADD COLUMN handled_at timestamptz,
  ADD CONSTRAINT intake_self_referrals_handled CHECK ((status = 'new') = (outcome IS NULL));
