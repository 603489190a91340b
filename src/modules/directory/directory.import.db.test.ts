import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/test-db';
import type { Database } from '../../core/db/database';
import { systemActor } from '../../core/accounts/actor';
import { person } from '../../../test/helpers/actors';
import { AppError } from '../../core/http/errors';
import { importPackage } from './directory.import';
import { exportPackage } from './directory.export';

const fixtures = path.resolve(__dirname, '../../../test/fixtures/hsds');
const jsonFixture = path.join(fixtures, 'json', 'datapackage.json');
const csvFixture = path.join(fixtures, 'csv');
const actor = systemActor('test');
const S1 = '000000c1-0000-4000-8000-000000000001';
const ORG1 = '000000a1-0000-4000-8000-000000000001';

type TestDb = Database & { drop(): Promise<void> };
const open: TestDb[] = [];
async function freshDb(): Promise<TestDb> {
  const db = await createTestDatabase();
  open.push(db);
  return db;
}
afterAll(async () => {
  for (const db of open) await db.drop();
});

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'rt-hsds-'));

/** A copy of the JSON fixture with one change, written to a temporary directory. */
function mutatedJson(change: (resources: Record<string, Record<string, unknown>[]>) => void): string {
  const pkg = JSON.parse(fs.readFileSync(jsonFixture, 'utf8'));
  const byName = Object.fromEntries(pkg.resources.map((r: { name: string; data: Record<string, unknown>[] }) => [r.name, r.data]));
  change(byName);
  const file = path.join(tmp(), 'datapackage.json');
  fs.writeFileSync(file, JSON.stringify(pkg));
  return file;
}

/** A copy of the CSV fixture with one file's text changed. */
function mutatedCsv(file: string, change: (text: string) => string): string {
  const dir = tmp();
  for (const f of fs.readdirSync(csvFixture)) fs.copyFileSync(path.join(csvFixture, f), path.join(dir, f));
  fs.writeFileSync(path.join(dir, file), change(fs.readFileSync(path.join(dir, file), 'utf8')));
  return dir;
}

async function counts(db: Database) {
  const [r] = await db.query<Record<string, number>>(`SELECT
    (SELECT count(*)::int FROM organizations) AS organizations,
    (SELECT count(*)::int FROM directory_services) AS services,
    (SELECT count(*)::int FROM directory_locations) AS locations,
    (SELECT count(*)::int FROM directory_taxonomy_terms) AS terms,
    (SELECT count(*)::int FROM directory_metadata) AS metadata,
    (SELECT count(*)::int FROM directory_service_search) AS search,
    (SELECT count(*)::int FROM audit_events) AS audit`);
  return r;
}

async function rejection(db: Database, source: string): Promise<AppError> {
  const before = await counts(db);
  const err = await importPackage(db, actor, source).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect(await counts(db)).toEqual(before);
  return err as AppError;
}

function readExport(dir: string) {
  return Object.fromEntries(fs.readdirSync(dir).sort().map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
}

describe('HSDS import', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb();
  });

  it('imports the JSON package with every table, translations, geographies and search documents', async () => {
    const auditBefore = await db.query(`SELECT id FROM audit_events WHERE action = 'directory.import'`);
    const summary = await importPackage(db, actor, jsonFixture);
    expect(summary.services).toBe(3);
    expect(summary.tables.service).toEqual({ created: 3, updated: 0, unchanged: 0 });
    expect(summary.tables.organization).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(Object.keys(summary.tables)).toHaveLength(22);

    const [svc] = await db.query<{ name: string; fr: string; status: string; version: number; updated: string; eligibility: unknown }>(
      `SELECT name, translations #>> '{fr,name}' AS fr, status, version, to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS updated, eligibility
       FROM directory_services WHERE id = $1`,
      [S1],
    );
    expect(svc).toEqual({ name: 'Ajax Community Food Bank', fr: "Banque alimentaire communautaire d'Ajax", status: 'active', version: 1, updated: '2026-02-01 12:00', eligibility: { residency: ['3518005', '3518001'] } });

    const [org] = await db.query<{ legal_name: string; alternate_names: string[]; tax_id: string; year: number }>(
      `SELECT o.legal_name, o.alternate_names, d.tax_id, d.year_incorporated AS year FROM organizations o JOIN directory_organization_details d ON d.organization_id = o.id WHERE o.id = $1`,
      [ORG1],
    );
    expect(org).toEqual({ legal_name: 'Durham Community Food Network', alternate_names: ['DCFN'], tax_id: '123456789RR0001', year: 1998 });

    const locs = await db.query<{ name: string; code: string }>(
      `SELECT l.name, g.code FROM directory_locations l JOIN geographies g ON g.id = l.geography_id WHERE l.id::text LIKE '000000d1-%' ORDER BY l.name`,
    );
    expect(locs.map((l) => l.code)).toEqual(['3518005', '3518013', '3518001', '3518009']);

    const [sched] = await db.query<{ byday: string; opens_at: string; closes_at: string }>(
      `SELECT byday, opens_at::text, closes_at::text FROM directory_schedules WHERE service_id = $1`,
      [S1],
    );
    expect(sched).toEqual({ byday: 'TU,TH', opens_at: '09:00:00', closes_at: '12:00:00' });

    const search = await db.query<{ service_id: string; language_codes: string[]; is_free: boolean; wheelchair: boolean; terms: number; geos: number }>(
      `SELECT service_id::text, language_codes, is_free, wheelchair, cardinality(term_ids) AS terms, cardinality(geography_ids) AS geos
       FROM directory_service_search WHERE service_id::text LIKE '000000c1-%' ORDER BY service_id`,
    );
    expect(search).toHaveLength(3);
    expect(search[0]).toMatchObject({ service_id: S1, is_free: true, wheelchair: true, terms: 2, geos: 2 });
    expect([...search[0].language_codes].sort()).toEqual(['en', 'fr']);
    expect(search[2].language_codes).toEqual(['ar']);
    const hits = await db.query(`SELECT service_id FROM directory_service_search WHERE tsv_fr @@ plainto_tsquery('rt_french', 'banque alimentaire ajax')`);
    expect(hits).toEqual([{ service_id: S1 }]);

    const audit = await db.query<{ details: { tables: Record<string, unknown> } }>(`SELECT details FROM audit_events WHERE action = 'directory.import' ORDER BY id`);
    expect(audit).toHaveLength(auditBefore.length + 1);
    expect(audit.at(-1)!.details.tables.service).toEqual({ created: 3, updated: 0, unchanged: 0 });
  });

  it('is idempotent: the same package again changes nothing', async () => {
    const stamp = `SELECT (SELECT max(version) FROM directory_services) AS sv, (SELECT max(updated_at)::text FROM directory_services) AS su,
      (SELECT max(version) FROM organizations) AS ov, (SELECT max(updated_at)::text FROM organizations) AS ou,
      (SELECT count(*)::int FROM directory_metadata) AS meta`;
    const [before] = await db.query(stamp);
    const again = await importPackage(db, actor, jsonFixture);
    for (const [table, c] of Object.entries(again.tables)) expect({ table, ...c }).toEqual({ table, created: 0, updated: 0, unchanged: c.unchanged });
    expect(again.tables.service.unchanged).toBe(3);
    expect(again.tables.schedule.unchanged).toBe(3);
    // The CSV form of the same package is the same data.
    const csv = await importPackage(db, actor, csvFixture);
    expect(Object.values(csv.tables).every((c) => c.created === 0 && c.updated === 0)).toBe(true);
    expect((await db.query(stamp))[0]).toEqual(before);
  });

  it('updates a changed row, bumps its version and rebuilds its search document', async () => {
    const file = mutatedJson((r) => {
      r.service[0].name = 'Ajax Food Bank and Pantry';
    });
    const summary = await importPackage(db, actor, file);
    expect(summary.tables.service).toEqual({ created: 0, updated: 1, unchanged: 2 });
    const [row] = await db.query<{ version: number; folded: string }>(
      `SELECT s.version, x.folded FROM directory_services s JOIN directory_service_search x ON x.service_id = s.id WHERE s.id = $1`,
      [S1],
    );
    expect(row.version).toBe(2);
    expect(row.folded).toContain('pantry');
  });

  it("rebuilds the search document of a service whose own rows changed (a language), and of no other", async () => {
    const file = mutatedJson((r) => {
      const lang = r.language.find((l) => l.service_id === S1 && l.code === 'fr')!;
      lang.code = 'de';
    });
    const docs = `SELECT service_id::text AS id, language_codes FROM directory_service_search WHERE service_id::text LIKE '000000c1-%' ORDER BY 1`;
    const before = await db.query<{ id: string; language_codes: string[] }>(docs);
    const summary = await importPackage(db, actor, file);
    expect(summary.tables.language).toMatchObject({ created: 0, updated: 1 });
    const after = await db.query<{ id: string; language_codes: string[] }>(docs);
    expect([...after.find((d) => d.id === S1)!.language_codes].sort()).toEqual(['de', 'en']);
    expect(after.filter((d) => d.id !== S1)).toEqual(before.filter((d) => d.id !== S1));
  });

  it('is a command of directory admins: anyone else is refused before anything is read, and an import writes one audit row', { timeout: 120_000 }, async () => {
    const fresh = await freshDb();
    const before = await counts(fresh);
    const err = await importPackage(fresh, person([]), csvFixture).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(403);
    expect(await counts(fresh)).toEqual(before);
    const imports = async () => (await fresh.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'directory.import'`))[0].n;
    const auditedBefore = await imports();
    await importPackage(fresh, actor, csvFixture);
    expect(await imports()).toBe(auditedBefore + 1);
  });

  it('dry run validates and counts without storing anything', async () => {
    const fresh = await freshDb();
    const before = await counts(fresh);
    const summary = await importPackage(fresh, actor, csvFixture, { dryRun: true });
    expect(summary.dryRun).toBe(true);
    expect(summary.tables.service).toEqual({ created: 3, updated: 0, unchanged: 0 });
    expect(await counts(fresh)).toEqual(before);
  });
});

describe.runIf(!!process.env.TEST_DATABASE_URL)('HSDS import on PostgreSQL: the search table built anew and swapped in', () => {
  const shape = (db: Database) =>
    db.query(`SELECT 'index' AS kind, c.relname AS name, pg_get_indexdef(i.indexrelid) AS def FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = 'directory_service_search'::regclass
      UNION ALL SELECT 'constraint', conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'directory_service_search'::regclass
      UNION ALL SELECT 'trigger', tgname, pg_get_triggerdef(oid) FROM pg_trigger WHERE tgrelid = 'directory_service_search'::regclass AND NOT tgisinternal
      UNION ALL SELECT 'statistics', attname, attstattarget::text FROM pg_attribute WHERE attrelid = 'directory_service_search'::regclass AND attnum > 0 AND attstattarget >= 0
      ORDER BY 1, 2`);
  const docs = (db: Database) =>
    db.query<Record<string, string>>(`SELECT service_id::text, tsv_en::text, tsv_fr::text, folded, folded_names, language_codes::text, term_ids::text, (SELECT array_agg(g.code ORDER BY g.code) FROM geographies g WHERE g.id = ANY(geography_ids))::text AS geographies,
      is_free, wheelchair, minimum_age, maximum_age, latitudes::text, longitudes::text FROM directory_service_search ORDER BY service_id`);
  const oid = async (db: Database) => (await db.query<{ oid: number }>(`SELECT 'directory_service_search'::regclass::oid::int AS oid`))[0].oid;

  it('gives the same documents, indexes, constraints, triggers and words as the row-by-row refresh', async () => {
    const rowByRow = await freshDb();
    const rebuilt = await freshDb();
    const shapeBefore = await shape(rebuilt);
    expect(shapeBefore.filter((r) => (r as { kind: string }).kind === 'statistics')).toHaveLength(3);
    const oidBefore = await oid(rebuilt);
    const demoDocs = await docs(rebuilt);
    const rowByRowOid = await oid(rowByRow);
    await importPackage(rowByRow, actor, jsonFixture, { rebuildSearch: false });
    const summary = await importPackage(rebuilt, actor, jsonFixture, { rebuildSearch: true });
    expect(summary.tables.service).toEqual({ created: 3, updated: 0, unchanged: 0 });

    // A new table under the old name, carrying everything the old one did.
    expect(await oid(rebuilt)).not.toBe(oidBefore);
    expect(await oid(rowByRow)).toBe(rowByRowOid);
    expect(await shape(rebuilt)).toEqual(shapeBefore);
    // The documents of the demo services it did not touch were carried over; the new ones are those of the refresh.
    const after = await docs(rebuilt);
    expect(after).toEqual(await docs(rowByRow));
    expect(after.filter((d) => demoDocs.some((x) => x.service_id === d.service_id))).toEqual(demoDocs);
    // Where the services are offered came along too (a place search with words reads it from the row).
    expect(after.filter((d) => d.latitudes !== '{}').length).toBeGreaterThan(demoDocs.length / 2);
    const words = `SELECT array_agg(word ORDER BY word) AS w FROM directory_search_words`;
    expect(await rebuilt.query(words)).toEqual(await rowByRow.query(words));

    // The words trigger and the cascading foreign key are back on the new table.
    await rebuilt.query(`UPDATE directory_services SET name = name || ' Zyxwords' WHERE id = $1`, [S1]);
    await rebuilt.query(`SELECT directory_refresh_search(ARRAY[$1]::uuid[])`, [S1]);
    expect(await rebuilt.query(`SELECT word FROM directory_search_words WHERE word = 'zyxwords'`)).toEqual([{ word: 'zyxwords' }]);
    await rebuilt.query(`DELETE FROM directory_services WHERE id = $1`, [S1]);
    expect(await rebuilt.query(`SELECT 1 FROM directory_service_search WHERE service_id = $1`, [S1])).toEqual([]);

    // Importing the same package again changes nothing, whichever way the documents would be written.
    const again = await importPackage(rowByRow, actor, jsonFixture, { rebuildSearch: true });
    expect(Object.values(again.tables).every((c) => c.created === 0 && c.updated === 0)).toBe(true);
  });
});

describe.runIf(!!process.env.TEST_DATABASE_URL)('HSDS import on PostgreSQL: a search table another transaction is writing', () => {
  it('is refreshed in place after a short wait instead of waiting for that transaction', { timeout: 60_000 }, async () => {
    const db = await freshDb();
    const [{ name }] = await db.query<{ name: string }>(`SELECT current_database() AS name`);
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    const other = new pg.Client({ connectionString: url.toString() });
    await other.connect();
    try {
      const oid = `SELECT 'directory_service_search'::regclass::oid::int AS oid`;
      const [before] = await db.query<{ oid: number }>(oid);
      // An open transaction that has written the search table (as a service edit does).
      await other.query('BEGIN');
      await other.query(`UPDATE directory_service_search SET is_free = is_free WHERE service_id = (SELECT service_id FROM directory_service_search LIMIT 1)`);
      const started = Date.now();
      const summary = await importPackage(db, actor, jsonFixture, { rebuildSearch: true, searchLockWaitMs: 300 });
      expect(Date.now() - started).toBeLessThan(30_000);
      expect(summary.tables.service).toEqual({ created: 3, updated: 0, unchanged: 0 });
      await other.query('COMMIT');
      // The same table, with the new documents in it.
      expect((await db.query<{ oid: number }>(oid))[0]).toEqual(before);
      expect(await db.query(`SELECT count(*)::int AS n FROM directory_service_search WHERE service_id::text LIKE '000000c1-%'`)).toEqual([{ n: 3 }]);
    } finally {
      await other.query('ROLLBACK').catch(() => undefined);
      await other.end();
    }
  });
});

describe('HSDS import rejects bad packages and stores nothing', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb();
  });

  it('a bad UUID', async () => {
    const err = await rejection(db, mutatedCsv('services.csv', (t) => t.replace('000000c1-0000-4000-8000-000000000002', 'not-a-uuid')));
    expect(err.status).toBe(400);
    expect(err.code).toBe('directory.import_invalid');
    expect(err.errors).toContainEqual({ field: 'services.csv:2:id', message: expect.stringContaining('Not a UUID') });
  });

  it('a missing required field, and every error at once', async () => {
    const err = await rejection(
      db,
      mutatedJson((r) => {
        delete r.service[1].name;
        r.address[2].postal_code = null;
      }),
    );
    expect(err.errors).toEqual(
      expect.arrayContaining([
        { field: 'service:2:name', message: 'Required' },
        { field: 'address:3:postal_code', message: 'Required' },
      ]),
    );
  });

  it('a broken foreign key', async () => {
    const err = await rejection(
      db,
      mutatedJson((r) => {
        r.service[2].organization_id = '00000000-0000-4000-8000-0000000000ff';
        r.attribute[0].link_id = '00000000-0000-4000-8000-0000000000fe';
      }),
    );
    expect(err.errors!.map((e) => e.field).sort()).toEqual(['attribute:1:link_id', 'service:3:organization_id']);
  });

  it('wrong types and enums', async () => {
    const dir = mutatedCsv('services.csv', (t) => t.replace(',active,', ',open,').replace(',0,130,', ',zero,130,'));
    const err = await rejection(db, dir);
    expect(err.errors).toEqual(
      expect.arrayContaining([
        { field: 'services.csv:1:status', message: expect.stringContaining('Must be one of') },
        { field: 'services.csv:2:minimum_age', message: expect.stringContaining('Not a number') },
      ]),
    );
    const err2 = await rejection(
      db,
      mutatedJson((r) => {
        r.schedule[0].opens_at = '25:00';
        r.service[0].assured_date = '2026-02-30';
        r.location[0].geography_code = '9999999';
      }),
    );
    expect(err2.errors!.map((e) => e.field).sort()).toEqual(['location:1:geography_code', 'schedule:1:opens_at', 'service:1:assured_date']);
  });

  it('a CSV file that is not valid CSV (a row with a field too many)', async () => {
    const dir = mutatedCsv('services.csv', (t) => t.replace('"Hot lunch, no questions asked."', 'Hot lunch,extra'));
    const err = await rejection(db, dir);
    expect(err.errors).toEqual([{ field: expect.stringMatching(/^services\.csv:\d+:/), message: expect.stringContaining('Not valid CSV') }]);
  });

  it('a 50 MB field, in CSV and in JSON', async () => {
    const big = 'x'.repeat(50 * 1024 * 1024);
    const dir = mutatedCsv('services.csv', (t) => t.replace('Hot lunch, no questions asked.', big));
    const err = await rejection(db, dir);
    expect(err.errors).toHaveLength(1);
    expect(err.errors![0].field).toBe('services.csv:2:description');
    const err2 = await rejection(
      db,
      mutatedJson((r) => {
        r.service[1].description = big;
      }),
    );
    expect(err2.errors).toEqual([{ field: 'service:2:description', message: expect.stringContaining('64 KB') }]);
  });

  it('a field just over 64 KB', async () => {
    const err = await rejection(
      db,
      mutatedJson((r) => {
        r.service[0].alert = 'y'.repeat(64 * 1024 + 1);
      }),
    );
    expect(err.errors).toEqual([{ field: 'service:1:alert', message: expect.stringContaining('64 KB') }]);
  });
});

describe('HSDS export', () => {
  for (const format of ['json', 'csv'] as const) {
    it(`round-trips through ${format} without loss`, { timeout: 120_000 }, async () => {
      const a = await freshDb();
      await importPackage(a, actor, format === 'json' ? jsonFixture : csvFixture);
      const first = tmp();
      const summary = await exportPackage(a, first, { format });
      const [{ n }] = await a.query<{ n: number }>(`SELECT count(*)::int AS n FROM directory_services`);
      expect(summary.services).toBe(n);
      const b = await freshDb();
      // The target starts with no directory of its own: its demo services were loaded at a
      // different moment, and an unchanged record rightly keeps its own last_modified.
      await b.query(`TRUNCATE directory_services, directory_locations, directory_programs, directory_taxonomies, directory_taxonomy_terms, directory_units, directory_metadata, directory_organization_details, directory_organization_identifiers, directory_fundings, directory_phones, directory_contacts CASCADE`);
      const again = await importPackage(b, actor, format === 'json' ? path.join(first, 'datapackage.json') : first);
      expect(again.tables.service.created).toBe(n);
      const second = tmp();
      await exportPackage(b, second, { format });
      expect(readExport(second)).toEqual(readExport(first));
      // Re-importing the export into its own database changes nothing.
      const same = await importPackage(a, actor, first);
      expect(Object.entries(same.tables).filter(([, c]) => c.created || c.updated)).toEqual([]);

      if (format === 'json') {
        const pkg = JSON.parse(fs.readFileSync(path.join(first, 'datapackage.json'), 'utf8'));
        const services = pkg.resources.find((r: { name: string }) => r.name === 'service');
        expect(services.schema.fields.map((f: { name: string }) => f.name)).toEqual(expect.arrayContaining(['id', 'organization_id', 'status', 'last_modified', 'translations']));
        expect(services.data.find((s: { id: string }) => s.id === S1)).toMatchObject({ id: S1, minimum_age: null, last_modified: '2026-02-01T12:00:00.000000Z', translations: { fr: expect.any(Object) } });
        const locs = pkg.resources.find((r: { name: string }) => r.name === 'location').data.filter((l: { id: string }) => l.id.startsWith('000000d1-'));
        expect(locs.map((l: { geography_code: string }) => l.geography_code)).toEqual(['3518005', '3518013', '3518001', '3518009']);
      } else {
        expect(fs.existsSync(path.join(first, 'service_capacities.csv'))).toBe(true);
        const header = fs.readFileSync(path.join(first, 'organizations.csv'), 'utf8').split('\n')[0];
        expect(header).toBe('id,name,alternate_name,description,email,website,tax_status,tax_id,year_incorporated,legal_status,logo,uri,parent_organization_id,translations');
      }
    });
  }
});
