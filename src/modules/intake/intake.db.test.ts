import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { differenceInHours } from 'date-fns';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../core/db/database';
import { createTestApp, demo, type Agent, type TestApp } from '../../../test/helpers/test-app';
import { DEMO_PARTNER, DEMO_PRIVACY } from './intake.seeds';

let t: TestApp;
let staff: Agent;
let partner: Agent;
let viewer: Agent;
let admin: Agent;
let orgAdmin: Agent;
let privacy: Agent;
let nlc: string;
let nlcService: string;
let instrumentId: string;
const SECRET_NAME = 'Zyxwvuta Fictional-Quorbel';
const SECRET_PHONE = '555-0199-QQZ';

async function orgId(name: string) {
  const [r] = await t.database.query<{ id: string }>('SELECT id FROM organizations WHERE legal_name = $1', [name]);
  return r.id;
}

beforeAll(async () => {
  t = await createTestApp();
  staff = await t.login(demo.staff);
  partner = await t.login(DEMO_PARTNER);
  viewer = await t.login(demo.viewer);
  admin = await t.login(demo.admin);
  orgAdmin = await t.login(demo.orgAdmin);
  privacy = await t.login(DEMO_PRIVACY);
  nlc = await orgId('Northern Lights Canada – Employment Services');
  const [s] = await t.database.query<{ id: string }>(`SELECT id FROM directory_services WHERE organization_id = $1 ORDER BY name LIMIT 1`, [nlc]);
  nlcService = s.id;
  const [i] = await t.database.query<{ id: string }>(`SELECT id FROM intake_instruments WHERE code = 'common-screening'`);
  instrumentId = i.id;
}, 120_000);
afterAll(async () => t?.close());

async function newClient(extra: Record<string, unknown> = {}, consentOrgs: string[] = [nlc]) {
  const res = await staff.post('/api/v1/intake/clients', {
    name: SECRET_NAME, birthDate: '1990-02-03', phone: SECRET_PHONE, preferredLanguage: 'ar', confirmNotDuplicate: true,
    consent: { method: 'signed_on_screen', organizationIds: consentOrgs }, ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; name: string };
}

async function referral(clientId: string) {
  const res = await staff.post('/api/v1/intake/referrals', { clientId, serviceId: nlcService, reason: 'Wants work', urgency: 'routine' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; status: string };
}

describe('client records', () => {
  it('stores personal fields encrypted, never in plain text', async () => {
    const c = await newClient();
    const [row] = await t.database.query<Record<string, string>>('SELECT * FROM intake_clients WHERE id = $1', [c.id]);
    expect(JSON.stringify(row)).not.toContain('Quorbel');
    expect(JSON.stringify(row)).not.toContain(SECRET_PHONE);
    expect(row.name_enc).toMatch(/^v1:/);
    expect(c.name).toBe(SECRET_NAME);
  });

  it('detects a likely duplicate on sounds-alike name and same date of birth', async () => {
    const first = await newClient({ name: 'Mohamed Fictional-Abdi', birthDate: '1975-05-05' });
    const dup = await staff.post('/api/v1/intake/clients', { name: 'Mohammed Fictional-Abdi', birthDate: '1975-05-05', consent: { method: 'signed_on_screen', organizationIds: [] } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('intake.possible_duplicate');
    expect(dup.json().candidates.map((c: { id: string }) => c.id)).toContain(first.id);
    const other = await staff.post('/api/v1/intake/clients', { name: 'Mohammed Fictional-Abdi', birthDate: '1975-05-06', consent: { method: 'signed_on_screen', organizationIds: [] } });
    expect(other.statusCode).toBe(201);
  });

  it('merges duplicates reversibly', async () => {
    const a = await newClient({ name: 'Merge Fictional-One', birthDate: '1970-01-01' });
    const b = await newClient({ name: 'Merge Fictional-Two', birthDate: '1970-01-01' });
    const dups = await staff.get(`/api/v1/intake/clients/${a.id}/duplicates`);
    expect(dups.json().candidates.map((c: { id: string }) => c.id)).toEqual([b.id]);
    const m = await staff.post(`/api/v1/intake/clients/${a.id}/merge`, { intoId: b.id, reason: 'Same person' });
    expect(m.statusCode, m.body).toBe(200);
    expect((await t.database.query<{ status: string }>('SELECT status FROM intake_clients WHERE id = $1', [a.id]))[0].status).toBe('merged');
    expect((await staff.get(`/api/v1/intake/clients/${a.id}`)).statusCode).toBe(404); // its consents moved to the surviving record
    const u = await staff.post(`/api/v1/intake/merges/${m.json().id}/undo`);
    expect(u.statusCode, u.body).toBe(200);
    expect((await staff.get(`/api/v1/intake/clients/${a.id}`)).json().status).toBe('active');
  });
});

describe('consent enforced in the data layer', () => {
  it('refuses a consent that expires before it starts', async () => {
    const res = await staff.post('/api/v1/intake/clients', {
      name: 'Expiry Fictional', consent: { method: 'signed_on_screen', organizationIds: [], startsAt: '2026-05-01T00:00:00Z', expiresAt: '2026-04-01T00:00:00Z' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('consent.expiresAt');
    const c = await newClient();
    const r2 = await staff.post(`/api/v1/intake/clients/${c.id}/consents`, { purpose: 'referral', dataCategories: ['identity'], organizationIds: [nlc], method: 'verbal_witnessed', witnessName: 'W', startsAt: '2026-05-01T00:00:00Z', expiresAt: '2026-05-01T00:00:00Z' });
    expect(r2.statusCode).toBe(400);
    expect(r2.json().errors[0].field).toBe('expiresAt');
  });

  it('no intake route gives any client field to an organization without consent', async () => {
    const SECRET_NAME = 'Unseen Fictional-Quorbel';
    const c = await newClient({ name: SECRET_NAME, birthDate: '1961-06-17' }, []);
    const r = await staff.post('/api/v1/intake/referrals', { clientId: c.id, serviceId: nlcService, reason: 'x' });
    expect(r.statusCode).toBe(400); // no consent covers the receiving organization
    // A referral under consent, then the consent withdrawn: still no client data for the receiver.
    const c2 = await newClient({ name: SECRET_NAME, birthDate: '1961-06-17' });
    const refRes = await staff.post('/api/v1/intake/referrals', { clientId: c2.id, serviceId: nlcService, reason: 'Unseen reason' });
    expect(refRes.statusCode).toBe(201);
    const ref = refRes.json();
    const consents = (await staff.get(`/api/v1/intake/clients/${c2.id}/consents`)).json().items;
    const nlcConsent = consents.find((k: { organizationIds: string[] }) => k.organizationIds.includes(nlc));
    await staff.post(`/api/v1/intake/clients/${c2.id}/consents/${nlcConsent.id}/withdraw`);
    await staff.put(`/api/v1/intake/clients/${c.id}/plan`, { version: 0, content: { goals: [{ term: 'short', text: 'Goal of ' + SECRET_NAME, steps: [] }] } });

    const paths = t.app.swagger().paths as Record<string, Record<string, unknown>>;
    let checked = 0;
    for (const user of [partner, viewer, admin]) {
      for (const [path, methods] of Object.entries(paths)) {
        if (!path.startsWith('/api/v1/intake')) continue;
        for (const method of Object.keys(methods)) {
          for (const id of [c.id, c2.id, ref.id]) {
            const url = path.replace('{id}', id).replace(/\{\w+\}/g, id).replace('/partner-links/' + id, '/partner-links/' + 'x'.repeat(43));
            const payload = method === 'get' ? undefined : { clientId: id, intoId: c.id, reason: 'probe reason', to: 'received', content: { goals: [] }, version: 1, resourceType: 'Bundle', type: 'collection', entry: [] };
            const res = await user.request({ method: method.toUpperCase() as 'GET', url: url + (method === 'get' && path.endsWith('/referrals') ? `?clientId=${id}` : ''), payload: payload as never });
            expect(res.body, `${method} ${url}`).not.toContain('Unseen');
            expect(res.body, `${method} ${url}`).not.toContain('1961-06-17');
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  }, 120_000); // walks every route three times for three users: slow on a loaded machine

  it('withdrawing consent cuts access at once', async () => {
    const c = await newClient();
    const ref = await referral(c.id);
    const seen = await partner.get(`/api/v1/intake/referrals/${ref.id}`);
    expect(seen.json().clientName).toBe(SECRET_NAME);
    expect((await partner.get(`/api/v1/intake/clients/${c.id}`)).statusCode).toBe(200);
    const consents = (await staff.get(`/api/v1/intake/clients/${c.id}/consents`)).json().items;
    for (const k of consents.filter((k: { organizationIds: string[] }) => k.organizationIds.includes(nlc))) {
      expect((await staff.post(`/api/v1/intake/clients/${c.id}/consents/${k.id}/withdraw`)).statusCode).toBe(200);
    }
    expect((await partner.get(`/api/v1/intake/clients/${c.id}`)).statusCode).toBe(404);
    const after = await partner.get(`/api/v1/intake/referrals/${ref.id}`);
    expect(after.json().clientName).toBeNull();
    expect(after.json().reason).toBeNull();
  });

  it('audits every read with its purpose, and the privacy officer sees who accessed', async () => {
    const c = await newClient();
    const before = (await t.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND action LIKE 'intake.client.read'`, [c.id]))[0].n;
    expect((await partner.get(`/api/v1/intake/clients/${c.id}?purpose=referral`)).statusCode).toBe(200);
    const rows = await t.database.query<{ purpose: string; actor_label: string }>(`SELECT purpose, actor_label FROM audit_events WHERE entity_id = $1 AND action = 'intake.client.read' ORDER BY id`, [c.id]);
    expect(rows.length).toBe(before + 1);
    expect(rows.at(-1)).toEqual({ purpose: 'referral', actor_label: DEMO_PARTNER });
    await staff.get('/api/v1/intake/clients?q=Quorbel');
    const listed = await t.database.query(`SELECT purpose FROM intake_access_log WHERE client_id = $1 AND action = 'intake.client.list'`, [c.id]);
    expect(listed).toEqual([{ purpose: 'service_delivery' }]);
    await expect(t.database.query(`DELETE FROM intake_access_log WHERE client_id = $1`, [c.id])).rejects.toThrow(/append-only/);
    const report = await privacy.get(`/api/v1/intake/clients/${c.id}/access-report`);
    expect(report.statusCode).toBe(200);
    expect(report.json().items.some((e: { actor: string; purpose: string }) => e.actor === DEMO_PARTNER && e.purpose === 'referral')).toBe(true);
    expect(report.json().items.some((e: { actor: string; action: string }) => e.actor === demo.staff && e.action === 'intake.client.list')).toBe(true);
    expect((await staff.get(`/api/v1/intake/clients/${c.id}/access-report`)).statusCode).toBe(403);
    const exp = await privacy.get(`/api/v1/intake/clients/${c.id}/export`);
    expect(exp.json().client.name).toBe(SECRET_NAME);
  });

  it('break the glass: org admin only, with a reason, time-limited, alerts the privacy officer', async () => {
    const c = await newClient({}, []);
    // Withdraw the intake consent: CDCD itself now has no access.
    const k = (await staff.get(`/api/v1/intake/clients/${c.id}/consents`)).json().items[0];
    await staff.post(`/api/v1/intake/clients/${c.id}/consents/${k.id}/withdraw`);
    expect((await orgAdmin.get(`/api/v1/intake/clients/${c.id}`)).statusCode).toBe(404);
    expect((await staff.post(`/api/v1/intake/clients/${c.id}/emergency-access`, { reason: 'Client in crisis at the front desk' })).statusCode).toBe(403);
    expect((await orgAdmin.post(`/api/v1/intake/clients/${c.id}/emergency-access`, { reason: 'short' })).statusCode).toBe(400);
    const g = await orgAdmin.post(`/api/v1/intake/clients/${c.id}/emergency-access`, { reason: 'Client in crisis at the front desk', minutes: 15 });
    expect(g.statusCode, g.body).toBe(201);
    const seen = await orgAdmin.get(`/api/v1/intake/clients/${c.id}?purpose=emergency`);
    expect(seen.json().emergencyAccess).toBe(true);
    const wl = (await privacy.get('/api/v1/intake/worklist')).json();
    expect(wl.alerts.some((a: { clientId: string; kind: string }) => a.clientId === c.id && a.kind === 'emergency_access')).toBe(true);
  });
});

describe('referral lifecycle', () => {
  it('refuses an ineligible service without an override reason', async () => {
    const c = await newClient({ birthDate: '2015-01-01' });
    const [svc] = await t.database.query<{ id: string }>(`SELECT id FROM directory_services WHERE minimum_age >= 18 OR maximum_age < 11 LIMIT 1`);
    expect(svc, 'a service with an age rule').toBeTruthy();
    const [owner] = await t.database.query<{ organization_id: string }>('SELECT organization_id FROM directory_services WHERE id = $1', [svc.id]);
    await staff.post(`/api/v1/intake/clients/${c.id}/consents`, { purpose: 'referral', dataCategories: ['identity', 'contact', 'referral'], organizationIds: [owner.organization_id], method: 'signed_on_screen' });
    const bad = await staff.post('/api/v1/intake/referrals', { clientId: c.id, serviceId: svc.id, reason: 'r' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toContain('eligibilityOverrideReason');
    const ok = await staff.post('/api/v1/intake/referrals', { clientId: c.id, serviceId: svc.id, reason: 'r', eligibilityOverrideReason: 'Parent attends with the child' });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('follows requested → received → accepted → in-progress → completed, no skipping, nothing after completion', async () => {
    const c = await newClient();
    const r = await referral(c.id);
    const skip = await partner.post(`/api/v1/intake/referrals/${r.id}/transitions`, { to: 'accepted' });
    expect(skip.statusCode).toBe(400);
    expect(skip.json().errors[0].field).toBe('to');
    expect((await staff.post(`/api/v1/intake/referrals/${r.id}/transitions`, { to: 'received' })).statusCode).toBe(403); // sender cannot receive
    for (const to of ['received', 'accepted', 'in-progress']) {
      const res = await partner.post(`/api/v1/intake/referrals/${r.id}/transitions`, { to });
      expect(res.statusCode, `${to}: ${res.body}`).toBe(200);
    }
    expect((await partner.post(`/api/v1/intake/referrals/${r.id}/transitions`, { to: 'completed' })).json().errors[0].field).toBe('outcome');
    const done = await partner.post(`/api/v1/intake/referrals/${r.id}/transitions`, { to: 'completed', outcome: 'service_received' });
    expect(done.statusCode).toBe(200);
    expect(done.json().events.map((e: { toStatus: string }) => e.toStatus)).toEqual(['requested', 'received', 'accepted', 'in-progress', 'completed']);
    expect(done.json().events.every((e: { actor: string; at: string }) => e.actor && e.at)).toBe(true);
    expect((await staff.post(`/api/v1/intake/referrals/${r.id}/transitions`, { to: 'cancelled', reason: 'x' })).statusCode).toBe(409);
    // Even SQL from outside the service cannot change a completed referral or skip a state.
    await expect(t.database.query(`UPDATE intake_referrals SET outcome = 'declined' WHERE id = $1`, [r.id])).rejects.toThrow(/closed/);
    const r2 = await referral(c.id);
    await expect(t.database.query(`UPDATE intake_referrals SET status = 'completed' WHERE id = $1`, [r2.id])).rejects.toThrow(/cannot go/);
  });

  it('two workers accepting at once: exactly one wins', async () => {
    const c = await newClient();
    const r = await referral(c.id);
    await partner.post(`/api/v1/intake/referrals/${r.id}/transitions`, { to: 'received' });
    const partner2 = await t.login(DEMO_PARTNER);
    const results = await Promise.all([partner, partner2].map((a) => a.post(`/api/v1/intake/referrals/${r.id}/transitions`, { to: 'accepted' })));
    expect(results.map((x) => x.statusCode).sort()).toEqual([200, 409]);
    const events = await t.database.query(`SELECT 1 FROM intake_referral_events WHERE referral_id = $1 AND to_status = 'accepted'`, [r.id]);
    expect(events.length).toBe(1);
    // The step that lost wrote nothing else either: one audit row, one notice to the sender.
    const audits = await t.database.query(`SELECT 1 FROM audit_events WHERE action = 'intake.referral.accepted' AND details->>'referralId' = $1`, [r.id]);
    expect(audits.length).toBe(1);
    const told = await t.database.query(`SELECT 1 FROM notifications WHERE subject_id = $1 AND kind = 'referral_status' AND params->>'status' = 'accepted'`, [r.id]);
    expect(told.length).toBe(1);
  });

  it('a step that does not happen leaves no event, notice or audit row (one statement, no transaction around it)', async () => {
    const c = await newClient();
    const r = await referral(c.id);
    const [sender] = await t.database.query<{ id: string }>(`SELECT from_user_id AS id FROM intake_referrals WHERE id = $1`, [r.id]);
    const { STEP_MADE, transitionReferralRow } = await import('./repository/referrals');
    const { auditWrite } = await import('../../core/audit/audit.service');
    const { noticeWrite } = await import('../notifications/notifications.api');
    const { systemActor } = await import('../../core/accounts/actor');
    const writes = (marker: string) => [
      noticeWrite([sender.id], { kind: 'referral_status', params: { organization: marker, status: 'accepted' }, link: `/intake/referrals/${r.id}`, subjectId: r.id }, undefined, STEP_MADE)!,
      auditWrite(systemActor(), {}, { action: 'intake.referral.accepted', entityType: 'intake_client', entityId: c.id, details: { referralId: r.id, marker } }, STEP_MADE),
    ];
    const step = (from: string, marker: string) =>
      transitionReferralRow(t.database.db, { id: r.id, from, to: 'received', reason: null, outcome: null, expectedDate: null, userId: null, label: 'test' }, writes(marker));
    // From a status it is not in: nothing happens, and nothing is written.
    expect(await step('accepted', 'not-made')).toBeUndefined();
    // From the one it is in: the step, its event, the notice and the audit row, together.
    expect(await step('requested', 'made')).toMatchObject({ after: { status: 'received' } });
    const rows = async (marker: string) => ({
      notices: (await t.database.query(`SELECT 1 FROM notifications WHERE subject_id = $1 AND params->>'organization' = $2`, [r.id, marker])).length,
      audits: (await t.database.query(`SELECT 1 FROM audit_events WHERE details->>'referralId' = $1 AND details->>'marker' = $2`, [r.id, marker])).length,
    });
    expect(await rows('not-made')).toEqual({ notices: 0, audits: 0 });
    expect(await rows('made')).toEqual({ notices: 1, audits: 1 });
    expect((await t.database.query(`SELECT 1 FROM intake_referral_events WHERE referral_id = $1 AND to_status = 'received'`, [r.id])).length).toBe(1);
  });

  it('exports and imports FHIR R4 ServiceRequest + Task', async () => {
    const c = await newClient();
    const r = await referral(c.id);
    const fhir = (await staff.get(`/api/v1/intake/referrals/${r.id}/fhir`)).json();
    expect(fhir.entry.slice(0, 2).map((e: { resource: { resourceType: string } }) => e.resource.resourceType)).toEqual(['ServiceRequest', 'Task']);
    expect(fhir.entry[1].resource.status).toBe('requested');
    // Importing a referral's own export finds the same referral (docs/intake.md, FHIR exchange).
    const imported = await staff.post('/api/v1/intake/referrals/fhir', fhir);
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toMatchObject({ created: false, referral: { id: r.id, serviceId: nlcService } });
  });

  it('off-platform partner: expiring link shows the consented summary, responds once, reports the outcome', async () => {
    const c = await newClient({}, []);
    await staff.post(`/api/v1/intake/clients/${c.id}/consents`, { purpose: 'referral', dataCategories: ['identity', 'referral'], externalPartner: 'Fictional Community Kitchen', method: 'verbal_witnessed', witnessName: 'Demo witness' });
    const r = await staff.post('/api/v1/intake/referrals', { clientId: c.id, externalPartner: 'Fictional Community Kitchen', toContactName: 'Pat Fictional', reason: 'Food support', sharedCategories: ['identity'] });
    expect(r.statusCode, r.body).toBe(201);
    const link = (await staff.post(`/api/v1/intake/referrals/${r.json().id}/link`)).json();
    const view = await t.anonymous.get(`/api/v1/intake/partner-links/${link.token}`);
    expect(view.statusCode).toBe(200);
    expect(view.json().client.name).toBe(SECRET_NAME);
    expect(view.json().client.phone).toBeUndefined(); // contact not shared
    const acc = await t.anonymous.post(`/api/v1/intake/partner-links/${link.token}/response`, { decision: 'accept' });
    expect(acc.statusCode, acc.body).toBe(200);
    expect((await t.anonymous.post(`/api/v1/intake/partner-links/${link.token}/response`, { decision: 'accept' })).statusCode).toBe(409);
    const out = await t.anonymous.post(`/api/v1/intake/partner-links/${link.token}/outcome`, { outcome: 'service_received' });
    expect(out.statusCode, out.body).toBe(200);
    const final = (await staff.get(`/api/v1/intake/referrals/${r.json().id}`)).json();
    expect(final.events.map((e: { toStatus: string }) => e.toStatus)).toEqual(['requested', 'received', 'accepted', 'in-progress', 'completed']);
    const audited = await t.database.query(`SELECT 1 FROM audit_events WHERE action LIKE 'intake.partner_link.%' AND entity_id = $1`, [c.id]);
    expect(audited.length).toBeGreaterThanOrEqual(4);
    expect((await t.anonymous.get(`/api/v1/intake/partner-links/${'x'.repeat(43)}`)).statusCode).toBe(404);
  });
});

describe('screening, plan, worklist, feed', () => {
  it('keeps one shared plan per client: goals with steps, the team, case conferences; a stale save gets 409', async () => {
    const c = await newClient();
    const content = {
      goals: [{ term: 'long', text: '  Work as an accountant  ', steps: [{ text: 'Get credentials assessed', who: 'Client, with the counsellor', done: false }] }],
      strengths: 'Fluent in three languages', notes: '', team: [{ name: 'Employment counsellor', role: 'Job search' }],
    };
    const saved = await staff.put(`/api/v1/intake/clients/${c.id}/plan`, { version: 0, content });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().content.goals[0]).toEqual({ term: 'long', text: 'Work as an accountant', steps: [{ text: 'Get credentials assessed', who: 'Client, with the counsellor', done: false }] });
    expect(saved.json().content.team).toEqual([{ name: 'Employment counsellor', role: 'Job search' }]);
    const stale = await staff.put(`/api/v1/intake/clients/${c.id}/plan`, { version: 0, content: { ...content, notes: 'lost?' } });
    expect(stale.statusCode).toBe(409);
    const none = await staff.post(`/api/v1/intake/clients/${c.id}/case-conferences`, { heldAt: '2026-11-20T15:00:00.000Z', attendees: [] });
    expect(none.statusCode).toBe(400);
    expect(none.json().errors[0].field).toBe('attendees');
    const conf = await staff.post(`/api/v1/intake/clients/${c.id}/case-conferences`, { heldAt: '2026-11-20T15:00:00.000Z', attendees: ['Settlement worker', 'Employment counsellor'], notes: 'Agreed next steps' });
    expect(conf.statusCode, conf.body).toBe(201);
    const plan = (await staff.get(`/api/v1/intake/clients/${c.id}/plan`)).json();
    expect(plan.conferences).toEqual([expect.objectContaining({ attendees: ['Settlement worker', 'Employment counsellor'], notes: 'Agreed next steps' })]);
    expect(plan.content.strengths).toBe('Fluent in three languages');
  });

  it('a published instrument never changes; assessments keep their version and produce needs', async () => {
    const def = (await staff.get('/api/v1/intake/instruments')).json().items[0];
    const edit = await admin.patch(`/api/v1/intake/instruments/${def.id}`, { name: 'Changed', version: def.version });
    expect(edit.statusCode).toBe(409);
    const c = await newClient();
    const a = await staff.post(`/api/v1/intake/clients/${c.id}/assessments`, { instrumentId, answers: { housing: { acuity: 1, yes: [] }, employment: { acuity: 4, yes: ['wants_work'] } } });
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json().needs).toEqual([{ domain: 'housing', needCode: 'housing', urgency: 'urgent' }, { domain: 'employment', needCode: 'employment', urgency: 'soon' }]);
    expect(a.json().instrumentVersion).toBe(1);
    const m = await staff.get(`/api/v1/intake/clients/${c.id}/matches`);
    expect(m.statusCode).toBe(200);
    const emp = m.json().items.find((i: { needCode: string }) => i.needCode === 'employment');
    expect(emp.services.length).toBeGreaterThan(0);
    expect(emp.services[0].reasons[0]).toMatch(/^category:employment/);
    // Each suggestion carries the directory's French name where it has one (the page shows it in French).
    const [dir] = await t.database.query<{ fr: string | null }>(`SELECT translations #>> '{fr,name}' AS fr FROM directory_services WHERE id = $1`, [emp.services[0].serviceId]);
    expect(emp.services[0].nameFr).toBe(dir.fr?.trim() || null);
    expect(emp.services.some((x: { nameFr: string | null }) => x.nameFr)).toBe(true);
    // A need the directory has no service for is counted as unmet in the feed.
    const noService = await staff.post(`/api/v1/intake/clients/${c.id}/assessments`, { instrumentId, answers: { transportation: { acuity: 1, yes: [] } } });
    expect(noService.statusCode).toBe(201);
    const [stored] = await t.database.query<{ needs: { matched: boolean }[] }>('SELECT needs FROM intake_assessments WHERE id = $1', [noService.json().id]);
    expect(stored.needs[0].matched).toBe(false);
    const feed = (await staff.get('/api/v1/intake/feed')).json();
    expect(feed.rows.some((r: { measure: string; category: string; outcome: string }) => r.measure === 'unmet_needs' && r.category === 'transportation' && r.outcome === 'no_matching_service')).toBe(true);
  });

  it('shows incoming referrals and overdue follow-ups on worklists', async () => {
    const c = await newClient();
    const r = await referral(c.id);
    const wl = (await partner.get('/api/v1/intake/worklist')).json();
    expect(wl.incoming.some((x: { id: string }) => x.id === r.id)).toBe(true);
    await t.database.query(`UPDATE intake_referrals SET follow_up_due_at = now() - interval '1 day' WHERE id = $1`, [r.id]);
    const mine = (await staff.get('/api/v1/intake/worklist')).json();
    expect(mine.overdueFollowUps.some((x: { id: string }) => x.id === r.id)).toBe(true);
    const dash = await staff.get('/api/v1/intake/dashboard');
    expect(dash.statusCode).toBe(200);
    expect(dash.json().overdue).toBeGreaterThan(0);
  });

  it('the aggregate feed never publishes a count under 5, and carries no identifiers', async () => {
    const feed = (await viewer.get('/api/v1/intake/feed')).json();
    expect(feed.rows.length).toBeGreaterThan(0);
    for (const row of feed.rows) {
      if (row.value !== null) expect(row.value).toBeGreaterThanOrEqual(5);
      else expect(row.display).toBe(row.reason === 'primary' ? '<5' : 'x'); // x: complementary suppression
    }
    expect(feed.rows.some((r: { suppressed: boolean }) => r.suppressed)).toBe(true);
    const body = JSON.stringify(feed);
    expect(body).not.toContain('Fictional');
    expect(body).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it('publishes the feed into the community data repository, idempotently, with no count under 5', async () => {
    expect((await staff.post('/api/v1/intake/feed/publish')).statusCode).toBe(403);
    const res = await admin.post('/api/v1/intake/feed/publish');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().message).toMatch(/^Published \d+ rows: \d+ created/);
    const published = await rowsOf<{ rows: number; small: number }>(t.database.db, sql`
      SELECT count(*)::int AS rows, count(*) FILTER (WHERE o.value < 5)::int AS small
      FROM data_observations o JOIN data_indicators i ON i.id = o.indicator_id WHERE i.code LIKE 'nwd.%'`);
    expect(published[0].rows).toBeGreaterThan(0);
    expect(published[0].small).toBe(0);
    const again = await admin.post('/api/v1/intake/feed/publish');
    expect(again.json().message).toMatch(/: 0 created, 0 updated/);
  });

  it('lets an org admin set the follow-up days used for new referrals', async () => {
    const cdcd = await orgId('Community Development Council Durham');
    expect((await staff.put(`/api/v1/intake/settings/${cdcd}`, { followUpDays: 3, retentionYears: 7 })).statusCode).toBe(403);
    expect((await orgAdmin.put(`/api/v1/intake/settings/${cdcd}`, { followUpDays: 0, retentionYears: 7 })).json().errors[0].field).toBe('followUpDays');
    expect((await orgAdmin.put(`/api/v1/intake/settings/${cdcd}`, { followUpDays: 3, retentionYears: 7 })).statusCode).toBe(200);
    const c = await newClient();
    const r = await referral(c.id);
    // Due three days from now (to the hour: the reminder is timed, not dated).
    expect(differenceInHours(new Date((r as unknown as { followUpDueAt: string }).followUpDueAt), new Date(), { roundingMethod: 'round' })).toBe(72);
    await orgAdmin.put(`/api/v1/intake/settings/${cdcd}`, { followUpDays: 7, retentionYears: 7 });
  });

  it('purges records closed beyond retention, logging counts only', async () => {
    const c = await newClient();
    expect((await staff.post(`/api/v1/intake/clients/${c.id}/close`, { reason: 'goals_met' })).statusCode).toBe(200);
    await t.database.query(`UPDATE intake_clients SET closed_at = now() - interval '8 years' WHERE id = $1`, [c.id]);
    const { purge } = await import('./intake.reports');
    const { systemActor } = await import('../../core/accounts/actor');
    const dry = await purge(t.database, systemActor('test'), { dryRun: true });
    expect(dry.purged).toBeGreaterThanOrEqual(1);
    expect((await t.database.query('SELECT 1 FROM intake_clients WHERE id = $1', [c.id])).length).toBe(1);
    await purge(t.database, systemActor('test'), { dryRun: false });
    expect((await t.database.query('SELECT 1 FROM intake_clients WHERE id = $1', [c.id])).length).toBe(0);
    const [ev] = await t.database.query<{ details: unknown }>(`SELECT details FROM audit_events WHERE action = 'intake.purge' ORDER BY id DESC LIMIT 1`);
    expect(JSON.stringify(ev.details)).not.toContain('Quorbel');
  });
});
