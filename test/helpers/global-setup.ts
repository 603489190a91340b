import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/core/db/database';
import { migrateModules, seedModules } from '../../src/core/db/lifecycle';
import { allModules } from '../../src/modules';
import { currentTemplate } from '../../src/core/db/template';
import { useTestEncryptionKey } from './test-key';

/**
 * Builds one migrated, seeded PGlite database and saves it as a tarball; each test file then
 * starts from a copy in well under a second instead of migrating and hashing demo passwords.
 * On the PostgreSQL pass (TEST_DATABASE_URL) each file creates its own database instead.
 */
export default async function setup(project: TestProject) {
  if (process.env.TEST_DATABASE_URL) return;
  useTestEncryptionKey();
  // From the build's migrated template when it is current (scripts/build-db-template.mjs): no initdb.
  const database = await openDatabase({ memory: true, loadDataDir: currentTemplate() });
  await migrateModules(database, allModules);
  await seedModules(database, allModules, { demo: true });
  const client = (database as unknown as { db: { $client: { dumpDataDir(c: string): Promise<Blob> } } }).db.$client;
  const blob = await client.dumpDataDir('none');
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rt-template-')), 'template.tar');
  fs.writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  await database.close();
  project.provide('pgliteTemplate', file);
  return () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}
