import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DirectoryBreadcrumb } from './parts';
import { csrfHeaders, readNdjson } from '../../core/api';
import { isPlatformAdmin, useUser } from '../../core/session';
import { EmptyState, Field, useTitle } from '../../core/ui';
import { ImportReport, type ReportEntry } from './ImportReport';

interface Counts {
  created: number;
  updated: number;
  unchanged: number;
}
interface Summary {
  dryRun: boolean;
  services: number;
  tables: Record<string, Counts>;
  skipInvalid?: boolean;
  report?: ReportEntry[];
}
type Line =
  | { type: 'progress'; label: string; total: number; done: number }
  | { type: 'result'; summary: Summary }
  | { type: 'error'; problem: { title: string; errors?: { field: string; message: string }[] } };

/** Upload an HSDS datapackage; the server streams progress lines while it imports. */
export function ImportPage() {
  const { t } = useTranslation();
  useTitle(t('directory.importTitle'));
  const user = useUser();
  const files = useRef<HTMLInputElement>(null);
  const [dryRun, setDryRun] = useState(true);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<{ label: string; total: number; done: number }>();
  const [summary, setSummary] = useState<Summary>();
  const [problem, setProblem] = useState<{ title: string; errors: { field: string; message: string }[] }>();
  const [fileError, setFileError] = useState<string>();

  if (!isPlatformAdmin(user)) {
    return (
      <EmptyState title={t('directory.importTitle')}>
        <p>{t('directory.importAdminsOnly')}</p>
      </EmptyState>
    );
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const chosen = files.current?.files;
    if (!chosen || chosen.length === 0) {
      setFileError(t('directory.importChooseFiles'));
      files.current?.focus();
      return;
    }
    setFileError(undefined);
    setRunning(true);
    setSummary(undefined);
    setProblem(undefined);
    setProgress(undefined);
    const body = new FormData();
    for (const f of Array.from(chosen)) body.append('files', f, f.name);
    try {
      const res = await fetch(`/api/v1/directory/import?dryRun=${dryRun}&skipInvalid=${skipInvalid}`, { method: 'POST', body, credentials: 'same-origin', headers: csrfHeaders() });
      if (!res.ok || !res.body) {
        const p = await res.json().catch(() => ({ title: t('errors.generic') }));
        setProblem({ title: p.title, errors: p.errors ?? [] });
        return;
      }
      await readNdjson<Line>(res, (line) => {
        if (line.type === 'progress') setProgress({ label: line.label, total: line.total, done: line.done });
        else if (line.type === 'result') setSummary(line.summary);
        else setProblem({ title: line.problem.title, errors: line.problem.errors ?? [] });
      });
    } catch {
      setProblem({ title: t('errors.generic'), errors: [] });
    } finally {
      setRunning(false);
    }
  }

  return (
    <>
      <DirectoryBreadcrumb />
      <h1>{t('directory.importTitle')}</h1>
      <p className="lead">{t('directory.importLead')}</p>
      <form onSubmit={submit} noValidate>
        <Field path="import-files" label={t('directory.importFiles')} hint={t('directory.importFilesHint')} error={fileError}>
          {(props) => <input ref={files} {...props} type="file" multiple accept=".csv,.json,text/csv,application/json" />}
        </Field>
        <div className="field checkbox">
          <input id="import-dry-run" type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} />
          <label htmlFor="import-dry-run">{t('directory.importDryRun')}</label>
        </div>
        <div className="field checkbox">
          <input id="import-skip-invalid" type="checkbox" checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} aria-describedby="import-skip-invalid-hint" />
          <label htmlFor="import-skip-invalid">{t('directoryImport.skipInvalid')}</label>
          <p id="import-skip-invalid-hint" className="hint">
            {t('directoryImport.skipInvalidHint')}
          </p>
        </div>
        <button type="submit" className="button primary" disabled={running}>
          {running ? t('directory.importRunning') : dryRun ? t('directory.importCheck') : t('directory.importSubmit')}
        </button>
      </form>

      <div aria-live="polite">
        {progress && (running || !summary) && (
          <p>
            <label htmlFor="import-progress">{t('directory.importProgress', progress)}</label>
            <br />
            <progress id="import-progress" max={Math.max(progress.total, 1)} value={progress.done} />
          </p>
        )}
        {summary && (
          <section>
            <p className="notice notice-success" role="status">
              {summary.dryRun ? t('directory.importDryDone') : t('directory.importDone', { services: summary.services })}
            </p>
            <table>
              <caption>{t('directory.importCountsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('directory.importTable')}</th>
                  <th scope="col">{t('directory.importCreated')}</th>
                  <th scope="col">{t('directory.importUpdated')}</th>
                  <th scope="col">{t('directory.importUnchanged')}</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(summary.tables).map(([table, c]) => (
                  <tr key={table}>
                    <th scope="row">{table}</th>
                    <td>{c.created}</td>
                    <td>{c.updated}</td>
                    <td>{c.unchanged}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {summary.skipInvalid && <ImportReport report={summary.report ?? []} />}
          </section>
        )}
        {problem && (
          <div className="notice notice-error" role="alert">
            <p>
              <strong>{problem.errors.length ? t('directory.importFailed') : problem.title}</strong>
            </p>
            {problem.errors.length > 0 && (
              <ul>
                {problem.errors.slice(0, 200).map((e, i) => (
                  <li key={i}>
                    <code>{e.field}</code>: {e.message}
                  </li>
                ))}
              </ul>
            )}
            {problem.errors.length > 200 && <p>{t('directory.importMoreErrors', { count: 200 })}</p>}
          </div>
        )}
      </div>
    </>
  );
}
