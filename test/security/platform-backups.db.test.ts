import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../helpers/test-db';
import { TEST_ENCRYPTION_KEY } from '../helpers/test-key';
import { backupDatabase, restoreDatabase } from '../../src/core/db/backup';
import { openDatabase } from '../../src/core/db/database';
import { allModules } from '../../src/modules';
import { verifyAllChains } from '../../src/core/audit/audit.chain';
import { recordAudit } from '../../src/core/audit/audit.service';
import { systemActor } from '../../src/core/accounts/actor';
import { loadConfig } from '../../src/config';
import { startServer } from '../../src/server';

/** Finding 8 and 13: backups are owner-only, restores leave a trace, an edited backup shows. */
const root = path.resolve(__dirname, '../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-backups-'));
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let file: string;

beforeAll(async () => {
  database = await createTestDatabase();
  for (let i = 0; i < 5; i++) await recordAudit(database.db, systemActor('test'), {}, { action: 'test.event', entityType: 'thing', entityId: String(i) });
  file = path.join(tmp, 'full.ndjson.gz');
  await backupDatabase(database, file);
});
afterAll(async () => {
  await database.drop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

// Each test backs up and restores the whole database: 4–7 s alone on PostgreSQL, several times
// that when CI runs the browser journeys beside this pass (as test/backup.db.test.ts allows).
describe('backups', { timeout: 120_000 }, () => {
  it('are written readable by their owner only (they hold password hashes)', () => {
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const text = zlib.gunzipSync(fs.readFileSync(file)).toString();
    expect(text).toContain('$argon2id$');
  });

  it('a restore is itself in the audit log, and the restored chain verifies', async () => {
    const target = await openDatabase({ memory: true });
    try {
      await restoreDatabase(target, allModules, file);
      const rows = await target.query<{ action: string; details: { file: string } }>(`SELECT action, details FROM audit_events ORDER BY chain_position DESC LIMIT 1`);
      expect(rows[0].action).toBe('platform.restore');
      expect(rows[0].details.file).toBe('full.ndjson.gz');
      const reports = await verifyAllChains(target);
      expect(reports.find((r) => r.table === 'audit_events')!.broken).toBeUndefined();
    } finally {
      await target.close();
    }
  });

  it('restoring a backup with an audit event cut out leaves a broken chain that names the row after the gap', async () => {
    const lines = zlib.gunzipSync(fs.readFileSync(file)).toString().split('\n');
    const auditLines = lines.map((l, i) => [l, i] as const).filter(([l]) => l.startsWith('{"t":"audit_events"'));
    expect(auditLines.length).toBeGreaterThan(3);
    const [, cut] = auditLines[2];
    const afterCut = JSON.parse(auditLines[3][0]).r.id;
    const header = JSON.parse(lines[0]);
    header.tables.find((t: { name: string }) => t.name === 'audit_events').rows -= 1;
    lines[0] = JSON.stringify(header);
    lines.splice(cut, 1);
    const edited = path.join(tmp, 'edited.ndjson.gz');
    fs.writeFileSync(edited, zlib.gzipSync(lines.join('\n')));
    const target = await openDatabase({ memory: true });
    try {
      await restoreDatabase(target, allModules, edited);
      const audit = (await verifyAllChains(target)).find((r) => r.table === 'audit_events')!;
      expect(audit.broken?.id).toBe(String(afterCut));
    } finally {
      await target.close();
    }
  });

  it('a relative backup path given to the CLI while a server runs is resolved from the caller', async () => {
    if (process.env.TEST_DATABASE_URL) return; // the control socket is for the embedded database
    const dataDir = path.join(tmp, 'served');
    const server = await startServer({ ...loadConfig({ DATA_DIR: dataDir, ROUNDTABLE_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY } as NodeJS.ProcessEnv), demo: false, port: 0, host: '127.0.0.1' }, { quiet: true });
    try {
      const callerDir = path.join(tmp, 'caller');
      fs.mkdirSync(callerDir);
      const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
      delete env.DATABASE_URL;
      const result = await new Promise<{ code: number; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [path.join(root, 'bin/roundtable.mjs'), 'backup', 'mine.ndjson.gz'], { cwd: callerDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (d) => (stderr += d));
        child.on('close', (code) => resolve({ code: code ?? -1, stderr }));
      });
      expect(result.code, result.stderr).toBe(0);
      expect(fs.existsSync(path.join(callerDir, 'mine.ndjson.gz'))).toBe(true);
      expect(fs.statSync(path.join(callerDir, 'mine.ndjson.gz')).mode & 0o777).toBe(0o600);
    } finally {
      await server.close();
    }
  }, 180_000);
});
