import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf, metaOf } from '../http/request';
import { ProblemSchema } from '../http/problem.schema';
import { ApiClientIdParams, ApiClientListQuery, ApiClientListSchema, ApiClientSchema, CreateApiClientBody, CreatedApiClientSchema } from './api-clients.schema';
import * as service from './api-clients.service';

const P = { 400: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };

/** API clients: an organization admin lets another system call /fhir for the organization. */
export async function apiClientRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['API clients'];
  app.get('/api-clients', {
    schema: { tags, summary: "An organization's API clients (org admin)", querystring: ApiClientListQuery, response: { 200: ApiClientListSchema, ...P } },
    handler: async (req) => service.listApiClients(req.server.database, actorOf(req), req.query.organizationId),
  });
  app.post('/api-clients', {
    schema: { tags, summary: 'Create an API client; its token is shown in this answer only', body: CreateApiClientBody, response: { 201: CreatedApiClientSchema, ...P } },
    handler: async (req, reply) => reply.code(201).send(await service.createApiClient(req.server.database, actorOf(req), metaOf(req), req.body)),
  });
  app.post('/api-clients/:id/revoke', {
    schema: { tags, summary: 'Revoke an API client: its token stops working at once', params: ApiClientIdParams, response: { 200: ApiClientSchema, ...P } },
    handler: async (req) => service.revokeApiClient(req.server.database, actorOf(req), metaOf(req), req.params.id),
  });
}
