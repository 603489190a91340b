import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, demo, type TestApp } from '../../../test/helpers/test-app';
import { watchStatements as watch } from '../../../test/helpers/statements';
import { listFromMemory, newKept } from './organizations.cache';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('organizations API', () => {
  it('refuses anonymous callers with 401 problem+json', async () => {
    const res = await t.anonymous.get('/api/v1/organizations');
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.json().code).toBe('auth.required');
  });

  it('lists and searches the Durham organizations, tolerant of accents and typos', async () => {
    const viewer = await t.login(demo.viewer);
    const all = await viewer.get('/api/v1/organizations?perPage=100');
    expect(all.statusCode).toBe(200);
    expect(all.json().total).toBeGreaterThanOrEqual(9);
    const byAcronym = await viewer.get('/api/v1/organizations?q=cdcd');
    expect(byAcronym.json().items[0].legalName).toBe('Community Development Council Durham');
    const typo = await viewer.get('/api/v1/organizations?q=unemployd');
    expect(typo.json().items[0].legalName).toBe('Durham Region Unemployed Help Centre');
    const accent = await viewer.get('/api/v1/organizations?q=WOMENS%20MULTICULTURAL');
    expect(accent.json().items.map((o: { legalName: string }) => o.legalName)).toContain('Women’s Multicultural Resource and Counselling Centre');
  });

  it('looks for near misses only when the substring matches are few', async () => {
    const viewer = await t.login(demo.viewer);
    const search = async (q: string) => (await viewer.get(`/api/v1/organizations?perPage=100&q=${encodeURIComponent(q)}`)).json() as { total: number; items: { legalName: string }[] };
    await t.database.query(`INSERT INTO organizations (legal_name) VALUES ('Zephyrine Tutoring Collective'), ('Zephyrene Tutors')`);
    // Few substring matches: the typo's near miss is offered after them.
    const few = await search('zephyrine');
    expect(few.items.map((o) => o.legalName)).toEqual(['Zephyrine Tutoring Collective', 'Zephyrene Tutors']);
    const many = Array.from({ length: 50 }, (_, i) => `('Zephyrine Hub ${String(i).padStart(2, '0')}')`).join(', ');
    await t.database.query(`INSERT INTO organizations (legal_name) VALUES ${many}`);
    // Fifty or more: substring matches only, prefix and whole-word matches first, then by name.
    const lots = await search('zephyrine');
    expect(lots.total).toBe(51);
    expect(lots.items.map((o) => o.legalName)).not.toContain('Zephyrene Tutors');
    expect(lots.items[0].legalName).toBe('Zephyrine Hub 00');
    expect(lots.items.at(-1)!.legalName).toBe('Zephyrine Tutoring Collective');
  });

  it('validates input and names the field at fault (400)', async () => {
    const admin = await t.login(demo.admin);
    const res = await admin.post('/api/v1/organizations', { legalName: '', email: 'not-an-email', partnerCategory: 'aliens' });
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['email', 'legalName', 'partnerCategory']);
  });

  it('lets an org admin edit only their own organization (403 elsewhere)', async () => {
    const orgAdmin = await t.login(demo.orgAdmin);
    const list = (await orgAdmin.get('/api/v1/organizations?perPage=100')).json().items;
    const own = list.find((o: { legalName: string }) => o.legalName === 'Community Development Council Durham');
    const other = list.find((o: { legalName: string }) => o.legalName === 'Regional Municipality of Durham');
    expect(own.actions.update).toBe(true);
    expect(other.actions.update).toBe(false);
    const ok = await orgAdmin.patch(`/api/v1/organizations/${own.id}`, { description: 'Updated by its admin', version: own.version });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().version).toBe(own.version + 1);
    const denied = await orgAdmin.patch(`/api/v1/organizations/${other.id}`, { description: 'hijack', version: other.version });
    expect(denied.statusCode).toBe(403);
    const unchanged = (await orgAdmin.get(`/api/v1/organizations/${other.id}`)).json();
    expect(unchanged.description).not.toBe('hijack');
  });

  it('answers a stale edit with 409 and the current version, not a silent overwrite', async () => {
    const admin = await t.login(demo.admin);
    const created = (await admin.post('/api/v1/organizations', { legalName: 'Ajax Newcomer Centre', partnerCategory: 'voluntary_nonprofit' })).json();
    const first = await admin.patch(`/api/v1/organizations/${created.id}`, { website: 'https://first.example', version: created.version });
    expect(first.statusCode).toBe(200);
    const stale = await admin.patch(`/api/v1/organizations/${created.id}`, { website: 'https://second.example', version: created.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('conflict.stale_version');
    expect(stale.json().current.website).toBe('https://first.example');
    expect(stale.json().current.version).toBe(created.version + 1);
  });

  it('rejects a parent cycle', async () => {
    const admin = await t.login(demo.admin);
    const a = (await admin.post('/api/v1/organizations', { legalName: 'Parent Org' })).json();
    const b = (await admin.post('/api/v1/organizations', { legalName: 'Child Org', parentId: a.id })).json();
    expect(b.parentName).toBe('Parent Org');
    const res = await admin.patch(`/api/v1/organizations/${a.id}`, { parentId: b.id, version: a.version });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('parentId');
  });

  it('writes create and update to the audit log with who, what and from where', async () => {
    const admin = await t.login(demo.admin);
    const created = (await admin.post('/api/v1/organizations', { legalName: 'Audited Org' })).json();
    await admin.patch(`/api/v1/organizations/${created.id}`, { sector: 'housing', version: 1 });
    const events = (await admin.get(`/api/v1/audit-events?entityType=organization&entityId=${created.id}`)).json().items;
    expect(events.map((e: { action: string }) => e.action)).toEqual(['organization.update', 'organization.create']);
    expect(events[0].actorLabel).toBe(demo.admin);
    expect(events[0].details.changed).toEqual(['sector']);
    expect(events[0].ip).toBeTruthy();
  });
});

describe('searches answered from memory (organizations version, migration 0003)', () => {
  const watchStatements = () => {
    const w = watch(t.database);
    return { ...w, organizations: () => w.matching(/organizations/) };
  };

  it("counts only what the watched requests send, not the server's own timers", async () => {
    const watch = watchStatements();
    // Two passes of the audit sealer at least, on their own timer: none of them counted.
    await watch.during(() => new Promise((r) => setTimeout(r, 2500)));
    const whileWaiting = watch.count();
    const viewer = await t.login(demo.viewer);
    await watch.during(() => viewer.get('/api/v1/organizations?q=durham'));
    const count = watch.count();
    watch.stop();
    expect(whileWaiting, watch.all()).toBe(0);
    // The request's own: its session look-up, the version read, and the search.
    expect(count).toBeGreaterThanOrEqual(3);
    expect(watch.organizations().length).toBeGreaterThanOrEqual(2);
  });

  it('answers a repeated search with one version read, and each caller still gets their own actions', async () => {
    const admin = await t.login(demo.admin);
    const orgAdmin = await t.login(demo.orgAdmin);
    const url = '/api/v1/organizations?q=durham&perPage=100';
    const first = (await admin.get(url)).json();
    // The same words in another case and with outer spaces: the same kept answer.
    const watch = watchStatements();
    const again = (await watch.during(() => orgAdmin.get('/api/v1/organizations?q=%20DURHAM%20&perPage=100'))).json();
    const statements = watch.organizations();
    const all = watch.count();
    const sent = watch.all();
    watch.stop();
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/organizations_version/);
    // Nothing else but the session look-up (through the accounts' tables).
    expect(all, sent).toBe(2);
    expect(again.total).toBe(first.total);
    expect(again.items.map((o: { id: string }) => o.id)).toEqual(first.items.map((o: { id: string }) => o.id));
    // The rows are shared; what a caller may do with them is not.
    expect(first.items.every((o: { actions: { update: boolean } }) => o.actions.update)).toBe(true);
    expect(again.items.filter((o: { actions: { update: boolean } }) => o.actions.update).length).toBeLessThan(again.items.length);
    expect(again.items.some((o: { actions: { update: boolean } }) => o.actions.update)).toBe(true);
    const viewer = await t.login(demo.viewer);
    const third = (await viewer.get(url)).json();
    expect(third.items.some((o: { actions: { update: boolean } }) => o.actions.update)).toBe(false);
    expect(first.actions.create).toBe(true);
    expect(third.actions.create).toBe(false);
  });

  it('serves another page or page size of a search from its kept order, reading only the organizations not yet kept', async () => {
    const viewer = await t.login(demo.viewer);
    await t.database.query(`INSERT INTO organizations (legal_name) SELECT 'Brindlewood Pantry ' || lpad(i::text, 4, '0') FROM generate_series(1, 1050) i`);
    const page = async (perPage: number, p: number) => {
      const res = await viewer.get(`/api/v1/organizations?q=brindlewood&perPage=${perPage}&page=${p}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { total: number; items: { legalName: string }[] };
    };
    const names = (n: number) => Array.from({ length: n }, (_, i) => `Brindlewood Pantry ${String(i + 1).padStart(4, '0')}`);
    const first = await page(21, 1);
    expect(first.total).toBe(1050);
    expect(first.items.map((o) => o.legalName)).toEqual(names(21));
    const watch = watchStatements();
    const notVersion = () => watch.organizations().filter((q) => !/organizations_version/.test(q));
    // Three pages of seven are slices of the kept order, all of them organizations already kept.
    const sevens = await watch.during(async () => [...(await page(7, 1)).items, ...(await page(7, 2)).items, ...(await page(7, 3)).items]);
    expect(sevens.map((o) => o.legalName)).toEqual(names(21));
    expect(notVersion()).toEqual([]);
    expect(watch.count(), watch.all()).toBe(6); // three session look-ups and three version reads
    // The next page: still no ranking, one read of its organizations.
    const fourth = await watch.during(() => page(7, 4));
    expect(fourth.items.map((o) => o.legalName)).toEqual(names(28).slice(21));
    expect(notVersion()).toHaveLength(1);
    expect(notVersion()[0]).not.toMatch(/LIKE/);
    expect(watch.count(), watch.all()).toBe(9);
    watch.stop();
    // Past the kept order the page is ranked on its own, in the same order, with the same total.
    const far = await page(200, 6);
    expect(far.total).toBe(1050);
    expect(far.items.map((o) => o.legalName)).toEqual(names(1050).slice(1000));
    expect((await page(200, 7)).items).toEqual([]);
    expect((await page(200, 7)).total).toBe(1050);
    await t.database.query(`DELETE FROM organizations WHERE legal_name LIKE 'Brindlewood Pantry %'`);
    expect((await page(21, 1)).total).toBe(0);
  });

  it('gives a whole page when the kept organizations are full and reading the missing ones pushes some of its own out', async () => {
    await t.database.query(`INSERT INTO organizations (legal_name) SELECT 'Quorvane Hub ' || lpad(i::text, 2, '0') FROM generate_series(1, 40) i`);
    const kept = newKept(26);
    const names = (n: number) => Array.from({ length: n }, (_, i) => `Quorvane Hub ${String(i + 1).padStart(2, '0')}`);
    const first = await listFromMemory(t.database, { q: 'quorvane', limit: 25, offset: 0 }, kept);
    expect(first.rows.map((o) => o.legalName)).toEqual(names(25));
    // 25 kept, 5 to read, room for 26: reading them pushes out the oldest kept, which are this page's first.
    const wider = await listFromMemory(t.database, { q: 'quorvane', limit: 30, offset: 0 }, kept);
    expect(wider.rows.map((o) => o.legalName)).toEqual(names(30));
    expect(wider.total).toBe(40);
    await t.database.query(`DELETE FROM organizations WHERE legal_name LIKE 'Quorvane Hub %'`);
  });

  it('is moved on by every committed write to organizations, once per transaction, and not by a rolled-back one', async () => {
    const admin = await t.login(demo.admin);
    const version = async () => Number((await t.database.query<{ v: string }>('SELECT version::text AS v FROM organizations_version'))[0].v);
    const search = async () => (await admin.get('/api/v1/organizations?q=quillfeather')).json() as { total: number; items: { legalName: string }[] };
    expect((await search()).total).toBe(0);
    const v0 = await version();
    await t.database.db
      .transaction(async (tx) => {
        await tx.execute(sql`INSERT INTO organizations (legal_name) VALUES ('Quillfeather Literacy')`);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect(await version()).toBe(v0);
    expect((await search()).total).toBe(0);
    const created = await admin.post('/api/v1/organizations', { legalName: 'Quillfeather Literacy' });
    expect(created.statusCode, created.body).toBe(201);
    // The create writes the row and its audit event: one move, at commit.
    expect(await version()).toBe(v0 + 1);
    expect(await t.database.query('SELECT * FROM organizations_version_pending')).toEqual([]);
    expect((await search()).items.map((o) => o.legalName)).toEqual(['Quillfeather Literacy']);
    const renamed = await admin.patch(`/api/v1/organizations/${created.json().id}`, { version: created.json().version, legalName: 'Quillfeather Reading Circle' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect((await search()).items.map((o) => o.legalName)).toEqual(['Quillfeather Reading Circle']);
    // A write straight to the table (a migration, an operator's fix) is seen as well.
    await t.database.query(`DELETE FROM organizations WHERE legal_name = 'Quillfeather Reading Circle'`);
    expect((await search()).total).toBe(0);
  });
});
