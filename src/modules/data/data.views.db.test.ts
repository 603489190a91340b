import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, demo, type TestApp } from '../../../test/helpers/test-app';
import { geographyByCode } from '../../core/geography/geography.service';

let t: TestApp;
let ids: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp();
  const inds = await t.database.query<{ id: string; code: string }>('SELECT id, code FROM data_indicators');
  ids = Object.fromEntries(inds.map((i) => [i.code, i.id]));
  for (const code of ['3518', '3518013', '3518020', '3518029']) ids[code] = (await geographyByCode(t.database.db, code))!.id;
});
afterAll(() => t.close());

describe('roll-up from municipalities to the region', () => {
  it('sums counts, and the sum matches the published regional figure', async () => {
    const res = await t.anonymous.get(`/api/v1/data/rollup?indicatorId=${ids['population.total']}&parentId=${ids['3518']}&period=2021`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ placesWithData: 8, placesTotal: 8, complete: true, rollup: { value: 696867, suppressed: false } });
    // The region's own figure includes the Scugog Island reserve, which is not a mapped place.
    expect(body.parent.cell.value).toBe(696992);
  });

  it('refuses to add up percentages or rates with a clear 422 naming the indicator', async () => {
    const res = await t.anonymous.get(`/api/v1/data/rollup?indicatorId=${ids['immigrants.share_pct']}&parentId=${ids['3518']}&period=2010`);
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.json()).toMatchObject({ code: 'data.not_additive', errors: [{ field: 'indicatorId' }] });
  });

  it('a roll-up over a suppressed place is suppressed, never counted as zero', async () => {
    const res = await t.anonymous.get(`/api/v1/data/rollup?indicatorId=${ids['demo.youth_program_participants']}&parentId=${ids['3518']}&period=2025`);
    expect(res.json().rollup).toMatchObject({ suppressed: true, value: null, reason: 'dependent' });
  });
});

describe('suppression holds across every view and export', () => {
  it('the map, the series, the CSV export and the profile hide the same cells', async () => {
    const ind = ids['demo.youth_program_participants'];
    const map = (await t.anonymous.get(`/api/v1/data/map?indicatorId=${ind}&parentId=${ids['3518']}&period=2025`)).json();
    const region = map.parent.cell.value as number;
    expect(region).toBe(277);
    const published = map.places.filter((p: { cell: { suppressed: boolean } }) => !p.cell.suppressed).reduce((a: number, p: { cell: { value: number } }) => a + p.cell.value, 0);
    // Region − published places = Scugog (3) + Uxbridge (8): two hidden cells, neither recoverable.
    expect(region - published).toBe(11);
    for (const code of ['3518020', '3518029']) {
      const s = (await t.anonymous.get(`/api/v1/data/series?indicatorId=${ind}&geographyIds=${ids[code]}`)).json();
      const p2025 = s.series[0].points.find((p: { period: string }) => p.period === '2025');
      expect(p2025).toMatchObject({ suppressed: true, value: null });
      const profile = (await t.anonymous.get(`/api/v1/data/profiles/${ids[code]}`)).json();
      const item = profile.items.find((i: { indicator: { code: string } }) => i.indicator.code === 'demo.youth_program_participants');
      expect(item.latest).toMatchObject({ period: '2025', suppressed: true });
    }
    const csv = await t.anonymous.get(`/api/v1/data/map.csv?indicatorId=${ind}&parentId=${ids['3518']}&period=2025`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const scugogLine = csv.body.split('\n').find((l) => l.startsWith('demo.youth_program_participants,3518020'))!;
    expect(scugogLine).toContain('<5');
    expect(scugogLine.split(',')[4]).toBe('');
    const uxbridgeLine = csv.body.split('\n').find((l) => l.includes(',3518029,'))!;
    expect(uxbridgeLine).not.toMatch(/,8,/);
  });

  it('the breakdown hides small cells and their complements and the shares derived from them', async () => {
    const res = await t.anonymous.get(`/api/v1/data/breakdown?indicatorId=${ids['demo.youth_program_participants']}&geographyId=${ids['3518013']}&period=2025`);
    expect(res.statusCode, res.body).toBe(200);
    const cells = res.json().cells as { key: string; cell: { value: number | null; suppressed: boolean }; share: { display: string; suppressed: boolean } | null }[];
    expect(cells.map((c) => [c.key, c.cell.value])).toEqual([['', 96], ['sex=men+', 45], ['sex=women+', 51]]);
    expect(cells[1].share).toMatchObject({ display: '46.9%', suppressed: false });
    const scugog = (await t.anonymous.get(`/api/v1/data/breakdown?indicatorId=${ids['demo.youth_program_participants']}&geographyId=${ids['3518020']}&period=2025`)).json();
    expect(scugog.cells.every((c: { cell: { suppressed: boolean } }) => c.cell.suppressed)).toBe(true);
    expect(scugog.cells.filter((c: { share: unknown }) => c.share).every((c: { share: { suppressed: boolean } }) => c.share.suppressed)).toBe(true);
  });
});

describe('dashboards', () => {
  it('coordinators save and share; members see members-only ones; the public sees public ones', async () => {
    const ldipc = (await t.database.query<{ id: string }>("SELECT id FROM collaboratives WHERE short_name = 'LDIPC'"))[0].id;
    const body = { collaborativeId: ldipc, title: 'Newcomers in Durham', indicatorIds: [ids['population.total'], ids['immigrants.share_pct']], geographyIds: [ids['3518'], ids['3518013']] };
    const member = await t.login(demo.member);
    expect((await member.post('/api/v1/data/dashboards', body)).statusCode).toBe(403);
    const coordinator = await t.login(demo.coordinator);
    const bad = await coordinator.post('/api/v1/data/dashboards', { ...body, indicatorIds: [] });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().errors)).toMatch(/indicatorIds/);
    const created = await coordinator.post('/api/v1/data/dashboards', body);
    expect(created.statusCode, created.body).toBe(201);
    const d = created.json();
    expect(d).toMatchObject({ visibility: 'members', actions: { 'data.dashboard.write': true } });
    expect((await member.get(`/api/v1/data/dashboards/${d.id}`)).json()).toMatchObject({ title: 'Newcomers in Durham', actions: { 'data.dashboard.write': false }, places: expect.any(Array) });
    const staff = await t.login(demo.staff);
    expect((await staff.get(`/api/v1/data/dashboards/${d.id}`)).statusCode).toBe(404);
    expect((await t.anonymous.get(`/api/v1/data/dashboards/${d.id}`)).statusCode).toBe(404);
    expect((await member.patch(`/api/v1/data/dashboards/${d.id}`, { version: d.version, visibility: 'public' })).statusCode).toBe(403);
    const shared = await coordinator.patch(`/api/v1/data/dashboards/${d.id}`, { version: d.version, visibility: 'public' });
    expect(shared.statusCode).toBe(200);
    expect((await coordinator.patch(`/api/v1/data/dashboards/${d.id}`, { version: d.version, title: 'Stale' })).statusCode).toBe(409);
    const pub = await t.anonymous.get(`/api/v1/data/dashboards/${d.id}`);
    expect(pub.statusCode).toBe(200);
    expect(pub.json().indicators.map((i: { code: string }) => i.code).sort()).toEqual(['immigrants.share_pct', 'population.total']);
    expect((await staff.get('/api/v1/data/dashboards')).json().items.map((x: { id: string }) => x.id)).toContain(d.id);
    const audit = await t.database.query<{ action: string }>("SELECT action FROM audit_events WHERE entity_type = 'data_dashboard' ORDER BY id");
    expect(audit.map((a) => a.action)).toEqual(['data.dashboard.create', 'data.dashboard.update']);
  });
});
