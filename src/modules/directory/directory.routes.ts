import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readDatabase } from '../../core/db/database';
import { actorOf, metaOf } from '../../core/http/request';
import { ProblemSchema } from '../../core/http/problem.schema';
import { text, uuid } from '../../shared/contracts';
import * as service from './directory.service';
import { directoryImportRoutes } from './directory.import.routes';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const lang = z.enum(['en', 'fr']).default('en').describe('Language for names and descriptions; content falls back to the record’s own');

const FinderQuery = z.object({
  q: text(200).optional().describe('Plain words in English or French; spelling is corrected against the directory'),
  termId: z.union([uuid, z.array(uuid).max(20)]).optional().transform((v) => (v === undefined ? undefined : [v].flat())).describe('Need categories (taxonomy term ids); a parent includes its children'),
  municipality: text(60).optional().describe('Geography id or code; services located there or serving an area that contains it'),
  near: text(60).optional().describe('Postal code or place name'),
  radiusKm: z.coerce.number().min(0.5).max(200).default(15),
  language: z.string().regex(/^[A-Za-z]{2,3}$/, 'Use an ISO 639 code such as fr or ar').optional(),
  age: z.coerce.number().int().min(0).max(130).optional(),
  openNow: bool.optional(),
  free: bool.optional(),
  wheelchair: bool.optional(),
  lang,
  page: z.coerce.number().int().min(1).max(1000).default(1),
  perPage: z.coerce.number().int().min(1).max(100).default(20),
});

const EditBody = z
  .object({
    version: z.number().int().min(1),
    name: text(500).pipe(z.string().min(1, 'Required')).optional(),
    alternate_name: text(500).nullish(),
    description: text(20000).nullish(),
    url: text(1000).refine((v) => !v || /^https?:\/\//.test(v), 'Start with http:// or https://').nullish(),
    email: text(320).refine((v) => !v || z.string().email().safeParse(v).success, 'Not a valid email address').nullish(),
    status: z.enum(['active', 'inactive', 'defunct', 'temporarily closed']).optional(),
    application_process: text(5000).nullish(),
    fees_description: text(2000).nullish(),
    eligibility_description: text(5000).nullish(),
    interpretation_services: text(2000).nullish(),
    alert: text(2000).nullish(),
    minimum_age: z.number().min(0).max(130).nullish(),
    maximum_age: z.number().min(0).max(130).nullish(),
    translations: z.record(z.string().regex(/^[a-z]{2,3}$/), z.record(z.string(), text(20000))).optional(),
  })
  .strict()
  .refine((b) => b.minimum_age == null || b.maximum_age == null || b.minimum_age <= b.maximum_age, { path: ['maximum_age'], message: 'Must be at least the minimum age' });

const CapacityBody = z.object({
  unit: text(100).pipe(z.string().min(1, 'Required')).describe('What is counted: spaces, beds, appointments per week, waitlist length…'),
  available: z.number().min(0).max(1_000_000),
  maximum: z.number().min(0).max(1_000_000).nullish(),
  description: text(500).nullish(),
});

const TermBody = z.object({
  taxonomyId: uuid,
  parentId: uuid.nullish(),
  code: text(100).nullish(),
  name: text(300).pipe(z.string().min(1, 'Required')),
  nameFr: text(300).nullish(),
  description: text(2000).default(''),
});

const Id = z.object({ id: uuid });
const Any = z.any();

/** Staff and public routes of the directory under /api/v1. The HSDS API is in directory.hsds.routes.ts. */
export async function directoryRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const finder = ['Service finder'];
  const staff = ['Directory'];
  const open = { public: true };
  await root.register(directoryImportRoutes);

  app.get('/finder/services', {
    config: open,
    schema: { tags: finder, summary: 'Find services (no sign-in)', querystring: FinderQuery, response: { 200: Any, 400: ProblemSchema } },
    handler: async (req) => service.findServices(readDatabase(req.server.database), req.query),
  });
  app.get('/finder/services/:id', {
    config: open,
    schema: { tags: finder, summary: 'Everything a person needs to act on one service', params: Id, querystring: z.object({ lang }), response: { 200: Any, 404: ProblemSchema } },
    // A signed-in reader may edit what they read next, from its version: they read the primary.
    handler: async (req) => service.finderService(req.actor ? req.server.database : readDatabase(req.server.database), req.actor, req.params.id, req.query.lang),
  });
  app.get('/finder/categories', {
    config: open,
    schema: { tags: finder, summary: 'Need categories as trees, one per taxonomy', querystring: z.object({ lang }), response: { 200: Any } },
    handler: async (req) => ({ taxonomies: await service.taxonomyTree(readDatabase(req.server.database), req.query.lang) }),
  });
  app.get('/finder/languages', {
    config: open,
    schema: { tags: finder, summary: 'Languages services are offered in', response: { 200: Any } },
    handler: async (req) => ({ items: await service.finderLanguages(readDatabase(req.server.database)) }),
  });

  app.patch('/directory/services/:id', {
    schema: { tags: staff, summary: 'Edit a service (its organization’s staff, directory admins); keeps field history', params: Id, body: EditBody, response: { 200: Any, 400: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema } },
    handler: async (req) => {
      const { version, ...changes } = req.body;
      return service.updateService(req.server.database, actorOf(req), metaOf(req), req.params.id, version, changes as service.ServiceEdit);
    },
  });
  app.post('/directory/services/:id/verify', {
    schema: { tags: staff, summary: 'Mark a service’s information as verified today', params: Id, response: { 200: Any, 403: ProblemSchema, 404: ProblemSchema } },
    handler: async (req) => service.verifyService(req.server.database, actorOf(req), metaOf(req), req.params.id),
  });
  app.put('/directory/services/:id/capacity', {
    schema: { tags: staff, summary: 'Update capacity (spaces, beds, waitlist…)', params: Id, body: CapacityBody, response: { 200: Any, 400: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema } },
    handler: async (req) => service.setCapacity(req.server.database, actorOf(req), metaOf(req), req.params.id, req.body),
  });
  app.get('/directory/review-queue', {
    schema: { tags: staff, summary: 'Services not verified in N months', querystring: z.object({ months: z.coerce.number().int().min(1).max(120).optional() }), response: { 200: Any, 403: ProblemSchema } },
    handler: async (req) => service.reviewQueue(req.server.database, actorOf(req), req.query.months),
  });
  app.put('/directory/settings/review-months', {
    schema: { tags: staff, summary: 'How many months before a service needs re-verifying (admins)', body: z.object({ months: z.number().int().min(1).max(120) }), response: { 204: z.null(), 403: ProblemSchema } },
    handler: async (req, reply) => {
      await service.setReviewMonths(req.server.database, actorOf(req), metaOf(req), req.body.months);
      return reply.code(204).send(null);
    },
  });
  app.post('/directory/taxonomy-terms', {
    schema: { tags: staff, summary: 'Add a taxonomy term (admins)', body: TermBody, response: { 201: Any, 400: ProblemSchema, 403: ProblemSchema } },
    handler: async (req, reply) => reply.code(201).send(await service.upsertTerm(req.server.database, actorOf(req), metaOf(req), req.body)),
  });
  app.put('/directory/taxonomy-terms/:id', {
    schema: { tags: staff, summary: 'Edit a taxonomy term (admins)', params: Id, body: TermBody, response: { 200: Any, 400: ProblemSchema, 403: ProblemSchema } },
    handler: async (req) => service.upsertTerm(req.server.database, actorOf(req), metaOf(req), { ...req.body, id: req.params.id }),
  });
}
