import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { collaborativesApi } from './api';
import { collaborativesKeys, useEngagements } from './hooks';
import { EmptyState, ErrorSummary, Field, fieldErrorsOf, type FieldErrors, LoadError, Loading, useTitle, Table } from '../../core/ui';
import { CollabFrame, formatDate, Notice } from './parts';
import type { Collab } from './types';

const methods = ['consultation', 'focus_group', 'town_hall', 'survey', 'public_forum', 'other'];

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
  const empty = { title: '', heldOn: '', place: '', method: 'consultation', audience: '', participantCount: '', themes: '', goalRefs: '', summary: '' };
  const [f, setF] = useState(empty);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [done, setDone] = useState<string>();
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const lines = (s: string) => s.split('\n').map((x) => x.trim()).filter(Boolean);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    try {
      await collaborativesApi.createEngagement(c.id, {
        title: f.title,
        heldOn: f.heldOn,
        place: f.place || null,
        method: f.method,
        audience: f.audience || null,
        participantCount: f.participantCount === '' ? null : Number(f.participantCount),
        themes: lines(f.themes),
        goalRefs: lines(f.goalRefs),
        summary: f.summary || null,
      });
      setF(empty);
      setDone(t('collaboratives.engagementAdded'));
      await client.invalidateQueries({ queryKey: collaborativesKeys.engagements(c.id) });
    } catch (err) {
      setErrors(fieldErrorsOf(err));
    }
  }
  const labels = { title: t('collaboratives.f.title'), heldOn: t('collaboratives.date'), participantCount: t('collaboratives.participants') };
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="addeng-h">
      <h2 id="addeng-h">{t('collaboratives.addEngagement')}</h2>
      <Notice text={done} />
      <ErrorSummary errors={errors} labels={labels} />
      <Field path="title" label={labels.title} required error={errors.title}>
        {(p) => <input {...p} value={f.title} onChange={set('title')} />}
      </Field>
      <div className="field-row">
        <Field path="heldOn" label={labels.heldOn} required error={errors.heldOn}>
          {(p) => <input {...p} type="date" value={f.heldOn} onChange={set('heldOn')} />}
        </Field>
        <Field path="method" label={t('collaboratives.engagementMethod')}>
          {(p) => (
            <select {...p} value={f.method} onChange={set('method')}>
              {methods.map((m) => (
                <option key={m} value={m}>
                  {t(`enums.engagementMethod.${m}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field path="participantCount" label={labels.participantCount} error={errors.participantCount}>
          {(p) => <input {...p} type="number" min={0} value={f.participantCount} onChange={set('participantCount')} />}
        </Field>
      </div>
      <Field path="place" label={t('collaboratives.place')} error={errors.place}>
        {(p) => <input {...p} value={f.place} onChange={set('place')} />}
      </Field>
      <Field path="audience" label={t('collaboratives.audience')} error={errors.audience}>
        {(p) => <input {...p} value={f.audience} onChange={set('audience')} />}
      </Field>
      <Field path="themes" label={t('collaboratives.themes')} hint={t('collaboratives.onePerLine')} error={errors.themes}>
        {(p) => <textarea {...p} rows={3} value={f.themes} onChange={set('themes')} />}
      </Field>
      <Field path="goalRefs" label={t('collaboratives.goals')} hint={t('collaboratives.goalsHint')} error={errors.goalRefs}>
        {(p) => <textarea {...p} rows={2} value={f.goalRefs} onChange={set('goalRefs')} />}
      </Field>
      <Field path="summary" label={t('collaboratives.summary')} error={errors.summary}>
        {(p) => <textarea {...p} rows={3} value={f.summary} onChange={set('summary')} />}
      </Field>
      <button type="submit" className="button button-primary">
        {t('collaboratives.addEngagement')}
      </button>
    </form>
  );
}
