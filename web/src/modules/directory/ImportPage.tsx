import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { DirectoryBreadcrumb } from './parts';
import { csrfHeaders, readNdjson } from '../../core/api';
import { isPlatformAdmin, useUser } from '../../core/session';
import { CheckboxField, Form, formText, useZodForm } from '../../core/form';
import { words } from '../../core/labels';
import { EmptyState, Field, useTitle } from '../../core/ui';
import { ImportReport, type ReportEntry } from './ImportReport';
import { problemLine } from './importProblems';

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

const schema = z.object({
  files: z.custom<FileList>((v) => typeof FileList !== 'undefined' && v instanceof FileList && v.length > 0, 'directory.importChooseFiles'),
  dryRun: z.boolean(),
  skipInvalid: z.boolean(),
});
type ImportValues = z.infer<typeof schema>;

/** Upload an HSDS datapackage; the server streams progress lines while it imports. */
export function ImportPage() {
  const { t } = useTranslation();
  useTitle(t('directory.importTitle'));
  const user = useUser();
  const form = useZodForm(schema, { defaultValues: { dryRun: true, skipInvalid: false } });
  const dryRun = form.watch('dryRun');
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<{ label: string; total: number; done: number }>();
  const [summary, setSummary] = useState<Summary>();
  const [problem, setProblem] = useState<{ title: string; errors: { field: string; message: string }[] }>();

  if (!isPlatformAdmin(user)) {
    return (
      <EmptyState title={t('directory.importTitle')}>
        <p>{t('directory.importAdminsOnly')}</p>
      </EmptyState>
    );
  }

  async function submit(v: ImportValues) {
    const chosen = v.files;
    const { skipInvalid } = v;
    setRunning(true);
    setSummary(undefined);
    setProblem(undefined);
    setProgress(undefined);
    const body = new FormData();
    for (const f of Array.from(chosen)) body.append('files', f, f.name);
    try {
      const res = await fetch(`/api/v1/directory/import?dryRun=${v.dryRun}&skipInvalid=${skipInvalid}`, { method: 'POST', body, credentials: 'same-origin', headers: csrfHeaders() });
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
      <Form form={form} onSubmit={submit} labels={{ files: t('directory.importFiles') }} submitLabel={running ? t('directory.importRunning') : dryRun ? t('directory.importCheck') : t('directory.importSubmit')}>
        <Field path="files" label={t('directory.importFiles')} hint={t('directory.importFilesHint')} required error={formText(form.formState.errors.files?.message)}>
          {(props) => <input {...props} type="file" multiple accept=".csv,.json,text/csv,application/json" {...form.register('files')} />}
        </Field>
        <CheckboxField name="dryRun" label={t('directory.importDryRun')} />
        <CheckboxField name="skipInvalid" label={t('directoryImport.skipInvalid')} hint={t('directoryImport.skipInvalidHint')} />
      </Form>

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
                    <th scope="row">{t(`directoryImport.tables.${table}`, { defaultValue: words(table) })}</th>
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
                  <li key={i}>{problemLine(t, e)}</li>
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
