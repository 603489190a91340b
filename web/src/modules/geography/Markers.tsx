import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMeta } from '../../core/session';
import { clusterPoints, spread } from './cluster';
import { tileHref, tilesFor, type Projected } from './projection';
import './maps.css';

export interface MapMarker {
  key: string;
  /** Shown inside the dot: the result's number in the list. */
  marker: string;
  label: string;
  to: string;
  latitude: number;
  longitude: number;
}

/** The configured tile server's template and credit, or null: then maps draw offline. */
export function useTileServer(): { url: string; credit: string | null } | null {
  const meta = useMeta();
  const url = meta.data?.map?.tileUrl;
  return url ? { url, credit: meta.data?.map?.tileAttribution ?? null } : null;
}

/** Street tiles under a fitted map, when a tile server is configured. Decorative. */
export function MapTiles({ map }: { map: Projected }) {
  const server = useTileServer();
  if (!server) return null;
  return (
    <g className="map-tiles" aria-hidden="true">
      {tilesFor(map).map((tile) => (
        <image key={tile.key} href={tileHref(server.url, tile)} x={tile.left} y={tile.top} width={tile.size} height={tile.size} preserveAspectRatio="none" />
      ))}
    </g>
  );
}

/** Credit for the street tiles, for the map's caption. */
export function TilesCredit() {
  const { t } = useTranslation();
  const server = useTileServer();
  if (!server) return null;
  return <> · {server.credit ? t('maps.streets', { credit: server.credit }) : t('maps.streetsUnnamed')}</>;
}

function Dot({ m, x, y, tabIndex }: { m: MapMarker; x: number; y: number; tabIndex?: number }) {
  return (
    <Link to={m.to} aria-label={m.label} className="map-dot" data-marker={m.key} tabIndex={tabIndex}>
      <title>{m.label}</title>
      <circle cx={x} cy={y} r={15} />
      <text x={x} y={y} textAnchor="middle" dominantBaseline="central" aria-hidden="true">
        {m.marker}
      </text>
    </Link>
  );
}

/**
 * Numbered markers; markers that would overlap are one cluster showing how many. A cluster is a
 * button (mouse, Enter or Space): opening it fans its markers out round it and moves focus to
 * the first; Escape closes it and returns focus to the cluster.
 */
export function MarkerLayer({ map, points }: { map: Projected; points: MapMarker[] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string | null>(null);
  const layer = useRef<SVGGElement>(null);
  const groups = clusterPoints(map, points);
  const openGroup = groups.find((g) => g.key === open) ?? null;
  const fan = openGroup ? spread(openGroup.members.length, openGroup.x, openGroup.y) : [];
  useEffect(() => {
    if (open) layer.current?.querySelector<SVGAElement>('.map-cluster-open .map-dot')?.focus();
  }, [open]);
  const close = (key: string) => {
    setOpen(null);
    requestAnimationFrame(() => layer.current?.querySelector<SVGGElement>(`[data-cluster="${CSS.escape(key)}"]`)?.focus());
  };
  const toggleKeys = (key: string) => (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      if (open === key) close(key);
      else setOpen(key);
    } else if (e.key === 'Escape' && open === key) close(key);
  };
  return (
    <g ref={layer} className="map-markers">
      {groups.map((g) =>
        g.members.length === 1 ? (
          <Dot key={g.key} m={g.members[0]} x={g.x} y={g.y} />
        ) : (
          <g
            key={g.key}
            role="button"
            tabIndex={0}
            className="map-cluster"
            data-cluster={g.key}
            aria-expanded={open === g.key}
            aria-label={open === g.key ? t('maps.clusterClose', { count: g.members.length }) : t('maps.cluster', { count: g.members.length })}
            onClick={() => (open === g.key ? close(g.key) : setOpen(g.key))}
            onKeyDown={toggleKeys(g.key)}
          >
            <title>{g.members.map((m) => m.label).join('; ')}</title>
            <circle cx={g.x} cy={g.y} r={20} />
            <text x={g.x} y={g.y} textAnchor="middle" dominantBaseline="central" aria-hidden="true">
              {g.members.length}
            </text>
          </g>
        ),
      )}
      {openGroup ? (
        <g
          className="map-cluster-open"
          onKeyDown={(e) => {
            if (e.key === 'Escape') close(openGroup.key);
          }}
        >
          <circle cx={openGroup.x} cy={openGroup.y} r={Math.hypot(fan[0][0] - openGroup.x, fan[0][1] - openGroup.y) + 22} className="map-cluster-backdrop" aria-hidden="true" />
          {fan.map(([x, y], i) => (
            <line key={`l-${i}`} x1={openGroup.x} y1={openGroup.y} x2={x} y2={y} className="map-cluster-leg" aria-hidden="true" />
          ))}
          {fan.map(([x, y], i) => (
            <Dot key={openGroup.members[i].key} m={openGroup.members[i]} x={x} y={y} />
          ))}
        </g>
      ) : null}
    </g>
  );
}
