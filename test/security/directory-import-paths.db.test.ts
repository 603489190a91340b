import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../helpers/test-db';
import type { Database } from '../../src/core/db/database';
import { systemActor } from '../../src/core/accounts/actor';
import { AppError } from '../../src/core/http/errors';
import { importPackage } from '../../src/modules/directory/directory.import';

/**
 * Issue 11, finding 9: a directory import reads only the package. A resource path that is
 * absolute, climbs out with `..`, is a URL, or is a link leading outside, is refused with a
 * clear error naming the resource, and nothing is imported.
 */
let db: Database & { drop(): Promise<void> };
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-outside-'));
// A file outside the package that happens to be a valid HSDS organization table.
const secretCsv = path.join(outside, 'organizations.csv');
fs.writeFileSync(secretCsv, 'id,name,description,email\n0000beef-0000-4000-8000-000000000001,Secret Org,read from outside,secret@outside.example\n');

function pkgWith(resourcePath: string, setup?: (dir: string) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-pkg-'));
  setup?.(dir);
  fs.writeFileSync(path.join(dir, 'datapackage.json'), JSON.stringify({ name: 'x', resources: [{ name: 'organization', path: resourcePath }] }));
  return dir;
}

async function refused(source: string): Promise<AppError> {
  const err = await importPackage(db, systemActor('test'), source).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM organizations WHERE legal_name = 'Secret Org'`);
  expect(n).toBe(0);
  return err as AppError;
}

describe('directory import reads only the package', () => {
  it('refuses an absolute resource path', async () => {
    const e = await refused(pkgWith(secretCsv));
    expect(e.status).toBe(400);
    expect(JSON.stringify(e.errors)).toMatch(/absolute/i);
  });

  it('refuses a path that climbs out with ..', async () => {
    const rel = path.relative(fs.mkdtempSync(path.join(os.tmpdir(), 'rt-pkg-')), secretCsv);
    const e = await refused(pkgWith(rel));
    expect(JSON.stringify(e.errors)).toMatch(/\.\./);
    const e2 = await refused(pkgWith(`sub/../../${path.basename(outside)}/organizations.csv`));
    expect(JSON.stringify(e2.errors)).toMatch(/\.\./);
  });

  it('refuses a URL', async () => {
    for (const url of ['https://example.org/organizations.csv', 'file:///etc/passwd', 'http://127.0.0.1:1/x.csv']) {
      const e = await refused(pkgWith(url));
      expect(JSON.stringify(e.errors)).toMatch(/URL/);
    }
  });

  it('refuses a link that leads outside the package', async () => {
    const e = await refused(pkgWith('organizations.csv', (dir) => fs.symlinkSync(secretCsv, path.join(dir, 'organizations.csv'))));
    expect(JSON.stringify(e.errors)).toMatch(/outside/i);
  });

  it('still reads a plain relative path inside the package', async () => {
    const dir = pkgWith('data/organizations.csv', (d) => {
      fs.mkdirSync(path.join(d, 'data'));
      fs.writeFileSync(path.join(d, 'data', 'organizations.csv'), 'id,name,description\n0000beef-0000-4000-8000-000000000002,Inside Org,fine\n');
    });
    const s = await importPackage(db, systemActor('test'), dir);
    expect(s.tables.organization.created).toBe(1);
  });
});
