import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState, LoadError, Loading, useTitle } from '../../../core/ui';
import { useMarkAllRead, useMarkRead, useNotifications, useNotificationSettings, useSaveSettings } from '../hooks';
import { noticeTitle } from '../components/title';
import '../notifications.css';

/** The notification centre: what happened while you were away, newest first. */
export function NotificationsPage() {
  const { t, i18n } = useTranslation();
  useTitle(t('notifications.title'));
  const [unreadOnly, setUnreadOnly] = useState(false);
  const q = useNotifications({ unread: unreadOnly });
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const [status, setStatus] = useState('');
  const locale = i18n.language === 'fr' ? 'fr-CA' : 'en-CA';
  const when = (s: string) => new Date(s).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const detail = (p: Record<string, string>) => [p.place, p.meeting, p.service, p.dueOn ? t('notifications.dueOn', { date: new Date(`${p.dueOn}T12:00:00`).toLocaleDateString(locale, { dateStyle: 'medium' }) }) : null].filter(Boolean).join(' · ');

  return (
    <>
      <h1>{t('notifications.title')}</h1>
      <p>{t('notifications.lead')}</p>
      <div className="notification-toolbar">
        <fieldset>
          <legend>{t('notifications.show')}</legend>
          <label>
            <input type="radio" name="notification-filter" checked={!unreadOnly} onChange={() => setUnreadOnly(false)} />
            {t('notifications.all')}
          </label>
          <label>
            <input type="radio" name="notification-filter" checked={unreadOnly} onChange={() => setUnreadOnly(true)} />
            {t('notifications.unreadOnly')}
          </label>
        </fieldset>
        {q.data && q.data.unread > 0 ? (
          <button
            type="button"
            disabled={markAll.isPending}
            onClick={async () => {
              const r = await markAll.mutateAsync(q.data.items[0]?.createdAt);
              setStatus(t('notifications.markedAll', { count: r.marked }));
            }}
          >
            {t('notifications.markAll')}
          </button>
        ) : null}
      </div>
      <p role="status" className="visually-hidden">{status}</p>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <LoadError error={q.error} />
      ) : q.data.items.length === 0 ? (
        <EmptyState title={unreadOnly ? t('notifications.noneUnread') : t('notifications.none')}>
          <p>{t('notifications.noneHint')}</p>
        </EmptyState>
      ) : (
        <>
          <p>{t('notifications.unreadCount', { count: q.data.unread })}</p>
          <ul className="notification-list" aria-label={t('notifications.title')}>
            {q.data.items.map((n) => {
              const d = detail(n.params);
              return (
                <li key={n.id} className={n.read ? 'notification-item' : 'notification-item unread'}>
                  <div className="notification-body">
                    <Link className="notification-link" to={n.link} onClick={() => (n.read ? undefined : markRead.mutate(n.id))}>
                      {!n.read ? <span className="visually-hidden">{t('notifications.unreadMark')}{t('common.colon')}</span> : null}
                      {noticeTitle(t, n)}
                    </Link>
                    <p className="notification-meta">
                      {d ? `${d} · ` : ''}
                      <time dateTime={n.createdAt}>{when(n.createdAt)}</time>
                    </p>
                  </div>
                  {!n.read ? (
                    <button type="button" className="link-button" onClick={() => markRead.mutate(n.id)} disabled={markRead.isPending}>
                      {t('notifications.markRead')}
                      <span className="visually-hidden">: {noticeTitle(t, n)}</span>
                    </button>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </>
      )}
      <EmailSettings />
    </>
  );
}

function EmailSettings() {
  const { t } = useTranslation();
  const s = useNotificationSettings();
  const save = useSaveSettings();
  const [saved, setSaved] = useState('');
  if (!s.data) return null;
  return (
    <section className="notification-settings" aria-labelledby="notification-email-heading">
      <h2 id="notification-email-heading">{t('notifications.emailHeading')}</h2>
      {s.data.emailAvailable ? null : <p>{t('notifications.emailUnavailable')}</p>}
      <label>
        <input
          type="checkbox"
          checked={s.data.emailEnabled}
          disabled={save.isPending}
          onChange={async (e) => {
            const r = await save.mutateAsync(e.target.checked);
            setSaved(r.emailEnabled ? t('notifications.emailOn') : t('notifications.emailOff'));
          }}
        />
        {t('notifications.emailLabel')}
      </label>
      <p role="status">{saved}</p>
    </section>
  );
}
