/** Who may do what with community data. Deny by default; pure functions of the actor. */
import type { Actor } from '../../core/accounts/actor';
import { isPlatformAdmin } from '../../core/accounts/accounts.policy';
import { collaborativeAccess, collaborativeIdsWithAccess } from '../collaboratives/collaboratives.api';

export type DataAction = 'data.indicator.write' | 'data.import.public' | 'data.import.private' | 'data.census.mapping' | 'data.dashboard.write';

/** The public catalogue and public observations are curated by platform admins (and the system). */
export const canCurate = (actor: Actor | null): boolean => !!actor && isPlatformAdmin(actor);

/** May the actor read a partition: the public one (anyone) or a collaborative's (its members)? */
export function canReadPartition(actor: Actor | null, collaborativeId: string | null): boolean {
  if (!collaborativeId) return true;
  return collaborativeAccess(actor, collaborativeId) !== 'public';
}

/** May the actor write a partition: public (curators) or a collaborative's (its coordinators)? */
export function canWritePartition(actor: Actor | null, collaborativeId: string | null): boolean {
  if (!actor) return false;
  if (!collaborativeId) return canCurate(actor);
  return collaborativeAccess(actor, collaborativeId) === 'manage';
}

/**
 * Small counts are suppressed everywhere except in a collaborative's own private partition,
 * read by its own members: public data is suppressed for everyone, admins included.
 */
export function mustProtect(actor: Actor | null, collaborativeId: string | null): boolean {
  return !collaborativeId || collaborativeAccess(actor, collaborativeId) === 'public';
}

export function canManageDashboards(actor: Actor | null, collaborativeId: string): boolean {
  return collaborativeAccess(actor, collaborativeId) === 'manage';
}

export function dashboardScope(actor: Actor | null): string[] | 'all' {
  return actor ? collaborativeIdsWithAccess(actor, 'member') : [];
}
