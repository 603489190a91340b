import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api, qs } from '../../core/api';
import { formatDateTime } from '../../core/i18n';
import type { AuditEvent } from '../../core/types';
import { EmptyState, LoadError, Loading, useTitle, Table } from '../../core/ui';
import { codeLabel } from '../../core/labels';

/** Actions the platform records today; anything else is shown as its code. */
export const auditActions = [
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'user.create',
  'user.password_changed',
  'user.roles_changed',
  'user.deactivate',
  'user.activate',
  'organization.create',
  'organization.update',
  'geography.create',
  'geography.update',
] as const;
const entityTypes = ['organization', 'user', 'geography'] as const;
const FILTERS = ['actor', 'action', 'entityType', 'entityId', 'from', 'to'] as const;
const PAGE = 50;

/** A yyyy-mm-dd date from a date input, as the start or end of that day in the user's time zone. */
function dayBound(day: string, end: boolean): string | undefined {
  if (!day) return undefined;
  const d = new Date(`${day}T${end ? '23:59:59.999' : '00:00:00'}`);
  return isNaN(d.getTime()) ? undefined : d.toISOString();
}

export function AuditLogPage() {
  const { t, i18n } = useTranslation();
  useTitle(t('audit.title'));
  const [params, setParams] = useSearchParams();
  const applied = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? ''])) as Record<(typeof FILTERS)[number], string>;
  const [draft, setDraft] = useState(applied);

  const events = useInfiniteQuery({
    queryKey: ['audit', applied],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) =>
      api.get<{ items: AuditEvent[]; nextBefore: number | null }>(
        `/audit-events${qs({
          actor: applied.actor,
          action: applied.action,
          entityType: applied.entityType,
          entityId: applied.entityId,
          from: dayBound(applied.from, false),
          to: dayBound(applied.to, true),
          before: pageParam,
          limit: PAGE,
        })}`,
      ),
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });

  function apply(e: FormEvent) {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const k of FILTERS) if (draft[k].trim()) next.set(k, draft[k].trim());
    setParams(next);
  }
  function clear() {
    const empty = Object.fromEntries(FILTERS.map((k) => [k, ''])) as typeof draft;
    setDraft(empty);
    setParams(new URLSearchParams());
  }

  const actionLabel = (a: string) => t(`enums.auditAction.${a}`, { defaultValue: codeLabel(t, 'auditAction', a) });
  const rows = events.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <h1>{t('audit.title')}</h1>
      <p className="lead">{t('audit.lead')}</p>
      <form className="filters" onSubmit={apply} aria-label={t('audit.filters')}>
        <div className="field">
          <label htmlFor="audit-actor">{t('audit.actor')}</label>
          <input id="audit-actor" value={draft.actor} onChange={(e) => setDraft({ ...draft, actor: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="audit-action">{t('audit.action')}</label>
          <select id="audit-action" value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.target.value })}>
            <option value="">{t('common.all')}</option>
            {auditActions.map((a) => (
              <option key={a} value={a}>
                {actionLabel(a)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-entity">{t('audit.entityType')}</label>
          <select id="audit-entity" value={draft.entityType} onChange={(e) => setDraft({ ...draft, entityType: e.target.value })}>
            <option value="">{t('common.all')}</option>
            {entityTypes.map((a) => (
              <option key={a} value={a}>
                {t(`enums.entityType.${a}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-from">{t('audit.from')}</label>
          <input id="audit-from" type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">{t('audit.to')}</label>
          <input id="audit-to" type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        </div>
        <div className="filter-actions">
          <button type="submit" className="button-primary">
            {t('audit.apply')}
          </button>
          <button type="button" className="button-secondary" onClick={clear}>
            {t('audit.clear')}
          </button>
        </div>
      </form>
      {applied.entityId ? (
        <p className="notice notice-info">
          {t('audit.forRecord', { id: applied.entityId })}{' '}
          <button type="button" className="link-button" onClick={clear}>
            {t('audit.clear')}
          </button>
        </p>
      ) : null}
      {events.isPending ? (
        <Loading />
      ) : events.isError ? (
        <LoadError error={events.error} />
      ) : rows.length === 0 ? (
        <EmptyState title={t('audit.emptyTitle')}>
          <p>{t('audit.empty')}</p>
        </EmptyState>
      ) : (
        <>
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="audit-caption">
            <Table className="audit-table">
              <caption id="audit-caption" className="visually-hidden">
                {t('audit.title')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('audit.when')}</th>
                  <th scope="col">{t('audit.actor')}</th>
                  <th scope="col">{t('audit.action')}</th>
                  <th scope="col">{t('audit.record')}</th>
                  <th scope="col">{t('audit.details')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((ev) => (
                  <tr key={ev.id} data-action={ev.action} data-entity-id={ev.entityId ?? ''}>
                    <td>
                      <time dateTime={ev.occurredAt}>{formatDateTime(ev.occurredAt, i18n.language)}</time>
                    </td>
                    <td>{ev.actorLabel}</td>
                    <td>
                      {actionLabel(ev.action)}
                      <br />
                      <code className="small">{ev.action}</code>
                    </td>
                    <td>
                      {t(`enums.entityType.${ev.entityType}`, { defaultValue: ev.entityType })}
                      {ev.entityId ? (
                        <>
                          <br />
                          {ev.entityType === 'organization' ? (
                            <Link to={`/organizations/${ev.entityId}`}>{String(ev.details?.legalName ?? ev.entityId)}</Link>
                          ) : (
                            <code className="small" title={ev.entityId}>
                              {ev.entityId.length > 13 ? `${ev.entityId.slice(0, 8)}…` : ev.entityId}
                            </code>
                          )}
                        </>
                      ) : null}
                    </td>
                    <td className="small">{summarize(ev.details)}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </div>
          {events.hasNextPage ? (
            <p>
              <button type="button" className="button-secondary" disabled={events.isFetchingNextPage} onClick={() => void events.fetchNextPage()}>
                {events.isFetchingNextPage ? t('common.loading') : t('audit.loadMore')}
              </button>
            </p>
          ) : (
            <p className="muted">{t('audit.end')}</p>
          )}
        </>
      )}
    </>
  );
}

function summarize(details: Record<string, unknown> | null): string {
  if (!details) return '';
  return Object.entries(details)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join('; ')
    .slice(0, 300);
}
