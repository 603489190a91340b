/**
 * The follow-up reminder sweep: every few minutes, each referral whose follow-up came due
 * while it is still open gives its sender one notice (intake.notices.ts). Closing the referral
 * clears the notice.
 */
import type { Database } from '../../core/db/database';
import { repeatEvery, type RepeatingWork } from '../../core/repeating';
import { systemActor } from '../../core/accounts/actor';
import { recordAudit } from '../../core/audit/audit.service';
import { claimDueFollowUps } from './intake.follow-ups.repository';
import { followUpNotice } from './intake.notices';

export const followUpSweepTimings = { everyMs: 5 * 60_000, firstAfterMs: 20_000 };

/** Runs the sweep once; returns how many referrals gave a reminder. */
export async function sweepFollowUps(database: Database): Promise<number> {
  return database.db.transaction(async (tx) => {
    const due = await claimDueFollowUps(tx);
    if (!due.length) return 0;
    for (const r of due) await followUpNotice(tx, r);
    await recordAudit(tx, systemActor('follow-up-reminders'), {}, { action: 'intake.referral.follow_up_reminded', entityType: 'intake_referral', entityId: null, details: { referrals: due.length } });
    return due.length;
  });
}

const sweeps = new WeakMap<Database, RepeatingWork>();

/** Starts the sweep (manifest `init`). A failed sweep claims nothing (its transaction rolls back) and the next one tries again. */
export function startFollowUpSweep(database: Database): void {
  if (sweeps.has(database)) return;
  sweeps.set(database, repeatEvery(followUpSweepTimings.everyMs, () => sweepFollowUps(database), { onError: () => undefined, firstAfterMs: followUpSweepTimings.firstAfterMs }));
}

/** Stops the sweep; resolves once a sweep under way has finished. */
export async function stopFollowUpSweep(database: Database): Promise<void> {
  const work = sweeps.get(database);
  sweeps.delete(database);
  await work?.stop();
}
