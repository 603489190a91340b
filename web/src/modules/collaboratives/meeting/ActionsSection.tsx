import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useQueryClient } from '@tanstack/react-query';
import { collaborativesApi } from '../api';
import { useMembers } from '../hooks';
import { Form, SelectField, TextField, useZodForm } from '../../../core/form';
import { formatDate } from '../parts';
import type { Collab, Meeting } from '../types';
import { refreshCollab } from './shared';

const schema = z.object({
  title: z.string().trim().min(1),
  ownerMemberId: z.string().min(1, 'errors.choose'),
  dueOn: z.string().min(1),
});

/** Action items from this meeting: the list, marking one done, and assigning a new one. */
export function ActionsSection({ c, m, manage }: { c: Collab; m: Meeting; manage: boolean }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  async function complete(id: string, version: number) {
    await collaborativesApi.updateActionItem(c.id, id, { status: 'done', version });
    await refreshCollab(client, c);
  }
  return (
    <section aria-labelledby="act-h">
      <h2 id="act-h">{t('collaboratives.actionItems')}</h2>
      {m.actionItems.length ? (
        <ul>
          {m.actionItems.map((a) => (
            <li key={a.id}>
              {a.title} — {a.ownerName}, {t('collaboratives.due', { date: formatDate(a.dueOn, i18n.language) })} · {t(`enums.actionStatus.${a.status}`)}
              {a.overdue ? <strong className="badge badge-closed"> {t('collaboratives.overdue')}</strong> : null}
              {a.actions['collaborative.action.update'] && a.status === 'open' ? (
                <button type="button" className="link-button" onClick={() => complete(a.id, a.version)}>
                  {t('collaboratives.markDone', { title: a.title })}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('collaboratives.noActions')}</p>
      )}
      {manage ? <ActionForm c={c} m={m} /> : null}
    </section>
  );
}

function ActionForm({ c, m }: { c: Collab; m: Meeting }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const members = useMembers(c.id);
  const form = useZodForm(schema, { defaultValues: { title: '', ownerMemberId: '', dueOn: '' } });
  return (
    <Form
      form={form}
      heading={<h3>{t('collaboratives.assignAction')}</h3>}
      submitLabel={t('collaboratives.assignAction')}
      onSubmit={async (v) => {
        await collaborativesApi.createActionItem(c.id, { ...v, meetingId: m.id });
        form.reset({ ...v, title: '' });
        await refreshCollab(client, c);
        return t('collaboratives.actionAssigned');
      }}
    >
      <TextField name="title" label={t('collaboratives.actionTitle')} required />
      <div className="field-row">
        <SelectField name="ownerMemberId" label={t('collaboratives.owner')} required placeholder={t('collaboratives.choose')} choices={(members.data?.items ?? []).map((x) => ({ value: x.id, label: x.displayName }))} />
        <TextField name="dueOn" type="date" label={t('collaboratives.dueOn')} required />
      </div>
    </Form>
  );
}
