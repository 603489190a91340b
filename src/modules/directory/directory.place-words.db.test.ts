import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app';
import { searchServices, type ServiceSearch } from './repository/search';

// A search near a place with words starts from the place where few locations are around it, and
// from the words where many are (more than 500 in the box around the radius). Both must give
// the same services at the same distances in the same order. The place is far from the demo
// data (north of Lake Superior), so only this file's locations are around it.
const CENTRE = { latitude: 48.5, longitude: -86.0 };
const KM_PER_DEGREE = 111.2;
const lonDegrees = (km: number) => km / (KM_PER_DEGREE * Math.cos((CENTRE.latitude * Math.PI) / 180));
const EARTH_RADIUS_M = 6378168;

function km(lat: number, lon: number): number {
  const r = (d: number) => (d * Math.PI) / 180;
  const a = Math.sin(r(lat - CENTRE.latitude) / 2) ** 2 + Math.cos(r(CENTRE.latitude)) * Math.cos(r(lat)) * Math.sin(r(lon - CENTRE.longitude) / 2) ** 2;
  return (2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)))) / 1000;
}

let t: TestApp;
let org: string;
const ids: Record<string, string> = {};

async function service(name: string, points: [number, number][], status = 'active'): Promise<string> {
  const [s] = await t.database.query<{ id: string }>(
    `INSERT INTO directory_services (id, organization_id, name, description, status) VALUES (gen_random_uuid(), $1::uuid, $2, 'Drop in', $3) RETURNING id`,
    [org, name, status],
  );
  for (const [lat, lon] of points) {
    const [l] = await t.database.query<{ id: string }>(
      `INSERT INTO directory_locations (id, organization_id, name, latitude, longitude) VALUES (gen_random_uuid(), $1::uuid, $2, $3, $4) RETURNING id`,
      [org, `${name} site`, lat, lon],
    );
    await t.database.query(`INSERT INTO directory_service_at_locations (id, service_id, location_id) VALUES (gen_random_uuid(), $1::uuid, $2::uuid)`, [s.id, l.id]);
  }
  ids[name] = s.id;
  return s.id;
}

beforeAll(async () => {
  t = await createTestApp();
  [{ id: org }] = await t.database.query<{ id: string }>(`SELECT id FROM organizations ORDER BY id LIMIT 1`);
  const { latitude: lat, longitude: lon } = CENTRE;
  // Two sites: its distance is the nearer one's.
  await service('Glimmerwick food bank', [[lat + 3 / KM_PER_DEGREE, lon], [lat + 1 / KM_PER_DEGREE, lon]]);
  await service('Glimmerwick meals', [[lat, lon + lonDegrees(5)]]);
  await service('Glimmerwick pantry east', [[lat, lon + lonDegrees(9.5)]]);
  // In the box around a 10 km radius (its corner), but 12 km away: not near enough.
  await service('Glimmerwick pantry corner', [[lat + 8.5 / KM_PER_DEGREE, lon + lonDegrees(8.5)]]);
  await service('Glimmerwick closed pantry', [[lat, lon + lonDegrees(2)]], 'inactive');
  await service('Glimmerwick far pantry', [[lat + 40 / KM_PER_DEGREE, lon]]);
  await service('Other drop-in', [[lat, lon + lonDegrees(1)]]);
  await t.database.query(`SELECT directory_refresh_search(array_agg(id)) FROM directory_services WHERE organization_id = $1::uuid`, [org]);
}, 120_000);
afterAll(() => t.close());

const search: ServiceSearch = { q: 'glimmerwick', near: { ...CENTRE, radiusKm: 10 }, activeOnly: true, limit: 20, offset: 0 };
const crowd = async (n: number) => {
  // Locations with no service: they only make the place crowded (the count looks at locations).
  await t.database.query(
    `INSERT INTO directory_locations (id, organization_id, name, latitude, longitude)
     SELECT gen_random_uuid(), $1::uuid, 'Filler ' || i, $2::float8 + (i % 40) * 0.001, $3::float8 - (i / 40) * 0.001 FROM generate_series(1, ${n}) i`,
    [org, CENTRE.latitude, CENTRE.longitude],
  );
};

describe('a search near a place, with words', () => {
  it('gives the same services, distances and order whether it starts from the place or from the words', async () => {
    const fromPlace = await searchServices(t.database.db, search);
    await crowd(600);
    const fromWords = await searchServices(t.database.db, search);
    await t.database.query(`DELETE FROM directory_locations WHERE name LIKE 'Filler %'`);

    expect(fromWords.hits).toEqual(fromPlace.hits);
    expect({ total: fromWords.total, exactTotal: fromWords.exactTotal }).toEqual({ total: 3, exactTotal: 3 });
    const named = Object.fromEntries(Object.entries(ids).map(([name, id]) => [id, name]));
    // The closed pantry, the corner one (12 km), the far one (40 km) and the service without the word are left out.
    expect(fromWords.hits.map((h) => named[h.id]).sort()).toEqual(['Glimmerwick food bank', 'Glimmerwick meals', 'Glimmerwick pantry east']);
    const distance = Object.fromEntries(fromWords.hits.map((h) => [named[h.id], h.distanceKm]));
    expect(distance['Glimmerwick food bank']).toBeCloseTo(km(CENTRE.latitude + 1 / KM_PER_DEGREE, CENTRE.longitude), 6);
    expect(distance['Glimmerwick meals']).toBeCloseTo(km(CENTRE.latitude, CENTRE.longitude + lonDegrees(5)), 6);
    expect(distance['Glimmerwick pantry east']).toBeCloseTo(km(CENTRE.latitude, CENTRE.longitude + lonDegrees(9.5)), 6);
  });

  it('reads each service’s locations from its search row, kept up when a service’s locations change', async () => {
    const [row] = await t.database.query<{ latitudes: number[]; longitudes: number[] }>(
      `SELECT latitudes, longitudes FROM directory_service_search WHERE service_id = $1::uuid`,
      [ids['Glimmerwick food bank']],
    );
    expect(row.latitudes.map(Number).sort()).toEqual([CENTRE.latitude + 1 / KM_PER_DEGREE, CENTRE.latitude + 3 / KM_PER_DEGREE].sort());
    expect(row.longitudes.map(Number)).toEqual([CENTRE.longitude, CENTRE.longitude]);
    // The far pantry moves into the radius: after its document is refreshed, both ways find it.
    await t.database.query(
      `UPDATE directory_locations SET latitude = $2 WHERE id IN (SELECT location_id FROM directory_service_at_locations WHERE service_id = $1::uuid)`,
      [ids['Glimmerwick far pantry'], CENTRE.latitude + 2 / KM_PER_DEGREE],
    );
    await t.database.query(`SELECT directory_refresh_search(ARRAY[$1::uuid])`, [ids['Glimmerwick far pantry']]);
    const fromPlace = await searchServices(t.database.db, search);
    await crowd(600);
    const fromWords = await searchServices(t.database.db, search);
    await t.database.query(`DELETE FROM directory_locations WHERE name LIKE 'Filler %'`);
    expect(fromWords.hits).toEqual(fromPlace.hits);
    expect(fromWords.hits.map((h) => h.id)).toContain(ids['Glimmerwick far pantry']);
    expect(fromWords.total).toBe(4);
  });
});
