/**
 * What other modules may use of notifications: give notices inside their own command's
 * transaction (so a notice commits or rolls back with the event), and clear reminders.
 * A notice's params and link must never carry a client's personal data: name
 * organizations, collaboratives and statuses, and link to the record, which checks consent.
 */
import type { SQL } from 'drizzle-orm';
import type { Db } from '../../core/db/database';
import type { Actor } from '../../core/accounts/actor';
import { organizationPeople } from '../../core/accounts/accounts.service';
import * as repo from './notifications.repository';
import type { NotificationKind } from './notifications.schema';

export type { NotificationKind } from './notifications.schema';

export interface Notice {
  kind: NotificationKind;
  /** Values of the title (organization, collaborative, title, status…); never client data. */
  params: Record<string, string | null | undefined>;
  /** Path in the app the notice leads to, e.g. /intake/referrals/<id>. */
  link: string;
  /** The record the notice is about, so a reminder can be cleared when it closes. */
  subjectId?: string | null;
  /** A notice given twice under the same key (per recipient) is kept once. */
  dedupeKey?: string | null;
}

/**
 * Gives a notice to each recipient (user ids, resolved by the caller or the helpers below),
 * inside the caller's transaction. Inactive users and the acting user are left out: people
 * are not told what they did themselves. Returns how many notices were written.
 */
export async function notify(tx: Db, recipients: (string | null | undefined)[], notice: Notice, actor?: Actor): Promise<number> {
  const { ids, notification } = noticeOf(recipients, notice, actor);
  return repo.insertNotifications(tx, ids, notification);
}

/**
 * The same notices as SQL for a change that is one statement to carry (a data-modifying WITH
 * part), given only `when` it holds (a condition on the change's own rows); null when no one
 * is left to tell.
 */
export function noticeWrite(recipients: (string | null | undefined)[], notice: Notice, actor: Actor | undefined, when: SQL): SQL | null {
  const { ids, notification } = noticeOf(recipients, notice, actor);
  return ids.length ? repo.insertNotificationsSql(ids, notification, when) : null;
}

function noticeOf(recipients: (string | null | undefined)[], notice: Notice, actor?: Actor) {
  const me = actor?.kind === 'user' ? actor.userId : null;
  const ids = [...new Set(recipients.filter((r): r is string => !!r && r !== me))];
  const params = Object.fromEntries(Object.entries(notice.params).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
  return { ids, notification: { kind: notice.kind, params, link: notice.link, subjectId: notice.subjectId ?? null, dedupeKey: notice.dedupeKey ?? null } };
}

/** Removes notices of these kinds about a subject: e.g. a follow-up reminder once its referral closed. */
export async function clearNotices(tx: Db, subjectId: string, kinds: NotificationKind[]): Promise<number> {
  return repo.deleteBySubject(tx, subjectId, kinds);
}

/** `clearNotices` as SQL for a change that is one statement to carry, clearing only `when` it holds. */
export function clearNoticesWrite(subjectId: string, kinds: NotificationKind[], when: SQL): SQL {
  return repo.deleteBySubjectSql(subjectId, kinds, when);
}

/** Active people of an organization holding one of these roles: recipients for a notice to an organization. */
export async function organizationRecipients(tx: Db, organizationId: string | null | undefined, roles: ('org_admin' | 'staff' | 'privacy_officer')[] = ['staff', 'org_admin']): Promise<string[]> {
  if (!organizationId) return [];
  return (await organizationPeople(tx, organizationId, roles)).map((p) => p.id);
}
