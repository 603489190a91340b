import type { Actor } from '../../../core/accounts/actor';
import type { Policy } from '../../../core/policy';
import { atLeastMember, type CollaborativeAccess } from '../collaboratives.policy';

export type CalendarAction = 'calendar.read' | 'calendar.link.create' | 'calendar.link.list_all' | 'calendar.link.revoke';

/** A calendar link belongs to one person; they and the collaborative's managers may revoke it. */
export interface CalendarResource {
  access: CollaborativeAccess;
  linkOwnerId?: string;
}

export const can: Policy<CalendarAction, CalendarResource> = (actor: Actor, action, r) => {
  switch (action) {
    case 'calendar.read':
    case 'calendar.link.create':
      return actor.kind === 'user' && atLeastMember(r.access);
    case 'calendar.link.list_all':
      return r.access === 'manage';
    case 'calendar.link.revoke':
      return r.access === 'manage' || (actor.kind === 'user' && atLeastMember(r.access) && actor.userId === r.linkOwnerId);
  }
};
