import type { Role, ScopeType } from './accounts.tables';

export interface RoleGrant {
  role: Role;
  scopeType: ScopeType;
  scopeId: string | null;
}

/** Who is acting: a signed-in user, or the platform itself (CLI, seeding, migrations). */
export type Actor =
  | { kind: 'user'; userId: string; email: string; name: string; organizationId: string | null; isDemo: boolean; roles: RoleGrant[] }
  | { kind: 'system'; label: string };

/** Where a request came from, for the audit log. */
export interface RequestMeta {
  ip?: string;
  userAgent?: string;
  requestId?: string;
}

export const systemActor = (label = 'system'): Actor => ({ kind: 'system', label });

export function actorLabel(actor: Actor): string {
  return actor.kind === 'user' ? actor.email : actor.label;
}

export function actorUserId(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.userId : null;
}
