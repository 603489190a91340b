import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModuleManifest } from '../../core/module';
import { strategyRoutes } from './strategy.routes';
import { seedStrategy } from './strategy.seeds';
import { strategyCli } from './strategy.cli';
import { strategyErrorCodes } from './strategy.errors';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Strategy and results: plans, RBA measures, action plans, scorecards, report cards, templates. */
export const strategyModule: ModuleManifest = {
  name: 'strategy',
  migrationsDir: path.join(here, 'migrations'),
  routes: strategyRoutes,
  seed: seedStrategy,
  cli: strategyCli,
  errorCodes: strategyErrorCodes,
};
