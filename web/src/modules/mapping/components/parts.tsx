import { useMemo, type ReactNode } from 'react';
import { Table } from '../../../core/ui';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useSearchParamChanges } from '../../../core/searchParams';
import { scaleQuantize } from 'd3-scale';
import { schemeBlues } from 'd3-scale-chromatic';
import { project, type Feature } from '../../geography/projection';
import { useRegions } from '../hooks';
import type { Coverage, CoverageCell, Inventory, Region } from '../api';
import i18n from '../../../core/i18n';

const COLOURS = schemeBlues[5];

export const nameOf = (x: { name?: string; nameEn?: string; nameFr?: string | null }, lang: string) =>
  (lang === 'fr' ? x.nameFr : undefined) || x.name || x.nameEn || '';

/** The region the pages look at: ?region= in the address, Durham (3518) by default. */
export function useRegion(): { region: Region | undefined; regions: Region[]; setRegion: (id: string) => void } {
  const [params, change] = useSearchParamChanges();
  const q = useRegions();
  const regions = q.data?.items ?? [];
  const id = params.get('region');
  const region = regions.find((r) => r.id === id) ?? regions.find((r) => r.code === '3518') ?? regions[0];
  return { region, regions, setRegion: (rid) => change({ region: rid }) };
}

/** Title, section tabs and the region picker shared by the mapping pages. */
export function MappingFrame({ title, children, region }: { title: string; children: ReactNode; region?: boolean }) {
  const { t, i18n } = useTranslation();
  const r = useRegion();
  const search = r.region ? `?region=${r.region.id}` : '';
  return (
    <>
      <h1>{title}</h1>
      <p className="lead">{t('mapping.lead')}</p>
      <nav className="tabs" aria-label={t('mapping.sections')}>
        <NavLink to={`/mapping${search}`} end>{t('mapping.tabInventory')}</NavLink>
        <NavLink to={`/mapping/coverage${search}`}>{t('mapping.tabCoverage')}</NavLink>
        <NavLink to={`/mapping/review${search}`}>{t('mapping.tabReview')}</NavLink>
        <NavLink to={`/mapping/snapshots${search}`}>{t('mapping.tabSnapshots')}</NavLink>
      </nav>
      {region && r.regions.length > 1 ? (
        <div className="field mapping-region">
          <label htmlFor="mapping-region">{t('mapping.region')}</label>
          <select id="mapping-region" value={r.region?.id ?? ''} onChange={(e) => r.setRegion(e.target.value)}>
            {r.regions.map((x) => <option key={x.id} value={x.id}>{nameOf(x, i18n.language)}</option>)}
          </select>
        </div>
      ) : null}
      {children}
    </>
  );
}

export const supplyFeatures = ['free', 'inFrench', 'otherLanguages', 'eveningsWeekends', 'openToAll', 'full'] as const;
export type SupplyFeature = (typeof supplyFeatures)[number];
export type Measure = 'servicesPer10k' | 'services' | 'unmet' | 'unmetPer10k' | SupplyFeature;
export const measures: Measure[] = ['servicesPer10k', 'services', 'unmet', 'unmetPer10k', ...supplyFeatures];

export function cellText(c: CoverageCell | undefined, m: Measure, lang: string): string {
  if (!c) return '–';
  if (m === 'unmet') return c.display.unmet;
  const v = c[m];
  if (v === undefined) return '–';
  if (v === null) return m === 'unmetPer10k' && c.unmet === null ? c.display.unmet : '–';
  return v.toLocaleString(lang === 'fr' ? 'fr-CA' : 'en-CA');
}

function useScale(cells: CoverageCell[], m: Measure) {
  return useMemo(() => {
    const values = cells.map((c) => c[m]).filter((v): v is number => typeof v === 'number');
    const max = Math.max(0, ...values);
    return scaleQuantize<string>().domain([0, max > 0 ? max : 1]).range(COLOURS);
  }, [cells, m]);
}

/** Heatmap of need domain × place: a real table (screen readers read the numbers), shaded by value. */
export function Heatmap({ coverage, measure, onPick }: { coverage: Coverage; measure: Measure; onPick?: (domain: string) => void }) {
  const { t, i18n } = useTranslation();
  const scale = useScale(coverage.cells, measure);
  const cell = (d: string, g: string) => coverage.cells.find((c) => c.domain === d && c.geographyId === g);
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={t('mapping.heatmapCaption', { measure: t(`mapping.measure.${measure}`) })}>
      <Table stack={false} className="data-table mapping-heatmap">
        <caption>{t('mapping.heatmapCaption', { measure: t(`mapping.measure.${measure}`) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('mapping.domain')}</th>
            {coverage.places.map((p) => <th scope="col" key={p.id} className="num">{nameOf(p, i18n.language)}</th>)}
          </tr>
        </thead>
        <tbody>
          {coverage.domains.map((d) => (
            <tr key={d.code}>
              <th scope="row">{onPick ? <button type="button" className="link-button" onClick={() => onPick(d.code)}>{nameOf(d, i18n.language)}</button> : nameOf(d, i18n.language)}</th>
              {coverage.places.map((p) => {
                const c = cell(d.code, p.id);
                const v = c?.[measure] ?? null;
                const bg = v === null ? '#f2f2f2' : scale(v);
                const dark = v !== null && COLOURS.indexOf(bg) >= 3;
                return <td key={p.id} className="num" style={{ background: bg, color: dark ? '#fff' : '#111' }}>{cellText(c, measure, i18n.language)}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}

/** Choropleth of one domain across the region's municipalities; the table beside it is its text alternative. */
export function DomainMap({ coverage, domain, measure, titleId }: { coverage: Coverage; domain: string; measure: Measure; titleId: string }) {
  const { t, i18n } = useTranslation();
  const cells = coverage.cells.filter((c) => c.domain === domain);
  const scale = useScale(cells, measure);
  const features: Feature[] = coverage.places.filter((p) => p.boundary).map((p) => ({ type: 'Feature', geometry: p.boundary as Feature['geometry'], properties: { id: p.id } }));
  if (!features.length) return <p className="muted">{t('mapping.noBoundaries')}</p>;
  const map = project(features, 560);
  const byId = new Map(cells.map((c) => [c.geographyId, c]));
  const place = new Map(coverage.places.map((p) => [p.id, p]));
  return (
    <figure className="mapping-map">
      <svg viewBox={`0 0 ${map.width} ${map.height}`} role="img" aria-labelledby={titleId} preserveAspectRatio="xMidYMid meet">
        <defs>
          <pattern id="mapping-hatch" patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)">
            <rect width="8" height="8" fill="#e8e8e8" />
            <line x1="0" y1="0" x2="0" y2="8" stroke="#767676" strokeWidth="3" />
          </pattern>
        </defs>
        {map.paths.map(({ d, feature }) => {
          const c = byId.get(String(feature.properties.id));
          const v = c?.[measure] ?? null;
          const fill = v === null ? (c && (c.display.unmet === '<5' || c.display.unmet === 'x') && measure.startsWith('unmet') ? 'url(#mapping-hatch)' : '#ffffff') : scale(v);
          const p = place.get(String(feature.properties.id));
          return (
            <path key={String(feature.properties.id)} d={d} fill={fill} stroke="#333" strokeWidth="1">
              <title>{`${p ? nameOf(p, i18n.language) : ''}${t('common.colon')}${cellText(c, measure, i18n.language)}`}</title>
            </path>
          );
        })}
        {map.paths.map(({ label, feature }) => {
          const c = byId.get(String(feature.properties.id));
          const v = c?.[measure] ?? null;
          const dark = v !== null && COLOURS.indexOf(scale(v)) >= 3;
          const p = place.get(String(feature.properties.id));
          return (
            <text key={`l-${feature.properties.id}`} x={label[0]} y={label[1]} textAnchor="middle" fontSize="11" fill={dark ? '#fff' : '#111'} aria-hidden="true">
              <tspan x={label[0]} dy="-0.3em">{p ? nameOf(p, i18n.language) : ''}</tspan>
              <tspan x={label[0]} dy="1.2em" fontWeight="bold">{cellText(c, measure, i18n.language)}</tspan>
            </text>
          );
        })}
      </svg>
      <figcaption>
        <ul className="mapping-legend" aria-label={t('mapping.legend')}>
          {COLOURS.map((colour) => {
            const [a, b] = scale.invertExtent(colour);
            return <li key={colour}><span className="swatch" style={{ background: colour }} aria-hidden="true" /> {a.toFixed(1)} – {b.toFixed(1)}</li>;
          })}
          <li><span className="swatch swatch-hatch" aria-hidden="true" /> {t('mapping.suppressedKey')}</li>
        </ul>
      </figcaption>
    </figure>
  );
}

/** One domain's figures by place: what the map shows, as a table. */
export function DomainTable({ coverage, domain }: { coverage: Coverage; domain: string }) {
  const { t, i18n } = useTranslation();
  const d = coverage.domains.find((x) => x.code === domain);
  return (
    <Table className="data-table">
      <caption>{t('mapping.domainTableCaption', { domain: d ? nameOf(d, i18n.language) : domain })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('mapping.place')}</th>
          <th scope="col" className="num">{t('mapping.population')}</th>
          <th scope="col" className="num">{t('mapping.measure.services')}</th>
          <th scope="col" className="num">{t('mapping.measure.servicesPer10k')}</th>
          <th scope="col" className="num">{t('mapping.needs')}</th>
          <th scope="col" className="num">{t('mapping.measure.unmet')}</th>
          <th scope="col" className="num">{t('mapping.measure.unmetPer10k')}</th>
        </tr>
      </thead>
      <tbody>
        {coverage.places.map((p) => {
          const c = coverage.cells.find((x) => x.domain === domain && x.geographyId === p.id);
          return (
            <tr key={p.id}>
              <th scope="row">{nameOf(p, i18n.language)}</th>
              <td className="num">{p.population?.toLocaleString(i18n.language === 'fr' ? 'fr-CA' : 'en-CA') ?? '–'}</td>
              <td className="num">{cellText(c, 'services', i18n.language)}</td>
              <td className="num">{cellText(c, 'servicesPer10k', i18n.language)}</td>
              <td className="num">{c?.display.needs ?? '–'}</td>
              <td className="num">{cellText(c, 'unmet', i18n.language)}</td>
              <td className="num">{cellText(c, 'unmetPer10k', i18n.language)}</td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}

/** Network graph: tables on the outer ring, organizations on the inner ring, a line for each seat. */
export function NetworkGraph({ inventory, titleId }: { inventory: Inventory; titleId: string }) {
  const size = 560, c = size / 2;
  const tables = inventory.tables.filter((x) => x.memberOrganizationIds.length > 0);
  const orgs = inventory.organizations;
  const at = (i: number, n: number, r: number): [number, number] => [c + r * Math.cos((2 * Math.PI * i) / Math.max(n, 1) - Math.PI / 2), c + r * Math.sin((2 * Math.PI * i) / Math.max(n, 1) - Math.PI / 2)];
  const tPos = new Map(tables.map((x, i) => [x.id, at(i, tables.length, 230)]));
  const oPos = new Map(orgs.map((o, i) => [o.id, at(i, orgs.length, 120)]));
  return (
    <svg className="mapping-graph" viewBox={`0 0 ${size} ${size}`} role="img" aria-labelledby={titleId}>
      {tables.flatMap((x) => x.memberOrganizationIds.map((o) => {
        const a = tPos.get(x.id)!, b = oPos.get(o);
        return b ? <line key={`${x.id}-${o}`} x1={a[0]} y1={a[1]} x2={b[0]} y2={b[1]} stroke="#8aa4c2" strokeWidth="1" /> : null;
      }))}
      {tables.map((x) => {
        const [px, py] = tPos.get(x.id)!;
        return (
          <g key={x.id}>
            <rect x={px - 6} y={py - 6} width="12" height="12" fill="#b8461b"><title>{x.name}</title></rect>
            <text x={px} y={py + (py < c ? -10 : 18)} textAnchor="middle" fontSize="9" fill="#111">{x.name.length > 28 ? `${x.name.slice(0, 26)}…` : x.name}</text>
          </g>
        );
      })}
      {orgs.map((o) => {
        const [px, py] = oPos.get(o.id)!;
        return <circle key={o.id} cx={px} cy={py} r={4 + o.tableCount * 1.5} fill="#1f5fa8"><title>{`${o.name}${i18n.t('common.colon')}${o.tableCount}`}</title></circle>;
      })}
    </svg>
  );
}

/** One domain's services by place: what they offer (fees, languages, hours, eligibility, capacity). */
export function SupplyTable({ coverage, domain }: { coverage: Coverage; domain: string }) {
  const { t, i18n } = useTranslation();
  const d = coverage.domains.find((x) => x.code === domain);
  return (
    <Table className="data-table">
      <caption>{t('mapping.supplyTableCaption', { domain: d ? nameOf(d, i18n.language) : domain })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('mapping.place')}</th>
          <th scope="col" className="num">{t('mapping.measure.services')}</th>
          {supplyFeatures.map((f) => <th key={f} scope="col" className="num">{t(`mapping.measure.${f}`)}</th>)}
        </tr>
      </thead>
      <tbody>
        {coverage.places.map((p) => {
          const c = coverage.cells.find((x) => x.domain === domain && x.geographyId === p.id);
          return (
            <tr key={p.id}>
              <th scope="row">{nameOf(p, i18n.language)}</th>
              <td className="num">{cellText(c, 'services', i18n.language)}</td>
              {supplyFeatures.map((f) => <td key={f} className="num">{cellText(c, f, i18n.language)}</td>)}
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
