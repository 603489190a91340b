/**
 * GeoJSON boundaries to SVG, offline, with d3-geo: a Web Mercator projection fitted to the
 * features (the same projection tile servers use, so optional street tiles line up), paths from
 * geoPath, and each area's label at its pole of inaccessibility (polylabel), which stays inside
 * concave or C-shaped municipalities where a centroid would not.
 */
import { geoArea, geoMercator, geoPath, type GeoProjection } from 'd3-geo';
import polylabel from 'polylabel';

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
  /** The fitted projection (for tiles and clustering); null when nothing was drawn. */
  projection: GeoProjection | null;
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * d3-geo reads rings on the sphere: an exterior ring must wind clockwise, or it means "the whole
 * globe except this area". GeoJSON (RFC 7946) winds the other way; flip any polygon whose area
 * comes out larger than a hemisphere.
 */
export function rewind(f: Feature): Feature {
  if (!f.geometry) return f;
  const flip = (poly: Position[][]): Position[][] => {
    const area = geoArea({ type: 'Polygon', coordinates: poly });
    return area > 2 * Math.PI ? poly.map((ring) => ring.slice().reverse()) : poly;
  };
  const geometry: Geometry = f.geometry.type === 'Polygon' ? { type: 'Polygon', coordinates: flip(f.geometry.coordinates) } : { type: 'MultiPolygon', coordinates: f.geometry.coordinates.map(flip) };
  return { ...f, geometry };
}

function polygons(g: Geometry): Position[][][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

export function project(features: Feature[], width = 640, padding = 12): Projected {
  const drawn = features.filter((f) => f.geometry && (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon')).map(rewind);
  if (!drawn.length) return { width, height: 0, paths: [], point: () => [0, 0], projection: null };
  const collection = { type: 'FeatureCollection' as const, features: drawn as GeoJSON.Feature[] };
  // Fit the width first; the height follows from the features' real proportions.
  const projection = geoMercator().fitWidth(width - 2 * padding, collection);
  const [[, y0], [, y1]] = geoPath(projection).bounds(collection);
  const height = Math.max(1, Math.round(y1 - y0 + 2 * padding));
  projection.fitExtent(
    [
      [padding, padding],
      [width - padding, height - padding],
    ],
    collection,
  );
  const path = geoPath(projection).digits(1);
  const point = (lon: number, lat: number): [number, number] => {
    const p = projection([lon, lat]) ?? [0, 0];
    return [round(p[0]), round(p[1])];
  };
  return {
    width,
    height,
    point,
    projection,
    paths: drawn.map((feature) => {
      // Label the largest part, at the point farthest from its edges.
      let best: { area: number; at: [number, number] } = { area: -1, at: [0, 0] };
      for (const poly of polygons(feature.geometry!)) {
        const rings = poly.map((ring) => ring.map(([lon, lat]): [number, number] => projection([lon, lat]) ?? [0, 0]));
        const area = path.area({ type: 'Polygon', coordinates: poly });
        if (area > best.area) {
          const at = polylabel(rings, 1);
          best = { area, at: [round(at[0]), round(at[1])] };
        }
      }
      return { d: path(feature as GeoJSON.Feature) ?? '', label: best.at, feature };
    }),
  };
}

export interface Tile {
  key: string;
  z: number;
  x: number;
  y: number;
  /** Where the tile's top-left corner and size fall in the map's SVG space. */
  left: number;
  top: number;
  size: number;
}

/**
 * The web-map tiles ({z}/{x}/{y}, Web Mercator, 256 px) that cover a fitted map, at the zoom
 * whose tiles are closest to the map's scale.
 */
export function tilesFor(map: Pick<Projected, 'width' | 'height' | 'projection'>, tileSize = 256): Tile[] {
  const p = map.projection;
  if (!p || !map.height) return [];
  const worldWidth = 2 * Math.PI * p.scale();
  const z = Math.max(0, Math.min(19, Math.round(Math.log2(worldWidth / tileSize))));
  const n = 2 ** z;
  const size = worldWidth / n;
  // Pixel position of the world's top-left corner (lon -180, lat ~85.05) in SVG space.
  const [ox, oy] = [p.translate()[0] - worldWidth / 2, p.translate()[1] - worldWidth / 2];
  const tiles: Tile[] = [];
  const x0 = Math.max(0, Math.floor(-ox / size));
  const x1 = Math.min(n - 1, Math.floor((map.width - ox) / size));
  const y0 = Math.max(0, Math.floor(-oy / size));
  const y1 = Math.min(n - 1, Math.floor((map.height - oy) / size));
  for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) tiles.push({ key: `${z}/${x}/${y}`, z, x, y, left: round(ox + x * size), top: round(oy + y * size), size: round(size) });
  return tiles;
}

/** A tile template such as https://tile.example.org/{z}/{x}/{y}.png filled for one tile. */
export function tileHref(template: string, t: Pick<Tile, 'z' | 'x' | 'y'>): string {
  return template.replace('{z}', String(t.z)).replace('{x}', String(t.x)).replace('{y}', String(t.y));
}
