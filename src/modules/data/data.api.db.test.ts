import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, demo, type TestApp } from '../../../test/helpers/test-app';
import { systemActor } from '../../core/accounts/actor';
import { geographyByCode } from '../../core/geography/geography.service';
import { findIndicators, indicatorSeries, recordSystemObservations } from './data.api';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('data.api contract', () => {
  it('findIndicators searches the catalogue by text and by id', async () => {
    const found = await findIndicators(t.database.db, null, { q: 'immigrants' });
    expect(found.map((i) => i.code)).toContain('immigrants.share_pct');
    const pop = (await findIndicators(t.database.db, null, { q: 'Population' })).find((i) => i.code === 'population.total')!;
    expect(pop).toMatchObject({ unit: 'count', name: { en: 'Population', fr: 'Population' } });
    const byId = await findIndicators(t.database.db, null, { ids: [pop.id] });
    expect(byId).toHaveLength(1);
    expect(await findIndicators(t.database.db, null, { q: 'no such indicator anywhere' })).toEqual([]);
  });

  it('indicatorSeries gives Durham population over time, projections marked', async () => {
    const [pop] = await findIndicators(t.database.db, null, { q: 'population.total' });
    const durham = (await geographyByCode(t.database.db, '3518'))!;
    const series = await indicatorSeries(t.database.db, null, { indicatorId: pop.id, geographyId: durham.id });
    expect(series.map((p) => p.period)).toEqual(['2010', '2016', '2021', '2036']);
    expect(series.find((p) => p.period === '2036')).toMatchObject({ value: 1028780, status: 'provisional', isProjection: true, display: '1028780' });
    expect(series.find((p) => p.period === '2021')).toMatchObject({ value: 696992, status: 'final' });
  });

  it('recordSystemObservations creates indicators, stores idempotently, and protects small counts', async () => {
    const input = {
      source: 'intake: referral aggregates',
      indicators: [{ code: 'test.system_referrals', name: { en: 'Referrals', fr: 'Aiguillages' }, unit: 'count' as const, direction: 'neutral' as const }],
      rows: [
        { indicatorCode: 'test.system_referrals', geographyCode: '3518013', period: '2025-Q1', value: 40, status: 'final' as const },
        { indicatorCode: 'test.system_referrals', geographyCode: '3518013', period: '2025-Q2', value: 3, status: 'final' as const },
        { indicatorCode: 'test.system_referrals', geographyCode: '3518013', period: '2025-Q2', value: 2, status: 'final' as const, disaggregation: { domain: 'housing' } },
      ],
    };
    const first = await recordSystemObservations(t.database, systemActor('intake'), {}, input);
    expect(first).toEqual({ created: 3, updated: 0, unchanged: 0 });
    const again = await recordSystemObservations(t.database, systemActor('intake'), {}, input);
    expect(again).toEqual({ created: 0, updated: 0, unchanged: 3 });
    const changed = await recordSystemObservations(t.database, systemActor('intake'), {}, { ...input, rows: [{ ...input.rows[0], value: 41 }] });
    expect(changed).toEqual({ created: 0, updated: 1, unchanged: 0 });
    const [ind] = await findIndicators(t.database.db, null, { q: 'test.system_referrals' });
    const oshawa = (await geographyByCode(t.database.db, '3518013'))!;
    const series = await indicatorSeries(t.database.db, null, { indicatorId: ind.id, geographyId: oshawa.id });
    expect(series).toEqual([
      expect.objectContaining({ period: '2025-Q1', value: 41, display: '41' }),
      expect.objectContaining({ period: '2025-Q2', value: null, status: 'suppressed', display: '<5' }),
    ]);
  });

  it('recordSystemObservations refuses bad rows as a whole, naming them', async () => {
    await expect(
      recordSystemObservations(t.database, systemActor('intake'), {}, {
        source: 'x', indicators: [],
        rows: [
          { indicatorCode: 'test.system_referrals', geographyCode: '9999999', period: '2025-Q1', value: 1, status: 'final' },
          { indicatorCode: 'test.system_referrals', geographyCode: '3518013', period: '2025-Q3', value: 7, status: 'final' },
        ],
      }),
    ).rejects.toMatchObject({ status: 400, code: 'data.invalid_rows' });
  });
});

describe('read routes', () => {
  it('serves the catalogue and map to anonymous visitors, with suppression', async () => {
    const list = await t.anonymous.get('/api/v1/data/indicators?q=youth');
    expect(list.statusCode).toBe(200);
    const youth = list.json().items[0];
    const durham = (await geographyByCode(t.database.db, '3518'))!;
    const map = await t.anonymous.get(`/api/v1/data/map?indicatorId=${youth.id}&parentId=${durham.id}&period=2025`);
    expect(map.statusCode, map.body).toBe(200);
    const body = map.json();
    expect(body.places).toHaveLength(8);
    const scugog = body.places.find((p: { code: string }) => p.code === '3518020');
    expect(scugog.cell).toMatchObject({ suppressed: true, display: '<5', value: null });
    // Durham's published total would reveal Scugog by subtraction, so one more place is hidden.
    const hidden = body.places.filter((p: { cell: { suppressed: boolean } }) => p.cell.suppressed);
    expect(hidden).toHaveLength(2);
    expect(hidden.find((p: { code: string }) => p.code === '3518029').cell.reason).toBe('complementary');
  });

  it('answers 400 naming the field for bad queries', async () => {
    const res = await t.anonymous.get('/api/v1/data/map?indicatorId=nope&parentId=x');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(JSON.stringify(res.json().errors)).toMatch(/indicatorId/);
  });

  it('only platform admins add indicators', async () => {
    const body = { code: 'test.thing', name: { en: 'Thing', fr: 'Chose' }, unit: 'count' };
    expect((await t.anonymous.post('/api/v1/data/indicators', body)).statusCode).toBe(401);
    const member = await t.login(demo.member);
    expect((await member.post('/api/v1/data/indicators', body)).statusCode).toBe(403);
    const admin = await t.login(demo.admin);
    const bad = await admin.post('/api/v1/data/indicators', { ...body, unit: 'furlongs' });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().errors)).toMatch(/unit/);
    const ok = await admin.post('/api/v1/data/indicators', body);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ code: 'test.thing', suppressionThreshold: 5, additive: true });
    expect((await admin.post('/api/v1/data/indicators', body)).statusCode).toBe(409);
    const stale = await admin.patch(`/api/v1/data/indicators/${ok.json().id}`, { version: 99, direction: 'higher_is_better' });
    expect(stale.statusCode).toBe(409);
    const patched = await admin.patch(`/api/v1/data/indicators/${ok.json().id}`, { version: 1, direction: 'higher_is_better' });
    expect(patched.json()).toMatchObject({ direction: 'higher_is_better', version: 2 });
  });
});
