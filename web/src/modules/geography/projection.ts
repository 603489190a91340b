/**
 * A tiny equirectangular projection for drawing GeoJSON boundaries as SVG paths, offline.
 * Longitude is scaled by cos(mean latitude) so shapes keep roughly their real proportions.
 */
export type Position = number[];
export type Polygon = { type: 'Polygon'; coordinates: Position[][] };
export type MultiPolygon = { type: 'MultiPolygon'; coordinates: Position[][][] };
export type Geometry = Polygon | MultiPolygon;

export interface Feature {
  type: 'Feature';
  geometry: Geometry | null;
  properties: Record<string, unknown>;
}

export interface Projected {
  width: number;
  height: number;
  paths: { d: string; label: [number, number]; feature: Feature }[];
  /** Projects a longitude/latitude into the same SVG space. */
  point: (lon: number, lat: number) => [number, number];
}

function polygons(g: Geometry): Position[][][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

/** Signed area and centroid of one ring (shoelace formula), in projected units. */
function ringCentroid(ring: [number, number][]): { area: number; x: number; y: number } {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0, y0] = ring[j];
    const [x1, y1] = ring[i];
    const f = x0 * y1 - x1 * y0;
    a += f;
    cx += (x0 + x1) * f;
    cy += (y0 + y1) * f;
  }
  if (Math.abs(a) < 1e-12) {
    const n = ring.length || 1;
    return { area: 0, x: ring.reduce((s, p) => s + p[0], 0) / n, y: ring.reduce((s, p) => s + p[1], 0) / n };
  }
  return { area: Math.abs(a / 2), x: cx / (3 * a), y: cy / (3 * a) };
}

export function project(features: Feature[], width = 640, padding = 12): Projected {
  const drawn = features.filter((f) => f.geometry && (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon'));
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const f of drawn)
    for (const poly of polygons(f.geometry!))
      for (const ring of poly)
        for (const [lon, lat] of ring) {
          minX = Math.min(minX, lon);
          maxX = Math.max(maxX, lon);
          minY = Math.min(minY, lat);
          maxY = Math.max(maxY, lat);
        }
  if (!drawn.length || !isFinite(minX)) return { width, height: 0, paths: [], point: () => [0, 0] };
  const k = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxX - minX) * k, 1e-9);
  const spanY = Math.max(maxY - minY, 1e-9);
  const scale = (width - 2 * padding) / spanX;
  const height = Math.round(spanY * scale + 2 * padding);
  const pt = ([lon, lat]: Position): [number, number] => [padding + (lon - minX) * k * scale, padding + (maxY - lat) * scale];
  const r = (n: number) => Math.round(n * 10) / 10;
  return {
    width,
    height,
    point: (lon, lat) => pt([lon, lat]).map(r) as [number, number],
    paths: drawn.map((feature) => {
      let d = '';
      let best = { area: -1, x: 0, y: 0 };
      for (const poly of polygons(feature.geometry!)) {
        poly.forEach((ring, i) => {
          const pts = ring.map(pt);
          d += pts.map(([x, y], j) => `${j ? 'L' : 'M'}${r(x)} ${r(y)}`).join('') + 'Z';
          if (i === 0) {
            const c = ringCentroid(pts);
            if (c.area > best.area) best = c;
          }
        });
      }
      return { d, label: [r(best.x), r(best.y)], feature };
    }),
  };
}
