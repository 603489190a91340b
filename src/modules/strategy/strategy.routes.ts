import { readPublic } from '../../core/db/database';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, metaOf } from '../../core/http/request';
import { ProblemSchema } from '../../core/http/problem.schema';
import { uuid } from '../../shared/contracts';
import * as s from './strategy.schema';
import * as service from './strategy.service';
import * as cards from './strategy.report-card';
import { importUpdates, updateSheet } from './strategy.import';
import { reportCardPdf } from './strategy.pdf';
import type { ReportContent } from './strategy.report-card';

const P = { 400: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };
const VersionQuery = z.object({ version: z.coerce.number().int().min(1).describe('The version you are deleting') });
const LangQuery = z.object({ lang: z.enum(['en', 'fr']).default('en') });
const { PlanListSchema, ReportCardListSchema } = s;

export async function strategyRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Strategy'];
  const db = (req: { server: FastifyInstance }) => req.server.database;

  // plans
  app.get('/strategy/plans', {
    schema: { tags, summary: "Strategic plans of the collaboratives you belong to", querystring: z.object({ collaborativeId: uuid.optional() }), response: { 200: PlanListSchema } },
    handler: async (req) => service.listPlans(db(req), actorOf(req), req.query.collaborativeId),
  });
  app.post('/strategy/plans', {
    schema: { tags, summary: 'Start a strategic plan (coordinators)', body: s.CreatePlanBody, response: { 201: s.PlanSchema, ...P } },
    handler: async (req, reply) => reply.code(201).send(await service.createPlan(db(req), actorOf(req), metaOf(req), req.body)),
  });
  app.get('/strategy/plans/:id', {
    schema: { tags, summary: 'A plan with its hierarchy, measures, warnings and freshness', params: s.IdParams, response: { 200: s.PlanSchema, 404: ProblemSchema } },
    handler: async (req) => service.getPlan(db(req), actorOf(req), req.params.id),
  });
  app.patch('/strategy/plans/:id', {
    schema: { tags, summary: 'Edit a plan or move its status forward (draft → adopted → active → closed)', params: s.IdParams, body: s.UpdatePlanBody, response: { 200: s.PlanSchema, ...P } },
    handler: async (req) => service.updatePlan(db(req), actorOf(req), metaOf(req), req.params.id, req.body),
  });
  app.post('/strategy/plans/:id/new-version', {
    schema: { tags, summary: 'Start a new draft version of an adopted plan (to change themes or goals)', params: s.IdParams, response: { 201: s.PlanSchema, ...P } },
    handler: async (req, reply) => reply.code(201).send(await service.newPlanVersion(db(req), actorOf(req), metaOf(req), req.params.id)),
  });

  // elements
  app.post('/strategy/plans/:id/elements', {
    schema: { tags, summary: 'Add a theme, goal, strategy or action', description: 'Themes and goals only while the plan is a draft (409 strategy.frozen after).', params: s.IdParams, body: s.CreateElementBody, response: { 201: s.ElementSchema.omit({ frozen: true, evidence: true }).extend({ templateKey: z.string().nullable() }), ...P } },
    handler: async (req, reply) => reply.code(201).send(await service.createElement(db(req), actorOf(req), metaOf(req), req.params.id, req.body)),
  });
  app.patch('/strategy/elements/:id', {
    schema: { tags, summary: 'Edit a plan element; every change is kept in its history', params: s.IdParams, body: s.UpdateElementBody, response: { 200: s.ElementSchema.omit({ frozen: true, evidence: true }).extend({ templateKey: z.string().nullable() }), ...P } },
    handler: async (req) => service.updateElement(db(req), actorOf(req), metaOf(req), req.params.id, req.body),
  });
  app.delete('/strategy/elements/:id', {
    schema: { tags, summary: 'Remove a plan element with nothing under it', params: s.IdParams, querystring: VersionQuery, response: { 204: z.null(), ...P } },
    handler: async (req, reply) => {
      await service.deleteElement(db(req), actorOf(req), metaOf(req), req.params.id, req.query.version);
      return reply.code(204).send(null);
    },
  });
  app.get('/strategy/elements/:id/history', {
    schema: { tags, summary: 'Who changed a plan element, when, and what it was before and after', params: s.IdParams, response: { 200: s.HistorySchema, 404: ProblemSchema } },
    handler: async (req) => service.elementHistory(db(req), actorOf(req), req.params.id),
  });
  app.post('/strategy/elements/:id/evidence', {
    schema: { tags, summary: 'Link the engagement record, indicator, document or page that justifies an element', params: s.IdParams, body: s.EvidenceBody, response: { 201: z.object({ id: z.string() }), ...P } },
    handler: async (req, reply) => reply.code(201).send(await service.addEvidence(db(req), actorOf(req), metaOf(req), req.params.id, req.body)),
  });
  app.delete('/strategy/evidence/:id', {
    schema: { tags, summary: 'Remove an evidence link', params: s.IdParams, response: { 204: z.null(), ...P } },
    handler: async (req, reply) => {
      await service.removeEvidence(db(req), actorOf(req), metaOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  });

  // measures
  app.post('/strategy/plans/:id/measures', {
    schema: { tags, summary: 'Add a population indicator (goal) or performance measure (strategy, action)', params: s.IdParams, body: s.CreateMeasureBody, response: { 201: s.MeasureSchema, ...P } },
    handler: async (req, reply) => reply.code(201).send(await service.createMeasure(db(req), actorOf(req), metaOf(req), req.params.id, req.body)),
  });
  app.get('/strategy/measures/:id', {
    schema: { tags, summary: 'A measure with targets, values, status, trend and its "turn the curve" rows', params: s.IdParams, response: { 200: s.MeasureSchema, 404: ProblemSchema } },
    handler: async (req) => service.getMeasure(db(req), actorOf(req), req.params.id),
  });
  app.patch('/strategy/measures/:id', {
    schema: { tags, summary: 'Edit a measure', params: s.IdParams, body: s.UpdateMeasureBody, response: { 200: s.MeasureSchema, ...P } },
    handler: async (req) => service.updateMeasure(db(req), actorOf(req), metaOf(req), req.params.id, req.body),
  });
  app.put('/strategy/measures/:id/targets/:period', {
    schema: { tags, summary: "Set the target for a period inside the plan's horizon", params: s.PeriodParams, body: s.TargetBody, response: { 200: s.MeasureSchema, ...P } },
    handler: async (req) => service.setTarget(db(req), actorOf(req), metaOf(req), req.params.id, req.params.period, req.body.value),
  });
  app.put('/strategy/measures/:id/values/:period', {
    schema: { tags, summary: 'Record the actual value for a period, with source and notes', params: s.PeriodParams, body: s.ValueBody, response: { 200: s.MeasureSchema, ...P } },
    handler: async (req) => service.setValue(db(req), actorOf(req), metaOf(req), req.params.id, req.params.period, req.body),
  });

  // action plans
  app.get('/strategy/plans/:id/action-plans', {
    schema: { tags, summary: "A plan's annual action plans", params: s.IdParams, response: { 200: s.ActionPlanListSchema, 404: ProblemSchema } },
    handler: async (req) => service.listActionPlans(db(req), actorOf(req), req.params.id),
  });
  app.post('/strategy/plans/:id/action-plans', {
    schema: { tags, summary: 'Start the action plan for a year', params: s.IdParams, body: s.CreateActionPlanBody, response: { 201: s.ActionPlanSchema, ...P } },
    handler: async (req, reply) => reply.code(201).send(await service.createActionPlan(db(req), actorOf(req), metaOf(req), req.params.id, req.body)),
  });
  app.get('/strategy/action-plans/:id', {
    schema: { tags, summary: 'An action plan: each action with champion, partners, dates, status, progress notes; overdue and stalled flagged', params: s.IdParams, response: { 200: s.ActionPlanSchema, 404: ProblemSchema } },
    handler: async (req) => service.getActionPlan(db(req), actorOf(req), req.params.id),
  });
  app.post('/strategy/action-plans/:id/items', {
    schema: { tags, summary: "Select an action of the plan into this year's action plan", params: s.IdParams, body: s.CreateItemBody, response: { 201: s.ActionPlanSchema, ...P } },
    handler: async (req, reply) => reply.code(201).send(await service.addItem(db(req), actorOf(req), metaOf(req), req.params.id, req.body)),
  });
  app.patch('/strategy/action-plan-items/:id', {
    schema: { tags, summary: 'Edit an action in an action plan', params: s.IdParams, body: s.UpdateItemBody, response: { 200: s.ActionPlanSchema, ...P } },
    handler: async (req) => service.updateItem(db(req), actorOf(req), metaOf(req), req.params.id, req.body),
  });
  app.post('/strategy/action-plan-items/:id/notes', {
    schema: { tags, summary: 'Add a progress note (optionally with a new status and percent complete)', params: s.IdParams, body: s.NoteBody, response: { 201: s.ActionPlanSchema, ...P } },
    handler: async (req, reply) => reply.code(201).send(await service.addNote(db(req), actorOf(req), metaOf(req), req.params.id, req.body)),
  });

  // bulk update
  app.post('/strategy/plans/:id/import', {
    schema: { tags, summary: 'Bulk update action progress and measure values from CSV', description: 'Columns: type, ref, year, status, percent_complete, note, period, value, source, notes. `dryRun` (default true) shows the changes without saving. Errors name the row (header = row 1).', params: s.IdParams, body: s.ImportBody, response: { 200: s.ImportResultSchema, ...P } },
    handler: async (req) => importUpdates(db(req), actorOf(req), metaOf(req), req.params.id, req.body.csv, req.body.dryRun),
  });
  app.get('/strategy/plans/:id/update-sheet.csv', {
    schema: { tags, summary: 'A CSV to fill in: the latest action plan and the period now due for each measure', params: s.IdParams, response: { 200: z.string(), 404: ProblemSchema } },
    handler: async (req, reply) => reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="update-sheet.csv"').send(await updateSheet(db(req), actorOf(req), req.params.id)),
  });

  // scorecard
  app.get('/strategy/plans/:id/scorecard', {
    schema: { tags, summary: "A plan's scorecard: goals, indicators and measures with trend and status", params: s.IdParams, querystring: z.object({ themeId: uuid.optional() }), response: { 200: s.ScorecardSchema, 404: ProblemSchema } },
    handler: async (req) => service.scorecard(db(req), actorOf(req), req.params.id, { themeId: req.query.themeId }),
  });
  app.get('/strategy/public/plans/:id/scorecard', {
    config: { public: true },
    schema: { tags, summary: 'Public scorecard, where the plan is shared by public link', params: s.IdParams, querystring: z.object({ themeId: uuid.optional() }), response: { 200: s.PublicScorecardSchema, 404: ProblemSchema } },
    handler: async (req) => {
      return readPublic(req.server.database, (d) => service.publicScorecard(d, req.params.id, { themeId: req.query.themeId }));
    },
  });

  // report cards
  app.get('/strategy/plans/:id/report-cards', {
    schema: { tags, summary: "A plan's report cards", params: s.IdParams, response: { 200: ReportCardListSchema, 404: ProblemSchema } },
    handler: async (req) => cards.listReportCards(db(req), actorOf(req), req.params.id),
  });
  app.post('/strategy/plans/:id/report-cards', {
    schema: { tags, summary: 'Start the report card for a year (a draft, built live from the plan)', params: s.IdParams, body: s.CreateReportCardBody, response: { 201: s.ReportCardSchema, ...P } },
    handler: async (req, reply) => reply.code(201).send(await cards.createReportCard(db(req), actorOf(req), metaOf(req), req.params.id, req.body)),
  });
  app.get('/strategy/report-cards/:id', {
    schema: { tags, summary: 'A report card', params: s.IdParams, response: { 200: s.ReportCardSchema, 404: ProblemSchema } },
    handler: async (req) => cards.getReportCard(db(req), actorOf(req), req.params.id),
  });
  app.patch('/strategy/report-cards/:id', {
    schema: { tags, summary: "Edit a draft report card's highlights and next-year texts", params: s.IdParams, body: s.UpdateReportCardBody, response: { 200: s.ReportCardSchema, ...P } },
    handler: async (req) => cards.updateReportCard(db(req), actorOf(req), metaOf(req), req.params.id, req.body),
  });
  app.post('/strategy/report-cards/:id/publish', {
    schema: { tags, summary: 'Publish: freeze the report card as a versioned snapshot', params: s.IdParams, body: z.object({ version: z.number().int().min(1) }).strict(), response: { 200: s.ReportCardSchema, ...P } },
    handler: async (req) => cards.publishReportCard(db(req), actorOf(req), metaOf(req), req.params.id, req.body.version),
  });
  app.post('/strategy/report-cards/:id/new-version', {
    schema: { tags, summary: 'Start the next version of a published report card', params: s.IdParams, response: { 201: s.ReportCardSchema, ...P } },
    handler: async (req, reply) => reply.code(201).send(await cards.newReportCardVersion(db(req), actorOf(req), metaOf(req), req.params.id)),
  });
  app.get('/strategy/report-cards/:id/pdf', {
    schema: { tags, summary: 'The report card as PDF (English or French)', params: s.IdParams, querystring: LangQuery, response: { 200: z.any().describe('application/pdf'), 404: ProblemSchema } },
    handler: async (req, reply) => {
      const card = await cards.getReportCard(db(req), actorOf(req), req.params.id);
      return sendPdf(reply, card, req.query.lang);
    },
  });
  app.get('/strategy/public/report-cards/:id', {
    config: { public: true },
    schema: { tags, summary: 'A published report card, where the plan is shared by public link', params: s.IdParams, response: { 200: s.ReportCardSchema, 404: ProblemSchema } },
    handler: async (req) => readPublic(req.server.database, (d) => cards.getReportCard(d, null, req.params.id, true)),
  });
  app.get('/strategy/public/report-cards/:id/pdf', {
    config: { public: true },
    schema: { tags, summary: 'A published report card as PDF', params: s.IdParams, querystring: LangQuery, response: { 200: z.any().describe('application/pdf'), 404: ProblemSchema } },
    handler: async (req, reply) => sendPdf(reply, await readPublic(req.server.database, (d) => cards.getReportCard(d, null, req.params.id, true)), req.query.lang),
  });

  // templates and comparison
  app.get('/strategy/templates', {
    schema: { tags, summary: 'Published plan templates', response: { 200: s.TemplateListSchema } },
    handler: async (req) => service.listTemplates(db(req)),
  });
  app.post('/strategy/plans/:id/template', {
    schema: { tags, summary: "Publish a plan's structure and measures as a template", params: s.IdParams, body: s.PublishTemplateBody, response: { 201: s.TemplateSchema, ...P } },
    handler: async (req, reply) => reply.code(201).send(await service.publishTemplate(db(req), actorOf(req), metaOf(req), req.params.id, req.body)),
  });
  app.post('/strategy/templates/:id/clone', {
    schema: { tags, summary: 'Start a plan from a template, for a collaborative you coordinate', params: s.IdParams, body: s.CloneTemplateBody, response: { 201: s.PlanSchema, ...P } },
    handler: async (req, reply) => reply.code(201).send(await service.cloneTemplate(db(req), actorOf(req), metaOf(req), req.params.id, req.body)),
  });
  app.get('/strategy/templates/:id/comparison', {
    schema: { tags, summary: 'Plans built from the template, side by side on its measures', params: s.IdParams, response: { 200: s.ComparisonSchema, 404: ProblemSchema } },
    handler: async (req) => service.compareTemplate(db(req), actorOf(req), req.params.id),
  });

  // theory of change
  app.get('/strategy/plans/:id/theory-of-change', {
    schema: { tags, summary: 'Theory of change: long-term outcome, preconditions and actions as a graph', params: s.IdParams, response: { 200: s.TocSchema, 404: ProblemSchema } },
    handler: async (req) => service.theoryOfChange(db(req), actorOf(req), req.params.id),
  });
  app.post('/strategy/plans/:id/theory-of-change/nodes', {
    schema: { tags, summary: 'Add an outcome, precondition or action node', params: s.IdParams, body: s.TocNodeBody, response: { 201: s.TocSchema, ...P } },
    handler: async (req, reply) => reply.code(201).send(await service.addTocNode(db(req), actorOf(req), metaOf(req), req.params.id, req.body)),
  });
  app.delete('/strategy/plans/:id/theory-of-change/nodes/:nodeId', {
    schema: { tags, summary: 'Remove a node and its links', params: z.object({ id: uuid, nodeId: uuid }), response: { 200: s.TocSchema, ...P } },
    handler: async (req) => service.removeTocNode(db(req), actorOf(req), metaOf(req), req.params.id, req.params.nodeId),
  });
  app.post('/strategy/plans/:id/theory-of-change/edges', {
    schema: { tags, summary: 'Link a node to the one it leads to; circular links are refused', params: s.IdParams, body: s.TocEdgeBody, response: { 201: s.TocSchema, ...P } },
    handler: async (req, reply) => reply.code(201).send(await service.addTocEdge(db(req), actorOf(req), metaOf(req), req.params.id, req.body.from, req.body.to)),
  });
  app.delete('/strategy/plans/:id/theory-of-change/edges', {
    schema: { tags, summary: 'Remove a link', params: s.IdParams, querystring: s.TocEdgeBody, response: { 200: s.TocSchema, ...P } },
    handler: async (req) => service.removeTocEdge(db(req), actorOf(req), metaOf(req), req.params.id, req.query.from, req.query.to),
  });
}

async function sendPdf(reply: import('fastify').FastifyReply, card: Awaited<ReturnType<typeof cards.getReportCard>>, lang: 'en' | 'fr') {
  const pdf = await reportCardPdf(card.content as unknown as ReportContent, lang, { reportVersion: card.reportVersion, status: card.status, publishedAt: card.publishedAt });
  return reply
    .type('application/pdf')
    .header('content-disposition', `inline; filename="report-card-${card.year}-v${card.reportVersion}-${lang}.pdf"`)
    .send(pdf);
}
