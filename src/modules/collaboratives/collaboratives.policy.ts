import type { Actor } from '../../core/accounts/actor';
import { allowedActions, type Policy } from '../../core/policy';
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

/** What one may do in a collaborative, as the services name it (403 detail, audit action). */
export type CollaborativeAction =
  | 'collaborative.create'
  | 'collaborative.read'
  | 'collaborative.update'
  | 'collaborative.stage'
  | 'collaborative.members.read'
  | 'collaborative.members.create'
  | 'collaborative.members.update'
  | 'collaborative.agreement.read'
  | 'collaborative.agreement.sign'
  | 'collaborative.structure.read'
  | 'collaborative.structure.create'
  | 'collaborative.meeting.create'
  | 'collaborative.meeting.update'
  | 'collaborative.agenda.update'
  | 'collaborative.attendance.update'
  | 'collaborative.decision.read'
  | 'collaborative.decision.create'
  | 'collaborative.action.read'
  | 'collaborative.action.create'
  | 'collaborative.action.update'
  | 'collaborative.action.reschedule'
  | 'collaborative.document.read'
  | 'collaborative.document.create'
  | 'collaborative.document.version'
  | 'collaborative.document.approve'
  | 'collaborative.engagement.read'
  | 'collaborative.engagement.create'
  | 'collaborative.funding.read'
  | 'collaborative.funding.create'
  | 'collaborative.funding.update';

/** What an action acts on: a collaborative, or (to create one) its lead organization. */
export interface CollaborativeResource {
  collaborativeId?: string;
  leadOrganizationId?: string | null;
  /**
   * The record (an action item, a membership) is the actor's own. Left out at the door, before
   * the record is loaded: a member may then go on to act on what they own.
   */
  ownedByActor?: boolean;
}

/**
 * Members (and viewers) read a collaborative's work; coordinators and platform admins manage it;
 * a member marks their own action items done and signs their own membership agreement.
 */
export const can: Policy<CollaborativeAction, CollaborativeResource> = (actor, action, r) => {
  if (action === 'collaborative.create') return canCreateCollaborative(actor, r.leadOrganizationId);
  const access = r.collaborativeId ? collaborativeAccess(actor, r.collaborativeId) : 'public';
  switch (action) {
    case 'collaborative.read':
    case 'collaborative.members.read':
    case 'collaborative.agreement.read':
    case 'collaborative.structure.read':
    case 'collaborative.decision.read':
    case 'collaborative.action.read':
    case 'collaborative.document.read':
    case 'collaborative.engagement.read':
    case 'collaborative.funding.read':
      return atLeastMember(access);
    case 'collaborative.action.update':
    case 'collaborative.agreement.sign':
      return access === 'manage' || (atLeastMember(access) && r.ownedByActor !== false);
    default:
      return access === 'manage';
  }
};

/**
 * The allowed actions a presenter answers, `{ 'collaborative.update': false, ... }`; a visitor
 * who is not signed in may do none of them.
 */
export function collaborativeActions<A extends CollaborativeAction>(actor: Actor | null, actions: readonly A[], resource: CollaborativeResource): Record<A, boolean> {
  if (!actor) return Object.fromEntries(actions.map((a) => [a, false])) as Record<A, boolean>;
  return allowedActions(can, actor, actions, resource);
}
