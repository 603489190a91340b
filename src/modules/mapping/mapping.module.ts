import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModuleManifest } from '../../core/module';
import { mappingRoutes } from './mapping.routes';
import { seedMapping } from './mapping.seeds';
import { mappingCli } from './mapping.cli';
import { startSchedule, stopSchedule } from './mapping.feed';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Service mapping: who does what, where, for whom; gaps and overlaps as questions; snapshots (docs/mapping.md). */
export const mappingModule: ModuleManifest = {
  name: 'mapping',
  migrationsDir: path.join(here, 'migrations'),
  routes: mappingRoutes,
  seed: seedMapping,
  cli: mappingCli,
  init: async ({ database }) => startSchedule(database),
  close: async ({ database }) => stopSchedule(database),
};
