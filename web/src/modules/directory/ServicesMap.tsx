import { useTranslation } from 'react-i18next';
import { project } from '../geography/projection';
import { MapTiles, MarkerLayer, TilesCredit, useTileServer, type MapMarker } from '../geography/Markers';
import { useDurhamBoundaries } from './finder';

export type MapPoint = MapMarker;

/**
 * Durham's municipal boundaries with one numbered dot per service location. Drawn as SVG from
 * the boundaries the server holds (offline), over street tiles when a tile server is configured.
 * Dots at the same place are one cluster with a count that opens to show each.
 */
export function ServicesMap({ points, title, origin }: { points: MapPoint[]; title: string; origin?: { latitude: number; longitude: number; label: string } | null }) {
  const { t, i18n } = useTranslation();
  const boundaries = useDurhamBoundaries();
  const tiles = useTileServer();
  const features = boundaries.data?.features ?? [];
  if (!features.length) return null;
  const map = project(features, 640);
  if (!map.paths.length) return null;
  const name = (p: Record<string, unknown>) => String((i18n.language === 'fr' && p.nameFr) || p.nameEn || '');
  const o = origin ? map.point(origin.longitude, origin.latitude) : null;
  return (
    <figure className={tiles ? 'boundary-map services-map has-tiles' : 'boundary-map services-map'}>
      <svg viewBox={`0 0 ${map.width} ${map.height}`} role="group" aria-label={title} preserveAspectRatio="xMidYMid meet">
        <MapTiles map={map} />
        <g aria-hidden="true">
          {map.paths.map(({ d, feature }) => (
            <path key={String(feature.properties.id)} d={d} className="map-region" />
          ))}
          {map.paths.map(({ label, feature }) => (
            <text key={`l-${feature.properties.id}`} x={label[0]} y={label[1]} textAnchor="middle" dominantBaseline="middle" className="map-region-label">
              {name(feature.properties)}
            </text>
          ))}
          {o ? (
            <g className="map-origin">
              <circle cx={o[0]} cy={o[1]} r={7} />
              <circle cx={o[0]} cy={o[1]} r={2.5} className="map-origin-centre" />
            </g>
          ) : null}
        </g>
        <MarkerLayer map={map} points={points} />
      </svg>
      <figcaption>
        {title} · {t('finder.mapCaption', { count: points.length })}
        {features.some((f) => f.properties.approximate) ? <> · {t('places.approximate')}</> : null}
        {o ? <> · {t('finder.mapOrigin', { place: origin!.label })}</> : null}
        <TilesCredit />
      </figcaption>
    </figure>
  );
}
