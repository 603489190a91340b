import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { startServer } from '../src/server';
import { readDatabase } from '../src/core/db/database';
import { TEST_ENCRYPTION_KEY } from './helpers/test-key';
import { demo } from './helpers/test-app';

/**
 * Public reads from a streaming replica, writes to the primary. Needs a primary and a hot
 * standby of it: scripts/test-replica.sh starts both on loopback and sets TEST_PRIMARY_URL and
 * TEST_REPLICA_URL; without them this file is skipped.
 */
const primaryUrl = process.env.TEST_PRIMARY_URL;
const replicaUrl = process.env.TEST_REPLICA_URL;

describe.skipIf(!primaryUrl || !replicaUrl)('read replica (DATABASE_READ_URL)', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let origin = '';
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-replica-test-'));

  const one = async <T>(db: 'primary' | 'replica', text: string, params: unknown[] = []) => {
    const database = db === 'primary' ? server.database : readDatabase(server.database);
    return (await database.query<T>(text, params))[0];
  };
  /** Waits until the replica has replayed everything the primary has written so far. */
  const caughtUp = async () => {
    const { lsn } = await one<{ lsn: string }>('primary', 'SELECT pg_current_wal_lsn()::text AS lsn');
    for (let i = 0; i < 200; i++) {
      const r = await one<{ ok: boolean }>('replica', 'SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok', [lsn]);
      if (r.ok) return;
      await new Promise((res) => setTimeout(res, 50));
    }
    throw new Error('the replica did not catch up within 10 s');
  };
  const get = async (url: string, cookie = '') => {
    const res = await fetch(origin + url, { headers: cookie ? { cookie } : {} });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    process.env.DATABASE_URL = primaryUrl;
    process.env.DATABASE_READ_URL = replicaUrl;
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ROUNDTABLE_DEMO: 'true', ROUNDTABLE_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY, DATABASE_URL: primaryUrl, DATABASE_READ_URL: replicaUrl, DATA_DIR: dataDir } as NodeJS.ProcessEnv);
    server = await startServer(config, { quiet: true });
    origin = server.url.replace('//localhost:', '//127.0.0.1:');
    await caughtUp();
  }, 120_000);

  afterAll(async () => {
    await readDatabase(server.database).query('SELECT pg_wal_replay_resume()').catch(() => undefined);
    await server?.close();
    delete process.env.DATABASE_URL;
    delete process.env.DATABASE_READ_URL;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens the replica as the read database, and the primary for everything else', async () => {
    expect(server.database.read).toBeDefined();
    expect((await one<{ r: boolean }>('primary', 'SELECT pg_is_in_recovery() AS r')).r).toBe(false);
    expect((await one<{ r: boolean }>('replica', 'SELECT pg_is_in_recovery() AS r')).r).toBe(true);
    await expect(readDatabase(server.database).query('CREATE TABLE nope (x int)')).rejects.toThrow(/read-only/);
  });

  it('answers the finder and the HSDS API from the replica while an edit goes to the primary', async () => {
    const { id, name } = await one<{ id: string; name: string }>('primary', "SELECT id, name FROM directory_services WHERE name = 'Emergency food bank'");
    // Hold the replica at this point in the primary's history.
    await readDatabase(server.database).query('SELECT pg_wal_replay_pause()');

    const login = await fetch(`${origin}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: demo.admin, password: demo.password }) });
    expect(login.status).toBe(200);
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const { version } = await one<{ version: number }>('primary', 'SELECT version FROM directory_services WHERE id = $1', [id]);
    const renamed = 'Emergency food bank and zucchini exchange';
    const edit = await fetch(`${origin}/api/v1/directory/services/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ version, name: renamed }),
    });
    expect(edit.status, await edit.clone().text()).toBe(200);
    expect((await one<{ name: string }>('primary', 'SELECT name FROM directory_services WHERE id = $1', [id])).name).toBe(renamed);

    // The public reads still show the replica's (paused) state: they did not go to the primary.
    expect((await get(`/api/v1/finder/services/${id}`)).body.name).toBe(name);
    expect((await get(`/hsds/services/${id}`)).body.name).toBe(name);
    const before = await get('/api/v1/finder/services?q=zucchini%20exchange');
    expect((before.body.items as { id: string }[]).map((i) => i.id)).not.toContain(id);
    // A signed-in editor reads the primary (they edit from its version).
    expect((await get(`/api/v1/finder/services/${id}`, cookie)).body.name).toBe(renamed);

    await readDatabase(server.database).query('SELECT pg_wal_replay_resume()');
    await caughtUp();
    expect((await get(`/api/v1/finder/services/${id}`)).body.name).toBe(renamed);
    expect((await get(`/hsds/services/${id}`)).body.name).toBe(renamed);
    const after = await get('/api/v1/finder/services?q=zucchini%20exchange');
    expect((after.body.items as { id: string }[])[0].id).toBe(id);
  });

  it('answers public dashboards, scorecards and data views from the replica, and a view that must first decide its disclosure from the primary', async () => {
    const collab = await one<{ id: string }>('primary', 'SELECT id FROM collaboratives ORDER BY created_at LIMIT 1');
    const dash = await one<{ id: string }>('primary', "INSERT INTO data_dashboards (collaborative_id, title, visibility) VALUES ($1, 'Replica dashboard', 'public') RETURNING id", [collab.id]);
    const plan = await one<{ id: string; title: string }>('primary', 'SELECT id, title FROM strategy_plans WHERE public_scorecard ORDER BY created_at LIMIT 1');
    await caughtUp();
    await readDatabase(server.database).query('SELECT pg_wal_replay_pause()');
    await one('primary', "UPDATE data_dashboards SET title = 'Renamed on the primary' WHERE id = $1 RETURNING id", [dash.id]);
    await one('primary', "UPDATE strategy_plans SET title = title || ' (renamed)' WHERE id = $1 RETURNING id", [plan.id]);
    // Anonymous readers see the replica's (paused) state.
    expect((await get(`/api/v1/data/dashboards/${dash.id}`)).body.title).toBe('Replica dashboard');
    const card = await get(`/api/v1/strategy/public/plans/${plan.id}/scorecard`);
    expect(card.status).toBe(200);
    expect((card.body.plan as { title: string }).title).toBe(plan.title);
    await readDatabase(server.database).query('SELECT pg_wal_replay_resume()');
    await caughtUp();
    expect((await get(`/api/v1/data/dashboards/${dash.id}`)).body.title).toBe('Renamed on the primary');

    // A public count table whose disclosure was never decided (as after a bulk load): the
    // replica cannot store the decision, so the read runs on the primary, which stores it.
    const ind = await one<{ indicator_id: string; parent_id: string }>('primary', `
      SELECT o.indicator_id, g.parent_id FROM data_observations o JOIN data_indicators i ON i.id = o.indicator_id
      JOIN geographies g ON g.id = o.geography_id
      WHERE i.unit = 'count' AND o.collaborative_id IS NULL AND g.parent_id IS NOT NULL LIMIT 1`);
    await one('primary', 'WITH d AS (DELETE FROM data_disclosure_decisions WHERE indicator_id = $1) DELETE FROM data_disclosure_runs WHERE indicator_id = $1 RETURNING 1', [ind.indicator_id]);
    await caughtUp();
    expect((await one<{ n: number }>('replica', 'SELECT count(*)::int AS n FROM data_disclosure_runs WHERE indicator_id = $1', [ind.indicator_id])).n).toBe(0);
    const map = await get(`/api/v1/data/map?indicatorId=${ind.indicator_id}&parentId=${ind.parent_id}`);
    expect(map.status, JSON.stringify(map.body)).toBe(200);
    expect((await one<{ n: number }>('primary', 'SELECT count(*)::int AS n FROM data_disclosure_runs WHERE indicator_id = $1', [ind.indicator_id])).n).toBeGreaterThan(0);
  });
});
