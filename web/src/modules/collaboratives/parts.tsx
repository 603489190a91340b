import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useParams } from 'react-router';
import { locale } from '../../core/i18n';
import { LoadError, Loading } from '../../core/ui';
import type { Collab } from './types';
import { useCollaborative } from './hooks';

export function useCollab() {
  const { id = '' } = useParams();
  const q = useCollaborative(id);
  return { id, q };
}

export function formatDate(day: string | null | undefined, lng: string) {
  if (!day) return '';
  return new Intl.DateTimeFormat(locale(lng), { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(day.length === 10 ? day + 'T00:00:00Z' : day));
}
export function formatWhen(iso: string, lng: string) {
  return new Intl.DateTimeFormat(locale(lng), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'America/Toronto' }).format(new Date(iso));
}
export function formatMoney(n: number, lng: string, currency = 'CAD') {
  return new Intl.NumberFormat(locale(lng), { style: 'currency', currency, maximumFractionDigits: 0 }).format(n);
}

/** Page frame of a collaborative: breadcrumb, name as h1 (or the page title), section tabs. */
export function CollabFrame({ title, children }: { title?: string; children: (c: Collab) => ReactNode }) {
  const { t } = useTranslation();
  const { id, q } = useCollab();
  if (q.isPending) return <Loading />;
  if (q.isError) return <LoadError error={q.error} />;
  const c = q.data;
  const member = c.actions['collaborative.read'];
  return (
    <>
      <nav className="breadcrumbs" aria-label={t('collaboratives.breadcrumb')}>
        <ol>
          <li>
            <Link to="/collaboratives">{t('collaboratives.title')}</Link>
          </li>
          <li>{title ? <Link to={`/collaboratives/${id}`}>{c.shortName ?? c.name}</Link> : <span aria-current="page">{c.shortName ?? c.name}</span>}</li>
        </ol>
      </nav>
      <h1>{title ?? c.name}</h1>
      <nav className="tabs" aria-label={t('collaboratives.sections')}>
        <NavLink to={`/collaboratives/${id}`} end>
          {t('collaboratives.tabHome')}
        </NavLink>
        {member ? <NavLink to={`/collaboratives/${id}/members`}>{t('collaboratives.tabMembers')}</NavLink> : null}
        <NavLink to={`/collaboratives/${id}/meetings`}>{t('collaboratives.tabMeetings')}</NavLink>
        <NavLink to={`/collaboratives/${id}/documents`}>{t('collaboratives.tabDocuments')}</NavLink>
        {member ? <NavLink to={`/collaboratives/${id}/funding`}>{t('collaboratives.tabFunding')}</NavLink> : null}
        {member ? <NavLink to={`/collaboratives/${id}/engagement`}>{t('collaboratives.tabEngagement')}</NavLink> : null}
        <NavLink to={`/public/collaboratives/${id}`}>{t('collaboratives.tabPublic')}</NavLink>
      </nav>
      {children(c)}
    </>
  );
}

/** Polite live region for "saved" messages. */
export function Notice({ text }: { text?: string }) {
  return (
    <div role="status" aria-live="polite">
      {text ? <p className="notice notice-success">{text}</p> : null}
    </div>
  );
}
