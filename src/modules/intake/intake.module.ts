import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModuleManifest } from '../../core/module';
import { intakeRoutes } from './intake.routes';
import { seedIntake } from './intake.seeds';
import { intakeCli } from './intake.cli';
import { fhirRoutes } from './fhir/fhir.routes';
import { bindDatabase, checkEncryptionKeys, keyring, useEncryptionConfig } from './intake.crypto';
import { startFollowUpSweep, stopFollowUpSweep } from './intake.follow-ups';

const here = path.dirname(fileURLToPath(import.meta.url));

/** No Wrong Door: common intake, consent, warm closed-loop referrals, shared plans (docs/intake.md). */
export const intakeModule: ModuleManifest = {
  name: 'intake',
  migrationsDir: path.join(here, 'migrations'),
  routes: intakeRoutes,
  seed: seedIntake,
  cli: intakeCli,
  mounts: [{ prefix: '/fhir', routes: fhirRoutes }],
  startupCheck: checkEncryptionKeys,
  init: async ({ database, config }) => {
    // The field-encryption key: the app's settings and its database, handed over before any
    // route is registered (never during route registration).
    if (config) useEncryptionConfig(config);
    bindDatabase(database);
    try {
      keyring();
    } catch (e) {
      // Other modules keep working; every intake route that touches client data fails until the key is set.
      console.error(`intake: ${(e as Error).message}`);
    }
    startFollowUpSweep(database);
  },
  close: async ({ database }) => stopFollowUpSweep(database),
};
