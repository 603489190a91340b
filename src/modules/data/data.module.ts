import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModuleManifest } from '../../core/module';
import { dataRoutes } from './data.routes';
import { seedData } from './data.seeds';
import { dataCli } from './data.cli';
import { dataErrorCodes } from './data.errors';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The community data repository: indicator catalogue, observations, imports, maps, dashboards. */
export const dataModule: ModuleManifest = {
  name: 'data',
  migrationsDir: path.join(here, 'migrations'),
  routes: dataRoutes,
  seed: seedData,
  cli: dataCli,
  errorCodes: dataErrorCodes,
};
