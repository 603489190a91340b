import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { readPublic, type Db } from '../../core/db/database';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { stringify } from 'csv-stringify/sync';
import { escapeFormula } from '../../core/http/csv';
import { actorOf, metaOf } from '../../core/http/request';
import { ProblemSchema } from '../../core/http/problem.schema';

import { uuid } from '../../shared/contracts';
import * as service from './data.service';


import {
  BreakdownSchema, CensusMappingInputSchema, CensusMappingSchema, CreateIndicatorSchema, DashboardDetailSchema, DashboardInputSchema, DashboardSchema,
  IndicatorSchema, MapSchema, ProfileSchema, RollupSchema, SeriesSchema, UpdateDashboardSchema, UpdateIndicatorSchema, domains, partitionQuery, periodText,
} from './data.schema';
import { dataImportRoutes } from './data.import.routes';

/**
 * Anonymous readers of published data read from the read replica when there is one
 * (docs/scaling.md); signed-in readers, who may see their collaboratives' own data and edit
 * what they read, from the primary.
 */
function publicRead<T>(req: FastifyRequest, work: (db: Db) => Promise<T>): Promise<T> {
  return req.actor ? work(req.server.database.db) : readPublic(req.server.database, (d) => work(d.db));
}

import { Errors } from '../../core/http/errors';

const idList = z
  .string()
  .max(2000)
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(uuid).min(1, 'Choose at least one place').max(20, 'At most 20 places'));

function sendCsv(reply: FastifyReply, name: string, header: string[], rows: (string | number | null | boolean)[][]) {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}.csv"`)
    .send('\uFEFF' + stringify([header, ...rows], { cast: { boolean: (b) => (b ? 'true' : 'false'), string: escapeFormula } }));
}

const cellCols = ['value', 'low', 'high', 'display', 'status', 'suppressed', 'projection'];
const cellRow = (c: { value: number | null; low: number | null; high: number | null; display: string; status: string; suppressed: boolean; isProjection?: boolean } | null) =>
  c ? [c.value, c.low, c.high, c.display, c.status, c.suppressed, c.isProjection ?? false] : [null, null, null, '', '', false, false];

/**
 * The community data API. Reading public data is public (it is published community data,
 * suppressed before it leaves the server); private partitions need membership; writing
 * needs curation rights or the collaborative's coordinator role.
 */
export async function dataRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Community data'];
  const open = { public: true };

  app.get('/data/indicators', {
    config: open,
    schema: {
      tags, summary: 'The indicator catalogue',
      querystring: z.object({ q: z.string().max(200).optional(), domain: z.enum(domains).optional(), ids: z.string().max(4000).optional().describe('Comma-separated ids') }),
      response: { 200: z.object({ items: z.array(IndicatorSchema) }), 400: ProblemSchema },
    },
    handler: async (req) => {
      const ids = req.query.ids?.split(',').filter(Boolean);
      if (ids?.some((i) => !uuid.safeParse(i).success)) throw Errors.validation([{ field: 'ids', message: 'Must be UUIDs' }]);
      return { items: await service.listIndicators(req.server.database.db, { q: req.query.q, domain: req.query.domain, ids }) };
    },
  });

  app.get('/data/indicators/:id', {
    config: open,
    schema: { tags, summary: 'One indicator', params: z.object({ id: uuid }), response: { 200: IndicatorSchema, 404: ProblemSchema } },
    handler: async (req) => service.presentIndicator(await publicRead(req, (db) => service.getIndicator(db, req.params.id))),
  });

  app.post('/data/indicators', {
    schema: { tags, summary: 'Add an indicator to the catalogue (platform admins)', body: CreateIndicatorSchema, response: { 201: IndicatorSchema, 400: ProblemSchema, 403: ProblemSchema, 409: ProblemSchema } },
    handler: async (req, reply) => reply.code(201).send(await service.createIndicator(req.server.database, actorOf(req), metaOf(req), req.body)),
  });

  app.patch('/data/indicators/:id', {
    schema: { tags, summary: 'Change an indicator (platform admins)', params: z.object({ id: uuid }), body: UpdateIndicatorSchema, response: { 200: IndicatorSchema, 400: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema } },
    handler: async (req) => service.updateIndicator(req.server.database, actorOf(req), metaOf(req), req.params.id, req.body),
  });

  const mapQuery = partitionQuery.extend({ indicatorId: uuid, parentId: uuid.describe('The region whose places to show'), period: periodText.optional().describe('Default: the latest period with data') });
  app.get('/data/map', {
    config: open,
    schema: { tags, summary: 'Choropleth data: one indicator and period for every place under a region', querystring: mapQuery, response: { 200: MapSchema, 400: ProblemSchema, 404: ProblemSchema } },
    handler: async (req) => publicRead(req, (db) => service.mapView(db, req.actor, { ...req.query, collaborativeId: req.query.collaborativeId ?? null })),
  });
  app.get('/data/map.csv', {
    config: open,
    schema: { tags, summary: 'The map data as CSV', querystring: mapQuery, response: { 200: z.string(), 400: ProblemSchema, 404: ProblemSchema } },
    handler: async (req, reply) => {
      const v = await publicRead(req, (db) => service.mapView(db, req.actor, { ...req.query, collaborativeId: req.query.collaborativeId ?? null }));
      const rows = [v.parent, ...v.places].map((p) => [v.indicator.code, p.code, p.name.en, v.period, ...cellRow(p.cell)]);
      return sendCsv(reply, `${v.indicator.code}-${v.period ?? 'none'}`, ['indicator_code', 'geography_code', 'geography_name', 'period', ...cellCols], rows);
    },
  });

  const seriesQuery = partitionQuery.extend({ indicatorId: uuid, geographyIds: idList.describe('Comma-separated place ids (1–20)') });
  app.get('/data/series', {
    config: open,
    schema: { tags, summary: 'Time series of one indicator for one or more places', querystring: seriesQuery, response: { 200: SeriesSchema, 400: ProblemSchema, 404: ProblemSchema } },
    handler: async (req) => publicRead(req, (db) => service.seriesView(db, req.actor, { ...req.query, collaborativeId: req.query.collaborativeId ?? null })),
  });
  app.get('/data/series.csv', {
    config: open,
    schema: { tags, summary: 'The series as CSV', querystring: seriesQuery, response: { 200: z.string(), 400: ProblemSchema, 404: ProblemSchema } },
    handler: async (req, reply) => {
      const v = await publicRead(req, (db) => service.seriesView(db, req.actor, { ...req.query, collaborativeId: req.query.collaborativeId ?? null }));
      const rows = v.series.flatMap((s) => s.points.map((p) => [v.indicator.code, s.code, s.name.en, p.period, ...cellRow(p), p.notes, p.source]));
      return sendCsv(reply, `${v.indicator.code}-series`, ['indicator_code', 'geography_code', 'geography_name', 'period', ...cellCols, 'notes', 'source'], rows);
    },
  });

  const rollupQuery = partitionQuery.extend({ indicatorId: uuid, parentId: uuid, period: periodText });
  app.get('/data/rollup', {
    config: open,
    schema: { tags, summary: 'Sum of an additive indicator over the places under a region (422 for rates and percentages)', querystring: rollupQuery, response: { 200: RollupSchema, 400: ProblemSchema, 404: ProblemSchema, 422: ProblemSchema } },
    handler: async (req) => publicRead(req, (db) => service.rollupView(db, req.actor, { ...req.query, collaborativeId: req.query.collaborativeId ?? null })),
  });

  const breakdownQuery = partitionQuery.extend({ indicatorId: uuid, geographyId: uuid, period: periodText });
  app.get('/data/breakdown', {
    config: open,
    schema: { tags, summary: 'Disaggregated cells of one place and period, with shares of their total', querystring: breakdownQuery, response: { 200: BreakdownSchema, 400: ProblemSchema, 404: ProblemSchema } },
    handler: async (req) => publicRead(req, (db) => service.breakdownView(db, req.actor, { ...req.query, collaborativeId: req.query.collaborativeId ?? null })),
  });
  app.get('/data/breakdown.csv', {
    config: open,
    schema: { tags, summary: 'The breakdown as CSV', querystring: breakdownQuery, response: { 200: z.string(), 400: ProblemSchema, 404: ProblemSchema } },
    handler: async (req, reply) => {
      const v = await publicRead(req, (db) => service.breakdownView(db, req.actor, { ...req.query, collaborativeId: req.query.collaborativeId ?? null }));
      const rows = v.cells.map((c) => [v.indicator.code, v.period, c.key, ...cellRow(c.cell), c.share?.display ?? '']);
      return sendCsv(reply, `${v.indicator.code}-${v.period}-breakdown`, ['indicator_code', 'period', 'disaggregation', ...cellCols, 'share'], rows);
    },
  });

  app.get('/data/profiles/:geographyId', {
    config: open,
    schema: { tags, summary: 'Community profile of a place: key indicators and trends', params: z.object({ geographyId: uuid }), querystring: partitionQuery, response: { 200: ProfileSchema, 404: ProblemSchema } },
    handler: async (req) => publicRead(req, (db) => service.profileView(db, req.actor, req.params.geographyId, req.query.collaborativeId ?? null)),
  });

  app.get('/data/observations/history', {
    schema: {
      tags, summary: 'An observation and its earlier revisions (those who may write its data)',
      querystring: partitionQuery.extend({ indicatorId: uuid, geographyId: uuid, period: periodText, disaggregation: z.string().max(500).optional() }),
      response: {
        200: z.object({
          current: z.object({ id: z.string(), period: z.string(), dkey: z.string(), value: z.number().nullable(), low: z.number().nullable(), high: z.number().nullable(), status: z.string(), isProjection: z.boolean(), source: z.string().nullable(), notes: z.string().nullable(), revision: z.number().int() }),
          revisions: z.array(z.object({ revision: z.number().int(), value: z.number().nullable(), low: z.number().nullable(), high: z.number().nullable(), status: z.string(), notes: z.string().nullable(), source: z.string().nullable(), validUntil: z.string(), replacedBy: z.string() })),
        }),
        403: ProblemSchema, 404: ProblemSchema,
      },
    },
    handler: async (req) => service.observationHistory(req.server.database.db, actorOf(req), { ...req.query, collaborativeId: req.query.collaborativeId ?? null }),
  });

  // Census profile mappings
  app.get('/data/census-mappings', {
    schema: { tags, summary: 'Saved mapping of Census Profile characteristics to indicators', response: { 200: z.object({ items: z.array(CensusMappingSchema) }) } },
    handler: async (req) => service.listCensusMappings(req.server.database.db),
  });
  app.put('/data/census-mappings', {
    schema: { tags, summary: 'Save one characteristic → indicator mapping (platform admins)', body: CensusMappingInputSchema, response: { 200: z.object({ items: z.array(CensusMappingSchema) }), 400: ProblemSchema, 403: ProblemSchema } },
    handler: async (req) => service.saveCensusMapping(req.server.database, actorOf(req), metaOf(req), req.body),
  });

  // Dashboards
  app.get('/data/dashboards', {
    schema: { tags, summary: 'Dashboards you may see: your collaboratives’ and public ones', querystring: z.object({ collaborativeId: uuid.optional() }), response: { 200: z.object({ items: z.array(DashboardSchema) }) } },
    handler: async (req) => ({ items: await service.listDashboards(req.server.database.db, actorOf(req), req.query.collaborativeId) }),
  });
  app.get('/data/dashboards/:id', {
    config: open,
    schema: { tags, summary: 'One dashboard (public dashboards to anyone, others to members)', params: z.object({ id: uuid }), response: { 200: DashboardDetailSchema, 404: ProblemSchema } },
    handler: async (req) => publicRead(req, (db) => service.getDashboard(db, req.actor, req.params.id)),
  });
  app.post('/data/dashboards', {
    schema: { tags, summary: 'Save a dashboard for a collaborative (its coordinators)', body: DashboardInputSchema, response: { 201: DashboardSchema, 400: ProblemSchema, 403: ProblemSchema } },
    handler: async (req, reply) => reply.code(201).send(await service.createDashboard(req.server.database, actorOf(req), metaOf(req), req.body)),
  });
  app.patch('/data/dashboards/:id', {
    schema: { tags, summary: 'Change or share a dashboard', params: z.object({ id: uuid }), body: UpdateDashboardSchema, response: { 200: DashboardSchema, 400: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema } },
    handler: async (req) => service.updateDashboard(req.server.database, actorOf(req), metaOf(req), req.params.id, req.body),
  });
  app.delete('/data/dashboards/:id', {
    schema: { tags, summary: 'Delete a dashboard', params: z.object({ id: uuid }), response: { 204: z.null(), 403: ProblemSchema, 404: ProblemSchema } },
    handler: async (req, reply) => {
      await service.deleteDashboard(req.server.database, actorOf(req), metaOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  });

  await app.register(dataImportRoutes);
}
