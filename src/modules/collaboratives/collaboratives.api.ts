/**
 * What other modules may use of collaboratives. They never read its tables.
 */
import type { Db } from '../../core/db/database';
import type { Actor } from '../../core/accounts/actor';
import { isPlatformAdmin } from '../../core/accounts/accounts.policy';

export { collaborativeExists } from './collaboratives.service';

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

export interface EngagementRecordSummary {
  id: string;
  collaborativeId: string;
  title: string;
  method: string;
  heldOn: string;
}

/**
 * Engagement records (consultations, focus groups…) of one collaborative, by id; ids that are
 * not that collaborative's are left out. The strategy module uses it to link plan elements to
 * the engagement that informed them. Implemented by the collaboratives module (issue 4).
 */
export async function engagementRecordsByIds(db: Db, collaborativeId: string, ids: string[]): Promise<EngagementRecordSummary[]> {
  void db;
  void collaborativeId;
  void ids;
  throw new Error('engagementRecordsByIds is not implemented yet');
}
