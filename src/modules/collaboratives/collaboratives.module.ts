import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModuleManifest } from '../../core/module';
import { collaborativeRoutes } from './collaboratives.routes';
import { calendarFeedRoutes, calendarRoutes } from './calendar/calendar.routes';
import { seedCollaboratives } from './collaboratives.seeds';
import { registerRoleScope } from '../../core/accounts/accounts.service';
import { collaborativeExists } from './collaboratives.service';

const here = path.dirname(fileURLToPath(import.meta.url));

export const collaborativesModule: ModuleManifest = {
  name: 'collaboratives',
  migrationsDir: path.join(here, 'migrations'),
  routes: async (app) => {
    await app.register(collaborativeRoutes);
    await app.register(calendarRoutes);
  },
  mounts: [{ prefix: '/calendar', routes: calendarFeedRoutes }],
  seed: seedCollaboratives,
};

registerRoleScope('collaborative', collaborativeExists);
