import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, metaOf } from '../../../core/http/request';
import { ProblemSchema } from '../../../core/http/problem.schema';
import { uuid } from '../../../shared/contracts';
import { Errors } from '../../../core/http/errors';
import * as calendar from './calendar.service';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };
const tags = ['Collaboratives'];
const origin = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

const CalendarLinkSchema = z.object({
  id: uuid.describe('The link'),
  collaborativeId: uuid,
  userId: uuid.describe('Whose calendar it feeds'),
  userName: z.string().describe('Their name'),
  createdAt: z.string().describe('When it was made'),
  actions: z.object({ 'calendar.link.revoke': z.boolean() }).describe('What the caller may do with it'),
});

/** Calendar links and single-meeting .ics files under /api/v1. */
export async function calendarRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: FastifyRequest) => ({ database: req.server.database, actor: actorOf(req), meta: metaOf(req) });

  app.get('/collaboratives/:id/meetings/:meetingId/meeting.ics', {
    schema: { tags, summary: 'The meeting as an iCalendar event (America/Toronto time zone, SEQUENCE, STATUS)', params: z.object({ id: uuid, meetingId: uuid }), response: { 200: z.any().describe('text/calendar'), ...errors } },
    handler: async (req, reply) => {
      const { id, meetingId } = req.params;
      const { text, startsAt } = await calendar.meetingIcs(req.server.database, actorOf(req), id, meetingId, (m) => `${origin(req)}/collaboratives/${id}/meetings/${m}`);
      return reply.type('text/calendar; charset=utf-8').header('content-disposition', `attachment; filename="meeting-${startsAt.slice(0, 10)}.ics"`).send(text);
    },
  });
  app.get('/collaboratives/:id/calendar-links', {
    schema: {
      tags,
      summary: 'Calendar subscription links: your own, or everyone’s for a manager (never the secret)',
      params: z.object({ id: uuid }),
      response: { 200: z.object({ items: z.array(CalendarLinkSchema), actions: z.object({ 'calendar.link.create': z.boolean(), 'calendar.link.list_all': z.boolean() }) }), ...errors },
    },
    handler: async (req) => calendar.listCalendarLinks(req.server.database, actorOf(req), req.params.id),
  });
  app.post('/collaboratives/:id/calendar-links', {
    schema: {
      tags,
      summary: 'A new personal calendar subscription link (shown once; replaces your earlier link)',
      params: z.object({ id: uuid }),
      response: { 201: z.object({ id: uuid, url: z.string().describe('The subscription address; keep it secret') }), ...errors },
    },
    handler: async (req, reply) => {
      const { id, path } = await calendar.createCalendarLink(ctx(req), req.params.id);
      return reply.code(201).send({ id, url: `${origin(req)}${path}` });
    },
  });
  app.delete('/collaboratives/:id/calendar-links/:linkId', {
    schema: { tags, summary: 'Revoke a calendar subscription link', params: z.object({ id: uuid, linkId: uuid }), response: { 200: z.object({ ok: z.literal(true) }), ...errors } },
    handler: async (req) => {
      await calendar.revokeCalendarLink(ctx(req), req.params.id, req.params.linkId);
      return { ok: true as const };
    },
  });
}

/** The subscription feed itself, at /calendar/<secret>.ics: calendar programs send no session. */
export async function calendarFeedRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get('/:file', {
    config: { public: true },
    schema: { tags, summary: 'A collaborative’s meetings as a subscribable iCalendar feed', params: z.object({ file: z.string().max(120) }), response: { 200: z.any().describe('text/calendar'), 404: ProblemSchema } },
    handler: async (req, reply) => {
      const token = req.params.file.endsWith('.ics') ? req.params.file.slice(0, -4) : '';
      if (!token) throw Errors.notFound('Calendar');
      const text = await calendar.subscribedCalendar(req.server.database, token, (c, m) => `${origin(req)}/collaboratives/${c}/meetings/${m}`);
      return reply.type('text/calendar; charset=utf-8').header('cache-control', 'private, max-age=300').send(text);
    },
  });
}
