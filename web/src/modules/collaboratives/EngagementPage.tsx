import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useQueryClient } from '@tanstack/react-query';
import { collaborativesApi } from './api';
import { collaborativesKeys, useEngagements } from './hooks';
import { EmptyState, LoadError, Loading, useTitle, Table } from '../../core/ui';
import { Form, SelectField, TextArea, TextField, useZodForm } from '../../core/form';
import { engagementMethods } from '../../../../src/modules/collaboratives/collaboratives.schema';
import { CollabFrame, formatDate } from './parts';
import type { Collab } from './types';

/** The server's EngagementBody as the form holds it: themes and goals one per line, empty text for none. */
const engagementSchema = z.object({
  title: z.string().trim().min(1).max(300),
  heldOn: z.string().min(1),
  place: z.string().trim().max(300),
  method: z.enum(engagementMethods),
  audience: z.string().trim().max(500),
  participantCount: z.number().int().min(0).max(1_000_000).optional(),
  themes: z.string().max(20000),
  goalRefs: z.string().max(20000),
  summary: z.string().trim().max(10000),
});
type EngagementValues = z.infer<typeof engagementSchema>;

export function EngagementPage() {
  const { t } = useTranslation();
  return <CollabFrame title={t('collaboratives.engagementTitle')}>{(c) => <Body c={c} />}</CollabFrame>;
}

function Body({ c }: { c: Collab }) {
  const { t, i18n } = useTranslation();
  useTitle(`${t('collaboratives.engagementTitle')} – ${c.shortName ?? c.name}`);
  const q = useEngagements(c.id);
  if (q.isPending) return <Loading />;
  if (q.isError) return <LoadError error={q.error} />;
  return (
    <>
      {q.data.items.length === 0 ? (
        <EmptyState title={t('collaboratives.noEngagement')} />
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('collaboratives.scrollTable')}>
          <Table>
            <caption>{t('collaboratives.engagementCaption', { count: q.data.items.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('collaboratives.f.title')}</th>
                <th scope="col">{t('collaboratives.date')}</th>
                <th scope="col">{t('collaboratives.engagementMethod')}</th>
                <th scope="col">{t('collaboratives.participants')}</th>
                <th scope="col">{t('collaboratives.themes')}</th>
                <th scope="col">{t('collaboratives.goals')}</th>
              </tr>
            </thead>
            <tbody>
              {q.data.items.map((e) => (
                <tr key={e.id}>
                  <th scope="row">
                    {e.title}
                    {e.summary ? <p className="small">{e.summary}</p> : null}
                  </th>
                  <td>
                    {formatDate(e.heldOn, i18n.language)}
                    {e.place ? ` · ${e.place}` : ''}
                  </td>
                  <td>{t(`enums.engagementMethod.${e.method}`)}</td>
                  <td>{e.participantCount ?? '—'}</td>
                  <td>{e.themes.join('; ')}</td>
                  <td>{e.goalRefs.join('; ')}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      )}
      {q.data.actions['collaborative.engagement.create'] ? <AddEngagement c={c} /> : null}
    </>
  );
}

function AddEngagement({ c }: { c: Collab }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const empty: EngagementValues = { title: '', heldOn: '', place: '', method: 'consultation', audience: '', participantCount: undefined, themes: '', goalRefs: '', summary: '' };
  const form = useZodForm(engagementSchema, { defaultValues: empty });
  const lines = (s: string) => s.split('\n').map((x) => x.trim()).filter(Boolean);
  async function submit(v: EngagementValues) {
    await collaborativesApi.createEngagement(c.id, {
      title: v.title,
      heldOn: v.heldOn,
      place: v.place || null,
      method: v.method,
      audience: v.audience || null,
      participantCount: v.participantCount ?? null,
      themes: lines(v.themes),
      goalRefs: lines(v.goalRefs),
      summary: v.summary || null,
    });
    form.reset(empty);
    await client.invalidateQueries({ queryKey: collaborativesKeys.engagements(c.id) });
    return t('collaboratives.engagementAdded');
  }
  return (
    <Form form={form} onSubmit={submit} submitLabel={t('collaboratives.addEngagement')} heading={<h2>{t('collaboratives.addEngagement')}</h2>}>
      <TextField name="title" label={t('collaboratives.f.title')} required />
      <div className="field-row">
        <TextField name="heldOn" type="date" label={t('collaboratives.date')} required />
        <SelectField name="method" label={t('collaboratives.engagementMethod')} choices={engagementMethods.map((m) => ({ value: m, label: t(`enums.engagementMethod.${m}`) }))} />
        <TextField name="participantCount" type="number" inputMode="numeric" label={t('collaboratives.participants')} />
      </div>
      <TextField name="place" label={t('collaboratives.place')} />
      <TextField name="audience" label={t('collaboratives.audience')} />
      <TextArea name="themes" label={t('collaboratives.themes')} hint={t('collaboratives.onePerLine')} />
      <TextArea name="goalRefs" label={t('collaboratives.goals')} hint={t('collaboratives.goalsHint')} rows={2} />
      <TextArea name="summary" label={t('collaboratives.summary')} />
    </Form>
  );
}
