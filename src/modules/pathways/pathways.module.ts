import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModuleManifest } from '../../core/module';
import { pathwaysRoutes } from './pathways.routes';
import { seedPathways } from './pathways.seeds';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Service pathways: ideal paths, observed flows, workshops, public "what to expect" pages (docs/pathways.md). */
export const pathwaysModule: ModuleManifest = {
  name: 'pathways',
  migrationsDir: path.join(here, 'migrations'),
  routes: pathwaysRoutes,
  seed: seedPathways,
};
