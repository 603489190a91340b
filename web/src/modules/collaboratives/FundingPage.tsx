import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useQueryClient } from '@tanstack/react-query';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { schemeTableau10 } from 'd3-scale-chromatic';
import { collaborativesApi } from './api';
import { collaborativesKeys, useFunding } from './hooks';
import { Form, SelectField, TextField, useZodForm } from '../../core/form';
import { EmptyState, LoadError, Loading, useTitle, Table } from '../../core/ui';
import { CollabFrame, formatDate, formatMoney } from './parts';
import type { Collab } from './types';
import { timeXAxis } from '../../core/charts';
import { periodTime, timeAxis } from '../../core/timeAxis';

const fundingTypes = ['membership_fees', 'foundation', 'grant', 'municipal_line_item', 'service_manager_agreement', 'contribution_agreement', 'in_kind'];

const fundingSchema = z
  .object({
    funderName: z.string().trim().min(1).max(300),
    type: z.string(),
    amount: z.number().min(0).max(1e12),
    startsOn: z.string().min(1),
    endsOn: z.string().min(1),
    purpose: z.string(),
    obligationTitle: z.string().trim().max(300),
    obligationDue: z.string(),
  })
  .superRefine((v, ctx) => {
    if (v.startsOn && v.endsOn && v.endsOn < v.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'collaboratives.endBeforeStart' });
    if (v.obligationTitle && !v.obligationDue) ctx.addIssue({ code: 'custom', path: ['obligationDue'], message: 'errors.required' });
    if (v.obligationDue && !v.obligationTitle) ctx.addIssue({ code: 'custom', path: ['obligationTitle'], message: 'errors.required' });
  });

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
                  {s.leadRecipientName ? ` · ${t('collaboratives.leadRecipient')}${t('common.colon')}${s.leadRecipientName}` : ''}
                </p>
                {s.purposeNote ? <p className="small">{s.purposeNote}</p> : null}
                {s.obligations.length ? (
                  <ul>
                    {s.obligations.map((o) => (
                      <li key={o.id}>
                        {o.title} — {t('collaboratives.due', { date: formatDate(o.dueOn, lng) })}
                        {o.submittedOn ? ` · ${t('collaboratives.submitted', { date: formatDate(o.submittedOn, lng) })}` : ''}
                        {o.overdue ? <strong className="badge badge-closed"> {t('collaboratives.overdue')}</strong> : null}
                        {c.actions['collaborative.funding.update'] && !o.submittedOn ? <SubmitButton c={c} id={o.id} title={o.title} /> : null}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </article>
            ))}
          </section>
        </>
      )}
      {c.actions['collaborative.funding.create'] ? <AddFunding c={c} /> : null}
    </>
  );
}

function AddFunding({ c }: { c: Collab }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const empty = { funderName: '', type: 'grant', amount: '' as unknown as number, startsOn: '', endsOn: '', purpose: 'project', obligationTitle: '', obligationDue: '' };
  const form = useZodForm(fundingSchema, { defaultValues: empty });
  return (
    <Form
      form={form}
      heading={<h2 id="addfund-h">{t('collaboratives.addFunding')}</h2>}
      labels={{ 'obligations.0.title': t('collaboratives.obligation'), 'obligations.0.dueOn': t('collaboratives.obligationDue'), obligations: t('collaboratives.obligation') }}
      submitLabel={t('collaboratives.addFunding')}
      onSubmit={async (f) => {
        await collaborativesApi.createFundingSource(c.id, {
          funderName: f.funderName,
          type: f.type,
          amount: f.amount,
          startsOn: f.startsOn,
          endsOn: f.endsOn,
          purpose: f.purpose,
          obligations: f.obligationTitle ? [{ title: f.obligationTitle, dueOn: f.obligationDue }] : [],
        });
        form.reset(empty);
        await client.invalidateQueries({ queryKey: collaborativesKeys.one(c.id) });
        return t('collaboratives.fundingAdded');
      }}
    >
      <TextField name="funderName" label={t('collaboratives.funder')} required />
      <div className="field-row">
        <SelectField name="type" label={t('collaboratives.fundingType')} choices={fundingTypes.map((x) => ({ value: x, label: t(`enums.fundingType.${x}`) }))} />
        <TextField name="amount" type="number" inputMode="decimal" label={t('collaboratives.amount')} required />
        <SelectField name="purpose" label={t('collaboratives.purpose')} choices={['backbone', 'project'].map((x) => ({ value: x, label: t(`enums.fundingPurpose.${x}`) }))} />
      </div>
      <div className="field-row">
        <TextField name="startsOn" type="date" label={t('collaboratives.f.startDate')} required />
        <TextField name="endsOn" type="date" label={t('collaboratives.f.endDate')} required />
      </div>
      <div className="field-row">
        <TextField name="obligationTitle" label={t('collaboratives.obligation')} />
        <TextField name="obligationDue" type="date" label={t('collaboratives.obligationDue')} />
      </div>
    </Form>
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
