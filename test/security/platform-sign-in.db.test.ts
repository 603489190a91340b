import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, demo, type TestApp, type Agent } from '../helpers/test-app';

/** Finding 11: sign-in that neither reveals accounts nor lets a stranger lock someone out. */
let t: TestApp;
let admin: Agent;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login(demo.admin);
});
afterAll(() => t.close());

const attempt = (email: string, password: string, remoteAddress: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress, payload: { email, password } });

describe('sign-in answers', () => {
  it('gives a known account after many failures the same answer as an unknown one', async () => {
    const known: { status: number; code: string; title: string }[] = [];
    const unknown: typeof known = [];
    for (let i = 0; i < 8; i++) {
      const a = await attempt(demo.viewer, 'wrong password ' + i, '203.0.113.7');
      const b = await attempt('nobody-here@example.org', 'wrong password ' + i, '203.0.113.8');
      known.push({ status: a.statusCode, code: a.json().code, title: a.json().title });
      unknown.push({ status: b.statusCode, code: b.json().code, title: b.json().title });
    }
    expect(known).toEqual(unknown);
    expect(new Set(known.map((k) => k.status))).toEqual(new Set([401]));
  });

  it('does not let a stranger at another address lock the owner out', async () => {
    for (let i = 0; i < 8; i++) await attempt(demo.staff, 'guessing ' + i, '203.0.113.66');
    // The stranger's own address is held back, even with the right password…
    expect((await attempt(demo.staff, demo.password, '203.0.113.66')).statusCode).toBe(401);
    // …while the owner signs in from their own.
    expect((await attempt(demo.staff, demo.password, '198.51.100.200')).statusCode).toBe(200);
  });

  it('holds an address back for longer after each failure past the threshold', async () => {
    for (let i = 0; i < 7; i++) await attempt(demo.coordinator, 'guessing ' + i, '203.0.113.90');
    const rows = await t.database.query<{ failures: number; minutes: number }>(
      `SELECT failures, round(extract(epoch FROM blocked_until - now()) / 60)::int AS minutes FROM sign_in_throttle WHERE address = '203.0.113.90'`,
    );
    expect(rows[0].failures).toBe(5); // blocked after the fifth: the next ones are not even counted
    expect(rows[0].minutes).toBe(1);
    await t.database.query(`UPDATE sign_in_throttle SET blocked_until = now() - interval '1 second' WHERE address = '203.0.113.90'`);
    await attempt(demo.coordinator, 'guessing again', '203.0.113.90');
    const [after] = await t.database.query<{ failures: number; minutes: number }>(
      `SELECT failures, round(extract(epoch FROM blocked_until - now()) / 60)::int AS minutes FROM sign_in_throttle WHERE address = '203.0.113.90'`,
    );
    expect(after).toEqual({ failures: 6, minutes: 2 });
  });
});

describe('password rules', () => {
  const create = (email: string, password: string) => admin.post('/api/v1/users', { email, name: 'New Person', password, roles: [] });
  it('refuses common and breached passwords, naming the field', async () => {
    for (const password of ['password1234', 'qwerty123456', '123456789012', 'iloveyou2024!']) {
      const res = await create(`p${Math.random().toString(36).slice(2)}@example.org`, password);
      expect(res.statusCode, password).toBe(400);
      expect(res.json().errors[0].field).toBe('password');
    }
  });

  it('refuses the published demo password for accounts that are not demo accounts', async () => {
    const res = await create('not-demo@example.org', 'roundtable-demo');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].message).toMatch(/demo/);
    const change = await admin.post('/api/v1/auth/password', { currentPassword: demo.password, newPassword: 'roundtable-demo-2' });
    expect(change.statusCode).toBeLessThan(500);
  });

  it('accepts a long uncommon passphrase', async () => {
    expect((await create('fine@example.org', 'correct horse battery')).statusCode).toBe(201);
  });
});
