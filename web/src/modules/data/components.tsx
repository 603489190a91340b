import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { scaleQuantize } from 'd3-scale';
import { schemeBlues } from 'd3-scale-chromatic';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useBoundaries } from '../geography/hooks';
import { project } from '../geography/projection';
import { formatCell, nameIn, type Indicator, type MapData, type Point, type SeriesData } from './api';
import { Table } from '../../core/ui';
import { ChartEmpty, timeXAxis, useTimeAxis } from '../../core/charts';
import { periodTime } from '../../core/timeAxis';

const COLOURS = schemeBlues[5];
const SUPPRESSED_FILL = 'url(#data-hatch)';
const LINE_COLOURS = ['#1f5fa8', '#b8461b', '#2f7d32', '#6b3fa0', '#8a6d00', '#00696b'];

/** Choropleth of the places under a region, with a legend; the table below it is its text alternative. */
export function Choropleth({ data, titleId }: { data: MapData; titleId: string }) {
  const { t, i18n } = useTranslation();
  const boundaries = useBoundaries(data.parent.geographyId);
  const values = data.places.map((p) => p.cell?.value).filter((v): v is number => v != null);
  if (!boundaries.data) return null;
  const map = project(boundaries.data.features, 640);
  if (!map.paths.length) return <p className="muted">{t('data.noBoundaries')}</p>;
  const min = Math.min(...values);
  const max = Math.max(...values);
  const scale = scaleQuantize<string>().domain(values.length ? [min, max === min ? min + 1 : max] : [0, 1]).range(COLOURS);
  const byId = new Map(data.places.map((p) => [p.geographyId, p]));
  const fill = (id: string) => {
    const c = byId.get(id)?.cell;
    if (!c) return '#ffffff';
    if (c.suppressed || c.value == null) return SUPPRESSED_FILL;
    return scale(c.value);
  };
  const unit = data.indicator.unit;
  const fmt = (v: number) => formatCell({ value: v, low: null, high: null, status: 'final', suppressed: false, reason: null, display: '' }, unit, i18n.language);
  return (
    <figure className="data-map">
      <svg viewBox={`0 0 ${map.width} ${map.height}`} role="img" aria-labelledby={titleId} preserveAspectRatio="xMidYMid meet">
        <defs>
          <pattern id="data-hatch" patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)">
            <rect width="8" height="8" fill="#e8e8e8" />
            <line x1="0" y1="0" x2="0" y2="8" stroke="#767676" strokeWidth="3" />
          </pattern>
        </defs>
        {map.paths.map(({ d, feature }) => (
          <path key={String(feature.properties.id)} d={d} fill={fill(String(feature.properties.id))} stroke="#333" strokeWidth="1">
            <title>{`${nameIn({ en: String(feature.properties.nameEn), fr: String(feature.properties.nameFr ?? '') }, i18n.language)}${t('common.colon')}${formatCell(byId.get(String(feature.properties.id))?.cell, unit, i18n.language)}`}</title>
          </path>
        ))}
        {map.paths.map(({ label, feature }) => {
          const c = byId.get(String(feature.properties.id))?.cell;
          const dark = c && !c.suppressed && c.value != null && COLOURS.indexOf(scale(c.value)) >= 3;
          return (
            <text key={`l-${feature.properties.id}`} x={label[0]} y={label[1]} textAnchor="middle" className="data-map-label" fill={dark ? '#fff' : '#111'} aria-hidden="true">
              <tspan x={label[0]} dy="-0.3em">{nameIn({ en: String(feature.properties.nameEn), fr: String(feature.properties.nameFr ?? '') }, i18n.language)}</tspan>
              <tspan x={label[0]} dy="1.2em" fontWeight="bold">{formatCell(c, unit, i18n.language)}</tspan>
            </text>
          );
        })}
      </svg>
      <figcaption>
        <ul className="data-legend" aria-label={t('data.legend')}>
          {values.length > 0 &&
            COLOURS.map((colour) => {
              const [a, b] = scale.invertExtent(colour);
              return (
                <li key={colour}>
                  <span className="swatch" style={{ background: colour }} aria-hidden="true" /> {fmt(a)} – {fmt(b)}
                </li>
              );
            })}
          <li>
            <span className="swatch swatch-hatch" aria-hidden="true" /> {t('data.suppressedLegend')}
          </li>
          <li>
            <span className="swatch" style={{ background: '#fff' }} aria-hidden="true" /> {t('data.noData')}
          </li>
        </ul>
        {boundaries.data.features.some((f) => f.properties.approximate) ? <p className="muted small">{t('places.approximate')}</p> : null}
      </figcaption>
    </figure>
  );
}

/** The map's data as a table: the accessible alternative, and what the CSV export contains. */
export function MapTable({ data }: { data: MapData }) {
  const { t, i18n } = useTranslation();
  const unit = data.indicator.unit;
  return (
    <Table className="data-table">
      <caption>{t('data.mapTableCaption', { indicator: nameIn(data.indicator.name, i18n.language), period: data.period })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('data.place')}</th>
          <th scope="col" className="num">{t('data.value')}</th>
          <th scope="col">{t('data.status')}</th>
        </tr>
      </thead>
      <tbody>
        {data.places.map((p) => (
          <tr key={p.geographyId}>
            <th scope="row">
              <Link to={`/data/places/${p.geographyId}`}>{nameIn(p.name, i18n.language)}</Link>
            </th>
            <td className="num">{formatCell(p.cell, unit, i18n.language)}</td>
            <td>{p.cell ? <CellStatus cell={p.cell} /> : t('data.noData')}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">
            <Link to={`/data/places/${data.parent.geographyId}`}>{nameIn(data.parent.name, i18n.language)}</Link>
          </th>
          <td className="num">{formatCell(data.parent.cell, unit, i18n.language)}</td>
          <td>{data.parent.cell ? <CellStatus cell={data.parent.cell} /> : t('data.noData')}</td>
        </tr>
      </tfoot>
    </Table>
  );
}

export function CellStatus({ cell }: { cell: Point | { status: string; suppressed: boolean; reason: string | null; isProjection?: boolean } }) {
  const { t } = useTranslation();
  const parts = [t(`data.statuses.${cell.status}`)];
  if (cell.suppressed && cell.reason) parts.push(t(`data.reasons.${cell.reason}`));
  if ('isProjection' in cell && cell.isProjection) parts.push(t('data.projection'));
  return <>{parts.join(' · ')}</>;
}

/**
 * Line chart of one indicator for several places on a true time axis; straight segments, with
 * projected values drawn dashed from the last measured one. Suppressed points are gaps, never zeros.
 */
export function SeriesChart({ data, titleId }: { data: SeriesData; titleId: string }) {
  const { t, i18n } = useTranslation();
  const periods = [...new Set(data.series.flatMap((s) => s.points.map((p) => p.period)))].sort((a, b) => periodTime(a) - periodTime(b));
  const axis = useTimeAxis(periods);
  const rows = periods.map((period) => {
    const row: Record<string, string | number | null> = { period, t: periodTime(period) };
    for (const s of data.series) {
      const points = s.points.slice().sort((a, b) => periodTime(a.period) - periodTime(b.period));
      const i = points.findIndex((p) => p.period === period);
      const p = points[i];
      const value = p?.value ?? null;
      row[s.geographyId] = p && !p.isProjection ? value : null;
      // The projected line starts at the last measured point so the two join.
      const next = points.slice(i + 1).find((x) => x.value != null);
      row[`${s.geographyId}:projection`] = p && (p.isProjection || (next?.isProjection && p.value != null)) ? value : null;
    }
    return row;
  });
  const unit = data.indicator.unit;
  const fmt = (v: number) => formatCell({ value: v, low: null, high: null, status: 'final', suppressed: false, reason: null, display: '' }, unit, i18n.language);
  if (!data.series.some((s) => s.points.some((p) => p.value != null))) return <ChartEmpty />;
  const hasProjection = data.series.some((s) => s.points.some((p) => p.isProjection && p.value != null));
  return (
    <figure className="data-chart" aria-labelledby={titleId}>
      <div role="img" aria-labelledby={titleId} style={{ width: '100%', height: 320 }}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={rows} margin={{ top: 10, right: 20, bottom: 10, left: 20 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis {...timeXAxis(axis)} />
            <YAxis tickFormatter={fmt} width={90} />
            <Tooltip labelFormatter={(v) => String(rows.find((r) => r.t === v)?.period ?? '')} formatter={(v) => fmt(Number(v))} />
            <Legend />
            {data.series.map((s, i) => (
              <Line key={s.geographyId} type="linear" dataKey={s.geographyId} name={nameIn(s.name, i18n.language)} stroke={LINE_COLOURS[i % LINE_COLOURS.length]} strokeWidth={2} connectNulls={false} isAnimationActive={false} />
            ))}
            {hasProjection
              ? data.series.map((s, i) =>
                  !s.points.some((p) => p.isProjection && p.value != null) ? null : (
                  <Line key={`${s.geographyId}:projection`} type="linear" dataKey={`${s.geographyId}:projection`} name={`${nameIn(s.name, i18n.language)} (${t('data.projection')})`} stroke={LINE_COLOURS[i % LINE_COLOURS.length]} strokeWidth={2} strokeDasharray="6 4" connectNulls={false} isAnimationActive={false} legendType="plainline" />
                  ),
                )
              : null}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

/** The chart's data as a table: periods down, places across. */
export function SeriesTable({ data, caption }: { data: SeriesData; caption: string }) {
  const { t, i18n } = useTranslation();
  const periods = [...new Set(data.series.flatMap((s) => s.points.map((p) => p.period)))].sort();
  const unit = data.indicator.unit;
  return (
    <Table className="data-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('data.period')}</th>
          {data.series.map((s) => (
            <th scope="col" key={s.geographyId} className="num">
              {nameIn(s.name, i18n.language)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {periods.map((period) => (
          <tr key={period}>
            <th scope="row">{period}</th>
            {data.series.map((s) => {
              const p = s.points.find((x) => x.period === period);
              return (
                <td key={s.geographyId} className="num">
                  {formatCell(p, unit, i18n.language)}
                  {p?.isProjection ? <span className="muted small"> ({t('data.projection')})</span> : null}
                  {p && p.status === 'provisional' && !p.isProjection ? <span className="muted small"> ({t('data.statuses.provisional')})</span> : null}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

export function IndicatorAbout({ indicator }: { indicator: Indicator }) {
  const { t, i18n } = useTranslation();
  const def = i18n.language.startsWith('fr') ? indicator.definition.fr || indicator.definition.en : indicator.definition.en;
  return (
    <div className="data-about">
      {def ? <p>{def}</p> : null}
      <p className="muted small">
        {t(`data.units.${indicator.unit}`)}
        {indicator.source ? <> · {t('data.source')}{t('common.colon')}{indicator.sourceUrl ? <a href={indicator.sourceUrl}>{indicator.source}</a> : indicator.source}</> : null}
        {indicator.licence ? <> · {indicator.licence}</> : null}
        {indicator.unit === 'count' ? <> · {t('data.suppressionNote', { n: indicator.suppressionThreshold })}</> : null}
      </p>
    </div>
  );
}

export function SuppressionNote() {
  const { t } = useTranslation();
  return <p className="muted small">{t('data.suppressionExplained')}</p>;
}
