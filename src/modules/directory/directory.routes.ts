import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readDatabase } from '../../core/db/database';
import { actorOf, metaOf } from '../../core/http/request';
import { ProblemSchema } from '../../core/http/problem.schema';
import * as service from './directory.service';
import { CapacityBody, Categories, EditBody, FinderQuery, FinderResults, FinderServiceDetail, HsdsRecord, Languages, LangQuery, ReviewMonthsBody, ReviewQuery, ReviewQueue, ServiceParams, TermBody, TermParams, TermSaved } from './directory.schema';
import { directoryImportRoutes } from './directory.import.routes';
import { cachedPublicAnswer, finderKey, serviceDocumentsOf } from './directory.cache';

/** Staff and public routes of the directory under /api/v1. The HSDS API is in directory.hsds.routes.ts. */
export async function directoryRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const finder = ['Service finder'];
  const staff = ['Directory'];
  const open = { public: true };
  await root.register(directoryImportRoutes);

  app.get('/finder/services', {
    config: open,
    schema: { tags: finder, summary: 'Find services (no sign-in)', querystring: FinderQuery, response: { 200: FinderResults, 400: ProblemSchema } },
    handler: async (req, reply) => {
      const find = (version?: string) => service.findServices(readDatabase(req.server.database), req.query, serviceDocumentsOf(req.server), version);
      // Anonymous searches are answered from the answer cache when the directory has not changed.
      if (await cachedPublicAnswer(req, reply, 'finder', finderKey(req.query), async (version) => JSON.stringify(z.encode(FinderResults, await find(version))))) return reply;
      return find();
    },
  });
  app.get('/finder/services/:id', {
    config: open,
    schema: { tags: finder, summary: 'Everything a person needs to act on one service', params: ServiceParams, querystring: LangQuery, response: { 200: FinderServiceDetail, 404: ProblemSchema } },
    // A signed-in reader may edit what they read next, from its version: they read the primary.
    handler: async (req) => service.finderService(req.actor ? req.server.database : readDatabase(req.server.database), req.actor, req.params.id, req.query.lang),
  });
  app.get('/finder/categories', {
    config: open,
    schema: { tags: finder, summary: 'Need categories as trees, one per taxonomy', querystring: LangQuery, response: { 200: Categories } },
    handler: async (req) => ({ taxonomies: await service.taxonomyTree(readDatabase(req.server.database), req.query.lang) }),
  });
  app.get('/finder/languages', {
    config: open,
    schema: { tags: finder, summary: 'Languages services are offered in', response: { 200: Languages } },
    handler: async (req) => ({ items: await service.finderLanguages(readDatabase(req.server.database)) }),
  });

  app.patch('/directory/services/:id', {
    schema: { tags: staff, summary: 'Edit a service (its organization’s staff, directory admins); keeps field history', params: ServiceParams, body: EditBody, response: { 200: HsdsRecord, 400: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema } },
    handler: async (req) => {
      const { version, ...changes } = req.body;
      return service.updateService(req.server.database, actorOf(req), metaOf(req), req.params.id, version, changes);
    },
  });
  app.post('/directory/services/:id/verify', {
    schema: { tags: staff, summary: 'Mark a service’s information as verified today', params: ServiceParams, response: { 200: HsdsRecord, 403: ProblemSchema, 404: ProblemSchema } },
    handler: async (req) => service.verifyService(req.server.database, actorOf(req), metaOf(req), req.params.id),
  });
  app.put('/directory/services/:id/capacity', {
    schema: { tags: staff, summary: 'Update capacity (spaces, beds, waitlist…)', params: ServiceParams, body: CapacityBody, response: { 200: HsdsRecord, 400: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema } },
    handler: async (req) => service.setCapacity(req.server.database, actorOf(req), metaOf(req), req.params.id, req.body),
  });
  app.get('/directory/review-queue', {
    schema: { tags: staff, summary: 'Services not verified in N months', querystring: ReviewQuery, response: { 200: ReviewQueue, 403: ProblemSchema } },
    handler: async (req) => service.reviewQueue(req.server.database, actorOf(req), req.query.months),
  });
  app.put('/directory/settings/review-months', {
    schema: { tags: staff, summary: 'How many months before a service needs re-verifying (admins)', body: ReviewMonthsBody, response: { 204: z.null(), 403: ProblemSchema } },
    handler: async (req, reply) => {
      await service.setReviewMonths(req.server.database, actorOf(req), metaOf(req), req.body.months);
      return reply.code(204).send(null);
    },
  });
  app.post('/directory/taxonomy-terms', {
    schema: { tags: staff, summary: 'Add a taxonomy term (admins)', body: TermBody, response: { 201: TermSaved, 400: ProblemSchema, 403: ProblemSchema } },
    handler: async (req, reply) => reply.code(201).send(await service.upsertTerm(req.server.database, actorOf(req), metaOf(req), req.body)),
  });
  app.put('/directory/taxonomy-terms/:id', {
    schema: { tags: staff, summary: 'Edit a taxonomy term (admins)', params: TermParams, body: TermBody, response: { 200: TermSaved, 400: ProblemSchema, 403: ProblemSchema } },
    handler: async (req) => service.upsertTerm(req.server.database, actorOf(req), metaOf(req), { ...req.body, id: req.params.id }),
  });
}
