-- The worklist's incoming queue, in the order the worklist shows it (urgent first, then oldest):
-- read per receiving organization, each scan returns rows already in order and stops at the limit.
CREATE INDEX intake_referrals_incoming_queue_idx ON intake_referrals (to_organization_id, (urgency = 'urgent') DESC, sent_at)
  WHERE status IN ('requested', 'received');

-- Live status is now sent by the application after each referral change commits (one
-- pg_notify statement of its own, see intake.referrals.ts): a NOTIFY inside the transaction
-- holds a database-wide lock through its commit and serialized concurrent transitions.
DROP TRIGGER intake_referrals_notify_insert ON intake_referrals;
DROP TRIGGER intake_referrals_notify_update ON intake_referrals;
DROP FUNCTION intake_referral_notify();
