import type { Actor } from '../../core/accounts/actor';
import type { Policy } from '../../core/policy';
import { hasOrganizationRole } from '../../core/accounts/accounts.policy';
import { collaborativeAccess, type CollaborativeAccess } from '../collaboratives/collaboratives.api';
import type { planStatuses } from './strategy.schema';

export type StrategyAction =
  | 'strategy.plan.read'
  | 'strategy.plan.create'
  | 'strategy.manage'
  | 'strategy.plan.update'
  | 'strategy.plan.newVersion'
  | 'strategy.reportCard.update';

/** What an action acts on: a plan (or, to create one, the collaborative that will own it). */
export interface StrategyResource {
  collaborativeId: string;
  /** The lead organization of the plan's collaborative. */
  leadOrganizationId?: string | null;
  status?: (typeof planStatuses)[number];
  reportCardStatus?: 'draft' | 'published';
}

/**
 * Viewers (and administrators) of a collaborative's lead organization read its plans as a
 * member would: the organization answers for the collaborative's work. They never manage them.
 */
export const LEAD_READERS = ['viewer', 'org_admin'] as const;

/** How the actor stands towards a plan: the collaborative's access, raised to member for the lead organization's readers. */
export function planAccess(actor: Actor | null, r: StrategyResource): CollaborativeAccess {
  const access = collaborativeAccess(actor, r.collaborativeId);
  if (access === 'public' && actor && hasOrganizationRole(actor, r.leadOrganizationId, ...LEAD_READERS)) return 'member';
  return access;
}

/**
 * A plan belongs to a collaborative: its members (and the lead organization's readers) read
 * it; its coordinators and platform admins manage it. A closed plan is read-only; a plan that
 * left draft changes through a new version; a published report card is frozen.
 */
export const can: Policy<StrategyAction, StrategyResource> = (actor, action, r) => {
  const access = planAccess(actor, r);
  switch (action) {
    case 'strategy.plan.read':
      return access !== 'public';
    case 'strategy.plan.create':
      return collaborativeAccess(actor, r.collaborativeId) === 'manage';
    case 'strategy.manage':
      return access === 'manage';
    case 'strategy.plan.update':
      return access === 'manage' && r.status !== 'closed';
    case 'strategy.plan.newVersion':
      return access === 'manage' && r.status !== 'draft';
    case 'strategy.reportCard.update':
      return access === 'manage' && r.reportCardStatus === 'draft';
  }
};
