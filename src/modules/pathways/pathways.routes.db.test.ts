import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.setConfig({ testTimeout: 120_000 });
import { createTestApp, demo, type Agent, type TestApp } from '../../../test/helpers/test-app';

let t: TestApp;
let admin: Agent, viewer: Agent, coordinator: Agent, member: Agent;
let ldipcId: string;
let newcomer: { id: string; version: number; steps: { key: string }[] };
const BAD = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  t = await createTestApp();
  [admin, viewer, coordinator, member] = await Promise.all([t.login(demo.admin), t.login(demo.viewer), t.login(demo.coordinator), t.login(demo.member)]);
  const list = (await viewer.get('/api/v1/pathways')).json();
  const item = list.items.find((p: { name: string }) => p.name.startsWith('Newcomer settlement'));
  ldipcId = item.collaborativeId;
  newcomer = (await viewer.get(`/api/v1/pathways/${item.id}`)).json();
}, 240_000);
afterAll(() => t.close(), 60_000);

const fieldsOf = (res: { json(): { errors?: { field: string }[] } }) => (res.json().errors ?? []).map((e) => e.field);

describe('every pathways endpoint', () => {
  it('refuses anonymous callers (401) except the public pages', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/pathways'], ['POST', '/api/v1/pathways'], ['GET', '/api/v1/pathways/reference'], ['GET', `/api/v1/pathways/${BAD}`], ['PATCH', `/api/v1/pathways/${BAD}`], ['DELETE', `/api/v1/pathways/${BAD}`],
      ['POST', `/api/v1/pathways/${BAD}/publish`], ['GET', `/api/v1/pathways/${BAD}/versions/diff?from=1&to=2`], ['POST', `/api/v1/pathways/${BAD}/copies`], ['POST', `/api/v1/pathways/${BAD}/base/acknowledge`],
      ['GET', `/api/v1/pathways/${BAD}/flow`], ['GET', `/api/v1/pathways/${BAD}/workshop`], ['POST', `/api/v1/pathways/${BAD}/workshop/drawings`], ['GET', `/api/v1/pathways/${BAD}/feedback`],
      ['GET', `/api/v1/pathways/${BAD}/plan-definition`], ['POST', '/api/v1/pathways/import/plan-definition'], ['GET', `/api/v1/pathways/${BAD}/export.json`], ['GET', `/api/v1/pathways/${BAD}/pdf`],
    ] as const) {
      const res = await t.anonymous.request({ method, url, payload: method === 'GET' || method === 'DELETE' ? undefined : {} });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
    }
    expect((await t.anonymous.get(`/api/v1/pathways/public/${BAD}`)).statusCode).toBe(404);
    expect((await t.anonymous.get('/api/v1/pathways/public')).statusCode).toBe(200);
  });

  it('names the field at fault (400)', async () => {
    expect(fieldsOf(await coordinator.post('/api/v1/pathways', { collaborativeId: ldipcId, name: '', steps: [{ key: 'A b', kind: 'door', title: 'x' }] })).sort()).toEqual(['name', 'steps.0.key', 'steps.0.kind']);
    expect(fieldsOf(await coordinator.post('/api/v1/pathways', { collaborativeId: ldipcId, name: 'X', steps: [{ key: 'a', kind: 'entry', title: 'A', next: [{ to: 'nowhere' }] }] }))).toEqual(['steps.0.next.0.to']);
    expect(fieldsOf(await coordinator.post('/api/v1/pathways', { collaborativeId: ldipcId, name: 'X', steps: [{ key: 'a', kind: 'entry', title: 'A', serviceIds: [BAD] }] }))).toEqual(['steps.0.serviceIds.0']);
    expect(fieldsOf(await coordinator.post('/api/v1/pathways', { collaborativeId: BAD, name: 'X' }))).toEqual(['collaborativeId']);
    expect(fieldsOf(await coordinator.get(`/api/v1/pathways/${newcomer.id}/flow?from=2026-13-01`))).toEqual(['from']);
    expect(fieldsOf(await member.post(`/api/v1/pathways/${newcomer.id}/workshop/drawings`, { participant: 'P', steps: [] }))).toEqual(['steps']);
    expect(fieldsOf(await t.anonymous.post(`/api/v1/pathways/public/${newcomer.id}/feedback`, { answer: 'maybe' }))).toEqual(['answer']);
    expect(fieldsOf(await coordinator.post('/api/v1/pathways/import/plan-definition', { collaborativeId: ldipcId, planDefinition: { resourceType: 'Patient' } }))).toEqual(['planDefinition.resourceType']);
  });

  it('refuses viewers every write (403) and lets them read (200)', async () => {
    for (const [method, url, payload] of [
      ['POST', '/api/v1/pathways', { collaborativeId: ldipcId, name: 'Viewer pathway' }],
      ['PATCH', `/api/v1/pathways/${newcomer.id}`, { name: 'x', version: newcomer.version }],
      ['DELETE', `/api/v1/pathways/${newcomer.id}`, undefined],
      ['POST', `/api/v1/pathways/${newcomer.id}/publish`, { version: newcomer.version }],
      ['POST', `/api/v1/pathways/${newcomer.id}/copies`, { collaborativeId: ldipcId }],
      ['POST', `/api/v1/pathways/${newcomer.id}/workshop/drawings`, { participant: 'P', steps: [{ kind: 'entry', title: 'T' }] }],
    ] as const) {
      const res = await viewer.request({ method, url, payload: payload as never });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
    expect((await viewer.get(`/api/v1/pathways/${newcomer.id}/flow`)).statusCode).toBe(403);
    expect((await viewer.get(`/api/v1/pathways/${newcomer.id}/feedback`)).statusCode).toBe(403);
    for (const url of ['/api/v1/pathways', `/api/v1/pathways/${newcomer.id}`, `/api/v1/pathways/${newcomer.id}/workshop`, `/api/v1/pathways/${newcomer.id}/plan-definition`, `/api/v1/pathways/${newcomer.id}/export.json`]) {
      expect((await viewer.get(url)).statusCode, url).toBe(200);
    }
    const pdf = await viewer.get(`/api/v1/pathways/${newcomer.id}/pdf?lang=fr`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('pathways', () => {
  it('seeds the two Durham pathways, published, with services from the directory', async () => {
    const list = (await viewer.get('/api/v1/pathways')).json().items;
    expect(list.map((p: { name: string }) => p.name).sort()).toEqual(['Life stabilization: applying for social assistance', 'Newcomer settlement: arrival to employment']);
    expect(newcomer.steps).toHaveLength(10);
    const p = (await viewer.get(`/api/v1/pathways/${newcomer.id}`)).json();
    expect(p.status).toBe('published');
    expect(Object.values(p.names.services)).toContain('LINC language assessment');
  });

  it('edits, versions, copies and tells the copy when its base changes', async () => {
    const created = await coordinator.post('/api/v1/pathways', { collaborativeId: ldipcId, name: 'Test pathway', steps: [{ key: 'a', kind: 'entry', title: 'A', next: [{ to: 'b' }] }, { key: 'b', kind: 'exit', title: 'B' }] });
    expect(created.statusCode).toBe(201);
    let p = created.json();
    p = (await coordinator.post(`/api/v1/pathways/${p.id}/publish`, { version: p.version, note: 'v1' })).json();
    const copy = (await coordinator.post(`/api/v1/pathways/${p.id}/copies`, { collaborativeId: ldipcId, name: 'Local copy' })).json();
    expect(copy.basedOn).toMatchObject({ id: p.id, copiedVersion: 1, changed: false, diff: [] });
    const stale = await coordinator.patch(`/api/v1/pathways/${p.id}`, { version: p.version - 1, name: 'Old' });
    expect(stale.statusCode).toBe(409);
    p = (await coordinator.patch(`/api/v1/pathways/${p.id}`, { version: p.version, steps: [...p.steps, { key: 'c', kind: 'service', title: 'C' }] })).json();
    p = (await coordinator.post(`/api/v1/pathways/${p.id}/publish`, { version: p.version, note: 'v2' })).json();
    expect((await coordinator.get(`/api/v1/pathways/${p.id}/versions/diff?from=1&to=2`)).json().changes).toEqual([{ key: 'c', change: 'added', fields: [], title: 'C' }]);
    let c = (await coordinator.get(`/api/v1/pathways/${copy.id}`)).json();
    expect(c.basedOn).toMatchObject({ changed: true, latestVersion: 2, diff: [{ key: 'c', change: 'removed', fields: [], title: 'C' }] });
    expect((await coordinator.get('/api/v1/pathways')).json().items.find((x: { id: string }) => x.id === copy.id).baseChanged).toBe(true);
    c = (await coordinator.post(`/api/v1/pathways/${copy.id}/base/acknowledge`)).json();
    expect(c.basedOn.changed).toBe(false);
  });

  it('imports what it exports as a FHIR PlanDefinition', async () => {
    const pd = (await coordinator.get(`/api/v1/pathways/${newcomer.id}/plan-definition`)).json();
    expect(pd.resourceType).toBe('PlanDefinition');
    const res = await coordinator.post('/api/v1/pathways/import/plan-definition', { collaborativeId: ldipcId, planDefinition: pd });
    expect(res.statusCode).toBe(201);
    expect(res.json().steps).toEqual(newcomer.steps);
  });

  it('shows the observed flow with every count through disclosure control', async () => {
    const flow = (await member.get(`/api/v1/pathways/${newcomer.id}/flow?from=2020-01-01`)).json();
    const cells = [flow.entered, flow.loops, ...flow.steps.flatMap((s: Record<string, { value: number | null }>) => [s.reached, s.endedHere, s.referrals, s.closedLoops])];
    for (const c of cells) expect(c.value === null || c.value === 0 || c.value >= 5).toBe(true);
  });

  it('merges workshop drawings', async () => {
    const before = (await member.get(`/api/v1/pathways/${newcomer.id}/workshop`)).json();
    expect(before.drawings).toHaveLength(3);
    const res = await member.post(`/api/v1/pathways/${newcomer.id}/workshop/drawings`, { participant: 'Member', steps: [{ kind: 'entry', title: 'Walk in', stepKey: 'arrival' }] });
    expect(res.statusCode).toBe(201);
    const row = res.json().rows.find((r: { id: string }) => r.id === 'arrival');
    expect(row.count).toBe(4);
  });

  it('serves the public page and passes residents\' feedback to the owners', async () => {
    const pub = await t.anonymous.get(`/api/v1/pathways/public/${newcomer.id}?lang=fr`);
    expect(pub.statusCode).toBe(200);
    expect(pub.json().nameFr).toMatch(/Établissement/);
    const serviceId = newcomer.steps.flatMap((s) => (s as unknown as { serviceIds: string[] }).serviceIds)[0];
    expect((await t.anonymous.get(`/api/v1/pathways/public?serviceId=${serviceId}`)).json().items.map((i: { id: string }) => i.id)).toContain(newcomer.id);
    const fb = await t.anonymous.post(`/api/v1/pathways/public/${newcomer.id}/feedback`, { answer: 'partly', comment: 'The wait for classes was longer', stepKey: 'classes', lang: 'en' });
    expect(fb.statusCode).toBe(201);
    const items = (await member.get(`/api/v1/pathways/${newcomer.id}/feedback`)).json().items;
    expect(items[0]).toMatchObject({ answer: 'partly', stepKey: 'classes' });
    void admin;
  });
});
