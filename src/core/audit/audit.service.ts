import { and, desc, eq, gte, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database';
import { auditEvents, type AuditEventRow } from './audit.tables';
import { actorLabel, actorUserId, type Actor, type RequestMeta } from '../accounts/actor';
import { isPlatformAdmin, organizationIdsWithRole } from '../accounts/accounts.policy';
import { Errors } from '../http/errors';

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
  await db.insert(auditEvents).values({
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
  });
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
  const where: SQL[] = [];
  if (!isPlatformAdmin(actor)) {
    const orgIds = organizationIdsWithRole(actor, 'org_admin');
    if (orgIds.length === 0) throw Errors.forbidden('audit.read');
    where.push(inArray(auditEvents.organizationId, orgIds));
  }
  if (f.actor) where.push(or(sql`${auditEvents.actorLabel} ILIKE ${'%' + escapeLike(f.actor) + '%'}`, eq(sql`${auditEvents.actorUserId}::text`, f.actor))!);
  if (f.action) where.push(sql`${auditEvents.action} LIKE ${escapeLike(f.action) + '%'}`);
  if (f.entityType) where.push(eq(auditEvents.entityType, f.entityType));
  if (f.entityId) where.push(eq(auditEvents.entityId, f.entityId));
  if (f.organizationId) where.push(eq(auditEvents.organizationId, f.organizationId));
  if (f.from) where.push(gte(auditEvents.occurredAt, f.from));
  if (f.to) where.push(lte(auditEvents.occurredAt, f.to));
  if (f.before) where.push(lt(auditEvents.id, f.before));
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(...where))
    .orderBy(desc(auditEvents.id))
    .limit(f.limit + 1);
  const items = rows.slice(0, f.limit);
  return { items, nextBefore: rows.length > f.limit ? items[items.length - 1].id : null };
}

export function canReadAudit(actor: Actor): boolean {
  return isPlatformAdmin(actor) || organizationIdsWithRole(actor, 'org_admin').length > 0;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => '\\' + c);
}
