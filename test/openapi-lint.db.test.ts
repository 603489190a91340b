import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-app';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');

let t: TestApp;
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

describe('OpenAPI document', () => {
  it('has no errors under redocly lint with the recommended rules', async () => {
    const bin = path.join(root, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');
    const out = path.join(dir, 'lint.json');
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
