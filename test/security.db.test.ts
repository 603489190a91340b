import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, loggerOptions } from '../src/app';
import { loadConfig } from '../src/config';
import { createTestApp, demo, type TestApp } from './helpers/test-app';

/**
 * Security properties that must fail the build when broken. Each test names the property.
 */
let t: TestApp;
let logs = '';
let logged: TestApp['app'];
beforeAll(async () => {
  t = await createTestApp();
  // A second app on the same database whose logs are captured at the most verbose level.
  const stream = new Writable({ write(chunk, _enc, cb) { logs += chunk.toString(); cb(); } });
  logged = await buildApp({ database: t.database, config: { ...loadConfig({} as NodeJS.ProcessEnv), demo: true }, logger: { ...(loggerOptions('trace') as object), stream } as never });
  await logged.ready();
});
afterAll(async () => {
  await logged.close();
  await t.close();
});

/**
 * The reviewed public API routes: the platform's here, each module's in
 * test/public-routes/<module>.json (so modules add theirs without touching this file).
 * Adding a route to a list is a security review: say why it must be public.
 */
const modulePublicRoutes = Object.values(import.meta.glob<string[]>('./public-routes/*.json', { eager: true, import: 'default' })).flat();
const PUBLIC_ROUTES = [
  ...modulePublicRoutes,
  'GET /api/v1/auth/session',
  'GET /api/v1/finder/categories',
  'GET /api/v1/finder/languages',
  'GET /api/v1/finder/services',
  'GET /api/v1/finder/services/:id',
  'GET /api/v1/geographies',
  'GET /api/v1/geographies/:id',
  'GET /api/v1/geographies/boundaries',
  'GET /api/v1/meta',
  'POST /api/v1/auth/login',
].sort();

describe('authentication boundary', () => {
  it('declares exactly the reviewed set of public API routes', () => {
    // The API and the FHIR endpoint (its capability statement, GET /fhir/metadata, is public).
    expect([...t.app.publicRoutes].filter((r) => r.includes(' /api/') || r.includes(' /fhir/')).sort()).toEqual(PUBLIC_ROUTES);
  });

  it('refuses anonymous access to every other /api/v1 route with 401', async () => {
    const paths = t.app.swagger().paths as Record<string, Record<string, unknown>>;
    const checked: string[] = [];
    for (const [path, methods] of Object.entries(paths)) {
      if (!path.startsWith('/api/v1')) continue;
      for (const method of Object.keys(methods)) {
        const route = `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`;
        if (PUBLIC_ROUTES.includes(route)) continue;
        const url = path.replace(/\{\w+\}/g, '00000000-0000-4000-8000-000000000000');
        const res = await t.app.inject({ method: method.toUpperCase() as 'GET', url, payload: method === 'get' ? undefined : {} });
        expect(res.statusCode, route).toBe(401);
        expect(res.json().code, route).toBe('auth.required');
        checked.push(route);
      }
    }
    expect(checked.length).toBeGreaterThanOrEqual(15);
  });

  it('ends a session at sign-out', async () => {
    const staff = await t.login(demo.staff);
    expect((await staff.get('/api/v1/organizations')).statusCode).toBe(200);
    expect((await staff.post('/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await staff.get('/api/v1/organizations')).statusCode).toBe(401);
  });

  it('ends every session of a deactivated user at once, and refuses their sign-in', async () => {
    const admin = await t.login(demo.admin);
    const created = await admin.post('/api/v1/users', { email: 'leaving@example.org', name: 'Leaving Worker', password: 'correct horse battery', roles: [] });
    expect(created.statusCode).toBe(201);
    const leaving = await t.login('leaving@example.org', 'correct horse battery');
    expect((await leaving.get('/api/v1/organizations')).statusCode).toBe(200);
    expect((await admin.post(`/api/v1/users/${created.json().id}/deactivate`)).json().isActive).toBe(false);
    expect((await leaving.get('/api/v1/organizations')).statusCode).toBe(401);
    const again = await t.anonymous.post('/api/v1/auth/login', { email: 'leaving@example.org', password: 'correct horse battery' });
    expect(again.statusCode).toBe(401);
  });

  it('holds back an address after five wrong passwords for that account, answering as for any failure, while the owner elsewhere signs in', async () => {
    const admin = await t.login(demo.admin);
    await admin.post('/api/v1/users', { email: 'target@example.org', name: 'Target', password: 'the right password', roles: [] });
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      codes.push((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '10.0.0.9', payload: { email: 'target@example.org', password: 'wrong password ' + i } })).statusCode);
    }
    expect(codes).toEqual([401, 401, 401, 401, 401]);
    const fromThere = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '10.0.0.9', payload: { email: 'target@example.org', password: 'the right password' } });
    expect(fromThere.statusCode).toBe(401);
    expect(fromThere.json().code).toBe('auth.invalid_credentials');
    const owner = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '10.0.1.1', payload: { email: 'target@example.org', password: 'the right password' } });
    expect(owner.statusCode).toBe(200);
  });

  it('rate-limits sign-in attempts from one address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '192.0.2.77', payload: { email: `nobody${i}@example.org`, password: 'whatever' } })).statusCode);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });
});

describe('CSRF', () => {
  it('refuses unsafe requests with a session cookie but no token', async () => {
    const admin = await t.login(demo.admin);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/organizations', headers: { cookie: admin.cookie }, payload: { legalName: 'CSRF Org' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('auth.csrf');
  });

  it("refuses another user's token", async () => {
    const admin = await t.login(demo.admin);
    const staff = await t.login(demo.staff);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/organizations', headers: { cookie: admin.cookie, 'x-csrf-token': staff.csrfToken }, payload: { legalName: 'CSRF Org' } });
    expect(res.statusCode).toBe(403);
    const list = (await admin.get('/api/v1/organizations?q=CSRF%20Org')).json();
    expect(list.total).toBe(0);
  });

  it('accepts the right token', async () => {
    const admin = await t.login(demo.admin);
    expect((await admin.post('/api/v1/organizations', { legalName: 'CSRF Org' })).statusCode).toBe(201);
  });
});

describe('organization boundaries', () => {
  it("keeps one organization's people, audit trail and record out of another's admin's reach", async () => {
    const admin = await t.login(demo.admin);
    const orgAdmin = await t.login(demo.orgAdmin);
    const orgs = (await admin.get('/api/v1/organizations?perPage=200')).json().items as { id: string; legalName: string; version: number }[];
    const cdcd = orgs.find((o) => o.legalName === 'Community Development Council Durham')!;
    const region = orgs.find((o) => o.legalName === 'Regional Municipality of Durham')!;

    expect((await orgAdmin.get(`/api/v1/organizations/${cdcd.id}/users`)).statusCode).toBe(200);
    expect((await orgAdmin.get(`/api/v1/organizations/${region.id}/users`)).json().items).toEqual([]);

    const regionUsers = (await admin.get(`/api/v1/organizations/${region.id}/users`)).json().items as { id: string }[];
    expect(regionUsers.length).toBeGreaterThan(0);
    expect((await orgAdmin.get(`/api/v1/users/${regionUsers[0].id}`)).statusCode).toBe(404);
    expect((await orgAdmin.post(`/api/v1/users/${regionUsers[0].id}/deactivate`)).statusCode).toBe(404);

    await admin.patch(`/api/v1/organizations/${region.id}`, { description: 'Region edit for audit', version: region.version });
    const visible = (await orgAdmin.get('/api/v1/audit-events?limit=500')).json().items as { organizationId: string }[];
    expect(visible.length).toBeGreaterThan(0);
    expect(visible.every((e) => e.organizationId === cdcd.id)).toBe(true);

    const granted = await orgAdmin.post('/api/v1/users', {
      email: 'sneaky@example.org',
      name: 'Sneaky',
      password: 'long enough password',
      organizationId: region.id,
      roles: [{ role: 'org_admin', scopeType: 'organization', scopeId: region.id }],
    });
    expect(granted.statusCode).toBe(403);
  });

  it('does not let staff or viewers browse the audit log or the user list', async () => {
    for (const who of [demo.staff, demo.viewer, demo.member]) {
      const a = await t.login(who);
      expect((await a.get('/api/v1/audit-events')).statusCode, who).toBe(403);
      expect((await a.get('/api/v1/users')).statusCode, who).toBe(403);
    }
  });
});

describe('hostile input', () => {
  const injections = ["'; DROP TABLE organizations; --", "Robert'); DELETE FROM users; --", '1 OR 1=1', '$1; SELECT pg_sleep(5)', '\\x27 UNION SELECT password_hash FROM users --'];

  it('stores SQL-injection strings verbatim in every organization text field', async () => {
    const admin = await t.login(demo.admin);
    for (const s of injections) {
      const body = {
        legalName: s,
        alternateNames: [s],
        description: s,
        phones: [{ number: '905-555-0100', description: s }],
        addresses: [{ address1: s, city: s, province: 'ON' }],
      };
      const res = await admin.post('/api/v1/organizations', body);
      expect(res.statusCode, s).toBe(201);
      const back = (await admin.get(`/api/v1/organizations/${res.json().id}`)).json();
      expect(back.legalName).toBe(s);
      expect(back.alternateNames).toEqual([s]);
      expect(back.description).toBe(s);
      expect(back.phones[0].description).toBe(s);
      expect(back.addresses[0].address1).toBe(s);
      const search = await admin.get(`/api/v1/organizations?q=${encodeURIComponent(s)}`);
      expect(search.statusCode).toBe(200);
    }
    const users = await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
    expect(users[0].n).toBeGreaterThanOrEqual(6);
    for (const q of ['audit-events?actor=', 'audit-events?action=', 'users?q=', 'geographies?q=']) {
      const res = await admin.get(`/api/v1/${q}${encodeURIComponent(injections[0])}`);
      expect(res.statusCode, q).toBe(200);
    }
  });

  it('rejects oversized text in every field, naming the field, and stores nothing', async () => {
    const admin = await t.login(demo.admin);
    const before = (await admin.get('/api/v1/organizations')).json().total;
    const big = 'x'.repeat(100_000);
    const cases: [Record<string, unknown>, string][] = [
      [{ legalName: big }, 'legalName'],
      [{ legalName: 'ok', alternateNames: [big] }, 'alternateNames.0'],
      [{ legalName: 'ok', description: big + big }, 'description'],
      [{ legalName: 'ok', website: 'https://' + big }, 'website'],
      [{ legalName: 'ok', email: big + '@example.org' }, 'email'],
      [{ legalName: 'ok', phones: [{ number: '905', description: big }] }, 'phones.0.description'],
      [{ legalName: 'ok', addresses: [{ address1: big, city: 'Ajax' }] }, 'addresses.0.address1'],
      [{ legalName: 'ok', addresses: [{ address1: 'a', city: big }] }, 'addresses.0.city'],
    ];
    for (const [body, field] of cases) {
      const res = await admin.post('/api/v1/organizations', body);
      expect(res.statusCode, field).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.json().errors.map((e: { field: string }) => e.field), field).toContain(field);
    }
    const huge = await admin.post('/api/v1/organizations', { legalName: 'x', description: 'y'.repeat(2 * 1024 * 1024) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().code).toBe('payload_too_large');
    expect((await admin.get('/api/v1/organizations')).json().total).toBe(before);
  });

  it('answers malformed JSON and wrong types with 400 problem+json', async () => {
    const admin = await t.login(demo.admin);
    const bad = await admin.request({ method: 'POST', url: '/api/v1/organizations', headers: { 'content-type': 'application/json' }, payload: '{"legalName": ' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
    const wrong = await admin.post('/api/v1/organizations', { legalName: 42, alternateNames: 'nope' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['alternateNames', 'legalName']);
    const notUuid = await admin.get('/api/v1/organizations/not-a-uuid');
    expect(notUuid.statusCode).toBe(400);
    expect(notUuid.json().errors[0].field).toBe('id');
  });
});

describe('secrets', () => {
  it('never logs or returns passwords or their hashes', async () => {
    const secret = 'unmistakable-Passw0rd-77';
    const newSecret = 'another-unmistakable-Passw0rd-88';
    const login = async (email: string, password: string) => logged.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
    const adminRes = await login(demo.admin, demo.password);
    const cookie = adminRes.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const headers = { cookie, 'x-csrf-token': adminRes.json().csrfToken };
    const created = await logged.inject({ method: 'POST', url: '/api/v1/users', headers, payload: { email: 'secret@example.org', name: 'Secret', password: secret, roles: [] } });
    expect(created.statusCode).toBe(201);
    const wrong = await login('secret@example.org', secret + 'x');
    const ok = await login('secret@example.org', secret);
    const userCookie = ok.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const changed = await logged.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: { cookie: userCookie, 'x-csrf-token': ok.json().csrfToken },
      payload: { currentPassword: secret, newPassword: newSecret },
    });
    expect(changed.statusCode).toBe(204);
    const list = await logged.inject({ method: 'GET', url: '/api/v1/users?perPage=200', headers });
    const bodies = [adminRes, created, wrong, ok, changed, list].map((r) => r.body).join('\n');
    for (const haystack of [bodies, logs]) {
      expect(haystack).not.toContain(secret);
      expect(haystack).not.toContain(newSecret);
      expect(haystack).not.toContain(demo.password);
      expect(haystack).not.toContain('$argon2');
      expect(haystack).not.toMatch(/passwordHash|password_hash/);
    }
    expect(logs).toContain('/api/v1/auth/login'); // the capture did work
    const audit = await t.database.query<{ details: unknown }>('SELECT details FROM audit_events');
    expect(JSON.stringify(audit)).not.toContain(secret);
  });
});

describe('audit log', () => {
  it('is append-only in the database itself', async () => {
    for (const stmt of ['UPDATE audit_events SET action = $$x$$', 'DELETE FROM audit_events', 'TRUNCATE audit_events']) {
      await expect(t.database.query(stmt), stmt).rejects.toThrow(/append-only/);
    }
    const rows = await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events');
    expect(rows[0].n).toBeGreaterThan(0);
  });

  it('offers no route that changes or deletes audit events', () => {
    const paths = t.app.swagger().paths as Record<string, Record<string, unknown>>;
    const auditMethods = Object.entries(paths).filter(([p]) => p.includes('audit')).flatMap(([, m]) => Object.keys(m));
    expect(auditMethods).toEqual(['get']);
  });
});

describe('browser security headers', () => {
  it('sends a strict content security policy and no-sniff on the app, the API and the docs', async () => {
    for (const url of ['/', '/api/v1/meta', '/openapi.json', '/docs/']) {
      const res = await t.app.inject({ method: 'GET', url });
      const csp = String(res.headers['content-security-policy'] ?? '');
      expect(csp, url).toContain("default-src 'self'");
      expect(csp, url).toContain("script-src 'self'");
      expect(csp, url).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-frame-options'], url).toBe('SAMEORIGIN');
    }
  });

  it('sends HSTS only when cookies are marked secure (served over HTTPS)', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/meta' });
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });
});
