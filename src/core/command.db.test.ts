import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase } from '../../test/helpers/test-db';
import { rowsOf, type Database } from './db/database';
import { systemActor } from './accounts/actor';
import { runCommand } from './command';
import { arrayParam } from './db/params';

let database: Database & { drop(): Promise<void> };
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const ctx = () => ({ database, actor: systemActor('test'), meta: { requestId: 'cmd-test' } });
const auditCount = async (action: string) =>
  (await rowsOf<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM audit_events WHERE action = ${action}`))[0].n;

describe('runCommand', () => {
  it('writes the audit entries the work returns, in the same transaction', async () => {
    const result = await runCommand(ctx(), async () => ({
      result: 42,
      audit: [
        { action: 'test.command', entityType: 'test', entityId: 'a' },
        { action: 'test.command', entityType: 'test', entityId: 'b' },
      ],
    }));
    expect(result).toBe(42);
    expect(await auditCount('test.command')).toBe(2);
  });

  it('rolls back the change and writes no audit row when the work fails', async () => {
    await database.query('CREATE TABLE IF NOT EXISTS cmd_probe (id int)');
    await expect(
      runCommand(ctx(), async (tx) => {
        await tx.execute(sql`INSERT INTO cmd_probe VALUES (1)`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await database.query<{ n: number }>('SELECT count(*)::int AS n FROM cmd_probe'))[0].n).toBe(0);
    expect(await auditCount('test.failed')).toBe(0);
  });

  it('refuses work that records no audit entry, and keeps nothing', async () => {
    await expect(
      runCommand(ctx(), async (tx) => {
        await tx.execute(sql`INSERT INTO cmd_probe VALUES (2)`);
        return { result: null, audit: [] };
      }),
    ).rejects.toThrow(/audit entry/);
    expect((await database.query<{ n: number }>('SELECT count(*)::int AS n FROM cmd_probe'))[0].n).toBe(0);
  });
});

describe('arrayParam', () => {
  it('binds a list as one parameter: commas and quotes inside values stay inside', async () => {
    const values = ['a,b', "c'd", 'e'];
    const rows = await rowsOf<{ x: string }>(database.db, sql`SELECT x FROM unnest(${arrayParam(values, 'text')}) AS x`);
    expect(rows.map((r) => r.x)).toEqual(values);
  });

  it('handles an empty list', async () => {
    const rows = await rowsOf<{ n: number }>(database.db, sql`SELECT cardinality(${arrayParam([], 'uuid')}) AS n`);
    expect(rows[0].n).toBe(0);
  });
});
