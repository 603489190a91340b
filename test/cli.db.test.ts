import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from './helpers/test-db';

/**
 * The `roundtable` command as a user runs it: a separate process, its exit code and output.
 * On the PostgreSQL pass the same commands run against a fresh server database.
 */
const root = path.resolve(__dirname, '..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-cli-'));
let pgDb: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
let databaseUrl: string | undefined;

async function env(): Promise<NodeJS.ProcessEnv> {
  if (process.env.TEST_DATABASE_URL && !pgDb) {
    pgDb = await createTestDatabase();
    const [{ name }] = await pgDb.query<{ name: string }>('SELECT current_database() AS name');
    const url = new URL(process.env.TEST_DATABASE_URL);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    await pgDb.close();
  }
  const e: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', ROUNDTABLE_PASSWORD: '' };
  delete e.DATABASE_URL;
  if (databaseUrl) e.DATABASE_URL = databaseUrl;
  return e;
}

function cli(args: string[], extra: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return env().then(
    (base) =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, [path.join(root, 'bin/roundtable.mjs'), ...args], { env: { ...base, ...extra }, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d) => (stdout += d));
        child.stderr.on('data', (d) => (stderr += d));
        child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
      }),
  );
}

afterAll(async () => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (pgDb) await pgDb.drop();
});

// Each test starts Node processes that load every module and migrate a fresh database: slow on a busy 2-core machine.
describe('roundtable CLI', { timeout: 120_000 }, () => {
  it('migrates, then creates the first administrator from ROUNDTABLE_PASSWORD', async () => {
    const m = await cli(['migrate']);
    expect(m.code, m.stderr).toBe(0);
    expect(m.stdout).toMatch(/up to date/);
    const u = await cli(['user', 'create', '--email', 'first.admin@example.org', '--name', 'First Admin', '--admin'], { ROUNDTABLE_PASSWORD: 'a long first password' });
    expect(u.code, u.stderr).toBe(0);
    expect(u.stdout).toMatch(/Created first\.admin@example\.org \(platform admin\)/);
  });

  it('fails with one readable line and a non-zero exit on bad input', async () => {
    const dup = await cli(['user', 'create', '--email', 'FIRST.ADMIN@example.org', '--name', 'Again'], { ROUNDTABLE_PASSWORD: 'a long first password' });
    expect(dup.code).toBe(1);
    expect(dup.stderr.trim().split('\n')).toHaveLength(1);
    expect(dup.stderr).toMatch(/^roundtable: An account with this email already exists/);
    const short = await cli(['user', 'create', '--email', 'x@example.org', '--name', 'X'], { ROUNDTABLE_PASSWORD: 'short' });
    expect(short.code).toBe(1);
    expect(short.stderr.trim()).toMatch(/^roundtable: .*password: Use at least 12 characters/);
    const noPassword = await cli(['user', 'create', '--email', 'y@example.org', '--name', 'Y']);
    expect(noPassword.code).toBe(1);
    expect(noPassword.stderr.trim()).toBe('roundtable: Set ROUNDTABLE_PASSWORD, or run this in a terminal to be asked for the password.');
    const missingFile = await cli(['restore', path.join(dataDir, 'nope.gz')]);
    expect(missingFile.code).toBe(1);
    expect(missingFile.stderr.trim()).toMatch(/^roundtable: No such file/);
  });

  it.runIf(!process.env.TEST_DATABASE_URL)('works through a running server that holds the embedded database', async () => {
    const base = await env();
    const server = spawn(process.execPath, [path.join(root, 'bin/roundtable.mjs'), 'serve'], { env: { ...base, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('server did not start')), 90_000);
        server.stdout.on('data', (d: Buffer) => {
          if (d.toString().includes('Roundtable is ready')) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      const u = await cli(['user', 'create', '--email', 'while.serving@example.org', '--name', 'While Serving'], { ROUNDTABLE_PASSWORD: 'another long password' });
      expect(u.code, u.stderr).toBe(0);
      expect(u.stdout).toMatch(/Created while\.serving@example\.org/);
      const file = path.join(dataDir, 'live.ndjson.gz');
      const b = await cli(['backup', file]);
      expect(b.code, b.stderr).toBe(0);
      expect(fs.statSync(file).size).toBeGreaterThan(500);
      const r = await cli(['restore', file]);
      expect(r.code).toBe(1);
      expect(r.stderr.trim()).toMatch(/^roundtable: restore needs the database to itself: stop the Roundtable server \(pid \d+\) first\.$/);
    } finally {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.on('close', resolve));
    }
    // After the server stops, the same data directory opens directly and holds the new account.
    const again = await cli(['user', 'create', '--email', 'while.serving@example.org', '--name', 'Dup'], { ROUNDTABLE_PASSWORD: 'another long password' });
    expect(again.stderr).toMatch(/already exists/);
  });
});
