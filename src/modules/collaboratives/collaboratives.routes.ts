import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../core/http/request';
import { ProblemSchema } from '../../core/http/problem.schema';
import { uuid } from '../../shared/contracts';
import { collaborativeTypes } from './collaboratives.tables';
import { getCollaborative, listCollaboratives } from './collaboratives.service';

const CollaborativeSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  shortName: z.string().nullable(),
  type: z.enum(collaborativeTypes),
  scope: z.enum(['local', 'regional']),
  catchmentGeographyId: z.string().uuid().nullable(),
  leadOrganizationId: z.string().uuid().nullable(),
  focus: z.string().nullable(),
  mission: z.string().nullable(),
  myRoles: z.array(z.string()).describe("The signed-in user's roles in this collaborative"),
});

export async function collaborativeRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Collaboratives'];
  app.get('/collaboratives', {
    schema: { tags, summary: 'Collaboratives hosted on this platform', response: { 200: z.object({ items: z.array(CollaborativeSchema) }) } },
    handler: async (req) => ({ items: await listCollaboratives(req.server.database, actorOf(req)) }),
  });
  app.get('/collaboratives/:id', {
    schema: { tags, summary: 'One collaborative', params: z.object({ id: uuid }), response: { 200: CollaborativeSchema, 404: ProblemSchema } },
    handler: async (req) => getCollaborative(req.server.database, actorOf(req), req.params.id),
  });
}
