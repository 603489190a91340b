import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, demo, type Agent, type TestApp } from '../../../test/helpers/test-app';

let t: TestApp;
let staff: Agent;
let orgAdmin: Agent;
let admin: Agent;
let cdcd: string;
let instrumentId: string;
const svc: Record<string, string> = {};

async function serviceId(name: string) {
  const [r] = await t.database.query<{ id: string }>('SELECT id FROM directory_services WHERE name = $1', [name]);
  return r.id;
}

beforeAll(async () => {
  t = await createTestApp();
  staff = await t.login(demo.staff);
  orgAdmin = await t.login(demo.orgAdmin);
  admin = await t.login(demo.admin);
  [{ id: cdcd }] = await t.database.query<{ id: string }>('SELECT id FROM organizations WHERE legal_name = $1', ['Community Development Council Durham']);
  [{ id: instrumentId }] = await t.database.query<{ id: string }>(`SELECT id FROM intake_instruments WHERE code = 'common-screening'`);
  svc.resources = await serviceId('Employment resource centre');
  svc.youth = await serviceId('Job search workshops for newcomer youth');
  svc.housing = await serviceId('Housing help and subsidised housing applications');
  svc.food = await serviceId('Emergency food bank');
}, 120_000);
afterAll(async () => t?.close());

const del = (a: Agent, id: string) => a.request({ method: 'DELETE', url: `/api/v1/intake/bundles/${id}` });
const body = (extra: Record<string, unknown> = {}) => ({
  name: 'Test job and housing start', description: 'Fictional test bundle', needCodes: ['employment', 'housing'], maxAcuity: 3, serviceIds: [svc.resources, svc.housing], ...extra,
});
async function auditActions(entityId: string) {
  return (await t.database.query<{ action: string }>(`SELECT action FROM audit_events WHERE entity_type = 'intake_bundle' AND entity_id = $1 ORDER BY id`, [entityId])).map((r) => r.action);
}

describe('support bundles: create, list, update, delete', () => {
  it('walks the ladder: 401, 403 for a worker, 201 for the org admin, then edit with a version and delete', async () => {
    expect((await t.anonymous.get('/api/v1/intake/bundles')).statusCode).toBe(401);
    const denied = await staff.post('/api/v1/intake/bundles', body());
    expect(denied.statusCode).toBe(403);

    const created = await orgAdmin.post('/api/v1/intake/bundles', body());
    expect(created.statusCode, created.body).toBe(201);
    const b = created.json();
    expect(b).toMatchObject({ name: 'Test job and housing start', organizationId: cdcd, organizationName: 'Community Development Council Durham', needCodes: ['employment', 'housing'], maxAcuity: 3, version: 1, actions: ['update', 'delete'] });
    expect(b.services.map((s: { name: string }) => s.name)).toEqual(['Employment resource centre', 'Housing help and subsidised housing applications']);
    expect(b.services[1].organizationName).toBe('Regional Municipality of Durham');

    const list = await staff.get('/api/v1/intake/bundles');
    expect(list.statusCode).toBe(200);
    const mine = list.json().items.find((i: { id: string }) => i.id === b.id);
    expect(mine.services).toHaveLength(2);
    expect(mine.actions).toEqual([]); // a worker reads, never changes
    expect(list.json().canCreate).toBe(false);
    expect(list.json().needOptions).toEqual(expect.arrayContaining(['employment', 'housing', 'language', 'income']));
    expect((await staff.get(`/api/v1/intake/bundles/${b.id}`)).json().name).toBe(b.name);

    expect((await staff.put(`/api/v1/intake/bundles/${b.id}`, body({ version: 1 }))).statusCode).toBe(403);
    const upd = await orgAdmin.put(`/api/v1/intake/bundles/${b.id}`, body({ name: 'Test job and housing start (renamed)', maxAcuity: 2, serviceIds: [svc.housing], version: 1 }));
    expect(upd.statusCode, upd.body).toBe(200);
    expect(upd.json()).toMatchObject({ name: 'Test job and housing start (renamed)', maxAcuity: 2, version: 2 });
    expect(upd.json().services.map((s: { serviceId: string }) => s.serviceId)).toEqual([svc.housing]);
    const stale = await orgAdmin.put(`/api/v1/intake/bundles/${b.id}`, body({ name: 'Lost edit', version: 1 }));
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('conflict.stale_version');
    expect(stale.json().current.version).toBe(2);

    expect((await del(staff, b.id)).statusCode).toBe(403);
    expect((await del(orgAdmin, b.id)).statusCode).toBe(204);
    expect((await staff.get(`/api/v1/intake/bundles/${b.id}`)).statusCode).toBe(404);
    expect((await del(orgAdmin, b.id)).statusCode).toBe(404);
    expect(await auditActions(b.id)).toEqual(['intake.bundle.create', 'intake.bundle.update', 'intake.bundle.delete']);
  });

  it('names the field at fault: no need, unknown need, unknown service, acuity 6, no name', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ needCodes: [] }, 'needCodes'],
      [{ needCodes: ['employment', 'astrology'] }, 'needCodes.1'],
      [{ serviceIds: [] }, 'serviceIds'],
      [{ serviceIds: [svc.resources, '00000000-0000-4000-8000-000000000000'] }, 'serviceIds.1'],
      [{ maxAcuity: 6 }, 'maxAcuity'],
      [{ maxAcuity: 0 }, 'maxAcuity'],
      [{ name: '   ' }, 'name'],
    ];
    for (const [extra, field] of cases) {
      const res = await orgAdmin.post('/api/v1/intake/bundles', body(extra));
      expect(res.statusCode, JSON.stringify(extra)).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.json().errors.map((e: { field: string }) => e.field), JSON.stringify(extra)).toEqual([field]);
    }
    // A directory taxonomy code is a need too (the vocabulary matching uses).
    const taxo = await orgAdmin.post('/api/v1/intake/bundles', body({ name: 'Test taxonomy need', needCodes: ['housing.help'] }));
    expect(taxo.statusCode, taxo.body).toBe(201);
    expect((await t.database.query('SELECT 1 FROM intake_bundles WHERE name LIKE $1', ['Test%'])).length).toBe(1);
    await del(orgAdmin, taxo.json().id);
  });

  it('refuses a duplicate name within one organization (409 naming name), not across organizations', async () => {
    const first = await orgAdmin.post('/api/v1/intake/bundles', body({ name: 'Test duplicate' }));
    expect(first.statusCode).toBe(201);
    const dup = await orgAdmin.post('/api/v1/intake/bundles', body({ name: 'test DUPLICATE' }));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors[0].field).toBe('name');
    const regionWide = await admin.post('/api/v1/intake/bundles', body({ name: 'Test duplicate', organizationId: null }));
    expect(regionWide.statusCode, regionWide.body).toBe(201);
    expect(regionWide.json().organizationId).toBeNull();
    // Renaming onto a taken name is refused too.
    const other = await orgAdmin.post('/api/v1/intake/bundles', body({ name: 'Test other' }));
    const rename = await orgAdmin.put(`/api/v1/intake/bundles/${other.json().id}`, body({ name: 'Test duplicate', version: 1 }));
    expect(rename.statusCode).toBe(409);
    expect(rename.json().errors[0].field).toBe('name');
    // The database holds the rules too: one name per organization, never an empty bundle.
    const insert = (name: string, needs: string, services: string) => t.database.query(
      `INSERT INTO intake_bundles (organization_id, name, need_codes, max_acuity, service_ids) VALUES ($1, $2, $3::text[], 3, $4::uuid[])`, [cdcd, name, needs, services]);
    await expect(insert('TEST Duplicate', '{employment}', `{${svc.resources}}`)).rejects.toThrow(/intake_bundles_name_key|duplicate key/);
    await expect(insert('Test empty needs', '{}', `{${svc.resources}}`)).rejects.toThrow(/intake_bundles_need_codes_check|check constraint/);
    await expect(insert('Test empty services', '{employment}', '{}')).rejects.toThrow(/intake_bundles_service_ids_check|check constraint/);
    for (const r of [first, regionWide, other]) await del(admin, r.json().id);
  });

  it('keeps region-wide bundles to platform admins, and other organizations\' bundles to their admins', async () => {
    expect((await orgAdmin.post('/api/v1/intake/bundles', body({ name: 'Test region', organizationId: null }))).statusCode).toBe(403);
    const [{ id: nlc }] = await t.database.query<{ id: string }>('SELECT id FROM organizations WHERE legal_name = $1', ['Northern Lights Canada – Employment Services']);
    expect((await orgAdmin.post('/api/v1/intake/bundles', body({ name: 'Test other org', organizationId: nlc }))).statusCode).toBe(403);
    const noOrg = await admin.post('/api/v1/intake/bundles', body({ name: 'Test no such org', organizationId: '00000000-0000-4000-8000-000000000001' }));
    expect(noOrg.statusCode).toBe(400);
    expect(noOrg.json().errors[0].field).toBe('organizationId');
    const region = await admin.post('/api/v1/intake/bundles', body({ name: 'Test region', organizationId: null }));
    expect(region.statusCode).toBe(201);
    const seen = (await orgAdmin.get(`/api/v1/intake/bundles/${region.json().id}`)).json();
    expect(seen.actions).toEqual([]);
    expect((await orgAdmin.put(`/api/v1/intake/bundles/${region.json().id}`, body({ name: 'Test region', version: 1 }))).statusCode).toBe(403);
    expect((await del(orgAdmin, region.json().id)).statusCode).toBe(403);
    expect((await del(admin, region.json().id)).statusCode).toBe(204);
  });
});

describe('support bundles in matching', () => {
  it('returns a bundle only when all its needs are the client’s and the acuity fits, with services and eligibility', async () => {
    const make = async (name: string, needCodes: string[], maxAcuity: number, serviceIds: string[]) => {
      const r = await orgAdmin.post('/api/v1/intake/bundles', { name, needCodes, maxAcuity, serviceIds });
      expect(r.statusCode, r.body).toBe(201);
      return r.json().id as string;
    };
    const fits = await make('Test fits', ['employment', 'housing'], 3, [svc.resources, svc.youth]);
    const extraNeed = await make('Test extra need', ['employment', 'food'], 5, [svc.food]);
    const tooLowAcuity = await make('Test acuity 1 only', ['employment'], 1, [svc.resources]);
    const c = await staff.post('/api/v1/intake/clients', {
      name: 'Bundle Fictional-Match', birthDate: '1990-02-03', confirmNotDuplicate: true, consent: { method: 'signed_on_screen', organizationIds: [] },
    });
    expect(c.statusCode, c.body).toBe(201);
    const a = await staff.post(`/api/v1/intake/clients/${c.json().id}/assessments`, { instrumentId, answers: { housing: { acuity: 2, yes: [] }, employment: { acuity: 3, yes: ['wants_work'] } } });
    expect(a.json().needs.map((n: { needCode: string }) => n.needCode)).toEqual(['housing', 'employment']);

    const m = (await staff.get(`/api/v1/intake/clients/${c.json().id}/matches`)).json();
    const names = m.bundles.map((b: { name: string }) => b.name);
    expect(names).toContain('Test fits');
    expect(names).not.toContain('Test extra need'); // food is not one of the client's needs
    expect(names).not.toContain('Test acuity 1 only'); // the client's lowest acuity is 2
    const b = m.bundles.find((x: { name: string }) => x.name === 'Test fits');
    expect(b).toMatchObject({ needCodes: ['employment', 'housing'], maxAcuity: 3, clientAcuity: 2, serviceIds: [svc.resources, svc.youth] });
    expect(b.services).toEqual([
      // The French name where the directory has one, and the age range for the page to put in words.
      { serviceId: svc.resources, name: 'Employment resource centre', nameFr: 'Centre de ressources pour l’emploi', organizationId: expect.any(String), organizationName: 'Northern Lights Canada – Employment Services', eligible: true, eligibilityRule: null, minimumAge: null, maximumAge: null },
      { serviceId: svc.youth, name: 'Job search workshops for newcomer youth', nameFr: 'Ateliers de recherche d’emploi pour jeunes nouveaux arrivants', organizationId: expect.any(String), organizationName: 'Northern Lights Canada – Employment Services', eligible: false, eligibilityRule: 'age 15–30', minimumAge: 15, maximumAge: 30 },
    ]);

    // A reassessment at acuity 1 brings in the acuity-1 bundle; out of crisis and without housing, "Test fits" goes.
    await staff.post(`/api/v1/intake/clients/${c.json().id}/assessments`, { instrumentId, answers: { employment: { acuity: 1, yes: [] } } });
    const m2 = (await staff.get(`/api/v1/intake/clients/${c.json().id}/matches`)).json();
    const names2 = m2.bundles.map((x: { name: string }) => x.name);
    expect(names2).toContain('Test acuity 1 only');
    expect(names2).not.toContain('Test fits');
    for (const id of [fits, extraNeed, tooLowAcuity]) await del(orgAdmin, id);
  });

  it('seeds demo bundles that fit the demo clients', async () => {
    const items = (await staff.get('/api/v1/intake/bundles')).json().items as { name: string; organizationName: string | null; services: unknown[] }[];
    expect(items.find((i) => i.name === 'Newcomer job start')).toMatchObject({ organizationName: 'Community Development Council Durham' });
    expect(items.find((i) => i.name === 'Life stabilization')).toMatchObject({ organizationName: null });
    expect(items.every((i) => i.services.length > 0)).toBe(true);
    const [demoClient] = await t.database.query<{ id: string }>(`SELECT id FROM intake_clients WHERE is_fictional AND status = 'active' ORDER BY created_at LIMIT 1`);
    const m = (await staff.get(`/api/v1/intake/clients/${demoClient.id}/matches`)).json();
    expect(m.bundles.map((b: { name: string }) => b.name)).toEqual(['Newcomer job start']);
  });
});
