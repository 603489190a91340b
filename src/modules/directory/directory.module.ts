import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModuleManifest } from '../../core/module';
import { seedDirectory } from './directory.seeds';
import { directoryRoutes } from './directory.routes';
import { hsdsRoutes } from './directory.hsds.routes';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The service directory: HSDS 3.0 data, the public finder and the HSDS API. */
export const directoryModule: ModuleManifest = {
  name: 'directory',
  migrationsDir: path.join(here, 'migrations'),
  routes: directoryRoutes,
  mounts: [{ prefix: '/hsds', routes: hsdsRoutes }],
  seed: seedDirectory,
};
