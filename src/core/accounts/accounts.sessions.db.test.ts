import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, demo, type Agent, type TestApp } from '../../../test/helpers/test-app';
import { rowsOf } from '../db/database';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const signedIn = async (a: Agent) => (await a.get('/api/v1/auth/session')).json().user?.email ?? null;
/** The newest session row of a user (the one the agent just opened). */
const newestSession = async (email: string) =>
  (await rowsOf<{ id: string }>(t.database.db, sql`SELECT s.id FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = ${email} ORDER BY s.created_at DESC LIMIT 1`))[0].id;

describe('server-side sessions', () => {
  it('ends a session left idle past the idle limit, and one past its expiry', async () => {
    const idle = await t.login(demo.viewer);
    expect(await signedIn(idle)).toBe(demo.viewer);
    const idleId = await newestSession(demo.viewer);
    const idleMinutes = t.app.config.sessionIdleMinutes;
    // A minute inside the idle limit is still live; a minute past it is not.
    await t.database.db.execute(sql`UPDATE sessions SET last_seen_at = now() - make_interval(mins => ${idleMinutes - 1}) WHERE id = ${idleId}`);
    expect(await signedIn(idle)).toBe(demo.viewer);
    await t.database.db.execute(sql`UPDATE sessions SET last_seen_at = now() - make_interval(mins => ${idleMinutes + 1}) WHERE id = ${idleId}`);
    expect(await signedIn(idle)).toBeNull();
    expect((await idle.get('/api/v1/users')).statusCode).toBe(401);

    const expired = await t.login(demo.viewer);
    const expiredId = await newestSession(demo.viewer);
    await t.database.db.execute(sql`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id = ${expiredId}`);
    expect(await signedIn(expired)).toBeNull();
  });

  it('ends every session of a deactivated account, and answers each session with its own user', async () => {
    const admin = await t.login(demo.admin);
    const staff = await t.login(demo.staff);
    const viewer = await t.login(demo.viewer);
    // Many look-ups in a row, interleaved, on the same pooled connections: each answers its own user.
    for (let i = 0; i < 5; i++) {
      expect(await Promise.all([signedIn(admin), signedIn(staff), signedIn(viewer)])).toEqual([demo.admin, demo.staff, demo.viewer]);
    }
    await t.database.db.execute(sql`UPDATE users SET is_active = false WHERE email = ${demo.staff}`);
    expect(await Promise.all([signedIn(admin), signedIn(staff), signedIn(viewer)])).toEqual([demo.admin, null, demo.viewer]);
    await t.database.db.execute(sql`UPDATE users SET is_active = true WHERE email = ${demo.staff}`);
  });

  it('an unknown or overlong cookie is no session', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: 'rt_session=not-a-session' } });
    expect(res.json().user).toBeNull();
    const long = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: `rt_session=${'x'.repeat(200)}` } });
    expect(long.json().user).toBeNull();
  });
});
