import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { cdcdClient, intakeWorld, narrowToNlc, type IntakeWorld, type TestClient } from './intake-setup';
import type { Agent } from '../helpers/test-app';

/**
 * Finding 5 and the promise "every response that carries a client's personal data is in the
 * access log, including error bodies": every /api/v1/intake route of the OpenAPI document is
 * driven here (a route missing from the table fails the test), and after every response, for
 * every client whose name, birth date or phone the body shows, at least one access-log row about
 * that client must have been written by that request. Routes that never carry client fields are
 * listed too, and the same check runs on them.
 */
let w: IntakeWorld;
beforeAll(async () => { w = await intakeWorld(); }, 120_000);
afterAll(async () => w?.t.close());

const clients: TestClient[] = [];
const selfReferrals: { id: string; marker: string }[] = [];

async function logRows(id: string): Promise<number> {
  const [a] = await w.t.database.query<{ n: string }>(`SELECT count(*) AS n FROM audit_events WHERE entity_id = $1`, [id]);
  const [b] = await w.t.database.query<{ n: string }>(`SELECT count(*) AS n FROM intake_access_log WHERE client_id = $1::uuid`, [id]);
  return Number(a.n) + Number(b.n);
}

const responses: { route: string; status: number; shown: number }[] = [];

/** Sends one request and checks the invariant for every known person. */
async function send(route: string, agent: Agent, method: string, url: string, payload?: unknown): Promise<LightMyRequestResponse> {
  const people = [...clients.map((c) => ({ id: c.id, markers: [c.name, c.phone, c.birthDate] })), ...selfReferrals.map((s) => ({ id: s.id, markers: [s.marker] }))];
  const before = new Map<string, number>();
  for (const p of people) before.set(p.id, await logRows(p.id));
  const res = await agent.request({ method: method as 'GET', url, payload: payload as never });
  expect(res.statusCode, `${route}: ${res.body}`).toBeLessThan(500);
  let shown = 0;
  for (const p of people) {
    if (!p.markers.some((m) => res.body.includes(m))) continue;
    shown++;
    expect(await logRows(p.id), `${route} (${res.statusCode}) shows ${p.markers[0]} without an access-log row`).toBeGreaterThan(before.get(p.id)!);
  }
  responses.push({ route, status: res.statusCode, shown });
  return res;
}

describe('access-log coverage of every intake route', () => {
  it('every response that shows a client writes an access-log row for that client (100 % of routes)', async () => {
    const api = '/api/v1';
    const a = await cdcdClient(w, [narrowToNlc(w)]);
    const b = await cdcdClient(w);
    clients.push(a, b);
    const { staff, partner, privacy, orgAdmin, t } = w;
    const covered = new Set<string>();
    const run = async (route: string, agent: Agent, url: string, payload?: unknown) => {
      covered.add(route);
      return send(route, agent, route.split(' ')[0], api + url, payload);
    };

    // Clients
    const created = await run('POST /intake/clients', staff, '/intake/clients', { name: 'Coverage Fictional-Newperson', birthDate: '1944-04-04', phone: '555-0144-CV', confirmNotDuplicate: true, consent: { method: 'signed_on_screen', organizationIds: [] } });
    const c = { id: created.json().id, name: 'Coverage Fictional-Newperson', phone: '555-0144-CV', birthDate: '1944-04-04', version: created.json().version };
    clients.push(c);
    // 409: duplicate candidates (another client's name and birth date)
    const dup = await run('POST /intake/clients', staff, '/intake/clients', { name: a.name, birthDate: a.birthDate, consent: { method: 'signed_on_screen', organizationIds: [] } });
    expect(dup.statusCode).toBe(409);
    expect(dup.body).toContain(a.name);
    await run('GET /intake/clients', staff, `/intake/clients?q=${encodeURIComponent(a.name)}`);
    await run('GET /intake/clients', partner, `/intake/clients?q=${encodeURIComponent(a.name)}`);
    await run('GET /intake/clients/{id}', staff, `/intake/clients/${a.id}`);
    await run('GET /intake/clients/{id}', partner, `/intake/clients/${a.id}`);
    const edited = await run('PATCH /intake/clients/{id}', staff, `/intake/clients/${c.id}`, { preferredName: 'Cov', version: c.version });
    expect(edited.statusCode).toBe(200);
    // 409: a stale edit answers with the whole current record
    const stale = await run('PATCH /intake/clients/{id}', staff, `/intake/clients/${c.id}`, { preferredName: 'Cov2', version: c.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain(c.phone);
    await run('POST /intake/clients/{id}/close', staff, `/intake/clients/${c.id}/close`, { reason: 'goals_met' });
    await run('POST /intake/clients/{id}/reopen', staff, `/intake/clients/${c.id}/reopen`);
    await run('GET /intake/clients/{id}/duplicates', staff, `/intake/clients/${a.id}/duplicates`);
    const twin = await cdcdClient(w);
    clients.push(twin);
    const merged = await run('POST /intake/clients/{id}/merge', staff, `/intake/clients/${twin.id}/merge`, { intoId: b.id, reason: 'Same person' });
    expect(merged.statusCode, merged.body).toBe(200);
    await run('POST /intake/merges/{id}/undo', staff, `/intake/merges/${merged.json().id}/undo`);
    await run('GET /intake/clients/{id}/consents', staff, `/intake/clients/${a.id}/consents`);
    await run('GET /intake/clients/{id}/consents', partner, `/intake/clients/${a.id}/consents`);
    const k = await run('POST /intake/clients/{id}/consents', staff, `/intake/clients/${b.id}/consents`, { ...narrowToNlc(w), method: 'signed_on_screen' });
    await run('POST /intake/clients/{id}/consents/{consentId}/relinquish', partner, `/intake/clients/${b.id}/consents/${k.json().id}/relinquish`);
    const k2 = await staff.post(`${api}/intake/clients/${b.id}/consents`, { ...narrowToNlc(w), method: 'signed_on_screen' });
    await run('POST /intake/clients/{id}/consents/{consentId}/withdraw', staff, `/intake/clients/${b.id}/consents/${k2.json().id}/withdraw`);
    await run('POST /intake/clients/{id}/emergency-access', orgAdmin, `/intake/clients/${b.id}/emergency-access`, { reason: 'Coverage test emergency reason', minutes: 5 });
    await run('GET /intake/clients/{id}/access-report', privacy, `/intake/clients/${a.id}/access-report`);
    const exported = await run('GET /intake/clients/{id}/export', privacy, `/intake/clients/${a.id}/export`);
    expect(exported.body).toContain(a.name);

    // Screening and matching
    await run('GET /intake/instruments', staff, '/intake/instruments');
    await run('GET /intake/instruments/{id}', staff, `/intake/instruments/${w.instrumentId}`);
    const inst = await run('POST /intake/instruments', orgAdmin, '/intake/instruments', {
      code: 'coverage-probe', name: { en: 'Probe', fr: 'Sonde' },
      definition: { domains: [{ code: 'food', label: { en: 'Food', fr: 'Nourriture' }, questions: [], rules: [{ needCode: 'food', urgency: 'soon', maxAcuity: 2 }] }] },
    });
    const instId = inst.statusCode === 201 ? inst.json().id : w.instrumentId;
    await run('PATCH /intake/instruments/{id}', orgAdmin, `/intake/instruments/${instId}`, { version: 0 });
    await run('POST /intake/instruments/{id}/publish', orgAdmin, `/intake/instruments/${instId}/publish`);
    await run('POST /intake/instruments/{id}/new-version', orgAdmin, `/intake/instruments/${instId}/new-version`);
    await run('POST /intake/instruments/{id}/retire', orgAdmin, `/intake/instruments/${instId}/retire`);
    await run('DELETE /intake/instruments/{id}', orgAdmin, `/intake/instruments/${instId}`);
    await run('POST /intake/clients/{id}/assessments', staff, `/intake/clients/${a.id}/assessments`, { instrumentId: w.instrumentId, answers: { employment: { acuity: 2, yes: ['wants_work'] } } });
    await run('GET /intake/clients/{id}/assessments', staff, `/intake/clients/${a.id}/assessments`);
    await run('GET /intake/clients/{id}/matches', staff, `/intake/clients/${a.id}/matches`);
    await run('GET /intake/clients/{id}/matches', partner, `/intake/clients/${a.id}/matches`);

    // Plan
    await run('PUT /intake/clients/{id}/plan', staff, `/intake/clients/${a.id}/plan`, { version: 0, content: { goals: [{ term: 'short', text: `Goal for ${a.name}`, steps: [] }], strengths: '', notes: '', team: [] } });
    await run('PUT /intake/clients/{id}/plan', staff, `/intake/clients/${a.id}/plan`, { version: 0, content: { goals: [], strengths: '', notes: '', team: [] } });
    await run('GET /intake/clients/{id}/plan', staff, `/intake/clients/${a.id}/plan`);
    await run('POST /intake/clients/{id}/case-conferences', staff, `/intake/clients/${a.id}/case-conferences`, { heldAt: new Date().toISOString(), attendees: ['Fictional Attendee'], notes: `About ${a.name}` });

    // Referrals
    const ref = await run('POST /intake/referrals', staff, '/intake/referrals', { clientId: a.id, toOrganizationId: w.nlc, reason: 'Coverage reason', urgency: 'routine', sharedCategories: ['identity'] });
    expect(ref.statusCode, ref.body).toBe(201);
    const rid = ref.json().id;
    await run('GET /intake/referrals', staff, '/intake/referrals?direction=outgoing');
    await run('GET /intake/referrals', partner, '/intake/referrals?direction=incoming');
    await run('GET /intake/referrals', partner, `/intake/referrals?direction=incoming&clientId=${a.id}`);
    await run('GET /intake/referrals/{id}', partner, `/intake/referrals/${rid}`);
    await run('POST /intake/referrals/{id}/transitions', partner, `/intake/referrals/${rid}/transitions`, { to: 'received' });
    // 409: someone already made this step; the answer carries the current referral
    const again = await run('POST /intake/referrals/{id}/transitions', partner, `/intake/referrals/${rid}/transitions`, { to: 'received' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain(a.name);
    await run('GET /intake/referrals/{id}/fhir', staff, `/intake/referrals/${rid}/fhir`);
    const fhir = (await staff.get(`${api}/intake/referrals/${rid}/fhir`)).json();
    await run('POST /intake/referrals/fhir', staff, '/intake/referrals/fhir', fhir);
    const ext = await cdcdClient(w, [{ purpose: 'referral', dataCategories: ['identity', 'referral'], externalPartner: 'Fictional Kitchen' }]);
    clients.push(ext);
    const er = (await staff.post(`${api}/intake/referrals`, { clientId: ext.id, externalPartner: 'Fictional Kitchen', toContactName: 'Pat Fictional', reason: 'Food', sharedCategories: ['identity'] })).json();
    const link = await run('POST /intake/referrals/{id}/link', staff, `/intake/referrals/${er.id}/link`);
    const token = link.json().token;
    await run('GET /intake/partner-links/{token}', t.anonymous, `/intake/partner-links/${token}`);
    await run('POST /intake/partner-links/{token}/receipt', t.anonymous, `/intake/partner-links/${token}/receipt`);
    await run('POST /intake/partner-links/{token}/response', t.anonymous, `/intake/partner-links/${token}/response`, { decision: 'accept' });
    await run('POST /intake/partner-links/{token}/outcome', t.anonymous, `/intake/partner-links/${token}/outcome`, { outcome: 'service_received' });
    await run('GET /intake/partner-links/{token}', t.anonymous, `/intake/partner-links/${token}`);

    // Self-referrals
    const [svc] = await t.database.query<{ id: string }>(`SELECT id FROM directory_services WHERE organization_id = $1 LIMIT 1`, [w.cdcd]);
    const marker = 'Selfref Fictional-Askerperson';
    const sr = await run('POST /intake/self-referrals', t.anonymous, '/intake/self-referrals', { serviceId: svc?.id, organizationId: w.cdcd, name: marker, phone: '555-0177-SR', consentToContact: true, preferredLanguage: 'en', message: 'Please call' });
    if (sr.statusCode === 201) selfReferrals.push({ id: sr.json().id, marker });
    const srId = sr.statusCode === 201 ? sr.json().id : '00000000-0000-4000-8000-000000000000';
    await run('GET /intake/self-referrals/{id}', staff, `/intake/self-referrals/${srId}`);
    await run('POST /intake/self-referrals/{id}/close', staff, `/intake/self-referrals/${srId}/close`, { outcome: 'could_not_reach' });

    // Worklists, dashboard, feed, settings, bundles
    await run('GET /intake/organizations/{id}/contacts', staff, `/intake/organizations/${w.nlc}/contacts`);
    await run('GET /intake/worklist', staff, '/intake/worklist');
    await run('GET /intake/worklist', partner, '/intake/worklist');
    await run('GET /intake/worklist', privacy, '/intake/worklist');
    const [alert] = await t.database.query<{ id: string }>(`SELECT id FROM intake_alerts ORDER BY created_at DESC LIMIT 1`);
    await run('POST /intake/alerts/{id}/acknowledge', privacy, `/intake/alerts/${alert.id}/acknowledge`);
    await run('GET /intake/dashboard', staff, '/intake/dashboard');
    await run('GET /intake/feed', staff, '/intake/feed');
    await run('POST /intake/feed/publish', staff, '/intake/feed/publish');
    await run('GET /intake/settings/{id}', orgAdmin, `/intake/settings/${w.cdcd}`);
    await run('PUT /intake/settings/{id}', orgAdmin, `/intake/settings/${w.cdcd}`, { followUpDays: 7, retentionYears: 7 });
    const bundle = await run('POST /intake/bundles', orgAdmin, '/intake/bundles', { name: 'Coverage bundle', needCodes: ['employment'], maxAcuity: 3, serviceIds: [w.nlcService] });
    const bid = bundle.statusCode === 201 ? bundle.json().id : '00000000-0000-4000-8000-000000000000';
    await run('GET /intake/bundles', staff, '/intake/bundles');
    await run('GET /intake/bundles/{id}', staff, `/intake/bundles/${bid}`);
    await run('PUT /intake/bundles/{id}', orgAdmin, `/intake/bundles/${bid}`, { name: 'Coverage bundle 2', needCodes: ['employment'], maxAcuity: 3, serviceIds: [w.nlcService], version: 1 });
    await run('DELETE /intake/bundles/{id}', orgAdmin, `/intake/bundles/${bid}`);
    // The FHIR terminology map carries codes, no client: driven so the list stays complete.
    await run('GET /intake/fhir/terminology', staff, '/intake/fhir/terminology');
    const term = await run('POST /intake/fhir/terminology', orgAdmin, '/intake/fhir/terminology', { system: 'http://snomed.info/sct', code: '1000001', needCode: 'food' });
    const termId = term.statusCode === 201 ? term.json().id : '00000000-0000-4000-8000-000000000000';
    await run('DELETE /intake/fhir/terminology/{id}', orgAdmin, `/intake/fhir/terminology/${termId}`);

    // Every intake route of the API document was driven above.
    const doc = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const all = Object.entries(doc.paths).filter(([p]) => p.startsWith('/api/v1/intake')).flatMap(([p, ms]) => Object.keys(ms).map((m) => `${m.toUpperCase()} ${p.slice('/api/v1'.length)}`));
    expect(all.filter((r) => !covered.has(r))).toEqual([]);
    // The check ran on responses that did show clients, including the error bodies above.
    expect(responses.filter((r) => r.shown > 0).length).toBeGreaterThan(20);
    expect(responses.filter((r) => r.shown > 0 && r.status === 409).map((r) => r.route).sort()).toEqual(['PATCH /intake/clients/{id}', 'POST /intake/clients', 'POST /intake/referrals/{id}/transitions']);
  }, 120_000);
});
