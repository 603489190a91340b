#!/usr/bin/env node
// Part of `npm run build`: saves an empty, migrated embedded database as dist/database-template.tar
// so a first start on a new data directory skips initdb and the migrations (src/core/db/template.ts).
// Does nothing when the template on disk was made from the same migrations and PGlite release.
import { register } from 'tsx/esm/api';

register();
const started = Date.now();
const { buildTemplate, templateIsCurrent } = await import('../src/core/db/template.ts');
if (!templateIsCurrent()) {
  try {
    const { migrationSources } = await import('../src/core/db/lifecycle.ts');
    const { allModules } = await import('../src/modules/index.ts');
    await buildTemplate(migrationSources(allModules));
    console.log(`database template built in ${Date.now() - started} ms`);
  } catch (err) {
    console.error(`Could not build the database template: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
