/** Loading a plan for a caller, and what the services share: the clock, list filters, audit entries. */
import type { Db } from '../../../core/db/database';
import type { Actor } from '../../../core/accounts/actor';
import type { AuditEntry } from '../../../core/audit/audit.service';
import { organizationIdsWithRole } from '../../../core/accounts/accounts.policy';
import { authorizeAction } from '../../../core/policy';
import { Errors } from '../../../core/http/errors';
import { collaborativeIdsLedBy, collaborativeIdsWithAccess } from '../../collaboratives/collaboratives.api';
import { can, LEAD_READERS, planAccess } from '../strategy.policy';
import { StrategyErrors } from '../strategy.errors';
import * as repo from '../strategy.repository';

export type Access = 'manage' | 'member' | 'public';

/** The clock the freshness and overdue checks use; tests move it. */
export const clock = { now: () => new Date() };

/** Collaboratives whose plans the actor reads: its own, and those its organization leads (for viewers and administrators). */
export async function readableCollaboratives(db: Db, actor: Actor): Promise<string[] | 'all'> {
  const ids = collaborativeIdsWithAccess(actor, 'member');
  if (ids === 'all') return ids;
  const led = actor.kind === 'user' ? await collaborativeIdsLedBy(db, organizationIdsWithRole(actor, ...LEAD_READERS)) : [];
  return [...new Set([...ids, ...led])];
}

/**
 * The plan as the caller may see it: 404 when they may not read it (a public-link reader sees
 * only a plan with a public scorecard), 403 when `need` is manage and they may not manage it.
 */
export async function loadPlan(db: Db, actor: Actor | null, id: string, need: Access = 'member'): Promise<{ plan: repo.PlanRow; access: Access }> {
  const plan = await repo.findPlan(db, id);
  if (!plan) throw Errors.notFound('Plan');
  const access = need === 'public' && !actor ? 'public' : planAccess(actor, plan);
  if (access === 'public' && !(need === 'public' && plan.publicScorecard)) throw Errors.notFound('Plan');
  if (need === 'manage') {
    if (!actor) throw Errors.forbidden('strategy.manage');
    authorizeAction(can, actor, 'strategy.manage', plan);
  }
  return { plan, access };
}

/** A measure and its plan, as loadPlan; a closed plan's measures do not change. */
export async function loadMeasure(db: Db, actor: Actor, id: string, need: Access) {
  const m = await repo.findMeasure(db, id);
  if (!m) throw Errors.notFound('Measure');
  const { plan } = await loadPlan(db, actor, m.planId, need);
  if (need === 'manage') assertOpen(plan);
  return { m, plan };
}

/** The plan is open to change (not closed). */
export function assertOpen(plan: repo.PlanRow) {
  if (plan.status === 'closed') throw StrategyErrors.closed();
}

/** An audit entry of a strategy command. */
export function auditEntry(action: string, entityType: string, entityId: string, details: Record<string, unknown> = {}): AuditEntry {
  return { action, entityType, entityId, details };
}
