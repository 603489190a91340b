import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, csrfHeaders, readNdjson, qs } from '../../core/api';
import { isPlatformAdmin, useUser } from '../../core/session';
import { EmptyState, Field, useTitle, Table } from '../../core/ui';
import './data.css';

interface Summary {
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  encoding: string;
  format: string;
  skipped?: number;
  unknownPlaces?: string[];
  changes: { line: number; kind: 'create' | 'update'; before?: { value: number | null; status: string } }[];
}
interface Problem {
  title: string;
  rowErrors?: { line: number; field: string; message: string }[];
  errors?: { field: string; message: string }[];
}
type Line = { type: 'progress'; label: string; total: number; done: number } | { type: 'result'; summary: Summary } | { type: 'error'; problem: Problem };

/** Import observations from a tidy CSV or a Census Profile CSV, with a dry run first. */
export function DataImportPage() {
  const { t } = useTranslation();
  useTitle(t('data.importTitle'));
  const user = useUser();
  const collaboratives = useQuery({ queryKey: ['collaboratives'], queryFn: () => api.get<{ items: { id: string; name: string; myRoles: string[] }[] }>('/collaboratives') });
  const admin = isPlatformAdmin(user);
  const managed = collaboratives.data?.items.filter((c) => admin || c.myRoles.includes('coordinator')) ?? [];
  const file = useRef<HTMLInputElement>(null);
  const [format, setFormat] = useState<'tidy' | 'census'>('tidy');
  const [partition, setPartition] = useState<string>('');
  const [dryRun, setDryRun] = useState(true);
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<{ label: string; total: number; done: number }>();
  const [summary, setSummary] = useState<Summary>();
  const [problem, setProblem] = useState<Problem>();
  const [fileError, setFileError] = useState<string>();

  if (!admin && !user?.roles.some((r) => r.role === 'coordinator')) {
    return (
      <EmptyState title={t('data.importTitle')}>
        <p>{t('data.importWho')}</p>
      </EmptyState>
    );
  }
  const collaborativeId = partition || (admin ? '' : managed[0]?.id ?? '');

  async function submit(e: FormEvent) {
    e.preventDefault();
    const chosen = file.current?.files?.[0];
    if (!chosen) {
      setFileError(t('data.chooseFile'));
      file.current?.focus();
      return;
    }
    setFileError(undefined);
    setRunning(true);
    setSummary(undefined);
    setProblem(undefined);
    setProgress(undefined);
    const body = new FormData();
    body.append('file', chosen, chosen.name);
    try {
      const res = await fetch(`/api/v1/data/import${qs({ dryRun: String(dryRun), format, collaborativeId: collaborativeId || undefined })}`, { method: 'POST', body, credentials: 'same-origin', headers: csrfHeaders() });
      if (!res.ok || !res.body) {
        setProblem(await res.json().catch(() => ({ title: t('errors.generic') })));
        return;
      }
      await readNdjson<Line>(res, (line) => {
        if (line.type === 'progress') setProgress(line);
        else if (line.type === 'result') setSummary(line.summary);
        else setProblem(line.problem);
      });
    } catch {
      setProblem({ title: t('errors.generic') });
    } finally {
      setRunning(false);
    }
  }

  const rowErrors = problem?.rowErrors ?? [];
  return (
    <>
      <nav aria-label={t('data.breadcrumb')} className="breadcrumbs">
        <ol>
          <li><Link to="/data">{t('data.title')}</Link></li>
          <li aria-current="page">{t('data.importTitle')}</li>
        </ol>
      </nav>
      <h1>{t('data.importTitle')}</h1>
      <p className="lead">{t('data.importLead')}</p>
      <form onSubmit={submit} noValidate>
        <Field path="file" label={t('data.file')} hint={t('data.fileHint')} error={fileError}>
          {(props) => <input ref={file} {...props} type="file" accept=".csv,text/csv" />}
        </Field>
        <fieldset>
          <legend>{t('data.format')}</legend>
          {(['tidy', 'census'] as const).map((f) => (
            <div className="field checkbox" key={f}>
              <input type="radio" id={`format-${f}`} name="format" checked={format === f} onChange={() => setFormat(f)} />
              <label htmlFor={`format-${f}`}>{t(`data.formats.${f}`)}</label>
            </div>
          ))}
        </fieldset>
        <Field path="partition" label={t('data.partition')} hint={t('data.partitionHint')}>
          {(props) => (
            <select {...props} value={collaborativeId} onChange={(e) => setPartition(e.target.value)}>
              {admin ? <option value="">{t('data.publicData')}</option> : null}
              {managed.map((c) => (
                <option key={c.id} value={c.id}>{t('data.privateTo', { name: c.name })}</option>
              ))}
            </select>
          )}
        </Field>
        <div className="field checkbox">
          <input id="data-dry-run" type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} />
          <label htmlFor="data-dry-run">{t('data.dryRun')}</label>
        </div>
        <button type="submit" className="button-primary" disabled={running}>
          {running ? t('data.importing') : dryRun ? t('data.check') : t('data.import')}
        </button>
      </form>
      <div aria-live="polite">
        {progress && running ? (
          <p>
            <label htmlFor="data-progress">{t('data.progress', progress)}</label>
            <br />
            <progress id="data-progress" max={Math.max(progress.total, 1)} value={progress.done} />
          </p>
        ) : null}
        {summary ? (
          <section>
            <p className="notice notice-success" role="status">
              {t(summary.dryRun ? 'data.dryDone' : 'data.importDone', { rows: summary.rows, created: summary.created, updated: summary.updated, unchanged: summary.unchanged })}
            </p>
            <p className="small muted">{t('data.encodingUsed', { encoding: summary.encoding })}{summary.skipped ? ` ${t('data.skipped', { n: summary.skipped })}` : ''}</p>
            {summary.unknownPlaces?.length ? <p className="small">{t('data.unknownPlaces', { places: summary.unknownPlaces.join(', ') })}</p> : null}
            {summary.changes.length > 0 ? (
              <Table className="data-table">
                <caption>{t('data.changesCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('data.line')}</th>
                    <th scope="col">{t('data.change')}</th>
                    <th scope="col">{t('data.before')}</th>
                  </tr>
                </thead>
                <tbody>
                  {summary.changes.slice(0, 100).map((c) => (
                    <tr key={c.line}>
                      <th scope="row">{c.line}</th>
                      <td>{t(`data.changeKinds.${c.kind}`)}</td>
                      <td>{c.before ? `${c.before.value ?? '—'} (${t(`data.statuses.${c.before.status}`)})` : ''}</td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            ) : null}
          </section>
        ) : null}
        {problem ? (
          <div className="notice notice-error" role="alert">
            <p><strong>{problem.title}</strong></p>
            {rowErrors.length ? (
              <Table className="data-table">
                <caption>{t('data.badRowsCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('data.line')}</th>
                    <th scope="col">{t('data.column')}</th>
                    <th scope="col">{t('data.problem')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rowErrors.slice(0, 200).map((e, i) => (
                    <tr key={i}>
                      <th scope="row">{e.line}</th>
                      <td>{e.field}</td>
                      <td>{e.message}</td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            ) : problem.errors?.length ? (
              <ul>{problem.errors.map((e, i) => <li key={i}>{e.message}</li>)}</ul>
            ) : null}
          </div>
        ) : null}
      </div>
    </>
  );
}
