import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, demo, type Agent, type TestApp } from '../../../test/helpers/test-app';

let t: TestApp;
let staff: Agent;
let orgAdmin: Agent;
let admin: Agent;

type Instrument = { id: string; code: string; instrumentVersion: number; name: string; status: string; version: number; publishedAt: string | null; definition: { domains: Domain[] } };
type Domain = { code: string; label: { en: string; fr: string }; needCode: string; questions: { id: string; text: { en: string; fr: string } }[]; rules: Record<string, unknown>[] };

const domain = (code: string, extra: Partial<Domain> = {}): Domain => ({
  code, label: { en: `Domain ${code}`, fr: `Domaine ${code}` }, needCode: 'housing',
  questions: [{ id: 'evicted', text: { en: 'Facing eviction?', fr: 'Menacé d’expulsion?' } }],
  rules: [{ when: { acuityAtMost: 2 }, needCode: 'housing', urgency: 'urgent' }, { when: { question: 'evicted' }, needCode: 'housing', urgency: 'soon' }],
  ...extra,
});

async function create(code: string, domains: Domain[] = [domain('housing')]) {
  const res = await orgAdmin.post('/api/v1/intake/instruments', { code, name: `Test ${code}`, definition: { domains } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Instrument;
}

async function publish(id: string) {
  const res = await orgAdmin.post(`/api/v1/intake/instruments/${id}/publish`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Instrument;
}

async function newClient() {
  const res = await staff.post('/api/v1/intake/clients', {
    name: 'Instrument Fictional-Tester', birthDate: '1988-04-04', confirmNotDuplicate: true, consent: { method: 'signed_on_screen', organizationIds: [] },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

const del = (agent: Agent, id: string) => agent.request({ method: 'DELETE', url: `/api/v1/intake/instruments/${id}` });

beforeAll(async () => {
  t = await createTestApp();
  staff = await t.login(demo.staff);
  orgAdmin = await t.login(demo.orgAdmin);
  admin = await t.login(demo.admin);
}, 120_000);
afterAll(async () => t?.close());

describe('validating an instrument definition', () => {
  it('names the path of a rule whose question is not in its domain', async () => {
    const bad = domain('housing', { rules: [{ when: { question: 'no_such' }, needCode: 'housing', urgency: 'soon' }] });
    const res = await orgAdmin.post('/api/v1/intake/instruments', { code: 'bad-rule', name: 'Bad', definition: { domains: [domain('food'), bad] } });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors).toEqual([{ field: 'definition.domains.1.rules.0.when.question', message: expect.stringContaining('no_such') }]);
  });

  it('names the path of a duplicate domain code, a duplicate question id, an empty rule and an empty need code', async () => {
    const dupQuestion = domain('food', { questions: [domain('x').questions[0], domain('x').questions[0]], rules: [{ when: {}, needCode: 'food', urgency: 'soon' }] });
    const emptyNeed = domain('income', { rules: [{ when: { acuityAtMost: 1 }, needCode: '  ', urgency: 'soon' }] });
    const res = await orgAdmin.post('/api/v1/intake/instruments', { code: 'dups', name: 'Dups', definition: { domains: [domain('housing'), domain('housing'), dupQuestion, emptyNeed] } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'definition.domains.1.code', 'definition.domains.2.questions.1.id', 'definition.domains.2.rules.0.when.acuityAtMost', 'definition.domains.3.rules.0.needCode',
    ]);
  });

  it('requires labels in English and French, on create and on update', async () => {
    const noFrench = { ...domain('housing'), label: { en: 'Housing', fr: '' } };
    const res = await orgAdmin.post('/api/v1/intake/instruments', { code: 'no-fr', name: 'No French', definition: { domains: [noFrench] } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('definition.domains.0.label.fr');
    const draft = await create('update-check');
    const upd = await orgAdmin.patch(`/api/v1/intake/instruments/${draft.id}`, { version: draft.version, definition: { domains: [domain('a'), domain('a')] } });
    expect(upd.statusCode).toBe(400);
    expect(upd.json().errors).toEqual([expect.objectContaining({ field: 'definition.domains.1.code' })]);
  });
});

describe('instrument versions', () => {
  it('publishing freezes a version, through the API and in the database', async () => {
    const draft = await create('freeze');
    const ok = await orgAdmin.patch(`/api/v1/intake/instruments/${draft.id}`, { version: draft.version, name: 'Renamed while draft' });
    expect(ok.statusCode, ok.body).toBe(200);
    const stale = await orgAdmin.patch(`/api/v1/intake/instruments/${draft.id}`, { version: draft.version, name: 'Stale' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('conflict.stale_version');
    const pub = await publish(draft.id);
    expect(pub.status).toBe('published');
    expect(pub.publishedAt).not.toBeNull();
    const edit = await orgAdmin.patch(`/api/v1/intake/instruments/${draft.id}`, { version: pub.version, name: 'Changed' });
    expect(edit.statusCode).toBe(409);
    await expect(t.database.query(`UPDATE intake_instruments SET definition = '{"domains":[]}'::jsonb WHERE id = $1`, [draft.id])).rejects.toThrow(/never change/);
    const [row] = await t.database.query<{ name: string }>('SELECT name FROM intake_instruments WHERE id = $1', [draft.id]);
    expect(row.name).toBe('Renamed while draft');
  });

  it('a new version copies the definition with the next number; one draft per code at a time', async () => {
    const v1 = await publish((await create('copy', [domain('housing'), domain('food')])).id);
    const res = await orgAdmin.post(`/api/v1/intake/instruments/${v1.id}/new-version`);
    expect(res.statusCode, res.body).toBe(201);
    const v2 = res.json() as Instrument;
    expect(v2).toMatchObject({ code: 'copy', instrumentVersion: 2, status: 'draft', name: v1.name, publishedAt: null });
    expect(v2.definition).toEqual(v1.definition);
    const second = await orgAdmin.post(`/api/v1/intake/instruments/${v1.id}/new-version`);
    expect(second.statusCode).toBe(409);
    expect(second.json().errors[0].field).toBe('code');
    const viaCreate = await orgAdmin.post('/api/v1/intake/instruments', { code: 'copy', name: 'Another', definition: { domains: [domain('housing')] } });
    expect(viaCreate.statusCode).toBe(409);
    await publish(v2.id);
    // Two coordinators at once: one draft, and the other is told why on `code`.
    const both = await Promise.all([1, 2].map(() => orgAdmin.post(`/api/v1/intake/instruments/${v1.id}/new-version`)));
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(both.find((r) => r.statusCode === 409)!.json().errors[0].field).toBe('code');
    const v3 = both.find((r) => r.statusCode === 201)!;
    expect(v3.json().instrumentVersion).toBe(3);
    const [{ drafts }] = await t.database.query<{ drafts: number }>(`SELECT count(*)::int AS drafts FROM intake_instruments WHERE code = 'copy' AND status = 'draft'`);
    expect(drafts).toBe(1);
    // The database holds the rule too, whatever the service does.
    await expect(t.database.query(`INSERT INTO intake_instruments (code, instrument_version, name, definition) VALUES ('copy', 99, 'x', '{}'::jsonb)`)).rejects.toThrow(/one_draft/);
  });

  it('retiring stops new assessments while old ones keep their version', async () => {
    const v1 = await publish((await create('retire-me')).id);
    const c = await newClient();
    const before = await staff.post(`/api/v1/intake/clients/${c.id}/assessments`, { instrumentId: v1.id, answers: { housing: { acuity: 4, yes: ['evicted'] } } });
    expect(before.statusCode, before.body).toBe(201);
    expect(before.json().needs).toEqual([{ domain: 'housing', needCode: 'housing', urgency: 'soon' }]);
    const retired = await orgAdmin.post(`/api/v1/intake/instruments/${v1.id}/retire`);
    expect(retired.statusCode, retired.body).toBe(200);
    expect(retired.json()).toMatchObject({ status: 'retired', definition: v1.definition, publishedAt: v1.publishedAt });
    const after = await staff.post(`/api/v1/intake/clients/${c.id}/assessments`, { instrumentId: v1.id, answers: { housing: { acuity: 4, yes: [] } } });
    expect(after.statusCode).toBe(400);
    expect(after.json().errors[0].field).toBe('instrumentId');
    const list = (await staff.get(`/api/v1/intake/clients/${c.id}/assessments`)).json().items;
    expect(list).toEqual([expect.objectContaining({ id: before.json().id, instrumentId: v1.id, instrumentVersion: 1 })]);
    const again = await orgAdmin.post(`/api/v1/intake/instruments/${v1.id}/retire`);
    expect(again.statusCode).toBe(409);
  });

  it('deletes a draft (204) but never a published or retired version (409)', async () => {
    const draft = await create('delete-me');
    expect((await del(orgAdmin, draft.id)).statusCode).toBe(204);
    expect((await orgAdmin.get('/api/v1/intake/instruments')).json().items.some((i: Instrument) => i.id === draft.id)).toBe(false);
    expect((await del(orgAdmin, draft.id)).statusCode).toBe(404);
    const pub = await publish((await create('keep-me')).id);
    const res = await del(orgAdmin, pub.id);
    expect(res.statusCode).toBe(409);
    expect(res.json().errors[0].field).toBe('status');
  });

  it('only a platform admin or an org admin may author; a worker gets 403 on every write', async () => {
    const draft = await create('who');
    const body = { code: 'who-else', name: 'Worker', definition: { domains: [domain('housing')] } };
    expect((await staff.post('/api/v1/intake/instruments', body)).statusCode).toBe(403);
    expect((await staff.patch(`/api/v1/intake/instruments/${draft.id}`, { version: draft.version, name: 'x' })).statusCode).toBe(403);
    expect((await staff.post(`/api/v1/intake/instruments/${draft.id}/publish`)).statusCode).toBe(403);
    expect((await staff.post(`/api/v1/intake/instruments/${draft.id}/new-version`)).statusCode).toBe(403);
    expect((await staff.post(`/api/v1/intake/instruments/${draft.id}/retire`)).statusCode).toBe(403);
    expect((await del(staff, draft.id)).statusCode).toBe(403);
    expect((await t.anonymous.get('/api/v1/intake/instruments')).statusCode).toBe(401);
    const byAdmin = await admin.post('/api/v1/intake/instruments', body);
    expect(byAdmin.statusCode, byAdmin.body).toBe(201);
  });

  it('audits every write with the instrument id', async () => {
    const draft = await create('audited');
    await orgAdmin.patch(`/api/v1/intake/instruments/${draft.id}`, { version: draft.version, name: 'Audited' });
    await publish(draft.id);
    const copy = (await orgAdmin.post(`/api/v1/intake/instruments/${draft.id}/new-version`)).json() as Instrument;
    await orgAdmin.post(`/api/v1/intake/instruments/${draft.id}/retire`);
    await del(orgAdmin, copy.id);
    const rows = await t.database.query<{ action: string; entity_id: string }>(
      `SELECT action, entity_id FROM audit_events WHERE entity_type = 'intake_instrument' AND entity_id IN ($1, $2) ORDER BY id`, [draft.id, copy.id]);
    expect(rows.map((r) => `${r.action}:${r.entity_id === draft.id ? 'v1' : 'v2'}`)).toEqual([
      'intake.instrument.create:v1', 'intake.instrument.update:v1', 'intake.instrument.publish:v1', 'intake.instrument.create:v2',
      'intake.instrument.retire:v1', 'intake.instrument.delete:v2',
    ]);
  });
});
