import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, demo, type TestApp } from '../../../test/helpers/test-app';

const fixtureDir = path.resolve(__dirname, '../../../test/fixtures/hsds/csv');

/** A multipart body with the given files, as a browser's FormData would send it. */
function multipart(files: { name: string; content: Buffer | string }[]) {
  const boundary = '----roundtable-test-boundary';
  const chunks: Buffer[] = [];
  for (const f of files) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
    chunks.push(Buffer.isBuffer(f.content) ? f.content : Buffer.from(f.content));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const packageFiles = () => fs.readdirSync(fixtureDir).map((name) => ({ name, content: fs.readFileSync(path.join(fixtureDir, name)) }));
const lines = (body: string) => body.trim().split('\n').map((l) => JSON.parse(l));

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('directory import from the admin UI', () => {
  it('streams progress, then the summary; a dry run stores nothing and a real run does', async () => {
    const admin = await t.login(demo.admin);
    const before = (await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM directory_services'))[0].n;
    const dry = await admin.request({ method: 'POST', url: '/api/v1/directory/import?dryRun=true', ...multipart(packageFiles()) });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.headers['content-type']).toMatch(/ndjson/);
    const dryLines = lines(dry.body);
    expect(dryLines.some((l) => l.type === 'progress' && l.total > 0)).toBe(true);
    const dryResult = dryLines.at(-1);
    expect(dryResult.type).toBe('result');
    expect(dryResult.summary).toMatchObject({ dryRun: true, format: 'csv', services: 3 });
    expect((await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM directory_services'))[0].n).toBe(before);

    const real = lines((await admin.request({ method: 'POST', url: '/api/v1/directory/import', ...multipart(packageFiles()) })).body).at(-1);
    expect(real.summary.tables.service.created).toBe(3);
    expect((await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM directory_services'))[0].n).toBe(before + 3);
  });

  it('reports every error with file, row and field, and stores nothing', async () => {
    const admin = await t.login(demo.admin);
    const files = packageFiles().map((f) =>
      f.name === 'services.csv' ? { ...f, content: f.content.toString().replace(/\n([0-9a-f-]{36}),/, '\nnot-a-uuid,') } : f,
    );
    const before = (await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM directory_services'))[0].n;
    const res = await admin.request({ method: 'POST', url: '/api/v1/directory/import', ...multipart(files) });
    const last = lines(res.body).at(-1);
    expect(last.type).toBe('error');
    expect(last.problem.code).toBe('directory.import_invalid');
    expect(last.problem.errors[0].field).toMatch(/^services\.csv:1:id$/);
    expect((await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM directory_services'))[0].n).toBe(before);
  });

  it('is for directory admins only, and refuses files that are not part of a package', async () => {
    const orgAdmin = await t.login(demo.orgAdmin);
    expect((await orgAdmin.request({ method: 'POST', url: '/api/v1/directory/import', ...multipart(packageFiles()) })).statusCode).toBe(403);
    const admin = await t.login(demo.admin);
    const exe = await admin.request({ method: 'POST', url: '/api/v1/directory/import', ...multipart([{ name: 'run.sh', content: 'rm -rf /' }]) });
    expect(exe.statusCode).toBe(400);
    expect(exe.json().errors[0].field).toBe('files');
    const none = await admin.request({ method: 'POST', url: '/api/v1/directory/import', ...multipart([]) });
    expect(none.statusCode).toBe(400);
  });

  it('imports the valid rows on request and answers with the report; one HSDS JSON file imports too', async () => {
    const admin = await t.login(demo.admin);
    const dir = path.resolve(__dirname, '../../../test/fixtures/hsds/imperfect');
    const files = fs.readdirSync(dir).map((name) => ({ name, content: fs.readFileSync(path.join(dir, name)) }));
    const strict = lines((await admin.request({ method: 'POST', url: '/api/v1/directory/import', ...multipart(files) })).body).at(-1);
    expect(strict.type).toBe('error');
    const lenient = lines((await admin.request({ method: 'POST', url: '/api/v1/directory/import?skipInvalid=true', ...multipart(files) })).body).at(-1);
    expect(lenient.type).toBe('result');
    expect(lenient.summary).toMatchObject({ skipInvalid: true, services: 2 });
    expect(lenient.summary.report).toEqual(expect.arrayContaining([expect.objectContaining({ file: 'services.csv', row: 5, field: 'status', value: 'TBD' })]));
    for (const r of lenient.summary.report) expect(Object.keys(r).sort()).toEqual(['field', 'file', 'reason', 'row', 'value']);

    const one = path.resolve(__dirname, '../../../test/fixtures/hsds/objects/service_full.json');
    const json = lines((await admin.request({ method: 'POST', url: '/api/v1/directory/import', ...multipart([{ name: 'service_full.json', content: fs.readFileSync(one) }]) })).body).at(-1);
    expect(json.type, JSON.stringify(json)).toBe('result');
    expect(json.summary.tables.service.created).toBe(1);
  });
});
