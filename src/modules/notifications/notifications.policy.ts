import type { Policy } from '../../core/policy';

export type NotificationAction = 'notification.read' | 'notification.markRead' | 'notification.settings.update';

/** What an action acts on: the notices (or settings) of one user. */
export interface NotificationResource {
  ownerId: string;
}

/**
 * Notices are personal: a signed-in user reads and marks their own, and sets their own e-mail
 * choice. Nobody else does, platform admins included (notices are written by other modules'
 * commands through notifications.api.ts, never through these routes).
 */
export const can: Policy<NotificationAction, NotificationResource> = (actor, action, resource) => {
  if (actor.kind !== 'user') return false;
  switch (action) {
    case 'notification.read':
    case 'notification.markRead':
    case 'notification.settings.update':
      return actor.userId === resource.ownerId;
  }
};
