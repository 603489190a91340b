import { useState } from 'react';
import { z } from 'zod';
import { Form, RadioGroup, TextField, useZodForm } from '../../core/form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { intakeApi } from './api';
import { useAccessReport, useDuplicates, useIntakeMutation } from './hooks';
import { formatDateTime } from '../../core/i18n';
import { useUser } from '../../core/session';
import { Table } from '../../core/ui';
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

const mergeSchema = z.object({ intoId: z.string().min(1, 'errors.choose'), reason: z.string().trim().min(1).max(500) });

/** Possible duplicates and a human, reversible merge. */
export function Duplicates({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const d = useDuplicates(clientId);
  const mergeIt = useIntakeMutation((body: { intoId: string; reason: string }) => intakeApi.merge(clientId, body));
  const undoIt = useIntakeMutation((mergeId: string) => intakeApi.undoMerge(mergeId));
  const form = useZodForm(mergeSchema, { defaultValues: { intoId: '', reason: '' } });
  const [merged, setMerged] = useState<{ id: string; targetId: string }>();
  const [status, setStatus] = useState('');
  if (!d.data || (d.data.candidates.length === 0 && !merged)) return null;
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
        <Form
          form={form}
          idPrefix="merge"
          submitLabel={t('intake.merge.submit')}
          onSubmit={async (v) => {
            const m = await mergeIt.mutateAsync(v);
            setMerged(m);
            form.reset({ intoId: '', reason: '' });
            setStatus(t('intake.merge.done'));
          }}
        >
          <ul>
            {d.data.candidates.map((c) => <li key={c.id}><Link to={`/intake/clients/${c.id}`}>{t('intake.merge.viewRecord', { name: c.name ?? '—' })}</Link></li>)}
          </ul>
          <RadioGroup name="intoId" label={t('intake.merge.into')} required choices={d.data.candidates.map((c) => ({ value: c.id, label: `${c.name ?? '—'} · ${c.birthDate ?? '—'}` }))} />
          <TextField name="reason" label={t('intake.merge.reason')} required />
        </Form>
      )}
    </section>
  );
}
