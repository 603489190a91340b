import crypto from 'node:crypto';
import fs from 'node:fs';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/core/db/database';
import { serverDatabase } from './postgres-server';
import { useTestEncryptionKey } from './test-key';

// The demo clients of the template (global setup) are sealed with the test key, not a key file in ./data.
useTestEncryptionKey();

/**
 * A fresh, migrated database with the demo data, private to the calling test file: a copy of
 * the one the project's global setup built (test/helpers/global-setup.ts). PGlite by default; a
 * new database on the server named by TEST_DATABASE_URL otherwise.
 */
export async function createTestDatabase(): Promise<Database & { drop(): Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const tar = fs.readFileSync(inject('pgliteTemplate'));
    const database = await openDatabase({ memory: true, loadDataDir: new Blob([tar]) });
    return Object.assign(database, { drop: () => database.close() });
  }
  // The project's global setup migrated and seeded a template database once; a copy is the same.
  const template = inject('postgresTemplate');
  if (!template) throw new Error('No PostgreSQL template database: run the tests through the db project, whose global setup (test/helpers/global-setup.ts) builds it');
  const own = serverDatabase(serverUrl, `rt_test_${crypto.randomBytes(6).toString('hex')}`);
  await own.create(template);
  const database = await openDatabase({ databaseUrl: own.url });
  return Object.assign(database, {
    drop: async () => {
      await database.close();
      await own.drop();
    },
  });
}
