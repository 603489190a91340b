import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, demo, type Agent, type TestApp } from '../../../test/helpers/test-app';
import { rowsOf } from '../../core/db/database';
import { makeDashboard, makeIndicator } from './data.factory';

let t: TestApp;
let admin: Agent, coordinator: Agent, member: Agent, staff: Agent;
let durham: string, ajax: string, ldipc: string, indicator: string, dashboard: string;
const fieldsOf = (res: { json(): { errors?: { field: string }[] } }) => (res.json().errors ?? []).map((e) => e.field);

beforeAll(async () => {
  t = await createTestApp();
  [admin, coordinator, member, staff] = [await t.login(demo.admin), await t.login(demo.coordinator), await t.login(demo.member), await t.login(demo.staff)];
  const db = t.database.db;
  [{ id: durham }] = await rowsOf<{ id: string }>(db, sql`SELECT id FROM geographies WHERE code = '3518'`);
  [{ id: ajax }] = await rowsOf<{ id: string }>(db, sql`SELECT id FROM geographies WHERE parent_id = ${durham} ORDER BY code LIMIT 1`);
  [{ id: ldipc }] = await rowsOf<{ id: string }>(db, sql`SELECT id FROM collaboratives WHERE short_name = 'LDIPC'`);
  indicator = (await makeIndicator(db)).id;
  dashboard = (await makeDashboard(db, ldipc, [indicator], [ajax])).id;
});
afterAll(async () => t?.close());

describe('every data endpoint', () => {
  const q = () => `indicatorId=${indicator}`;
  const reads = () => [
    '/api/v1/data/indicators', `/api/v1/data/indicators/${indicator}`, `/api/v1/data/map?${q()}&parentId=${durham}`, `/api/v1/data/map.csv?${q()}&parentId=${durham}`,
    `/api/v1/data/series?${q()}&geographyIds=${ajax}`, `/api/v1/data/series.csv?${q()}&geographyIds=${ajax}`, `/api/v1/data/rollup?${q()}&parentId=${durham}&period=2021`,
    `/api/v1/data/breakdown?${q()}&geographyId=${ajax}&period=2021`, `/api/v1/data/breakdown.csv?${q()}&geographyId=${ajax}&period=2021`, `/api/v1/data/profiles/${ajax}`,
  ];
  const writes = (): [string, string, unknown][] => [
    ['POST', '/api/v1/data/indicators', { code: 'test.nope', name: { en: 'Nope' }, unit: 'count' }],
    ['PATCH', `/api/v1/data/indicators/${indicator}`, { source: 'Nope', version: 1 }],
    ['PUT', '/api/v1/data/census-mappings', { characteristicId: 1, characteristicName: 'Total', indicatorId: indicator }],
    ['POST', '/api/v1/data/dashboards', { collaborativeId: ldipc, title: 'Nope', indicatorIds: [indicator], geographyIds: [ajax] }],
    ['PATCH', `/api/v1/data/dashboards/${dashboard}`, { title: 'Nope', version: 1 }],
    ['DELETE', `/api/v1/data/dashboards/${dashboard}`, undefined],
  ];

  it('refuses anonymous callers (401) where a session is needed, and serves public data to anyone (200)', async () => {
    for (const [method, url, payload] of [...writes(), ['GET', `/api/v1/data/observations/history?${q()}&geographyId=${ajax}&period=2021`, undefined], ['GET', '/api/v1/data/census-mappings', undefined], ['GET', '/api/v1/data/dashboards', undefined], ['POST', '/api/v1/data/import', undefined]] as [string, string, unknown][]) {
      const res = await t.anonymous.request({ method: method as 'POST', url, payload: payload as never });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
    }
    for (const url of reads()) expect((await t.anonymous.get(url)).statusCode, url).toBe(200);
    expect((await t.anonymous.get(`/api/v1/data/dashboards/${dashboard}`)).statusCode).toBe(404);
  });

  it('names the field at fault (400) on every endpoint', async () => {
    const cases: [string, string, unknown, string][] = [
      ['GET', '/api/v1/data/indicators?ids=nope', undefined, 'ids'],
      ['GET', '/api/v1/data/indicators/nope', undefined, 'id'],
      ['POST', '/api/v1/data/indicators', { code: 'Bad Code', name: { en: 'x' }, unit: 'count' }, 'code'],
      ['PATCH', `/api/v1/data/indicators/${indicator}`, { source: 'x' }, 'version'],
      ['GET', `/api/v1/data/map?indicatorId=nope&parentId=${durham}`, undefined, 'indicatorId'],
      ['GET', `/api/v1/data/map.csv?${q()}&parentId=nope`, undefined, 'parentId'],
      ['GET', `/api/v1/data/series?${q()}&geographyIds=nope`, undefined, 'geographyIds.0'],
      ['GET', `/api/v1/data/series.csv?${q()}`, undefined, 'geographyIds'],
      ['GET', `/api/v1/data/rollup?${q()}&parentId=${durham}&period=21`, undefined, 'period'],
      ['GET', `/api/v1/data/breakdown?${q()}&geographyId=nope&period=2021`, undefined, 'geographyId'],
      ['GET', `/api/v1/data/breakdown.csv?${q()}&geographyId=${ajax}`, undefined, 'period'],
      ['GET', `/api/v1/data/profiles/${ajax}?collaborativeId=nope`, undefined, 'collaborativeId'],
      ['GET', `/api/v1/data/observations/history?${q()}&geographyId=${ajax}&period=someday`, undefined, 'period'],
      ['PUT', '/api/v1/data/census-mappings', { characteristicId: 0, characteristicName: 'x', indicatorId: indicator }, 'characteristicId'],
      ['GET', '/api/v1/data/dashboards?collaborativeId=nope', undefined, 'collaborativeId'],
      ['GET', '/api/v1/data/dashboards/nope', undefined, 'id'],
      ['POST', '/api/v1/data/dashboards', { collaborativeId: ldipc, title: 'x', indicatorIds: [], geographyIds: [ajax] }, 'indicatorIds'],
      ['PATCH', `/api/v1/data/dashboards/${dashboard}`, { title: '', version: 1 }, 'title'],
      ['DELETE', '/api/v1/data/dashboards/nope', undefined, 'id'],
      ['POST', '/api/v1/data/import?collaborativeId=nope', undefined, 'collaborativeId'],
    ];
    const wrong: string[] = [];
    for (const [method, url, payload, field] of cases) {
      const res = await admin.request({ method: method as 'POST', url, payload: payload as never });
      if (res.statusCode !== 400 || !fieldsOf(res).includes(field)) wrong.push(`${method} ${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('refuses a member every write (403) and lets them read (200)', async () => {
    for (const [method, url, payload] of writes()) {
      const res = await member.request({ method: method as 'POST', url, payload: payload as never });
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(403);
    }
    expect((await member.get(`/api/v1/data/observations/history?${q()}&geographyId=${ajax}&period=2021`)).statusCode).toBe(403);
    expect((await staff.post('/api/v1/data/indicators', { code: 'test.nope2', name: { en: 'Nope' }, unit: 'count' })).statusCode).toBe(403);
    for (const url of [...reads(), '/api/v1/data/census-mappings', '/api/v1/data/dashboards', `/api/v1/data/dashboards/${dashboard}`]) {
      expect((await member.get(url)).statusCode, url).toBe(200);
    }
    const d = (await member.get(`/api/v1/data/dashboards/${dashboard}`)).json();
    expect(d.actions).toEqual({ 'data.dashboard.write': false });
    const c = (await coordinator.get(`/api/v1/data/dashboards/${dashboard}`)).json();
    expect(c.actions).toEqual({ 'data.dashboard.write': true });
  });
});
