import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, demo, type Agent, type TestApp } from '../../../test/helpers/test-app';

let t: TestApp;
let orgAdmin: Agent;
let admin: Agent;
let cdcd: string;
let nlc: string;

beforeAll(async () => {
  t = await createTestApp();
  orgAdmin = await t.login(demo.orgAdmin);
  admin = await t.login(demo.admin);
  [{ id: cdcd }] = await t.database.query<{ id: string }>(`SELECT id FROM organizations WHERE legal_name = 'Community Development Council Durham'`);
  [{ id: nlc }] = await t.database.query<{ id: string }>(`SELECT id FROM organizations WHERE legal_name LIKE 'Northern Lights%'`);
}, 120_000);
afterAll(async () => t?.close());

describe('API clients', () => {
  it("revoking: another organization's client is 404 to an org admin, a second revoke is 409, both audited once", async () => {
    const theirs = (await admin.post('/api/v1/api-clients', { organizationId: nlc, name: 'NLC system', scopes: ['fhir.read'] })).json();
    expect((await orgAdmin.post(`/api/v1/api-clients/${theirs.id}/revoke`)).statusCode).toBe(404);
    const mine = (await orgAdmin.post('/api/v1/api-clients', { organizationId: cdcd, name: 'CDCD system', scopes: ['fhir.read', 'fhir.task.write'] })).json();
    expect(mine.scopes).toEqual(['fhir.read', 'fhir.task.write']);
    expect(mine.actions).toEqual({ 'api_clients.revoke': true });
    const revoked = (await orgAdmin.post(`/api/v1/api-clients/${mine.id}/revoke`)).json();
    expect(revoked.revokedAt).not.toBeNull();
    expect(revoked.actions).toEqual({ 'api_clients.revoke': false });
    const listed = (await orgAdmin.get(`/api/v1/api-clients?organizationId=${cdcd}`)).json().items.find((c: { id: string }) => c.id === mine.id);
    expect(listed.actions).toEqual({ 'api_clients.revoke': false });
    expect((await orgAdmin.post(`/api/v1/api-clients/${mine.id}/revoke`)).statusCode).toBe(409);
    const audit = await t.database.query<{ action: string }>(`SELECT action FROM audit_events WHERE entity_type = 'api_client' AND entity_id = $1 ORDER BY id`, [mine.id]);
    expect(audit.map((a) => a.action)).toEqual(['api_client.create', 'api_client.revoke']);
  });

  it('refuses an empty name or no scope, naming the field, and anonymous callers', async () => {
    const empty = await orgAdmin.post('/api/v1/api-clients', { organizationId: cdcd, name: '  ', scopes: ['fhir.read'] });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0].field).toBe('name');
    expect((await orgAdmin.post('/api/v1/api-clients', { organizationId: cdcd, name: 'x', scopes: [] })).json().errors[0].field).toBe('scopes');
    expect((await t.anonymous.get(`/api/v1/api-clients?organizationId=${cdcd}`)).statusCode).toBe(401);
    // Another organization's list is refused naming the action.
    const theirs = await orgAdmin.get(`/api/v1/api-clients?organizationId=${nlc}`);
    expect(theirs.statusCode).toBe(403);
    expect(theirs.json().detail).toBe('api_clients.list');
    // The database itself refuses a client without scopes.
    await expect(t.database.query(`INSERT INTO api_clients (organization_id, name, scopes, secret_hash) VALUES ($1, 'x', '{}', 'h')`, [cdcd])).rejects.toThrow();
  });
});
