import type { Actor } from '../../core/accounts/actor';
import type { Policy } from '../../core/policy';
import { hasAnyRole, isPlatformAdmin } from '../../core/accounts/accounts.policy';

export type ExchangeAction =
  | 'exchange.network.create'
  | 'exchange.network.read'
  | 'exchange.network.manage'
  | 'exchange.grant.create'
  | 'exchange.grant.revoke'
  | 'exchange.template.publish'
  | 'exchange.template.adopt'
  | 'exchange.practice.read'
  | 'exchange.practice.create'
  | 'exchange.practice.edit'
  | 'exchange.practice.adapt'
  | 'exchange.steward.read'
  | 'exchange.file.export'
  | 'exchange.file.import';

/**
 * What an action acts on, as facts the service looked up in the database:
 * - inNetwork: the actor belongs to (or manages) a collaborative that is a member of the network;
 * - steward: the actor is the network's steward;
 * - manages: the actor manages the collaborative the action is for (coordinator of it);
 * - author: the actor wrote the record up (a practice's created_by).
 */
export interface ExchangeResource {
  inNetwork?: boolean;
  steward?: boolean;
  manages?: boolean;
  author?: boolean;
}

const admin = (a: Actor) => a.kind === 'system' || isPlatformAdmin(a);

/**
 * A network is seen by its steward and by people of its member collaboratives; nobody else
 * learns it exists. Stewards run the network (members, templates, the steward's view, export
 * and import); each collaborative's coordinators decide what their collaborative shares, adopts
 * and adapts. Every signed-in user reads the practice library; coordinators write it up; a
 * practice is edited by whoever wrote it up or a coordinator of its authoring collaborative.
 */
export const can: Policy<ExchangeAction, ExchangeResource> = (actor, action, r) => {
  switch (action) {
    case 'exchange.network.create':
      return admin(actor);
    case 'exchange.network.read':
      return admin(actor) || !!r.steward || !!r.inNetwork;
    case 'exchange.network.manage':
    case 'exchange.template.publish':
    case 'exchange.steward.read':
    case 'exchange.file.export':
      return admin(actor) || !!r.steward;
    case 'exchange.file.import':
      return admin(actor) || !!r.steward;
    case 'exchange.grant.create':
    case 'exchange.grant.revoke':
    case 'exchange.template.adopt':
      return !!r.manages && (admin(actor) || !!r.inNetwork);
    case 'exchange.practice.read':
      return actor.kind === 'system' || actor.kind === 'user';
    case 'exchange.practice.create':
      return admin(actor) || hasAnyRole(actor, 'coordinator');
    case 'exchange.practice.edit':
      return admin(actor) || !!r.author || !!r.manages;
    case 'exchange.practice.adapt':
      return !!r.manages;
  }
};
