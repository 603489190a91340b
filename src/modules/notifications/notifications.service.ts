/** The notification centre's use cases: a user's own notices, read state and e-mail choice. */
import type { Database } from '../../core/db/database';
import type { Actor, RequestMeta } from '../../core/accounts/actor';
import { authorizeAction } from '../../core/policy';
import { runCommand } from '../../core/command';
import { Errors } from '../../core/http/errors';
import { can } from './notifications.policy';
import * as repo from './notifications.repository';
import { presentNotification } from './notifications.presenter';
import type { NotificationSettings } from './notifications.schema';

/** The signed-in user's id; notices belong to users, never to the system actor. */
function ownerOf(actor: Actor): string {
  if (actor.kind !== 'user') throw Errors.forbidden('notification.read');
  return actor.userId;
}

export async function listNotifications(database: Database, actor: Actor, f: { unread: boolean; limit: number; before?: string }) {
  const userId = ownerOf(actor);
  authorizeAction(can, actor, 'notification.read', { ownerId: userId });
  const [rows, unread] = await Promise.all([repo.listForUser(database.db, userId, f), repo.unreadCount(database.db, userId)]);
  return { items: rows.map((r) => presentNotification(r, actor)), unread };
}

export async function unreadCount(database: Database, actor: Actor) {
  const userId = ownerOf(actor);
  authorizeAction(can, actor, 'notification.read', { ownerId: userId });
  return { unread: await repo.unreadCount(database.db, userId) };
}

/** Marks one of the user's notices read; another user's notice is not found (404). */
export async function markRead(database: Database, actor: Actor, meta: RequestMeta, id: string) {
  const userId = ownerOf(actor);
  return runCommand({ database, actor, meta }, async (tx) => {
    const found = await repo.findForUser(tx, userId, id);
    if (!found) throw Errors.notFound('Notice');
    authorizeAction(can, actor, 'notification.markRead', { ownerId: found.userId });
    const row = (await repo.markRead(tx, userId, id))!;
    return { result: presentNotification(row, actor), audit: { action: 'notification.read', entityType: 'notification', entityId: id } };
  });
}

export async function markAllRead(database: Database, actor: Actor, meta: RequestMeta, before?: string) {
  const userId = ownerOf(actor);
  authorizeAction(can, actor, 'notification.markRead', { ownerId: userId });
  return runCommand({ database, actor, meta }, async (tx) => {
    const marked = await repo.markAllRead(tx, userId, before);
    return { result: { marked, unread: await repo.unreadCount(tx, userId) }, audit: { action: 'notification.read_all', entityType: 'notification', entityId: null, details: { marked } } };
  });
}

export async function getSettings(database: Database, actor: Actor, emailAvailable: boolean): Promise<NotificationSettings> {
  const userId = ownerOf(actor);
  authorizeAction(can, actor, 'notification.read', { ownerId: userId });
  const s = await repo.findSettings(database.db, userId);
  return { emailEnabled: s.emailEnabled, emailAvailable, version: s.version };
}

export async function saveSettings(database: Database, actor: Actor, meta: RequestMeta, emailEnabled: boolean, emailAvailable: boolean): Promise<NotificationSettings> {
  const userId = ownerOf(actor);
  authorizeAction(can, actor, 'notification.settings.update', { ownerId: userId });
  return runCommand({ database, actor, meta }, async (tx) => {
    const s = await repo.saveSettings(tx, userId, emailEnabled);
    return { result: { emailEnabled: s.emailEnabled, emailAvailable, version: s.version }, audit: { action: 'notification.settings.update', entityType: 'user', entityId: userId, details: { emailEnabled } } };
  });
}
