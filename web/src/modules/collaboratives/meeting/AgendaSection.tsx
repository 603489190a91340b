import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useFieldArray } from 'react-hook-form';
import { z } from 'zod';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../../core/api';
import { collaborativesApi } from '../api';
import { Form, SelectField, TextField, useZodForm } from '../../../core/form';
import type { Collab, Meeting } from '../types';
import { refreshCollab } from './shared';

const KINDS = ['decision', 'discussion', 'information'] as const;

const schema = z.object({
  items: z.array(z.object({ id: z.string().optional(), title: z.string().trim().min(1), kind: z.enum(KINDS), presenter: z.string() })),
});
type Values = z.input<typeof schema>;

/** The agenda: read as a list, or edited as repeated rows by those who manage the meeting. */
export function AgendaSection({ c, m, manage }: { c: Collab; m: Meeting; manage: boolean }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="agenda-h">
      <h2 id="agenda-h">{t('collaboratives.agenda')}</h2>
      {m.seeksNoDecision ? (
        <p className="notice notice-warning" role="note">
          <strong>{t('collaboratives.earnTitle')}</strong> {t('collaboratives.earnText')}
        </p>
      ) : null}
      {!manage ? (
        <ol>
          {m.agenda.map((a) => (
            <li key={a.id}>
              {a.title} <span className="tag">{t(`enums.agendaKind.${a.kind}`)}</span>
              {a.presenter ? <span className="muted"> · {a.presenter}</span> : null}
            </li>
          ))}
        </ol>
      ) : (
        <AgendaForm c={c} m={m} />
      )}
    </section>
  );
}

function AgendaForm({ c, m }: { c: Collab; m: Meeting }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const fromMeeting = (): Values => ({ items: m.agenda.map((a) => ({ id: a.id, title: a.title, kind: a.kind, presenter: a.presenter ?? '' })) });
  const form = useZodForm(schema, { defaultValues: fromMeeting() });
  const { fields, append, remove } = useFieldArray({ control: form.control, name: 'items' });
  // A saved (or someone else's) new version replaces what is shown.
  useEffect(() => {
    form.reset(fromMeeting());
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [m.version]);
  return (
    <Form
      form={form}
      className="agenda-form"
      labels={{ 'items.#': t('collaboratives.itemN', { n: '#' }), items: t('collaboratives.agenda') }}
      submitLabel={t('collaboratives.saveAgenda')}
      onSubmit={async (v) => {
        await collaborativesApi.saveAgenda(c.id, m.id, { version: m.version, items: v.items.map((r) => ({ id: r.id, title: r.title, kind: r.kind, presenter: r.presenter.trim() ? r.presenter : null })) });
        await refreshCollab(client, c);
        return t('collaboratives.agendaSaved');
      }}
      onError={(err) => {
        if (err instanceof ApiError && err.status === 409) {
          void refreshCollab(client, c);
          return t('collaboratives.agendaConflict');
        }
        return undefined;
      }}
      actions={
        <button type="button" className="button-secondary" onClick={() => append({ title: '', kind: 'discussion', presenter: '' }, { shouldFocus: true, focusName: `items.${fields.length}.title` })}>
          {t('collaboratives.addItem')}
        </button>
      }
    >
      {fields.map((f, i) => (
        <fieldset key={f.id} className="repeat-group">
          <legend>{t('collaboratives.itemN', { n: i + 1 })}</legend>
          <div className="field-row">
            <TextField name={`items.${i}.title`} label={t('collaboratives.itemTitle')} required />
            <SelectField name={`items.${i}.kind`} label={t('collaboratives.itemKind')} choices={KINDS.map((k) => ({ value: k, label: t(`enums.agendaKind.${k}`) }))} />
            <TextField name={`items.${i}.presenter`} label={t('collaboratives.presenter')} />
          </div>
          <button type="button" className="link-button" onClick={() => remove(i)}>
            {t('collaboratives.removeItem', { n: i + 1 })}
          </button>
        </fieldset>
      ))}
    </Form>
  );
}
