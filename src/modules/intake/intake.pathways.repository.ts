/**
 * Read-only, for the pathways module (issue 16): referrals sent in a period, reduced to what a
 * pathway needs to place them on its steps. No client id, name or reason leaves: each person is
 * an opaque key (a hash of the client id salted per call), stable only within one answer.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../core/db/database';

export interface PathwayReferralEvent {
  person: string;
  serviceId: string | null;
  toOrganizationId: string | null;
  needCode: string | null;
  sentAt: Date;
  outcome: string | null;
}

export async function referralEventsForPathways(db: Db, period: { from: string; to: string }): Promise<PathwayReferralEvent[]> {
  const salt = randomUUID();
  return rowsOf<PathwayReferralEvent>(db, sql`
    SELECT md5(${salt} || r.client_id::text) AS person, r.service_id AS "serviceId", r.to_organization_id AS "toOrganizationId",
      r.need_code AS "needCode", r.sent_at AS "sentAt", r.outcome
    FROM intake_referrals r
    WHERE r.sent_at >= ${period.from}::date AND r.sent_at < (${period.to}::date + 1)
    ORDER BY r.sent_at`);
}
