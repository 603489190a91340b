import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModuleManifest } from './module';
import { auditRoutes } from './audit/audit.routes';
import { auditCli, startSealer, stopSealer } from './audit/audit.chain';
import { geographyRoutes } from './geography/geography.routes';
import { seedGeography } from './geography/geography.seeds';
import { organizationRoutes } from './organizations/organizations.routes';
import { seedOrganizations } from './organizations/organizations.seeds';
import { moveVersionPastRestore } from './organizations/organizations.service';
import { accountRoutes } from './accounts/accounts.routes';
import { seedAccounts } from './accounts/accounts.seeds';
import { apiClientRoutes } from './api-clients/api-clients.routes';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = (name: string) => path.join(here, name, 'migrations');

/** The shared core, in dependency order: every domain module may call these. */
export const coreModules: ModuleManifest[] = [
  { name: 'platform', migrationsDir: dir('db') },
  { name: 'audit', migrationsDir: dir('audit'), routes: auditRoutes, cli: auditCli },
  { name: 'geography', migrationsDir: dir('geography'), routes: geographyRoutes, seed: seedGeography },
  { name: 'organizations', migrationsDir: dir('organizations'), routes: organizationRoutes, seed: seedOrganizations, afterRestore: moveVersionPastRestore },
  { name: 'accounts', migrationsDir: dir('accounts'), routes: accountRoutes, seed: seedAccounts },
  { name: 'api-clients', migrationsDir: dir('api-clients'), routes: apiClientRoutes },
];

/**
 * Runs after every module's migrations: seals the append-only logs (the core's audit log and
 * the modules' access logs) with a hash chain, in batches after commit, about every second
 * while a server runs. See docs/privacy.md "The audit chain".
 */
export const auditChainModule: ModuleManifest = {
  name: 'audit-chain',
  migrationsDir: path.join(here, 'audit', 'chain'),
  init: async ({ database }) => startSealer(database),
  close: async ({ database }) => stopSealer(database),
};
