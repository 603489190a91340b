import { useState } from 'react';
import { z } from 'zod';
import { useWatch } from 'react-hook-form';
import { CheckboxGroup, Form, SelectField, useZodForm } from '../../core/form';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { intakeApi, type AssessmentInput } from './api';
import { useAssessments, useInstruments, useIntakeMutation } from './hooks';
import { formatDateTime } from '../../core/i18n';
import { Table } from '../../core/ui';
import type { Instrument } from './types';
import { needLabel } from './parts';
import { timeXAxis, useTimeAxis } from '../../core/charts';
import { periodTime } from '../../core/timeAxis';

/** The seeded default instrument (intake.seeds.ts): chosen unless the worker picks another. */
const DEFAULT_CODE = 'common-screening';

/** The latest published version of each instrument code; drafts and retired versions take no new screenings. */
function latestPublished(items: Instrument[]) {
  const out = new Map<string, Instrument>();
  for (const i of items) if (i.status === 'published' && (out.get(i.code)?.instrumentVersion ?? 0) < i.instrumentVersion) out.set(i.code, i);
  return [...out.values()];
}

/** Screening over time (acuity by domain, chart and table), the latest needs, and a new (re)assessment. */
export function Screening({ clientId }: { clientId: string }) {
  const { t, i18n } = useTranslation();
  const instruments = useInstruments();
  const list = useAssessments(clientId);
  const screen = useIntakeMutation((body: AssessmentInput) => intakeApi.createAssessment(clientId, body));
  const choices = latestPublished(instruments.data?.items ?? []);
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState('');
  const lang = i18n.language === 'fr' ? 'fr' : 'en';
  const domains = (choices.find((i) => i.code === DEFAULT_CODE) ?? choices[0])?.definition.domains ?? [];
  // Past screenings may have used another instrument, so look the domain up in every version.
  const allDomains = [...domains, ...(instruments.data?.items ?? []).flatMap((i) => i.definition.domains)];
  const label = (code: string) => allDomains.find((d) => d.code === code)?.label[lang] ?? code;
  const items = list.data?.items ?? [];
  const used = [...new Set(items.flatMap((a) => Object.keys(a.acuity)))];
  const data = items.map((a) => ({ date: a.assessedAt.slice(0, 10), t: periodTime(a.assessedAt.slice(0, 10)), ...a.acuity }));
  const axis = useTimeAxis(data.map((d) => d.date));
  const colours = ['#1b5e20', '#0d47a1', '#b71c1c', '#4a148c', '#e65100', '#006064', '#3e2723', '#263238'];
  return (
    <section aria-labelledby="screening-title">
      <h2 id="screening-title">{t('intake.screening.title')}</h2>
      <p>{t('intake.screening.scale')}</p>
      {items.length > 0 && (
        <>
          {items.length > 1 && (
            <figure aria-labelledby="acuity-fig">
              <figcaption id="acuity-fig">{t('intake.screening.chart')}</figcaption>
              <div aria-hidden="true" style={{ width: '100%', height: 260 }}>
                <ResponsiveContainer>
                   <LineChart data={data}><CartesianGrid strokeDasharray="3 3" /><XAxis {...timeXAxis(axis)} /><YAxis domain={[1, 5]} allowDecimals={false} /><Tooltip labelFormatter={(v) => data.find((d) => d.t === v)?.date ?? ''} /><Legend />
                    {used.map((d, i) => <Line key={d} type="linear" dataKey={d} name={label(d)} stroke={colours[i % colours.length]} />)}
                  </LineChart>
                </ResponsiveContainer>
              </div>
            </figure>
          )}
          <div className="table-wrap">
            <Table>
              <caption>{t('intake.screening.table')}</caption>
              <thead><tr><th scope="col">{t('intake.screening.domain')}</th>{items.map((a) => <th scope="col" key={a.id}>{formatDateTime(a.assessedAt)} (v{a.instrumentVersion})</th>)}</tr></thead>
              <tbody>{used.map((d) => <tr key={d}><th scope="row">{label(d)}</th>{items.map((a) => <td key={a.id}>{a.acuity[d] ?? '—'}</td>)}</tr>)}</tbody>
            </Table>
          </div>
          <h3>{t('intake.screening.needs')}</h3>
          <ul>{items.at(-1)!.needs.map((n) => <li key={n.domain}>{needLabel(t, n.needCode)} · {t(`intake.urgency.${n.urgency}`)}</li>)}</ul>
        </>
      )}
      <p role="status" className={saved ? 'notice notice-success' : 'visually-hidden'}>{saved}</p>
      {!open ? <button type="button" className="button-secondary" onClick={() => { setSaved(''); setOpen(true); }} disabled={!choices.length}>{items.length ? t('intake.screening.reassess') : t('intake.screening.start')}</button> : (
        <ScreeningForm
          choices={choices}
          lang={lang}
          onCancel={() => setOpen(false)}
          onSave={async (body) => {
            await screen.mutateAsync(body);
            setOpen(false);
            setSaved(t('intake.screening.saved'));
          }}
        />
      )}
    </section>
  );
}

/** One domain's answer as the form holds it: the acuity chosen ('' when not asked) and the questions answered yes. */
const screeningSchema = z
  .object({
    instrumentId: z.string().min(1, { message: 'errors.choose' }),
    answers: z.array(z.object({ acuity: z.string(), yes: z.array(z.string()).optional() })),
  })
  .superRefine((v, ctx) => {
    if (!v.answers.some((a) => a.acuity)) ctx.addIssue({ code: 'custom', path: ['answers', 0, 'acuity'], message: 'intake.screening.answerOne' });
  });

/** A new (re)assessment: the instrument (when there is a choice), then per domain the acuity and its questions. */
function ScreeningForm({ choices, lang, onSave, onCancel }: { choices: Instrument[]; lang: 'en' | 'fr'; onSave: (body: AssessmentInput) => Promise<void>; onCancel: () => void }) {
  const { t } = useTranslation();
  const first = choices.find((i) => i.code === DEFAULT_CODE) ?? choices[0];
  const form = useZodForm(screeningSchema, { defaultValues: { instrumentId: first.id, answers: first.definition.domains.map(() => ({ acuity: '', yes: [] })) } });
  const instrumentId = useWatch({ control: form.control, name: 'instrumentId' });
  const inst = choices.find((i) => i.id === instrumentId) ?? first;
  const answers = useWatch({ control: form.control, name: 'answers' });
  const domains = inst.definition.domains;
  return (
    <Form
      form={form}
      className="form panel"
      submitLabel={t('intake.screening.save')}
      labels={{ 'answers.*.acuity': t('intake.screening.acuity') }}
      actions={<button type="button" className="button-secondary" onClick={onCancel}>{t('common.cancel')}</button>}
      onSubmit={async (v) => {
        const out: AssessmentInput['answers'] = {};
        domains.forEach((d, i) => {
          const a = v.answers[i];
          if (a?.acuity) out[d.code] = { acuity: Number(a.acuity), yes: a.yes ?? [] };
        });
        await onSave({ instrumentId: inst.id, answers: out });
      }}
    >
      {choices.length > 1 && (
        <SelectField name="instrumentId" label={t('intake.instruments.choose')} choices={choices.map((i) => ({ value: i.id, label: t('intake.instruments.choice', { name: i.name, version: i.instrumentVersion }) }))}
          options={{ onChange: (e: { target: { value: string } }) => {
            const next = choices.find((i) => i.id === e.target.value);
            form.setValue('answers', (next ?? first).definition.domains.map(() => ({ acuity: '', yes: [] })));
          } }} />
      )}
      {domains.map((d, i) => (
        <fieldset key={`${inst.id}-${d.code}`}>
          <legend>{d.label[lang]}</legend>
          <SelectField name={`answers.${i}.acuity`} label={`${t('intake.screening.acuity')}`} placeholder={t('intake.screening.notAsked')}
            choices={[1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: `${n} – ${t(`intake.acuity.${n}`)}` }))} />
          {d.questions.length > 0 && (
            <CheckboxGroup name={`answers.${i}.yes`} label={t('intake.screening.questions', { domain: d.label[lang] })}
              options={{ disabled: !answers?.[i]?.acuity }}
              choices={d.questions.map((q) => ({ value: q.id, label: q.text[lang] }))} />
          )}
        </fieldset>
      ))}
    </Form>
  );
}
