import fs from 'node:fs';
import crypto from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/core/db/database';
import { migrateModules, seedModules } from '../../src/core/db/lifecycle';
import { allModules } from '../../src/modules';
import { useTestEncryptionKey } from './test-key';

// Seeding on the PostgreSQL pass encrypts demo clients with the test key, not a key file in ./data.
useTestEncryptionKey();

/**
 * A fresh, migrated database with the demo data, private to the calling test file.
 * PGlite by default; a new database on the server named by TEST_DATABASE_URL otherwise.
 */
export async function createTestDatabase(): Promise<Database & { drop(): Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const tar = fs.readFileSync(inject('pgliteTemplate'));
    const database = await openDatabase({ memory: true, loadDataDir: new Blob([tar]) });
    return Object.assign(database, { drop: () => database.close() });
  }
  const name = `rt_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  // The project's global setup migrated and seeded a template database once; a copy is the same.
  const template = inject('postgresTemplate');
  await admin.query(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString() });
  if (!template) {
    await migrateModules(database, allModules);
    await seedModules(database, allModules, { demo: true });
  }
  return Object.assign(database, {
    drop: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  });
}
