-- When the sender was told a referral's follow-up is due (notifications module), so the
-- reminder sweep tells them once.
ALTER TABLE intake_referrals ADD COLUMN follow_up_noticed_at timestamptz;
