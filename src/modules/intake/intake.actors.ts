import type { Actor } from '../../core/accounts/actor';
import { organizationIdsWithRole } from '../../core/accounts/accounts.policy';
import { collaborativeIdsWithAccess } from '../collaboratives/collaboratives.api';

/**
 * Who the actor works for and with, as the consent filter needs it. Its own file so that the
 * repositories (which put these ids in their queries) and the access layer (which calls the
 * repositories) do not import each other.
 */

/** Organizations in which the actor works with clients. */
export function workerOrganizations(actor: Actor): string[] {
  return organizationIdsWithRole(actor, 'staff', 'org_admin', 'privacy_officer');
}

/** Collaboratives the actor is a member of (never the platform admin's 'all'). */
export function collaborativeIdsOf(actor: Actor): string[] {
  if (actor.kind !== 'user') return [];
  const ids = collaborativeIdsWithAccess(actor, 'member');
  // 'all' is the platform admin's view of collaboratives; it never opens client data.
  return ids === 'all' ? [] : ids;
}
