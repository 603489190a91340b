import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import type { Scale } from '../api';

/** Title and section tabs shared by the assessments pages. */
export function AssessmentsFrame({ title, children, lead = true }: { title: string; children: ReactNode; lead?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <h1>{title}</h1>
      {lead ? <p className="lead">{t('assessments.lead')}</p> : null}
      <nav className="tabs" aria-label={t('assessments.sections')}>
        <NavLink to="/assessments" end>{t('assessments.tabRounds')}</NavLink>
        <NavLink to="/assessments/welcoming">{t('assessments.tabWelcoming')}</NavLink>
        <NavLink to="/assessments/instruments">{t('assessments.tabInstruments')}</NavLink>
      </nav>
      {children}
    </>
  );
}

export const localized = (x: { en: string; fr: string }, lang: string) => (lang === 'fr' ? x.fr : x.en);
export const named = (x: { nameEn: string; nameFr: string }, lang: string) => (lang === 'fr' ? x.nameFr : x.nameEn);

/** The label of a level; 0 is the pair survey's "not aware of them". */
export function levelLabel(scale: Scale | null, value: number, lang: string, t: (k: string) => string): string {
  if (value === 0 && !scale?.levels.some((l) => l.value === 0)) return t('assessments.level0');
  const l = scale?.levels.find((x) => x.value === value);
  return l ? localized(l, lang) : String(value);
}

export const pct = (x: number | null | undefined, lang: string) =>
  x === null || x === undefined ? '–' : new Intl.NumberFormat(lang === 'fr' ? 'fr-CA' : 'en-CA', { style: 'percent', maximumFractionDigits: 0 }).format(x);
export const num = (x: number | null | undefined, lang: string, digits = 2) =>
  x === null || x === undefined ? '–' : new Intl.NumberFormat(lang === 'fr' ? 'fr-CA' : 'en-CA', { maximumFractionDigits: digits }).format(x);
