import { useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { api, ApiError } from '../../core/api';
import { formatDateTime } from '../../core/i18n';
import { ErrorSummary, Field, fieldErrorsOf, LoadError, Loading, useTitle, type FieldErrors } from '../../core/ui';
import type { Referral } from './types';
import { isClosed, needLabel, StatusBadge } from './parts';
import { useReferralEvents } from './useReferralEvents';

/** One referral: what was shared, its timeline, and the next steps the viewer may take. */
export function ReferralPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  useTitle(t('intake.referral.pageTitle'));
  const qc = useQueryClient();
  // Live: the event stream refreshes the referral when the other side moves it; the 15 s refetch is the fallback.
  const r = useQuery({ queryKey: ['intake', 'referral', id], queryFn: () => api.get<Referral>(`/intake/referrals/${id}`), refetchInterval: 15_000 });
  const live = useReferralEvents(['intake', 'referral', id], id);
  const [step, setStep] = useState<string>();
  const [reason, setReason] = useState('');
  const [expectedDate, setExpectedDate] = useState('');
  const [outcome, setOutcome] = useState('service_received');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string>();
  const [link, setLink] = useState<string>();
  // Arriving from the referral form: say it was sent.
  const sent = (useLocation().state as { sent?: boolean } | null)?.sent === true;
  if (r.isPending) return <Loading />;
  if (r.error) return <LoadError error={r.error} />;
  const ref = r.data;
  async function move(to: string, extra: Record<string, unknown> = {}) {
    setErrors({});
    setMessage(undefined);
    try {
      const updated = await api.post<Referral>(`/intake/referrals/${id}/transitions`, { to, version: ref.version, ...extra });
      // Show the new state at once; a refetch already in flight (say, from a live event) would bring the old one back.
      await qc.cancelQueries({ queryKey: ['intake', 'referral', id] });
      qc.setQueryData(['intake', 'referral', id], updated);
      setStep(undefined);
      setReason('');
      setExpectedDate('');
      setMessage(t('intake.referral.moved', { status: t(`intake.status.${to}`) }));
    } catch (err) {
      setErrors(fieldErrorsOf(err));
      if (!Object.keys(fieldErrorsOf(err)).length) setMessage(err instanceof ApiError ? err.message : t('errors.network'));
    }
    await qc.invalidateQueries({ queryKey: ['intake'] });
  }
  const needsForm = (a: string) => a === 'rejected' || a === 'cancelled' || a === 'completed' || a === 'on-hold';
  const actionLabel = (a: string) => (a === 'on-hold' ? t('intake.waitlist.action') : t(`intake.action.${a}`));
  async function submitStep(e: FormEvent) {
    e.preventDefault();
    if (step === 'on-hold') await move(step, { reason: reason.trim() || undefined, expectedDate: expectedDate || undefined });
    else await move(step!, step === 'completed' ? { outcome, reason: reason || undefined } : { reason });
  }
  async function makeLink() {
    const l = await api.post<{ url: string }>(`/intake/referrals/${id}/link`);
    setLink(window.location.origin + l.url);
  }
  return (
    <>
      {/* The printed page is the summary the client carries: the referral, who to see, the timeline. */}
      <style>{'@media print { header, nav, footer, button, form, .button-row, .intake-no-print { display: none !important; } }'}</style>
      <p className="intake-no-print"><Link to="/intake">{t('intake.back')}</Link></p>
      <h1>{t('intake.referral.pageTitle')}: {ref.serviceName ?? (ref.needCode ? needLabel(t, ref.needCode) : '')}</h1>
      <p role="status" className={message || sent ? 'notice notice-success' : live ? 'notice notice-info' : 'visually-hidden'}>{message ?? (live ? t('intake.waitlist.live', { status: t(`intake.status.${live.status}`) }) : sent ? t('intake.referral.sentConfirmation', { to: ref.toOrganizationName ?? ref.externalPartner ?? '' }) : '')}</p>
      <ErrorSummary errors={errors} labels={{ reason: t('intake.referral.reason'), outcome: t('intake.referral.outcome'), to: t('intake.referral.status'), expectedDate: t('intake.waitlist.expectedDate') }} />
      <dl className="details">
        <dt>{t('intake.referral.client')}</dt><dd>{ref.clientName ? <Link to={`/intake/clients/${ref.clientId}`}>{ref.clientName}</Link> : t('intake.referral.noConsent')}</dd>
        <dt>{t('intake.referral.status')}</dt><dd><StatusBadge status={ref.status} />{ref.statusReason ? ` — ${ref.statusReason}` : ''}</dd>
        {ref.status === 'on-hold' && ref.waitlistedAt && (<><dt>{t('intake.waitlist.since')}</dt><dd>{formatDateTime(ref.waitlistedAt)}</dd></>)}
        {ref.status === 'on-hold' && ref.waitlistExpectedOn && (<><dt>{t('intake.waitlist.expected')}</dt><dd>{ref.waitlistExpectedOn}</dd></>)}
        {ref.outcome && (<><dt>{t('intake.referral.outcome')}</dt><dd>{t(`intake.outcome.${ref.outcome}`)}</dd></>)}
        <dt>{t('intake.referral.from')}</dt><dd>{ref.fromOrganizationName}</dd>
        <dt>{t('intake.referral.to')}</dt><dd>{ref.toOrganizationName ?? ref.externalPartner}{ref.toContactName ? ` (${ref.toContactName})` : ''}</dd>
        <dt>{t('intake.referral.urgency')}</dt><dd>{t(`intake.urgency.${ref.urgency}`)}</dd>
        <dt>{t('intake.referral.reason')}</dt><dd>{ref.reason ?? '—'}</dd>
        {ref.eligibilityOverrideReason && (<><dt>{t('intake.referral.override')}</dt><dd>{ref.eligibilityOverrideReason}</dd></>)}
        {!isClosed(ref.status) && (<><dt>{t('intake.referral.followUp')}</dt><dd>{formatDateTime(ref.followUpDueAt)}{ref.overdue ? ` — ${t('intake.referral.overdue')}` : ''}</dd></>)}
      </dl>
      {ref.actions.length > 0 && (
        <section aria-labelledby="next-title">
          <h2 id="next-title">{t('intake.referral.next')}</h2>
          <p className="button-row">
            {ref.actions.map((a) => (
              <button key={a} type="button" className={a === 'cancelled' || a === 'rejected' || a === 'on-hold' ? 'button-secondary' : 'button-primary'} onClick={() => (needsForm(a) ? setStep(a) : move(a))}>
                {actionLabel(a)}
              </button>
            ))}
          </p>
          {step && (
            <form className="form panel" onSubmit={submitStep} noValidate>
              {step === 'completed' && (
                <Field path="outcome" label={t('intake.referral.outcome')} error={errors.outcome} required>
                  {(p) => <select {...p} value={outcome} onChange={(e) => setOutcome(e.target.value)}>{['service_received', 'not_eligible', 'could_not_reach', 'declined'].map((o) => <option key={o} value={o}>{t(`intake.outcome.${o}`)}</option>)}</select>}
                </Field>
              )}
              {step === 'on-hold' && <p>{t('intake.waitlist.formLead')}</p>}
              <Field path="reason" label={step === 'on-hold' ? t('intake.waitlist.reason') : t('intake.referral.stepReason')} error={errors.reason} required={step !== 'completed' && step !== 'on-hold'}>{(p) => <textarea {...p} value={reason} onChange={(e) => setReason(e.target.value)} />}</Field>
              {step === 'on-hold' && (
                <Field path="expectedDate" label={t('intake.waitlist.expectedDate')} hint={t('intake.waitlist.expectedHint')} error={errors.expectedDate}>
                  {(p) => <input {...p} type="date" value={expectedDate} onChange={(e) => setExpectedDate(e.target.value)} />}
                </Field>
              )}
              <div className="form-actions"><button type="submit" className="button-primary">{actionLabel(step)}</button> <button type="button" className="button-secondary" onClick={() => setStep(undefined)}>{t('common.cancel')}</button></div>
            </form>
          )}
        </section>
      )}
      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('intake.referral.timeline')}</h2>
        <ol>{ref.events.map((e, i) => <li key={i}>{formatDateTime(e.at)} · {t(`intake.status.${e.toStatus}`)} · {e.actor}{e.reason ? ` — ${e.reason}` : ''}</li>)}</ol>
      </section>
      <section aria-labelledby="share-title">
        <h2 id="share-title">{t('intake.referral.tools')}</h2>
        <p className="button-row">
          <a className="button-secondary" href={`/api/v1/intake/referrals/${id}/fhir`} download={`referral-${id}.fhir.json`}>{t('intake.referral.fhir')}</a>{' '}
          <button type="button" className="button-secondary" onClick={() => window.print()}>{t('intake.referral.print')}</button>{' '}
          {ref.externalPartner && !['completed', 'cancelled', 'rejected'].includes(ref.status) && <button type="button" className="button-secondary" onClick={makeLink}>{t('intake.referral.makeLink')}</button>}
        </p>
        {link && <p className="notice notice-info">{t('intake.referral.linkOnce')} <code>{link}</code></p>}
      </section>
    </>
  );
}
