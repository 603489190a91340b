-- Organization dashboard at scale: open referrals by sending organization (overdue count), and
-- received referrals by status and time (index-only counts).
CREATE INDEX intake_referrals_open_from_idx ON intake_referrals (from_organization_id, follow_up_due_at)
  WHERE status NOT IN ('completed', 'cancelled', 'rejected');
