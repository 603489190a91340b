import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModuleManifest } from '../../core/module';
import { assessmentsRoutes } from './assessments.routes';
import { seedAssessments } from './assessments.seeds';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Assessments: partner integration and collaboration factors, round over round (docs/assessments.md). */
export const assessmentsModule: ModuleManifest = {
  name: 'assessments',
  migrationsDir: path.join(here, 'migrations'),
  routes: assessmentsRoutes,
  seed: seedAssessments,
};
