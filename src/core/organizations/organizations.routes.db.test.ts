import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, demo, type TestApp } from '../../../test/helpers/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('organizations API', () => {
  it('refuses anonymous callers with 401 problem+json', async () => {
    const res = await t.anonymous.get('/api/v1/organizations');
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.json().code).toBe('auth.required');
  });

  it('lists and searches the Durham organizations, tolerant of accents and typos', async () => {
    const viewer = await t.login(demo.viewer);
    const all = await viewer.get('/api/v1/organizations?perPage=100');
    expect(all.statusCode).toBe(200);
    expect(all.json().total).toBeGreaterThanOrEqual(9);
    const byAcronym = await viewer.get('/api/v1/organizations?q=cdcd');
    expect(byAcronym.json().items[0].legalName).toBe('Community Development Council Durham');
    const typo = await viewer.get('/api/v1/organizations?q=unemployd');
    expect(typo.json().items[0].legalName).toBe('Durham Region Unemployed Help Centre');
    const accent = await viewer.get('/api/v1/organizations?q=WOMENS%20MULTICULTURAL');
    expect(accent.json().items.map((o: { legalName: string }) => o.legalName)).toContain('Women’s Multicultural Resource and Counselling Centre');
  });

  it('validates input and names the field at fault (400)', async () => {
    const admin = await t.login(demo.admin);
    const res = await admin.post('/api/v1/organizations', { legalName: '', email: 'not-an-email', partnerCategory: 'aliens' });
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['email', 'legalName', 'partnerCategory']);
  });

  it('lets an org admin edit only their own organization (403 elsewhere)', async () => {
    const orgAdmin = await t.login(demo.orgAdmin);
    const list = (await orgAdmin.get('/api/v1/organizations?perPage=100')).json().items;
    const own = list.find((o: { legalName: string }) => o.legalName === 'Community Development Council Durham');
    const other = list.find((o: { legalName: string }) => o.legalName === 'Regional Municipality of Durham');
    expect(own.actions.update).toBe(true);
    expect(other.actions.update).toBe(false);
    const ok = await orgAdmin.patch(`/api/v1/organizations/${own.id}`, { description: 'Updated by its admin', version: own.version });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().version).toBe(own.version + 1);
    const denied = await orgAdmin.patch(`/api/v1/organizations/${other.id}`, { description: 'hijack', version: other.version });
    expect(denied.statusCode).toBe(403);
    const unchanged = (await orgAdmin.get(`/api/v1/organizations/${other.id}`)).json();
    expect(unchanged.description).not.toBe('hijack');
  });

  it('answers a stale edit with 409 and the current version, not a silent overwrite', async () => {
    const admin = await t.login(demo.admin);
    const created = (await admin.post('/api/v1/organizations', { legalName: 'Ajax Newcomer Centre', partnerCategory: 'voluntary_nonprofit' })).json();
    const first = await admin.patch(`/api/v1/organizations/${created.id}`, { website: 'https://first.example', version: created.version });
    expect(first.statusCode).toBe(200);
    const stale = await admin.patch(`/api/v1/organizations/${created.id}`, { website: 'https://second.example', version: created.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('conflict.stale_version');
    expect(stale.json().current.website).toBe('https://first.example');
    expect(stale.json().current.version).toBe(created.version + 1);
  });

  it('rejects a parent cycle', async () => {
    const admin = await t.login(demo.admin);
    const a = (await admin.post('/api/v1/organizations', { legalName: 'Parent Org' })).json();
    const b = (await admin.post('/api/v1/organizations', { legalName: 'Child Org', parentId: a.id })).json();
    expect(b.parentName).toBe('Parent Org');
    const res = await admin.patch(`/api/v1/organizations/${a.id}`, { parentId: b.id, version: a.version });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('parentId');
  });

  it('writes create and update to the audit log with who, what and from where', async () => {
    const admin = await t.login(demo.admin);
    const created = (await admin.post('/api/v1/organizations', { legalName: 'Audited Org' })).json();
    await admin.patch(`/api/v1/organizations/${created.id}`, { sector: 'housing', version: 1 });
    const events = (await admin.get(`/api/v1/audit-events?entityType=organization&entityId=${created.id}`)).json().items;
    expect(events.map((e: { action: string }) => e.action)).toEqual(['organization.update', 'organization.create']);
    expect(events[0].actorLabel).toBe(demo.admin);
    expect(events[0].details.changed).toEqual(['sector']);
    expect(events[0].ip).toBeTruthy();
  });
});
