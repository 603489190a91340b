import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { LoadError, Loading, useTitle, Table } from '../../core/ui';
import { useFormatValue, useLocalized, useScorecard } from './hooks';
import { FreshnessPanel } from './PlanPage';
import { PlanTabs, StatusBadge, TrendArrow, TurnTheCurve } from './parts';

/** Goals, indicators and measures with trend and status against target; filter by theme. Public when shared. */
export function ScorecardPage({ publicLink }: { publicLink?: boolean }) {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const loc = useLocalized();
  const fmt = useFormatValue();
  const [themeId, setThemeId] = useState('');
  const q = useScorecard(id, themeId, !!publicLink);
  const [chartFor, setChartFor] = useState<string | null>(null);
  useTitle(q.data ? `${t('strategy.scorecard.title')} – ${loc(q.data.plan.title, q.data.plan.titleFr)}` : t('strategy.scorecard.title'));
  if (q.isPending) return <Loading />;
  if (q.isError) return <LoadError error={q.error} />;
  const s = q.data;
  return (
    <>
      {!publicLink ? (
        <p className="breadcrumbs">
          <Link to={`/strategy/plans/${id}`}>{loc(s.plan.title, s.plan.titleFr)}</Link>
        </p>
      ) : null}
      <h1>{t('strategy.scorecard.heading', { title: loc(s.plan.title, s.plan.titleFr) })}</h1>
      <p className="lead">
        {s.plan.collaborativeName} · {s.plan.startYear}–{s.plan.endYear}
      </p>
      {!publicLink ? <PlanTabs planId={id} /> : null}
      <FreshnessPanel plan={s} />
      {s.warnings.outputOnly ? (
        <div className="notice notice-warning" role="status">
          <p>{t('strategy.warnings.outputOnly')}</p>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="theme-filter">{t('strategy.scorecard.theme')}</label>
        <select id="theme-filter" value={themeId} onChange={(e) => setThemeId(e.target.value)}>
          <option value="">{t('strategy.scorecard.allThemes')}</option>
          {s.themes.map((th) => (
            <option key={th.id} value={th.id}>
              {loc(th.title, th.titleFr)}
            </option>
          ))}
        </select>
      </div>
      {s.goals.map((g) => (
        <section key={g.id} aria-labelledby={`goal-${g.id}`}>
          <h2 id={`goal-${g.id}`}>{loc(g.title, g.titleFr)}</h2>
          {g.measures.length === 0 ? (
            <p>{t('strategy.scorecard.noMeasures')}</p>
          ) : (
            <div className="table-wrap" tabIndex={0}>
              <Table>
                <caption>{t('strategy.scorecard.caption', { goal: loc(g.title, g.titleFr) })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('strategy.scorecard.measure')}</th>
                    <th scope="col">{t('strategy.measure.type')}</th>
                    <th scope="col">{t('strategy.curve.baseline')}</th>
                    <th scope="col">{t('strategy.scorecard.latest')}</th>
                    <th scope="col">{t('strategy.curve.target')}</th>
                    <th scope="col">{t('strategy.measure.statusLabel')}</th>
                    <th scope="col">{t('strategy.scorecard.trend')}</th>
                  </tr>
                </thead>
                <tbody>
                  {g.measures.map((m) => (
                    <tr key={m.id}>
                      <th scope="row">
                        {publicLink ? loc(m.name, m.nameFr) : <Link to={`/strategy/plans/${id}/measures/${m.id}`}>{loc(m.name, m.nameFr)}</Link>}{' '}
                        <button type="button" className="link-button small" aria-expanded={chartFor === m.id} onClick={() => setChartFor(chartFor === m.id ? null : m.id)}>
                          {t('strategy.scorecard.chart', { name: loc(m.name, m.nameFr) })}
                        </button>
                        {m.freshness.stale ? <span className="flag flag-stale">{t('strategy.freshness.stale')}</span> : null}
                      </th>
                      <td>{m.kind === 'population' ? t('strategy.measure.population') : t(`strategy.rba.${m.rbaType}`)}</td>
                      <td>{m.baselinePeriod ? `${fmt(m.baselineValue, m.unit)} (${m.baselinePeriod})` : '–'}</td>
                      <td>{m.latest ? `${fmt(m.latest.value, m.unit)} (${m.latest.period})` : '–'}</td>
                      <td>{m.currentTarget ? `${fmt(m.currentTarget.value, m.unit)} (${m.currentTarget.period})` : '–'}</td>
                      <td>
                        <StatusBadge status={m.status} />
                      </td>
                      <td>
                        <TrendArrow trend={m.trend} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            </div>
          )}
          {g.measures
            .filter((m) => m.id === chartFor)
            .map((m) => (
              <TurnTheCurve key={m.id} rows={m.curve} unit={m.unit} title={loc(m.name, m.nameFr)} compact />
            ))}
        </section>
      ))}
      {publicLink && s.reportCards?.length ? (
        <>
          <h2>{t('strategy.reportCards.title')}</h2>
          <ul>
            {s.reportCards.map((r) => (
              <li key={r.id}>
                <Link to={`/strategy/public/report-cards/${r.id}`}>{t('strategy.reportCards.item', { year: r.year, version: r.reportVersion })}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
