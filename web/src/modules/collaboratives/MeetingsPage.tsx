import { useTranslation } from 'react-i18next';
import { useWatch } from 'react-hook-form';
import { z } from 'zod';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { collaborativesApi } from './api';
import { collaborativesKeys, useMeetings } from './hooks';
import { Form, SelectField, TextField, useZodForm } from '../../core/form';
import { EmptyState, LoadError, Loading, useTitle, Table } from '../../core/ui';
import { CollabFrame, formatWhen } from './parts';
import type { Collab } from './types';
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
  const list = useMeetings(c.id);
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
      {list.data.actions['collaborative.meeting.create'] ? <ScheduleForm c={c} /> : null}
      <CalendarSubscription collaborativeId={c.id} />
    </>
  );
}

const scheduleSchema = z.object({
  title: z.string().trim().min(1),
  startsAt: z.string().min(1),
  start: z.string().min(1),
  endsAt: z.string().min(1),
  location: z.string(),
  recurrence: z.enum(['none', 'WEEKLY', 'MONTHLY']),
  count: z.number().int().min(1).max(52).optional(),
});

/** Schedule a meeting (or a series). Field names follow the API, so its errors land on them. */
function ScheduleForm({ c }: { c: Collab }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const form = useZodForm(scheduleSchema, { defaultValues: { title: '', startsAt: '', start: '18:00', endsAt: '20:00', location: '', recurrence: 'none', count: 6 } });
  const repeat = useWatch({ control: form.control, name: 'recurrence' });
  return (
    <Form
      form={form}
      heading={<h2 id="schedule-h">{t('collaboratives.schedule')}</h2>}
      submitLabel={t('collaboratives.schedule')}
      onSubmit={async (v) => {
        const recurrence = v.recurrence === 'none' ? null : `FREQ=${v.recurrence};COUNT=${v.count ?? 1}`;
        const res = await collaborativesApi.createMeetings(c.id, {
          title: v.title,
          startsAt: torontoIso(v.startsAt, v.start),
          endsAt: torontoIso(v.startsAt, v.endsAt),
          location: v.location.trim() ? v.location : null,
          recurrence,
        });
        form.reset();
        await client.invalidateQueries({ queryKey: collaborativesKeys.one(c.id) });
        return t('collaboratives.scheduled', { count: res.items.length });
      }}
    >
      <TextField name="title" label={t('collaboratives.f.title')} required />
      <div className="field-row">
        <TextField name="startsAt" type="date" label={t('collaboratives.f.day')} required />
        <TextField name="start" type="time" label={t('collaboratives.f.start')} required />
        <TextField name="endsAt" type="time" label={t('collaboratives.f.end')} required />
      </div>
      <TextField name="location" label={t('collaboratives.f.location')} />
      <div className="field-row">
        <SelectField
          name="recurrence"
          label={t('collaboratives.f.repeat')}
          choices={[
            { value: 'none', label: t('collaboratives.repeatNone') },
            { value: 'WEEKLY', label: t('collaboratives.repeatWeekly') },
            { value: 'MONTHLY', label: t('collaboratives.repeatMonthly') },
          ]}
        />
        {repeat !== 'none' ? <TextField name="count" type="number" label={t('collaboratives.f.count')} /> : null}
      </div>
    </Form>
  );
}
