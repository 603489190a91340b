import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/request';
import { ProblemSchema } from '../http/problem.schema';
import { text, uuid } from '../../shared/contracts';
import { listAuditEvents } from './audit.service';

const AuditQuery = z.object({
  actor: text(320).optional().describe('Email (partial) or user id of who acted'),
  action: text(100).optional().describe('Action, or its prefix: "organization." matches every organization action'),
  entityType: text(100).optional(),
  entityId: text(100).optional(),
  organizationId: uuid.optional(),
  from: z.coerce.date().optional().describe('ISO date-time, inclusive'),
  to: z.coerce.date().optional().describe('ISO date-time, inclusive'),
  before: z.coerce.number().int().positive().optional().describe('Cursor from nextBefore, for the next page'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const AuditEventSchema = z.object({
  id: z.number().int(),
  occurredAt: z.string(),
  actorUserId: z.string().nullable(),
  actorLabel: z.string().describe('Email of the user, or the system component'),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  organizationId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  purpose: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

export async function auditRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get('/audit-events', {
    schema: {
      tags: ['Audit log'],
      summary: 'Browse the append-only audit log',
      description: 'Platform admins see every event; organization admins see events about their organizations. There is no route that changes or deletes events.',
      querystring: AuditQuery,
      response: { 200: z.object({ items: z.array(AuditEventSchema), nextBefore: z.number().nullable() }), 403: ProblemSchema },
    },
    handler: async (req) => {
      const { items, nextBefore } = await listAuditEvents(req.server.database.db, actorOf(req), req.query);
      return {
        items: items.map((e) => ({ ...e, occurredAt: e.occurredAt.toISOString(), requestId: undefined })),
        nextBefore,
      };
    },
  });
}
