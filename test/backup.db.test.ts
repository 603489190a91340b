import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../src/core/db/database';
import { backupDatabase, restoreDatabase } from '../src/core/db/backup';
import { allModules } from '../src/modules';
import { createTestApp, demo, type TestApp } from './helpers/test-app';

let t: TestApp;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-backup-'));
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const snapshot = async (db: { query<T>(s: string): Promise<T[]> }) => ({
  organizations: await db.query<{ legal_name: string; alternate_names: string[]; phones: unknown; version: number }>(
    'SELECT legal_name, alternate_names, phones, version FROM organizations ORDER BY legal_name',
  ),
  users: await db.query<{ email: string; password_hash: string }>('SELECT email, password_hash FROM users ORDER BY email'),
  // The restore adds its own audit event on top of the restored ones.
  audit: await db.query<{ n: number; max: number }>("SELECT count(*)::int AS n, max(id)::int AS max FROM audit_events WHERE action <> 'platform.restore'"),
  geographies: await db.query<{ code: string; boundary: unknown }>('SELECT code, boundary FROM geographies ORDER BY code'),
  // The words organization search's near misses read (organizations migration 0004), once each.
  organizationWords: await db.query<{ pairs: number; words: number; distinct_words: number }>(
    'SELECT (SELECT count(*)::int FROM organization_name_words) AS pairs, (SELECT count(DISTINCT word)::int FROM organization_name_words) AS words, (SELECT count(*)::int FROM organization_words) AS distinct_words',
  ),
});

describe('backup and restore', { timeout: 120_000 }, () => {
  it('round-trips the whole database into a fresh embedded database, with no loss', async () => {
    const admin = await t.login(demo.admin);
    await admin.post('/api/v1/organizations', { legalName: 'Clarington Hub – Café “Accueil”', alternateNames: ['CHA', 'Hub'], phones: [{ number: '905-555-0199', type: 'voice' }] });
    const file = path.join(dir, 'one.ndjson.gz');
    const header = await backupDatabase(t.database, file);
    expect(header.tables.map((x) => x.name)).toContain('audit_events');
    expect(header.tables.map((x) => x.name)).not.toContain('sessions');
    const before = await snapshot(t.database);

    const target = await openDatabase({ memory: true });
    try {
      await restoreDatabase(target, allModules, file);
      expect(await snapshot(target)).toEqual(before);
      // Identity columns carry on after the restored ids, and the log stays append-only.
      await target.query(`INSERT INTO audit_events (actor_label, action, entity_type) VALUES ('test', 'test.after_restore', 'test')`);
      const [{ id }] = await target.query<{ id: number }>(`SELECT id::int FROM audit_events WHERE action = 'test.after_restore'`);
      expect(id).toBeGreaterThan(before.audit[0].max);
      await expect(target.query('DELETE FROM audit_events')).rejects.toThrow(/append-only/);
      // After the restore the words follow the names again.
      await target.query(`UPDATE organizations SET legal_name = 'Clarington Hub – Café Bienvenue' WHERE legal_name LIKE 'Clarington Hub%'`);
      const words = await target.query<{ word: string }>(`SELECT word FROM organization_name_words n JOIN organizations o ON o.id = n.organization_id WHERE o.legal_name LIKE 'Clarington Hub%' ORDER BY word`);
      expect(words.map((w) => w.word)).toEqual(['bienvenue', 'cafe', 'cha', 'clarington', 'hub']);
    } finally {
      await target.close();
    }
  });

  it('moves the directory and organizations versions past every number they had before the restore, so no answer kept in memory comes back', async () => {
    const version = async () => BigInt((await t.database.query<{ v: string }>('SELECT version::text AS v FROM directory_version'))[0].v);
    const find = async () => (await t.app.inject({ method: 'GET', url: '/api/v1/finder/services?q=restorable%20pantry' })).json() as { total: number };
    const file = path.join(dir, 'version.ndjson.gz');
    await backupDatabase(t.database, file);
    const atBackup = await version();
    // After the backup the directory changes and the finder caches the answer of the new data.
    const admin = await t.login(demo.admin);
    const [service] = await t.database.query<{ id: string; version: number }>(`SELECT id, version FROM directory_services ORDER BY name LIMIT 1`);
    expect((await admin.patch(`/api/v1/directory/services/${service.id}`, { version: service.version, name: 'Restorable pantry' })).statusCode).toBe(200);
    expect((await find()).total).toBe(1);
    const orgVersion = async () => BigInt((await t.database.query<{ v: string }>('SELECT version::text AS v FROM organizations_version'))[0].v);
    const orgSearch = async (as: Awaited<ReturnType<typeof t.login>>) => (await as.get('/api/v1/organizations?q=restorable%20collective')).json() as { total: number };
    expect((await admin.post('/api/v1/organizations', { legalName: 'Restorable Collective' })).statusCode).toBe(201);
    expect((await orgSearch(admin)).total).toBe(1);
    const orgsBeforeRestore = await orgVersion();
    const beforeRestore = await version();
    expect(beforeRestore).toBeGreaterThan(atBackup);
    // The running server's sealer holds its passes while the schema is rebuilt under it (it
    // used to log "function audit_chain_seal(...) does not exist" once a second meanwhile).
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const started = Date.now();
    await restoreDatabase(t.database, allModules, file, { force: true });
    await new Promise((r) => setTimeout(r, Math.max(0, 1500 - (Date.now() - started))));
    const sealingFailures = errors.mock.calls.filter((c) => String(c[0]).includes('sealing failed'));
    errors.mockRestore();
    expect(sealingFailures).toEqual([]);
    // The restored row held the backup's number, which the live directory had passed.
    expect(await version()).toBeGreaterThan(beforeRestore);
    expect((await find()).total).toBe(0);
    expect(await orgVersion()).toBeGreaterThan(orgsBeforeRestore);
    // Sessions are not in backups: sign in again.
    expect((await orgSearch(await t.login(demo.admin))).total).toBe(0);
  });

  it('refuses to overwrite a database with data unless forced, and keeps it intact', async () => {
    const file = path.join(dir, 'two.ndjson.gz');
    await backupDatabase(t.database, file);
    const before = await snapshot(t.database);
    await expect(restoreDatabase(t.database, allModules, file)).rejects.toThrow(/not empty.*--force/);
    expect(await snapshot(t.database)).toEqual(before);
  });

  it('rejects a file that is not a backup', async () => {
    const file = path.join(dir, 'junk.gz');
    fs.writeFileSync(file, 'not gzip at all');
    const target = await openDatabase({ memory: true });
    try {
      await expect(restoreDatabase(target, allModules, file)).rejects.toThrow(/not a Roundtable backup/);
    } finally {
      await target.close();
    }
  });
});

describe.runIf(!!process.env.TEST_DATABASE_URL)('across PGlite and PostgreSQL', () => {
  it('restores an embedded-database backup onto a PostgreSQL server', { timeout: 180_000 }, async () => {
    const { migrateModules, seedModules } = await import('../src/core/db/lifecycle');
    const { createTestDatabase } = await import('./helpers/test-db');
    const source = await openDatabase({ memory: true });
    await migrateModules(source, allModules);
    await seedModules(source, allModules, { demo: true });
    const file = path.join(dir, 'pglite.ndjson.gz');
    await backupDatabase(source, file);
    const expected = await snapshot(source);
    await source.close();
    const target = await createTestDatabase();
    try {
      await restoreDatabase(target, allModules, file, { force: true });
      expect(await snapshot(target)).toEqual(expected);
    } finally {
      await target.drop();
    }
  });
});
