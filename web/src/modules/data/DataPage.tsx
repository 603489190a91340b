import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useSearchParamChanges } from '../../core/searchParams';
import { api, ApiError, qs } from '../../core/api';
import { isPlatformAdmin, useUser } from '../../core/session';
import { EmptyState, LoadError, Loading, useTitle, Table } from '../../core/ui';
import { usePlacesAtLevel } from '../geography/hooks';
import { formatCell, nameIn, type Indicator, type MapData } from './api';
import { useBreakdown, useIndicators, useMap, useRollup, useSeries } from './hooks';
import { Choropleth, IndicatorAbout, MapTable, SeriesChart, SeriesTable, SuppressionNote } from './components';
import './data.css';

/** Explore community data: a choropleth of the places in a region, a trend chart, tables and exports. */
export function DataPage() {
  const { t, i18n } = useTranslation();
  useTitle(t('data.title'));
  const user = useUser();
  const [params, set] = useSearchParamChanges();
  const indicators = useIndicators();
  const regions = usePlacesAtLevel('upper_tier');
  const durham = regions.data?.items.find((g) => g.code === '3518') ?? regions.data?.items[0];
  const popId = indicators.data?.items.find((i) => i.code === 'population.total')?.id ?? indicators.data?.items[0]?.id;
  const indicatorId = params.get('indicator') ?? popId;
  const parentId = params.get('region') ?? durham?.id;
  const period = params.get('period') ?? undefined;
  // Which data: the public partition, or a collaborative's private data (its members only).
  const collaboratives = useQuery({ queryKey: ['collaboratives'], queryFn: () => api.get<{ items: { id: string; name: string; myRoles: string[] }[] }>('/collaboratives') });
  const mine = collaboratives.data?.items.filter((c) => isPlatformAdmin(user) || c.myRoles.length > 0) ?? [];
  const collaborativeId = params.get('partition') ?? undefined;
  const map = useMap({ indicatorId, parentId, period, collaborativeId });
  const chosenPlaces = params.get('places')?.split(',').filter(Boolean);
  const placeIds = chosenPlaces ?? (map.data ? [map.data.parent.geographyId, ...map.data.places.slice(0, 2).map((p) => p.geographyId)] : []);
  const series = useSeries({ indicatorId, geographyIds: placeIds, collaborativeId });
  const mapTitleId = useId();
  const chartTitleId = useId();
  const byDomain = useMemo(() => {
    const groups = new Map<string, Indicator[]>();
    for (const i of indicators.data?.items ?? []) groups.set(i.domain, [...(groups.get(i.domain) ?? []), i]);
    return [...groups.entries()].sort((a, b) => a[0].localeCompare(b[0]));
  }, [indicators.data]);
  const canImport = isPlatformAdmin(user) || !!user?.roles.some((r) => r.role === 'coordinator');

  if (indicators.isPending || regions.isPending) return <Loading />;
  if (indicators.isError) return <LoadError error={indicators.error} />;
  if (!indicators.data.items.length) {
    return (
      <EmptyState title={t('data.title')}>
        <p>{t('data.empty')}</p>
      </EmptyState>
    );
  }
  const indicator = indicators.data.items.find((i) => i.id === indicatorId);
  const exportMap = `/api/v1/data/map.csv${qs({ indicatorId, parentId, period: map.data?.period, collaborativeId })}`;
  const exportSeries = `/api/v1/data/series.csv${qs({ indicatorId, geographyIds: placeIds.join(','), collaborativeId })}`;

  return (
    <>
      <h1>{t('data.title')}</h1>
      <p className="lead">{t('data.lead')}</p>
      <ul className="data-links">
        <li><Link to="/data/dashboards">{t('data.dashboards')}</Link></li>
        <li><Link to="/data/indicators">{t('data.catalogue')}</Link></li>
        {canImport ? <li><Link to="/data/import">{t('data.importTitle')}</Link></li> : null}
      </ul>
      <form className="data-controls" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="data-indicator">{t('data.indicator')}</label>
          <select id="data-indicator" value={indicatorId ?? ''} onChange={(e) => set({ indicator: e.target.value, period: null })}>
            {byDomain.map(([domain, items]) => (
              <optgroup key={domain} label={t(`data.domains.${domain}`, { defaultValue: domain })}>
                {items.map((i) => (
                  <option key={i.id} value={i.id}>
                    {nameIn(i.name, i18n.language)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="data-region">{t('data.region')}</label>
          <select id="data-region" value={parentId ?? ''} onChange={(e) => set({ region: e.target.value, places: null })}>
            {regions.data?.items.map((g) => (
              <option key={g.id} value={g.id}>
                {nameIn({ en: g.nameEn, fr: g.nameFr }, i18n.language)}
              </option>
            ))}
          </select>
        </div>
        {mine.length > 0 ? (
          <div className="field">
            <label htmlFor="data-partition">{t('data.dataSet')}</label>
            <select id="data-partition" value={collaborativeId ?? ''} onChange={(e) => set({ partition: e.target.value || null, period: null })}>
              <option value="">{t('data.publicData')}</option>
              {mine.map((c) => (
                <option key={c.id} value={c.id}>{t('data.privateTo', { name: c.name })}</option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="data-period">{t('data.period')}</label>
          <select id="data-period" value={map.data?.period ?? ''} onChange={(e) => set({ period: e.target.value })} disabled={!map.data?.periods.length}>
            {map.data && map.data.periods.length === 0 ? (
              <option value="">{t('data.noPeriods')}</option>
            ) : (
              map.data?.periods.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))
            )}
          </select>
        </div>
      </form>
      {indicator ? <IndicatorAbout indicator={indicator} /> : null}

      <section aria-labelledby={mapTitleId}>
        <h2 id={mapTitleId}>{t(map.data?.period ? 'data.mapTitle' : 'data.mapTitleNoPeriod', { indicator: indicator ? nameIn(indicator.name, i18n.language) : '', period: map.data?.period })}</h2>
        {map.isPending && map.fetchStatus !== 'idle' ? (
          <Loading />
        ) : map.isError ? (
          <LoadError error={map.error} />
        ) : map.data ? (
          map.data.period ? (
            <div className="data-map-layout">
              <Choropleth data={map.data} titleId={mapTitleId} />
              <div>
                <MapTable data={map.data} />
                <p>
                  <a href={exportMap} download>{t('data.exportCsv')}</a>
                </p>
                <SuppressionNote />
                {indicatorId && parentId && map.data.period ? <RollupBox indicatorId={indicatorId} parentId={parentId} period={map.data.period} collaborativeId={collaborativeId} /> : null}
              </div>
            </div>
          ) : (
            <p>{t('data.noDataForRegion')}</p>
          )
        ) : null}
      </section>

      {indicator && indicator.dimensions.length > 0 && map.data?.period ? <BreakdownSection data={map.data} collaborativeId={collaborativeId} /> : null}

      <section aria-labelledby={chartTitleId}>
        <h2 id={chartTitleId}>{t('data.trendTitle', { indicator: indicator ? nameIn(indicator.name, i18n.language) : '' })}</h2>
        {map.data ? (
          <fieldset className="data-places">
            <legend>{t('data.comparePlaces')}</legend>
            {[map.data.parent, ...map.data.places].map((p) => {
              const checked = placeIds.includes(p.geographyId);
              return (
                <div className="field checkbox" key={p.geographyId}>
                  <input
                    id={`place-${p.geographyId}`}
                    type="checkbox"
                    checked={checked}
                    onChange={() => set({ places: (checked ? placeIds.filter((x) => x !== p.geographyId) : [...placeIds, p.geographyId]).join(',') || null })}
                  />
                  <label htmlFor={`place-${p.geographyId}`}>{nameIn(p.name, i18n.language)}</label>
                </div>
              );
            })}
          </fieldset>
        ) : null}
        {series.isError ? (
          <LoadError error={series.error} />
        ) : series.data ? (
          <>
            <SeriesChart data={series.data} titleId={chartTitleId} />
            <SeriesTable data={series.data} caption={t('data.seriesTableCaption', { indicator: nameIn(series.data.indicator.name, i18n.language) })} />
            <p>
              <a href={exportSeries} download>{t('data.exportCsv')}</a>
            </p>
          </>
        ) : placeIds.length === 0 ? (
          <p>{t('data.choosePlaces')}</p>
        ) : null}
      </section>
    </>
  );
}

function RollupBox({ indicatorId, parentId, period, collaborativeId }: { indicatorId: string; parentId: string; period: string; collaborativeId?: string }) {
  const { t, i18n } = useTranslation();
  const rollup = useRollup({ indicatorId, parentId, period, collaborativeId });
  if (rollup.isPending) return null;
  if (rollup.isError) {
    const e = rollup.error;
    return <p className="notice notice-warning">{e instanceof ApiError && e.status === 422 ? t('data.notAdditive') : t('errors.generic')}</p>;
  }
  const r = rollup.data;
  return (
    <p className="data-rollup">
      {r.rollup.suppressed
        ? t('data.rollupSuppressed')
        : t('data.rollupText', { value: formatCell(r.rollup, r.indicator.unit, i18n.language), n: r.placesWithData, total: r.placesTotal })}
    </p>
  );
}

/** Disaggregated figures of one place, with shares of its total; hidden cells stay hidden. */
function BreakdownSection({ data, collaborativeId }: { data: MapData; collaborativeId?: string }) {
  const { t, i18n } = useTranslation();
  const [placeId, setPlaceId] = useState(data.places.find((p) => p.cell)?.geographyId ?? data.parent.geographyId);
  const titleId = useId();
  const q = { indicatorId: data.indicator.id, geographyId: placeId, period: data.period!, collaborativeId };
  const breakdown = useBreakdown(q);
  const places = [data.parent, ...data.places];
  const placeName = nameIn(places.find((p) => p.geographyId === placeId)?.name ?? data.parent.name, i18n.language);
  const unit = data.indicator.unit;
  return (
    <section aria-labelledby={titleId}>
      <h2 id={titleId}>{t('data.breakdownTitle', { period: data.period })}</h2>
      <div className="field">
        <label htmlFor="breakdown-place">{t('data.place')}</label>
        <select id="breakdown-place" value={placeId} onChange={(e) => setPlaceId(e.target.value)}>
          {places.map((p) => (
            <option key={p.geographyId} value={p.geographyId}>{nameIn(p.name, i18n.language)}</option>
          ))}
        </select>
      </div>
      {breakdown.isPending ? <Loading /> : breakdown.isError ? <LoadError error={breakdown.error} /> : breakdown.data.cells.length === 0 ? <p>{t('data.noData')}</p> : (
        <>
          <Table className="data-table">
            <caption>{t('data.breakdownCaption', { indicator: nameIn(data.indicator.name, i18n.language), place: placeName, period: data.period })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('data.group')}</th>
                <th scope="col" className="num">{t('data.value')}</th>
                <th scope="col" className="num">{t('data.share')}</th>
              </tr>
            </thead>
            <tbody>
              {breakdown.data.cells.map((c) => (
                <tr key={c.key}>
                  <th scope="row">{c.key ? Object.entries(c.disaggregation).map(([k, v]) => `${k}${t('common.colon')}${v}`).join(', ') : t('data.total')}</th>
                  <td className="num">{formatCell(c.cell, unit, i18n.language)}</td>
                  <td className="num">{c.share ? c.share.display : ''}</td>
                </tr>
              ))}
            </tbody>
          </Table>
          <p>
            <a href={`/api/v1/data/breakdown.csv${qs(q)}`} download>{t('data.exportCsv')}</a>
          </p>
        </>
      )}
    </section>
  );
}
