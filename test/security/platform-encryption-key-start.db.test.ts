import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { createTestDatabase } from '../helpers/test-db';
import { TEST_ENCRYPTION_KEY, useTestEncryptionKey } from '../helpers/test-key';
import { checkEncryptionKeys, buildKeyring, KEY_FILE } from '../../src/modules/intake/intake.crypto';
import { backupDatabase, restoreDatabase } from '../../src/core/db/backup';
import { openDatabase, type Database } from '../../src/core/db/database';
import { allModules } from '../../src/modules';
import { startServer } from '../../src/server';

/**
 * Finding 8: a database whose client records were sealed under a key this server lacks must
 * refuse to start with one line naming the key id, never generate a new key with the same id.
 */
let database: Awaited<ReturnType<typeof createTestDatabase>>;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-keys-'));
const config = (env: Record<string, string>, dataDir = path.join(tmp, 'empty')) => ({ ...loadConfig({ ...env, DATA_DIR: dataDir } as NodeJS.ProcessEnv), demo: false });

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  useTestEncryptionKey();
  await database.drop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('starting without the key that sealed the records', () => {
  it('refuses on the embedded database without key file or variable, names the key id, and writes no new key', async () => {
    if (database.kind !== 'pglite') return;
    const dir = path.join(tmp, 'nokey');
    await expect(checkEncryptionKeys(database, config({}, dir))).rejects.toThrow(/encryption key k1\b.*Refusing to start/);
    expect(fs.existsSync(path.join(dir, KEY_FILE))).toBe(false);
  });

  it('refuses a different key under the same id, naming it', async () => {
    const other = crypto.randomBytes(32).toString('base64');
    await expect(checkEncryptionKeys(database, config({ ROUNDTABLE_ENCRYPTION_KEY: other, ROUNDTABLE_ENCRYPTION_KEY_ID: 'k1' }))).rejects.toThrow(/k1/);
  });

  it('starts with the right key, then remembers its fingerprint and still refuses an impostor', async () => {
    await checkEncryptionKeys(database, config({ ROUNDTABLE_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY }));
    const [row] = await database.query<{ value: Record<string, string> }>(`SELECT value FROM app_meta WHERE key = 'encryption_key_fingerprints'`);
    expect(Object.keys(row.value)).toEqual(['k1']);
    await expect(checkEncryptionKeys(database, config({ ROUNDTABLE_ENCRYPTION_KEY: crypto.randomBytes(32).toString('base64') }))).rejects.toThrow(/not the key k1/);
  });
});

describe('one key format', () => {
  it('accepts the key file line pasted into ROUNDTABLE_ENCRYPTION_KEY', async () => {
    const line = `k1:${TEST_ENCRYPTION_KEY}\n`;
    const k = buildKeyring(config({ ROUNDTABLE_ENCRYPTION_KEY: line.trim() }));
    expect(k.currentId).toBe('k1');
    expect(k.keys.get('k1')!.equals(Buffer.from(TEST_ENCRYPTION_KEY, 'base64'))).toBe(true);
    await checkEncryptionKeys(database, config({ ROUNDTABLE_ENCRYPTION_KEY: line.trim() }));
  });

  it('accepts a key file holding the bare base64 of the variable', async () => {
    if (database.kind !== 'pglite') return;
    const dir = path.join(tmp, 'bare');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, KEY_FILE), TEST_ENCRYPTION_KEY + '\n', { mode: 0o600 });
    await checkEncryptionKeys(database, config({}, dir));
  });
});

describe('restoring the embedded database elsewhere', () => {
  it('a server on the restored copy without its key refuses to start, naming k1', async () => {
    if (database.kind !== 'pglite') return;
    useTestEncryptionKey();
    const file = path.join(tmp, 'copy.ndjson.gz');
    await backupDatabase(database, file);
    const dir = path.join(tmp, 'restored');
    const target: Database = await openDatabase({ dataDir: dir });
    await restoreDatabase(target, allModules, file);
    await target.close();
    await expect(startServer({ ...config({}, dir), port: 0, host: '127.0.0.1' }, { quiet: true })).rejects.toThrow(/sealed with encryption key k1/);
    expect(fs.existsSync(path.join(dir, KEY_FILE))).toBe(false);
  }, 120_000);
});
