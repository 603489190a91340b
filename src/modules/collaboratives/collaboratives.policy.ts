import type { Actor } from '../../core/accounts/actor';
import { isPlatformAdmin, organizationIdsWithRole } from '../../core/accounts/accounts.policy';

/**
 * What a user may do in a collaborative:
 * - manage: platform admins and the collaborative's coordinators;
 * - member: its members and viewers (member-only content, their own items);
 * - public: anyone else, who sees only what the collaborative publishes.
 */
export type CollaborativeAccess = 'manage' | 'member' | 'public';

export function collaborativeAccess(actor: Actor | null, collaborativeId: string): CollaborativeAccess {
  if (!actor) return 'public';
  if (actor.kind === 'system' || isPlatformAdmin(actor)) return 'manage';
  const roles = actor.roles.filter((g) => g.scopeType === 'collaborative' && g.scopeId === collaborativeId).map((g) => g.role);
  if (roles.includes('coordinator')) return 'manage';
  if (roles.includes('member') || roles.includes('viewer')) return 'member';
  return 'public';
}

/** Collaboratives where the actor is at least `level`; 'all' for platform admins and the system. */
export function collaborativeIdsWithAccess(actor: Actor, level: 'manage' | 'member'): string[] | 'all' {
  if (actor.kind === 'system' || isPlatformAdmin(actor)) return 'all';
  const wanted = level === 'manage' ? ['coordinator'] : ['coordinator', 'member', 'viewer'];
  return [...new Set(actor.roles.filter((g) => g.scopeType === 'collaborative' && g.scopeId && wanted.includes(g.role)).map((g) => g.scopeId!))];
}

/** Platform admins create collaboratives anywhere; organization admins with their organization as lead. */
export function canCreateCollaborative(actor: Actor, leadOrganizationId?: string | null): boolean {
  if (isPlatformAdmin(actor)) return true;
  const mine = organizationIdsWithRole(actor, 'org_admin');
  if (leadOrganizationId === undefined) return mine.length > 0;
  return !!leadOrganizationId && mine.includes(leadOrganizationId);
}

export const atLeastMember = (a: CollaborativeAccess) => a === 'manage' || a === 'member';
