import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, demo, type Agent, type TestApp } from '../../../test/helpers/test-app';
import { DEMO_PARTNER } from './intake.seeds';

let t: TestApp;
let staff: Agent;
let partner: Agent;
let nlc: string;
let cdcd: string;

beforeAll(async () => {
  t = await createTestApp();
  staff = await t.login(demo.staff);
  partner = await t.login(DEMO_PARTNER);
  [{ id: nlc }] = await t.database.query<{ id: string }>('SELECT id FROM organizations WHERE legal_name = $1', ['Northern Lights Canada – Employment Services']);
  [{ id: cdcd }] = await t.database.query<{ id: string }>('SELECT id FROM organizations WHERE legal_name = $1', ['Community Development Council Durham']);
}, 120_000);
afterAll(async () => t?.close());

async function newClient(extra: Record<string, unknown> = {}) {
  const res = await staff.post('/api/v1/intake/clients', {
    name: 'Ama Fictional-Boateng', birthDate: '1984-07-09', phone: '555-0101', preferredName: 'Ama', confirmNotDuplicate: true,
    consent: { method: 'signed_on_screen', organizationIds: [nlc] }, ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number };
}

describe('editing a client record', () => {
  it('changes and clears fields, keeps the rest, and refuses a stale version', async () => {
    const c = await newClient();
    const res = await staff.patch(`/api/v1/intake/clients/${c.id}`, {
      version: c.version, preferredName: null, email: 'ama@example.test', household: [{ name: 'Kwame Fictional-Boateng', relationship: 'son', birthDate: '2015-01-02' }],
      identifiers: [{ type: 'UCI', value: '0000-0000' }], immigrationCategory: 'Permanent resident',
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json();
    expect(after.preferredName).toBeNull();
    expect(after.phone).toBe('555-0101');
    expect(after.email).toBe('ama@example.test');
    expect(after.household).toEqual([{ name: 'Kwame Fictional-Boateng', relationship: 'son', birthDate: '2015-01-02' }]);
    expect(after.identifiers).toEqual([{ type: 'UCI', value: '0000-0000' }]);
    expect(after.version).toBe(c.version + 1);
    const stale = await staff.patch(`/api/v1/intake/clients/${c.id}`, { version: c.version, name: 'Someone Else' });
    expect(stale.statusCode).toBe(409);
    expect((await staff.get(`/api/v1/intake/clients/${c.id}`)).json().name).toBe('Ama Fictional-Boateng');
    // The search index follows a name change.
    await staff.patch(`/api/v1/intake/clients/${c.id}`, { version: after.version, name: 'Ama Fictional-Owusu' });
    const found = (await staff.get('/api/v1/intake/clients?q=Owusu')).json().items.map((x: { id: string }) => x.id);
    expect(found).toContain(c.id);
  });

  it('names the field at fault', async () => {
    const c = await newClient();
    const res = await staff.patch(`/api/v1/intake/clients/${c.id}`, { version: c.version, household: [{ name: '' }] });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors[0].field).toBe('household.0.name');
  });
});

describe('closing and reopening a record', () => {
  it('needs a reason, and a note for "other"; records when and why; reopening clears it', async () => {
    const c = await newClient();
    expect((await staff.post(`/api/v1/intake/clients/${c.id}/close`, {})).json().errors[0].field).toBe('reason');
    const other = await staff.post(`/api/v1/intake/clients/${c.id}/close`, { reason: 'other' });
    expect(other.statusCode).toBe(400);
    expect(other.json().errors[0].field).toBe('note');
    const closed = await staff.post(`/api/v1/intake/clients/${c.id}/close`, { reason: 'goals_met' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', closedReason: 'goals_met' });
    expect(closed.json().closedAt).not.toBeNull();
    expect((await staff.post(`/api/v1/intake/clients/${c.id}/close`, { reason: 'goals_met' })).statusCode).toBe(409);
    // A closed record is not edited until reopened.
    const edit = await staff.patch(`/api/v1/intake/clients/${c.id}`, { version: closed.json().version, phone: '555-0199' });
    expect(edit.statusCode).toBe(409);
    const reopened = await staff.post(`/api/v1/intake/clients/${c.id}/reopen`);
    expect(reopened.json()).toMatchObject({ status: 'active', closedReason: null, closedAt: null });
    expect((await staff.post(`/api/v1/intake/clients/${c.id}/reopen`)).statusCode).toBe(409);
    const actions = await t.database.query<{ action: string }>(`SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY id`, [c.id]);
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['intake.client.close', 'intake.client.reopen']));
  });

  it('only the home organization closes it, even when another sees the record', async () => {
    const c = await newClient();
    expect((await partner.get(`/api/v1/intake/clients/${c.id}`)).statusCode).toBe(200);
    expect((await partner.post(`/api/v1/intake/clients/${c.id}/close`, { reason: 'goals_met' })).statusCode).toBe(403);
    expect((await staff.get(`/api/v1/intake/clients/${c.id}`)).json().status).toBe('active');
  });
});

describe('self-referrals from the finder', () => {
  async function ask(firstName: string, contact = '555-0142') {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/intake/self-referrals', payload: { organizationId: cdcd, firstName, contact, preferredLanguage: 'tw' } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  }

  it('an intake answers one: it leaves the worklist and is linked to the new record', async () => {
    const id = await ask('Kofi');
    const seen = await staff.get(`/api/v1/intake/self-referrals/${id}`);
    expect(seen.json()).toMatchObject({ firstName: 'Kofi', contact: '555-0142', status: 'new', preferredLanguage: 'tw' });
    const wl = await staff.get('/api/v1/intake/worklist');
    expect(wl.statusCode, wl.body).toBe(200);
    expect(wl.json().selfReferrals.map((s: { id: string }) => s.id)).toContain(id);
    const c = await newClient({ name: 'Kofi Fictional-Asante', selfReferralId: id });
    const after = (await staff.get(`/api/v1/intake/self-referrals/${id}`)).json();
    expect(after).toMatchObject({ status: 'closed', outcome: 'intake_started', clientId: c.id });
    expect((await staff.get('/api/v1/intake/worklist')).json().selfReferrals.map((s: { id: string }) => s.id)).not.toContain(id);
    // The same request cannot start a second intake; nothing is stored for the refused one.
    const before = await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM intake_clients');
    const again = await staff.post('/api/v1/intake/clients', { name: 'Kofi Fictional-Twice', confirmNotDuplicate: true, selfReferralId: id, consent: { method: 'signed_on_screen' } });
    expect(again.statusCode).toBe(400);
    expect(again.json().errors[0].field).toBe('selfReferralId');
    expect((await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM intake_clients'))[0].n).toBe(before[0].n);
  });

  it('can be closed as could not reach; only once; other organizations get 404', async () => {
    const id = await ask('Efua', 'efua@example.test');
    expect((await partner.get(`/api/v1/intake/self-referrals/${id}`)).statusCode).toBe(404);
    expect((await partner.post(`/api/v1/intake/self-referrals/${id}/close`, { outcome: 'not_needed' })).statusCode).toBe(404);
    const closed = await staff.post(`/api/v1/intake/self-referrals/${id}/close`, { outcome: 'could_not_reach' });
    expect(closed.json()).toMatchObject({ status: 'closed', outcome: 'could_not_reach', clientId: null });
    expect((await staff.post(`/api/v1/intake/self-referrals/${id}/close`, { outcome: 'not_needed' })).statusCode).toBe(409);
    expect((await staff.post(`/api/v1/intake/self-referrals/${id}/close`, { outcome: 'intake_started' })).json().errors[0].field).toBe('outcome');
  });

  it('answered ones are purged with the retention period; open ones stay', async () => {
    const open = await ask('Yaw');
    const answered = await ask('Abena');
    await staff.post(`/api/v1/intake/self-referrals/${answered}/close`, { outcome: 'not_needed' });
    await t.database.query(`UPDATE intake_self_referrals SET handled_at = now() - interval '8 years' WHERE id = $1`, [answered]);
    const { purge } = await import('./intake.reports');
    const { systemActor } = await import('../../core/accounts/actor');
    const dry = await purge(t.database, systemActor('test'), { dryRun: true });
    expect(dry.selfReferrals).toBe(1);
    const done = await purge(t.database, systemActor('test'), { dryRun: false });
    expect(done.selfReferrals).toBe(1);
    const left = await t.database.query<{ id: string }>('SELECT id FROM intake_self_referrals WHERE id = ANY($1::uuid[])', [[open, answered]]);
    expect(left.map((r) => r.id)).toEqual([open]);
  });
});

describe('consent to a collaborative', () => {
  it('opens the record to the collaborative\'s members while it lasts, and names an unknown collaborative', async () => {
    const coordinator = await t.login(demo.coordinator);
    const [{ id: ldipc }] = await t.database.query<{ id: string }>(`SELECT id FROM collaboratives ORDER BY created_at LIMIT 1`);
    const c = await newClient();
    expect((await coordinator.get(`/api/v1/intake/clients/${c.id}`)).statusCode).toBe(404);
    const bad = await staff.post(`/api/v1/intake/clients/${c.id}/consents`, { purpose: 'care_coordination', dataCategories: ['identity'], collaborativeId: '00000000-0000-4000-8000-000000000000', method: 'signed_on_screen' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('collaborativeId');
    const ok = await staff.post(`/api/v1/intake/clients/${c.id}/consents`, { purpose: 'care_coordination', dataCategories: ['identity'], collaborativeId: ldipc, method: 'signed_on_screen' });
    expect(ok.statusCode, ok.body).toBe(201);
    const seen = await coordinator.get(`/api/v1/intake/clients/${c.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ name: 'Ama Fictional-Boateng', phone: null, visibleCategories: ['identity'] });
    await staff.post(`/api/v1/intake/clients/${c.id}/consents/${ok.json().id}/withdraw`);
    expect((await coordinator.get(`/api/v1/intake/clients/${c.id}`)).statusCode).toBe(404);
  });
});

describe('warm referral to a named person', () => {
  it('lists the people of the receiving organization, and refuses someone who is not one of them', async () => {
    const [{ id: nlcService }] = await t.database.query<{ id: string }>('SELECT id FROM directory_services WHERE organization_id = $1 ORDER BY name LIMIT 1', [nlc]);
    const people = await staff.get(`/api/v1/intake/organizations/${nlc}/contacts`);
    expect(people.statusCode).toBe(200);
    const counsellor = people.json().items.find((p: { name: string }) => p.name.startsWith('Demo Employment Counsellor'));
    expect(counsellor).toBeTruthy();
    expect(JSON.stringify(people.json())).not.toContain('@');
    expect((await (await t.login(demo.viewer)).get(`/api/v1/intake/organizations/${nlc}/contacts`)).statusCode).toBe(403);
    const [{ id: staffId }] = await t.database.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [demo.staff]);
    const c = await newClient();
    const wrong = await staff.post('/api/v1/intake/referrals', { clientId: c.id, serviceId: nlcService, reason: 'Called ahead', toUserId: staffId });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors.map((e: { field: string }) => e.field)).toContain('toUserId');
    const ok = await staff.post('/api/v1/intake/referrals', { clientId: c.id, serviceId: nlcService, reason: 'Called ahead', toUserId: counsellor.id });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ toUserId: counsellor.id, toContactName: counsellor.name });
    const incoming = (await partner.get('/api/v1/intake/worklist')).json().incoming.map((r: { id: string }) => r.id);
    expect(incoming).toContain(ok.json().id);
  });
});

