import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CurveRow, TargetStatus, Trend } from './api';
import { useFormatValue } from './hooks';
import './strategy.css';
import { Table } from '../../core/ui';
import { ChartEmpty, timeXAxis, useTimeAxis } from '../../core/charts';
import { periodTime } from '../../core/timeAxis';

export function StatusBadge({ status }: { status: TargetStatus }) {
  const { t } = useTranslation();
  return <span className={`rag rag-${status}`}>{t(`strategy.status.${status}`)}</span>;
}

const ARROWS: Record<Trend, string> = { improving: '↗', worsening: '↘', flat: '→', unknown: '·' };

/** Trend arrow with its words, so colour and shape are never the only signal. */
export function TrendArrow({ trend }: { trend: Trend }) {
  const { t } = useTranslation();
  return (
    <span className="trend">
      <span aria-hidden="true">{ARROWS[trend]} </span>
      {t(`strategy.trend.${trend}`)}
    </span>
  );
}

/** Tabs of one plan's pages. */
export function PlanTabs({ planId }: { planId: string }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const tabs: [string, string][] = [
    [`/strategy/plans/${planId}`, t('strategy.tabs.plan')],
    [`/strategy/plans/${planId}/scorecard`, t('strategy.tabs.scorecard')],
    [`/strategy/plans/${planId}/action-plans`, t('strategy.tabs.actionPlans')],
    [`/strategy/plans/${planId}/report-cards`, t('strategy.tabs.reportCards')],
    [`/strategy/plans/${planId}/theory-of-change`, t('strategy.tabs.toc')],
    [`/strategy/plans/${planId}/import`, t('strategy.tabs.import')],
  ];
  return (
    <nav className="tabs" aria-label={t('strategy.tabs.label')}>
      {tabs.map(([to, label]) => (
        <Link key={to} to={to} aria-current={pathname === to || (to.endsWith('action-plans') && pathname.includes('/action-plans/')) ? 'page' : undefined}>
          {label}
        </Link>
      ))}
    </nav>
  );
}

/**
 * The "turn the curve" chart (baseline, forecast if nothing changes, target, actual) on a true
 * time axis with straight segments, and the same numbers as a table, which is the chart's text
 * alternative. With no numbers at all it says so instead.
 */
export function TurnTheCurve({ rows, unit, title, compact }: { rows: CurveRow[]; unit: string; title: string; compact?: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormatValue();
  const data = rows.map((r) => ({ ...r, t: periodTime(r.period), actualLine: r.actual ?? r.baseline }));
  const axis = useTimeAxis(rows.map((r) => r.period));
  if (!rows.some((r) => [r.baseline, r.forecast, r.target, r.actual].some((v) => v != null))) return <ChartEmpty>{t('strategy.curve.empty', { title })}</ChartEmpty>;
  return (
    <figure className="turn-the-curve">
      <div className="curve-chart" style={compact ? { height: 220 } : undefined} aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 10, right: 20, bottom: 5, left: 10 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis {...timeXAxis(axis)} />
            <YAxis />
            <Tooltip labelFormatter={(v) => rows.find((r) => periodTime(r.period) === v)?.period ?? ''} formatter={(v) => fmt(Number(v), unit)} />
            <Legend />
            <Line type="linear" dataKey="forecast" name={t('strategy.curve.forecast')} stroke="#6b7280" strokeDasharray="2 4" dot={false} connectNulls isAnimationActive={false} />
            <Line type="linear" dataKey="target" name={t('strategy.curve.target')} stroke="#b35900" strokeDasharray="6 4" connectNulls isAnimationActive={false} />
            <Line type="linear" dataKey="actualLine" name={t('strategy.curve.actual')} stroke="#1a5fb4" strokeWidth={3} connectNulls isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="visually-hidden">{t('strategy.curve.alt', { title })}</figcaption>
      <div className="table-wrap" tabIndex={0}>
        <Table>
          <caption>{t('strategy.curve.caption', { title })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('strategy.curve.period')}</th>
              <th scope="col">{t('strategy.curve.baseline')}</th>
              <th scope="col">{t('strategy.curve.forecast')}</th>
              <th scope="col">{t('strategy.curve.target')}</th>
              <th scope="col">{t('strategy.curve.actual')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.period}>
                <th scope="row">{r.period}</th>
                <td>{fmt(r.baseline, unit)}</td>
                <td>{fmt(r.forecast, unit)}</td>
                <td>{fmt(r.target, unit)}</td>
                <td>{fmt(r.actual, unit)}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      </div>
    </figure>
  );
}

export function ProgressBar({ value }: { value: number }) {
  return (
    <>
      <span className="progress-bar" aria-hidden="true">
        <span style={{ width: `${value}%` }} />
      </span>
      {value}%
    </>
  );
}
