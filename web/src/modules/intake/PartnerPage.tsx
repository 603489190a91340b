import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError } from '../../core/api';
import { intakeApi, type PartnerOutcomeInput, type PartnerResponseInput } from './api';
import { useIntakeMutation, usePartnerView } from './hooks';
import { formatDateTime } from '../../core/i18n';
import { Field, LoadError, Loading, useTitle } from '../../core/ui';

/** A partner without an account opens the secure link: the consented summary, receipt, accept/decline, outcome; once closed, only that. Opening it changes nothing. */
export function PartnerPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  useTitle(t('intake.partner.title'));
  const v = usePartnerView(token);
  const sendIt = useIntakeMutation((s: { path: 'receipt' } | { path: 'response'; body: PartnerResponseInput } | { path: 'outcome'; body: PartnerOutcomeInput }) =>
    s.path === 'receipt' ? intakeApi.partnerReceipt(token) : s.path === 'response' ? intakeApi.partnerRespond(token, s.body) : intakeApi.partnerOutcome(token, s.body));
  const [reason, setReason] = useState('');
  const [expectedDate, setExpectedDate] = useState('');
  const [outcome, setOutcome] = useState('service_received');
  const [message, setMessage] = useState<string>();
  if (v.isPending) return <Loading />;
  if (v.error) return <><h1>{t('intake.partner.title')}</h1><LoadError error={v.error} /><p>{t('intake.partner.expired')}</p></>;
  const d = v.data;
  if (d.closed) return <><h1>{t('intake.partner.title')}</h1><p role="status">{t('intake.partner.closed', { status: t(`intake.status.${d.status}`) })}</p></>;
  async function send(s: Parameters<typeof sendIt.mutateAsync>[0]) {
    try {
      await sendIt.mutateAsync(s);
      setMessage(t('intake.partner.thanks'));
    } catch (err) {
      setMessage(err instanceof ApiError ? err.message : t('errors.network'));
      await v.refetch();
    }
  }
  return (
    <>
      <h1>{t('intake.partner.title')}</h1>
      <p className="lead">{t('intake.partner.lead', { org: d.fromOrganizationName ?? '' })}</p>
      <p role="status" className={message ? 'notice notice-success' : 'visually-hidden'}>{message}</p>
      <dl className="details">
        {/* dt/dd pairs straight in the dl: the details grid lays them out in two columns. */}
        {Object.entries(d.client).map(([k, val]) => (<Fragment key={k}><dt>{t(`intake.partner.field.${k}`)}</dt><dd>{val ?? '—'}</dd></Fragment>))}
        <dt>{t('intake.referral.service')}</dt><dd>{d.serviceName ?? '—'}</dd>
        <dt>{t('intake.referral.urgency')}</dt><dd>{d.urgency ? t(`intake.urgency.${d.urgency}`) : '—'}</dd>
        <dt>{t('intake.referral.reason')}</dt><dd>{d.reason ?? '—'}</dd>
        <dt>{t('intake.referral.status')}</dt><dd>{t(`intake.status.${d.status}`)}</dd>
        <dt>{t('intake.partner.expires')}</dt><dd>{formatDateTime(d.expiresAt)}</dd>
      </dl>
      {d.status === 'requested' && (
        <p><button type="button" className="button-secondary" onClick={() => send({ path: 'receipt' })}>{t('intake.partner.receipt')}</button></p>
      )}
      {d.canRespond && (
        <section className="panel" aria-labelledby="respond-title">
          <h2 id="respond-title">{t('intake.waitlist.partnerRespond')}</h2>
          <Field path="reason" label={t('intake.waitlist.partnerReason')}>{(p) => <textarea {...p} value={reason} onChange={(e) => setReason(e.target.value)} />}</Field>
          <Field path="expectedDate" label={t('intake.waitlist.expectedDate')} hint={t('intake.waitlist.expectedHint')}>{(p) => <input {...p} type="date" value={expectedDate} onChange={(e) => setExpectedDate(e.target.value)} />}</Field>
          <p className="button-row">
            <button type="button" className="button-primary" onClick={() => send({ path: 'response', body: { decision: 'accept' } })}>{t('intake.action.accepted')}</button>{' '}
            <button type="button" className="button-secondary" onClick={() => send({ path: 'response', body: { decision: 'waitlist', reason: reason.trim() || undefined, expectedDate: expectedDate || undefined } })}>{t('intake.waitlist.partnerChoice')}</button>{' '}
            <button type="button" className="button-secondary" onClick={() => send({ path: 'response', body: { decision: 'decline', reason } })}>{t('intake.action.rejected')}</button>
          </p>
        </section>
      )}
      {d.canReportOutcome && (
        <section className="panel" aria-labelledby="outcome-title">
          <h2 id="outcome-title">{t('intake.partner.outcome')}</h2>
          <Field path="outcome" label={t('intake.referral.outcome')}>{(p) => <select {...p} value={outcome} onChange={(e) => setOutcome(e.target.value)}>{['service_received', 'not_eligible', 'could_not_reach', 'declined'].map((o) => <option key={o} value={o}>{t(`intake.outcome.${o}`)}</option>)}</select>}</Field>
          <button type="button" className="button-primary" onClick={() => send({ path: 'outcome', body: { outcome: outcome as PartnerOutcomeInput['outcome'] } })}>{t('intake.partner.report')}</button>
        </section>
      )}
    </>
  );
}
