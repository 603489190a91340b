import { z } from 'zod';
import { text, uuid } from '../../shared/contracts';

export const AuditQuery = z.object({
  actor: text(320).optional().describe('Email (partial) or user id of who acted'),
  action: text(100).optional().describe('Action, or its prefix: "organization." matches every organization action'),
  entityType: text(100).optional().describe('Kind of record acted on, e.g. "organization"'),
  entityId: text(100).optional().describe('Id of the record acted on'),
  organizationId: uuid.optional().describe('Only events about this organization'),
  from: z.coerce.date().optional().describe('ISO date-time, inclusive'),
  to: z.coerce.date().optional().describe('ISO date-time, inclusive'),
  before: z.coerce.number().int().positive().optional().describe('Cursor from nextBefore, for the next page'),
  limit: z.coerce.number().int().min(1).max(500).default(50).describe('Events per page'),
});

export const AuditEventSchema = z.object({
  id: z.number().int().describe('Position in the append-only log'),
  occurredAt: z.string().describe('When, ISO date-time'),
  actorUserId: z.string().nullable().describe('The user who acted; null for the system'),
  actorLabel: z.string().describe('Email of the user, or the system component'),
  action: z.string().describe('What was done, e.g. "organization.update"'),
  entityType: z.string().describe('Kind of record acted on'),
  entityId: z.string().nullable().describe('Id of the record acted on'),
  organizationId: z.string().nullable().describe('Organization the event is about'),
  ip: z.string().nullable().describe('Address the request came from'),
  userAgent: z.string().nullable().describe('Browser or client of the request'),
  purpose: z.string().nullable().describe('Purpose given, for break-glass and other justified reads'),
  details: z.record(z.string(), z.unknown()).describe('What changed'),
});

export const AuditPageSchema = z.object({ items: z.array(AuditEventSchema), nextBefore: z.number().nullable().describe('Cursor for the next page; null on the last') });
