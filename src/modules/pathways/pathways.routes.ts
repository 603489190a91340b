import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, metaOf } from '../../core/http/request';
import { ProblemSchema } from '../../core/http/problem.schema';
import { Errors } from '../../core/http/errors';
import { systemActor } from '../../core/accounts/actor';
import { uuid } from '../../shared/contracts';
import * as s from './pathways.schema';
import * as service from './pathways.service';
import { fromPlanDefinition, PlanDefinitionError, toPlanDefinition } from './pathways.fhir';
import { pathwayPdf } from './pathways.pdf';

const P = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };
const LangQuery = z.object({ lang: z.enum(['en', 'fr']).default('en').describe('Language of the text') });
const Actions = z.record(z.string(), z.boolean());

export async function pathwaysRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Service pathways'];
  const db = (req: { server: FastifyInstance }) => req.server.database;

  app.get('/pathways', {
    schema: { tags, summary: 'Pathways, with their status and whether their base changed', querystring: s.ListQuery, response: { 200: z.object({ items: z.array(s.PathwaySummarySchema), actions: Actions }), ...P } },
    handler: async (req) => service.listPathways(db(req), actorOf(req), req.query),
  });
  app.post('/pathways', {
    schema: { tags, summary: 'Create a pathway for a collaborative, with its steps', body: s.CreatePathwayBody, response: { 201: s.PathwaySchema, ...P } },
    handler: async (req, reply) => reply.code(201).send(await service.createPathway(db(req), actorOf(req), metaOf(req), req.body)),
  });
  app.get('/pathways/reference', {
    schema: { tags, summary: 'For the editor: need domains, and directory services matching words', querystring: z.object({ q: z.string().max(100).optional().describe('Words in a service or organization name') }),
      response: { 200: z.object({ domains: z.array(z.object({ code: z.string(), name: z.string(), nameFr: z.string() })), services: z.array(z.object({ id: z.string(), name: z.string(), nameFr: z.string(), organizationId: z.string(), organizationName: z.string() })) }), ...P } },
    handler: async (req) => service.reference(db(req), actorOf(req), req.query),
  });
  app.get('/pathways/:id', {
    schema: { tags, summary: 'A pathway: its draft steps, versions, base and copies', params: s.IdParams, response: { 200: s.PathwaySchema, ...P } },
    handler: async (req) => service.getPathway(db(req), actorOf(req), req.params.id),
  });
  app.patch('/pathways/:id', {
    schema: { tags, summary: 'Edit the draft (send the version you edited; 409 with the current one when stale)', params: s.IdParams, body: s.UpdatePathwayBody, response: { 200: s.PathwaySchema, ...P } },
    handler: async (req) => service.updatePathway(db(req), actorOf(req), metaOf(req), req.params.id, req.body),
  });
  app.delete('/pathways/:id', {
    schema: { tags, summary: 'Delete a pathway', params: s.IdParams, response: { 204: z.null(), ...P } },
    handler: async (req, reply) => { await service.deletePathway(db(req), actorOf(req), metaOf(req), req.params.id); return reply.code(204).send(null); },
  });
  app.post('/pathways/:id/publish', {
    schema: { tags, summary: 'Publish the draft as the next version (residents then see it)', params: s.IdParams, body: s.PublishBody, response: { 200: s.PathwaySchema, ...P } },
    handler: async (req) => service.publishPathway(db(req), actorOf(req), metaOf(req), req.params.id, req.body),
  });
  app.get('/pathways/:id/versions/diff', {
    schema: { tags, summary: 'What changed, step by step, between two published versions', params: s.IdParams, querystring: s.VersionDiffQuery, response: { 200: z.object({ changes: z.array(s.StepChangeSchema) }), ...P } },
    handler: async (req) => service.versionDiff(db(req), actorOf(req), req.params.id, req.query),
  });
  app.post('/pathways/:id/copies', {
    schema: { tags, summary: 'Make a copy based on this pathway, for another collaborative; it stays linked to its base', params: s.IdParams, body: s.CopyPathwayBody, response: { 201: s.PathwaySchema, ...P } },
    handler: async (req, reply) => reply.code(201).send(await service.copyPathway(db(req), actorOf(req), metaOf(req), req.params.id, req.body)),
  });
  app.post('/pathways/:id/base/acknowledge', {
    schema: { tags, summary: 'Mark the base\'s latest version as seen', params: s.IdParams, response: { 200: s.PathwaySchema, ...P } },
    handler: async (req) => service.acknowledgeBase(db(req), actorOf(req), metaOf(req), req.params.id),
  });

  // ---- ideal against observed
  app.get('/pathways/:id/flow', {
    schema: { tags, summary: 'Referrals of a period matched to the steps: people per step, links, median days, drop-off, loops (disclosure-controlled)', params: s.IdParams, querystring: s.FlowQuery, response: { 200: s.FlowSchema, ...P } },
    handler: async (req) => service.observedFlow(db(req), actorOf(req), req.params.id, req.query),
  });

  // ---- workshop
  app.get('/pathways/:id/workshop', {
    schema: { tags, summary: 'Workshop drawings of how the scenario goes today, merged: how often each step appears and where they differ', params: s.IdParams, response: { 200: s.MergedSchema, ...P } },
    handler: async (req) => service.merged(db(req), actorOf(req), req.params.id),
  });
  app.post('/pathways/:id/workshop/drawings', {
    schema: { tags, summary: 'Record one participant\'s drawing', params: s.IdParams, body: s.DrawingBody, response: { 201: s.MergedSchema, ...P } },
    handler: async (req, reply) => reply.code(201).send(await service.addDrawing(db(req), actorOf(req), metaOf(req), req.params.id, req.body)),
  });

  // ---- feedback for the owners
  app.get('/pathways/:id/feedback', {
    schema: { tags, summary: 'Residents\' answers to "was this right?"', params: s.IdParams, response: { 200: z.object({ items: z.array(s.FeedbackSchema) }), ...P } },
    handler: async (req) => service.listFeedback(db(req), actorOf(req), req.params.id),
  });

  // ---- exchange
  app.get('/pathways/:id/plan-definition', {
    schema: { tags, summary: 'The pathway as a FHIR R4 PlanDefinition', params: s.IdParams, response: { 200: z.record(z.string(), z.unknown()), ...P } },
    handler: async (req, reply) => {
      const p = await service.getPathway(db(req), actorOf(req), req.params.id);
      return reply.type('application/fhir+json').send(toPlanDefinition({ ...p, version: p.versions[0]?.number ?? null }));
    },
  });
  app.post('/pathways/import/plan-definition', {
    schema: { tags, summary: 'Create a pathway from a FHIR R4 PlanDefinition', body: z.object({ collaborativeId: uuid.describe('The collaborative the pathway belongs to'), planDefinition: z.record(z.string(), z.unknown()).describe('A PlanDefinition resource') }), response: { 201: s.PathwaySchema, ...P } },
    handler: async (req, reply) => {
      let parsed;
      try {
        parsed = fromPlanDefinition(req.body.planDefinition);
      } catch (e) {
        if (e instanceof PlanDefinitionError) throw Errors.validation([{ field: `planDefinition.${e.field}`, message: e.message }]);
        throw e;
      }
      const body = s.CreatePathwayBody.safeParse({ ...parsed, collaborativeId: req.body.collaborativeId });
      if (!body.success) throw Errors.validation(body.error.issues.map((i) => ({ field: ['planDefinition', ...i.path].join('.'), message: i.message })));
      return reply.code(201).send(await service.createPathway(db(req), actorOf(req), metaOf(req), body.data));
    },
  });
  app.get('/pathways/:id/export.json', {
    schema: { tags, summary: 'The pathway as Roundtable JSON', params: s.IdParams, response: { 200: s.PathwaySchema, ...P } },
    handler: async (req, reply) => {
      const p = await service.getPathway(db(req), actorOf(req), req.params.id);
      return reply.header('content-disposition', `attachment; filename="pathway-${p.id}.json"`).send(p);
    },
  });
  app.get('/pathways/:id/pdf', {
    schema: { tags, summary: 'The pathway as a PDF (English or French)', params: s.IdParams, querystring: LangQuery, response: { 200: z.any().describe('application/pdf'), ...P } },
    handler: async (req, reply) => {
      const p = await service.getPathway(db(req), actorOf(req), req.params.id);
      return reply.type('application/pdf').header('content-disposition', `inline; filename="pathway-${p.id}.pdf"`).send(await pathwayPdf(p, req.query.lang));
    },
  });

  // ---- public: what to expect
  app.get('/pathways/public', {
    config: { public: true },
    schema: { tags, security: [], summary: 'Published pathways, optionally only those with a step a directory service delivers', querystring: z.object({ serviceId: uuid.optional().describe('Directory service id') }), response: { 200: s.PublicListSchema, 400: ProblemSchema } },
    handler: async (req) => service.publicList(db(req), req.query),
  });
  app.get('/pathways/public/:id', {
    config: { public: true },
    schema: { tags, security: [], summary: 'What to expect: the latest published version of a pathway', params: s.IdParams, querystring: LangQuery, response: { 200: s.PublicPathwaySchema, 400: ProblemSchema, 404: ProblemSchema } },
    handler: async (req) => service.publicPathway(db(req), req.params.id, req.query.lang),
  });
  app.post('/pathways/public/:id/feedback', {
    config: { public: true, csrfExempt: true, rateLimit: { max: 5, timeWindow: '10 minutes' } },
    schema: { tags, security: [], summary: 'Was this right? An anonymous answer that reaches the pathway\'s owners', params: s.IdParams, body: s.FeedbackBody, response: { 201: z.object({ received: z.boolean() }), 400: ProblemSchema, 404: ProblemSchema, 429: ProblemSchema } },
    handler: async (req, reply) => reply.code(201).send(await service.addFeedback(db(req), systemActor('public feedback'), metaOf(req), req.params.id, req.body)),
  });
}
