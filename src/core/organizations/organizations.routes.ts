import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf, metaOf } from '../http/request';
import { ProblemSchema } from '../http/problem.schema';
import {
  CreateOrganizationBody,
  IdParams,
  OrganizationListQuery,
  OrganizationListSchema,
  OrganizationSchema,
  UpdateOrganizationBody,
} from './organizations.schema';
import * as service from './organizations.service';

export async function organizationRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Organizations'];

  app.get('/organizations', {
    schema: { tags, summary: 'List and search organizations', querystring: OrganizationListQuery, response: { 200: OrganizationListSchema, 401: ProblemSchema } },
    handler: async (req) => {
      const { page, perPage, ...filter } = req.query;
      const result = await service.listOrganizations(req.server.database, actorOf(req), { ...filter, limit: perPage, offset: (page - 1) * perPage });
      return { ...result, page, perPage };
    },
  });

  app.get('/organizations/:id', {
    schema: { tags, summary: 'One organization', params: IdParams, response: { 200: OrganizationSchema, 404: ProblemSchema } },
    handler: async (req) => service.getOrganization(req.server.database, actorOf(req), req.params.id),
  });

  app.post('/organizations', {
    schema: { tags, summary: 'Create an organization', body: CreateOrganizationBody, response: { 201: OrganizationSchema, 400: ProblemSchema, 403: ProblemSchema } },
    handler: async (req, reply) => {
      const org = await service.createOrganization(req.server.database, actorOf(req), metaOf(req), req.body);
      return reply.code(201).header('location', `/api/v1/organizations/${org.id}`).send(org);
    },
  });

  app.patch('/organizations/:id', {
    schema: {
      tags,
      summary: 'Edit an organization',
      description: 'Send the `version` you edited. If someone changed the record since, the answer is 409 with the current record in `current`.',
      params: IdParams,
      body: UpdateOrganizationBody,
      response: { 200: OrganizationSchema, 400: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema },
    },
    handler: async (req) => service.updateOrganization(req.server.database, actorOf(req), metaOf(req), req.params.id, req.body),
  });

}
