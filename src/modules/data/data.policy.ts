/** Who may do what with community data. Deny by default; pure functions of the actor. */
import type { Actor } from '../../core/accounts/actor';
import type { Policy } from '../../core/policy';
import { isPlatformAdmin } from '../../core/accounts/accounts.policy';
import { collaborativeAccess, collaborativeIdsWithAccess } from '../collaboratives/collaboratives.api';

export type DataAction =
  | 'data.read'
  | 'data.indicator.write'
  | 'data.census.mapping'
  | 'data.import.public'
  | 'data.import.private'
  | 'data.history'
  | 'data.dashboard.write';

/** What an action acts on: a partition (the public one, or a collaborative's) or a dashboard of a collaborative. */
export interface DataResource {
  collaborativeId?: string | null;
}

/**
 * The public catalogue and public observations are curated by platform admins (and the
 * system); a collaborative's private partition and dashboards by its coordinators; a
 * partition is read by anyone when public, by the collaborative's members when private.
 */
export const can: Policy<DataAction, DataResource> = (actor, action, r) => {
  const collaborativeId = r.collaborativeId ?? null;
  const manages = !!collaborativeId && collaborativeAccess(actor, collaborativeId) === 'manage';
  switch (action) {
    case 'data.read':
      return !collaborativeId || collaborativeAccess(actor, collaborativeId) !== 'public';
    case 'data.indicator.write':
    case 'data.census.mapping':
    case 'data.import.public':
      return isPlatformAdmin(actor);
    case 'data.import.private':
    case 'data.dashboard.write':
      return manages;
    case 'data.history':
      return collaborativeId ? manages : isPlatformAdmin(actor);
  }
};

/** The import action for a partition: public (curators) or a collaborative's (its coordinators). */
export const importAction = (collaborativeId: string | null): DataAction => (collaborativeId ? 'data.import.private' : 'data.import.public');

/** The public catalogue and public observations are curated by platform admins (and the system). */
export const canCurate = (actor: Actor | null): boolean => !!actor && can(actor, 'data.indicator.write', {});

/** May the actor read a partition: the public one (anyone) or a collaborative's (its members)? */
export function canReadPartition(actor: Actor | null, collaborativeId: string | null): boolean {
  if (!collaborativeId) return true;
  return !!actor && can(actor, 'data.read', { collaborativeId });
}

/** May the actor write a partition: public (curators) or a collaborative's (its coordinators)? */
export function canWritePartition(actor: Actor | null, collaborativeId: string | null): boolean {
  return !!actor && can(actor, importAction(collaborativeId), { collaborativeId });
}

/**
 * Small counts are suppressed everywhere except in a collaborative's own private partition,
 * read by its own members: public data is suppressed for everyone, admins included.
 */
export function mustProtect(actor: Actor | null, collaborativeId: string | null): boolean {
  return !collaborativeId || collaborativeAccess(actor, collaborativeId) === 'public';
}

export function canManageDashboards(actor: Actor | null, collaborativeId: string): boolean {
  return !!actor && can(actor, 'data.dashboard.write', { collaborativeId });
}

export function dashboardScope(actor: Actor | null): string[] | 'all' {
  return actor ? collaborativeIdsWithAccess(actor, 'member') : [];
}
