import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, demo, type TestApp } from './helpers/test-app';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');

let t: TestApp;
// The served OpenAPI document, walked by path: any JSON.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let doc: any;
let dir: string;
beforeAll(async () => {
  t = await createTestApp();
  const res = await t.app.inject({ method: 'GET', url: '/openapi.json' });
  expect(res.statusCode).toBe(200);
  doc = res.json();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-openapi-'));
  fs.writeFileSync(path.join(dir, 'openapi.json'), JSON.stringify(doc));
  if (process.env.OPENAPI_DUMP) fs.writeFileSync(process.env.OPENAPI_DUMP, JSON.stringify(doc, null, 2));
});
afterAll(async () => {
  await t?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

type Operation = { operationId?: string; security?: Record<string, string[]>[]; responses: Record<string, unknown> };
const METHODS = ['get', 'put', 'post', 'patch', 'delete'];
/** Every operation with the URL it is really served at (a path may name its own server). */
function operations(): { method: string; path: string; url: string; op: Operation }[] {
  const out = [];
  for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
    const base = (item.servers as { url: string }[] | undefined)?.[0]?.url ?? '';
    for (const method of METHODS) {
      const op = item[method] as Operation | undefined;
      if (op) out.push({ method: method.toUpperCase(), path, url: (base + path).replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000'), op });
    }
  }
  return out;
}

describe('OpenAPI document', () => {
  it('names every operation with a unique operationId and says where it is served', () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(100);
    const ids = ops.map((o) => o.op.operationId);
    expect(ids.filter((id) => !id || !/^[a-z][A-Za-z0-9]*$/.test(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ops.find((o) => o.method === 'GET' && o.path === '/api/v1/collaboratives/{id}/meetings')?.op.operationId).toBe('getCollaborativesIdMeetings');
    expect(doc.servers).toEqual([expect.objectContaining({ url: '/' })]);
    expect(Object.keys(doc.paths).filter((p) => p.length > 1 && p.endsWith('/'))).toEqual([]);
  });

  it('declares the session on every route that refuses anonymous callers, and nowhere else', async () => {
    const wrong: string[] = [];
    for (const { method, url, op } of operations()) {
      const needsSession = (op.security ?? doc.security).some((s: Record<string, string[]>) => 'session' in s);
      // Anonymous unsafe calls to public routes would act (sign in, refer): only their GETs are tried.
      if (!needsSession && method !== 'GET') continue;
      const res = await t.app.inject({ method: method as 'GET', url, payload: method === 'GET' || method === 'DELETE' ? undefined : {} });
      if ((res.statusCode === 401) !== needsSession) wrong.push(`${method} ${url}: ${needsSession ? 'declares' : 'omits'} the session, answered ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });

  it('declares the CSRF token on exactly the unsafe operations that refuse a session without it', async () => {
    const viewer = await t.login(demo.viewer);
    const wrong: string[] = [];
    let declared = 0;
    for (const { method, url, op } of operations()) {
      if (method === 'GET') {
        if (op.security?.some((s) => 'csrf' in s)) wrong.push(`${method} ${url} declares csrf`);
        continue;
      }
      const needsCsrf = (op.security ?? doc.security).some((s: Record<string, string[]>) => 'csrf' in s);
      if (needsCsrf) declared++;
      // The session cookie alone, as a forged cross-site request would carry it. An empty body
      // fails validation, so the routes without the token (sign-in, referrals) act on nothing.
      const res = await t.app.inject({ method: method as 'POST', url, headers: { cookie: viewer.cookie }, payload: method === 'DELETE' ? undefined : {} });
      const refused = res.statusCode === 403 && res.json().code === 'auth.csrf';
      if (refused !== needsCsrf) wrong.push(`${method} ${url}: ${needsCsrf ? 'declares' : 'omits'} the CSRF token, answered ${res.statusCode} without it`);
    }
    expect(wrong).toEqual([]);
    expect(declared).toBeGreaterThan(50);
  });

  it('has no errors under redocly lint with the recommended rules', async () => {
    const bin = path.join(root, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');
    // Offline: no telemetry, no update check; the rules come from the repository's redocly.yaml.
    const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_UPDATE_NOTIFIER: '1', CI: 'true' };
    const result = await run(
      process.execPath,
      [bin, 'lint', path.join(dir, 'openapi.json'), '--config', path.join(root, 'redocly.yaml'), '--format', 'json', '--max-problems', '10000'],
      { env, cwd: dir, maxBuffer: 64 * 1024 * 1024 },
    ).catch((err: { stdout: string; stderr: string; code: number }) => err);
    const report = JSON.parse(result.stdout) as { totals: { errors: number; warnings: number }; problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[] };
    const errors = report.problems.filter((p) => p.severity === 'error');
    const warnings = report.problems.filter((p) => p.severity === 'warn');
    const byRule = warnings.reduce<Record<string, number>>((acc, p) => ({ ...acc, [p.ruleId]: (acc[p.ruleId] ?? 0) + 1 }), {});
    console.log(`redocly lint: ${report.totals.errors} errors, ${report.totals.warnings} warnings`, byRule);
    expect(errors.map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)).toEqual([]);
    expect(report.totals.errors).toBe(0);
  }, 120_000);
});
