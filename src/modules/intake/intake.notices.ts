/**
 * The notices the referral loop gives (notifications module): a new referral to the receiving
 * organization, each later step to the other side, "the loop closed" to the sender, and a
 * follow-up reminder to the sender when it comes due. Notices name organizations and statuses
 * and link to the referral, which checks consent when opened: never a client's name or reason.
 */
import type { SQL } from 'drizzle-orm';
import type { Db } from '../../core/db/database';
import type { Actor } from '../../core/accounts/actor';
import { clearNotices, clearNoticesWrite, noticeWrite, notify, organizationRecipients, type Notice } from '../notifications/notifications.api';

/** What a notice needs of a referral row (snake_case columns of intake_referrals, with organization names). */
export interface ReferralForNotice {
  id: string;
  from_user_id?: string | null;
  to_user_id?: string | null;
  from_organization_id: string;
  to_organization_id?: string | null;
  from_org_name?: string | null;
  to_org_name?: string | null;
  external_partner?: string | null;
  service_name?: string | null;
}

const CLOSING = ['completed', 'rejected', 'cancelled'];
const linkOf = (id: string) => `/intake/referrals/${id}`;

/** Who sent the referral: the sending worker, or the sending organization's workers when the worker is gone. */
async function senders(tx: Db, r: ReferralForNotice): Promise<string[]> {
  return r.from_user_id ? [r.from_user_id] : organizationRecipients(tx, r.from_organization_id);
}

/** Who receives it: the named or accepting person, else the receiving organization's workers. */
async function receivers(tx: Db, r: ReferralForNotice): Promise<string[]> {
  return r.to_user_id ? [r.to_user_id] : organizationRecipients(tx, r.to_organization_id);
}

/**
 * Notices for a referral that just reached `status`, given in the change's transaction. A
 * closed referral's follow-up reminder is cleared.
 */
export async function referralNotices(tx: Db, actor: Actor, r: ReferralForNotice, status: string): Promise<void> {
  const { to, notice, clearsReminder } = await noticesOf(tx, r, status);
  await notify(tx, to, notice, actor);
  if (clearsReminder) await clearNotices(tx, r.id, ['referral_follow_up_due']);
}

/**
 * The same notices as SQL for a step that is one statement to carry, given only `when` it holds
 * (the step happened). Who is told is read now, before the step: a step changes none of it.
 */
export async function referralNoticeWrites(db: Db, actor: Actor, r: ReferralForNotice, status: string, when: SQL): Promise<SQL[]> {
  const { to, notice, clearsReminder } = await noticesOf(db, r, status);
  const writes = [noticeWrite(to, notice, actor, when)];
  if (clearsReminder) writes.push(clearNoticesWrite(r.id, ['referral_follow_up_due'], when));
  return writes.filter((w): w is SQL => w !== null);
}

async function noticesOf(db: Db, r: ReferralForNotice, status: string): Promise<{ to: string[]; notice: Notice; clearsReminder: boolean }> {
  const link = linkOf(r.id);
  if (status === 'requested') {
    return { to: await receivers(db, r), notice: { kind: 'referral_received', params: { organization: r.from_org_name, service: r.service_name }, link, subjectId: r.id }, clearsReminder: false };
  }
  const organization = r.to_org_name ?? r.external_partner;
  const clearsReminder = CLOSING.includes(status);
  // The sender cancelled: the receiving side is told.
  if (status === 'cancelled') return { to: await receivers(db, r), notice: { kind: 'referral_cancelled', params: { organization: r.from_org_name }, link, subjectId: r.id }, clearsReminder };
  return { to: await senders(db, r), notice: { kind: status === 'completed' ? 'referral_closed' : 'referral_status', params: { organization, status }, link, subjectId: r.id }, clearsReminder };
}

/** The reminder that a referral's follow-up is due, once per referral. */
export async function followUpNotice(tx: Db, r: { id: string; fromUserId: string; toOrganizationName: string | null; externalPartner: string | null; followUpDueAt: Date | string }): Promise<void> {
  await notify(tx, [r.fromUserId], {
    kind: 'referral_follow_up_due',
    params: { organization: r.toOrganizationName ?? r.externalPartner, dueAt: new Date(r.followUpDueAt).toISOString() },
    link: linkOf(r.id),
    subjectId: r.id,
    dedupeKey: `follow_up:${r.id}`,
  });
}
