import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { LoadError } from '../../../core/ui';
import { calendarApi, calendarKeys } from './api';

/** "Add to my calendar": a personal, secret subscription link to the collaborative's meetings. */
export function CalendarSubscription({ collaborativeId }: { collaborativeId: string }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const links = useQuery({ queryKey: calendarKeys.links(collaborativeId), queryFn: () => calendarApi.links(collaborativeId) });
  const [fresh, setFresh] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const refresh = () => client.invalidateQueries({ queryKey: calendarKeys.links(collaborativeId) });
  const create = useMutation({
    mutationFn: () => calendarApi.create(collaborativeId),
    onSuccess: (r) => {
      setFresh(r.url);
      setCopied(false);
      void refresh();
    },
  });
  const revoke = useMutation({ mutationFn: (id: string) => calendarApi.revoke(collaborativeId, id), onSuccess: () => void refresh() });

  if (links.isPending) return null;
  if (links.isError) return <LoadError error={links.error} />;
  if (!links.data.actions['calendar.link.create']) return null;
  const date = (iso: string) => new Date(iso).toLocaleDateString(i18n.language === 'fr' ? 'fr-CA' : 'en-CA', { dateStyle: 'medium' });

  return (
    <section aria-labelledby="calendar-h" className="calendar-subscription">
      <h2 id="calendar-h">{t('calendar.title')}</h2>
      <p>{t('calendar.explain')}</p>
      <button type="button" onClick={() => create.mutate()} disabled={create.isPending}>
        {links.data.items.some((l) => l.actions['calendar.link.revoke'] && !links.data.actions['calendar.link.list_all']) ? t('calendar.reset') : t('calendar.create')}
      </button>
      {create.isError ? <LoadError error={create.error} /> : null}
      {fresh ? (
        <div className="calendar-link" role="status">
          <label htmlFor="calendar-url">{t('calendar.yourLink')}</label>
          <input id="calendar-url" readOnly value={fresh} onFocus={(e) => e.currentTarget.select()} />
          <button
            type="button"
            onClick={async () => {
              await navigator.clipboard?.writeText(fresh).catch(() => undefined);
              setCopied(true);
            }}
          >
            {copied ? t('calendar.copied') : t('calendar.copy')}
          </button>
          <p className="hint">{t('calendar.shownOnce')}</p>
        </div>
      ) : null}
      {links.data.items.length ? (
        <>
          <h3>{links.data.actions['calendar.link.list_all'] ? t('calendar.allLinks') : t('calendar.myLink')}</h3>
          <ul className="calendar-links">
            {links.data.items.map((l) => (
              <li key={l.id}>
                {t('calendar.linkOf', { name: l.userName, date: date(l.createdAt) })}{' '}
                {l.actions['calendar.link.revoke'] ? (
                  <button type="button" className="link-button" onClick={() => revoke.mutate(l.id)} disabled={revoke.isPending}>
                    {t('calendar.revoke')}
                    <span className="visually-hidden"> {l.userName}</span>
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
