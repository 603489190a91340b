/**
 * Markers that would overlap on a fitted map, grouped with supercluster. The map's projection
 * fixes its scale, so the cluster radius is in the map's own pixels: supercluster's tile extent
 * is set so that one of its integer zoom levels is exactly this map's scale.
 */
import Supercluster from 'supercluster';
import type { Projected } from './projection';

export interface Placed<P> {
  /** Stable key: the point's own key, or "cluster-<id>" for a group. */
  key: string;
  x: number;
  y: number;
  /** The points at this spot: one for a single marker, several for a cluster. */
  members: P[];
}

export function clusterPoints<P extends { key: string; latitude: number; longitude: number }>(map: Pick<Projected, 'projection'>, points: P[], radius = 44): Placed<P>[] {
  const p = map.projection;
  if (!p || !points.length) return [];
  const worldWidth = 2 * Math.PI * p.scale();
  const zoom = 16;
  const index = new Supercluster<{ i: number }>({ radius, extent: worldWidth / 2 ** zoom, minZoom: zoom, maxZoom: zoom + 1, minPoints: 2 });
  index.load(points.map((pt, i) => ({ type: 'Feature', properties: { i }, geometry: { type: 'Point', coordinates: [pt.longitude, pt.latitude] } })));
  return index.getClusters([-180, -85, 180, 85], zoom).map((c) => {
    const [lon, lat] = c.geometry.coordinates;
    const [x, y] = p([lon, lat]) ?? [0, 0];
    const props = c.properties as { cluster?: boolean; cluster_id?: number; i?: number };
    if (props.cluster) {
      const members = index.getLeaves(props.cluster_id!, Infinity).map((l) => points[(l.properties as { i: number }).i]);
      return { key: `cluster-${members.map((m) => m.key).join('|')}`, x, y, members };
    }
    const only = points[props.i!];
    return { key: only.key, x, y, members: [only] };
  });
}

/** Where a cluster's members sit when it is opened: evenly round a circle about the cluster. */
export function spread(count: number, x: number, y: number, radius = 44): [number, number][] {
  const r = Math.max(radius, (count * 34) / (2 * Math.PI));
  return Array.from({ length: count }, (_, i) => {
    const a = -Math.PI / 2 + (i * 2 * Math.PI) / count;
    return [Math.round((x + r * Math.cos(a)) * 10) / 10, Math.round((y + r * Math.sin(a)) * 10) / 10];
  });
}
