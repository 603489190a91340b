import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { z } from 'zod';
import { ApiError } from '../../core/api';
import { CheckboxField, CheckboxGroup, Form, SelectField, TextField, useZodForm } from '../../core/form';
import { useUser } from '../../core/session';
import { useTitle } from '../../core/ui';
import { consentMethods, settlementStages } from '../../../../src/modules/intake/intake.schema';
import { intakeApi, type Candidate, type CreateClientInput } from './api';
import { useIntakeMutation, useMunicipalities, useOrganizationNames, useSelfReferral } from './hooks';
import { LanguageField } from './parts';

const optText = (max: number) => z.string().trim().max(max);
/** A list of checkboxes: react-hook-form gives a string (one box) or false (none) where the list has a single choice. */
const idList = z.preprocess((v) => (Array.isArray(v) ? v : typeof v === 'string' && v ? [v] : []), z.array(z.string()));

const intakeSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    preferredName: optText(200),
    birthDate: z.string(),
    preferredLanguage: z.string(),
    phone: optText(50),
    email: z.union([z.literal(''), z.email()]),
    municipalityId: z.string(),
    settlementStage: z.union([z.enum(settlementStages), z.literal('')]),
    consent: z.object({ method: z.enum(consentMethods), witnessName: optText(200), expiresAt: z.string(), organizationIds: idList }),
    confirmNotDuplicate: z.boolean(),
  })
  .superRefine((v, ctx) => {
    if (v.consent.method === 'verbal_witnessed' && !v.consent.witnessName) ctx.addIssue({ code: 'custom', path: ['consent', 'witnessName'], message: 'errors.required' });
  });
type IntakeValues = z.input<typeof intakeSchema>;

const empty: IntakeValues = {
  name: '', preferredName: '', birthDate: '', preferredLanguage: '', phone: '', email: '', municipalityId: '', settlementStage: '',
  consent: { method: 'signed_on_screen', witnessName: '', expiresAt: '', organizationIds: [] }, confirmNotDuplicate: false,
};

/** Common intake: minimal identity, settlement stage, and the consent the person gives. */
export function NewIntakePage() {
  const { t, i18n } = useTranslation();
  useTitle(t('intake.new.title'));
  const me = useUser();
  const navigate = useNavigate();
  const orgs = useOrganizationNames();
  const places = useMunicipalities();
  const create = useIntakeMutation((body: CreateClientInput) => intakeApi.createClient(body));
  const [candidates, setCandidates] = useState<Candidate[]>();
  const [params] = useSearchParams();
  const selfReferralId = params.get('selfReferral') ?? undefined;
  const selfReferral = useSelfReferral(selfReferralId);
  const form = useZodForm(intakeSchema, { defaultValues: empty });
  // Start from what the person told the finder; the worker completes the rest with them.
  const asked = selfReferral.data;
  useEffect(() => {
    if (!asked) return;
    const isEmail = asked.contact.includes('@');
    form.reset({ ...empty, name: asked.firstName, preferredLanguage: asked.preferredLanguage ?? '', phone: isEmail ? '' : asked.contact, email: isEmail ? asked.contact : '' });
  }, [asked, form]);
  const verbal = form.watch('consent.method') === 'verbal_witnessed';
  const opt = (v: string) => (v.trim() ? v.trim() : undefined);

  return (
    <>
      <p><Link to="/intake">{t('intake.back')}</Link></p>
      <h1>{t('intake.new.title')}</h1>
      <p className="lead">{t('intake.new.lead')}</p>
      {asked && <p className="notice">{t('intake.selfReferral.answering', { name: asked.firstName })}</p>}
      <Form
        form={form}
        submitLabel={t('intake.new.submit')}
        labels={{ preferredLanguage: t('intake.client.language'), selfReferralId: t('intake.selfReferral.person'), 'consent.organizationIds': t('intake.consent.shareWith') }}
        onError={(err) => {
          if (err instanceof ApiError && err.code === 'intake.possible_duplicate') {
            setCandidates((err.body.candidates as Candidate[] | undefined) ?? []);
            return t('intake.new.duplicate');
          }
          return undefined;
        }}
        onSubmit={async (v) => {
          const c = await create.mutateAsync({
            name: v.name, preferredName: opt(v.preferredName), birthDate: opt(v.birthDate), preferredLanguage: opt(v.preferredLanguage), phone: opt(v.phone), email: opt(v.email),
            municipalityId: opt(v.municipalityId), settlementStage: v.settlementStage || undefined, confirmNotDuplicate: v.confirmNotDuplicate, selfReferralId,
            consent: {
              method: v.consent.method, witnessName: opt(v.consent.witnessName), organizationIds: v.consent.organizationIds,
              expiresAt: v.consent.expiresAt ? new Date(v.consent.expiresAt + 'T23:59:59').toISOString() : undefined,
            },
          });
          navigate(`/intake/clients/${c.id}`);
        }}
      >
        {candidates && candidates.length > 0 && (
          <section className="notice notice-warning" aria-labelledby="dups-title">
            <h2 id="dups-title">{t('intake.new.candidates')}</h2>
            <ul>{candidates.map((c) => <li key={c.id}><Link to={`/intake/clients/${c.id}`}>{c.name}</Link> · {c.birthDate}</li>)}</ul>
            <CheckboxField name="confirmNotDuplicate" label={t('intake.new.confirmLabel')} />
          </section>
        )}
        <fieldset>
          <legend>{t('intake.new.identity')}</legend>
          <TextField name="name" label={t('intake.client.name')} autoComplete="off" required />
          <TextField name="preferredName" label={t('intake.client.preferredName')} autoComplete="off" />
          <TextField name="birthDate" type="date" label={t('intake.client.birthDate')} hint={t('intake.new.dateHint')} />
          <LanguageField name="preferredLanguage" label={t('intake.client.language')} hint={t('intake.new.languageHint')} />
          <TextField name="phone" type="tel" label={t('intake.client.phone')} autoComplete="off" />
          <TextField name="email" type="email" label={t('intake.client.email')} autoComplete="off" />
          <SelectField
            name="municipalityId"
            label={t('intake.client.municipality')}
            placeholder={t('common.notSet')}
            choices={(places.data?.items ?? []).map((g) => ({ value: g.id, label: i18n.language === 'fr' ? g.nameFr : g.nameEn }))}
          />
          <SelectField name="settlementStage" label={t('intake.client.settlementStage')} placeholder={t('common.notSet')} choices={settlementStages.map((s) => ({ value: s, label: t(`intake.stage.${s}`) }))} />
        </fieldset>
        <fieldset>
          <legend>{t('intake.new.consent')}</legend>
          <p className="hint">{t('intake.new.consentHint')}</p>
          <SelectField name="consent.method" label={t('intake.consent.method')} required choices={consentMethods.map((m) => ({ value: m, label: t(`intake.method.${m}`) }))} />
          {verbal && <TextField name="consent.witnessName" label={t('intake.consent.witness')} required />}
          <TextField name="consent.expiresAt" type="date" label={t('intake.consent.expiresAt')} />
          <CheckboxGroup
            name="consent.organizationIds"
            label={t('intake.consent.shareWith')}
            hint={t('intake.new.shareHint')}
            choices={(orgs.data?.items ?? []).filter((o) => o.id !== me?.organizationId).map((o) => ({ value: o.id, label: o.legalName }))}
          />
        </fieldset>
      </Form>
    </>
  );
}
