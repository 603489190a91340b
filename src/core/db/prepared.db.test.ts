import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase } from '../../../test/helpers/test-db';
import { preparedRowsOf, rowsOf, type Database } from './database';

let database: Database & { drop(): Promise<void> };
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const onPostgres = !!process.env.DATABASE_URL;
const query = (id: string) => sql`SELECT id, legal_name, created_at, ${id}::uuid = id AS chosen FROM organizations WHERE id = ${id}::uuid`;

describe('prepared statements for hot queries', () => {
  it('answers exactly what the same statement answers unprepared (types included)', async () => {
    const [org] = await rowsOf<{ id: string }>(database.db, sql`SELECT id FROM organizations ORDER BY legal_name LIMIT 1`);
    const plain = await rowsOf(database.db, query(org.id));
    const prepared = await preparedRowsOf(database.db, query(org.id));
    expect(prepared).toEqual(plain);
    expect(prepared).toHaveLength(1);
    expect(typeof (prepared[0] as { created_at: unknown }).created_at).toBe(typeof (plain[0] as { created_at: unknown }).created_at);
  });

  it('keeps one statement per text on the connection, with new values each time, inside a transaction', async () => {
    const orgs = await rowsOf<{ id: string }>(database.db, sql`SELECT id FROM organizations ORDER BY legal_name LIMIT 3`);
    await database.db.transaction(async (tx) => {
      for (const o of orgs) expect((await preparedRowsOf<{ id: string }>(tx, query(o.id)))[0].id).toBe(o.id);
      // Another text is another statement, not a clash with the first one's name.
      expect(await preparedRowsOf(tx, sql`SELECT ${orgs[0].id}::uuid AS id, 1 AS n`)).toEqual([{ id: orgs[0].id, n: 1 }]);
      if (onPostgres) {
        const names = await rowsOf<{ name: string }>(tx, sql`SELECT name FROM pg_prepared_statements WHERE name LIKE 'rt\\_%'`);
        expect(names.length).toBeGreaterThanOrEqual(2);
      }
    });
  });
});
