/** All SQL of the notifications module. Core's users are joined read-only for active recipients and their language. */
import { sql, type SQL } from 'drizzle-orm';
import { preparedRowsOf, rowsOf, type Db } from '../../core/db/database';
import { arrayParam } from '../../core/db/params';
import type { NotificationKind } from './notifications.schema';

export interface NotificationRow {
  id: string;
  userId: string;
  kind: NotificationKind;
  params: Record<string, string>;
  link: string;
  subjectId: string | null;
  readAt: Date | string | null;
  createdAt: Date | string;
}

export interface NewNotification {
  kind: NotificationKind;
  params: Record<string, string>;
  link: string;
  subjectId?: string | null;
  dedupeKey?: string | null;
}

const COLUMNS = sql`id, user_id AS "userId", kind, params, link, subject_id AS "subjectId", read_at AS "readAt", created_at AS "createdAt"`;

/**
 * One notice per recipient; only active users get one, and a notice already given under the
 * same dedupe key is not given again. Returns how many were written.
 */
export async function insertNotifications(db: Db, userIds: string[], n: NewNotification): Promise<number> {
  if (!userIds.length) return 0;
  // Prepared: every referral step gives a notice, and this statement plans longer than it runs.
  const rows = await preparedRowsOf<{ id: string }>(db, sql`${insertNotificationsSql(userIds, n, sql`true`)} RETURNING id`);
  return rows.length;
}

/** The INSERT of `insertNotifications`, inserting only `when` it holds, as SQL to send inside another statement. */
export function insertNotificationsSql(userIds: string[], n: NewNotification, when: SQL): SQL {
  return sql`INSERT INTO notifications (user_id, kind, params, link, subject_id, dedupe_key)
    SELECT u.id, ${n.kind}, ${JSON.stringify(n.params)}::jsonb, ${n.link}, ${n.subjectId ?? null}::uuid, ${n.dedupeKey ?? null}
    FROM users u WHERE u.id = ANY (${arrayParam([...new Set(userIds)], 'uuid')}) AND u.is_active AND ${when}
    ON CONFLICT (user_id, dedupe_key) DO NOTHING`;
}

/** The DELETE of `deleteBySubject`, deleting only `when` it holds, as SQL to send inside another statement. */
export function deleteBySubjectSql(subjectId: string, kinds: NotificationKind[], when: SQL): SQL {
  return sql`DELETE FROM notifications WHERE subject_id = ${subjectId}::uuid AND kind = ANY (${arrayParam(kinds, 'text')}) AND ${when}`;
}

/** Removes the notices of these kinds about a subject (a reminder whose referral closed). */
export async function deleteBySubject(db: Db, subjectId: string, kinds: NotificationKind[]): Promise<number> {
  const rows = await rowsOf<{ id: string }>(db, sql`DELETE FROM notifications WHERE subject_id = ${subjectId}::uuid AND kind = ANY (${arrayParam(kinds, 'text')}) RETURNING id`);
  return rows.length;
}

export async function listForUser(db: Db, userId: string, f: { unread: boolean; limit: number; before?: string }): Promise<NotificationRow[]> {
  return rowsOf<NotificationRow>(db, sql`SELECT ${COLUMNS} FROM notifications
    WHERE user_id = ${userId}::uuid ${f.unread ? sql`AND read_at IS NULL` : sql``} ${f.before ? sql`AND created_at < ${f.before}::timestamptz` : sql``}
    ORDER BY created_at DESC, id DESC LIMIT ${f.limit}`);
}

export async function unreadCount(db: Db, userId: string): Promise<number> {
  const [r] = await rowsOf<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM notifications WHERE user_id = ${userId}::uuid AND read_at IS NULL`);
  return r.n;
}

/** A notice of this user (others' notices are not found). */
export async function findForUser(db: Db, userId: string, id: string): Promise<NotificationRow | undefined> {
  const [r] = await rowsOf<NotificationRow>(db, sql`SELECT ${COLUMNS} FROM notifications WHERE id = ${id}::uuid AND user_id = ${userId}::uuid`);
  return r;
}

export async function markRead(db: Db, userId: string, id: string): Promise<NotificationRow | undefined> {
  const [r] = await rowsOf<NotificationRow>(db, sql`UPDATE notifications SET read_at = coalesce(read_at, now())
    WHERE id = ${id}::uuid AND user_id = ${userId}::uuid RETURNING ${COLUMNS}`);
  return r;
}

export async function markAllRead(db: Db, userId: string, before?: string): Promise<number> {
  const rows = await rowsOf<{ id: string }>(db, sql`UPDATE notifications SET read_at = now()
    WHERE user_id = ${userId}::uuid AND read_at IS NULL ${before ? sql`AND created_at <= ${before}::timestamptz` : sql``} RETURNING id`);
  return rows.length;
}

// ---------- Settings ----------

export interface SettingsRow { emailEnabled: boolean; version: number }

export async function findSettings(db: Db, userId: string): Promise<SettingsRow> {
  const [r] = await rowsOf<SettingsRow>(db, sql`SELECT email_enabled AS "emailEnabled", version FROM notification_settings WHERE user_id = ${userId}::uuid`);
  return r ?? { emailEnabled: true, version: 0 };
}

export async function saveSettings(db: Db, userId: string, emailEnabled: boolean): Promise<SettingsRow> {
  const [r] = await rowsOf<SettingsRow>(db, sql`INSERT INTO notification_settings (user_id, email_enabled) VALUES (${userId}::uuid, ${emailEnabled})
    ON CONFLICT (user_id) DO UPDATE SET email_enabled = EXCLUDED.email_enabled, version = notification_settings.version + 1, updated_at = now()
    RETURNING email_enabled AS "emailEnabled", version`);
  return r;
}

// ---------- E-mail outbox ----------

export interface PendingEmail {
  id: string;
  kind: NotificationKind;
  params: Record<string, string>;
  link: string;
  email: string;
  name: string;
  language: 'en' | 'fr';
  emailEnabled: boolean;
}

/**
 * Claims notices waiting for e-mail, oldest first (pending → sending, in one statement, so two
 * senders never take the same one), with their recipient's address, language and choice.
 */
export async function claimPendingEmails(db: Db, limit: number): Promise<PendingEmail[]> {
  return rowsOf<PendingEmail>(db, sql`WITH claimed AS (
      UPDATE notifications SET email_state = 'sending'
      WHERE id IN (SELECT id FROM notifications WHERE email_state = 'pending' ORDER BY created_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      RETURNING id, user_id, kind, params, link, created_at)
    SELECT c.id, c.kind, c.params, c.link, u.email, u.name, u.preferred_language AS language,
      coalesce(s.email_enabled, true) AND u.is_active AS "emailEnabled"
    FROM claimed c JOIN users u ON u.id = c.user_id LEFT JOIN notification_settings s ON s.user_id = c.user_id
    ORDER BY c.created_at`);
}

export async function markEmailed(db: Db, ids: string[], state: 'sent' | 'skipped'): Promise<void> {
  if (!ids.length) return;
  await rowsOf(db, sql`UPDATE notifications SET email_state = ${state}, email_attempts = email_attempts + CASE WHEN ${state} = 'sent' THEN 1 ELSE 0 END
    WHERE id = ANY (${arrayParam(ids, 'uuid')})`);
}

/** A failed send is tried again on the next rounds, then given up after three attempts. */
export async function recordEmailFailure(db: Db, id: string): Promise<void> {
  await rowsOf(db, sql`UPDATE notifications SET email_attempts = email_attempts + 1,
    email_state = CASE WHEN email_attempts + 1 >= 3 THEN 'failed' ELSE 'pending' END WHERE id = ${id}::uuid`);
}

/** Claims left by a sender that stopped mid-way go back to the queue after ten minutes. */
export async function releaseStuckClaims(db: Db): Promise<void> {
  await rowsOf(db, sql`UPDATE notifications SET email_state = 'pending' WHERE email_state = 'sending' AND created_at < now() - interval '10 minutes'
    AND created_at >= now() - interval '1 day'`);
}

/** Notices older than a day are not e-mailed any more (SMTP configured after a long time without). */
export async function skipStalePending(db: Db): Promise<void> {
  await rowsOf(db, sql`UPDATE notifications SET email_state = 'skipped' WHERE email_state IN ('pending', 'sending') AND created_at < now() - interval '1 day'`);
}
