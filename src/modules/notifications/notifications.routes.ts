import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf, metaOf } from '../../core/http/request';
import { ProblemSchema } from '../../core/http/problem.schema';
import * as s from './notifications.schema';
import * as service from './notifications.service';

const P = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

export async function notificationsRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Notifications'];
  const db = (req: { server: FastifyInstance }) => req.server.database;
  const emailAvailable = (req: { server: FastifyInstance }) => !!req.server.config.smtp;

  app.get('/notifications', {
    schema: { tags, summary: 'My notices, newest first, with the unread count', querystring: s.ListQuery, response: { 200: s.NotificationListSchema, ...P } },
    handler: async (req) => service.listNotifications(db(req), actorOf(req), req.query),
  });
  app.get('/notifications/unread-count', {
    schema: { tags, summary: 'How many of my notices are unread (the bell)', response: { 200: s.UnreadCountSchema, ...P } },
    handler: async (req) => service.unreadCount(db(req), actorOf(req)),
  });
  app.post('/notifications/:id/read', {
    schema: { tags, summary: 'Mark one of my notices read', params: s.IdParams, response: { 200: s.NotificationSchema, ...P } },
    handler: async (req) => service.markRead(db(req), actorOf(req), metaOf(req), req.params.id),
  });
  app.post('/notifications/read-all', {
    schema: { tags, summary: 'Mark all my notices read (up to `before`, what I saw)', body: s.MarkAllBody, response: { 200: s.MarkAllResult, ...P } },
    handler: async (req) => service.markAllRead(db(req), actorOf(req), metaOf(req), req.body.before),
  });
  app.get('/notifications/settings', {
    schema: { tags, summary: 'My notification settings (e-mail copies)', response: { 200: s.SettingsSchema, ...P } },
    handler: async (req) => service.getSettings(db(req), actorOf(req), emailAvailable(req)),
  });
  app.put('/notifications/settings', {
    schema: { tags, summary: 'Turn e-mail copies of my notices on or off', body: s.SettingsBody, response: { 200: s.SettingsSchema, ...P } },
    handler: async (req) => service.saveSettings(db(req), actorOf(req), metaOf(req), req.body.emailEnabled, emailAvailable(req)),
  });
}
