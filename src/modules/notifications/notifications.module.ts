import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModuleManifest } from '../../core/module';
import { notificationsRoutes } from './notifications.routes';
import { startMailer, stopMailer } from './notifications.mailer';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The notification centre: notices of what happened while you were away, and their e-mail copies (docs/notifications.md). */
export const notificationsModule: ModuleManifest = {
  name: 'notifications',
  migrationsDir: path.join(here, 'migrations'),
  routes: notificationsRoutes,
  init: async ({ database, config }) => startMailer(database, config?.smtp),
  close: async ({ database }) => stopMailer(database),
};
