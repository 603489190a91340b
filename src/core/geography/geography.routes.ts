import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, metaOf } from '../http/request';
import { ProblemSchema } from '../http/problem.schema';
import { IdParams } from '../organizations/organizations.schema';
import {
  BoundariesQuery,
  CreateGeographyBody,
  GeographyDetailSchema,
  GeographyListQuery,
  GeographySchema,
  UpdateGeographyBody,
} from './geography.schema';
import * as service from './geography.service';

export async function geographyRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Geography'];
  // Place names and boundaries are public reference data; the public service finder uses them.
  const config = { public: true };

  app.get('/geographies', {
    config,
    schema: { tags, summary: 'List places: province, regions, municipalities, neighbourhoods', querystring: GeographyListQuery, response: { 200: z.object({ items: z.array(GeographySchema) }) } },
    handler: async (req) => ({ items: await service.listGeographies(req.server.database, req.query) }),
  });

  app.get('/geographies/boundaries', {
    config,
    schema: {
      tags,
      summary: 'Boundaries as a GeoJSON FeatureCollection, for offline maps',
      querystring: BoundariesQuery,
      response: { 200: z.object({ type: z.literal('FeatureCollection'), features: z.array(z.any()) }) },
    },
    handler: async (req) => service.boundariesUnder(req.server.database.db, req.query),
  });

  app.get('/geographies/:id', {
    config,
    schema: { tags, summary: 'One place, with its boundary, ancestors and children', params: IdParams, response: { 200: GeographyDetailSchema, 404: ProblemSchema } },
    handler: async (req) => service.getGeography(req.server.database, req.params.id),
  });

  app.post('/geographies', {
    schema: { tags, summary: 'Add a place (platform admins)', body: CreateGeographyBody, response: { 201: GeographySchema, 400: ProblemSchema, 403: ProblemSchema, 409: ProblemSchema } },
    handler: async (req, reply) => reply.code(201).send(await service.createGeography(req.server.database, actorOf(req), metaOf(req), req.body)),
  });

  app.patch('/geographies/:id', {
    schema: { tags, summary: 'Edit a place (platform admins)', params: IdParams, body: UpdateGeographyBody, response: { 200: GeographySchema, 400: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema } },
    handler: async (req) => service.updateGeography(req.server.database, actorOf(req), metaOf(req), req.params.id, req.body),
  });
}
