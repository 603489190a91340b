import type { SQL } from 'drizzle-orm';
import type { Db } from '../db/database';
import type { AuditEventRow } from './audit.tables';
import { actorLabel, actorUserId, type Actor, type RequestMeta } from '../accounts/actor';
import { authorizeAction } from '../policy';
import { auditScope, can } from './audit.policy';
import * as repo from './audit.repository';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  organizationId?: string | null;
  purpose?: string;
  details?: Record<string, unknown>;
}

/**
 * Appends one audit event. Services call this inside the same transaction as the change it
 * records, so a change and its audit row commit or roll back together.
 */
export async function recordAudit(db: Db, actor: Actor, meta: RequestMeta, entry: AuditEntry): Promise<void> {
  await repo.insertEvent(db, eventOf(actor, meta, entry));
}

/**
 * The audit event of a change that is one statement, as SQL for that statement to carry (a
 * data-modifying WITH part): the change and its audit row then commit together with no
 * transaction around them. `when` is a condition on the change's own rows, so a change that
 * did not happen leaves no audit row.
 */
export function auditWrite(actor: Actor, meta: RequestMeta, entry: AuditEntry, when: SQL): SQL {
  return repo.insertEventWhen(eventOf(actor, meta, entry), when);
}

function eventOf(actor: Actor, meta: RequestMeta, entry: AuditEntry): repo.NewAuditEvent {
  return {
    actorUserId: actorUserId(actor),
    actorLabel: actorLabel(actor),
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    organizationId: entry.organizationId ?? null,
    ip: meta.ip ?? null,
    userAgent: meta.userAgent?.slice(0, 500) ?? null,
    requestId: meta.requestId ?? null,
    purpose: entry.purpose ?? null,
    details: entry.details ?? {},
  };
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  organizationId?: string;
  from?: Date;
  to?: Date;
  /** Keyset cursor: return events with id below this. */
  before?: number;
  limit: number;
}

/**
 * Lists audit events the actor may see. Platform admins see everything; organization admins
 * see events about their organizations. The scope is part of the WHERE clause.
 */
export async function listAuditEvents(db: Db, actor: Actor, f: AuditFilter): Promise<{ items: AuditEventRow[]; nextBefore: number | null }> {
  authorizeAction(can, actor, 'audit.read', {});
  const rows = await repo.listEvents(db, { ...f, organizationIds: auditScope(actor) });
  const items = rows.slice(0, f.limit);
  return { items, nextBefore: rows.length > f.limit ? items[items.length - 1].id : null };
}

export function canReadAudit(actor: Actor): boolean {
  return can(actor, 'audit.read', {});
}
