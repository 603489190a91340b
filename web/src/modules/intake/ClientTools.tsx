import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { intakeApi } from './api';
import { useAccessReport, useDuplicates, useIntakeMutation } from './hooks';
import { formatDateTime } from '../../core/i18n';
import { useUser } from '../../core/session';
import { ErrorSummary, Field, fieldErrorsOf, type FieldErrors, Table } from '../../core/ui';
import { codeLabel, words } from '../../core/labels';

/** Privacy officer tools: who accessed the record, and the client's own export. */
export function PrivacyTools({ clientId, homeOrganizationId }: { clientId: string; homeOrganizationId: string }) {
  const { t } = useTranslation();
  const user = useUser();
  const isPO = !!user?.roles.some((r) => r.role === 'privacy_officer' && r.scopeId === homeOrganizationId);
  const [show, setShow] = useState(false);
  const report = useAccessReport(clientId, show);
  if (!isPO) return null;
  return (
    <section aria-labelledby="privacy-title">
      <h2 id="privacy-title">{t('intake.privacy.title')}</h2>
      <p className="button-row">
        <button type="button" className="button-secondary" onClick={() => setShow(true)}>{t('intake.privacy.report')}</button>{' '}
        <a className="button-secondary" href={`/api/v1/intake/clients/${clientId}/export`} download={`client-${clientId}.json`}>{t('intake.privacy.export')}</a>
      </p>
      {show && report.data && (
        <div className="table-wrap">
          <Table>
            <caption>{t('intake.privacy.report')}</caption>
            <thead><tr><th scope="col">{t('intake.privacy.when')}</th><th scope="col">{t('intake.privacy.who')}</th><th scope="col">{t('intake.privacy.what')}</th><th scope="col">{t('intake.privacy.purpose')}</th></tr></thead>
            <tbody>{report.data.items.map((e, i) => <tr key={i}><td>{formatDateTime(e.at)}</td><td>{e.actor}</td><td>{codeLabel(t, 'accessAction', e.action)}</td><td>{e.purpose ? t(`intake.purpose.${e.purpose}`, { defaultValue: words(e.purpose) }) : '—'}</td></tr>)}</tbody>
          </Table>
        </div>
      )}
    </section>
  );
}

/** Possible duplicates and a human, reversible merge. */
export function Duplicates({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const d = useDuplicates(clientId);
  const mergeIt = useIntakeMutation((body: { intoId: string; reason: string }) => intakeApi.merge(clientId, body));
  const undoIt = useIntakeMutation((mergeId: string) => intakeApi.undoMerge(mergeId));
  const [into, setInto] = useState<string>();
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [merged, setMerged] = useState<{ id: string; targetId: string }>();
  const [status, setStatus] = useState('');
  if (!d.data || (d.data.candidates.length === 0 && !merged)) return null;
  async function merge(e: FormEvent) {
    e.preventDefault();
    try {
      const m = await mergeIt.mutateAsync({ intoId: into ?? '', reason });
      setMerged(m);
      setErrors({});
      setStatus(t('intake.merge.done'));
    } catch (err) { setErrors(fieldErrorsOf(err)); }
  }
  async function undo() {
    await undoIt.mutateAsync(merged!.id);
    setMerged(undefined);
    setStatus(t('intake.merge.undone'));
  }
  return (
    <section aria-labelledby="dups-title">
      <h2 id="dups-title">{t('intake.merge.title')}</h2>
      <p role="status" className={status ? 'notice notice-success' : 'visually-hidden'}>{status}</p>
      {merged ? (
        <p className="button-row">
          <Link to={`/intake/clients/${merged.targetId}`}>{t('intake.merge.open')}</Link>{' '}
          <button type="button" className="button-secondary" onClick={undo}>{t('intake.merge.undo')}</button>
        </p>
      ) : (
        <form className="form" onSubmit={merge} noValidate>
          <ErrorSummary errors={errors} labels={{ intoId: t('intake.merge.into'), reason: t('intake.merge.reason') }} />
          <fieldset>
            <legend>{t('intake.merge.into')}</legend>
            <ul className="checkbox-list">
              {d.data.candidates.map((c) => (
                <li key={c.id}><label><input type="radio" name="merge-into" value={c.id} checked={into === c.id} onChange={() => setInto(c.id)} /> {c.name} · {c.birthDate}</label> <Link to={`/intake/clients/${c.id}`}>{t('intake.merge.view')}</Link></li>
              ))}
            </ul>
          </fieldset>
          <Field path="reason" label={t('intake.merge.reason')} error={errors.reason} required>{(p) => <input {...p} value={reason} onChange={(e) => setReason(e.target.value)} />}</Field>
          <button type="submit" className="button-secondary" disabled={!into}>{t('intake.merge.submit')}</button>
        </form>
      )}
    </section>
  );
}
