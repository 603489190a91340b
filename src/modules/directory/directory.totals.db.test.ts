import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app';
import * as hsda from './repository/hsda';
import { searchServices } from './repository/search';

// More matches than the finder counts (its cap is 1,000): 1,050 services named with a word no
// other service has, so the exact number is known.
const MANY = 1050;
const SUBSTRING_ONLY = 3;
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  const [org] = await t.database.query<{ id: string }>(`SELECT organization_id AS id FROM directory_services LIMIT 1`);
  await t.database.query(
    `INSERT INTO directory_services (id, organization_id, name, description)
     SELECT gen_random_uuid(), $1::uuid, 'Zorblex pantry ' || i, 'Groceries for families, site ' || i FROM generate_series(1, ${MANY}) i`,
    [org.id],
  );
  // Three more that only the substring finds: "zorblexian" is another word to the full-text search.
  await t.database.query(
    `INSERT INTO directory_services (id, organization_id, name, description)
     SELECT gen_random_uuid(), $1::uuid, 'Zorblexian outreach ' || i, 'Visits at home' FROM generate_series(1, ${SUBSTRING_ONLY}) i`,
    [org.id],
  );
  await t.database.query(`SELECT directory_refresh_search(array_agg(id)) FROM directory_services WHERE name LIKE 'Zorblex%'`);
}, 120_000);
afterAll(() => t.close());

const get = async (url: string) => {
  const res = await t.app.inject({ method: 'GET', url });
  expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
  return res.json();
};

describe('how many services match, past the finder’s cap', () => {
  it('the finder says 1,000 and that more match; the HSDA page gives the exact number from the same search', async () => {
    const finder = await get('/api/v1/finder/services?q=zorblex&perPage=20');
    expect(finder.total).toBe(1000);
    expect(finder.totalCapped).toBe(true);
    // HSDA needs total_items exactly: the search's own count gives it, with no second search.
    const recount = vi.spyOn(hsda, 'exactServiceTotal');
    const page = await get('/hsds/services?search=zorblex&per_page=20');
    expect(page).toMatchObject({ total_items: MANY + SUBSTRING_ONLY, total_pages: Math.ceil((MANY + SUBSTRING_ONLY) / 20), size: 20 });
    expect(recount).not.toHaveBeenCalled();
    // Past the last page the search returns no row to carry its count: the total is counted on its own.
    const beyond = await get(`/hsds/services?search=zorblex&per_page=20&page=${Math.ceil((MANY + SUBSTRING_ONLY) / 20) + 1}`);
    expect(beyond).toMatchObject({ total_items: MANY + SUBSTRING_ONLY, size: 0, empty: true });
    expect(recount).toHaveBeenCalledTimes(1);
    recount.mockRestore();
    const last = await get(`/hsds/services?search=zorblex&per_page=20&page=${Math.ceil((MANY + SUBSTRING_ONLY) / 20)}`);
    expect(last).toMatchObject({ total_items: MANY + SUBSTRING_ONLY, size: (MANY + SUBSTRING_ONLY) % 20, last_page: true });
    // The substring matches rank after every full-text match: they are the last page's last ones.
    expect(last.contents.slice(-SUBSTRING_ONLY).map((s: { name: string }) => s.name).sort()).toEqual(['Zorblexian outreach 1', 'Zorblexian outreach 2', 'Zorblexian outreach 3']);
  });

  it('the finder leaves the substring matches out once the full-text matches fill its pages and pass the cap, with the same pages', async () => {
    for (const offset of [0, 40, 780, 980]) {
      const search = { q: 'zorblex', activeOnly: true, limit: 20, offset };
      const [quick, counted] = [await searchServices(t.database.db, search), await searchServices(t.database.db, { ...search, exactTotal: true })];
      expect(quick.hits).toEqual(counted.hits);
      expect({ total: quick.total, totalCapped: quick.totalCapped }).toEqual({ total: 1000, totalCapped: true });
      expect(counted.exactTotal).toBe(MANY + SUBSTRING_ONLY);
      // Left out, the substring matches leave the exact number unknown; at offset 980 the page
      // and its 200 candidates reach past the 1,050 full-text matches, so they are searched.
      expect(quick.exactTotal).toBe(offset === 980 ? MANY + SUBSTRING_ONLY : null);
    }
    // No service has both words: any word, with the same shortcut and the same page.
    const either = { q: 'zorblex outreach', activeOnly: true, limit: 20, offset: 0 };
    const [quickAny, countedAny] = [await searchServices(t.database.db, either), await searchServices(t.database.db, { ...either, exactTotal: true })];
    expect(quickAny.hits).toEqual(countedAny.hits);
    expect(quickAny.exactTotal).toBeNull();
    // The pantries by their first word, the three outreach services by their second.
    expect(countedAny.exactTotal).toBe(MANY + SUBSTRING_ONLY);
    // Fewer full-text matches than that: the substring matches are searched and counted.
    const few = await searchServices(t.database.db, { q: 'zorblexian', activeOnly: true, limit: 20, offset: 0 });
    expect(few.exactTotal).toBe(SUBSTRING_ONLY);
  });
});
