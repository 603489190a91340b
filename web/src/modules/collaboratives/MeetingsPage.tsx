import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../core/api';
import { EmptyState, ErrorSummary, Field, fieldErrorsOf, type FieldErrors, LoadError, Loading, useTitle, Table } from '../../core/ui';
import { CollabFrame, collabKey, formatWhen, Notice } from './parts';
import type { Collab, MeetingSummary } from './types';
import { CalendarSubscription } from './calendar/CalendarSubscription';

export function MeetingsPage() {
  const { t } = useTranslation();
  return <CollabFrame title={t('collaboratives.meetingsTitle')}>{(c) => <Meetings c={c} />}</CollabFrame>;
}

/** "2026-03-11" + "18:00" in Ontario → ISO with the Toronto offset of that day. */
export function torontoIso(day: string, time: string): string {
  const guess = new Date(`${day}T${time}:00Z`);
  const tz = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto', timeZoneName: 'longOffset' }).formatToParts(guess).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT-05:00';
  const offset = tz.replace('GMT', '') || '+00:00';
  return `${day}T${time}:00${offset}`;
}

function Meetings({ c }: { c: Collab }) {
  const { t, i18n } = useTranslation();
  useTitle(`${t('collaboratives.meetingsTitle')} – ${c.shortName ?? c.name}`);
  const list = useQuery({ queryKey: collabKey(c.id, 'meetings'), queryFn: () => api.get<{ items: MeetingSummary[]; canManage: boolean }>(`/collaboratives/${c.id}/meetings`) });
  if (list.isPending) return <Loading />;
  if (list.isError) return <LoadError error={list.error} />;
  return (
    <>
      {list.data.items.length === 0 ? (
        <EmptyState title={t('collaboratives.noMeetings')} />
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('collaboratives.scrollTable')}>
          <Table>
            <caption>{t('collaboratives.meetingsCaption', { count: list.data.items.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('collaboratives.meeting')}</th>
                <th scope="col">{t('collaboratives.when')}</th>
                <th scope="col">{t('collaboratives.f.location')}</th>
                <th scope="col">{t('collaboratives.status')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((m) => (
                <tr key={m.id}>
                  <th scope="row">
                    <Link to={`/collaboratives/${c.id}/meetings/${m.id}`}>{m.title}</Link>
                  </th>
                  <td>{formatWhen(m.startsAt, i18n.language)}</td>
                  <td>{m.location ?? ''}</td>
                  <td>{t(`enums.meetingStatus.${m.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      )}
      {list.data.canManage ? <ScheduleForm c={c} /> : null}
      <CalendarSubscription collaborativeId={c.id} />
    </>
  );
}

function ScheduleForm({ c }: { c: Collab }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [f, setF] = useState({ title: '', day: '', start: '18:00', end: '20:00', location: '', repeat: 'none', count: '6' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [done, setDone] = useState<string>();
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const labels = { title: t('collaboratives.f.title'), startsAt: t('collaboratives.f.day'), endsAt: t('collaboratives.f.end'), recurrence: t('collaboratives.f.repeat') };
  async function submit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    if (!f.day) {
      setErrors({ startsAt: t('errors.required') });
      return;
    }
    const recurrence = f.repeat === 'none' ? null : `FREQ=${f.repeat};COUNT=${Number(f.count) || 1}`;
    try {
      const res = await api.post<{ items: MeetingSummary[] }>(`/collaboratives/${c.id}/meetings`, {
        title: f.title,
        startsAt: torontoIso(f.day, f.start),
        endsAt: torontoIso(f.day, f.end),
        location: f.location.trim() ? f.location : null,
        recurrence,
      });
      setDone(t('collaboratives.scheduled', { count: res.items.length }));
      await client.invalidateQueries({ queryKey: collabKey(c.id) });
    } catch (err) {
      setErrors(fieldErrorsOf(err));
    }
  }
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="schedule-h">
      <h2 id="schedule-h">{t('collaboratives.schedule')}</h2>
      <Notice text={done} />
      <ErrorSummary errors={errors} labels={labels} />
      <Field path="title" label={labels.title} required error={errors.title}>
        {(p) => <input {...p} value={f.title} onChange={set('title')} />}
      </Field>
      <div className="field-row">
        <Field path="startsAt" label={labels.startsAt} required error={errors.startsAt}>
          {(p) => <input {...p} type="date" value={f.day} onChange={set('day')} />}
        </Field>
        <Field path="start" label={t('collaboratives.f.start')} required>
          {(p) => <input {...p} type="time" value={f.start} onChange={set('start')} />}
        </Field>
        <Field path="endsAt" label={labels.endsAt} required error={errors.endsAt}>
          {(p) => <input {...p} type="time" value={f.end} onChange={set('end')} />}
        </Field>
      </div>
      <Field path="location" label={t('collaboratives.f.location')} error={errors.location}>
        {(p) => <input {...p} value={f.location} onChange={set('location')} />}
      </Field>
      <div className="field-row">
        <Field path="recurrence" label={labels.recurrence} error={errors.recurrence}>
          {(p) => (
            <select {...p} value={f.repeat} onChange={set('repeat')}>
              <option value="none">{t('collaboratives.repeatNone')}</option>
              <option value="WEEKLY">{t('collaboratives.repeatWeekly')}</option>
              <option value="MONTHLY">{t('collaboratives.repeatMonthly')}</option>
            </select>
          )}
        </Field>
        {f.repeat !== 'none' ? (
          <Field path="count" label={t('collaboratives.f.count')}>
            {(p) => <input {...p} type="number" min={1} max={52} value={f.count} onChange={set('count')} />}
          </Field>
        ) : null}
      </div>
      <button type="submit" className="button button-primary">
        {t('collaboratives.schedule')}
      </button>
    </form>
  );
}
