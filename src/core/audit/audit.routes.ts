import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../http/request';
import { ProblemSchema } from '../http/problem.schema';
import { AuditPageSchema, AuditQuery } from './audit.schema';
import { listAuditEvents } from './audit.service';

export async function auditRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get('/audit-events', {
    schema: {
      tags: ['Audit log'],
      summary: 'Browse the append-only audit log',
      description: 'Platform admins see every event; organization admins see events about their organizations. There is no route that changes or deletes events.',
      querystring: AuditQuery,
      response: { 200: AuditPageSchema, 403: ProblemSchema },
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
