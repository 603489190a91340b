import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError } from '../../core/api';
import { intakeApi, type PartnerOutcomeInput, type PartnerResponseInput } from './api';
import { useIntakeMutation, usePartnerView } from './hooks';
import { formatDateTime } from '../../core/i18n';
import { LoadError, Loading, useTitle } from '../../core/ui';
import { z } from 'zod';
import { Form, RadioGroup, SelectField, TextArea, TextField, useZodForm } from '../../core/form';

/** A partner without an account opens the secure link: the consented summary, receipt, accept/decline, outcome; once closed, only that. Opening it changes nothing. */
export function PartnerPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  useTitle(t('intake.partner.title'));
  const v = usePartnerView(token);
  const sendIt = useIntakeMutation((s: { path: 'receipt' } | { path: 'response'; body: PartnerResponseInput } | { path: 'outcome'; body: PartnerOutcomeInput }) =>
    s.path === 'receipt' ? intakeApi.partnerReceipt(token) : s.path === 'response' ? intakeApi.partnerRespond(token, s.body) : intakeApi.partnerOutcome(token, s.body));
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
  /** After an answer the form leaves the page, so the thanks go in the page's status line. */
  async function answered(s: Parameters<typeof sendIt.mutateAsync>[0]) {
    setMessage(undefined);
    await sendIt.mutateAsync(s);
    setMessage(t('intake.partner.thanks'));
  }
  /** A refusal the server gives (the link changed meanwhile): show it and the referral as it is now. */
  const stale = (err: unknown) => {
    void v.refetch();
    return err instanceof ApiError && !err.errors.length ? err.message : undefined;
  };
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
      {d.canRespond && <RespondForm onSend={(body) => answered({ path: 'response', body })} onError={stale} />}
      {d.canReportOutcome && <OutcomeForm onSend={(body) => answered({ path: 'outcome', body })} onError={stale} />}
    </>
  );
}

const respondSchema = z
  .object({
    decision: z.enum(['accept', 'waitlist', 'decline'], { message: 'errors.choose' }),
    reason: z.string().trim().max(2000),
    expectedDate: z.string(),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'decline' && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'errors.required' });
  });

/** Accept, waitlist (with a note and when a place is expected) or decline (with a reason). */
function RespondForm({ onSend, onError }: { onSend: (body: PartnerResponseInput) => Promise<void>; onError: (err: unknown) => string | undefined }) {
  const { t } = useTranslation();
  const form = useZodForm(respondSchema, { defaultValues: { decision: undefined, reason: '', expectedDate: '' } });
  return (
    <Form
      form={form}
      className="form panel"
      heading={<h2 id="respond-title">{t('intake.waitlist.partnerRespond')}</h2>}
      submitLabel={t('intake.partner.send')}
      onError={onError}
      onSubmit={async (v) => {
        if (v.decision === 'accept') return onSend({ decision: 'accept' });
        if (v.decision === 'decline') return onSend({ decision: 'decline', reason: v.reason });
        return onSend({ decision: 'waitlist', reason: v.reason || undefined, expectedDate: v.expectedDate || undefined });
      }}
    >
      <RadioGroup name="decision" label={t('intake.partner.decision')} required choices={[
        { value: 'accept', label: t('intake.action.accepted') },
        { value: 'waitlist', label: t('intake.waitlist.partnerChoice') },
        { value: 'decline', label: t('intake.action.rejected') },
      ]} />
      <TextArea name="reason" label={t('intake.waitlist.partnerReason')} />
      <TextField name="expectedDate" type="date" label={t('intake.waitlist.expectedDate')} hint={t('intake.waitlist.expectedHint')} />
    </Form>
  );
}

const OUTCOMES = ['service_received', 'not_eligible', 'could_not_reach', 'declined'] as const;
const outcomeSchema = z.object({ outcome: z.enum(OUTCOMES, { message: 'errors.choose' }) });

/** Once the service started (or ended): what came of it. */
function OutcomeForm({ onSend, onError }: { onSend: (body: PartnerOutcomeInput) => Promise<void>; onError: (err: unknown) => string | undefined }) {
  const { t } = useTranslation();
  const form = useZodForm(outcomeSchema, { defaultValues: { outcome: 'service_received' } });
  return (
    <Form form={form} className="form panel" heading={<h2 id="outcome-title">{t('intake.partner.outcome')}</h2>} submitLabel={t('intake.partner.report')} onError={onError} onSubmit={(v) => onSend({ outcome: v.outcome })}>
      <SelectField name="outcome" label={t('intake.referral.outcome')} required choices={OUTCOMES.map((o) => ({ value: o, label: t(`intake.outcome.${o}`) }))} />
    </Form>
  );
}
