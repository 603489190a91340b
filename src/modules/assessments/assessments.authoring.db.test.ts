/**
 * The API surface added for issue 17's unfinished parts: plan actions linked to welcoming
 * characteristics (strategy.api), immigrants against non-immigrants (data.api breakdowns with
 * their suppression), and instruments authored as immutable versions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, demo, type Agent, type TestApp } from '../../../test/helpers/test-app';
import { rowsOf } from '../../core/db/database';
import { immigrantStatusBreakdown } from '../data/data.api';
import { collaborativePlanActions } from '../strategy/strategy.api';

let t: TestApp;
let coordinator: Agent, member: Agent, viewer: Agent;
let ldipcId: string, durhamId: string, brockId: string;
const BAD = '00000000-0000-4000-8000-000000000000';
const fieldsOf = (res: { json(): { errors?: { field: string }[] } }) => (res.json().errors ?? []).map((e) => e.field);
const indicatorId = async (code: string) => (await rowsOf<{ id: string }>(t.database.db, sql`SELECT id FROM data_indicators WHERE code = ${code}`))[0].id;

beforeAll(async () => {
  t = await createTestApp();
  [coordinator, member, viewer] = await Promise.all([t.login(demo.coordinator), t.login(demo.member), t.login(demo.viewer)]);
  [{ id: ldipcId }] = await rowsOf<{ id: string }>(t.database.db, sql`SELECT id FROM collaboratives WHERE short_name = 'LDIPC'`);
  [{ id: durhamId }] = await rowsOf<{ id: string }>(t.database.db, sql`SELECT id FROM geographies WHERE code = '3518'`);
  [{ id: brockId }] = await rowsOf<{ id: string }>(t.database.db, sql`SELECT id FROM geographies WHERE code = '3518039'`);
});
afterAll(() => t.close());

describe('plan actions in the scan and on the profile cards', () => {
  let actionId: string;

  it('reads the collaborative’s plan actions through strategy.api', async () => {
    const actions = await collaborativePlanActions(t.database.db, ldipcId);
    expect(actions.length).toBeGreaterThanOrEqual(12);
    expect(actions.map((a) => a.title)).toContain('Bolster the Durham Immigration Portal');
    actionId = actions.find((a) => a.title === 'Use collaboration toolkits to set shared values and principles')!.id;
  });

  it('lists each characteristic’s linked actions in the scan (demo links)', async () => {
    const res = await member.get(`/api/v1/assessments/welcoming/scan?collaborativeId=${ldipcId}&geographyId=${durhamId}`);
    expect(res.statusCode, res.body).toBe(200);
    const scan = res.json();
    const of = (k: string) => scan.characteristics.find((c: { key: string }) => c.key === k).actions.map((a: { title: string }) => a.title);
    expect(of('municipal_services')).toEqual(['Bolster the Durham Immigration Portal', 'Open a physical information centre for newcomers']);
    expect(of('safety')).toEqual([]);
    expect(scan.planActions.length).toBeGreaterThanOrEqual(12);
    expect(scan.actions['assessments.welcoming.linkActions']).toBe(false);
    expect((await coordinator.get(`/api/v1/assessments/welcoming/scan?collaborativeId=${ldipcId}&geographyId=${durhamId}`)).json().actions['assessments.welcoming.linkActions']).toBe(true);
  });

  it('links and unlinks: 401, 400 naming the field, 403, 200', async () => {
    const url = '/api/v1/assessments/welcoming/action-links';
    const body = { collaborativeId: ldipcId, characteristic: 'links_between_actors', actionId, linked: true };
    expect((await t.anonymous.request({ method: 'PUT', url, payload: body })).statusCode).toBe(401);
    expect(fieldsOf(await coordinator.put(url, { ...body, actionId: 'nope', linked: 'yes' })).sort()).toEqual(['actionId', 'linked']);
    expect(fieldsOf(await coordinator.put(url, { ...body, characteristic: 'weather' }))).toEqual(['characteristic']);
    expect(fieldsOf(await coordinator.put(url, { ...body, actionId: BAD }))).toEqual(['actionId']);
    expect(fieldsOf(await coordinator.put(url, { ...body, collaborativeId: BAD }))).toEqual(['collaborativeId']);
    expect((await member.put(url, body)).statusCode).toBe(403);
    expect((await viewer.put(url, body)).statusCode).toBe(403);
    const linked = await coordinator.put(url, body);
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json().actions.map((a: { id: string }) => a.id)).toContain(actionId);
    // Linking twice is harmless; the profile copies the linked actions.
    expect((await coordinator.put(url, body)).json().actions.filter((a: { id: string }) => a.id === actionId)).toHaveLength(1);
    const made = await coordinator.post('/api/v1/assessments/welcoming/profiles', { collaborativeId: ldipcId, geographyId: durhamId, title: 'Links test', priorities: ['links_between_actors', 'safety'] });
    expect(made.statusCode, made.body).toBe(201);
    const card = made.json().content.characteristics[0];
    expect(card.actions.map((a: { title: string }) => a.title)).toEqual(['Expand LDIPC committees to every stakeholder interested in integrated service delivery', 'Establish a regular planning meeting schedule', 'Use collaboration toolkits to set shared values and principles']);
    expect(card.actions[0].planTitle).toMatch(/Durham/);
    const unlinked = await coordinator.put(url, { ...body, linked: false });
    expect(unlinked.json().actions.map((a: { id: string }) => a.id)).not.toContain(actionId);
    // The profile is dated and immutable: it still lists the action.
    expect((await coordinator.get(`/api/v1/assessments/welcoming/profiles/${made.json().id}`)).json().content.characteristics[0].actions).toHaveLength(3);
    const audit = await rowsOf<{ action: string }>(t.database.db, sql`SELECT action FROM audit_events WHERE action LIKE 'assessments.welcoming.%link_action' ORDER BY id`);
    expect(audit.map((a) => a.action)).toEqual(['assessments.welcoming.link_action', 'assessments.welcoming.link_action', 'assessments.welcoming.unlink_action']);
  });
});

describe('immigrants against non-immigrants', () => {
  it('reads the breakdown through data.api, suppressing small counts', async () => {
    const housing = await indicatorId('demo.core_housing_need_count');
    const durham = await immigrantStatusBreakdown(t.database.db, null, { indicatorId: housing, geographyId: durhamId, period: '2021' });
    expect(durham).toMatchObject({ period: '2021', immigrants: { value: 7285, suppressed: false }, nonImmigrants: { value: 14065, suppressed: false } });
    const brock = await immigrantStatusBreakdown(t.database.db, null, { indicatorId: housing, geographyId: brockId, period: '2021' });
    expect(brock!.immigrants).toMatchObject({ value: null, suppressed: true });
    // The complement would give the small count away: it is suppressed too.
    expect(brock!.nonImmigrants).toMatchObject({ value: null, suppressed: true });
    expect(await immigrantStatusBreakdown(t.database.db, null, { indicatorId: await indicatorId('immigrants.share_pct'), geographyId: durhamId, period: '2010' })).toBeNull();
  });

  it('marks the indicators with a breakdown in the scan and compares them on the profile', async () => {
    const scan = (await coordinator.get(`/api/v1/assessments/welcoming/scan?collaborativeId=${ldipcId}&geographyId=${durhamId}`)).json();
    const employment = scan.characteristics.find((c: { key: string }) => c.key === 'employment').indicators[0];
    expect([employment.code, employment.immigrantBreakdown]).toEqual(['demo.employment_rate_pct', true]);
    const share = scan.characteristics.find((c: { key: string }) => c.key === 'attitudes').indicators.find((i: { code: string }) => i.code === 'immigrants.share_pct');
    expect(share.immigrantBreakdown).toBe(false);
    const made = await coordinator.post('/api/v1/assessments/welcoming/profiles', {
      collaborativeId: ldipcId, geographyId: durhamId, title: 'Immigrants test', priorities: ['employment', 'attitudes'],
      choices: [{ characteristic: 'employment', indicatorIds: [employment.id], comparisons: ['immigrants'] }, { characteristic: 'attitudes', indicatorIds: [share.id], comparisons: ['immigrants'] }],
    });
    expect(made.statusCode, made.body).toBe(201);
    const [emp, att] = made.json().content.characteristics.map((c: { indicators: { immigrants: unknown }[] }) => c.indicators[0].immigrants);
    expect(emp).toMatchObject({ available: true, period: '2021', immigrants: { display: '55.3', suppressed: false }, nonImmigrants: { display: '59.8', suppressed: false } });
    expect(att).toMatchObject({ available: false });
  });
});

describe('instruments authored as immutable versions', () => {
  const body = { key: 'authoring-check', kind: 'checklist', nameEn: 'Authoring check', nameFr: 'Vérification', definition: { items: [{ key: 'a', en: 'A', fr: 'A (fr)' }] } };

  it('makes version 2 for the same key and refuses another kind (400 naming kind)', async () => {
    const v1 = await coordinator.post('/api/v1/assessments/instruments', body);
    expect(v1.statusCode, v1.body).toBe(201);
    const v2 = await coordinator.post('/api/v1/assessments/instruments', { ...body, definition: { items: [...body.definition.items, { key: 'b', en: 'B', fr: 'B (fr)' }] } });
    expect([v2.statusCode, v2.json().version, v2.json().definition.items.length]).toEqual([201, 2, 2]);
    const scales = (await coordinator.get('/api/v1/assessments/scales')).json().items;
    const kind = await coordinator.post('/api/v1/assessments/instruments', { ...body, kind: 'likert', scaleId: scales[0].id, definition: { factors: [{ key: 'f', en: 'F', fr: 'F' }], items: [{ key: 'a', en: 'A', fr: 'A', factor: 'f' }] } });
    expect([kind.statusCode, fieldsOf(kind)]).toEqual([400, ['kind']]);
    expect((await member.post('/api/v1/assessments/instruments', body)).statusCode).toBe(403);
    expect((await t.anonymous.request({ method: 'POST', url: '/api/v1/assessments/instruments', payload: body })).statusCode).toBe(401);
  });

  it('refuses any change to a published version in the database', async () => {
    const [row] = await rowsOf<{ id: string }>(t.database.db, sql`SELECT id FROM assessments_instruments WHERE key = 'authoring-check' AND version = 1`);
    const failure = (q: Promise<unknown>) => q.then(() => 'no error', (e: Error & { cause?: unknown }) => `${e.message} ${String(e.cause)}`);
    expect(await failure(t.database.db.execute(sql`UPDATE assessments_instruments SET name_en = 'Changed' WHERE id = ${row.id}`))).toMatch(/immutable/);
    expect(await failure(t.database.db.execute(sql`DELETE FROM assessments_instruments WHERE id = ${row.id}`))).toMatch(/immutable/);
    expect((await rowsOf<{ n: string }>(t.database.db, sql`SELECT name_en AS n FROM assessments_instruments WHERE id = ${row.id}`))[0].n).toBe('Authoring check');
  });
});
