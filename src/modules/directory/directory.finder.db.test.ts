import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import zlib from 'node:zlib';
import { sql } from 'drizzle-orm';
import { watchStatements } from '../../../test/helpers/statements';
import { createTestApp, demo, type TestApp } from '../../../test/helpers/test-app';
import { searchServices } from './repository/search';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Item = { id: string; name: string; distanceKm: number | null; languages: { code: string }[]; free: boolean; minimumAge: number | null; maximumAge: number | null; locations: { geographyCode: string; wheelchairAccessible: boolean }[]; version?: number; actions?: Record<string, boolean> };
const find = async (query: string): Promise<{ items: Item[]; total: number; corrected: string | null; origin: unknown }> => {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/finder/services?perPage=100&${query}` });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res.json();
};

describe('public finder filters', () => {
  it('needs no sign-in and says when it corrected the spelling', async () => {
    const r = await find('q=langage%20clases');
    expect(r.corrected).toBe('language classes');
    expect(r.items.length).toBeGreaterThan(2);
  });

  it('filters by language offered', async () => {
    const r = await find('language=ar');
    expect(r.total).toBeGreaterThan(0);
    for (const i of r.items) expect(i.languages.map((l) => l.code)).toContain('ar');
    const all = await find('');
    expect(r.total).toBeLessThan(all.total);
  });

  it('filters by municipality, counting region-wide services as serving each town', async () => {
    const r = await find('municipality=3518013');
    const all = await find('');
    // Region-wide services serve Oshawa; those serving only other towns do not appear.
    expect(r.total).toBeGreaterThan(0);
    expect(r.total).toBeLessThan(all.total);
    expect(r.items.map((i) => i.name)).not.toContain('Counselling and referrals');
    expect((await find('municipality=3518005')).items.map((i) => i.name)).toContain('Counselling and referrals');
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/finder/services?municipality=nowhere' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('municipality');
  });

  it('finds services near a postal code, nearest first, within the radius', async () => {
    const r = await find('near=L1S%202B9&radiusKm=3');
    expect(r.total).toBeGreaterThan(0);
    const d = r.items.map((i) => i.distanceKm!);
    expect(d).toEqual([...d].sort((a, b) => a - b));
    expect(Math.max(...d)).toBeLessThanOrEqual(3);
    const byPlace = await find('near=Whitby&radiusKm=5');
    expect(byPlace.items.map((i) => i.name)).toContain('Ontario Works financial and employment assistance');
    const unknown = await t.app.inject({ method: 'GET', url: '/api/v1/finder/services?near=ZZZ' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.headers['cache-control']).toBeUndefined();
    expect(unknown.json().errors[0].field).toBe('near');
  });

  it('leaves out inactive services near a place, with or without a filter on the search row', async () => {
    const near = 'near=Whitby&radiusKm=25';
    const before = await find(near);
    const filtered = await find(`${near}&language=en`);
    const target = before.items.find((i) => filtered.items.some((f) => f.id === i.id))!;
    expect(target).toBeDefined();
    await t.database.query(`UPDATE directory_services SET status = 'inactive' WHERE id = $1`, [target.id]);
    try {
      // The change moved the directory's version: these are searched anew, not kept answers.
      const plain = await find(near);
      expect(plain.items.map((i) => i.id)).not.toContain(target.id);
      expect(plain.total).toBe(before.total - 1);
      expect((await find(`${near}&language=en`)).items.map((i) => i.id)).not.toContain(target.id);
    } finally {
      await t.database.query(`UPDATE directory_services SET status = 'active' WHERE id = $1`, [target.id]);
    }
  });

  it('filters by age, free and wheelchair access', async () => {
    const child = await find('age=8');
    for (const i of child.items) {
      expect(i.minimumAge ?? 0).toBeLessThanOrEqual(8);
      expect(i.maximumAge ?? 130).toBeGreaterThanOrEqual(8);
    }
    expect(child.items.map((i) => i.name)).toContain('Settlement Workers in Schools');
    expect(child.items.map((i) => i.name)).not.toContain('LINC classes');
    for (const i of (await find('free=true')).items) expect(i.free).toBe(true);
    const wheel = await find('wheelchair=true');
    expect(wheel.total).toBeGreaterThan(0);
    for (const i of wheel.items) expect(i.locations.some((l) => l.wheelchairAccessible)).toBe(true);
  });

  it('filters by the age range an edit gives a service, at once (the range rides on the search row, migration 0080)', async () => {
    const admin = await t.login(demo.admin);
    const [linc] = await t.database.query<{ id: string; version: number; minimum_age: string | null; maximum_age: string | null }>(
      `SELECT id, version, minimum_age, maximum_age FROM directory_services WHERE name = 'LINC classes'`);
    expect((await find('age=8')).items.map((i) => i.name)).not.toContain('LINC classes');
    const edit = await admin.patch(`/api/v1/directory/services/${linc.id}`, { version: linc.version, minimum_age: 6, maximum_age: 12 });
    expect(edit.statusCode, edit.body).toBe(200);
    expect((await find('age=8')).items.map((i) => i.name)).toContain('LINC classes');
    expect((await find('q=linc&age=30')).items.map((i) => i.name)).not.toContain('LINC classes');
    // An edit of one bound is checked against the stored other one, and names the field it sent.
    const partial = await admin.patch(`/api/v1/directory/services/${linc.id}`, { version: linc.version + 1, minimum_age: 30 });
    expect(partial.statusCode).toBe(400);
    expect(partial.json().errors).toEqual([{ field: 'minimum_age', message: 'Must be at most the maximum age (12)' }]);
    const restored = await admin.patch(`/api/v1/directory/services/${linc.id}`, { version: linc.version + 1, minimum_age: linc.minimum_age === null ? null : Number(linc.minimum_age), maximum_age: linc.maximum_age === null ? null : Number(linc.maximum_age) });
    expect(restored.statusCode, restored.body).toBe(200);
    expect((await find('age=8')).items.map((i) => i.name)).not.toContain('LINC classes');
  });

  it('knows what is open at a given moment (Toronto time)', async () => {
    const saturdayMorning = new Date('2026-11-21T15:00:00Z'); // 10:00 in Toronto
    const open = await searchServices(t.database.db, { openAt: saturdayMorning, limit: 100, offset: 0 });
    const names = await t.database.query<{ id: string; name: string }>('SELECT id, name FROM directory_services');
    const byId = new Map(names.map((n) => [n.id, n.name]));
    expect(open.hits.map((h) => byId.get(h.id))).toEqual(['International Languages for children']);
    const tuesdayNight = new Date('2026-11-25T00:00:00Z'); // Tuesday 19:00 in Toronto
    const evening = (await searchServices(t.database.db, { openAt: tuesdayNight, limit: 100, offset: 0 })).hits.map((h) => byId.get(h.id));
    expect(evening.sort()).toEqual(['Citizenship preparation course', 'ESL classes for adults']);
  });

  it('has demo data in which every filter narrows the results', async () => {
    const all = (await find('')).total;
    const food = (await t.database.query<{ id: string }>(`SELECT id FROM directory_taxonomy_terms WHERE code = 'food'`))[0].id;
    const narrowed: Record<string, number> = {};
    for (const [name, query] of Object.entries({
      search: 'q=counselling',
      category: `termId=${food}`,
      municipality: 'municipality=3518039',
      near: 'near=L1S%202B9&radiusKm=3',
      language: 'language=es',
      age: 'age=10',
      free: 'free=true',
      wheelchair: 'wheelchair=true',
    })) {
      const n = (await find(query)).total;
      expect(n, name).toBeGreaterThan(0);
      narrowed[name] = n;
    }
    for (const [name, n] of Object.entries(narrowed)) expect(n, `${name} narrows ${all} services`).toBeLessThan(all);
    const open = await searchServices(t.database.db, { openAt: new Date('2026-11-24T15:00:00Z'), limit: 100, offset: 0 });
    expect(open.hits.length).toBeGreaterThan(0);
    expect(open.hits.length).toBeLessThan(all);
  });

  it('shows Durham as it is: street addresses and phones where known, fees where charged, no place outside Durham', async () => {
    const r = await find('');
    const fees = r.items.filter((i) => !i.free);
    expect(fees.length).toBeGreaterThan(0);
    const cdcd = r.items.find((i) => i.name === 'Newcomer settlement services')!;
    const detail = (await t.app.inject({ method: 'GET', url: `/api/v1/finder/services/${cdcd.id}` })).json();
    expect(JSON.stringify(detail)).toContain('458 Fairall Street');
    expect(detail.phones.map((p: { number: string }) => p.number)).toContain('905-686-2661');
    for (const i of r.items) for (const l of i.locations) expect(l.geographyCode, i.name).toMatch(/^3518/);
    expect(JSON.stringify(r)).not.toMatch(/seed 00\d|\(00\d:\d+/);
  });

  it('gives how to apply, eligibility and fees in French where French text exists', async () => {
    const r = await find('q=counselling&lang=fr');
    const wmrcc = r.items.find((i) => i.name.startsWith('Counseling et intervention'))!;
    const detail = (await t.app.inject({ method: 'GET', url: `/api/v1/finder/services/${wmrcc.id}?lang=fr` })).json();
    expect(detail.applicationProcess).toMatch(/Communiquez avec le centre/);
    expect(detail.eligibility).toBe('Femmes, 16 ans et plus.');
    expect(detail.fees).toMatch(/Tarif selon le revenu/);
  });

  it('lists the documents to bring in French where French text exists', async () => {
    const r = await find('q=food%20bank&lang=fr');
    const en = (await t.app.inject({ method: 'GET', url: `/api/v1/finder/services/${r.items[0].id}?lang=en` })).json();
    const fr = (await t.app.inject({ method: 'GET', url: `/api/v1/finder/services/${r.items[0].id}?lang=fr` })).json();
    expect([...en.requiredDocuments].sort()).toEqual(['Photo ID', 'Proof of address']);
    expect([...fr.requiredDocuments].sort()).toEqual(['Pièce d’identité avec photo', 'Preuve d’adresse']);
  });

  it('answers in French when asked', async () => {
    const r = await find('q=food%20bank&lang=fr');
    expect(r.items[0].name).toBe('Banque alimentaire d’urgence');
  });
});

describe('staff editing', () => {
  const cdcdService = async () => (await t.database.query<{ id: string }>(`SELECT id FROM directory_services WHERE name = 'Newcomer settlement services'`))[0].id;
  const regionService = async () => (await t.database.query<{ id: string }>(`SELECT id FROM directory_services WHERE name = 'Child care fee subsidy'`))[0].id;

  it('lets an organization edit its own services, with field history served as HSDS metadata', async () => {
    const orgAdmin = await t.login(demo.orgAdmin);
    const id = await cdcdService();
    const before = (await orgAdmin.get(`/api/v1/finder/services/${id}`)).json();
    expect(before.actions['directory.service.update']).toBe(true);
    const res = await orgAdmin.patch(`/api/v1/directory/services/${id}`, { version: before.version, description: 'Updated by CDCD staff', translations: { fr: { name: before.hsds.translations.fr.name, description: 'Mis à jour' } } });
    expect(res.statusCode, res.body).toBe(200);
    const hsds = (await t.anonymous.get(`/hsds/services/${id}`)).json();
    expect(hsds.description).toBe('Updated by CDCD staff');
    const history = hsds.metadata.filter((m: { field_name: string }) => m.field_name === 'description');
    expect(history).toHaveLength(1);
    // Public history names the organization, not the person, and withholds the value it replaced (issue 11).
    expect(history[0]).toMatchObject({ last_action_type: 'update', replacement_value: 'Updated by CDCD staff', updated_by: 'Community Development Council Durham', previous_value: '' });
    const stale = await orgAdmin.patch(`/api/v1/directory/services/${id}`, { version: before.version, description: 'stale' });
    expect(stale.statusCode).toBe(409);
    const anon = await t.anonymous.get(`/api/v1/finder/services/${id}`);
    expect(anon.json().actions).toEqual({ 'directory.service.update': false, 'directory.service.verify': false, 'directory.service.capacity': false });
  });

  it("refuses edits to another organization's service, and anonymous edits", async () => {
    const orgAdmin = await t.login(demo.orgAdmin);
    const id = await regionService();
    const detail = (await orgAdmin.get(`/api/v1/finder/services/${id}`)).json();
    expect(detail.actions['directory.service.update']).toBe(false);
    expect((await orgAdmin.patch(`/api/v1/directory/services/${id}`, { version: detail.version, description: 'hijack' })).statusCode).toBe(403);
    expect((await orgAdmin.post(`/api/v1/directory/services/${id}/verify`)).statusCode).toBe(403);
    expect((await t.anonymous.patch(`/api/v1/directory/services/${id}`, { version: 1, description: 'x' })).statusCode).toBe(401);
    const viewer = await t.login(demo.viewer);
    expect((await viewer.patch(`/api/v1/directory/services/${id}`, { version: detail.version, description: 'viewer' })).statusCode).toBe(403);
  });

  it('validates edits and names the field', async () => {
    const admin = await t.login(demo.admin);
    const id = await regionService();
    const res = await admin.patch(`/api/v1/directory/services/${id}`, { version: 1, minimum_age: 30, maximum_age: 10, url: 'ftp://x', status: 'gone' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['status', 'url']);
    const ages = await admin.patch(`/api/v1/directory/services/${id}`, { version: 1, minimum_age: 30, maximum_age: 10 });
    expect(ages.json().errors[0].field).toBe('maximum_age');
  });

  it('records verification and keeps the review queue to what is unverified', async () => {
    const orgAdmin = await t.login(demo.orgAdmin);
    const queue = (await orgAdmin.get('/api/v1/directory/review-queue')).json();
    expect(queue.months).toBe(12);
    expect(queue.items.every((i: { organization: string }) => i.organization === 'Community Development Council Durham')).toBe(true);
    expect(queue.items).toHaveLength(5);
    const id = await cdcdService();
    const verified = (await orgAdmin.post(`/api/v1/directory/services/${id}/verify`)).json();
    expect(verified.last_verified_by).toBe('Community Development Council Durham');
    const after = (await orgAdmin.get('/api/v1/directory/review-queue')).json();
    expect(after.items.map((i: { id: string }) => i.id)).not.toContain(id);
    expect(after.items).toHaveLength(4);
    const admin = await t.login(demo.admin);
    expect((await admin.get('/api/v1/directory/review-queue')).json().items.length).toBeGreaterThan(15);
    expect((await orgAdmin.put('/api/v1/directory/settings/review-months', { months: 6 })).statusCode).toBe(403);
    expect((await admin.put('/api/v1/directory/settings/review-months', { months: 6 })).statusCode).toBe(204);
    expect((await orgAdmin.get('/api/v1/directory/review-queue')).json().months).toBe(6);
    expect((await (await t.login(demo.viewer)).get('/api/v1/directory/review-queue')).statusCode).toBe(403);
  });

  it('updates capacity in one call and shows how fresh it is', async () => {
    const orgAdmin = await t.login(demo.orgAdmin);
    const id = (await t.database.query<{ id: string }>(`SELECT id FROM directory_services WHERE name = 'LINC language assessment'`))[0].id;
    const bad = await orgAdmin.put(`/api/v1/directory/services/${id}/capacity`, { unit: 'appointments per week', available: 30, maximum: 20 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('available');
    expect((await orgAdmin.put(`/api/v1/directory/services/${id}/capacity`, { unit: 'appointments per week', available: 2, maximum: 20 })).statusCode).toBe(200);
    const item = (await t.anonymous.get(`/api/v1/finder/services/${id}`)).json();
    expect(item.capacity).toEqual([expect.objectContaining({ unit: 'appointments per week', available: 2, maximum: 20, ageDays: 0 })]);
    const events = (await (await t.login(demo.admin)).get(`/api/v1/audit-events?entityId=${id}`)).json().items;
    expect(events[0].action).toBe('directory.service.capacity');
  });

  it('lets directory admins add a taxonomy term that the finder then offers', async () => {
    const admin = await t.login(demo.admin);
    const cats = (await t.anonymous.get('/api/v1/finder/categories')).json().taxonomies;
    const needs = cats.find((c: { name: string }) => c.name === 'Roundtable need domains');
    const food = needs.terms.find((n: { code: string }) => n.code === 'food');
    const res = await admin.post('/api/v1/directory/taxonomy-terms', { taxonomyId: needs.id, parentId: food.id, code: 'food.meals', name: 'Community meals', nameFr: 'Repas communautaires', description: 'Free meals' });
    expect(res.statusCode).toBe(201);
    const fr = (await t.anonymous.get('/api/v1/finder/categories?lang=fr')).json().taxonomies.find((c: { id: string }) => c.id === needs.id);
    expect(fr.terms.find((n: { code: string }) => n.code === 'food').children.map((c: { name: string }) => c.name)).toContain('Repas communautaires');
    const staff = await t.login(demo.staff);
    expect((await staff.post('/api/v1/directory/taxonomy-terms', { taxonomyId: needs.id, name: 'x', description: '' })).statusCode).toBe(403);
    const cycle = await admin.put(`/api/v1/directory/taxonomy-terms/${food.id}`, { taxonomyId: needs.id, parentId: res.json().id, code: 'food', name: 'Food', description: '' });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().errors[0].field).toBe('parentId');
  });
});

describe('the finder list’s documents', () => {
  it('show every service exactly as the full HSDS document does, in both languages', async () => {
    const { finderServiceDocuments, hsdsServices } = await import('./repository/hsds');
    const { presentForFinder } = await import('./directory.presenter');
    const ids = (await t.database.query<{ id: string }>(`SELECT id FROM directory_services ORDER BY id`)).map((r) => r.id);
    expect(ids.length).toBeGreaterThan(10);
    const lean = await finderServiceDocuments(t.database.db, ids);
    const full = await hsdsServices(t.database.db, ids, true);
    expect(lean.map((s) => s.id)).toEqual(ids);
    for (const lang of ['en', 'fr']) {
      for (let i = 0; i < ids.length; i++) expect(presentForFinder(lean[i], lang, 1.25)).toEqual(presentForFinder(full[i], lang, 1.25));
    }
    // Nothing of a person: who updated a capacity is not in the list's documents.
    expect(JSON.stringify(lean)).not.toContain('updated_by');
  });
});

describe('answer cache (anonymous finder and HSDA searches)', () => {
  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

  it('answers a repeated search from memory, with an ETag and a short public max-age, the same as the first time', async () => {
    const url = '/api/v1/finder/services?q=food&perPage=5';
    const first = await get(url);
    expect(first.statusCode).toBe(200);
    expect(first.headers['x-cache']).toBe('miss');
    expect(first.headers['cache-control']).toBe('public, max-age=30');
    expect(first.headers.etag).toMatch(/^W\/"d\d+-/);
    // Same words folded the same way (case, accents, outer spaces): the same entry.
    // A hit reads the version and nothing else (no search behind it).
    const watch = watchStatements(t.database);
    const again = await watch.during(() => get('/api/v1/finder/services?q=%20FOOD%20&perPage=5'));
    const statements = watch.matching(/directory_/);
    watch.stop();
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/directory_version/);
    expect(again.headers['x-cache']).toBe('hit');
    expect(again.body).toBe(first.body);
    expect(again.headers['content-type']).toContain('application/json');
    const notModified = await get(url, { 'if-none-match': first.headers.etag as string });
    expect(notModified.statusCode).toBe(304);
    expect(notModified.body).toBe('');
  });

  it('sends a public answer compressed to a client that takes brotli or gzip, compressed once, and never a signed-in reader’s', async () => {
    const url = '/api/v1/finder/services?q=food&perPage=20';
    const plain = await get(url);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('accept-encoding');
    expect(plain.rawPayload.length).toBeGreaterThan(1024);
    const br = await get(url, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('accept-encoding');
    expect(br.headers['x-cache']).toBe('hit');
    expect(br.headers.etag).toBe(plain.headers.etag);
    expect(zlib.brotliDecompressSync(br.rawPayload).toString('utf8')).toBe(plain.body);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length * 0.75);
    const gz = await get(url, { 'accept-encoding': 'gzip;q=1, br;q=0' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString('utf8')).toBe(plain.body);
    // The second time, the same bytes from memory.
    const again = await get(url, { 'accept-encoding': 'br' });
    expect(Buffer.compare(again.rawPayload, br.rawPayload)).toBe(0);
    expect((await get(url, { 'accept-encoding': 'identity' })).headers['content-encoding']).toBeUndefined();
    const notModified = await get(url, { 'accept-encoding': 'br', 'if-none-match': plain.headers.etag as string });
    expect(notModified.statusCode).toBe(304);
    expect(notModified.headers.vary).toBe('accept-encoding');
    // A short answer goes as it is.
    const none = await get('/api/v1/finder/services?q=zzzqqqxxyy', { 'accept-encoding': 'br' });
    expect(none.rawPayload.length).toBeLessThan(1024);
    expect(none.headers['content-encoding']).toBeUndefined();
    // A signed-in reader's answer is not compressed: it may carry what only they see, next to what they typed.
    const staff = await t.login(demo.staff);
    const signedIn = await staff.request({ method: 'GET', url, headers: { 'accept-encoding': 'br, gzip' } });
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.headers['content-encoding']).toBeUndefined();
  });

  it('is invalidated by any directory write, in the writing transaction (version of migration 0070)', async () => {
    const url = '/api/v1/finder/services?q=tax%20clinic&perPage=50';
    const first = await get(url);
    expect((await get(url)).headers['x-cache']).toBe('hit');
    const [svc] = await t.database.query<{ id: string; name: string }>(`SELECT id, name FROM directory_services WHERE name = 'Newcomer settlement services'`);
    // A rolled-back write leaves the version (and the cached answer) as it was.
    await t.database.db
      .transaction(async (tx) => {
        await tx.execute(sql`UPDATE directory_services SET name = 'Rolled back' WHERE id = ${svc.id}`);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect((await get(url)).headers['x-cache']).toBe('hit');
    const version = async () => Number((await t.database.query<{ v: string }>('SELECT version::text AS v FROM directory_version'))[0].v);
    const v0 = await version();
    const orgAdmin = await t.login(demo.orgAdmin);
    const detail = (await orgAdmin.get(`/api/v1/finder/services/${svc.id}`)).json();
    const edit = await orgAdmin.patch(`/api/v1/directory/services/${svc.id}`, { version: detail.version, name: 'Newcomer tax clinic' });
    expect(edit.statusCode, edit.body).toBe(200);
    // The edit writes several tables in several statements (service, history, search row, audit): one bump, at its commit.
    expect(await version()).toBe(v0 + 1);
    expect(await t.database.query('SELECT * FROM directory_version_pending')).toEqual([]);
    const after = await get(url);
    expect(after.headers['x-cache']).toBe('miss');
    expect(after.headers.etag).not.toBe(first.headers.etag);
    expect(after.json().items.map((i: Item) => i.name)).toContain('Newcomer tax clinic');
    expect((await get(url, { 'if-none-match': first.headers.etag as string })).statusCode).toBe(200);
    const put = await orgAdmin.patch(`/api/v1/directory/services/${svc.id}`, { version: detail.version + 1, name: svc.name });
    expect(put.statusCode, put.body).toBe(200);
  });

  it('caches the HSDA page but not its ndjson stream, and never answers a signed-in reader from it', async () => {
    const url = '/hsds/services?search=food&per_page=5';
    expect((await get(url)).headers['x-cache']).toBe('miss');
    const hit = await get(url);
    expect(hit.headers['x-cache']).toBe('hit');
    expect(hit.json().contents.length).toBeGreaterThan(0);
    const stream = await get('/hsds/services?search=food&format=ndjson');
    expect(stream.headers['x-cache']).toBeUndefined();
    const staff = await t.login(demo.staff);
    const signedIn = await staff.get('/api/v1/finder/services?q=food&perPage=5');
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.headers['x-cache']).toBeUndefined();
    expect(signedIn.headers['cache-control']).toBeUndefined();
  });

  it('is off with FINDER_CACHE_MB=0', async () => {
    const { loadConfig } = await import('../../config');
    expect(loadConfig({ FINDER_CACHE_MB: '0' } as NodeJS.ProcessEnv).finderCache?.maxBytes).toBe(0);
    const { AnswerCache } = await import('./directory.cache');
    const clock = { t: 1, now: () => clock.t };
    const small = new AnswerCache({ maxBytes: 2000, ttlMs: 1000, httpMaxAgeS: 0 }, clock);
    for (const k of 'abcdefghij') {
      small.set(k, k.repeat(69));
      small.get('a');
    }
    // Bounded: the least recently used went first ('a' was read after each write); past the TTL nothing is served.
    expect(small.size.bytes).toBeLessThanOrEqual(2000);
    expect(small.get('a')).toBe('a'.repeat(69));
    expect(small.get('b')).toBeUndefined();
    expect(small.get('j')).toBeDefined();
    clock.t = 5000;
    await new Promise((r) => setTimeout(r, 5)); // lru-cache reads its clock at most once a millisecond
    expect(small.get('j')).toBeUndefined();
    // An answer over an eighth of the cache is not kept.
    small.set('big', 'x'.repeat(400));
    expect(small.get('big')).toBeUndefined();
  });
});

describe('kept service documents (searches not asked before)', () => {
  const get = (url: string) => t.app.inject({ method: 'GET', url });

  it('builds a result card once per directory version, and shows an edit at once', async () => {
    const { serviceDocumentsOf } = await import('./directory.cache');
    const docs = serviceDocumentsOf(t.app)!;
    const first = await get('/api/v1/finder/services?perPage=40&language=en');
    expect(first.headers['x-cache']).toBe('miss');
    const names = first.json().items.map((i: Item) => i.name) as string[];
    expect(names.length).toBeGreaterThan(2);
    // Asked differently: a new answer, but its services' documents are not read again.
    const watch = watchStatements(t.database);
    const hits0 = docs.hits;
    const second = await watch.during(() => get('/api/v1/finder/services?perPage=39&language=en'));
    const statements = watch.texts();
    watch.stop();
    expect(second.headers['x-cache']).toBe('miss');
    expect(second.json().items.map((i: Item) => i.name)).toEqual(names.slice(0, 39));
    expect(docs.hits - hits0).toBe(Math.min(39, names.length));
    expect(statements.filter((q) => /jsonb_strip_nulls/.test(q))).toEqual([]);
    // The version the answer is kept under is the one the documents are checked against: read once.
    expect(statements.filter((q) => /directory_version/.test(q))).toHaveLength(1);

    // An edit moves the directory version: the next search reads the document anew.
    const [svc] = await t.database.query<{ id: string; name: string }>(`SELECT id, name FROM directory_services WHERE name = ${`'${names[0].replace(/'/g, "''")}'`}`);
    const orgAdmin = await t.login(demo.admin);
    const detail = (await orgAdmin.get(`/api/v1/finder/services/${svc.id}`)).json();
    const edit = await orgAdmin.patch(`/api/v1/directory/services/${svc.id}`, { version: detail.version, description: 'Kept-document check: tax returns filed free.' });
    expect(edit.statusCode, edit.body).toBe(200);
    const after = (await get('/api/v1/finder/services?perPage=41&language=en')).json();
    expect(after.items.find((i: Item & { description: string }) => i.id === svc.id)?.description).toBe('Kept-document check: tax returns filed free.');
  });

  it('serves HSDA pages from kept records too, each shape apart, the same as read anew', async () => {
    const { serviceDocumentsOf } = await import('./directory.cache');
    const docs = serviceDocumentsOf(t.app)!;
    const first = await get('/hsds/services?per_page=7&full=true');
    expect(first.statusCode, first.body).toBe(200);
    const hits0 = docs.hits;
    const second = await get('/hsds/services?per_page=6&full=true');
    expect(docs.hits - hits0).toBe(6);
    expect(second.json().contents).toEqual(first.json().contents.slice(0, 6));
    // The list shape is not the full one: it is read, not taken from the full records.
    const list = (await get('/hsds/services?per_page=6')).json().contents;
    expect(Object.keys(list[0]).length).toBeLessThan(Object.keys(second.json().contents[0]).length);
    // And the ndjson stream of everything reads every record anew, keeping none.
    const hits1 = docs.hits;
    const stream = await get('/hsds/services?format=ndjson');
    expect(stream.statusCode).toBe(200);
    expect(docs.hits).toBe(hits1);
  });

  it('leaves out a service deleted between the search and the read, and keeps each page in its order', async () => {
    const { ServiceDocuments } = await import('./directory.cache');
    // Each kept {id} counts ({"id":"a"} 10 + "finder:a" 8) * 2 + 200 = 236 bytes: 500 hold two.
    const docs = new ServiceDocuments(500, 60_000);
    const load = vi.fn(async (ids: string[]) => ids.filter((id) => id !== 'gone').map((id) => ({ id })));
    expect(await docs.get('1', ['a', 'gone', 'b'], load)).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(await docs.get('1', ['b', 'a'], load)).toEqual([{ id: 'b' }, { id: 'a' }]);
    expect(load).toHaveBeenCalledTimes(1);
    // Another version: read again. Bounded: at most two kept.
    await docs.get('2', ['c', 'a', 'b'], load);
    expect(load).toHaveBeenLastCalledWith(['c', 'a', 'b']);
    load.mockClear();
    await docs.get('2', ['a', 'b', 'c'], load);
    expect(load).toHaveBeenCalledTimes(1);
  });
});
