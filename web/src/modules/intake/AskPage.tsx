import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { z } from 'zod';
import { Form, TextField, useZodForm } from '../../core/form';
import { LoadError, Loading, useTitle } from '../../core/ui';
import { intakeApi, type SelfReferralInput } from './api';
import { useFinderService, useIntakeMutation } from './hooks';
import { LanguageField } from './parts';

const askSchema = z.object({
  firstName: z.string().trim().min(1).max(100),
  contact: z.string().trim().min(1).max(200),
  preferredLanguage: z.string(),
  website: z.string(),
});

/** Self-referral from the public finder: the person asks the organization to contact them. Minimal data. */
export function AskPage() {
  const { t, i18n } = useTranslation();
  useTitle(t('intake.ask.title'));
  const [params] = useSearchParams();
  const serviceId = params.get('service') ?? '';
  const svc = useFinderService(serviceId, i18n.language);
  const ask = useIntakeMutation((body: SelfReferralInput) => intakeApi.createSelfReferral(body));
  const form = useZodForm(askSchema, { defaultValues: { firstName: '', contact: '', preferredLanguage: '', website: '' } });
  const [done, setDone] = useState(false);
  if (!serviceId) return <><h1>{t('intake.ask.title')}</h1><p>{t('intake.ask.noService')}</p></>;
  if (svc.isPending) return <Loading />;
  if (svc.error) return <><h1>{t('intake.ask.title')}</h1><LoadError error={svc.error} /></>;
  const org = svc.data.organization;
  return (
    <>
      <h1>{t('intake.ask.title')}</h1>
      <p className="lead">{t('intake.ask.lead', { service: svc.data.name, org: org.name })}</p>
      {done ? <p className="notice notice-success" role="status">{t('intake.ask.done', { org: org.name })}</p> : (
        <>
          <p>{t('intake.ask.privacy')}</p>
          <Form
            form={form}
            submitLabel={t('intake.ask.submit')}
            labels={{ preferredLanguage: t('intake.client.language'), organizationId: t('intake.ask.title'), serviceId: t('intake.ask.title') }}
            onSubmit={async (v) => {
              await ask.mutateAsync({ organizationId: org.id, serviceId, firstName: v.firstName, contact: v.contact, preferredLanguage: v.preferredLanguage || undefined, website: v.website || undefined });
              setDone(true);
            }}
          >
            <TextField name="firstName" label={t('intake.ask.firstName')} autoComplete="given-name" required />
            <TextField name="contact" label={t('intake.ask.contact')} hint={t('intake.ask.contactHint')} autoComplete="tel" required />
            <LanguageField name="preferredLanguage" label={t('intake.client.language')} hint={t('intake.new.languageHint')} />
            <div className="visually-hidden" aria-hidden="true">
              <label htmlFor="ask-website">Website</label>
              <input id="ask-website" tabIndex={-1} autoComplete="off" {...form.register('website')} />
            </div>
          </Form>
        </>
      )}
    </>
  );
}
