import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, demo, type Agent, type TestApp } from '../../../test/helpers/test-app';

/** A Census Profile download is bigger than any upload limit a whole-file reader could keep. */
let t: TestApp;
let admin: Agent;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login(demo.admin);
});
afterAll(() => t.close());

const header = '"CENSUS_YEAR","DGUID","ALT_GEO_CODE","GEO_LEVEL","GEO_NAME","TNR_SF","TNR_LF","DATA_QUALITY_FLAG","CHARACTERISTIC_ID","CHARACTERISTIC_NAME","CHARACTERISTIC_NOTE","C1_COUNT_TOTAL","SYMBOL","C2_COUNT_MEN+","SYMBOL","C3_COUNT_WOMEN+","SYMBOL","C10_RATE_TOTAL","SYMBOL","C11_RATE_MEN+","SYMBOL","C12_RATE_WOMEN+","SYMBOL"';
const row = (geo: string, name: string, id: number, cname: string, count: string) =>
  `2021,"2021A0005${geo}","${geo}","Census subdivision","${name}",3.1,4.2,"0",${id},"${cname}",,${count},"",,"...",,"...",,"",,"...",,"..."`;

describe('census upload larger than 100 MB', () => {
  it('streams through the web import: only mapped rows of known places are kept', async () => {
    const filler: string[] = [];
    // Unmapped characteristics of places the platform does not know: what fills a province-wide file.
    for (let i = 0; i < 20_000; i++) filler.push(row(`35${String(i).padStart(5, '0')}`, `Place ${i} – é`, 5000 + (i % 2000), `Some characteristic ${i % 2000}`, String(i)));
    const block = filler.join('\r\n') + '\r\n';
    const parts = [header + '\r\n', row('3518013', 'Oshawa (C)', 1, 'Population, 2021', '175383') + '\r\n'];
    while (parts.reduce((n, p) => n + p.length, 0) < 105 * 1024 * 1024) parts.push(block);
    parts.push(row('3518020', 'Scugog (TP)', 1, 'Population, 2021', '21581') + '\r\n');
    const content = Buffer.from(parts.join(''), 'latin1');
    expect(content.length).toBeGreaterThan(100 * 1024 * 1024);

    const boundary = '----roundtable-census-test';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="98-401-X2021006_English_CSV_data_Ontario.csv"\r\nContent-Type: text/csv\r\n\r\n`),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await admin.request({ method: 'POST', url: '/api/v1/data/import?format=census', payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(res.statusCode).toBe(200);
    const lines = res.body.trim().split('\n').map((l) => JSON.parse(l));
    const last = lines.at(-1);
    expect(last, JSON.stringify(last).slice(0, 500)).toMatchObject({ type: 'result' });
    expect(last.summary).toMatchObject({ format: 'census', encoding: 'windows-1252', rows: 2 });
    expect(last.summary.skipped).toBeGreaterThan(100_000);
    const stored = await t.database.query<{ geo: string; value: number }>(
      `SELECT g.code AS geo, o.value FROM data_observations o JOIN geographies g ON g.id = o.geography_id JOIN data_indicators i ON i.id = o.indicator_id
       WHERE i.code = 'population.total' AND o.period = '2021' AND o.disaggregation_key = '' AND g.code IN ('3518013', '3518020') ORDER BY g.code`,
    );
    expect(stored.map((r) => [r.geo, Number(r.value)])).toEqual([
      ['3518013', 175383],
      ['3518020', 21581],
    ]);
  }, 240_000);
});
