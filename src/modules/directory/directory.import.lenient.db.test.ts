import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/test-db';
import type { Database } from '../../core/db/database';
import { systemActor } from '../../core/accounts/actor';
import { AppError } from '../../core/http/errors';
import { referenceBoundaries, seedGeography } from '../../core/geography/geography.seeds';
import { importPackage } from './directory.import';
import { exportPackage } from './directory.export';
import { hsdsServices } from './repository/hsds';
import { reportCsv, writeImportReport } from './directory.report';

const fixtures = path.resolve(__dirname, '../../../test/fixtures/hsds');
const imperfect = path.join(fixtures, 'imperfect');
const objects = path.join(fixtures, 'objects');
const actor = systemActor('test');
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'rt-hsds-'));

let db: Database & { drop(): Promise<void> };
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

const count = async (table: string, where = 'true') => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`))[0].n;
const fails = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected the import to fail');
    },
    (e: unknown) => e as AppError,
  );

describe('a package as others publish it (real HSDS 3.0 layout and descriptor order, imperfect rows)', () => {
  it('strict (the default): lists every problem and stores nothing', async () => {
    const before = await count('directory_services');
    const e = await fails(importPackage(db, actor, imperfect));
    expect(e).toBeInstanceOf(AppError);
    const fields = e.errors!.map((x) => x.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'organizations.csv:2:name',
        'services.csv:3:organization_id',
        'services.csv:4:program_id',
        'services.csv:4:minimum_age',
        'services.csv:5:status',
        'locations.csv:2:latitude',
        'phones.csv:3:extension',
        'attributes.csv:2:taxonomy_term_id',
      ]),
    );
    expect(await count('directory_services')).toBe(before);
  });

  it('lenient: imports the valid rows, skips or repairs the rest, and reports each with file, row, field, value and reason', async () => {
    const s = await importPackage(db, actor, imperfect, { skipInvalid: true });
    expect(s.skipInvalid).toBe(true);
    expect(s.tables.organization.created).toBe(1);
    expect(s.tables.service.created).toBe(2);
    expect(await count('directory_services', `id::text LIKE '000001c1-%'`)).toBe(2);
    expect(await count('directory_service_at_locations', `id::text LIKE '000001e1-%'`)).toBe(2);
    const at = (file: string, row: number, field: string) => s.report.find((r) => r.file === file && r.row === row && r.field === field);
    expect(at('organizations.csv', 2, 'name')?.reason).toMatch(/Required; the row was skipped/);
    // Skipping the organization leaves its service, and that service's place, pointing at nothing: skipped in turn.
    expect(at('services.csv', 2, 'organization_id')?.reason).toMatch(/No organization .*row was skipped/);
    expect(at('service_at_location.csv', 2, 'service_id')?.reason).toMatch(/skipped/);
    expect(at('services.csv', 3, 'organization_id')).toMatchObject({ value: '000001a1-0000-4000-8000-0000000000ff' });
    expect(at('services.csv', 4, 'program_id')?.reason).toMatch(/set to null/);
    expect(at('services.csv', 4, 'minimum_age')).toMatchObject({ value: 'n/a' });
    expect(at('services.csv', 5, 'status')?.reason).toMatch(/skipped/);
    expect(at('locations.csv', 2, 'latitude')).toMatchObject({ value: '143.9' });
    expect(at('phones.csv', 3, 'extension')?.reason).toMatch(/set to null/);
    expect(at('attributes.csv', 2, 'taxonomy_term_id')?.reason).toMatch(/skipped/);
    const [loc] = await db.query<{ latitude: number | null }>(`SELECT latitude FROM directory_locations WHERE id = '000001d1-0000-4000-8000-000000000002'`);
    expect(loc.latitude).toBeNull();
    const [phone] = await db.query<{ extension: string }>(`SELECT extension FROM directory_phones WHERE id = '000001f1-0000-4000-8000-000000000001'`);
    expect(Number(phone.extension)).toBe(12);

    // Idempotent: the same package again changes nothing and reports the same lines.
    const again = await importPackage(db, actor, imperfect, { skipInvalid: true });
    expect(Object.entries(again.tables).filter(([, c]) => c.created || c.updated)).toEqual([]);
    expect(again.report).toEqual(s.report);

    // The report as files.
    const files = writeImportReport(s.report, path.join(tmp(), 'report'));
    const csv = fs.readFileSync(files.csv, 'utf8').split('\n');
    expect(csv[0]).toBe('file,row,field,value,reason');
    expect(csv.length - 2).toBe(s.report.length);
    expect(JSON.parse(fs.readFileSync(files.json, 'utf8'))).toEqual(s.report);
    expect(reportCsv([{ file: 'x.csv', row: 1, field: 'name', value: '=HYPERLINK("x")', reason: 'r' }])).toContain(`'=HYPERLINK`);
  });

  it('loads tables in dependency order whatever order the descriptor lists them in', async () => {
    const d = tmp();
    const src = path.join(fixtures, 'csv');
    for (const f of fs.readdirSync(src)) fs.copyFileSync(path.join(src, f), path.join(d, f));
    const pkg = JSON.parse(fs.readFileSync(path.join(d, 'datapackage.json'), 'utf8'));
    pkg.resources.reverse();
    fs.writeFileSync(path.join(d, 'datapackage.json'), JSON.stringify(pkg));
    const s = await importPackage(db, actor, d);
    expect(s.tables.service.created).toBeGreaterThan(0);
  });
});

describe('HSDS JSON objects', () => {
  it('imports a service_full, an organization_full, an HSDA page and an array, idempotently', async () => {
    const s = await importPackage(db, actor, path.join(objects, 'service_full.json'));
    expect(s.format).toBe('json');
    expect(s.tables.service.created).toBe(1);
    expect(s.tables.organization.created).toBe(1);
    expect(s.tables.location.created).toBe(1);
    expect(s.tables.taxonomy_term.created).toBe(1);
    expect(s.tables.service_capacity.created).toBe(1);
    const [svc] = await hsdsServices(db.db, ['000002c1-0000-4000-8000-000000000001'], true);
    const source = JSON.parse(fs.readFileSync(path.join(objects, 'service_full.json'), 'utf8'));
    expect(svc).toMatchObject({ name: source.name, assured_date: '2026-04-01', organization: { name: 'Port Perry Outreach' } });
    expect((svc.phones as { extension: number }[])[0].extension).toBe(21);
    expect((svc.service_at_locations as { location: { geography_code: string; addresses: unknown[] } }[])[0].location).toMatchObject({ geography_code: '3518020' });
    expect((svc.attributes as { taxonomy_term: { code: string } }[])[0].taxonomy_term.code).toBe('housing.shelter');

    const o = await importPackage(db, actor, path.join(objects, 'organization_full.json'));
    expect(o.tables.service.created).toBe(1);
    expect(o.tables.organization_identifier.created).toBe(1);
    for (const f of ['hsda_page.json', 'array.json', 'service_full.json', 'organization_full.json']) {
      const again = await importPackage(db, actor, path.join(objects, f));
      expect(Object.entries(again.tables).filter(([, c]) => c.created || c.updated), f).toEqual([]);
    }
  });

  it('an unknown geography code is an error in strict mode and a warning in lenient mode', async () => {
    const d = tmp();
    const svc = JSON.parse(fs.readFileSync(path.join(objects, 'service_full.json'), 'utf8'));
    svc.id = '000002c1-0000-4000-8000-0000000000aa';
    svc.service_areas = [{ id: '000002f4-0000-4000-8000-0000000000aa', name: 'Somewhere', geography_code: '3599999' }];
    const file = path.join(d, 'one.json');
    fs.writeFileSync(file, JSON.stringify(svc));
    const e = await fails(importPackage(db, actor, file));
    expect(e.errors!.map((x) => x.field)).toContain('one.json service_area:1:geography_code');
    const s = await importPackage(db, actor, file, { skipInvalid: true });
    expect(s.tables.service.created).toBe(1);
    expect(s.report).toEqual([expect.objectContaining({ field: 'geography_code', value: '3599999', reason: expect.stringMatching(/without a geography/) })]);
  });
});

describe('types and timestamps round-trip', () => {
  it('an unchanged service keeps its last_modified; a changed one gets a new one', async () => {
    const csv = path.join(fixtures, 'csv');
    await importPackage(db, actor, csv);
    const read = async () => (await db.query<{ id: string; t: string }>(`SELECT id::text, updated_at::text AS t FROM directory_services WHERE id::text LIKE '000000c1-%' ORDER BY id`)).map((r) => `${r.id} ${r.t}`);
    const before = await read();
    await importPackage(db, actor, csv);
    expect(await read()).toEqual(before);
    const [s1] = await db.query<{ t: string }>(`SELECT updated_at::text AS t FROM directory_services WHERE id = '000000c1-0000-4000-8000-000000000001'`);
    expect(s1.t).toMatch(/^2026-02-01 12:00:00/);
  });

  it('exports dates as dates and the phone extension as a number, as the schema declares', async () => {
    const d = tmp();
    await exportPackage(db, d, { format: 'json' });
    const pkg = JSON.parse(fs.readFileSync(path.join(d, 'datapackage.json'), 'utf8'));
    const meta = pkg.resources.find((r: { name: string }) => r.name === 'metadata');
    expect(meta.schema.fields.find((f: { name: string }) => f.name === 'last_action_date').type).toBe('date');
    for (const m of meta.data) expect(m.last_action_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const phones = pkg.resources.find((r: { name: string }) => r.name === 'phone');
    expect(phones.data.find((p: { id: string }) => p.id === '000002f1-0000-4000-8000-000000000001').extension).toBe(21);
    const services = pkg.resources.find((r: { name: string }) => r.name === 'service');
    expect(services.data.find((s: { id: string }) => s.id === '000002c1-0000-4000-8000-000000000001').assured_date).toBe('2026-04-01');
    // And the export imports back without a change.
    const again = await importPackage(db, actor, path.join(d, 'datapackage.json'));
    expect(Object.entries(again.tables).filter(([, c]) => c.created || c.updated)).toEqual([]);
  });
});

describe('reference geography', () => {
  it('loads Durham and its municipalities with Statistics Canada boundaries without the demo', async () => {
    await db.query(`UPDATE geographies SET boundary = NULL, boundary_approximate = true WHERE code LIKE '3518%'`);
    await seedGeography({ database: db, actor, demo: false, log: () => {} });
    const rows = await db.query<{ code: string; approx: boolean; boundary: unknown }>(`SELECT code, boundary_approximate AS approx, boundary FROM geographies WHERE code LIKE '3518%' ORDER BY code`);
    expect(rows.map((r) => r.code)).toEqual(['3518', '3518001', '3518005', '3518009', '3518013', '3518017', '3518020', '3518029', '3518039']);
    const reference = referenceBoundaries();
    for (const r of rows) {
      expect(r.approx).toBe(false);
      expect(r.boundary).toEqual(reference.get(r.code)!.geometry);
    }
  });
});
