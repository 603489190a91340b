import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { z } from 'zod';
import { FileField, Form, TextField, useZodForm } from '../../core/form';
import { fieldId } from '../../core/ui';
import { ApiError, type FieldError } from '../../core/api';
import { intakeApi } from './api';
import { useFhirTerminology, useIntakeMutation } from './hooks';
import { serverMessage } from '../../core/messages';
import { needLabel, StatusBadge } from './parts';
import { canAdminister, useUser } from '../../core/session';

interface Coding { system?: string; code?: string; display?: string }
interface ImportResult {
  created: boolean; changed: boolean; preview: boolean; consentRecorded: boolean;
  client: { id: string; name: string | null; match: 'identifier' | 'name_and_birth_date' | 'new' | 'existing_referral' };
  need: { code: string | null; mapped: boolean; codings: Coding[] };
  status: string;
  referral: { id: string };
}
interface Term { id: string | null; system: string; code: string; display: string; needCode: string; shipped: boolean }

const MAX_BYTES = 1024 * 1024;

/**
 * Import a referral another system sent as FHIR (a Bundle, Task or ServiceRequest file): drop it
 * or choose it, see who it matches, the need and the state, then confirm. Nothing is stored before.
 */
const fhirSchema = z.object({ file: z.instanceof(File, { message: 'intake.fhirImport.chooseFile' }) });

export function FhirImport() {
  const { t } = useTranslation();
  const importIt = useIntakeMutation((v: unknown) => intakeApi.importFhir<ImportResult>(v, false));
  const me = useUser();
  const form = useZodForm(fhirSchema, { defaultValues: { file: undefined } });
  const [fileName, setFileName] = useState<string | null>(null);
  const [body, setBody] = useState<unknown>(null);
  const [preview, setPreview] = useState<ImportResult | null>(null);
  const [done, setDone] = useState<ImportResult | null>(null);
  const [problem, setProblem] = useState<{ title: string; errors: FieldError[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const [over, setOver] = useState(false);

  /** Reads the file chosen and asks the server what importing it would do; nothing is stored. */
  async function read(file: File | undefined) {
    setPreview(null); setDone(null); setProblem(null); setBody(null);
    if (!file) return;
    setFileName(file.name);
    if (file.size > MAX_BYTES) return setProblem({ title: t('intake.fhirImport.tooLarge'), errors: [] });
    let parsed: unknown;
    try { parsed = JSON.parse(await file.text()); } catch { return setProblem({ title: t('intake.fhirImport.notJson'), errors: [] }); }
    setBody(parsed);
    setBusy(true);
    try {
      setPreview(await intakeApi.importFhir<ImportResult>(parsed, true));
    } catch (e) {
      setProblem(e instanceof ApiError ? { title: serverMessage(e.message), errors: e.errors } : { title: String(e), errors: [] });
    } finally { setBusy(false); }
  }

  /** Imports the previewed file; a file the server refuses keeps its problem box naming the elements at fault. */
  async function confirm(file: File) {
    if (!preview || body === null) {
      if (!problem && !busy) await read(file);
      return;
    }
    if (!preview.created && !preview.changed) return;
    try {
      const r = await importIt.mutateAsync(body);
      setDone(r); setPreview(null);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setProblem({ title: serverMessage(err.message), errors: err.errors });
    }
  }

  function cancel() {
    setPreview(null); setBody(null); setProblem(null);
    form.reset({ file: undefined });
    const el = document.getElementById(fieldId('fhir.file')) as HTMLInputElement | null;
    if (el) el.value = '';
  }

  const onDrop = (e: DragEvent) => {
    e.preventDefault(); setOver(false);
    const file = e.dataTransfer.files?.[0];
    if (file) form.setValue('file', file, { shouldValidate: form.formState.isSubmitted });
    void read(file);
  };
  const matchText = (r: ImportResult) => t(`intake.fhirImport.match.${r.client.match}`, { name: r.client.name ?? t('intake.fhirImport.hiddenName') });

  return (
    <section className="panel" aria-labelledby="fhir-import-title" style={{ minWidth: 0, maxWidth: '100%', overflowWrap: 'anywhere' }}>
      <h2 id="fhir-import-title">{t('intake.fhirImport.title')}</h2>
      <p>{t('intake.fhirImport.lead')}</p>
      <Form
        form={form}
        idPrefix="fhir"
        submitLabel={preview && !preview.created ? t('intake.fhirImport.confirmUpdate') : t('intake.fhirImport.confirm')}
        actions={preview ? <button type="button" className="button-secondary" onClick={cancel}>{t('intake.fhirImport.cancel')}</button> : null}
        onSubmit={(v) => confirm(v.file)}
      >
        <div className={over ? 'drop-zone drop-zone-over' : 'drop-zone'} onDragOver={(e) => { e.preventDefault(); setOver(true); }} onDragLeave={() => setOver(false)} onDrop={onDrop}
          style={{ border: '2px dashed currentColor', padding: '1rem', borderRadius: '6px', maxWidth: '100%' }}>
          <FileField name="file" label={t('intake.fhirImport.choose')} hint={t('intake.fhirImport.hint')} required accept=".json,application/json,application/fhir+json" onFile={(f) => void read(f)} />
        </div>
        <div aria-live="polite">
          {busy && <p>{t('intake.fhirImport.reading')}</p>}
          {problem && (
            <div className="error-summary" role="alert">
              <h3>{t('intake.fhirImport.problem', { file: fileName ?? '' })}</h3>
              <p>{problem.title}</p>
              {problem.errors.length > 0 && <ul>{problem.errors.map((x) => <li key={x.field + x.message}><code style={{ wordBreak: 'break-all' }}>{x.field}</code>: {serverMessage(x.message)}</li>)}</ul>}
            </div>
          )}
          {preview && (
            <div role="group" aria-labelledby="fhir-preview-title">
              <h3 id="fhir-preview-title">{t('intake.fhirImport.previewTitle', { file: fileName ?? '' })}</h3>
              <dl>
                <dt>{t('intake.fhirImport.client')}</dt><dd>{matchText(preview)}</dd>
                <dt>{t('intake.fhirImport.need')}</dt>
                <dd>
                  {preview.need.code ? (preview.need.mapped ? needLabel(t, preview.need.code) : t('intake.fhirImport.unmapped', { code: preview.need.code })) : t('intake.fhirImport.noNeed')}
                  {preview.need.codings.length > 0 && <ul>{preview.need.codings.map((c, i) => <li key={i}><code style={{ wordBreak: 'break-all' }}>{c.system}</code> {c.code}{c.display ? ` (${c.display})` : ''}</li>)}</ul>}
                </dd>
                <dt>{t('intake.fhirImport.state')}</dt><dd><StatusBadge status={preview.status} /></dd>
                <dt>{t('intake.fhirImport.consent')}</dt><dd>{preview.consentRecorded ? t('intake.fhirImport.consentYes') : t('intake.fhirImport.consentNo')}</dd>
              </dl>
              {!preview.created && !preview.changed ? <p>{t('intake.fhirImport.nothingNew')}</p> : null}
            </div>
          )}
        </div>
      </Form>
      <div role="status">
        {done && (
          <p className="notice notice-success">
            {done.created ? t('intake.fhirImport.created') : t('intake.fhirImport.updated')}{' '}
            <Link to={`/intake/referrals/${done.referral.id}`}>{t('intake.fhirImport.open')}</Link>
          </p>
        )}
      </div>
      <TerminologyMap />
      {canAdminister(me) && <p><Link to="/admin/api-clients">{t('intake.fhirImport.apiClientsLink')}</Link></p>}
    </section>
  );
}

const termSchema = z.object({ system: z.string().trim().min(1).max(500), code: z.string().trim().min(1).max(200), needCode: z.string().trim().min(1).max(100) });

/** The code → need map: shipped with the app, and what admins added (they can add and remove their own). */
function TerminologyMap() {
  const { t } = useTranslation();
  const q = useFhirTerminology<{ items: Term[]; actions: { 'intake.fhir.terminology.add': boolean } }>();
  const addIt = useIntakeMutation((body: { system: string; code: string; needCode: string }) => intakeApi.addTerm(body));
  const removeIt = useIntakeMutation((id: string) => intakeApi.removeTerm(id));
  const termForm = useZodForm(termSchema, { defaultValues: { system: 'http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes', code: '', needCode: '' } });
  async function remove(id: string) {
    await removeIt.mutateAsync(id);
  }
  if (!q.data) return null;
  return (
    <details>
      <summary>{t('intake.fhirImport.terms.title')}</summary>
      <p>{t('intake.fhirImport.terms.lead')}</p>
      <div style={{ overflowX: 'auto' }}>
        <table>
          <caption className="visually-hidden">{t('intake.fhirImport.terms.title')}</caption>
          <thead><tr><th scope="col">{t('intake.fhirImport.terms.code')}</th><th scope="col">{t('intake.fhirImport.terms.need')}</th><th scope="col">{t('intake.fhirImport.terms.source')}</th></tr></thead>
          <tbody>
            {q.data.items.map((x) => (
              <tr key={`${x.system}|${x.code}`}>
                <td><span>{x.display}</span> <code>{x.code}</code></td>
                <td>{needLabel(t, x.needCode)}</td>
                <td>{x.shipped ? t('intake.fhirImport.terms.shipped') : (
                  <>{t('intake.fhirImport.terms.added')}{q.data.actions['intake.fhir.terminology.add'] && x.id && <> <button type="button" className="button-secondary" onClick={() => void remove(x.id!)}>{t('intake.fhirImport.terms.remove', { code: x.code })}</button></>}</>
                )}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {q.data.actions['intake.fhir.terminology.add'] && (
        <Form
          form={termForm}
          idPrefix="term"
          heading={<h3 id="term-add-title">{t('intake.fhirImport.terms.add')}</h3>}
          submitLabel={t('intake.fhirImport.terms.save')}
          onSubmit={async (v) => {
            await addIt.mutateAsync(v);
            termForm.reset({ system: v.system, code: '', needCode: '' });
          }}
        >
          <TextField name="system" label={t('intake.fhirImport.terms.system')} type="url" required />
          <TextField name="code" label={t('intake.fhirImport.terms.code')} required />
          <TextField name="needCode" label={t('intake.fhirImport.terms.needCode')} required />
        </Form>
      )}
    </details>
  );
}
