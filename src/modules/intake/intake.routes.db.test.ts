/**
 * Every intake endpoint walks 401 (anonymous), 400 naming the field at fault, 403 or 404 for a
 * signed-in person without the right (404 means missing or not yours to see, architecture rule
 * 4) and 200/201 for the demo intake worker (issue 19). The 401 walk is derived from the app's
 * route catalogue, so a new intake route is covered without editing this file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { cdcdClient, intakeWorld, narrowToNlc, type IntakeWorld, type TestClient } from '../../../test/security/intake-setup';
import type { Agent } from '../../../test/helpers/test-app';

let w: IntakeWorld;
let c: TestClient & { consents: string[] };
let definition: unknown;
const BAD = '00000000-0000-4000-8000-000000000000';
const TOKEN = 'x'.repeat(43);
const PUBLIC = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../test/public-routes/intake.json'), 'utf8')) as string[];
const isIntake = (url: string) => url.startsWith('/api/v1/intake') || url.startsWith('/fhir/');
const hasBody = (method: string) => ['POST', 'PUT', 'PATCH'].includes(method);
const fieldsOf = (res: LightMyRequestResponse) => ((res.json().errors ?? []) as { field: string }[]).map((e) => e.field);

beforeAll(async () => {
  w = await intakeWorld();
  c = await cdcdClient(w); // consent names CDCD only: Northern Lights, the member and the viewer may not see it
  definition = (await w.staff.get(`/api/v1/intake/instruments/${w.instrumentId}`)).json().definition;
});
afterAll(async () => {
  await w?.t.close();
});

const newClient = () => ({
  name: 'Yara Fictional-Outsider', birthDate: '1977-03-04', confirmNotDuplicate: true,
  consent: { method: 'verbal_witnessed', witnessName: 'Witness Fictional-Person', organizationIds: [] },
});

/** Sends each case and returns the ones that answered another status, so one run shows them all. */
async function walk(cases: (readonly [Agent, string, string, unknown, number])[]) {
  const wrong: string[] = [];
  for (const [agent, method, url, payload, expected] of cases) {
    const res = await agent.request({ method: method as never, url, payload: payload as never });
    if (res.statusCode !== expected) wrong.push(`${method} ${url}: ${res.statusCode} (expected ${expected}) ${res.body.slice(0, 160)}`);
    else if (expected >= 400) {
      expect(res.headers['content-type'], `${method} ${url}`).toContain('application/problem+json');
      expect(res.json().code, `${method} ${url}`).toBe(expected === 403 ? 'forbidden' : 'not_found');
    }
  }
  return wrong;
}

describe('401: every intake session route refuses anonymous callers', () => {
  it('derives the routes from the catalogue, minus the pinned public ones', async () => {
    const catalogue = w.t.app.routeCatalogue.filter((r) => isIntake(r.url));
    const publicHere = w.t.app.publicRoutes.filter((r) => isIntake(r.split(' ')[1]));
    // The public list is pinned in test/public-routes/intake.json: the /api/v1 ones and the FHIR capability statement.
    expect(publicHere.sort()).toEqual([...PUBLIC].sort());
    const routes = catalogue.filter((r) => !publicHere.includes(`${r.method} ${r.url}`));
    // 57 under /api/v1/intake and 4 FHIR routes (bearer token) today; the floor catches a broken filter.
    expect(routes.length).toBeGreaterThanOrEqual(60);
    expect(routes.map((r) => `${r.method} ${r.url}`)).toEqual(expect.arrayContaining([
      'GET /api/v1/intake/worklist', 'POST /api/v1/intake/clients', 'POST /api/v1/intake/referrals/:id/transitions', 'DELETE /api/v1/intake/bundles/:id', 'PUT /fhir/Task/:id',
    ]));
    const wrong: string[] = [];
    for (const r of routes) {
      const url = r.url.replace(/:[A-Za-z]+/g, crypto.randomUUID());
      const res = await w.t.anonymous.request({ method: r.method as never, url, payload: hasBody(r.method) ? {} : undefined });
      if (res.statusCode !== 401 || res.json().code !== 'auth.required' || !String(res.headers['content-type']).includes('application/problem+json')) {
        wrong.push(`${r.method} ${url}: ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('400: an invalid body names the field at fault', () => {
  it('for every write with a body schema', async () => {
    const { staff, orgAdmin, cdcd, nlc, nlcService, instrumentId } = w;
    const client = {
      name: 'Zed Fictional-Table', birthDate: '1980-01-01', confirmNotDuplicate: true,
      consent: { method: 'signed_on_screen', organizationIds: [] },
    };
    const cases: [Agent, string, string, unknown, string][] = [
      [staff, 'POST', '/api/v1/intake/clients', { ...client, consent: { ...client.consent, method: 'carrier_pigeon' } }, 'consent.method'],
      [staff, 'POST', '/api/v1/intake/clients', { ...client, household: [{ name: '' }] }, 'household.0.name'],
      [staff, 'PATCH', `/api/v1/intake/clients/${c.id}`, { name: 'New name' }, 'version'],
      [staff, 'POST', `/api/v1/intake/clients/${c.id}/close`, { reason: 'bored' }, 'reason'],
      [staff, 'POST', `/api/v1/intake/clients/${c.id}/merge`, { intoId: 'someone', reason: 'same person' }, 'intoId'],
      [staff, 'POST', `/api/v1/intake/clients/${c.id}/consents`, { purpose: 'referral', dataCategories: [], organizationIds: [nlc], method: 'signed_on_screen' }, 'dataCategories'],
      [staff, 'POST', `/api/v1/intake/clients/${c.id}/consents`, { purpose: 'gossip', dataCategories: ['identity'], organizationIds: [nlc], method: 'signed_on_screen' }, 'purpose'],
      [orgAdmin, 'POST', `/api/v1/intake/clients/${c.id}/emergency-access`, { reason: 'urgent' }, 'reason'],
      [staff, 'POST', `/api/v1/intake/clients/${c.id}/assessments`, { instrumentId: 'common', answers: {} }, 'instrumentId'],
      [staff, 'PUT', `/api/v1/intake/clients/${c.id}/plan`, { content: {} }, 'version'],
      [staff, 'POST', `/api/v1/intake/clients/${c.id}/case-conferences`, { heldAt: '2026-11-02T15:00:00Z', attendees: [] }, 'attendees'],
      [staff, 'POST', '/api/v1/intake/referrals', { clientId: c.id, toOrganizationId: nlc, reason: ' ', sharedCategories: ['identity'] }, 'reason'],
      [staff, 'POST', '/api/v1/intake/referrals', { clientId: c.id, toOrganizationId: nlc, reason: 'Work', urgency: 'yesterday' }, 'urgency'],
      [staff, 'POST', `/api/v1/intake/referrals/${BAD}/transitions`, { to: 'teleported' }, 'to'],
      [staff, 'POST', `/api/v1/intake/self-referrals/${BAD}/close`, { outcome: 'intake_started' }, 'outcome'],
      [w.t.anonymous, 'POST', '/api/v1/intake/self-referrals', { organizationId: cdcd, firstName: '', contact: '555-0100' }, 'firstName'],
      [w.t.anonymous, 'POST', `/api/v1/intake/partner-links/${TOKEN}/response`, { decision: 'maybe' }, 'decision'],
      [w.t.anonymous, 'POST', `/api/v1/intake/partner-links/${TOKEN}/outcome`, { outcome: 'great' }, 'outcome'],
      [w.privacy, 'POST', '/api/v1/intake/instruments', { code: 'Bad Code', name: 'Screening B', definition }, 'code'],
      [w.privacy, 'PATCH', `/api/v1/intake/instruments/${instrumentId}`, { name: 'Renamed' }, 'version'],
      [orgAdmin, 'PUT', `/api/v1/intake/settings/${cdcd}`, { followUpDays: 0, retentionYears: 7 }, 'followUpDays'],
      [orgAdmin, 'POST', '/api/v1/intake/bundles', { name: 'Bundle', needCodes: ['food'], maxAcuity: 9, serviceIds: [nlcService] }, 'maxAcuity'],
      [orgAdmin, 'POST', '/api/v1/intake/bundles', { name: 'Bundle', needCodes: ['Food!'], maxAcuity: 2, serviceIds: [nlcService] }, 'needCodes.0'],
      [orgAdmin, 'PUT', `/api/v1/intake/bundles/${BAD}`, { name: 'Bundle', needCodes: ['food'], maxAcuity: 2, serviceIds: [nlcService] }, 'version'],
      [orgAdmin, 'POST', '/api/v1/intake/fhir/terminology', { system: 'http://snomed.info/sct', code: '', needCode: 'food' }, 'code'],
    ];
    const wrong: string[] = [];
    for (const [agent, method, url, payload, field] of cases) {
      const res = await agent.request({ method: method as never, url, payload: payload as never });
      const got = res.statusCode === 400 ? fieldsOf(res) : [];
      if (res.statusCode !== 400 || !String(res.headers['content-type']).includes('application/problem+json') || got.join() !== field) {
        wrong.push(`${method} ${url} (${field}): ${res.statusCode} ${JSON.stringify(got)} ${res.body.slice(0, 160)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('403/404: signed in, but not allowed', () => {
  it('a collaborative member and an organization viewer (no intake role) on the worker endpoints', async () => {
    const { cdcd, nlc, nlcService } = w;
    const cases: (readonly [Agent, string, string, unknown, number])[] = [];
    for (const agent of [w.member, w.viewer]) {
      cases.push(
        [agent, 'POST', '/api/v1/intake/clients', newClient(), 403],
        [agent, 'GET', `/api/v1/intake/clients/${c.id}`, undefined, 404],
        [agent, 'PATCH', `/api/v1/intake/clients/${c.id}`, { name: 'Changed', version: c.version }, 404],
        [agent, 'GET', `/api/v1/intake/clients/${c.id}/consents`, undefined, 404],
        [agent, 'POST', `/api/v1/intake/clients/${c.id}/consents`, { ...narrowToNlc(w), method: 'signed_on_screen' }, 404],
        [agent, 'GET', `/api/v1/intake/clients/${c.id}/plan`, undefined, 404],
        [agent, 'PUT', `/api/v1/intake/clients/${c.id}/plan`, { content: {}, version: 0 }, 404],
        // Not an intake worker at all: refused before the client is looked up (so nothing leaks).
        [agent, 'POST', '/api/v1/intake/referrals', { clientId: c.id, toOrganizationId: nlc, reason: 'Work', sharedCategories: ['identity'] }, 403],
        [agent, 'POST', '/api/v1/intake/instruments', { code: 'other-screening', name: 'Other', definition }, 403],
        [agent, 'POST', '/api/v1/intake/bundles', { name: 'Mine', needCodes: ['food'], maxAcuity: 2, serviceIds: [nlcService] }, 403],
        [agent, 'GET', `/api/v1/intake/settings/${cdcd}`, undefined, 403],
        [agent, 'PUT', `/api/v1/intake/settings/${cdcd}`, { followUpDays: 3, retentionYears: 7 }, 403],
        [agent, 'GET', `/api/v1/intake/organizations/${cdcd}/contacts`, undefined, 403],
        [agent, 'GET', `/api/v1/intake/dashboard?organizationId=${cdcd}`, undefined, 403],
        [agent, 'POST', '/api/v1/intake/feed/publish', undefined, 403],
        [agent, 'POST', '/api/v1/intake/fhir/terminology', { system: 'http://snomed.info/sct', code: '1234', needCode: 'food' }, 403],
        // The privacy tools on a client they cannot see: 404, as for one that does not exist.
        [agent, 'GET', `/api/v1/intake/clients/${c.id}/export`, undefined, 404],
        [agent, 'GET', `/api/v1/intake/clients/${c.id}/access-report`, undefined, 404],
      );
    }
    expect(await walk(cases)).toEqual([]);
    // The viewer's own organization's dashboard: de-identified counts, no client in it, so 200
    // (docs/intake.md, "Who may do what"); another organization's: 403.
    const dash = await w.viewer.get(`/api/v1/intake/dashboard?organizationId=${w.region}`);
    expect(dash.statusCode, dash.body).toBe(200);
    expect(JSON.stringify(dash.json())).not.toMatch(/clientId|"name"/);
    // Their lists are filtered in the query: empty, not refused.
    for (const agent of [w.member, w.viewer]) {
      expect((await agent.get('/api/v1/intake/clients')).json().items).toEqual([]);
      expect((await agent.get('/api/v1/intake/referrals')).json().items).toEqual([]);
      const worklist = (await agent.get('/api/v1/intake/worklist')).json();
      expect([worklist.clients, worklist.incoming, worklist.selfReferrals]).toEqual([[], [], []]);
    }
  });

  it("a worker of another organization (Northern Lights) on a CDCD client its consent does not name", async () => {
    const { partner, cdcd, nlc } = w;
    const referral = await w.staff.post('/api/v1/intake/referrals', { clientId: c.id, toOrganizationId: cdcd, reason: 'Internal', sharedCategories: ['identity'] });
    const cases: (readonly [Agent, string, string, unknown, number])[] = [
      [partner, 'GET', `/api/v1/intake/clients/${c.id}`, undefined, 404],
      [partner, 'PATCH', `/api/v1/intake/clients/${c.id}`, { name: 'Changed', version: c.version }, 404],
      [partner, 'POST', `/api/v1/intake/clients/${c.id}/close`, { reason: 'moved_away' }, 404],
      [partner, 'GET', `/api/v1/intake/clients/${c.id}/duplicates`, undefined, 404],
      [partner, 'GET', `/api/v1/intake/clients/${c.id}/consents`, undefined, 404],
      [partner, 'POST', `/api/v1/intake/clients/${c.id}/consents`, { purpose: 'referral', dataCategories: ['identity'], organizationIds: [nlc], method: 'signed_on_screen' }, 404],
      [partner, 'POST', `/api/v1/intake/clients/${c.id}/consents/${c.consents[0] ?? BAD}/withdraw`, undefined, 404],
      [partner, 'GET', `/api/v1/intake/clients/${c.id}/assessments`, undefined, 404],
      [partner, 'POST', `/api/v1/intake/clients/${c.id}/assessments`, { instrumentId: w.instrumentId, answers: {} }, 404],
      [partner, 'GET', `/api/v1/intake/clients/${c.id}/matches`, undefined, 404],
      [partner, 'GET', `/api/v1/intake/clients/${c.id}/plan`, undefined, 404],
      [partner, 'PUT', `/api/v1/intake/clients/${c.id}/plan`, { content: {}, version: 0 }, 404],
      [partner, 'POST', `/api/v1/intake/clients/${c.id}/case-conferences`, { heldAt: '2026-11-02T15:00:00Z', attendees: ['A. Fictional'] }, 404],
      [partner, 'GET', `/api/v1/intake/referrals/${referral.json().id}`, undefined, 404],
      [partner, 'POST', `/api/v1/intake/referrals/${referral.json().id}/transitions`, { to: 'received' }, 404],
      [partner, 'GET', `/api/v1/intake/referrals/${referral.json().id}/fhir`, undefined, 404],
      [partner, 'POST', `/api/v1/intake/referrals/${referral.json().id}/link`, undefined, 404],
      [partner, 'GET', `/api/v1/intake/settings/${cdcd}`, undefined, 403],
      [partner, 'PUT', `/api/v1/intake/settings/${cdcd}`, { followUpDays: 3, retentionYears: 7 }, 403],
      [partner, 'GET', `/api/v1/intake/dashboard?organizationId=${cdcd}`, undefined, 403],
      [partner, 'GET', `/api/v1/intake/clients/${c.id}/access-report`, undefined, 404],
      [partner, 'GET', `/api/v1/intake/clients/${c.id}/export`, undefined, 404],
      [partner, 'GET', `/api/v1/intake/clients/${BAD}/access-report`, undefined, 404],
    ];
    expect(referral.statusCode, referral.body).toBe(201);
    expect(await walk(cases)).toEqual([]);
    expect((await partner.get('/api/v1/intake/clients')).json().items.map((x: { id: string }) => x.id)).not.toContain(c.id);
    // A client named in a body is a field: 400 on clientId, the same answer as for a client that does not exist.
    const refer = (clientId: string) => partner.post('/api/v1/intake/referrals', { clientId, toOrganizationId: nlc, reason: 'Work', sharedCategories: ['identity'] });
    const [hidden, missing] = [await refer(c.id), await refer(BAD)];
    expect([hidden.statusCode, fieldsOf(hidden)]).toEqual([400, ['clientId']]);
    expect(hidden.json().errors).toEqual(missing.json().errors);
  });
});

describe('200/201: the demo intake worker', () => {
  it('lists the worklist, takes an intake with consent, refers and the partner moves the referral on', async () => {
    const { staff, partner, nlc } = w;
    const worklist = await staff.get('/api/v1/intake/worklist');
    expect(worklist.statusCode).toBe(200);
    expect(Object.keys(worklist.json()).sort()).toEqual(['alerts', 'clients', 'incoming', 'overdueFollowUps', 'reassessmentsDue', 'selfReferrals', 'waitlisted']);

    const created = await staff.post('/api/v1/intake/clients', {
      ...newClient(), name: 'Wren Fictional-Happypath', birthDate: '1991-07-08',
      consent: { method: 'signed_on_screen', documentReference: 'cabinet-routes', organizationIds: [] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    expect(created.json()).toMatchObject({ name: 'Wren Fictional-Happypath', birthDate: '1991-07-08', homeOrganizationId: w.cdcd, version: expect.any(Number) });
    const consent = await staff.post(`/api/v1/intake/clients/${id}/consents`, { ...narrowToNlc(w), method: 'signed_on_screen' });
    expect(consent.statusCode, consent.body).toBe(201);
    expect(consent.json()).toMatchObject({ purpose: 'referral', organizationIds: [nlc] });
    expect((await staff.get(`/api/v1/intake/clients/${id}/consents`)).json().items).toHaveLength(2);
    expect((await staff.get(`/api/v1/intake/clients/${id}`)).json().name).toBe('Wren Fictional-Happypath');
    expect((await staff.get('/api/v1/intake/clients?q=Happypath')).json().items.map((x: { id: string }) => x.id)).toEqual([id]);

    const plan = await staff.put(`/api/v1/intake/clients/${id}/plan`, { content: { goals: [{ term: 'short', text: 'Find work' }] }, version: 0 });
    expect(plan.statusCode, plan.body).toBe(200);
    expect(plan.json().content.goals).toEqual([{ term: 'short', text: 'Find work', steps: [] }]);

    const referral = await staff.post('/api/v1/intake/referrals', { clientId: id, toOrganizationId: nlc, reason: 'Fictional-Reason wants work', urgency: 'routine', sharedCategories: ['identity'] });
    expect(referral.statusCode, referral.body).toBe(201);
    expect(referral.json()).toMatchObject({ clientId: id, toOrganizationId: nlc, status: 'requested' });
    const rid = referral.json().id as string;
    const received = await partner.post(`/api/v1/intake/referrals/${rid}/transitions`, { to: 'received' });
    expect(received.statusCode, received.body).toBe(200);
    const accepted = await partner.post(`/api/v1/intake/referrals/${rid}/transitions`, { to: 'accepted' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().status).toBe('accepted');
    const seen = await staff.get(`/api/v1/intake/referrals/${rid}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().events.map((e: { toStatus: string }) => e.toStatus)).toEqual(['requested', 'received', 'accepted']);
    expect((await staff.get(`/api/v1/intake/referrals?clientId=${id}`)).json().items.map((r: { id: string; status: string }) => [r.id, r.status])).toEqual([[rid, 'accepted']]);
    // The partner sees it, with the client's name (the narrow consent names Northern Lights).
    expect((await partner.get(`/api/v1/intake/referrals/${rid}`)).json().clientName).toBe('Wren Fictional-Happypath');
  });

  it('reads the shared lists: instruments, bundles, terminology, feed', async () => {
    for (const [url, key] of [['/api/v1/intake/instruments', 'items'], ['/api/v1/intake/bundles', 'items'], ['/api/v1/intake/fhir/terminology', 'items'], ['/api/v1/intake/feed', 'rows']] as const) {
      const res = await w.staff.get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.json()[key].length, url).toBeGreaterThan(0);
    }
    expect((await w.staff.get(`/api/v1/intake/instruments/${w.instrumentId}`)).json()).toMatchObject({ code: 'common-screening', status: 'published' });
  });
});
