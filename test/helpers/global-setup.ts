import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/core/db/database';
import { migrateModules, seedModules } from '../../src/core/db/lifecycle';
import { allModules } from '../../src/modules';
import { currentTemplate } from '../../src/core/db/template';
import { useTestEncryptionKey } from './test-key';

/**
 * Builds one migrated, seeded database and lets every test file start from a copy of it,
 * instead of migrating and seeding (hashing demo passwords included) once per file.
 * - PGlite: a data directory saved as a tarball; a file loads it in well under a second.
 * - PostgreSQL (TEST_DATABASE_URL): a template database; a file runs CREATE DATABASE … TEMPLATE,
 *   a copy of its pages (about 0.3 s against 3.5 s to migrate and seed).
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
  const name = `rt_template_${crypto.randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString() });
  await migrateModules(database, allModules);
  await seedModules(database, allModules, { demo: true });
  await database.close(); // a template must have no connections while it is copied
  project.provide('postgresTemplate', name);
  project.provide('pgliteTemplate', '');
  return () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string;
  }
}
