import type { Actor } from '../accounts/actor';
import { hasAnyRole, hasOrganizationRole, isPlatformAdmin } from '../accounts/accounts.policy';

export type OrganizationAction = 'organization.read' | 'organization.create' | 'organization.update' | 'organization.users.read';

/**
 * Organization records are the shared registry every module points at, so any signed-in user
 * reads them. Only the organization's own admins (or platform admins) change them, and only
 * they see its people.
 */
export function can(actor: Actor, action: OrganizationAction, organizationId?: string): boolean {
  switch (action) {
    case 'organization.read':
      return true;
    case 'organization.create':
      return hasAnyRole(actor, 'platform_admin', 'org_admin', 'coordinator');
    case 'organization.update':
    case 'organization.users.read':
      return isPlatformAdmin(actor) || hasOrganizationRole(actor, organizationId, 'org_admin');
  }
}
