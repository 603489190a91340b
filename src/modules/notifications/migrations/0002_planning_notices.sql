-- Notices from the planning side: an assessment round waiting for your answers, and a new
-- version of a common template your collaborative adopted.
ALTER TABLE notifications DROP CONSTRAINT IF EXISTS notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (
  'referral_received', 'referral_status', 'referral_closed', 'referral_cancelled', 'referral_follow_up_due',
  'action_item_assigned', 'decision_recorded', 'assessment_reminder', 'template_version'));
