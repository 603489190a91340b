import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink } from 'react-router';
import type { Network } from '../api';

export const inLang = (x: { en: string | null; fr: string | null } | undefined, lang: string) => (lang === 'fr' ? x?.fr || x?.en : x?.en || x?.fr) ?? '';

/** Title, breadcrumb and section tabs of a network's pages. */
export function NetworkFrame({ network, title, children }: { network: Network; title: string; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const base = `/exchange/networks/${network.id}`;
  return (
    <>
      <nav className="breadcrumbs" aria-label={t('exchange.breadcrumb')}>
        <ol><li><Link to="/exchange">{t('exchange.title')}</Link></li><li><span aria-current="page">{inLang(network.name, i18n.language)}</span></li></ol>
      </nav>
      <h1>{title}</h1>
      <p className="lead">{inLang(network.name, i18n.language)}{network.stewardName ? ` · ${t('exchange.steward')}${t('common.colon')}${network.stewardName}` : ''}</p>
      <nav className="tabs" aria-label={t('exchange.sections')}>
        <NavLink to={base} end>{t('exchange.tabComparison')}</NavLink>
        <NavLink to={`${base}/sharing`}>{t('exchange.tabSharing')}</NavLink>
        <NavLink to={`${base}/templates`}>{t('exchange.tabTemplates')}</NavLink>
        {network.actions['exchange.steward.read'] ? <NavLink to={`${base}/steward`}>{t('exchange.tabSteward')}</NavLink> : null}
        <NavLink to="/exchange/practices">{t('exchange.tabPractices')}</NavLink>
      </nav>
      {children}
    </>
  );
}

/**
 * One small multiple: a collaborative's series on the indicator's common scale. Suppressed
 * points leave a gap and are marked on the axis; the table beside the charts carries the values.
 */
export function SmallMultiple({ points, periods, scale, label }: { points: { period: string; value: number | null; suppressed: boolean }[]; periods: string[]; scale: { min: number; max: number }; label: string }) {
  const W = 240, H = 110, L = 8, R = 8, T = 8, B = 20;
  const x = (p: string) => L + (periods.length < 2 ? (W - L - R) / 2 : (periods.indexOf(p) / (periods.length - 1)) * (W - L - R));
  const y = (v: number) => T + (1 - (v - scale.min) / (scale.max - scale.min || 1)) * (H - T - B);
  const segments: string[] = [];
  let current: string[] = [];
  for (const p of [...points].sort((a, b) => periods.indexOf(a.period) - periods.indexOf(b.period))) {
    if (p.value === null) {
      if (current.length) segments.push(current.join(' '));
      current = [];
    } else current.push(`${x(p.period).toFixed(1)},${y(p.value).toFixed(1)}`);
  }
  if (current.length) segments.push(current.join(' '));
  return (
    <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
      <line x1={L} x2={W - R} y1={H - B} y2={H - B} stroke="#767676" />
      {segments.map((s, i) => (s.includes(' ') ? <polyline key={i} points={s} fill="none" stroke="#1d4f91" strokeWidth={2} /> : null))}
      {points.filter((p) => p.value !== null).map((p) => <circle key={p.period} cx={x(p.period)} cy={y(p.value!)} r={3} fill="#1d4f91" />)}
      {points.filter((p) => p.suppressed).map((p) => <text key={`s${p.period}`} x={x(p.period)} y={H - B - 4} textAnchor="middle" fontSize="11" fill="#333">×</text>)}
      {periods.length ? <text x={L} y={H - 4} fontSize="11" fill="#333">{periods[0]}</text> : null}
      {periods.length > 1 ? <text x={W - R} y={H - 4} fontSize="11" fill="#333" textAnchor="end">{periods[periods.length - 1]}</text> : null}
    </svg>
  );
}
