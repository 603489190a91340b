import type { Actor } from '../../core/accounts/actor';
import { allowedActions } from '../../core/policy';
import { can } from './notifications.policy';
import type { NotificationRow } from './notifications.repository';
import type { Notification } from './notifications.schema';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function presentNotification(row: NotificationRow, actor: Actor): Notification {
  return {
    id: row.id,
    kind: row.kind,
    params: row.params ?? {},
    link: row.link,
    read: row.readAt !== null,
    readAt: iso(row.readAt),
    createdAt: iso(row.createdAt)!,
    actions: allowedActions(can, actor, ['notification.markRead'], { ownerId: row.userId }),
  };
}
