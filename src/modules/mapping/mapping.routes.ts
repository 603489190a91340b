import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, metaOf } from '../../core/http/request';
import { ProblemSchema } from '../../core/http/problem.schema';
import { uuid } from '../../shared/contracts';
import * as s from './mapping.schema';
import * as inventory from './mapping.inventory.service';
import * as coverage from './mapping.coverage.service';
import * as review from './mapping.review.service';
import * as snapshots from './mapping.snapshots.service';
import * as feed from './mapping.feed';
import { snapshotPdf } from './mapping.pdf';

const P = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };
const LangQuery = z.object({ lang: z.enum(['en', 'fr']).default('en').describe('Language of names and headings') });
const FeedSchema = z.object({ feedRefreshHours: z.number(), feedRefreshedAt: z.string().nullable(), feedLastResult: z.string().nullable(), actions: z.record(z.string(), z.boolean()) });
const FrontLineSchema = z.object({
  collaborativeId: z.string(), catchmentGeographyId: z.string().nullable(), fromMonth: z.string(), latestMonth: z.string().nullable(),
  rows: z.array(z.object({ domain: z.string(), needs: z.number().nullable(), unmet: z.number().nullable(), display: z.object({ needs: z.string(), unmet: z.string() }) })),
});

export async function mappingRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Service mapping'];
  const db = (req: { server: FastifyInstance }) => req.server.database;

  // ---- inventory
  app.get('/mapping/inventory', {
    schema: { tags, summary: 'The "moving trains": collaboratives and external tables, who sits where, and overlapping mandates', response: { 200: s.InventorySchema, 401: ProblemSchema } },
    handler: async (req) => inventory.getInventory(db(req), actorOf(req)),
  });
  app.post('/mapping/tables', {
    schema: { tags, summary: 'Add an external table, or the mapping profile of a Roundtable collaborative', body: s.TableBody.extend({ collaborativeId: uuid.nullish().describe('The Roundtable collaborative this profile describes') }), response: { 201: s.InventoryTableSchema, ...P } },
    handler: async (req, reply) => reply.code(201).send(await inventory.createTable(db(req), actorOf(req), metaOf(req), req.body)),
  });
  app.patch('/mapping/tables/:id', {
    schema: { tags, summary: 'Edit a table (send the version you edited; 409 with the current one when stale)', params: s.IdParams, body: s.UpdateTableBody, response: { 200: s.InventoryTableSchema, ...P } },
    handler: async (req) => inventory.updateTable(db(req), actorOf(req), metaOf(req), req.params.id, req.body),
  });
  app.post('/mapping/tables/import', {
    schema: {
      tags, summary: 'Import external tables from CSV (name, kind, mandate, domains, populations, places, lead, funder, members; lists split by ";"). All or nothing.',
      querystring: s.ImportTablesQuery, body: z.object({ csv: z.string().min(1).max(5_000_000).describe('The CSV text') }), response: { 200: s.ImportTablesResult, ...P },
    },
    handler: async (req) => inventory.importTables(db(req), actorOf(req), metaOf(req), req.body.csv, req.query.dryRun),
  });

  // ---- coverage
  app.get('/mapping/denominators', {
    schema: { tags, summary: 'Count indicators that rates per 10,000 may be of (total population first)', response: { 200: z.object({ items: z.array(s.DenominatorSchema) }), ...P } },
    handler: async (req) => coverage.denominators(db(req), actorOf(req)),
  });
  app.get('/mapping/coverage', {
    schema: { tags, summary: 'Supply and demand per need domain × municipality of a region, with rates per 10,000', querystring: s.CoverageQuery, response: { 200: s.CoverageSchema, ...P } },
    handler: async (req) => coverage.loadCoverage(db(req), actorOf(req), req.query),
  });
  app.get('/mapping/coverage.csv', {
    schema: { tags, summary: 'The coverage table as CSV (suppressed cells as "<5" or "x")', querystring: s.CoverageQuery.extend(LangQuery.shape), response: { 200: z.string(), ...P } },
    handler: async (req, reply) => {
      const c = await coverage.loadCoverage(db(req), actorOf(req), req.query);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="coverage.csv"').send(coverage.coverageAsCsv(c, req.query.lang));
    },
  });

  // ---- review queue
  app.get('/mapping/candidates', {
    schema: { tags, summary: 'The review queue: gap and overlap questions', querystring: s.CandidateQuery, response: { 200: z.object({ items: z.array(s.CandidateSchema), actions: z.record(z.string(), z.boolean()) }), ...P } },
    handler: async (req) => review.listCandidates(db(req), actorOf(req), req.query),
  });
  app.post('/mapping/candidates/generate', {
    schema: { tags, summary: 'Look at a region and put new gap and overlap questions in the queue', body: s.GenerateBody, response: { 200: z.object({ gaps: z.number(), overlaps: z.number(), askedBefore: z.number() }), ...P } },
    handler: async (req) => review.generateCandidates(db(req), actorOf(req), metaOf(req), req.body),
  });
  app.post('/mapping/candidates/:id/label', {
    schema: { tags, summary: 'Answer a question: label it, with a rationale', params: s.IdParams, body: s.LabelBody, response: { 200: s.CandidateSchema, ...P } },
    handler: async (req) => review.labelCandidate(db(req), actorOf(req), metaOf(req), req.params.id, req.body),
  });
  app.post('/mapping/candidates/:id/follow-ups', {
    schema: { tags, summary: 'Hand an answered question on to a collaborative meeting agenda or a strategy plan, with its evidence', params: s.IdParams, body: s.FollowUpBody, response: { 200: s.CandidateSchema, ...P } },
    handler: async (req) => review.addFollowUp(db(req), actorOf(req), metaOf(req), req.params.id, req.body),
  });

  // ---- snapshots
  app.get('/mapping/snapshots', {
    schema: { tags, summary: 'Published maps', querystring: z.object({ regionId: uuid.optional() }), response: { 200: z.object({ items: z.array(s.SnapshotSummarySchema), actions: z.record(z.string(), z.boolean()) }), ...P } },
    handler: async (req) => snapshots.listSnapshots(db(req), actorOf(req), req.query),
  });
  app.post('/mapping/snapshots', {
    schema: { tags, summary: 'Publish the current map of a region as a dated snapshot that never changes', body: s.PublishBody, response: { 201: s.SnapshotSchema, ...P } },
    handler: async (req, reply) => reply.code(201).send(await snapshots.publishSnapshot(db(req), actorOf(req), metaOf(req), req.body)),
  });
  app.get('/mapping/snapshots/compare', {
    schema: { tags, summary: 'Two snapshots side by side, with what changed', querystring: s.CompareQuery, response: { 200: z.object({ a: s.SnapshotSchema, b: s.SnapshotSchema, changes: z.record(z.string(), z.unknown()) }), ...P } },
    handler: async (req) => snapshots.compareSnapshots(db(req), actorOf(req), req.query),
  });
  app.get('/mapping/snapshots/:id', {
    schema: { tags, summary: 'A published snapshot', params: s.IdParams, response: { 200: s.SnapshotSchema, ...P } },
    handler: async (req) => snapshots.getSnapshot(db(req), actorOf(req), req.params.id),
  });
  app.get('/mapping/snapshots/:id/csv', {
    schema: { tags, summary: "A snapshot's figures as CSV", params: s.IdParams, querystring: LangQuery, response: { 200: z.string(), ...P } },
    handler: async (req, reply) => {
      const snap = await snapshots.getSnapshot(db(req), actorOf(req), req.params.id);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="snapshot-${snap.id}.csv"`).send(coverage.coverageAsCsv(snap.figures, req.query.lang));
    },
  });
  app.put('/mapping/snapshots/:id/public', {
    schema: { tags, summary: 'Make a snapshot public (anyone with the link) or private again', params: s.IdParams, body: s.ShareBody, response: { 200: s.SnapshotSchema, ...P } },
    handler: async (req) => snapshots.shareSnapshot(db(req), actorOf(req), metaOf(req), req.params.id, req.body.isPublic),
  });
  app.get('/mapping/public/snapshots/:id', {
    config: { public: true },
    schema: { tags, summary: 'A snapshot made public', params: s.IdParams, response: { 200: s.SnapshotSchema, 404: ProblemSchema } },
    handler: async (req) => snapshots.getSnapshot(db(req), null, req.params.id),
  });
  app.get('/mapping/public/snapshots/:id/pdf', {
    config: { public: true },
    schema: { tags, summary: 'A snapshot made public, as a PDF report (English or French)', params: s.IdParams, querystring: LangQuery, response: { 200: z.any().describe('application/pdf'), 404: ProblemSchema } },
    handler: async (req, reply) => {
      const snap = await snapshots.getSnapshot(db(req), null, req.params.id);
      return reply.type('application/pdf').header('content-disposition', `inline; filename="map-${snap.id}.pdf"`).send(await snapshotPdf(snap, req.query.lang));
    },
  });
  app.get('/mapping/snapshots/:id/pdf', {
    schema: { tags, summary: 'A snapshot as a PDF report (English or French)', params: s.IdParams, querystring: LangQuery, response: { 200: z.any().describe('application/pdf'), ...P } },
    handler: async (req, reply) => {
      const snap = await snapshots.getSnapshot(db(req), actorOf(req), req.params.id);
      return reply.type('application/pdf').header('content-disposition', `inline; filename="map-${snap.id}.pdf"`).send(await snapshotPdf(snap, req.query.lang));
    },
  });

  // ---- the front line
  app.get('/mapping/front-line/collaboratives/:id', {
    schema: { tags, summary: "From the front line: needs and unmet needs in a collaborative's catchment", params: s.IdParams, querystring: s.FrontLineQuery, response: { 200: FrontLineSchema, ...P } },
    handler: async (req) => feed.frontLineForCollaborative(db(req), actorOf(req), req.params.id, req.query.months),
  });
  app.get('/mapping/feed', {
    schema: { tags, summary: 'When the front-line feed was last published into the data repository, and how often', response: { 200: FeedSchema, ...P } },
    handler: async (req) => feed.feedSettings(db(req), actorOf(req)),
  });
  app.post('/mapping/feed/refresh', {
    schema: { tags, summary: 'Publish the front-line feed into the data repository now', response: { 200: z.object({ result: z.string() }), ...P } },
    handler: async (req) => ({ result: await feed.refreshFeed(db(req), actorOf(req), metaOf(req)) }),
  });
  app.put('/mapping/feed/schedule', {
    schema: { tags, summary: 'How often the server publishes the feed (hours; 0 = only on demand)', body: z.object({ hours: z.number().int().min(0).max(720).describe('Hours between refreshes; 0 turns the schedule off') }), response: { 200: FeedSchema, ...P } },
    handler: async (req) => feed.setFeedSchedule(db(req), actorOf(req), metaOf(req), req.body.hours),
  });
}
