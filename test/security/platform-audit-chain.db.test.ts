import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, demo, type TestApp } from '../helpers/test-app';
import { sealChains, verifyAllChains, verifyChain } from '../../src/core/audit/audit.chain';
import { commands } from '../../src/cli/commands';
import { silentProgress } from '../../src/core/db/backup';
import { rotateKeys } from '../../src/modules/intake/intake.rotate';
import { openDatabase } from '../../src/core/db/database';
import { recordAudit } from '../../src/core/audit/audit.service';
import { systemActor } from '../../src/core/accounts/actor';

/**
 * Finding 13: every audit and access-log row carries the hash of the row before it, given by
 * the sealer after commit (audit-chain/0020); `roundtable audit verify` names the first
 * broken sealed row and counts the unsealed tail; key rotations are audited; on PostgreSQL the
 * application's role owns no audit table and cannot lift its triggers.
 */
let t: TestApp;
const ctx = () => ({ database: t.database, log: () => {}, progress: silentProgress });

beforeAll(async () => {
  t = await createTestApp();
  const admin = await t.login(demo.admin);
  await admin.post('/api/v1/organizations', { legalName: 'Chain Test Org' });
  await t.database.query(`INSERT INTO intake_access_log (client_id, actor_label, action, purpose) VALUES (gen_random_uuid(), 'test', 'read', 'care'), (gen_random_uuid(), 'test', 'read', 'care'), (gen_random_uuid(), 'test', 'read', 'care')`);
  await sealChains(t.database);
});
afterAll(() => t.close());

describe('the hash chain', () => {
  it('links every row of both logs to the one before it, and verifies intact', async () => {
    const rows = await t.database.query<{ chain_position: string; prev_hash: string | null; row_hash: string }>(`SELECT chain_position::text, prev_hash, row_hash FROM audit_events ORDER BY audit_events.chain_position`);
    expect(rows.length).toBeGreaterThan(3);
    for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash).toBe(rows[i - 1].row_hash);
    const reports = await verifyAllChains(t.database);
    expect(reports.map((r) => r.table).sort()).toEqual(['audit_events', 'intake_access_log']);
    for (const r of reports) expect(r.broken, r.table).toBeUndefined();
    expect(await commands['audit.verify'](ctx(), {} as never)).toMatch(/audit_events: \d+ rows, chain intact/);
  });

  it('a new row is written unsealed; verify counts it without verifying it, and the sealer chains it after the head', async () => {
    await recordAudit(t.database.db, systemActor('test'), {}, { action: 'test.unsealed', entityType: 'thing' });
    const [row] = await t.database.query<{ id: string; row_hash: string | null; chain_position: string | null }>(`SELECT id::text, row_hash, chain_position::text FROM audit_events WHERE action = 'test.unsealed'`);
    // The background sealer may have passed already; if not, the row is the unsealed tail.
    if (row.row_hash === null) {
      expect(row.chain_position).toBeNull();
      const before = await verifyChain(t.database, 'audit_events');
      expect(before.broken).toBeUndefined();
      expect(before.unsealed).toBeGreaterThanOrEqual(1);
    }
    await sealChains(t.database);
    const after = await verifyChain(t.database, 'audit_events');
    expect(after).toMatchObject({ unsealed: 0, broken: undefined });
    const [sealed] = await t.database.query<{ chain_position: string; prev_hash: string; row_hash: string }>(`SELECT chain_position::text, prev_hash, row_hash FROM audit_events WHERE id = ${row.id}`);
    const [prev] = await t.database.query<{ row_hash: string }>(`SELECT row_hash FROM audit_events WHERE chain_position = ${Number(sealed.chain_position) - 1}`);
    expect(sealed.prev_hash).toBe(prev.row_hash);
    expect(after.headHash).toBe((await t.database.query<{ hash: string }>(`SELECT hash FROM audit_chain_heads WHERE chain = 'audit_events'`))[0].hash);
  });

  it('the append-only guard refuses any change to an unsealed row other than sealing it, and any change to a sealed one', async () => {
    await t.database.query(`INSERT INTO audit_events (actor_label, action, entity_type) VALUES ('guard', 'test.guard', 'thing')`);
    await expect(t.database.query(`UPDATE audit_events SET actor_label = 'other' WHERE action = 'test.guard'`)).rejects.toThrow(/append-only/);
    await expect(t.database.query(`UPDATE audit_events SET actor_label = 'other', chain_position = 999999, row_hash = 'x' WHERE action = 'test.guard'`)).rejects.toThrow(/append-only/);
    await expect(t.database.query(`DELETE FROM audit_events WHERE action = 'test.guard'`)).rejects.toThrow(/append-only/);
    await sealChains(t.database);
    await expect(t.database.query(`UPDATE audit_events SET row_hash = NULL, chain_position = NULL, prev_hash = NULL WHERE action = 'test.guard'`)).rejects.toThrow(/append-only/);
    await expect(t.database.query(`UPDATE intake_access_log SET purpose = 'other' WHERE id = (SELECT max(id) FROM intake_access_log)`)).rejects.toThrow(/append-only/);
  });

  it('on PostgreSQL, a writer does not wait for another uncommitted audited transaction (no database-wide lock)', async () => {
    if (t.database.kind !== 'postgres') return;
    const [{ db }] = await t.database.query<{ db: string }>('SELECT current_database() AS db');
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${db}`;
    const a = new pg.Client({ connectionString: url.toString() });
    const b = new pg.Client({ connectionString: url.toString() });
    await a.connect();
    await b.connect();
    try {
      await a.query('BEGIN');
      await a.query(`INSERT INTO audit_events (actor_label, action, entity_type) VALUES ('a', 'test.concurrent', 'thing')`);
      await a.query(`INSERT INTO intake_access_log (client_id, actor_label, action, purpose) VALUES (gen_random_uuid(), 'a', 'read', 'care')`);
      await b.query(`SET statement_timeout = '2s'`);
      await b.query(`INSERT INTO audit_events (actor_label, action, entity_type) VALUES ('b', 'test.concurrent', 'thing')`);
      await b.query(`INSERT INTO intake_access_log (client_id, actor_label, action, purpose) VALUES (gen_random_uuid(), 'b', 'read', 'care')`);
      // A seal while A is open chains B's committed rows and leaves A's for later.
      await sealChains(t.database);
      await a.query('COMMIT');
    } finally {
      await a.end();
      await b.end();
    }
    await sealChains(t.database);
    for (const r of await verifyAllChains(t.database)) expect(r, r.table).toMatchObject({ unsealed: 0, broken: undefined });
    const order = await t.database.query<{ actor_label: string }>(`SELECT actor_label FROM audit_events WHERE action = 'test.concurrent' ORDER BY chain_position`);
    expect(order.map((r) => r.actor_label)).toEqual(['b', 'a']);
  });

  it('a key rotation is itself an audit event of the chain', async () => {
    await rotateKeys(t.database, { dryRun: false });
    await sealChains(t.database);
    const [last] = await t.database.query<{ action: string }>(`SELECT action FROM audit_events ORDER BY chain_position DESC LIMIT 1`);
    expect(last.action).toBe('intake.rotate_keys');
    expect((await verifyChain(t.database, 'audit_events')).broken).toBeUndefined();
  });

  it('names a removed access-log row by the row that followed it', async () => {
    const [victim, next] = await t.database.query<{ id: string }>(`SELECT id::text FROM intake_access_log ORDER BY chain_position DESC LIMIT 2`).then((r) => [r[1], r[0]]);
    await t.database.script(`ALTER TABLE intake_access_log DISABLE TRIGGER intake_access_log_no_update; DELETE FROM intake_access_log WHERE id = ${victim.id}; ALTER TABLE intake_access_log ENABLE TRIGGER intake_access_log_no_update;`);
    const report = await verifyChain(t.database, 'intake_access_log');
    expect(report.broken?.id).toBe(next.id);
  });

  it('names an edited audit row, and the verify command fails with one line naming it', async () => {
    const [victim] = await t.database.query<{ id: string }>(`SELECT id::text FROM audit_events ORDER BY chain_position LIMIT 1 OFFSET 2`);
    await t.database.script(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete; UPDATE audit_events SET actor_label = 'someone else' WHERE id = ${victim.id}; ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete;`);
    const report = await verifyChain(t.database, 'audit_events');
    expect(report.broken).toMatchObject({ id: victim.id, reason: expect.stringMatching(/changed/) });
    await expect(commands['audit.verify'](ctx(), {} as never)).rejects.toThrow(new RegExp(`audit_events: BROKEN at row id ${victim.id}\\b`));
  });

  it('refuses a row inserted with a forged hash outside a restore (the trigger drops it; the sealer seals the row itself)', async () => {
    await t.database.query(`INSERT INTO audit_events (actor_label, action, entity_type, chain_position, prev_hash, row_hash) VALUES ('forger', 'x', 'y', 1, NULL, 'beef')`);
    const [written] = await t.database.query<{ row_hash: string | null }>(`SELECT row_hash FROM audit_events WHERE actor_label = 'forger'`);
    expect(written.row_hash).not.toBe('beef');
    await sealChains(t.database);
    const [row] = await t.database.query<{ row_hash: string; chain_position: string }>(`SELECT row_hash, chain_position::text FROM audit_events WHERE actor_label = 'forger'`);
    expect(row.row_hash).not.toBe('beef');
    expect(Number(row.chain_position)).toBeGreaterThan(1);
  });
});

describe('on PostgreSQL, the application role owns no audit table', () => {
  it('can append and read, but not update, delete, truncate or lift the triggers', async () => {
    if (t.database.kind !== 'postgres') return;
    const role = `rt_app_${crypto.randomBytes(4).toString('hex')}`;
    await t.database.query(`CREATE ROLE ${role} LOGIN`);
    try {
      expect(await commands['audit.grant-app-role'](ctx(), { role, print: false } as never)).toMatch(/only append/);
      const [{ db }] = await t.database.query<{ db: string }>('SELECT current_database() AS db');
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.username = role;
      url.pathname = `/${db}`;
      const app = await openDatabase({ databaseUrl: url.toString() });
      try {
        await recordAudit(app.db, systemActor('app role'), {}, { action: 'test.append', entityType: 'thing' });
        await app.query(`INSERT INTO intake_access_log (client_id, actor_label, action, purpose) VALUES (gen_random_uuid(), 'app', 'read', 'care')`);
        expect((await app.query(`SELECT count(*)::int AS n FROM audit_events`)).length).toBe(1);
        // The server's sealer runs as the application role: the seal function has the owner's rights.
        await sealChains(app);
        expect(await app.query(`SELECT id FROM audit_events WHERE row_hash IS NULL`)).toEqual([]);
        for (const attempt of [
          `UPDATE audit_events SET action = 'x'`,
          `DELETE FROM audit_events`,
          `TRUNCATE audit_events`,
          `ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete`,
          `ALTER TABLE intake_access_log DISABLE TRIGGER ALL`,
          `DROP TRIGGER audit_events_chain ON audit_events`,
          `UPDATE audit_chain_heads SET hash = NULL`,
          `DELETE FROM intake_access_log`,
        ]) {
          await expect(app.query(attempt), attempt).rejects.toThrow(/permission|must be owner|append-only/);
        }
      } finally {
        await app.close();
      }
    } finally {
      const c = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await c.connect();
      const [{ db }] = (await t.database.query<{ db: string }>('SELECT current_database() AS db'));
      await t.database.query(`REASSIGN OWNED BY ${role} TO CURRENT_USER; DROP OWNED BY ${role}`).catch(() => undefined);
      await c.query(`DROP ROLE IF EXISTS ${role}`).catch(() => undefined);
      await c.end();
      void db;
    }
  });
});
