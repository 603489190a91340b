import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/core/db/database';
import { migrateModules, seedModules } from '../../src/core/db/lifecycle';
import { allModules } from '../../src/modules';
import { currentTemplate } from '../../src/core/db/template';
import { serverDatabase } from './postgres-server';
import { useTestEncryptionKey } from './test-key';

/**
 * Builds one migrated, seeded database and lets every test file start from a copy of it,
 * instead of migrating and seeding (hashing demo passwords included) once per file.
 * - PGlite: a data directory saved as a tarball; a file loads it in well under a second.
 * - PostgreSQL (TEST_DATABASE_URL): a template database; a file runs CREATE DATABASE … TEMPLATE,
 *   a copy of its pages (0.44 s against 3.99 s to migrate and seed).
 */
export default async function setup(project: TestProject) {
  useTestEncryptionKey();
  if (process.env.TEST_DATABASE_URL) return setupPostgresTemplate(project, process.env.TEST_DATABASE_URL);
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
  project.provide('postgresTemplate', '');
  return () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
}

async function setupPostgresTemplate(project: TestProject, serverUrl: string) {
  const template = serverDatabase(serverUrl, `rt_template_${crypto.randomBytes(6).toString('hex')}`);
  await template.create();
  try {
    const database = await openDatabase({ databaseUrl: template.url });
    try {
      await migrateModules(database, allModules);
      await seedModules(database, allModules, { demo: true });
    } finally {
      await database.close(); // a template must have no connections while it is copied
    }
  } catch (err) {
    await template.drop();
    throw err;
  }
  project.provide('postgresTemplate', template.name);
  project.provide('pgliteTemplate', '');
  return () => template.drop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string;
  }
}
