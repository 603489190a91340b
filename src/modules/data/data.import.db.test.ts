import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, demo, type TestApp } from '../../../test/helpers/test-app';
import { systemActor } from '../../core/accounts/actor';
import { geographyByCode } from '../../core/geography/geography.service';
import { importFile } from './data.import';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

function multipart(name: string, content: Buffer | string) {
  const boundary = '----roundtable-data-test';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n`),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const lines = (body: string) => body.trim().split('\n').map((l) => JSON.parse(l));
const cli = (csv: string | Buffer, opts: Partial<Parameters<typeof importFile>[3]> = {}) =>
  importFile(t.database, systemActor('test'), Buffer.isBuffer(csv) ? csv : Buffer.from(csv), { format: 'tidy', dryRun: false, collaborativeId: null, fileName: 'test.csv', ...opts });

async function indicatorId(code: string) {
  return (await t.database.query<{ id: string }>('SELECT id FROM data_indicators WHERE code = $1', [code]))[0].id;
}

const tidy = `indicator_code,geography_code,period,value,status,unit,dim:sex,notes
population.total,3518001,2011,88721,final,count,,
population.total,3518005,2011,109600,final,count,,
population.total,3518005,2011,55000,final,count,women+,
`;

describe('tidy CSV import', () => {
  it('dry run reports what would change and stores nothing; the real run stores; re-import is unchanged', async () => {
    const dry = await cli(tidy, { dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, rows: 3, created: 3, updated: 0, unchanged: 0, encoding: 'utf-8' });
    expect(dry.changes.map((c) => c.line)).toEqual([2, 3, 4]);
    const n = async () => (await t.database.query<{ n: number }>("SELECT count(*)::int AS n FROM data_observations WHERE period = '2011'"))[0].n;
    expect(await n()).toBe(0);
    expect(await cli(tidy)).toMatchObject({ created: 3, updated: 0, unchanged: 0 });
    expect(await n()).toBe(3);
    expect(await cli(tidy)).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(await n()).toBe(3);
  });

  it('a changed value updates in place and keeps the previous one as a revision', async () => {
    const changed = tidy.replace('88721', '88800');
    const dry = await cli(changed, { dryRun: true });
    expect(dry.changes).toEqual([{ line: 2, kind: 'update', before: { value: 88721, status: 'final' } }]);
    expect(await cli(changed)).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    const admin = await t.login(demo.admin);
    const pickering = (await geographyByCode(t.database.db, '3518001'))!;
    const res = await admin.get(`/api/v1/data/observations/history?indicatorId=${await indicatorId('population.total')}&geographyId=${pickering.id}&period=2011`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().current).toMatchObject({ value: 88800, revision: 2 });
    expect(res.json().revisions).toEqual([expect.objectContaining({ revision: 1, value: 88721, replacedBy: 'csv:test.csv' })]);
    const member = await t.login(demo.member);
    expect((await member.get(`/api/v1/data/observations/history?indicatorId=${await indicatorId('population.total')}&geographyId=${pickering.id}&period=2011`)).statusCode).toBe(403);
  });

  it('reports every bad row with its line and stores none of the file', async () => {
    const bad = `indicator_code,geography_code,period,value,status,unit
population.total,3518009,2012,1000,final,count
population.total,9999999,2012,10,final,count
population.total,3518013,2012,lots,final,count
population.total,3518013,1700,10,final,count
population.total,3518017,2099,100,final,count
population.total,3518020,2012,10,final,percent
nope.nothing,3518020,2012,10,final,
population.total,3518009,2012,1000,final,count
`;
    const err = (await cli(bad).catch((e: unknown) => e)) as { status: number; extra: { rowErrors: { line: number; field: string; message: string }[] } };
    expect(err).toMatchObject({ status: 400 });
    const byLine = Object.fromEntries(err.extra.rowErrors.map((e) => [e.line, `${e.field}: ${e.message}`]));
    expect(byLine[3]).toMatch(/geography_code: Unknown geography code "9999999"/);
    expect(byLine[4]).toMatch(/value: "lots" is not a number/);
    expect(byLine[5]).toMatch(/period: .*out of range/);
    expect(byLine[6]).toMatch(/status: Period 2099 has not ended/);
    expect(byLine[7]).toMatch(/unit: Mixed units.*count.*percent/);
    expect(byLine[8]).toMatch(/indicator_code: Unknown indicator code/);
    expect(byLine[9]).toMatch(/Same indicator, place, period and disaggregation as line 2/);
    expect(byLine[2]).toBeUndefined();
    expect((await t.database.query("SELECT 1 FROM data_observations WHERE period = '2012'")).length).toBe(0);
  });

  it('decodes Windows-1252 files (French names and notes) and refuses UTF-16 and binary files', async () => {
    const text = 'indicator_code,geography_code,period,value,status,notes\npopulation.total,3518039,2013,11500,final,Données estimées – Région de Durham\n';
    const cp1252 = Buffer.from(text.replace('–', '\u0096'), 'latin1');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(cp1252)).toThrow();
    const s = await cli(cp1252);
    expect(s).toMatchObject({ created: 1, encoding: 'windows-1252' });
    const [row] = await t.database.query<{ notes: string }>("SELECT notes FROM data_observations WHERE period = '2013'");
    expect(row.notes).toBe('Données estimées – Région de Durham');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    await expect(cli(utf16)).rejects.toMatchObject({ status: 400, code: 'data.unreadable_file', message: expect.stringMatching(/UTF-16/) });
    const binary = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0x01, 0x02]);
    await expect(cli(binary)).rejects.toMatchObject({ status: 400, code: 'data.unreadable_file' });
  });

  it('accepts ranges, suppressed rows without a number, and projections; refuses a final projection', async () => {
    const ok = `indicator_code,geography_code,period,value,value_low,value_high,status,projection
population.total,3518029,2014,,20000,22000,final,
population.total,3518029,2015,,,,suppressed,
population.total,3518029,2040,30000,,,provisional,yes
`;
    expect(await cli(ok)).toMatchObject({ created: 3 });
    const bad = `indicator_code,geography_code,period,value,status,projection
population.total,3518029,2041,30000,final,yes
population.total,3518029,2016,,final,
population.total,3518029,2017,5,suppressed,
`;
    const err = (await cli(bad).catch((e: unknown) => e)) as { extra: { rowErrors: { line: number; message: string }[] } };
    expect(err.extra.rowErrors.map((e) => e.line)).toEqual([2, 2, 3, 4]);
  });

  it('stores private data for a collaborative only when its coordinator imports it, and hides it from others', async () => {
    const ldipc = (await t.database.query<{ id: string }>("SELECT id FROM collaboratives WHERE short_name = 'LDIPC'"))[0].id;
    const csv = 'indicator_code,geography_code,period,value\ndemo.youth_program_participants,3518013,2023,3\n';
    const member = await t.login(demo.member);
    expect((await member.request({ method: 'POST', url: `/api/v1/data/import?collaborativeId=${ldipc}`, ...multipart('p.csv', csv) })).statusCode).toBe(403);
    const staff = await t.login(demo.staff);
    expect((await staff.request({ method: 'POST', url: '/api/v1/data/import', ...multipart('p.csv', csv) })).statusCode).toBe(403);
    const coordinator = await t.login(demo.coordinator);
    const res = await coordinator.request({ method: 'POST', url: `/api/v1/data/import?collaborativeId=${ldipc}`, ...multipart('p.csv', csv) });
    expect(res.statusCode, res.body).toBe(200);
    const out = lines(res.body);
    expect(out.some((l) => l.type === 'progress')).toBe(true);
    expect(out.at(-1)).toMatchObject({ type: 'result', summary: { created: 1 } });

    const ind = await indicatorId('demo.youth_program_participants');
    const oshawa = (await geographyByCode(t.database.db, '3518013'))!;
    const url = `/api/v1/data/series?indicatorId=${ind}&geographyIds=${oshawa.id}&collaborativeId=${ldipc}`;
    // Members of the collaborative see their own small counts; nobody else sees the partition.
    const mine = await member.get(url);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().series[0].points).toEqual([expect.objectContaining({ period: '2023', value: 3, suppressed: false })]);
    expect((await staff.get(url)).statusCode).toBe(404);
    expect((await t.anonymous.get(url)).statusCode).toBe(404);
    // The public partition has no 2023 figure: the private one did not leak into it.
    const pub = await t.anonymous.get(`/api/v1/data/series?indicatorId=${ind}&geographyIds=${oshawa.id}`);
    expect(pub.json().series[0].points.map((p: { period: string }) => p.period)).toEqual(['2024', '2025']);
  });

  it('streams a bad file as an error line that lists the rows', async () => {
    const admin = await t.login(demo.admin);
    const res = await admin.request({ method: 'POST', url: '/api/v1/data/import?dryRun=true', ...multipart('bad.csv', 'indicator_code,geography_code,period,value\npopulation.total,nowhere,2020,1\n') });
    const last = lines(res.body).at(-1);
    expect(last.type).toBe('error');
    expect(last.problem.rowErrors[0]).toMatchObject({ line: 2, field: 'geography_code' });
    const noFile = await admin.request({ method: 'POST', url: '/api/v1/data/import', ...multipart('data.xlsx', 'x') });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().errors[0].field).toBe('file');
  });
});

describe('Statistics Canada census profile import', () => {
  // The 2021 Census Profile CSV layout (98-401-X2021006), Latin-1 like the real download.
  const header = '"CENSUS_YEAR","DGUID","ALT_GEO_CODE","GEO_LEVEL","GEO_NAME","TNR_SF","TNR_LF","DATA_QUALITY_FLAG","CHARACTERISTIC_ID","CHARACTERISTIC_NAME","CHARACTERISTIC_NOTE","C1_COUNT_TOTAL","SYMBOL","C2_COUNT_MEN+","SYMBOL","C3_COUNT_WOMEN+","SYMBOL","C10_RATE_TOTAL","SYMBOL","C11_RATE_MEN+","SYMBOL","C12_RATE_WOMEN+","SYMBOL"';
  const row = (geo: string, name: string, id: number, cname: string, count: string, sym = '', rate = '', rsym = '') =>
    `2021,"2021A0005${geo}","${geo}","Census subdivision","${name}",3.1,4.2,"0",${id},"${cname}",,${count},"${sym}",,"...",,"...",${rate},"${rsym}",,"...",,"..."`;
  const file = [
    header,
    row('3518013', 'Oshawa (C)', 1, 'Population, 2021', '175383'),
    row('3518013', 'Oshawa (C)', 2, 'Population, 2016', '159458'),
    row('3518013', 'Oshawa (C)', 1529, '      Immigrants', '42000', '', '24.4'),
    row('3518020', 'Scugog (TP)', 1, 'Population, 2021', '21581'),
    row('3518020', 'Scugog (TP)', 1529, '      Immigrants', '', 'x', '', 'x'),
    row('3518022', 'Scugog Island (IRI)', 1, 'Population, 2021', '125'),
    row('3518039', 'Brock (TP)', 1, 'Population, 2021', '12567', 'E'),
  ].join('\r\n');

  it('maps characteristic rows to indicators, keeps StatCan symbols, and is idempotent', async () => {
    const bytes = Buffer.from(file.replace('Oshawa (C)', 'Oshawa (C) – é'), 'latin1');
    const dry = await cli(bytes, { format: 'census', dryRun: true });
    expect(dry).toMatchObject({ format: 'census', encoding: 'windows-1252', created: 4, updated: 3, skipped: 1 });
    expect(dry.unknownPlaces).toEqual(['3518022 Scugog Island (IRI)']);
    const s = await cli(bytes, { format: 'census' });
    // The seeded 2021 populations are replaced by the census figures (new source): 3 updates.
    expect(s).toMatchObject({ created: 4, updated: 3 });
    expect(await cli(bytes, { format: 'census' })).toMatchObject({ created: 0, updated: 0, unchanged: 7 });
    const rows = await t.database.query<{ code: string; geo: string; value: number | null; status: string; notes: string }>(
      `SELECT i.code, g.code AS geo, o.value, o.status, o.notes FROM data_observations o JOIN data_indicators i ON i.id = o.indicator_id JOIN geographies g ON g.id = o.geography_id
       WHERE o.source LIKE 'Statistics Canada, Census Profile%' ORDER BY i.code, g.code`,
    );
    expect(rows.map((r) => [r.code, r.geo, r.value, r.status])).toEqual([
      ['immigrants.count', '3518013', 42000, 'final'],
      ['immigrants.count', '3518020', null, 'suppressed'],
      ['immigrants.share_pct', '3518013', 24.4, 'final'],
      ['immigrants.share_pct', '3518020', null, 'suppressed'],
      ['population.total', '3518013', 175383, 'final'],
      ['population.total', '3518020', 21581, 'final'],
      ['population.total', '3518039', 12567, 'final'],
    ]);
    expect(rows.find((r) => r.geo === '3518039')!.notes).toMatch(/E: use with caution/);
  });

  it('refuses a file whose characteristic names do not match the saved mapping', async () => {
    const wrong = [header, row('3518013', 'Oshawa (C)', 1529, 'Non-permanent residents', '5000')].join('\n');
    await expect(cli(wrong, { format: 'census' })).rejects.toMatchObject({ status: 400, extra: { rowErrors: [expect.objectContaining({ line: 2, field: 'CHARACTERISTIC_NAME' })] } });
    await expect(cli('a,b\n1,2\n', { format: 'census' })).rejects.toMatchObject({ status: 400 });
  });
});
