import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, demo, type TestApp, type Agent } from '../helpers/test-app';
import { DEMO_PRIVACY } from '../../src/modules/intake/intake.seeds';

/** Finding 10: roles that protect the protector; every role grant is 200 or a 4xx naming the field. */
let t: TestApp;
let admin: Agent;
let orgAdmin: Agent;
let officer: { id: string; organizationId: string; roles: { role: string; scopeType: string; scopeId: string | null }[] };

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login(demo.admin);
  orgAdmin = await t.login(demo.orgAdmin);
  const list = (await admin.get(`/api/v1/users?q=${encodeURIComponent(DEMO_PRIVACY)}`)).json().items;
  officer = list[0];
  expect(officer.roles.some((r) => r.role === 'privacy_officer')).toBe(true);
});
afterAll(() => t.close());

describe('the privacy officer', () => {
  it('cannot be stripped of the role by an organization admin', async () => {
    const res = await orgAdmin.put(`/api/v1/users/${officer.id}/roles`, { roles: officer.roles.filter((r) => r.role !== 'privacy_officer') });
    expect(res.statusCode).toBe(403);
    const after = (await admin.get(`/api/v1/users/${officer.id}`)).json();
    expect(after.roles).toEqual(officer.roles);
  });

  it('cannot be deactivated by an organization admin', async () => {
    const res = await orgAdmin.post(`/api/v1/users/${officer.id}/deactivate`);
    expect(res.statusCode).toBe(403);
    expect((await admin.get(`/api/v1/users/${officer.id}`)).json().isActive).toBe(true);
  });

  it('can have other roles changed by the organization admin as long as the privacy officer role stays', async () => {
    const res = await orgAdmin.put(`/api/v1/users/${officer.id}/roles`, { roles: officer.roles });
    expect(res.statusCode).toBe(200);
  });

  it('is removed and restored by a platform admin through the API (200 both ways)', async () => {
    const without = officer.roles.filter((r) => r.role !== 'privacy_officer');
    expect((await admin.put(`/api/v1/users/${officer.id}/roles`, { roles: without })).statusCode).toBe(200);
    const restored = await admin.put(`/api/v1/users/${officer.id}/roles`, { roles: officer.roles });
    expect(restored.statusCode, restored.body).toBe(200);
    expect((await admin.get(`/api/v1/users/${officer.id}`)).json().roles).toEqual(officer.roles);
  });
});

describe('granting any role with any scope', () => {
  const roles = ['platform_admin', 'org_admin', 'staff', 'coordinator', 'member', 'viewer', 'privacy_officer', 'nonsense'];
  const scopes = ['platform', 'organization', 'collaborative', 'galaxy'];
  it('answers 200 or a 4xx naming the field, never 500', async () => {
    const created = await admin.post('/api/v1/users', { email: 'grants@example.org', name: 'Grant Target', password: 'correct horse battery', roles: [] });
    const id = created.json().id;
    const scopeIds = [null, officer.organizationId, '00000000-0000-4000-8000-000000000000', 'not-a-uuid'];
    for (const role of roles)
      for (const scopeType of scopes)
        for (const scopeId of scopeIds)
          for (const who of [admin, orgAdmin]) {
            const res = await who.put(`/api/v1/users/${id}/roles`, { roles: [{ role, scopeType, scopeId }] });
            expect(res.statusCode, `${role}/${scopeType}/${scopeId}: ${res.body}`).toBeLessThan(500);
            if (res.statusCode === 400) expect(res.json().errors?.[0]?.field, res.body).toMatch(/^roles/);
          }
    const twice = await admin.put(`/api/v1/users/${id}/roles`, { roles: [{ role: 'staff', scopeType: 'organization', scopeId: officer.organizationId }, { role: 'staff', scopeType: 'organization', scopeId: officer.organizationId }] });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().errors[0].field).toBe('roles.1');
  });
});
