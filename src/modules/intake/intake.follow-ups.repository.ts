/** SQL of the follow-up reminder sweep (intake.follow-ups.ts). Organizations joined read-only for names (ADR 0009). */
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../core/db/database';

export interface DueFollowUp {
  id: string;
  fromUserId: string;
  fromOrganizationId: string;
  toOrganizationName: string | null;
  externalPartner: string | null;
  followUpDueAt: Date | string;
}

/**
 * Open referrals whose follow-up came due and whose sender was not yet told, marked told in
 * the same statement so two sweeps never tell twice.
 */
export async function claimDueFollowUps(db: Db, limit = 500): Promise<DueFollowUp[]> {
  return rowsOf<DueFollowUp>(db, sql`WITH due AS (
      UPDATE intake_referrals SET follow_up_noticed_at = now()
      WHERE id IN (SELECT id FROM intake_referrals WHERE status NOT IN ('completed', 'cancelled', 'rejected') AND follow_up_due_at < now()
        AND follow_up_noticed_at IS NULL AND from_user_id IS NOT NULL ORDER BY follow_up_due_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      RETURNING id, from_user_id, from_organization_id, to_organization_id, external_partner, follow_up_due_at)
    SELECT d.id, d.from_user_id AS "fromUserId", d.from_organization_id AS "fromOrganizationId", o.legal_name AS "toOrganizationName",
      d.external_partner AS "externalPartner", d.follow_up_due_at AS "followUpDueAt"
    FROM due d LEFT JOIN organizations o ON o.id = d.to_organization_id`);
}
