import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, demo, type TestApp } from '../helpers/test-app';

/**
 * Issue 11, finding 7: public directory output (the HSDS API and the finder) must carry no
 * staff identity: organizations, not people, as verifier and editor; field history of public
 * fields only, never a removed value; only organizations that publish services are listed.
 */
let t: TestApp;
let serviceId: string;
const SECRET = 'private.caseworker@cdcd.example';

beforeAll(async () => {
  t = await createTestApp();
  serviceId = (await t.database.query<{ id: string }>(`SELECT id FROM directory_services WHERE name = 'Newcomer settlement services'`))[0].id;
  const staff = await t.login(demo.orgAdmin);
  // A staff member verifies the record, puts a private address in the public e-mail field by mistake, then removes it.
  expect((await staff.post(`/api/v1/directory/services/${serviceId}/verify`)).statusCode).toBe(200);
  let v = (await staff.get(`/api/v1/finder/services/${serviceId}`)).json().version;
  const put = await staff.patch(`/api/v1/directory/services/${serviceId}`, { version: v, email: SECRET });
  expect(put.statusCode, put.body).toBe(200);
  v = (await staff.get(`/api/v1/finder/services/${serviceId}`)).json().version;
  const removed = await staff.patch(`/api/v1/directory/services/${serviceId}`, { version: v, email: 'info@cdcd.example' });
  expect(removed.statusCode, removed.body).toBe(200);
  expect((await staff.put(`/api/v1/directory/services/${serviceId}/capacity`, { unit: 'spaces', available: 3 })).statusCode).toBe(200);
  // An internal organization that publishes no service, with a staff e-mail.
  await t.database.query(`INSERT INTO organizations (id, legal_name, email) VALUES ('0000dead-0000-4000-8000-000000000001', 'Internal back office', 'backoffice.staff@internal.example')`);
});
afterAll(() => t.close());

const staffEmails = /@demo\.roundtable\.test/i;

describe('public directory output carries no staff identity', () => {
  it('/hsds/services/:id names the organization, not the person, as verifier and editor', async () => {
    const res = await t.anonymous.get(`/hsds/services/${serviceId}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toMatch(staffEmails);
    const s = res.json();
    expect(s.last_verified_by).toBe(s.organization.name);
    for (const m of s.metadata) expect(m.updated_by).toBe(s.organization.name);
    for (const c of s.capacities) expect(c.updated_by ?? s.organization.name).toBe(s.organization.name);
  });

  it('never serves a removed value in the field history', async () => {
    const hsds = await t.anonymous.get(`/hsds/services/${serviceId}`);
    expect(hsds.body).not.toContain(SECRET);
    const finder = await t.anonymous.get(`/api/v1/finder/services/${serviceId}`);
    expect(finder.statusCode).toBe(200);
    expect(finder.body).not.toContain(SECRET);
    expect(finder.body).not.toMatch(staffEmails);
    const list = await t.anonymous.get(`/hsds/services?full=true&per_page=500`);
    expect(list.body).not.toContain(SECRET);
    expect(list.body).not.toMatch(staffEmails);
    // The current value is still public.
    expect(hsds.json().email).toBe('info@cdcd.example');
  });

  it('serves field history of public fields only', async () => {
    await t.database.query(`INSERT INTO directory_metadata (resource_id, resource_type, last_action_type, field_name, previous_value, replacement_value, updated_by)
      VALUES ('${serviceId}', 'service', 'update', 'internal_note', 'client asked for Jane', 'n/a', 'jane.doe@demo.roundtable.test')`);
    const s = (await t.anonymous.get(`/hsds/services/${serviceId}`)).json();
    expect(s.metadata.map((m: { field_name: string }) => m.field_name)).not.toContain('internal_note');
    expect(JSON.stringify(s)).not.toContain('client asked for Jane');
  });

  it('/hsds/organizations lists only organizations that publish services', async () => {
    const res = await t.anonymous.get('/hsds/organizations?per_page=500');
    expect(res.body).not.toContain('backoffice.staff@internal.example');
    const page = res.json();
    const published = await t.database.query<{ n: number }>(`SELECT count(DISTINCT organization_id)::int AS n FROM directory_services`);
    expect(page.total_items).toBe(published[0].n);
    expect((await t.anonymous.get('/hsds/organizations?search=back%20office')).json().total_items).toBe(0);
    expect((await t.anonymous.get('/hsds/organizations/0000dead-0000-4000-8000-000000000001')).statusCode).toBe(404);
    expect((await t.anonymous.get('/hsds/organizations/0000dead-0000-4000-8000-000000000001?full_service=true')).statusCode).toBe(404);
  });
});
