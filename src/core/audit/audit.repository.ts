/** All SQL of the audit log: append one event, and read a page of events under a scope. */
import { and, desc, eq, gte, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { preparedRowsOf, type Db } from '../db/database';
import { auditEvents, type AuditEventRow } from './audit.tables';

export type NewAuditEvent = typeof auditEvents.$inferInsert;

/** Every command appends one, so the statement is prepared (the same text whatever the values). */
export async function insertEvent(db: Db, event: NewAuditEvent): Promise<void> {
  await preparedRowsOf(db, db.insert(auditEvents).values(event).getSQL());
}

/** The INSERT of one event, as SQL to send inside another statement, inserting only `when` it holds. */
export function insertEventWhen(event: NewAuditEvent, when: SQL): SQL {
  return sql`INSERT INTO audit_events (actor_user_id, actor_label, action, entity_type, entity_id, organization_id, ip, user_agent, request_id, purpose, details)
    SELECT ${event.actorUserId ?? null}::uuid, ${event.actorLabel}, ${event.action}, ${event.entityType}, ${event.entityId ?? null}, ${event.organizationId ?? null}::uuid,
      ${event.ip ?? null}, ${event.userAgent ?? null}, ${event.requestId ?? null}, ${event.purpose ?? null}, ${JSON.stringify(event.details ?? {})}::jsonb
    WHERE ${when}`;
}

export interface EventQuery {
  /** Only events about these organizations; undefined: every event. */
  organizationIds?: string[];
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  organizationId?: string;
  from?: Date;
  to?: Date;
  before?: number;
  limit: number;
}

/** Newest first, keyset-paged on id; `limit + 1` rows so the caller knows whether more follow. */
export async function listEvents(db: Db, f: EventQuery): Promise<AuditEventRow[]> {
  const where: SQL[] = [];
  if (f.organizationIds) where.push(inArray(auditEvents.organizationId, f.organizationIds));
  if (f.actor) where.push(or(sql`${auditEvents.actorLabel} ILIKE ${'%' + escapeLike(f.actor) + '%'}`, eq(sql`${auditEvents.actorUserId}::text`, f.actor))!);
  if (f.action) where.push(sql`${auditEvents.action} LIKE ${escapeLike(f.action) + '%'}`);
  if (f.entityType) where.push(eq(auditEvents.entityType, f.entityType));
  if (f.entityId) where.push(eq(auditEvents.entityId, f.entityId));
  if (f.organizationId) where.push(eq(auditEvents.organizationId, f.organizationId));
  if (f.from) where.push(gte(auditEvents.occurredAt, f.from));
  if (f.to) where.push(lte(auditEvents.occurredAt, f.to));
  if (f.before) where.push(lt(auditEvents.id, f.before));
  return db.select().from(auditEvents).where(and(...where)).orderBy(desc(auditEvents.id)).limit(f.limit + 1);
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => '\\' + c);
}
