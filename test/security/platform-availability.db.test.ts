import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import type { Database, Db } from '../../src/core/db/database';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { TEST_ENCRYPTION_KEY } from '../helpers/test-key';
import { systemActor } from '../../src/core/accounts/actor';
import { importPackage } from '../../src/modules/directory/directory.import';
import { scaled, writeDirectoryPackage } from '../../bench/lib/synthetic-directory';

/** Finding 15: a database outage is 503 with Retry-After; the embedded database does not freeze the server. */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const config = () => ({ ...loadConfig({ ROUNDTABLE_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY } as NodeJS.ProcessEnv), demo: true });

describe('a database outage', () => {
  it('answers 503 with Retry-After, not 500', async () => {
    // The same app, whose queries go to a PostgreSQL server that is not there.
    const pool = new pg.Pool({ connectionString: 'postgres://nobody@127.0.0.1:1/none', connectionTimeoutMillis: 500 });
    pool.on('error', () => undefined);
    const down: Database = { ...t.database, kind: 'postgres', busyFor: undefined, db: drizzle(pool) as unknown as Db, query: t.database.query.bind(t.database) };
    const app = await buildApp({ database: down, config: config() });
    await app.ready();
    try {
      for (const url of ['/api/v1/geographies', '/api/v1/organizations', '/api/v1/finder/services?q=food']) {
        const res = await app.inject({ method: 'GET', url, headers: { cookie: 'rt_session=abc' } });
        expect(res.statusCode, `${url} ${res.body}`).toBe(503);
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
        expect(res.headers['content-type']).toMatch(/problem\+json/);
        expect(res.body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
      }
    } finally {
      await app.close();
      await pool.end();
    }
  });
});

describe('a long task on the embedded database', () => {
  it('leaves /health answering within a second, and other requests wait a bounded time then get 503 with Retry-After', async () => {
    if (t.database.kind !== 'pglite') return;
    const started = Date.now();
    // A long transaction made of many short statements, as an import is.
    const task = t.database.db.transaction(async (tx) => {
      while (Date.now() - started < 7000) await tx.execute(sql`SELECT count(*) FROM generate_series(1, 20000)`);
    });
    const healthTimes: number[] = [];
    let busyAnswer: { status: number; retryAfter: string | undefined; ms: number } | undefined;
    const probe = (async () => {
      await new Promise((r) => setTimeout(r, 1200));
      const s = Date.now();
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/geographies' });
      busyAnswer = { status: res.statusCode, retryAfter: res.headers['retry-after'] as string | undefined, ms: Date.now() - s };
    })();
    while (Date.now() - started < 6000) {
      const s = Date.now();
      const res = await t.app.inject({ method: 'GET', url: '/health' });
      expect(res.statusCode).toBe(200);
      healthTimes.push(Date.now() - s);
      await new Promise((r) => setTimeout(r, 200));
    }
    await probe;
    await task;
    expect(healthTimes.length).toBeGreaterThan(5);
    expect(Math.max(...healthTimes)).toBeLessThan(1000);
    expect(busyAnswer!.status).toBe(503);
    expect(busyAnswer!.retryAfter).toBe('5');
    expect(busyAnswer!.ms).toBeLessThan(4500);
    // Once the task is over, requests are served again.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/geographies' })).statusCode).toBe(200);
  }, 60_000);
});

describe('a large HSDS import on the embedded database', () => {
  it('keeps /health under a second for the whole import, and other requests get an answer in bounded time', async () => {
    if (t.database.kind !== 'pglite') return;
    // A few thousand services with their organizations, locations, languages, schedules… (~25,000 rows).
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-stays-up-'));
    const pkg = writeDirectoryPackage(dir, scaled(3000));
    try {
      let importing = true;
      const imported = importPackage(t.database, systemActor('test'), pkg.dir).finally(() => (importing = false));
      const healthTimes: number[] = [];
      const others: { status: number; retryAfter: unknown; ms: number }[] = [];
      const other = (async () => {
        while (importing) {
          const s = Date.now();
          const res = await t.app.inject({ method: 'GET', url: '/api/v1/finder/services?q=food' });
          others.push({ status: res.statusCode, retryAfter: res.headers['retry-after'], ms: Date.now() - s });
          await new Promise((r) => setTimeout(r, 500));
        }
      })();
      while (importing) {
        const s = Date.now();
        const res = await t.app.inject({ method: 'GET', url: '/health' });
        expect(res.statusCode).toBe(200);
        healthTimes.push(Date.now() - s);
        await new Promise((r) => setTimeout(r, 50));
      }
      const summary = await imported;
      await other;
      expect(summary.tables.service.created).toBe(3000);
      expect(healthTimes.length).toBeGreaterThan(20);
      expect(Math.max(...healthTimes), `health times ${healthTimes.join(' ')}`).toBeLessThan(1000);
      // Every other request got an answer in bounded time: served, or 503 with Retry-After.
      expect(others.length).toBeGreaterThan(0);
      for (const o of others) {
        expect([200, 503]).toContain(o.status);
        if (o.status === 503) expect(o.retryAfter).toBe('5');
        expect(o.ms).toBeLessThan(5000);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
