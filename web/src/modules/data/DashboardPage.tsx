import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../core/api';
import { LoadError, Loading, useTitle } from '../../core/ui';
import { nameIn, type Indicator } from './api';
import { dataKeys, useDashboard, useSeries } from './hooks';
import { IndicatorAbout, SeriesChart, SeriesTable, SuppressionNote } from './components';
import './data.css';

/** One dashboard: a chart and table per indicator over its places. Public ones need no sign-in. */
export function DashboardPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const dash = useDashboard(id ?? '');
  useTitle(dash.data?.title ?? t('data.dashboards'));
  const share = useMutation({
    mutationFn: (visibility: 'members' | 'public') => api.patch(`/data/dashboards/${id}`, { version: dash.data!.version, visibility }),
    onSuccess: () => qc.invalidateQueries({ queryKey: dataKeys.dashboard(id ?? '') }),
  });
  const remove = useMutation({
    mutationFn: () => api.del(`/data/dashboards/${id}`),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: dataKeys.dashboards() });
      void navigate('/data/dashboards');
    },
  });
  if (dash.isPending) return <Loading />;
  if (dash.isError) return <LoadError error={dash.error} />;
  const d = dash.data;
  const link = `${window.location.origin}/data/dashboards/${d.id}`;
  return (
    <>
      <nav aria-label={t('data.breadcrumb')} className="breadcrumbs no-print">
        <ol>
          <li><Link to="/data">{t('data.title')}</Link></li>
          <li><Link to="/data/dashboards">{t('data.dashboards')}</Link></li>
          <li aria-current="page">{d.title}</li>
        </ol>
      </nav>
      <h1>{d.title}</h1>
      {d.description ? <p className="lead">{d.description}</p> : null}
      <p>
        <span className="tag">{t(`data.visibility.${d.visibility}`)}</span>
      </p>
      {d.actions['data.dashboard.write'] ? (
        <div className="notice no-print" aria-live="polite">
          {d.visibility === 'public' ? (
            <>
              <p role="status">{t('data.sharedPublicly')} <code>{link}</code></p>
              <button type="button" className="button-secondary" onClick={() => share.mutate('members')} disabled={share.isPending}>{t('data.makeMembersOnly')}</button>
            </>
          ) : (
            <>
              <p>{t('data.membersOnlyNow')}</p>
              <button type="button" className="button-primary" onClick={() => share.mutate('public')} disabled={share.isPending}>{t('data.sharePublicly')}</button>
            </>
          )}{' '}
          <button type="button" className="button-secondary" onClick={() => window.confirm(t('data.confirmDelete', { title: d.title })) && remove.mutate()} disabled={remove.isPending}>
            {t('data.deleteDashboard')}
          </button>
        </div>
      ) : null}
      {d.indicators.map((ind) => (
        <IndicatorPanel key={ind.id} indicator={ind} geographyIds={d.places.map((p) => p.id)} />
      ))}
      <SuppressionNote />
    </>
  );
}

function IndicatorPanel({ indicator, geographyIds }: { indicator: Indicator; geographyIds: string[] }) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const series = useSeries({ indicatorId: indicator.id, geographyIds });
  const name = nameIn(indicator.name, i18n.language);
  return (
    <section aria-labelledby={titleId} className="data-profile-item">
      <h2 id={titleId}>{name}</h2>
      <IndicatorAbout indicator={indicator} />
      {series.isPending ? <Loading /> : series.isError ? <LoadError error={series.error} /> : (
        <>
          <SeriesChart data={series.data} titleId={titleId} />
          <SeriesTable data={series.data} caption={t('data.seriesTableCaption', { indicator: name })} />
        </>
      )}
    </section>
  );
}
