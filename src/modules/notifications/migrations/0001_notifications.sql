-- In-app notices per user (docs/notifications.md). A notice carries a kind, the parameters of
-- its title and a link; never a client's personal data.
CREATE TABLE notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('referral_received', 'referral_status', 'referral_closed', 'referral_cancelled', 'referral_follow_up_due', 'action_item_assigned', 'decision_recorded')),
  params jsonb NOT NULL DEFAULT '{}'::jsonb,
  link text NOT NULL CHECK (link LIKE '/%'),
  -- What the notice is about (a referral, an action item, a decision): to clear a reminder when its subject closes.
  subject_id uuid,
  -- A notice asked for twice (a sweep running again) is kept once.
  dedupe_key text,
  read_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- E-mail delivery (when SMTP is configured): pending, sending (claimed by a sender), sent, skipped (off), failed.
  email_state text NOT NULL DEFAULT 'pending' CHECK (email_state IN ('pending', 'sending', 'sent', 'skipped', 'failed')),
  email_attempts integer NOT NULL DEFAULT 0,
  UNIQUE (user_id, dedupe_key)
);
CREATE INDEX notifications_user_created_idx ON notifications (user_id, created_at DESC);
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;
CREATE INDEX notifications_subject_idx ON notifications (subject_id) WHERE subject_id IS NOT NULL;
CREATE INDEX notifications_email_pending_idx ON notifications (created_at) WHERE email_state IN ('pending', 'sending');

-- Each user's choices: e-mail copies on unless turned off.
CREATE TABLE notification_settings (
  user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  email_enabled boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);
