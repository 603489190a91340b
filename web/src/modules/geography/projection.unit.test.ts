import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { geoContains } from 'd3-geo';
import { describe, expect, it } from 'vitest';
import { clusterPoints, spread } from './cluster';
import { project, rewind, tileHref, tilesFor, type Feature } from './projection';

// The reference geography the server loads: Durham and its eight municipalities (SGC codes).
const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../src/core/geography/reference/durham-census-subdivisions.geojson');
const all: Feature[] = (JSON.parse(fs.readFileSync(file, 'utf8')) as { features: Feature[] }).features.map((f) => ({ ...f, properties: { ...f.properties, id: f.properties.code } }));
const municipalities = all.filter((f) => String(f.properties.code).length === 7);
const byCode = (code: string) => municipalities.find((f) => f.properties.code === code)!;

/** Even-odd test of a point against every ring of an SVG path made of M/L/Z commands. */
function insidePath(d: string, [x, y]: [number, number]): boolean {
  let inside = false;
  for (const ring of d.split('Z').filter(Boolean)) {
    const pts = ring
      .replace(/^M/, '')
      .split('L')
      .map((p) => p.split(',').map(Number));
    for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
      const [xi, yi] = pts[i];
      const [xj, yj] = pts[j];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

const OSHAWA_CITY_HALL: [number, number] = [-78.8658, 43.8975];
const UXBRIDGE_TOWN_HALL: [number, number] = [-79.1226, 44.1094];

describe('project (d3-geo, fitted to the features)', () => {
  it('draws Durham at its real proportions: a little taller than wide', () => {
    const map = project(municipalities, 640, 0);
    expect(map.paths).toHaveLength(8);
    expect(map.width).toBe(640);
    // 0.891° of longitude by 0.723° of latitude at 44° N, in Web Mercator: height/width ≈ 1.13.
    expect(map.height / map.width).toBeGreaterThan(1.1);
    expect(map.height / map.width).toBeLessThan(1.16);
    // Fitted: the drawing touches all four edges and does not spill over.
    const xs = map.paths.flatMap((p) => [...p.d.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => Number(m[1])));
    const ys = map.paths.flatMap((p) => [...p.d.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => Number(m[2])));
    expect(Math.min(...xs)).toBeCloseTo(0, 0);
    expect(Math.max(...xs)).toBeCloseTo(640, 0);
    expect(Math.min(...ys)).toBeCloseTo(0, 0);
    expect(Math.max(...ys)).toBeCloseTo(map.height, 0);
  });

  it('puts a known address inside its own municipality and outside the others', () => {
    const map = project(municipalities, 640);
    const oshawa = map.paths.find((p) => p.feature.properties.code === '3518013')!;
    const whitby = map.paths.find((p) => p.feature.properties.code === '3518009')!;
    const uxbridge = map.paths.find((p) => p.feature.properties.code === '3518029')!;
    const hall = map.point(...OSHAWA_CITY_HALL);
    expect(insidePath(oshawa.d, hall)).toBe(true);
    expect(insidePath(whitby.d, hall)).toBe(false);
    expect(insidePath(uxbridge.d, map.point(...UXBRIDGE_TOWN_HALL))).toBe(true);
    expect(geoContains(rewind(byCode('3518013')) as GeoJSON.Feature, OSHAWA_CITY_HALL)).toBe(true);
  });

  it('north is up and west is left', () => {
    const map = project(municipalities, 640);
    const label = (code: string) => map.paths.find((p) => p.feature.properties.code === code)!.label;
    expect(label('3518001')[0]).toBeLessThan(label('3518017')[0]); // Pickering west of Clarington
    expect(label('3518039')[1]).toBeLessThan(label('3518013')[1]); // Brock north of Oshawa
  });

  it('labels every municipality inside its own boundary (pole of inaccessibility)', () => {
    const map = project(municipalities, 640);
    for (const p of map.paths) expect(insidePath(p.d, p.label), String(p.feature.properties.name)).toBe(true);
  });

  it('reads rings wound either way (RFC 7946 or d3) as the same small area', () => {
    const ring = [
      [-79, 43],
      [-78, 43],
      [-78, 44],
      [-79, 44],
      [-79, 43],
    ];
    const ccw: Feature = { type: 'Feature', properties: { id: 'a' }, geometry: { type: 'Polygon', coordinates: [ring] } };
    const cw: Feature = { type: 'Feature', properties: { id: 'a' }, geometry: { type: 'Polygon', coordinates: [ring.slice().reverse()] } };
    const a = project([ccw], 200, 0);
    const b = project([cw], 200, 0);
    expect(a.paths[0].d).toBe(b.paths[0].d);
    expect(a.height).toBe(b.height);
    // One degree square at 43.5° N: about 1.38 times taller than wide in Mercator.
    expect(a.height / 200).toBeCloseTo(1 / Math.cos((43.5 * Math.PI) / 180), 1);
  });

  it('skips features without geometry and handles none', () => {
    const out = project([{ type: 'Feature', properties: {}, geometry: null }]);
    expect(out.paths).toEqual([]);
    expect(out.height).toBe(0);
    expect(tilesFor(out)).toEqual([]);
  });
});

describe('street tiles under a fitted map', () => {
  it('chooses the standard web-map tile under a known point', () => {
    const map = project(municipalities, 640);
    const tiles = tilesFor(map);
    expect(tiles.length).toBeGreaterThan(0);
    const z = tiles[0].z;
    expect(z).toBeGreaterThanOrEqual(8);
    expect(z).toBeLessThanOrEqual(11);
    // The slippy-map formula for Oshawa's city hall at that zoom.
    const [lon, lat] = OSHAWA_CITY_HALL;
    const n = 2 ** z;
    const tx = Math.floor(((lon + 180) / 360) * n);
    const ty = Math.floor(((1 - Math.log(Math.tan((lat * Math.PI) / 180) + 1 / Math.cos((lat * Math.PI) / 180)) / Math.PI) / 2) * n);
    const [x, y] = map.point(lon, lat);
    const under = tiles.find((t) => x >= t.left && x < t.left + t.size && y >= t.top && y < t.top + t.size)!;
    expect([under.x, under.y]).toEqual([tx, ty]);
    // The tiles cover the whole map.
    expect(Math.min(...tiles.map((t) => t.left))).toBeLessThanOrEqual(0);
    expect(Math.max(...tiles.map((t) => t.left + t.size))).toBeGreaterThanOrEqual(map.width);
    expect(Math.max(...tiles.map((t) => t.top + t.size))).toBeGreaterThanOrEqual(map.height);
    expect(tileHref('https://tiles.example.org/{z}/{x}/{y}.png', under)).toBe(`https://tiles.example.org/${z}/${tx}/${ty}.png`);
  });
});

describe('clustering markers that share a place', () => {
  const pt = (key: string, [longitude, latitude]: [number, number]) => ({ key, longitude, latitude });
  it('groups markers at one address with a count and leaves distant ones alone', () => {
    const map = project(municipalities, 640);
    const groups = clusterPoints(map, [pt('a', OSHAWA_CITY_HALL), pt('b', OSHAWA_CITY_HALL), pt('c', [-78.8659, 43.8976]), pt('d', UXBRIDGE_TOWN_HALL)]);
    expect(groups).toHaveLength(2);
    const cluster = groups.find((g) => g.members.length > 1)!;
    expect(cluster.members.map((m) => m.key).sort()).toEqual(['a', 'b', 'c']);
    const [x, y] = map.point(...OSHAWA_CITY_HALL);
    expect(Math.abs(cluster.x - x)).toBeLessThan(1);
    expect(Math.abs(cluster.y - y)).toBeLessThan(1);
    expect(groups.find((g) => g.members.length === 1)!.members[0].key).toBe('d');
  });
  it('keeps markers a few kilometres apart separate', () => {
    const map = project(municipalities, 640);
    // Ajax and Oshawa centres: about 20 km, well over one marker's width on a 640 px map.
    const groups = clusterPoints(map, [pt('ajax', [-79.0204, 43.8509]), pt('oshawa', OSHAWA_CITY_HALL)]);
    expect(groups.map((g) => g.members.length)).toEqual([1, 1]);
  });
  it('opens a cluster into distinct positions round it', () => {
    const at = spread(5, 100, 100);
    expect(new Set(at.map((p) => p.join())).size).toBe(5);
    for (const [x, y] of at) expect(Math.hypot(x - 100, y - 100)).toBeGreaterThanOrEqual(40);
  });
});
