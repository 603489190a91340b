import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, ApiError } from '../../core/api';
import { ErrorSummary, Field, fieldErrorsOf, LoadError, Loading, useTitle, type FieldErrors } from '../../core/ui';
import { LanguagePicker } from '../../core/LanguagePicker';

/** Self-referral from the public finder: the person asks the organization to contact them. Minimal data. */
export function AskPage() {
  const { t, i18n } = useTranslation();
  useTitle(t('intake.ask.title'));
  const [params] = useSearchParams();
  const serviceId = params.get('service') ?? '';
  const svc = useQuery({ queryKey: ['finder', 'service', serviceId, i18n.language], queryFn: () => api.get<{ id: string; name: string; organization: { id: string; name: string } }>(`/finder/services/${serviceId}?lang=${i18n.language === 'fr' ? 'fr' : 'en'}`), enabled: !!serviceId, retry: false });
  const [f, setF] = useState({ firstName: '', contact: '', preferredLanguage: '', website: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string>();
  const [done, setDone] = useState(false);
  if (!serviceId) return <><h1>{t('intake.ask.title')}</h1><p>{t('intake.ask.noService')}</p></>;
  if (svc.isPending) return <Loading />;
  if (svc.error) return <><h1>{t('intake.ask.title')}</h1><LoadError error={svc.error} /></>;
  const labels = { firstName: t('intake.ask.firstName'), contact: t('intake.ask.contact'), preferredLanguage: t('intake.client.language') };
  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      await api.post('/intake/self-referrals', { organizationId: svc.data!.organization.id, serviceId, firstName: f.firstName, contact: f.contact, preferredLanguage: f.preferredLanguage || undefined, website: f.website || undefined });
      setDone(true);
    } catch (err) {
      setErrors(fieldErrorsOf(err));
      if (!Object.keys(fieldErrorsOf(err)).length) setMessage(err instanceof ApiError ? err.message : t('errors.network'));
    }
  }
  return (
    <>
      <h1>{t('intake.ask.title')}</h1>
      <p className="lead">{t('intake.ask.lead', { service: svc.data.name, org: svc.data.organization.name })}</p>
      {done ? <p className="notice notice-success" role="status">{t('intake.ask.done', { org: svc.data.organization.name })}</p> : (
        <>
          <ErrorSummary errors={errors} labels={labels} message={message} />
          <p>{t('intake.ask.privacy')}</p>
          <form className="form" onSubmit={submit} noValidate>
            <Field path="firstName" label={labels.firstName} error={errors.firstName} required>{(p) => <input {...p} autoComplete="given-name" value={f.firstName} onChange={(e) => setF({ ...f, firstName: e.target.value })} />}</Field>
            <Field path="contact" label={labels.contact} hint={t('intake.ask.contactHint')} error={errors.contact} required>{(p) => <input {...p} autoComplete="tel" value={f.contact} onChange={(e) => setF({ ...f, contact: e.target.value })} />}</Field>
            <Field path="preferredLanguage" label={labels.preferredLanguage} hint={t('intake.new.languageHint')} error={errors.preferredLanguage}>{(p) => <LanguagePicker {...p} value={f.preferredLanguage} onChange={(code) => setF({ ...f, preferredLanguage: code })} />}</Field>
            <div className="visually-hidden" aria-hidden="true">
              <label htmlFor="ask-website">Website</label>
              <input id="ask-website" tabIndex={-1} autoComplete="off" value={f.website} onChange={(e) => setF({ ...f, website: e.target.value })} />
            </div>
            <button type="submit" className="button-primary">{t('intake.ask.submit')}</button>
          </form>
        </>
      )}
    </>
  );
}
