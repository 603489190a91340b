import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModuleManifest } from '../../core/module';
import { seedDirectory } from './directory.seeds';
import { directoryRoutes } from './directory.routes';
import { hsdsRoutes } from './directory.hsds.routes';
import { moveVersionPastRestore } from './repository/version';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The service directory: HSDS 3.0 data, the public finder and the HSDS API. */
export const directoryModule: ModuleManifest = {
  name: 'directory',
  migrationsDir: path.join(here, 'migrations'),
  routes: directoryRoutes,
  mounts: [{ prefix: '/hsds', routes: hsdsRoutes }],
  seed: seedDirectory,
  // The finder's answer cache keys by the directory's version; a restore must not take it back.
  afterRestore: moveVersionPastRestore,
};
