import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app';
import * as hsda from './repository/hsda';

// More matches than the finder counts (its cap is 1,000): 1,050 services named with a word no
// other service has, so the exact number is known.
const MANY = 1050;
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  const [org] = await t.database.query<{ id: string }>(`SELECT organization_id AS id FROM directory_services LIMIT 1`);
  await t.database.query(
    `INSERT INTO directory_services (id, organization_id, name, description)
     SELECT gen_random_uuid(), $1::uuid, 'Zorblex pantry ' || i, 'Groceries for families, site ' || i FROM generate_series(1, ${MANY}) i`,
    [org.id],
  );
  await t.database.query(`SELECT directory_refresh_search(array_agg(id)) FROM directory_services WHERE name LIKE 'Zorblex pantry %'`);
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
    expect(page).toMatchObject({ total_items: MANY, total_pages: Math.ceil(MANY / 20), size: 20 });
    expect(recount).not.toHaveBeenCalled();
    // Past the last page the search returns no row to carry its count: the total is counted on its own.
    const beyond = await get(`/hsds/services?search=zorblex&per_page=20&page=${Math.ceil(MANY / 20) + 1}`);
    expect(beyond).toMatchObject({ total_items: MANY, size: 0, empty: true });
    expect(recount).toHaveBeenCalledTimes(1);
    recount.mockRestore();
    const last = await get(`/hsds/services?search=zorblex&per_page=20&page=${Math.ceil(MANY / 20)}`);
    expect(last).toMatchObject({ total_items: MANY, size: MANY % 20, last_page: true });
  });
});
