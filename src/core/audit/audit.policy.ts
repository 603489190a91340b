import { isPlatformAdmin, organizationIdsWithRole } from '../accounts/accounts.policy';
import type { Actor } from '../accounts/actor';
import type { Policy } from '../policy';

/**
 * The audit log is read, never written, through routes. A platform administrator reads every
 * event; an organization administrator reads the events about the organizations they
 * administer (`organizationId` given: that one; absent: whether they may open the log at all).
 */
export type AuditAction = 'audit.read';

export const can: Policy<AuditAction, { organizationId?: string | null }> = (actor, _action, r) => {
  if (isPlatformAdmin(actor)) return true;
  const mine = organizationIdsWithRole(actor, 'org_admin');
  return r.organizationId === undefined ? mine.length > 0 : !!r.organizationId && mine.includes(r.organizationId);
};

/** The organizations whose events the actor reads; undefined means every event. */
export function auditScope(actor: Actor): string[] | undefined {
  return isPlatformAdmin(actor) ? undefined : organizationIdsWithRole(actor, 'org_admin');
}
