import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModuleManifest } from '../../core/module';

const here = path.dirname(fileURLToPath(import.meta.url));

export const dataModule: ModuleManifest = {
  name: 'data',
  migrationsDir: path.join(here, 'migrations'),
};
