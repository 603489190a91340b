import type { Actor } from './actor';
import type { Role } from './accounts.tables';
import { Errors } from '../http/errors';
import type { Policy } from '../policy';

/**
 * Small predicates that module policies compose. Deny by default: each returns false for
 * anyone it does not positively recognise. The system actor (CLI, seeds) is trusted.
 */
export function isSystem(actor: Actor): boolean {
  return actor.kind === 'system';
}

export function isPlatformAdmin(actor: Actor): boolean {
  return actor.kind === 'system' || actor.roles.some((r) => r.role === 'platform_admin');
}

export function hasOrganizationRole(actor: Actor, organizationId: string | null | undefined, ...roles: Role[]): boolean {
  if (actor.kind !== 'user' || !organizationId) return false;
  return actor.roles.some((r) => r.scopeType === 'organization' && r.scopeId === organizationId && roles.includes(r.role));
}

export function hasAnyRole(actor: Actor, ...roles: Role[]): boolean {
  return actor.kind === 'system' || actor.roles.some((r) => roles.includes(r.role));
}

/** Organizations where the actor holds one of the roles: the set list queries filter by. */
export function organizationIdsWithRole(actor: Actor, ...roles: Role[]): string[] {
  if (actor.kind !== 'user') return [];
  return actor.roles.filter((r) => r.scopeType === 'organization' && r.scopeId && roles.includes(r.role)).map((r) => r.scopeId!);
}

/** Throws 403 unless allowed. A TypeScript assertion so callers read top to bottom. */
export function authorize(allowed: boolean, action: string): asserts allowed {
  if (!allowed) throw Errors.forbidden(action);
}

/**
 * - `user.read`, `user.create`, `user.update`, `user.deactivate`: accounts whose home is the organization
 * - `user.list`: the list of accounts (filtered to the organizations the actor administers)
 * - `user.grant_role`: give a role scoped to the organization (null scope: platform or collaborative)
 * - `user.remove_privacy_officer`: deactivate a privacy officer or take the role away; the
 *   officer is alerted when an organization admin breaks the glass, so that admin must not
 *   be able to silence them
 */
export type AccountAction = 'user.read' | 'user.list' | 'user.create' | 'user.update' | 'user.deactivate' | 'user.grant_role' | 'user.remove_privacy_officer';
export interface AccountResource {
  /** The account's home organization, or the organization a role is scoped to. */
  organizationId: string | null;
}

export const can: Policy<AccountAction, AccountResource> = (actor, action, r) => {
  if (isPlatformAdmin(actor)) return true;
  switch (action) {
    case 'user.list':
      return organizationIdsWithRole(actor, 'org_admin').length > 0;
    case 'user.remove_privacy_officer':
      return false;
    default:
      return hasOrganizationRole(actor, r.organizationId, 'org_admin');
  }
};

/** May the actor manage accounts whose home organization is `organizationId`? */
export function canManageUsersOf(actor: Actor, organizationId: string | null): boolean {
  return can(actor, 'user.update', { organizationId });
}
