import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, demo, type Agent, type TestApp } from '../../../test/helpers/test-app';

let t: TestApp;
let staff: Agent;
let orgAdmin: Agent;
let admin: Agent;
let nlc: string;
let cdcd: string;
let nlcService: string;

async function orgId(name: string) {
  const [r] = await t.database.query<{ id: string }>('SELECT id FROM organizations WHERE legal_name = $1', [name]);
  return r.id;
}
const call = (token: string | null, method: 'GET' | 'PUT', url: string, payload?: unknown) =>
  t.app.inject({ method, url, payload: payload ? JSON.stringify(payload) : undefined, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(payload ? { 'content-type': 'application/fhir+json' } : {}) } });

beforeAll(async () => {
  t = await createTestApp();
  staff = await t.login(demo.staff);
  orgAdmin = await t.login(demo.orgAdmin);
  admin = await t.login(demo.admin);
  nlc = await orgId('Northern Lights Canada – Employment Services');
  cdcd = await orgId('Community Development Council Durham');
  const [s] = await t.database.query<{ id: string }>(`SELECT id FROM directory_services WHERE organization_id = $1 ORDER BY name LIMIT 1`, [nlc]);
  nlcService = s.id;
}, 120_000);
afterAll(async () => t?.close());

async function referral() {
  const c = await staff.post('/api/v1/intake/clients', { name: 'Fictional Endpoint-Client', birthDate: '1985-05-05', confirmNotDuplicate: true, consent: { method: 'signed_on_screen', organizationIds: [nlc] } });
  const r = await staff.post('/api/v1/intake/referrals', { clientId: c.json().id, serviceId: nlcService, needCode: 'employment', reason: 'Wants work', urgency: 'routine' });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: string };
}

describe('API clients', () => {
  it('an organization admin creates one; the token is shown once and stored as a keyed hash; staff and other admins cannot', async () => {
    expect((await staff.post('/api/v1/api-clients', { organizationId: cdcd, name: 'Hospital link', scopes: ['fhir.read'] })).statusCode).toBe(403);
    expect((await orgAdmin.post('/api/v1/api-clients', { organizationId: nlc, name: 'Not mine', scopes: ['fhir.read'] })).statusCode).toBe(403);
    expect((await orgAdmin.post('/api/v1/api-clients', { organizationId: cdcd, name: 'x', scopes: ['everything'] })).json().errors[0].field).toContain('scopes');
    const res = await orgAdmin.post('/api/v1/api-clients', { organizationId: cdcd, name: 'Hospital link', scopes: ['fhir.read'] });
    expect(res.statusCode, res.body).toBe(201);
    const { token, id } = res.json();
    const secret = token.split('.')[1];
    const [row] = await t.database.query<Record<string, string>>('SELECT * FROM api_clients WHERE id = $1', [id]);
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(row.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    const list = await orgAdmin.get(`/api/v1/api-clients?organizationId=${cdcd}`);
    expect(list.body).not.toContain(secret);
    expect(list.json().items.map((c: { id: string }) => c.id)).toContain(id);
    expect((await staff.get(`/api/v1/api-clients?organizationId=${cdcd}`)).statusCode).toBe(403);
    const audit = await t.database.query(`SELECT details FROM audit_events WHERE action = 'api_client.create' AND entity_id = $1`, [id]);
    expect(JSON.stringify(audit)).not.toContain(secret);
  });
});

describe('/fhir', () => {
  it('is rate-limited', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 62; i++) codes.push((await t.app.inject({ method: 'GET', url: '/fhir/metadata', remoteAddress: '203.0.113.9' })).statusCode);
    expect(codes.slice(0, 60).every((c) => c === 200)).toBe(true);
    expect(codes.at(-1)).toBe(429);
  });

  it('metadata is public; everything else needs a live bearer token with the right scope', async () => {
    // The reviewed public /fhir routes (the security suite pins those under /api/v1).
    expect(t.app.publicRoutes.filter((r) => r.includes(' /fhir'))).toEqual(['GET /fhir/metadata']);
    const meta = await call(null, 'GET', '/fhir/metadata');
    expect(meta.statusCode).toBe(200);
    expect(meta.json()).toMatchObject({ resourceType: 'CapabilityStatement', fhirVersion: '4.0.1' });
    const r = await referral();
    for (const url of ['/fhir/Task', `/fhir/Task/${r.id}`, `/fhir/ServiceRequest/${r.id}`]) {
      expect((await call(null, 'GET', url)).statusCode).toBe(401);
      expect((await call('00000000-0000-4000-8000-000000000000.AAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'GET', url)).statusCode).toBe(401);
    }
    // A session cookie is not a credential here.
    expect((await staff.get(`/fhir/Task/${r.id}`)).statusCode).toBe(401);
    const created = (await orgAdmin.post('/api/v1/api-clients', { organizationId: cdcd, name: 'Reader', scopes: ['fhir.read'] })).json();
    expect((await call(created.token.slice(0, -2) + 'xx', 'GET', `/fhir/Task/${r.id}`)).statusCode).toBe(401);
    expect((await call(created.token, 'PUT', `/fhir/Task/${r.id}`, { resourceType: 'Task', status: 'cancelled', intent: 'order', statusReason: { text: 'x' } })).statusCode).toBe(403);
    const ok = await call(created.token, 'GET', `/fhir/Task/${r.id}`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.headers['content-type']).toContain('application/fhir+json');
    expect(ok.json()).toMatchObject({ resourceType: 'Task', id: r.id, status: 'requested', code: { coding: [{ code: 'fulfill' }] }, focus: { reference: `ServiceRequest/${r.id}` } });
    expect((await call(created.token, 'GET', `/fhir/ServiceRequest/${r.id}`)).json()).toMatchObject({ resourceType: 'ServiceRequest', id: r.id });
    const [used] = await t.database.query<{ last_used_at: string | null }>('SELECT last_used_at FROM api_clients WHERE id = $1', [created.id]);
    expect(used.last_used_at).not.toBeNull();
    // Revoked: stops at once.
    expect((await orgAdmin.post(`/api/v1/api-clients/${created.id}/revoke`)).statusCode).toBe(200);
    expect((await call(created.token, 'GET', `/fhir/Task/${r.id}`)).statusCode).toBe(401);
  });

  it("the partner's system polls its Tasks, accepts, starts and completes; scoped to its organization; every call audited and reads in the access log", async () => {
    const r = await referral();
    // NLC's client is created by a platform admin (NLC has no org admin in the demo).
    const nlcClient = (await admin.post('/api/v1/api-clients', { organizationId: nlc, name: 'NLC case system', scopes: ['fhir.read', 'fhir.task.write'] })).json();
    const other = (await orgAdmin.post('/api/v1/api-clients', { organizationId: cdcd, name: 'CDCD reader', scopes: ['fhir.read'] })).json();
    const since = new Date(Date.now() - 60_000).toISOString();
    const search = await call(nlcClient.token, 'GET', `/fhir/Task?owner=Organization/${nlc}&status=requested&_lastUpdated=gt${since}`);
    expect(search.statusCode, search.body).toBe(200);
    expect(search.json().type).toBe('searchset');
    expect(search.json().entry.map((e: { resource: { id: string } }) => e.resource.id)).toContain(r.id);
    expect((await call(nlcClient.token, 'GET', `/fhir/Task?_lastUpdated=yesterday`)).json().errors[0].field).toBe('_lastUpdated');
    const future = await call(nlcClient.token, 'GET', `/fhir/Task?_lastUpdated=gt2999-01-01`);
    expect(future.json().entry).toEqual([]);
    const accept = await call(nlcClient.token, 'PUT', `/fhir/Task/${r.id}`, { resourceType: 'Task', id: r.id, status: 'accepted', intent: 'order' });
    expect(accept.statusCode, accept.body).toBe(200);
    expect(accept.json().status).toBe('accepted');
    const seen = (await staff.get(`/api/v1/intake/referrals/${r.id}`)).json();
    expect(seen.events.map((e: { toStatus: string }) => e.toStatus)).toEqual(['requested', 'received', 'accepted']);
    expect(seen.events.at(-1).actor).toContain('api-client:');
    // The sender's reader cannot move it; the receiver cannot cancel; nobody can go back.
    expect((await call(other.token, 'PUT', `/fhir/Task/${r.id}`, { resourceType: 'Task', status: 'in-progress', intent: 'order' })).statusCode).toBe(403);
    expect((await call(nlcClient.token, 'PUT', `/fhir/Task/${r.id}`, { resourceType: 'Task', status: 'cancelled', intent: 'order', statusReason: { text: 'No' } })).statusCode).toBe(403);
    expect((await call(nlcClient.token, 'PUT', `/fhir/Task/${r.id}`, { resourceType: 'Task', status: 'rejected', intent: 'order', statusReason: { text: 'No' } })).statusCode).toBe(409);
    const done = await call(nlcClient.token, 'PUT', `/fhir/Task/${r.id}`, { resourceType: 'Task', status: 'completed', intent: 'order' });
    expect(done.json().status).toBe('completed');
    // Another organization's client sees nothing of a referral it is not part of.
    const outsider = (await admin.post('/api/v1/api-clients', { organizationId: await orgId('Regional Municipality of Durham'), name: 'Region', scopes: ['fhir.read'] })).json();
    expect((await call(outsider.token, 'GET', `/fhir/Task/${r.id}`)).statusCode).toBe(404);
    expect((await call(outsider.token, 'GET', `/fhir/Task`)).json().entry).toEqual([]);
    const audit = await t.database.query<{ action: string; actor_label: string; actor_user_id: string | null }>(`SELECT action, actor_label, actor_user_id FROM audit_events WHERE actor_label LIKE 'api-client:%' ORDER BY id`);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['intake.referral.read', 'fhir.task.search', 'intake.referral.accepted', 'intake.referral.completed']));
    const log = await t.database.query(`SELECT 1 FROM intake_access_log WHERE actor_label = $1 AND action = 'fhir.task.search'`, [`api-client:NLC case system`]);
    expect(log.length).toBeGreaterThan(0);
  });
});
