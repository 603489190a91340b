import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, metaOf } from '../http/request';
import { ProblemSchema } from '../http/problem.schema';
import { uuid } from '../../shared/contracts';
import { apiScopes, createApiClient, listApiClients, revokeApiClient } from './api-clients.service';

const P = { 400: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };
const ClientSchema = z.object({ id: uuid, organizationId: uuid, name: z.string(), scopes: z.array(z.string()), createdAt: z.string(), lastUsedAt: z.string().nullable(), revokedAt: z.string().nullable() });

/** API clients: an organization admin lets another system call /fhir for the organization. */
export async function apiClientRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['API clients'];
  app.get('/api-clients', {
    schema: { tags, summary: "An organization's API clients (org admin)", querystring: z.object({ organizationId: uuid }), response: { 200: z.object({ items: z.array(ClientSchema) }), ...P } },
    handler: async (req) => listApiClients(req.server.database, actorOf(req), req.query.organizationId),
  });
  app.post('/api-clients', {
    schema: {
      tags, summary: 'Create an API client; its token is shown in this answer only',
      body: z.object({ organizationId: uuid, name: z.string().trim().min(1).max(200), scopes: z.array(z.enum(apiScopes)).min(1).describe('fhir.read: read Tasks and ServiceRequests; fhir.task.write: update a Task’s status') }),
      response: { 201: ClientSchema.extend({ token: z.string().describe('Send as Authorization: Bearer <token>. Shown once.') }), ...P },
    },
    handler: async (req, reply) => reply.code(201).send(await createApiClient(req.server.database, actorOf(req), metaOf(req), req.body)),
  });
  app.post('/api-clients/:id/revoke', {
    schema: { tags, summary: 'Revoke an API client: its token stops working at once', params: z.object({ id: uuid }), response: { 200: ClientSchema, ...P } },
    handler: async (req) => revokeApiClient(req.server.database, actorOf(req), metaOf(req), req.params.id),
  });
}
