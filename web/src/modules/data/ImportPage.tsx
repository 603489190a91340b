import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, csrfHeaders, readNdjson, qs } from '../../core/api';
import { isPlatformAdmin, useUser } from '../../core/session';
import { CheckboxField, Form, formText, RadioGroup, SelectField, useZodForm } from '../../core/form';
import { problemMessage, serverMessage } from '../../core/messages';
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
  code?: string;
  status?: number;
  rowErrors?: { line: number; field: string; message: string }[];
  errors?: { field: string; message: string }[];
}
type Line = { type: 'progress'; label: string; total: number; done: number } | { type: 'result'; summary: Summary } | { type: 'error'; problem: Problem };

const schema = z.object({
  file: z.custom<FileList>((v) => typeof FileList !== 'undefined' && v instanceof FileList && v.length > 0, 'data.chooseFile'),
  format: z.enum(['tidy', 'census']),
  partition: z.string(),
  dryRun: z.boolean(),
});

/** Import observations from a tidy CSV or a Census Profile CSV, with a dry run first. */
export function DataImportPage() {
  const { t } = useTranslation();
  useTitle(t('data.importTitle'));
  const user = useUser();
  const collaboratives = useQuery({ queryKey: ['collaboratives'], queryFn: () => api.get<{ items: { id: string; name: string; myRoles: string[] }[] }>('/collaboratives') });
  const admin = isPlatformAdmin(user);
  const managed = collaboratives.data?.items.filter((c) => admin || c.myRoles.includes('coordinator')) ?? [];
  const form = useZodForm(schema, { defaultValues: { format: 'tidy', partition: '', dryRun: true } });
  const dryRun = form.watch('dryRun');
  // A coordinator's data goes to their collaborative: the first one is chosen once the list loads.
  const firstManaged = admin ? '' : (managed[0]?.id ?? '');
  useEffect(() => {
    if (firstManaged && !form.getValues('partition')) form.setValue('partition', firstManaged);
  }, [firstManaged, form]);
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<{ label: string; total: number; done: number }>();
  const [summary, setSummary] = useState<Summary>();
  const [problem, setProblem] = useState<Problem>();

  if (!admin && !user?.roles.some((r) => r.role === 'coordinator')) {
    return (
      <EmptyState title={t('data.importTitle')}>
        <p>{t('data.importWho')}</p>
      </EmptyState>
    );
  }
  async function submit(v: z.infer<typeof schema>) {
    const chosen = v.file[0];
    const collaborativeId = v.partition || firstManaged;
    setRunning(true);
    setSummary(undefined);
    setProblem(undefined);
    setProgress(undefined);
    const body = new FormData();
    body.append('file', chosen, chosen.name);
    try {
      const res = await fetch(`/api/v1/data/import${qs({ dryRun: String(v.dryRun), format: v.format, collaborativeId: collaborativeId || undefined })}`, { method: 'POST', body, credentials: 'same-origin', headers: csrfHeaders() });
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
      <Form form={form} onSubmit={submit} labels={{ file: t('data.file') }} submitLabel={dryRun ? t('data.check') : t('data.import')}>
        <Field path="file" label={t('data.file')} hint={t('data.fileHint')} required error={formText(form.formState.errors.file?.message)}>
          {(props) => <input {...props} type="file" accept=".csv,text/csv" {...form.register('file')} />}
        </Field>
        <RadioGroup name="format" label={t('data.format')} choices={(['tidy', 'census'] as const).map((f) => ({ value: f, label: t(`data.formats.${f}`) }))} />
        <SelectField
          name="partition"
          label={t('data.partition')}
          hint={t('data.partitionHint')}
          placeholder={admin ? t('data.publicData') : undefined}
          choices={managed.map((c) => ({ value: c.id, label: t('data.privateTo', { name: c.name }) }))}
        />
        <CheckboxField name="dryRun" label={t('data.dryRun')} />
      </Form>
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
            <p><strong>{problemMessage(problem.code ?? '', problem.title, problem.status ?? 400)}</strong></p>
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
                      <td>{serverMessage(e.message)}</td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            ) : problem.errors?.length ? (
              <ul>{problem.errors.map((e, i) => <li key={i}>{serverMessage(e.message)}</li>)}</ul>
            ) : null}
          </div>
        ) : null}
      </div>
    </>
  );
}
