import { useMemo, useState } from 'react';
import { z } from 'zod';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { ApiError } from '../../core/api';
import { Form, SelectField, TextArea, TextField, useZodForm } from '../../core/form';
import { referralOutcomes } from '../../../../src/modules/intake/intake.schema';
import { intakeApi, type ReferralStatus, type TransitionInput } from './api';
import { intakeKeys, useReferral, useTransition } from './hooks';
import { formatDateTime } from '../../core/i18n';
import { ErrorSummary, fieldErrorsOf, LoadError, Loading, useTitle, type FieldErrors } from '../../core/ui';
import { isClosed, needLabel, StatusBadge } from './parts';
import { useReferralEvents } from './useReferralEvents';

/** One referral: what was shared, its timeline, and the next steps the viewer may take. */
export function ReferralPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  useTitle(t('intake.referral.pageTitle'));
  // Live: the event stream refreshes the referral when the other side moves it; the 15 s refetch is the fallback.
  const r = useReferral(id);
  const live = useReferralEvents(intakeKeys.referral(id), id);
  const transition = useTransition(id);
  const [step, setStep] = useState<StepStatus>();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string>();
  const [link, setLink] = useState<string>();
  // Arriving from the referral form: say it was sent.
  const sent = (useLocation().state as { sent?: boolean } | null)?.sent === true;
  if (r.isPending) return <Loading />;
  if (r.error) return <LoadError error={r.error} />;
  const ref = r.data;
  /** A step with nothing to ask (accept, receive, start): sent at once, problems shown above. */
  async function move(to: ReferralStatus) {
    setErrors({});
    setMessage(undefined);
    try {
      await transition.mutateAsync({ to, version: ref.version });
      setStep(undefined);
      setMessage(t('intake.referral.moved', { status: t(`intake.status.${to}`) }));
    } catch (err) {
      setErrors(fieldErrorsOf(err));
      if (!Object.keys(fieldErrorsOf(err)).length) setMessage(err instanceof ApiError ? err.message : t('errors.network'));
      await r.refetch();
    }
  }
  const needsForm = (a: ReferralStatus): a is StepStatus => (STEP_STATUSES as readonly string[]).includes(a);
  const actionLabel = (a: ReferralStatus) => (a === 'on-hold' ? t('intake.waitlist.action') : t(`intake.action.${a}`));
  async function makeLink() {
    const l = await intakeApi.link(id);
    setLink(window.location.origin + l.url);
  }
  return (
    <>
      {/* The printed page is the summary the client carries: the referral, who to see, the timeline. */}
      <style>{'@media print { header, nav, footer, button, form, .button-row, .intake-no-print { display: none !important; } }'}</style>
      <p className="intake-no-print"><Link to="/intake">{t('intake.back')}</Link></p>
      <h1>{t('intake.referral.pageTitle')}{t('common.colon')}{ref.serviceName ?? (ref.needCode ? needLabel(t, ref.needCode) : '')}</h1>
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
            <StepForm
              key={step}
              step={step}
              label={actionLabel(step)}
              onCancel={() => setStep(undefined)}
              onSend={async (extra) => {
                setErrors({});
                setMessage(undefined);
                try {
                  await transition.mutateAsync({ to: step, version: ref.version, ...extra });
                } catch (err) {
                  await r.refetch();
                  throw err;
                }
                setStep(undefined);
                setMessage(t('intake.referral.moved', { status: t(`intake.status.${step}`) }));
              }}
            />
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

/** The steps that ask something first: why (reject, cancel), the outcome (complete), when a place is expected (waitlist). */
const STEP_STATUSES = ['rejected', 'cancelled', 'completed', 'on-hold'] as const;
type StepStatus = (typeof STEP_STATUSES)[number];

const stepSchema = (step: StepStatus) =>
  z
    .object({ outcome: z.union([z.enum(referralOutcomes), z.literal('')]), reason: z.string().trim().max(1000), expectedDate: z.string() })
    .superRefine((v, ctx) => {
      if ((step === 'rejected' || step === 'cancelled') && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'errors.required' });
      if (step === 'completed' && !v.outcome) ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'errors.choose' });
    });

/** The form of one step, on the shared form library; the page confirms the move once it is sent. */
function StepForm({ step, label, onCancel, onSend }: { step: StepStatus; label: string; onCancel: () => void; onSend: (extra: Omit<TransitionInput, 'to' | 'version'>) => Promise<void> }) {
  const { t } = useTranslation();
  const schema = useMemo(() => stepSchema(step), [step]);
  const form = useZodForm(schema, { defaultValues: { outcome: 'service_received', reason: '', expectedDate: '' } });
  return (
    <Form
      form={form}
      className="form panel"
      submitLabel={label}
      actions={<button type="button" className="button-secondary" onClick={onCancel}>{t('common.cancel')}</button>}
      labels={{ to: t('intake.referral.status') }}
      onSubmit={async (v) => {
        if (step === 'on-hold') await onSend({ reason: v.reason || undefined, expectedDate: v.expectedDate || undefined });
        else if (step === 'completed') await onSend({ outcome: v.outcome || undefined, reason: v.reason || undefined });
        else await onSend({ reason: v.reason });
      }}
    >
      {step === 'completed' && (
        <SelectField name="outcome" label={t('intake.referral.outcome')} required choices={referralOutcomes.map((o) => ({ value: o, label: t(`intake.outcome.${o}`) }))} />
      )}
      {step === 'on-hold' && <p>{t('intake.waitlist.formLead')}</p>}
      <TextArea name="reason" label={step === 'on-hold' ? t('intake.waitlist.reason') : t('intake.referral.stepReason')} required={step !== 'completed' && step !== 'on-hold'} />
      {step === 'on-hold' && <TextField name="expectedDate" type="date" label={t('intake.waitlist.expectedDate')} hint={t('intake.waitlist.expectedHint')} />}
    </Form>
  );
}
