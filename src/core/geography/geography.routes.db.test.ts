import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, demo, type TestApp } from '../../../test/helpers/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('geography', () => {
  it('holds Ontario → Durham → its eight municipalities with SGC codes and French names', async () => {
    const durham = (await t.anonymous.get('/api/v1/geographies?q=durham&level=upper_tier')).json().items[0];
    expect(durham).toMatchObject({ code: '3518', nameFr: 'Municipalité régionale de Durham' });
    const detail = (await t.anonymous.get(`/api/v1/geographies/${durham.id}`)).json();
    expect(detail.ancestors.map((a: { code: string }) => a.code)).toEqual(['35']);
    expect(detail.children.map((c: { nameEn: string }) => c.nameEn)).toEqual(['Ajax', 'Brock', 'Clarington', 'Oshawa', 'Pickering', 'Scugog', 'Uxbridge', 'Whitby']);
    expect(detail.children.find((c: { nameEn: string }) => c.nameEn === 'Oshawa').code).toBe('3518013');
    const map = (await t.anonymous.get(`/api/v1/geographies/boundaries?parentId=${durham.id}`)).json();
    expect(map.features).toHaveLength(8);
    // Statistics Canada boundaries (reference/), not sketches.
    expect(map.features.every((f: { properties: { approximate: boolean } }) => f.properties.approximate === false)).toBe(true);
  });

  it('lets platform admins add a neighbourhood under a municipality and refuses a wrong parent level', async () => {
    const admin = await t.login(demo.admin);
    const oshawa = (await admin.get('/api/v1/geographies?q=oshawa')).json().items[0];
    const ok = await admin.post('/api/v1/geographies', { code: 'OSH-CENTRAL', level: 'neighbourhood', nameEn: 'Central Oshawa', nameFr: 'Centre d’Oshawa', parentId: oshawa.id });
    expect(ok.statusCode).toBe(201);
    const wrong = await admin.post('/api/v1/geographies', { code: 'BAD-1', level: 'municipality', nameEn: 'Bad', nameFr: 'Mauvais', parentId: ok.json().id });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].field).toBe('parentId');
    const dup = await admin.post('/api/v1/geographies', { code: 'OSH-CENTRAL', level: 'neighbourhood', nameEn: 'Again', nameFr: 'Encore', parentId: oshawa.id });
    expect(dup.statusCode).toBe(409);
    const staff = await t.login(demo.staff);
    expect((await staff.post('/api/v1/geographies', { code: 'X', level: 'custom', nameEn: 'X', nameFr: 'X', parentId: oshawa.id })).statusCode).toBe(403);
  });

  it('validates GeoJSON boundaries', async () => {
    const admin = await t.login(demo.admin);
    const ontario = (await admin.get('/api/v1/geographies?level=province')).json().items[0];
    const res = await admin.post('/api/v1/geographies', { code: 'BAD-SHAPE', level: 'custom', nameEn: 'Bad shape', nameFr: 'Mauvaise forme', parentId: ontario.id, boundary: { type: 'Polygon', coordinates: [[[0, 0], [1, 1]]] } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toMatch(/^boundary/);
  });
});
