import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../core/api';
import { intakeApi, type ReferralInput } from './api';
import { useContacts, useIntakeMutation, useMatches } from './hooks';
import { ErrorSummary, Field, fieldErrorsOf, type FieldErrors } from '../../core/ui';
import type { MatchBundle, Referral } from './types';
import { needLabel } from './parts';
import { PathwayLinks } from '../pathways/components/ServicePathways';

/** Support bundles that fit, then services suggested per need, with the reasons, and the warm referral form. */
export function Matches({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
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
                    <strong>{s.name}</strong> — {s.organizationName}
                    {!s.eligible && <span className="tag"> {t('intake.match.notEligible')}{s.eligibilityRule ? ` (${s.eligibilityRule})` : ''}</span>}{' '}
                    <button type="button" className="button-secondary" onClick={() => open({ serviceId: s.serviceId, name: s.name, organizationId: s.organizationId, organizationName: s.organizationName, needCode: needOf(b, s.serviceId), eligible: s.eligible })}
                      aria-label={t('intake.bundles.referFrom', { name: s.name, bundle: b.name })}>{t('intake.match.refer')}</button>
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
                  <strong>{s.name}</strong> — {s.organizationName}. {t('intake.match.why')}: {s.reasons.map((r) => t(`intake.reason.${r.split(':')[0]}`, { value: r.split(':')[1] ?? '' })).join('; ')}
                  {!s.eligible && <span className="tag"> {t('intake.match.notEligible')}</span>}{' '}
                  <PathwayLinks serviceId={s.serviceId} />
                  <button type="button" className="button-secondary" onClick={() => open({ serviceId: s.serviceId, name: s.name, organizationId: s.organizationId, organizationName: s.organizationName, needCode: n.needCode, eligible: s.eligible })} aria-label={t('intake.match.referTo', { name: s.name })}>{t('intake.match.refer')}</button>
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
  const [f, setF] = useState({ reason: '', urgency: 'routine', eligibilityOverrideReason: '', toUserId: '', toContactName: '', toContactEmail: '' });
  const [shared, setShared] = useState<string[]>(['identity', 'contact']);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string>();
  const onPlatform = (people.data?.items.length ?? 0) > 0;
  const labels: Record<string, string> = {
    reason: t('intake.referral.reason'), urgency: t('intake.referral.urgency'), eligibilityOverrideReason: t('intake.referral.override'), toOrganizationId: t('intake.referral.to'),
    clientId: t('intake.referral.client'), toUserId: t('intake.referral.toPerson'), toContactName: t('intake.referral.contactName'), toContactEmail: t('intake.referral.contactEmail'),
    sharedCategories: t('intake.referral.share'),
  };
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  async function submit(e: FormEvent) {
    e.preventDefault();
    const opt = (v: string) => v.trim() || undefined;
    try {
      const r = await create.mutateAsync({
        clientId, serviceId: target.serviceId, needCode: target.needCode, reason: f.reason, urgency: f.urgency as ReferralInput['urgency'], eligibilityOverrideReason: opt(f.eligibilityOverrideReason),
        toUserId: opt(f.toUserId), toContactName: opt(f.toContactName), toContactEmail: opt(f.toContactEmail), sharedCategories: ['referral', ...shared] as ReferralInput['sharedCategories'],
      });
      onDone();
      // Off the platform, the next step is the secure link for the named contact, on the referral page.
      if (!onPlatform) navigate(`/intake/referrals/${r.id}`, { state: { sent: true } });
      else onSent(r);
    } catch (err) {
      setErrors(fieldErrorsOf(err));
      if (!Object.keys(fieldErrorsOf(err)).length) setMessage(err instanceof ApiError ? err.message : t('errors.network'));
    }
  }
  return (
    <form className="form panel" onSubmit={submit} noValidate aria-labelledby="refer-title">
      <h3 id="refer-title" tabIndex={-1} ref={headingRef}>{t('intake.referral.newTitle', { name: target.name })}</h3>
      <p>{target.organizationName}</p>
      <ErrorSummary errors={errors} labels={labels} message={message} />
      {onPlatform ? (
        <Field path="toUserId" label={labels.toUserId} error={errors.toUserId} hint={t('intake.referral.toPersonHint')}>
          {(p) => (
            <select {...p} value={f.toUserId} onChange={set('toUserId')}>
              <option value="">{t('intake.referral.queue', { org: target.organizationName })}</option>
              {people.data!.items.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
            </select>
          )}
        </Field>
      ) : people.data ? (
        <>
          <p className="hint">{t('intake.referral.offPlatform', { org: target.organizationName })}</p>
          <Field path="toContactName" label={labels.toContactName} error={errors.toContactName}>{(p) => <input {...p} value={f.toContactName} onChange={set('toContactName')} />}</Field>
          <Field path="toContactEmail" label={labels.toContactEmail} error={errors.toContactEmail}>{(p) => <input {...p} type="email" value={f.toContactEmail} onChange={set('toContactEmail')} />}</Field>
        </>
      ) : null}
      <Field path="reason" label={labels.reason} error={errors.reason} required>{(p) => <textarea {...p} value={f.reason} onChange={set('reason')} />}</Field>
      <Field path="urgency" label={labels.urgency} error={errors.urgency}>{(p) => <select {...p} value={f.urgency} onChange={set('urgency')}>{['routine', 'soon', 'urgent'].map((u) => <option key={u} value={u}>{t(`intake.urgency.${u}`)}</option>)}</select>}</Field>
      <fieldset>
        <legend>{labels.sharedCategories}</legend>
        <p className="hint">{t('intake.referral.shareHint')}</p>
        <ul className="checkbox-list">
          {shareable.map((c) => <li key={c}><label><input type="checkbox" checked={shared.includes(c)} onChange={(e) => setShared(e.target.checked ? [...shared, c] : shared.filter((x) => x !== c))} /> {t(`intake.category.${c}`)}</label></li>)}
        </ul>
      </fieldset>
      {!target.eligible && <Field path="eligibilityOverrideReason" label={labels.eligibilityOverrideReason} error={errors.eligibilityOverrideReason} required>{(p) => <textarea {...p} value={f.eligibilityOverrideReason} onChange={set('eligibilityOverrideReason')} />}</Field>}
      <div className="form-actions"><button type="submit" className="button-primary">{t('intake.referral.send')}</button> <button type="button" className="button-secondary" onClick={onDone}>{t('common.cancel')}</button></div>
    </form>
  );
}
