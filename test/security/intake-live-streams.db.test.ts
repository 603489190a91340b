import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveStatusCounters, liveStatusTimings, MAX_STREAMS_PER_USER } from '../../src/modules/intake/intake.events';
import { demo, type Agent } from '../helpers/test-app';
import { DEMO_PRIVACY } from '../../src/modules/intake/intake.seeds';
import { cdcdClient, intakeWorld, narrowToNlc, type IntakeWorld } from './intake-setup';

// Finding 11 (live status): streams kept delivering after logout, password change or
// deactivation, with no per-user limit; after a PostgreSQL outage they never came back.
const usualTimings = { ...liveStatusTimings };
Object.assign(liveStatusTimings, { recheckMs: 250, pingMs: 250, pingTimeoutMs: 2000, maxBackoffMs: 1000 });

let w: IntakeWorld;
let address: string;
beforeAll(async () => {
  w = await intakeWorld();
  address = await w.t.app.listen({ port: 0, host: '127.0.0.1' });
}, 120_000);
afterAll(async () => {
  await w?.t.close();
  Object.assign(liveStatusTimings, usualTimings);
});

interface Stream { status: number; events: { referralId: string; status: string }[]; ended: boolean; close: () => void }

function open(agent: Agent): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${address}/api/v1/intake/referrals/events`, { headers: { cookie: agent.cookie, accept: 'text/event-stream' }, agent: false }, (res) => {
      const s: Stream = { status: res.statusCode ?? 0, events: [], ended: false, close: () => req.destroy() };
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let cut;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          for (const line of block.split('\n')) if (line.startsWith('data: ')) s.events.push(JSON.parse(line.slice(6)));
        }
      });
      res.on('end', () => (s.ended = true));
      res.on('close', () => (s.ended = true));
      res.on('error', () => undefined);
      resolve(s);
    });
    req.on('error', reject);
  });
}
const until = async (check: () => boolean, ms = 8000) => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
  return check();
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A referral from CDCD to Northern Lights: an event for both organizations' streams. */
async function referral() {
  const c = await cdcdClient(w, [narrowToNlc(w)]);
  const res = await w.staff.post('/api/v1/intake/referrals', { clientId: c.id, toOrganizationId: w.nlc, reason: 'Stream probe', urgency: 'routine', sharedCategories: ['identity'] });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

describe('live status streams live only as long as the session', () => {
  it('delivers while signed in, and ends at logout with nothing delivered after it', async () => {
    const me = await w.t.login(demo.staff);
    const s = await open(me);
    try {
      expect(s.status).toBe(200);
      const first = await referral();
      expect(await until(() => s.events.some((e) => e.referralId === first))).toBe(true);
      expect((await me.post('/api/v1/auth/logout')).statusCode).toBeLessThan(300);
      const after = await referral();
      expect(await until(() => s.ended)).toBe(true);
      await sleep(300);
      expect(s.events.some((e) => e.referralId === after)).toBe(false);
    } finally {
      s.close();
    }
  });

  it('keeps one healthy LISTEN connection: its pings come back, so it never reconnects while the database is up', async () => {
    const me = await w.t.login(demo.staff);
    const s = await open(me);
    try {
      const before = liveStatusCounters.reconnects;
      await sleep(2000); // eight ping rounds
      expect(liveStatusCounters.reconnects).toBe(before);
      const r = await referral();
      expect(await until(() => s.events.some((e) => e.referralId === r))).toBe(true);
    } finally {
      s.close();
    }
  });

  it('ends when the session expires', async () => {
    const me = await w.t.login(demo.staff);
    const s = await open(me);
    try {
      expect(s.status).toBe(200);
      await w.t.database.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id IN (SELECT id FROM sessions s WHERE s.user_id = (SELECT id FROM users WHERE email = $1) ORDER BY created_at DESC LIMIT 1)`, [demo.staff]);
      expect(await until(() => s.ended)).toBe(true);
    } finally {
      s.close();
    }
  });

  it(`allows at most ${MAX_STREAMS_PER_USER} streams per user (429 beyond), and a closed one frees its place`, async () => {
    const me = await w.t.login(DEMO_PRIVACY);
    const streams: Stream[] = [];
    try {
      for (let i = 0; i < MAX_STREAMS_PER_USER; i++) streams.push(await open(me));
      expect(streams.map((s) => s.status)).toEqual(Array(MAX_STREAMS_PER_USER).fill(200));
      const extra = await w.privacy.request({ method: 'GET', url: '/api/v1/intake/referrals/events' });
      expect(extra.statusCode).toBe(429);
      expect(extra.headers['content-type']).toContain('application/problem+json');
      streams.shift()!.close();
      await sleep(200);
      const again = await open(me);
      streams.push(again);
      expect(again.status).toBe(200);
    } finally {
      for (const s of streams) s.close();
    }
  });

  it('ends at a password change, even on the session that changed it', async () => {
    const me = await w.t.login(demo.orgAdmin);
    const other = await w.t.login(demo.orgAdmin);
    const mine = await open(me);
    const theirs = await open(other);
    try {
      expect([mine.status, theirs.status]).toEqual([200, 200]);
      await sleep(20);
      const res = await me.post('/api/v1/auth/password', { currentPassword: demo.password, newPassword: 'Orange-Kettle-Marmot-Ledger-4471' });
      expect(res.statusCode, res.body).toBe(204);
      expect(await until(() => mine.ended && theirs.ended)).toBe(true);
    } finally {
      mine.close();
      theirs.close();
    }
  });

  it('ends when the account is deactivated', async () => {
    const admin = await w.t.login(demo.admin);
    const s = await open(w.partner);
    try {
      expect(s.status).toBe(200);
      const [{ id }] = await w.t.database.query<{ id: string }>(`SELECT id FROM users WHERE email = 'partner@demo.roundtable.test'`);
      const res = await admin.post(`/api/v1/users/${id}/deactivate`);
      expect(res.statusCode, res.body).toBe(200);
      expect(await until(() => s.ended)).toBe(true);
    } finally {
      s.close();
    }
  });

  it.runIf(!!process.env.TEST_DATABASE_URL)('reconnects its LISTEN by itself after the database drops the connection', async () => {
    const me = await w.t.login(demo.staff);
    const s = await open(me);
    try {
      const first = await referral();
      expect(await until(() => s.events.some((e) => e.referralId === first))).toBe(true);
      const killed = await w.t.database.query<{ pid: number }>(`SELECT pg_terminate_backend(pid) AS pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query ILIKE 'LISTEN%'`);
      expect(killed.length).toBeGreaterThan(0);
      expect(await until(() => liveStatusCounters.reconnects > 0, 8000)).toBe(true);
      await sleep(500);
      const after = await referral();
      expect(await until(() => s.events.some((e) => e.referralId === after), 10_000)).toBe(true);
    } finally {
      s.close();
    }
  });
});
