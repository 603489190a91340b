import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, demo, type TestApp } from '../../../test/helpers/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('sign-in and session', () => {
  it('returns the user, roles and a CSRF token, and sets an httpOnly SameSite=Lax cookie', async () => {
    const res = await t.anonymous.post('/api/v1/auth/login', { email: 'COORDINATOR@demo.roundtable.test', password: demo.password });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user.email).toBe(demo.coordinator);
    expect(body.user.isDemo).toBe(true);
    expect(body.user.roles).toEqual([expect.objectContaining({ role: 'coordinator', scopeType: 'collaborative' })]);
    expect(body.csrfToken).toMatch(/.{20,}/);
    const cookie = res.cookies.find((c) => c.name === 'rt_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.path).toBe('/');
  });

  it('gives the same answer for an unknown email and a wrong password', async () => {
    const unknown = await t.anonymous.post('/api/v1/auth/login', { email: 'nobody@example.org', password: 'whatever-password' });
    const wrong = await t.anonymous.post('/api/v1/auth/login', { email: demo.viewer, password: 'whatever-password' });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json().title).toBe(wrong.json().title);
  });

  it('validates the login body', async () => {
    const res = await t.anonymous.post('/api/v1/auth/login', { email: '' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'password']);
  });

  it('reports the anonymous session as empty', async () => {
    const res = await t.anonymous.get('/api/v1/auth/session');
    expect(res.json()).toEqual({ user: null, csrfToken: null });
  });
});

describe('changing a password', () => {
  it('checks the current password and the new one, then signs out other sessions', async () => {
    const admin = await t.login(demo.admin);
    await admin.post('/api/v1/users', { email: 'changer@example.org', name: 'Changer', password: 'first password 1', roles: [] });
    const a = await t.login('changer@example.org', 'first password 1');
    const b = await t.login('changer@example.org', 'first password 1');
    const wrong = await a.post('/api/v1/auth/password', { currentPassword: 'nope', newPassword: 'second password 2' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].field).toBe('currentPassword');
    const short = await a.post('/api/v1/auth/password', { currentPassword: 'first password 1', newPassword: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.json().errors[0].field).toBe('newPassword');
    expect((await a.post('/api/v1/auth/password', { currentPassword: 'first password 1', newPassword: 'second password 2' })).statusCode).toBe(204);
    expect((await a.get('/api/v1/organizations')).statusCode).toBe(200);
    expect((await b.get('/api/v1/organizations')).statusCode).toBe(401);
    expect((await t.anonymous.post('/api/v1/auth/login', { email: 'changer@example.org', password: 'first password 1' })).statusCode).toBe(401);
    await t.login('changer@example.org', 'second password 2');
  });
});

describe('managing accounts', () => {
  it('lets an org admin create staff in their own organization', async () => {
    const orgAdmin = await t.login(demo.orgAdmin);
    const me = (await orgAdmin.get('/api/v1/auth/session')).json().user;
    const res = await orgAdmin.post('/api/v1/users', {
      email: 'new.worker@example.org',
      name: 'New Worker',
      password: 'twelve chars ok',
      organizationId: me.organizationId,
      roles: [{ role: 'staff', scopeType: 'organization', scopeId: me.organizationId }],
    });
    expect(res.statusCode).toBe(201);
    const list = (await orgAdmin.get('/api/v1/users?q=new.worker')).json();
    expect(list.items.map((u: { email: string }) => u.email)).toEqual(['new.worker@example.org']);
  });

  it('rejects a duplicate email (409), a short password and a role in the wrong scope (400)', async () => {
    const admin = await t.login(demo.admin);
    const dup = await admin.post('/api/v1/users', { email: demo.staff.toUpperCase(), name: 'Dup', password: 'long enough password', roles: [] });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors[0].field).toBe('email');
    const short = await admin.post('/api/v1/users', { email: 'short@example.org', name: 'Short', password: 'short', roles: [] });
    expect(short.statusCode).toBe(400);
    expect(short.json().errors[0].field).toBe('password');
    const scope = await admin.post('/api/v1/users', {
      email: 'scope@example.org',
      name: 'Scope',
      password: 'long enough password',
      roles: [{ role: 'coordinator', scopeType: 'organization', scopeId: '00000000-0000-4000-8000-000000000000' }],
    });
    expect(scope.statusCode).toBe(400);
    expect(scope.json().errors[0].field).toBe('roles.0.scopeType');
    const missing = await admin.post('/api/v1/users', {
      email: 'scope2@example.org',
      name: 'Scope',
      password: 'long enough password',
      roles: [{ role: 'member', scopeType: 'collaborative', scopeId: '00000000-0000-4000-8000-000000000000' }],
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].field).toBe('roles.0.scopeId');
  });

  it('does not let an admin deactivate themselves', async () => {
    const admin = await t.login(demo.admin);
    const me = (await admin.get('/api/v1/auth/session')).json().user;
    const res = await admin.post(`/api/v1/users/${me.id}/deactivate`);
    expect(res.statusCode).toBe(400);
    expect((await admin.get('/api/v1/organizations')).statusCode).toBe(200);
  });
});
