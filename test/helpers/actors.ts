/**
 * Actors for policy tests: one way to say "a coordinator of this collaborative" or "the staff of
 * that organization", so a table of cases reads as the rule it checks.
 */
import type { Actor, RoleGrant } from '../../src/core/accounts/actor';
import type { Role } from '../../src/core/accounts/accounts.tables';

/** A signed-in person with these role grants (none: signed in, no role anywhere). */
export function person(roles: RoleGrant[] = [], who: { userId?: string; organizationId?: string | null } = {}): Actor {
  const userId = who.userId ?? 'u';
  return { kind: 'user', userId, email: `${userId}@example.org`, name: userId, organizationId: who.organizationId ?? null, isDemo: false, roles };
}

/** Holds `role` in one collaborative. */
export const inCollaborative = (role: Role, collaborativeId: string, who: { userId?: string; organizationId?: string | null } = {}): Actor =>
  person([{ role, scopeType: 'collaborative', scopeId: collaborativeId }], who);

/** Holds `role` in one organization, and works there. */
export const inOrganization = (role: Role, organizationId: string, who: { userId?: string } = {}): Actor =>
  person([{ role, scopeType: 'organization', scopeId: organizationId }], { ...who, organizationId });

export const platformAdmin = (who: { userId?: string; organizationId?: string | null } = {}): Actor =>
  person([{ role: 'platform_admin', scopeType: 'platform', scopeId: null }], who);

/** Work the server does on its own behalf (seeds, schedules, the CLI). */
export const systemActor = (label = 'seed'): Actor => ({ kind: 'system', label });
