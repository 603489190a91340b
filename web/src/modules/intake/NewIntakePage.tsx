import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, ApiError } from '../../core/api';
import { useUser } from '../../core/session';
import { ErrorSummary, Field, fieldErrorsOf, useTitle, type FieldErrors } from '../../core/ui';
import type { Client } from './types';
import { MunicipalityOptions, SettlementStageOptions, useMunicipalities } from './parts';
import { LanguagePicker } from '../../core/LanguagePicker';

interface Candidate { id: string; name: string | null; birthDate: string | null; score: number }

/** Common intake: minimal identity, settlement stage, and the consent the person gives. */
export function NewIntakePage() {
  const { t } = useTranslation();
  useTitle(t('intake.new.title'));
  const me = useUser();
  const navigate = useNavigate();
  const orgs = useQuery({ queryKey: ['organizations', 'all'], queryFn: () => api.get<{ items: { id: string; legalName: string }[] }>('/organizations?perPage=200') });
  const places = useMunicipalities();
  const [f, setF] = useState({ name: '', preferredName: '', birthDate: '', preferredLanguage: '', phone: '', email: '', municipalityId: '', settlementStage: '', method: 'signed_on_screen', witnessName: '', expiresAt: '' });
  const [share, setShare] = useState<string[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string>();
  const [candidates, setCandidates] = useState<Candidate[]>();
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const [params] = useSearchParams();
  const selfReferralId = params.get('selfReferral') ?? undefined;
  const selfReferral = useQuery({
    queryKey: ['intake', 'self-referral', selfReferralId], enabled: !!selfReferralId,
    queryFn: () => api.get<{ id: string; firstName: string; contact: string; preferredLanguage: string | null; status: string }>(`/intake/self-referrals/${selfReferralId}`),
  });
  // Start from what the person told the finder; the worker completes the rest with them.
  const [prefilled, setPrefilled] = useState(false);
  if (selfReferral.data && !prefilled) {
    const s = selfReferral.data;
    const isEmail = s.contact.includes('@');
    setF({ ...f, name: s.firstName, preferredLanguage: s.preferredLanguage ?? '', phone: isEmail ? '' : s.contact, email: isEmail ? s.contact : '' });
    setPrefilled(true);
  }
  const labels: Record<string, string> = {
    name: t('intake.client.name'), preferredName: t('intake.client.preferredName'), birthDate: t('intake.client.birthDate'), preferredLanguage: t('intake.client.language'),
    phone: t('intake.client.phone'), email: t('intake.client.email'), municipalityId: t('intake.client.municipality'), settlementStage: t('intake.client.settlementStage'),
    'consent.method': t('intake.consent.method'), 'consent.witnessName': t('intake.consent.witness'), 'consent.expiresAt': t('intake.consent.expiresAt'),
    'consent.organizationIds': t('intake.consent.shareWith'), confirmNotDuplicate: t('intake.new.confirmLabel'), selfReferralId: t('intake.selfReferral.person'),
  };
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setMessage(undefined);
    try {
      const opt = (v: string) => (v.trim() ? v.trim() : undefined);
      const c = await api.post<Client>('/intake/clients', {
        name: f.name, preferredName: opt(f.preferredName), birthDate: opt(f.birthDate), preferredLanguage: opt(f.preferredLanguage), phone: opt(f.phone), email: opt(f.email),
        municipalityId: opt(f.municipalityId), settlementStage: opt(f.settlementStage), confirmNotDuplicate: confirm, selfReferralId,
        consent: { method: f.method, witnessName: opt(f.witnessName), organizationIds: share, expiresAt: f.expiresAt ? new Date(f.expiresAt + 'T23:59:59').toISOString() : undefined },
      });
      navigate(`/intake/clients/${c.id}`);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'intake.possible_duplicate') {
        setCandidates((err.body.candidates as Candidate[] | undefined) ?? []);
        setErrors({});
        setMessage(t('intake.new.duplicate'));
      } else {
        setErrors(fieldErrorsOf(err));
        if (!Object.keys(fieldErrorsOf(err)).length) setMessage(err instanceof ApiError ? err.message : t('errors.network'));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <p><Link to="/intake">{t('intake.back')}</Link></p>
      <h1>{t('intake.new.title')}</h1>
      <p className="lead">{t('intake.new.lead')}</p>
      {selfReferral.data && <p className="notice">{t('intake.selfReferral.answering', { name: selfReferral.data.firstName })}</p>}
      <ErrorSummary errors={errors} labels={labels} message={message} />
      {candidates && candidates.length > 0 && (
        <section className="notice notice-warning" aria-labelledby="dups-title">
          <h2 id="dups-title">{t('intake.new.candidates')}</h2>
          <ul>{candidates.map((c) => <li key={c.id}><Link to={`/intake/clients/${c.id}`}>{c.name}</Link> · {c.birthDate}</li>)}</ul>
          <p><label><input type="checkbox" checked={confirm} onChange={(e) => setConfirm(e.target.checked)} /> {t('intake.new.confirmLabel')}</label></p>
        </section>
      )}
      <form className="form" onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t('intake.new.identity')}</legend>
          <Field path="name" label={labels.name} error={errors.name} required>{(p) => <input {...p} autoComplete="off" value={f.name} onChange={set('name')} />}</Field>
          <Field path="preferredName" label={labels.preferredName} error={errors.preferredName}>{(p) => <input {...p} autoComplete="off" value={f.preferredName} onChange={set('preferredName')} />}</Field>
          <Field path="birthDate" label={labels.birthDate} error={errors.birthDate} hint={t('intake.new.dateHint')}>{(p) => <input {...p} type="date" value={f.birthDate} onChange={set('birthDate')} />}</Field>
          <Field path="preferredLanguage" label={labels.preferredLanguage} error={errors.preferredLanguage} hint={t('intake.new.languageHint')}>{(p) => <LanguagePicker {...p} value={f.preferredLanguage} onChange={(code) => setF({ ...f, preferredLanguage: code })} />}</Field>
          <Field path="phone" label={labels.phone} error={errors.phone}>{(p) => <input {...p} type="tel" autoComplete="off" value={f.phone} onChange={set('phone')} />}</Field>
          <Field path="email" label={labels.email} error={errors.email}>{(p) => <input {...p} type="email" autoComplete="off" value={f.email} onChange={set('email')} />}</Field>
          <Field path="municipalityId" label={labels.municipalityId} error={errors.municipalityId}>
            {(p) => (
              <select {...p} value={f.municipalityId} onChange={set('municipalityId')}>
                <MunicipalityOptions places={places.data?.items ?? []} />
              </select>
            )}
          </Field>
          <Field path="settlementStage" label={labels.settlementStage} error={errors.settlementStage}>
            {(p) => (
              <select {...p} value={f.settlementStage} onChange={set('settlementStage')}>
                <SettlementStageOptions />
              </select>
            )}
          </Field>
        </fieldset>
        <fieldset>
          <legend>{t('intake.new.consent')}</legend>
          <p className="hint">{t('intake.new.consentHint')}</p>
          <Field path="consent.method" label={labels['consent.method']} error={errors['consent.method']} required>
            {(p) => (
              <select {...p} value={f.method} onChange={set('method')}>
                {['signed_on_screen', 'paper_scanned', 'verbal_witnessed'].map((m) => <option key={m} value={m}>{t(`intake.method.${m}`)}</option>)}
              </select>
            )}
          </Field>
          {f.method === 'verbal_witnessed' && (
            <Field path="consent.witnessName" label={labels['consent.witnessName']} error={errors['consent.witnessName']} required>{(p) => <input {...p} value={f.witnessName} onChange={set('witnessName')} />}</Field>
          )}
          <Field path="consent.expiresAt" label={labels['consent.expiresAt']} error={errors['consent.expiresAt']}>{(p) => <input {...p} type="date" value={f.expiresAt} onChange={set('expiresAt')} />}</Field>
          <fieldset>
            <legend>{labels['consent.organizationIds']}</legend>
            <p className="hint">{t('intake.new.shareHint')}</p>
            <ul className="checkbox-list">
              {(orgs.data?.items ?? []).filter((o) => o.id !== me?.organizationId).map((o) => (
                <li key={o.id}><label><input type="checkbox" checked={share.includes(o.id)} onChange={(e) => setShare(e.target.checked ? [...share, o.id] : share.filter((x) => x !== o.id))} /> {o.legalName}</label></li>
              ))}
            </ul>
          </fieldset>
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={busy}>{busy ? t('common.saving') : t('intake.new.submit')}</button>
        </div>
      </form>
    </>
  );
}
