import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../../core/api';
import { collaborativesApi } from '../api';
import { CheckboxField, Form, TextArea, useZodForm } from '../../../core/form';
import type { Collab, Meeting } from '../types';
import { refreshCollab } from './shared';

const schema = z.object({ minutes: z.string(), held: z.boolean(), minutesPublic: z.boolean() });

/** The minutes: read, or written and published by those who manage the meeting. */
export function MinutesSection({ c, m, manage }: { c: Collab; m: Meeting; manage: boolean }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="min-h">
      <h2 id="min-h">{t('collaboratives.minutes')}</h2>
      {manage ? <MinutesForm c={c} m={m} /> : <p className="prewrap">{m.minutes || t('collaboratives.noMinutes')}</p>}
    </section>
  );
}

function MinutesForm({ c, m }: { c: Collab; m: Meeting }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const form = useZodForm(schema, { defaultValues: { minutes: m.minutes ?? '', held: m.status === 'held', minutesPublic: m.minutesPublic } });
  return (
    <Form
      form={form}
      submitLabel={t('collaboratives.saveMinutes')}
      onSubmit={async (v) => {
        await collaborativesApi.updateMeeting(c.id, m.id, { version: m.version, minutes: v.minutes, minutesPublic: v.minutesPublic, status: v.held ? 'held' : m.status === 'held' ? 'scheduled' : m.status });
        await refreshCollab(client, c);
        return t('collaboratives.minutesSaved');
      }}
      onError={(err) => {
        if (err instanceof ApiError && err.status === 409) {
          void refreshCollab(client, c);
          return t('collaboratives.stale');
        }
        return undefined;
      }}
    >
      <TextArea name="minutes" label={t('collaboratives.minutesText')} rows={8} />
      <CheckboxField name="held" label={t('collaboratives.meetingHeld')} />
      <CheckboxField name="minutesPublic" label={t('collaboratives.publishMinutes')} />
    </Form>
  );
}
