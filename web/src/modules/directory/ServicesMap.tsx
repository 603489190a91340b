import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { project } from '../geography/projection';
import { useDurhamBoundaries } from './finder';

export interface MapPoint {
  key: string;
  /** Shown inside the dot: the result's number in the list. */
  marker: string;
  label: string;
  to: string;
  latitude: number;
  longitude: number;
}

/**
 * Durham's municipal boundaries with one numbered dot per service location. Drawn as SVG from
 * the boundaries the server holds: no tiles, no network. Each dot is a labelled link.
 */
export function ServicesMap({ points, title, origin }: { points: MapPoint[]; title: string; origin?: { latitude: number; longitude: number; label: string } | null }) {
  const { t, i18n } = useTranslation();
  const boundaries = useDurhamBoundaries();
  const features = boundaries.data?.features ?? [];
  if (!features.length) return null;
  const map = project(features, 640);
  if (!map.paths.length) return null;
  const name = (p: Record<string, unknown>) => String((i18n.language === 'fr' && p.nameFr) || p.nameEn || '');
  // Dots at the same place are spread around a small circle so each stays visible and clickable.
  const seen = new Map<string, number>();
  const placed = points.map((p) => {
    const [x, y] = map.point(p.longitude, p.latitude);
    const key = `${Math.round(x / 6)}:${Math.round(y / 6)}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    const angle = (n * 2 * Math.PI) / 6;
    const r = n ? 22 : 0;
    return { ...p, x: x + r * Math.cos(angle), y: y + r * Math.sin(angle) };
  });
  const o = origin ? map.point(origin.longitude, origin.latitude) : null;
  return (
    <figure className="boundary-map services-map">
      <svg viewBox={`0 0 ${map.width} ${map.height}`} role="group" aria-label={title} preserveAspectRatio="xMidYMid meet">
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
        {placed.map((p) => (
          <Link key={p.key} to={p.to} aria-label={p.label} className="map-dot">
            <title>{p.label}</title>
            <circle cx={p.x} cy={p.y} r={15} />
            <text x={p.x} y={p.y} textAnchor="middle" dominantBaseline="central" aria-hidden="true">
              {p.marker}
            </text>
          </Link>
        ))}
      </svg>
      <figcaption>
        {title} · {t('finder.mapCaption', { count: placed.length })}
        {features.some((f) => f.properties.approximate) ? <> · {t('places.approximate')}</> : null}
        {o ? <> · {t('finder.mapOrigin', { place: origin!.label })}</> : null}
      </figcaption>
    </figure>
  );
}
