/** SQL of self-referrals once received (intake.self-referrals.ts). */
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../../core/db/database';

type Row = Record<string, unknown>;

export async function selfReferralRow(tx: Db, id: string): Promise<Row | undefined> {
  const [r] = await rowsOf<Row>(tx, sql`SELECT * FROM intake_self_referrals WHERE id = ${id}::uuid`);
  return r;
}

export async function closeSelfReferralRow(tx: Db, id: string, outcome: string, userId: string | null): Promise<Row | undefined> {
  const [row] = await rowsOf<Row>(tx, sql`UPDATE intake_self_referrals SET status = 'closed', outcome = ${outcome}, handled_by = ${userId}::uuid, handled_at = now()
      WHERE id = ${id}::uuid AND status = 'new' RETURNING *`);
  return row;
}

/** Closes an open self-referral to this organization as answered by a new client record; false if none. */
export async function answerSelfReferralRow(tx: Db, id: string, organizationId: string, clientId: string, userId: string | null): Promise<boolean> {
  const rows = await rowsOf<Row>(tx, sql`UPDATE intake_self_referrals SET status = 'closed', outcome = 'intake_started', client_id = ${clientId}::uuid,
      handled_by = ${userId}::uuid, handled_at = now()
    WHERE id = ${id}::uuid AND organization_id = ${organizationId}::uuid AND status = 'new' RETURNING id`);
  return rows.length > 0;
}

/** Answered self-referrals past their organization's retention (or `years`): counted, or deleted unless a dry run. */
export async function purgeAnsweredSelfReferralRows(tx: Db, opts: { dryRun: boolean; years?: number }): Promise<number> {
  const old = sql`SELECT r.id FROM intake_self_referrals r LEFT JOIN intake_settings s ON s.organization_id = r.organization_id
    WHERE r.status = 'closed' AND r.handled_at < now() - make_interval(years => coalesce(${opts.years ?? null}::int, s.retention_years, 7))`;
  const rows = opts.dryRun
    ? await rowsOf<Row>(tx, old)
    : await rowsOf<Row>(tx, sql`DELETE FROM intake_self_referrals WHERE id IN (${old}) RETURNING id`);
  return rows.length;
}
