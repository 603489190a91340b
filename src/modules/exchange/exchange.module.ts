import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModuleManifest } from '../../core/module';
import { exchangeRoutes, wellKnownRoutes } from './exchange.routes';
import { seedExchange } from './exchange.seeds';
import { exchangeCli } from './exchange.cli';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Knowledge exchange across partnerships: networks, share grants, templates, practices, signed files (docs/exchange.md). */
export const exchangeModule: ModuleManifest = {
  name: 'exchange',
  migrationsDir: path.join(here, 'migrations'),
  routes: exchangeRoutes,
  mounts: [{ prefix: '/.well-known', routes: wellKnownRoutes }],
  seed: seedExchange,
  cli: exchangeCli,
  errorCodes: ['exchange.signature_invalid'],
};
