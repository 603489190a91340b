import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../core/api';
import { z } from 'zod';
import { CheckboxField, Form, formText, useZodForm } from '../../core/form';
import { fieldWords } from '../../core/labels';
import { Field, LoadError, Loading, useTitle, Table } from '../../core/ui';
import type { ImportResult } from './api';
import { useLocalized, usePlan, useStrategyMutation } from './hooks';
import { PlanTabs } from './parts';

const importSchema = z.object({ csv: z.string().min(1, 'strategy.import.chooseFile').max(2_000_000, 'strategy.import.tooLarge'), dryRun: z.boolean() });

/** Bulk update of action progress and measure values from a CSV, with a dry run first. */
export function ImportPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const loc = useLocalized();
  const plan = usePlan(id);
  const [fileName, setFileName] = useState('');
  const form = useZodForm(importSchema, { defaultValues: { csv: '', dryRun: true } });
  const checkOnly = form.watch('dryRun');
  const run = useStrategyMutation((v: z.output<typeof importSchema>) => api.post<ImportResult>(`/strategy/plans/${id}/import`, v));
  useTitle(t('strategy.import.title'));
  if (plan.isPending) return <Loading />;
  if (plan.isError) return <LoadError error={plan.error} />;
  const r = run.data;
  return (
    <>
      <p className="breadcrumbs">
        <Link to={`/strategy/plans/${id}`}>{loc(plan.data.title, plan.data.titleFr)}</Link>
      </p>
      <h1>{t('strategy.import.title')}</h1>
      <PlanTabs planId={id} />
      <p>{t('strategy.import.lead')}</p>
      <p>
        <a href={`/api/v1/strategy/plans/${id}/update-sheet.csv`} download>
          {t('strategy.import.sheet')}
        </a>
      </p>
      <details>
        <summary>{t('strategy.import.columnsTitle')}</summary>
        <p className="small">{t('strategy.import.columns')}</p>
      </details>
      {!plan.data.actions['strategy.plan.update'] ? (
        <p className="notice">{t('strategy.import.manageOnly')}</p>
      ) : (
        <Form
          form={form}
          labels={{ csv: t('strategy.import.file') }}
          submitLabel={checkOnly ? t('strategy.import.check') : t('strategy.import.apply')}
          onSubmit={async (v) => {
            await run.mutateAsync(v);
          }}
        >
          <Field path="csv" label={t('strategy.import.file')} required error={formText(form.formState.errors.csv?.message)}>
            {(p) => (
              <input
                {...p}
                type="file"
                accept=".csv,text/csv"
                onChange={async (e) => {
                  const file = e.target.files?.[0];
                  const text = file ? await file.text() : '';
                  run.reset();
                  form.setValue('csv', text, { shouldValidate: form.formState.isSubmitted });
                  setFileName(file?.name ?? '');
                }}
              />
            )}
          </Field>
          {fileName ? <p className="small">{fileName}</p> : null}
          <CheckboxField name="dryRun" label={t('strategy.import.checkOnly')} />
        </Form>
      )}
      {r ? (
        <section aria-labelledby="import-result" aria-live="polite">
          <h2 id="import-result">{t('strategy.import.result')}</h2>
          {r.errors.length ? (
            <div className="notice notice-error" role="alert">
              <p>{t('strategy.import.hasErrors')}</p>
              <ul>
                {r.errors.map((e, i) => (
                  <li key={i}>
                    {t('strategy.import.row', { row: e.row })} {fieldWords(e.field)}{t('common.colon')}{e.message}
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <p className="notice notice-success" role="status">
              {r.applied ? t('strategy.import.applied', { count: r.changes.length }) : t('strategy.import.dry', { count: r.changes.length })}
            </p>
          )}
          {r.changes.length ? (
            <div className="table-wrap" tabIndex={0}>
              <Table>
                <caption>{t('strategy.import.changesCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('strategy.import.rowHeader')}</th>
                    <th scope="col">{t('strategy.import.item')}</th>
                    <th scope="col">{t('strategy.import.field')}</th>
                    <th scope="col">{t('strategy.history.before')}</th>
                    <th scope="col">{t('strategy.history.after')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.changes.map((c, i) => (
                    <tr key={i}>
                      <th scope="row">{c.row}</th>
                      <td>{c.target}</td>
                      <td>{fieldWords(c.field)}</td>
                      <td>{c.before ?? '–'}</td>
                      <td>{c.after}</td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            </div>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
