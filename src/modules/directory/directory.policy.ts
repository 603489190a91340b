import type { Actor } from '../../core/accounts/actor';
import type { Policy } from '../../core/policy';
import { hasOrganizationRole, isPlatformAdmin, organizationIdsWithRole } from '../../core/accounts/accounts.policy';

export type DirectoryAction =
  | 'directory.service.update'
  | 'directory.service.verify'
  | 'directory.service.capacity'
  | 'directory.review'
  | 'directory.settings'
  | 'directory.taxonomy'
  | 'directory.import';

/** What a directory action acts on: the organization responsible for the service, when there is one. */
export interface DirectoryResource {
  organizationId?: string | null;
}

/** The actions a reader of one service is told about (finderService's `actions`). */
export const SERVICE_ACTIONS = ['directory.service.update', 'directory.service.verify', 'directory.service.capacity'] as const satisfies readonly DirectoryAction[];

/**
 * The directory is public to read. Directory admins (platform admins, and the system) change
 * everything; an organization's admins and staff edit, verify and update the capacity of its
 * own services and see the review queue of their organizations. Settings, the taxonomy and
 * imports are directory admins' alone.
 */
export const can: Policy<DirectoryAction, DirectoryResource> = (actor, action, r) => {
  switch (action) {
    case 'directory.service.update':
    case 'directory.service.verify':
    case 'directory.service.capacity':
      return isPlatformAdmin(actor) || hasOrganizationRole(actor, r.organizationId, 'org_admin', 'staff');
    case 'directory.review':
      return isPlatformAdmin(actor) || organizationIdsWithRole(actor, 'org_admin', 'staff').length > 0;
    case 'directory.settings':
    case 'directory.taxonomy':
    case 'directory.import':
      return isPlatformAdmin(actor);
  }
};

/** The organizations whose services the actor reviews; null for every organization (directory admins). */
export function reviewScope(actor: Actor): string[] | null {
  return isPlatformAdmin(actor) ? null : organizationIdsWithRole(actor, 'org_admin', 'staff');
}
