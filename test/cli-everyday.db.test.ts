import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/** The CLI as a newcomer meets it: a fresh data directory, typos, and ids they do not know yet. */
const root = path.resolve(__dirname, '..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-cli-new-'));

function cli(args: string[], extra: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', ROUNDTABLE_PASSWORD: 'a long first password', ...extra };
  delete env.DATABASE_URL;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'bin/roundtable.mjs'), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const oneLine = (s: string) => s.trim().split('\n').length === 1;
const sqlish = /relation|syntax|violates|invalid input syntax|SELECT|INSERT|uuid/i;

describe('roundtable CLI for a newcomer', { timeout: 180_000 }, () => {
  it('prints its version', async () => {
    const v = await cli(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toBe(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version);
  });

  it('refuses a malformed email and an unknown organization in one line, never SQL', async () => {
    const bad = await cli(['user', 'create', '--email', 'notanemail', '--name', 'A Person']);
    expect(bad.code).toBe(1);
    expect(oneLine(bad.stderr), bad.stderr).toBe(true);
    expect(bad.stderr).toMatch(/--email: "notanemail" is not an email address/);
    const notId = await cli(['user', 'create', '--email', 'a@example.org', '--name', 'A Person', '--organization', '42']);
    expect(notId.code).toBe(1);
    expect(notId.stderr).toMatch(/is not an organization id/);
    expect(notId.stderr).not.toMatch(sqlish);
  });

  it('creates the first account on a new data directory (migrating first), lists organizations, and names an unknown id', async () => {
    const u = await cli(['user', 'create', '--email', 'first@example.org', '--name', 'First Admin', '--admin']);
    expect(u.code, u.stderr).toBe(0);
    expect(u.stdout).toMatch(/Created first@example\.org/);
    const list = await cli(['organizations', 'list']);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout.trim()).toMatch(/^(No organizations yet\.|[0-9a-f-]{36} {2}.+)/);
    const unknown = await cli(['user', 'create', '--email', 'b@example.org', '--name', 'B Person', '--organization', '00000000-0000-4000-8000-000000000000']);
    expect(unknown.code).toBe(1);
    expect(oneLine(unknown.stderr)).toBe(true);
    expect(unknown.stderr).toMatch(/No organization has the id 00000000-0000-4000-8000-000000000000/);
    expect(unknown.stderr).not.toMatch(/violates|foreign key|SELECT/);
  });
});
