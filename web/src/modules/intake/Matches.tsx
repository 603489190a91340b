import { useEffect, useMemo, useRef, useState } from 'react';
import { z } from 'zod';
import { CheckboxGroup, Form, SelectField, TextArea, TextField, useZodForm } from '../../core/form';
import { urgencies } from '../../../../src/modules/intake/intake.schema';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { intakeApi, type ReferralInput } from './api';
import { useContacts, useIntakeMutation, useMatches } from './hooks';
import type { MatchBundle, Referral } from './types';
import { ageRule, needLabel, reasonText, serviceName, ServiceName } from './parts';
import { PathwayLinks } from '../pathways/components/ServicePathways';

/** Support bundles that fit, then services suggested per need, with the reasons, and the warm referral form. */
export function Matches({ clientId }: { clientId: string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const m = useMatches(clientId);
  const [refer, setRefer] = useState<ReferralTarget>();
  const [sent, setSent] = useState<{ id: string; to: string }>();
  const sentRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (sent) sentRef.current?.focus();
  }, [sent]);
  const open = (target: ReferralTarget) => {
    setSent(undefined);
    setRefer(target);
  };
  if (m.isPending || m.error || (m.data.items.length === 0 && m.data.bundles.length === 0)) return null;
  const needOf = (b: MatchBundle, serviceId: string) => m.data.items.find((n) => b.needCodes.includes(n.needCode) && n.services.some((s) => s.serviceId === serviceId))?.needCode ?? b.needCodes[0];
  return (
    <section aria-labelledby="matches-title">
      <h2 id="matches-title">{t('intake.match.title')}</h2>
      {m.data.bundles.length > 0 && (
        <div className="panel">
          <h3>{t('intake.bundles.fitting')}</h3>
          {m.data.bundles.map((b) => (
            <div key={b.id}>
              <h4>{b.name}</h4>
              {b.description && <p>{b.description}</p>}
              <p>{t('intake.bundles.why', {
                needs: b.needCodes.map((c) => needLabel(t, c)).join(', '),
                acuity: `${b.clientAcuity} – ${t(`intake.acuity.${b.clientAcuity}`)}`, max: `${b.maxAcuity} – ${t(`intake.acuity.${b.maxAcuity}`)}`,
              })}</p>
              <ul aria-label={t('intake.bundles.servicesOf', { name: b.name })}>
                {b.services.map((s) => (
                  <li key={s.serviceId}>
                    <ServiceName s={s} /> — {s.organizationName}
                    {!s.eligible && <span className="tag"> {t('intake.match.notEligible')}{s.minimumAge != null || s.maximumAge != null ? ` (${ageRule(t, s.minimumAge, s.maximumAge)})` : ''}</span>}{' '}
                    <button type="button" className="button-secondary" onClick={() => open({ serviceId: s.serviceId, name: serviceName(s, lng), organizationId: s.organizationId, organizationName: s.organizationName, needCode: needOf(b, s.serviceId), eligible: s.eligible })}
                      aria-label={t('intake.bundles.referFrom', { name: serviceName(s, lng), bundle: b.name })}>{t('intake.match.refer')}</button>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      )}
      {m.data.items.map((n) => (
        <div key={n.needCode}>
          <h3>{needLabel(t, n.needCode)} · {t(`intake.urgency.${n.urgency}`)}</h3>
          {n.services.length === 0 ? <p>{t('intake.match.none')}</p> : (
            <ul>
              {n.services.map((s) => (
                <li key={s.serviceId}>
                  <ServiceName s={s} /> — {s.organizationName}. {t('intake.match.why')}{t('common.colon')}{s.reasons.map((r) => reasonText(t, r, lng)).join('; ')}
                  {!s.eligible && <span className="tag"> {t('intake.match.notEligible')}</span>}{' '}
                  <PathwayLinks serviceId={s.serviceId} />
                  <button type="button" className="button-secondary" onClick={() => open({ serviceId: s.serviceId, name: serviceName(s, lng), organizationId: s.organizationId, organizationName: s.organizationName, needCode: n.needCode, eligible: s.eligible })} aria-label={t('intake.match.referTo', { name: serviceName(s, lng) })}>{t('intake.match.refer')}</button>
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
      {sent && (
        <div className="notice notice-success" role="status" tabIndex={-1} ref={sentRef}>
          {t('intake.referral.sentConfirmation', { to: sent.to })} <Link to={`/intake/referrals/${sent.id}`}>{t('intake.referral.openSent')}</Link>
        </div>
      )}
      {refer && <ReferralForm key={refer.serviceId} clientId={clientId} target={refer} onDone={() => setRefer(undefined)} onSent={(r) => setSent({ id: r.id, to: refer.organizationName })} />}
    </section>
  );
}

interface ReferralTarget { serviceId: string; name: string; organizationId: string; organizationName: string; needCode: string; eligible: boolean }
const shareable = ['identity', 'contact', 'demographics', 'assessment', 'plan'] as const;

/**
 * A warm referral: to a named person at the receiving organization when one is on Roundtable
 * (or its intake queue), otherwise to the contact the worker has just spoken with, who gets a
 * secure link from the referral page. The worker picks what the client agreed to share.
 */
const referralSchema = (eligible: boolean) =>
  z
    .object({
      toUserId: z.string(),
      toContactName: z.string().trim().max(200),
      toContactEmail: z.union([z.literal(''), z.email().max(320)]),
      reason: z.string().trim().min(1).max(2000),
      urgency: z.enum(urgencies),
      sharedCategories: z.preprocess((v) => (Array.isArray(v) ? v : typeof v === 'string' && v ? [v] : []), z.array(z.enum(shareable))),
      eligibilityOverrideReason: z.string().trim().max(1000),
    })
    .superRefine((v, ctx) => {
      if (!eligible && !v.eligibilityOverrideReason) ctx.addIssue({ code: 'custom', path: ['eligibilityOverrideReason'], message: 'errors.required' });
    });

function ReferralForm({ clientId, target, onDone, onSent }: { clientId: string; target: ReferralTarget; onDone: () => void; onSent: (r: Referral) => void }) {
  const { t } = useTranslation();
  // The form opens below the suggestions: bring it into view and put focus on its heading.
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.scrollIntoView({ block: 'start', behavior: window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
    headingRef.current?.focus({ preventScroll: true });
  }, []);
  const create = useIntakeMutation((body: ReferralInput) => intakeApi.createReferral(body));
  const navigate = useNavigate();
  const people = useContacts(target.organizationId);
  const schema = useMemo(() => referralSchema(target.eligible), [target.eligible]);
  const form = useZodForm(schema, {
    defaultValues: { toUserId: '', toContactName: '', toContactEmail: '', reason: '', urgency: 'routine', sharedCategories: ['identity', 'contact'], eligibilityOverrideReason: '' },
  });
  const onPlatform = (people.data?.items.length ?? 0) > 0;
  const opt = (v: string) => v.trim() || undefined;
  return (
    <Form
      form={form}
      className="form panel"
      heading={<><h3 id="refer-title" tabIndex={-1} ref={headingRef}>{t('intake.referral.newTitle', { name: target.name })}</h3><p>{target.organizationName}</p></>}
      submitLabel={t('intake.referral.send')}
      actions={<button type="button" className="button-secondary" onClick={onDone}>{t('common.cancel')}</button>}
      labels={{ toOrganizationId: t('intake.referral.to'), clientId: t('intake.referral.client') }}
      onSubmit={async (v) => {
        const r = await create.mutateAsync({
          clientId, serviceId: target.serviceId, needCode: target.needCode, reason: v.reason, urgency: v.urgency, eligibilityOverrideReason: target.eligible ? undefined : opt(v.eligibilityOverrideReason),
          toUserId: opt(v.toUserId), toContactName: opt(v.toContactName), toContactEmail: opt(v.toContactEmail), sharedCategories: ['referral', ...v.sharedCategories],
        });
        onDone();
        // Off the platform, the next step is the secure link for the named contact, on the referral page.
        if (!onPlatform) navigate(`/intake/referrals/${r.id}`, { state: { sent: true } });
        else onSent(r);
      }}
    >
      {onPlatform ? (
        <SelectField
          name="toUserId"
          label={t('intake.referral.toPerson')}
          hint={t('intake.referral.toPersonHint')}
          placeholder={t('intake.referral.queue', { org: target.organizationName })}
          choices={people.data!.items.map((u) => ({ value: u.id, label: u.name }))}
        />
      ) : people.data ? (
        <>
          <p className="hint">{t('intake.referral.offPlatform', { org: target.organizationName })}</p>
          <TextField name="toContactName" label={t('intake.referral.contactName')} />
          <TextField name="toContactEmail" type="email" label={t('intake.referral.contactEmail')} />
        </>
      ) : null}
      <TextArea name="reason" label={t('intake.referral.reason')} required />
      <SelectField name="urgency" label={t('intake.referral.urgency')} choices={urgencies.map((u) => ({ value: u, label: t(`intake.urgency.${u}`) }))} />
      <CheckboxGroup name="sharedCategories" label={t('intake.referral.share')} hint={t('intake.referral.shareHint')} choices={shareable.map((c) => ({ value: c, label: t(`intake.category.${c}`) }))} />
      {!target.eligible && <TextArea name="eligibilityOverrideReason" label={t('intake.referral.override')} required />}
    </Form>
  );
}
