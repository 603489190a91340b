import type { Actor } from '../../core/accounts/actor';
import type { Policy } from '../../core/policy';
import { hasAnyRole, isPlatformAdmin } from '../../core/accounts/accounts.policy';

export type MappingAction =
  | 'mapping.read'
  | 'mapping.table.create'
  | 'mapping.table.update'
  | 'mapping.candidate.generate'
  | 'mapping.candidate.label'
  | 'mapping.candidate.followUp'
  | 'mapping.snapshot.publish'
  | 'mapping.snapshot.share'
  | 'mapping.feed.refresh';

/** What an action acts on: nothing yet, or a snapshot (public or not). */
export interface MappingResource {
  isPublic?: boolean;
}

const planners = ['platform_admin', 'coordinator', 'org_admin'] as const;

/**
 * The map is made of aggregates that passed disclosure control, so every signed-in user reads
 * it, and anyone reads a snapshot made public. Planners (coordinators, organization admins,
 * platform admins) keep the inventory and answer the review queue; coordinators and platform
 * admins publish snapshots; refreshing the front-line feed is a platform admin's job.
 */
export const can: Policy<MappingAction, MappingResource> = (actor, action, resource) => {
  const signedIn = actor.kind === 'system' || actor.kind === 'user';
  switch (action) {
    case 'mapping.read':
      return signedIn || !!resource.isPublic;
    case 'mapping.table.create':
    case 'mapping.table.update':
    case 'mapping.candidate.generate':
    case 'mapping.candidate.label':
    case 'mapping.candidate.followUp':
      return hasAnyRole(actor, ...planners);
    case 'mapping.snapshot.publish':
    case 'mapping.snapshot.share':
      return hasAnyRole(actor, 'platform_admin', 'coordinator');
    case 'mapping.feed.refresh':
      return isPlatformAdmin(actor);
  }
};

/** For anonymous readers of public snapshots. */
export function canReadPublic(actor: Actor | null, resource: MappingResource): boolean {
  return actor ? can(actor, 'mapping.read', resource) : !!resource.isPublic;
}
