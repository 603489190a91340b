import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { schemeTableau10 } from 'd3-scale-chromatic';
import { collaborativesApi } from './api';
import { collaborativesKeys, useFunding } from './hooks';
import { EmptyState, ErrorSummary, Field, fieldErrorsOf, type FieldErrors, LoadError, Loading, useTitle, Table } from '../../core/ui';
import { CollabFrame, formatDate, formatMoney, Notice } from './parts';
import type { Collab } from './types';
import { timeXAxis } from '../../core/charts';
import { periodTime, timeAxis } from '../../core/timeAxis';

const fundingTypes = ['membership_fees', 'foundation', 'grant', 'municipal_line_item', 'service_manager_agreement', 'contribution_agreement', 'in_kind'];

export function FundingPage() {
  const { t } = useTranslation();
  return <CollabFrame title={t('collaboratives.fundingTitle')}>{(c) => <FundingBody c={c} />}</CollabFrame>;
}

function FundingBody({ c }: { c: Collab }) {
  const { t, i18n } = useTranslation();
  useTitle(`${t('collaboratives.fundingTitle')} – ${c.shortName ?? c.name}`);
  const q = useFunding(c.id);
  if (q.isPending) return <Loading />;
  if (q.isError) return <LoadError error={q.error} />;
  const f = q.data;
  const lng = i18n.language;
  const types = [...new Set(f.byYear.map((b) => b.type))];
  const rows = f.years.map((y) => ({ year: String(y), t: periodTime(String(y)), ...Object.fromEntries(types.map((tp) => [tp, f.byYear.find((b) => b.year === y && b.type === tp)?.amount ?? 0])) }));
  const axis = timeAxis(rows.map((r) => r.year), lng);
  return (
    <>
      {f.sources.length === 0 ? (
        <EmptyState title={t('collaboratives.noFunding')} />
      ) : (
        <>
          <section aria-labelledby="chart-h">
            <h2 id="chart-h">{t('collaboratives.fundingByYear')}</h2>
            <figure aria-describedby="funding-table-caption">
              <div style={{ width: '100%', height: 320 }} aria-hidden="true">
                <ResponsiveContainer>
                  <BarChart data={rows} accessibilityLayer={false}>
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis {...timeXAxis(axis)} />
                    <YAxis tickFormatter={(v: number) => formatMoney(v, lng)} width={90} />
                    <Tooltip labelFormatter={(v) => rows.find((r) => r.t === v)?.year ?? ''} formatter={(v) => formatMoney(Number(v), lng)} />
                    <Legend />
                    {types.map((tp, i) => (
                      <Bar key={tp} dataKey={tp} stackId="a" name={t(`enums.fundingType.${tp}`)} fill={schemeTableau10[i % 10]} />
                    ))}
                  </BarChart>
                </ResponsiveContainer>
              </div>
              <figcaption className="small">{t('collaboratives.chartNote')}</figcaption>
            </figure>
            <div className="table-wrap" tabIndex={0} role="region" aria-label={t('collaboratives.scrollTable')}>
              <Table>
                <caption id="funding-table-caption">{t('collaboratives.fundingTableCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('collaboratives.year')}</th>
                    {types.map((tp) => (
                      <th scope="col" key={tp}>
                        {t(`enums.fundingType.${tp}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.year}>
                      <th scope="row">{r.year}</th>
                      {types.map((tp) => (
                        <td key={tp}>{formatMoney((r as unknown as Record<string, number>)[tp], lng)}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </Table>
            </div>
          </section>
          <section aria-labelledby="sources-h">
            <h2 id="sources-h">{t('collaboratives.sources')}</h2>
            {f.sources.map((s) => (
              <article key={s.id} className="panel">
                <h3>
                  {s.funderName} <span className="tag">{t(`enums.fundingType.${s.type}`)}</span>
                </h3>
                <p>
                  {formatMoney(s.amount, lng, s.currency)} · {formatDate(s.startsOn, lng)} – {formatDate(s.endsOn, lng)} · {t(`enums.fundingPurpose.${s.purpose}`)}
                  {s.leadRecipientName ? ` · ${t('collaboratives.leadRecipient')}: ${s.leadRecipientName}` : ''}
                </p>
                {s.purposeNote ? <p className="small">{s.purposeNote}</p> : null}
                {s.obligations.length ? (
                  <ul>
                    {s.obligations.map((o) => (
                      <li key={o.id}>
                        {o.title} — {t('collaboratives.due', { date: formatDate(o.dueOn, lng) })}
                        {o.submittedOn ? ` · ${t('collaboratives.submitted', { date: formatDate(o.submittedOn, lng) })}` : ''}
                        {o.overdue ? <strong className="badge badge-closed"> {t('collaboratives.overdue')}</strong> : null}
                        {c.access === 'manage' && !o.submittedOn ? <SubmitButton c={c} id={o.id} title={o.title} /> : null}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </article>
            ))}
          </section>
        </>
      )}
      {c.access === 'manage' ? <AddFunding c={c} /> : null}
    </>
  );
}

function AddFunding({ c }: { c: Collab }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const empty = { funderName: '', type: 'grant', amount: '', startsOn: '', endsOn: '', purpose: 'project', obligationTitle: '', obligationDue: '' };
  const [f, setF] = useState(empty);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [done, setDone] = useState<string>();
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const labels = { funderName: t('collaboratives.funder'), amount: t('collaboratives.amount'), startsOn: t('collaboratives.f.startDate'), endsOn: t('collaboratives.f.endDate'), 'obligations.0.dueOn': t('collaboratives.obligationDue') };
  async function submit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    try {
      await collaborativesApi.createFundingSource(c.id, {
        funderName: f.funderName,
        type: f.type,
        amount: f.amount === '' ? -1 : Number(f.amount),
        startsOn: f.startsOn,
        endsOn: f.endsOn,
        purpose: f.purpose,
        obligations: f.obligationTitle ? [{ title: f.obligationTitle, dueOn: f.obligationDue }] : [],
      });
      setF(empty);
      setDone(t('collaboratives.fundingAdded'));
      await client.invalidateQueries({ queryKey: collaborativesKeys.one(c.id) });
    } catch (err) {
      setErrors(fieldErrorsOf(err));
    }
  }
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="addfund-h">
      <h2 id="addfund-h">{t('collaboratives.addFunding')}</h2>
      <Notice text={done} />
      <ErrorSummary errors={errors} labels={labels} />
      <Field path="funderName" label={labels.funderName} required error={errors.funderName}>
        {(p) => <input {...p} value={f.funderName} onChange={set('funderName')} />}
      </Field>
      <div className="field-row">
        <Field path="type" label={t('collaboratives.fundingType')}>
          {(p) => (
            <select {...p} value={f.type} onChange={set('type')}>
              {fundingTypes.map((x) => (
                <option key={x} value={x}>
                  {t(`enums.fundingType.${x}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field path="amount" label={labels.amount} required error={errors.amount}>
          {(p) => <input {...p} type="number" min={0} step="0.01" value={f.amount} onChange={set('amount')} />}
        </Field>
        <Field path="purpose" label={t('collaboratives.purpose')}>
          {(p) => (
            <select {...p} value={f.purpose} onChange={set('purpose')}>
              <option value="backbone">{t('enums.fundingPurpose.backbone')}</option>
              <option value="project">{t('enums.fundingPurpose.project')}</option>
            </select>
          )}
        </Field>
      </div>
      <div className="field-row">
        <Field path="startsOn" label={labels.startsOn} required error={errors.startsOn}>
          {(p) => <input {...p} type="date" value={f.startsOn} onChange={set('startsOn')} />}
        </Field>
        <Field path="endsOn" label={labels.endsOn} required error={errors.endsOn}>
          {(p) => <input {...p} type="date" value={f.endsOn} onChange={set('endsOn')} />}
        </Field>
      </div>
      <div className="field-row">
        <Field path="obligations.0.title" label={t('collaboratives.obligation')} error={errors['obligations.0.title']}>
          {(p) => <input {...p} value={f.obligationTitle} onChange={set('obligationTitle')} />}
        </Field>
        <Field path="obligations.0.dueOn" label={labels['obligations.0.dueOn']} error={errors['obligations.0.dueOn']}>
          {(p) => <input {...p} type="date" value={f.obligationDue} onChange={set('obligationDue')} />}
        </Field>
      </div>
      <button type="submit" className="button button-primary">
        {t('collaboratives.addFunding')}
      </button>
    </form>
  );
}

function SubmitButton({ c, id, title }: { c: Collab; id: string; title: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  return (
    <button
      type="button"
      className="link-button"
      onClick={async () => {
        await collaborativesApi.markObligation(c.id, id, new Date().toISOString().slice(0, 10));
        await client.invalidateQueries({ queryKey: collaborativesKeys.one(c.id) });
      }}
    >
      {t('collaboratives.markSubmitted', { title })}
    </button>
  );
}
