/**
 * The follow-up reminder sweep: every few minutes, each referral whose follow-up came due
 * while it is still open gives its sender one notice (intake.notices.ts). Closing the referral
 * clears the notice.
 */
import type { Database } from '../../core/db/database';
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

const timers = new WeakMap<Database, NodeJS.Timeout[]>();

/** Starts the sweep (manifest `init`). */
export function startFollowUpSweep(database: Database): void {
  if (timers.has(database)) return;
  const tick = () => void sweepFollowUps(database).catch(() => undefined);
  const first = setTimeout(tick, followUpSweepTimings.firstAfterMs);
  const every = setInterval(tick, followUpSweepTimings.everyMs);
  first.unref();
  every.unref();
  timers.set(database, [first, every]);
}

export function stopFollowUpSweep(database: Database): void {
  for (const t of timers.get(database) ?? []) clearTimeout(t);
  timers.delete(database);
}
