import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { intakeApi, type AssessmentInput } from './api';
import { useAssessments, useInstruments, useIntakeMutation } from './hooks';
import { formatDateTime } from '../../core/i18n';
import { ErrorSummary, fieldErrorsOf, type FieldErrors, Table } from '../../core/ui';
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
  const [chosen, setChosen] = useState<string>();
  const inst = choices.find((i) => i.id === chosen) ?? choices.find((i) => i.code === DEFAULT_CODE) ?? choices[0];
  const [answers, setAnswers] = useState<Record<string, { acuity: number; yes: string[] }>>({});
  const [open, setOpen] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const lang = i18n.language === 'fr' ? 'fr' : 'en';
  const domains = inst?.definition.domains ?? [];
  // Past screenings may have used another instrument, so look the domain up in every version.
  const allDomains = [...domains, ...(instruments.data?.items ?? []).flatMap((i) => i.definition.domains)];
  const label = (code: string) => allDomains.find((d) => d.code === code)?.label[lang] ?? code;
  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      await screen.mutateAsync({ instrumentId: inst!.id, answers });
      setOpen(false);
      setAnswers({});
    } catch (err) { setErrors(fieldErrorsOf(err)); }
  }
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
      {!open ? <button type="button" className="button-secondary" onClick={() => setOpen(true)} disabled={!inst}>{items.length ? t('intake.screening.reassess') : t('intake.screening.start')}</button> : (
        <form className="form panel" onSubmit={submit} noValidate>
          <ErrorSummary errors={errors} labels={{ instrumentId: t('intake.instruments.choose') }} />
          {choices.length > 1 && (
            <div className="field">
              <label htmlFor="field-instrumentId">{t('intake.instruments.choose')}</label>
              <select id="field-instrumentId" value={inst?.id ?? ''} onChange={(e) => { setChosen(e.target.value); setAnswers({}); }}>
                {choices.map((i) => <option key={i.id} value={i.id}>{t('intake.instruments.choice', { name: i.name, version: i.instrumentVersion })}</option>)}
              </select>
            </div>
          )}
          {domains.map((d) => (
            <fieldset key={d.code}>
              <legend>{d.label[lang]}</legend>
              <label htmlFor={`acuity-${d.code}`}>{t('intake.screening.acuity')}</label>
              <select id={`acuity-${d.code}`} value={answers[d.code]?.acuity ?? ''} onChange={(e) => {
                const v = Number(e.target.value);
                const next = { ...answers };
                if (v) next[d.code] = { acuity: v, yes: answers[d.code]?.yes ?? [] }; else delete next[d.code];
                setAnswers(next);
              }}>
                <option value="">{t('intake.screening.notAsked')}</option>
                {[1, 2, 3, 4, 5].map((n) => <option key={n} value={n}>{n} – {t(`intake.acuity.${n}`)}</option>)}
              </select>
              {d.questions.map((q) => (
                <p key={q.id}><label><input type="checkbox" disabled={!answers[d.code]} checked={!!answers[d.code]?.yes.includes(q.id)} onChange={(e) => {
                  const a = answers[d.code];
                  setAnswers({ ...answers, [d.code]: { ...a, yes: e.target.checked ? [...a.yes, q.id] : a.yes.filter((x) => x !== q.id) } });
                }} /> {q.text[lang]}</label></p>
              ))}
            </fieldset>
          ))}
          <div className="form-actions"><button type="submit" className="button-primary">{t('intake.screening.save')}</button> <button type="button" className="button-secondary" onClick={() => setOpen(false)}>{t('common.cancel')}</button></div>
        </form>
      )}
    </section>
  );
}
