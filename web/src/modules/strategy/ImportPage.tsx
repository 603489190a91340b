import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../core/api';
import { LoadError, Loading, useTitle, Table } from '../../core/ui';
import type { ImportResult } from './api';
import { useLocalized, usePlan, useStrategyMutation } from './hooks';
import { PlanTabs } from './parts';

/** Bulk update of action progress and measure values from a CSV, with a dry run first. */
export function ImportPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const loc = useLocalized();
  const plan = usePlan(id);
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState('');
  const [checkOnly, setCheckOnly] = useState(true);
  const [missing, setMissing] = useState(false);
  const run = useStrategyMutation((dryRun: boolean) => api.post<ImportResult>(`/strategy/plans/${id}/import`, { csv, dryRun }));
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
      {!plan.data.actions.manage ? (
        <p className="notice">{t('strategy.import.manageOnly')}</p>
      ) : (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!csv) return setMissing(true);
            setMissing(false);
            run.mutate(checkOnly);
          }}
        >
          {missing ? (
            <div className="error-summary" role="alert">
              <p>{t('strategy.import.chooseFile')}</p>
            </div>
          ) : null}
          <div className="field">
            <label htmlFor="csv-file">{t('strategy.import.file')}</label>
            <input
              id="csv-file"
              type="file"
              accept=".csv,text/csv"
              onChange={async (e) => {
                const file = e.target.files?.[0];
                const text = file ? await file.text() : '';
                run.reset();
                setCsv(text);
                setFileName(file?.name ?? '');
              }}
            />
            {fileName ? <p className="small">{fileName}</p> : null}
          </div>
          <div className="checkbox">
            <input id="check-only" type="checkbox" checked={checkOnly} onChange={(e) => setCheckOnly(e.target.checked)} />
            <label htmlFor="check-only">{t('strategy.import.checkOnly')}</label>
          </div>
          <button type="submit" className="button button-primary" disabled={run.isPending}>
            {checkOnly ? t('strategy.import.check') : t('strategy.import.apply')}
          </button>
        </form>
      )}
      {run.isError ? <LoadError error={run.error} /> : null}
      {r ? (
        <section aria-labelledby="import-result" aria-live="polite">
          <h2 id="import-result">{t('strategy.import.result')}</h2>
          {r.errors.length ? (
            <div className="notice notice-error" role="alert">
              <p>{t('strategy.import.hasErrors')}</p>
              <ul>
                {r.errors.map((e, i) => (
                  <li key={i}>
                    {t('strategy.import.row', { row: e.row })} <code>{e.field}</code>: {e.message}
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
                      <td>{c.field}</td>
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
