import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { project, type Feature } from './projection';
import { MapTiles, TilesCredit, useTileServer } from './Markers';

/** Labelled SVG map of boundaries; each area is a link to its place page. Offline, over street tiles when configured. */
export function BoundaryMap({ features, title, currentId }: { features: Feature[]; title: string; currentId?: string }) {
  const { t, i18n } = useTranslation();
  const tiles = useTileServer();
  const map = project(features, 640);
  if (!map.paths.length) return null;
  const name = (f: Feature) => String((i18n.language === 'fr' && f.properties.nameFr) || f.properties.nameEn || '');
  return (
    <figure className={tiles ? 'boundary-map has-tiles' : 'boundary-map'}>
      <svg viewBox={`0 0 ${map.width} ${map.height}`} role="group" aria-label={title} preserveAspectRatio="xMidYMid meet">
        <MapTiles map={map} />
        {map.paths.map(({ d, feature }) => (
          <Link
            key={String(feature.properties.id)}
            to={`/places/${feature.properties.id}`}
            aria-label={name(feature)}
            className={feature.properties.id === currentId ? 'map-area current' : 'map-area'}
          >
            <path d={d} />
          </Link>
        ))}
        {map.paths.map(({ label, feature }) => (
          <text key={`l-${feature.properties.id}`} x={label[0]} y={label[1]} textAnchor="middle" dominantBaseline="middle" aria-hidden="true">
            {name(feature)}
          </text>
        ))}
      </svg>
      <figcaption>
        {title}
        {features.some((f) => f.properties.approximate) ? <> · {t('places.approximate')}</> : <> · {t('places.boundaryCredit')}</>}
        <TilesCredit />
      </figcaption>
    </figure>
  );
}
