import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../../core/api';
import { collaborativesApi } from './api';
import { collaborativesKeys, useCollaborative, useGeographyOptions, useOrganizationOptions } from './hooks';
import { LoadError, Loading, useTitle } from '../../core/ui';
import { CheckboxField, CheckboxGroup, Form, SelectField, TextArea, TextField, useZodForm } from '../../core/form';
import { partnerCategories, sectors } from '../../../../src/shared/contracts';
import { collaborativeTypes, quorumKinds, voteRules } from '../../../../src/modules/collaboratives/collaboratives.schema';
import type { Collab } from './types';

/** The form's values: the server's CreateCollaborativeBody with empty text for "none" (sent as null). */
const optional = (max: number) => z.string().trim().max(max);
const collaborativeSchema = z.object({
  name: z.string().trim().min(1).max(300),
  shortName: optional(50),
  type: z.enum(collaborativeTypes),
  scope: z.enum(['local', 'regional']),
  catchmentGeographyId: z.string(),
  leadOrganizationId: z.string(),
  focus: optional(1000),
  incorporated: z.boolean(),
  vision: optional(5000),
  mission: optional(5000),
  mandate: optional(5000),
  guidingPrinciples: optional(10000),
  quorumKind: z.enum(quorumKinds),
  quorumValue: z.number().int().min(0).max(1000).optional(),
  voteRule: z.enum(voteRules),
  checklistPartnerCategories: z.array(z.enum(partnerCategories)).max(50),
  checklistSectors: z.array(z.enum(sectors)).max(50),
});
type CollaborativeValues = z.infer<typeof collaborativeSchema>;


/** Create (no id) or edit (id) a collaborative's profile and governance settings. */
export function CollaborativeFormPage() {
  const { id } = useParams();
  const existing = useCollaborative(id ?? '', !!id);
  if (id && existing.isPending) return <Loading />;
  if (id && existing.isError) return <LoadError error={existing.error} />;
  return <CollaborativeForm initial={id ? existing.data : undefined} />;
}

function CollaborativeForm({ initial }: { initial?: Collab }) {
  const { t, i18n } = useTranslation();
  const title = initial ? t('collaboratives.editTitle', { name: initial.name }) : t('collaboratives.createTitle');
  useTitle(title);
  const navigate = useNavigate();
  const client = useQueryClient();
  const orgs = useOrganizationOptions();
  const geos = useGeographyOptions();
  const form = useZodForm(collaborativeSchema, {
    defaultValues: {
      name: initial?.name ?? '',
      shortName: initial?.shortName ?? '',
      type: initial?.type ?? 'planning_table',
      scope: initial?.scope ?? 'local',
      catchmentGeographyId: initial?.catchmentGeographyId ?? '',
      leadOrganizationId: initial?.leadOrganizationId ?? '',
      focus: initial?.focus ?? '',
      incorporated: initial?.incorporated ?? false,
      vision: initial?.vision ?? '',
      mission: initial?.mission ?? '',
      mandate: initial?.mandate ?? '',
      guidingPrinciples: initial?.guidingPrinciples ?? '',
      quorumKind: initial?.quorumKind ?? 'majority',
      quorumValue: initial?.quorumValue ?? 0,
      voteRule: initial?.voteRule ?? 'simple_majority',
      checklistPartnerCategories: (initial?.checklistPartnerCategories ?? []) as CollaborativeValues['checklistPartnerCategories'],
      checklistSectors: (initial?.checklistSectors ?? []) as CollaborativeValues['checklistSectors'],
    },
  });
  const option = (group: string) => (x: string) => ({ value: x, label: t(`enums.${group}.${x}`) });

  async function submit(v: CollaborativeValues) {
    const nul = (s: string) => (s.trim() ? s : null);
    const body = {
      ...v,
      shortName: nul(v.shortName),
      catchmentGeographyId: nul(v.catchmentGeographyId),
      leadOrganizationId: nul(v.leadOrganizationId),
      focus: nul(v.focus),
      vision: nul(v.vision),
      mission: nul(v.mission),
      mandate: nul(v.mandate),
      guidingPrinciples: nul(v.guidingPrinciples),
      quorumValue: v.quorumValue ?? 0,
      checklistPartnerCategories: v.checklistPartnerCategories || [],
      checklistSectors: v.checklistSectors || [],
    };
    const saved = initial ? await collaborativesApi.update(initial.id, { ...body, version: initial.version }) : await collaborativesApi.create(body);
    await client.invalidateQueries({ queryKey: collaborativesKeys.all });
    navigate(`/collaboratives/${saved.id}`);
  }

  return (
    <>
      <h1>{title}</h1>
      <Form
        form={form}
        onSubmit={submit}
        onError={(err) => (err instanceof ApiError && err.status === 409 ? t('collaboratives.stale') : err instanceof ApiError && err.status === 403 ? t('errors.forbidden') : undefined)}
        submitLabel={initial ? t('collaboratives.save') : t('collaboratives.create')}
      >
        <TextField name="name" label={t('collaboratives.f.name')} required />
        <TextField name="shortName" label={t('collaboratives.f.shortName')} hint={t('collaboratives.f.shortNameHint')} />
        <div className="field-row">
          <SelectField name="type" label={t('collaboratives.f.type')} required choices={collaborativeTypes.map(option('collaborativeType'))} />
          <SelectField name="scope" label={t('collaboratives.f.scope')} choices={['local', 'regional'].map(option('scope'))} />
        </div>
        <SelectField
          name="catchmentGeographyId"
          label={t('collaboratives.f.catchment')}
          placeholder={t('collaboratives.none')}
          choices={(geos.data?.items ?? []).filter((g) => g.level !== 'neighbourhood').map((g) => ({ value: g.id, label: i18n.language === 'fr' ? g.nameFr : g.nameEn }))}
        />
        <SelectField name="leadOrganizationId" label={t('collaboratives.f.lead')} placeholder={t('collaboratives.none')} choices={(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.legalName }))} />
        <TextField name="focus" label={t('collaboratives.f.focus')} />
        <CheckboxField name="incorporated" label={t('collaboratives.f.incorporated')} />
        {(['vision', 'mission', 'mandate', 'guidingPrinciples'] as const).map((k) => (
          <TextArea key={k} name={k} label={t(`collaboratives.f.${k}`)} />
        ))}
        <fieldset>
          <legend>{t('collaboratives.f.governance')}</legend>
          <div className="field-row">
            <SelectField name="quorumKind" label={t('collaboratives.f.quorumKind')} choices={quorumKinds.map(option('quorumKind'))} />
            <TextField name="quorumValue" type="number" inputMode="numeric" label={t('collaboratives.f.quorumValue')} hint={t('collaboratives.f.quorumValueHint')} />
            <SelectField name="voteRule" label={t('collaboratives.f.voteRule')} choices={voteRules.map(option('voteRule'))} />
          </div>
        </fieldset>
        <CheckboxGroup name="checklistPartnerCategories" label={t('collaboratives.f.checklistCategories')} choices={partnerCategories.map(option('partnerCategory'))} />
        <CheckboxGroup name="checklistSectors" label={t('collaboratives.f.checklistSectors')} choices={sectors.map(option('sector'))} />
      </Form>
    </>
  );
}
