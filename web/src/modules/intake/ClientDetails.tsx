import { useState } from 'react';
import { useFieldArray } from 'react-hook-form';
import { z } from 'zod';
import { Form, SelectField, TextArea, TextField, useZodForm } from '../../core/form';
import { closeReasons, settlementStages } from '../../../../src/modules/intake/intake.schema';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../core/api';
import { formatDateTime } from '../../core/i18n';
import type { Client } from './types';
import { LanguageField } from './parts';
import { useIntakeMutation, useMunicipalities } from './hooks';
import { intakeApi, type CloseClientInput, type Place, type UpdateClientInput } from './api';
import { languageName } from '../../core/labels';



/** What the record holds, as far as consent lets this reader see it; editing, closing and reopening. */
export function ClientDetails({ client: c, canEdit, isHome }: { client: Client; canEdit: boolean; isHome: boolean }) {
  const { t, i18n } = useTranslation();
  const places = useMunicipalities();
  const [mode, setMode] = useState<'view' | 'edit' | 'close'>('view');
  const [status, setStatus] = useState('');
  const reopenIt = useIntakeMutation(() => intakeApi.reopenClient(c.id));
  const can = (k: string) => c.visibleCategories.includes(k);
  const place = places.data?.items.find((g) => g.id === c.municipalityId);
  const done = (message: string) => {
    setMode('view');
    setStatus(message);
  };
  async function reopen() {
    try {
      await reopenIt.mutateAsync(undefined);
      setStatus(t('intake.record.reopened'));
    } catch (err) {
      setStatus(err instanceof ApiError ? err.message : t('errors.network'));
    }
  }
  return (
    <section aria-labelledby="details-title">
      <h2 id="details-title">{t('intake.record.title')}</h2>
      <p role="status" className={status ? 'notice notice-success' : 'visually-hidden'}>{status}</p>
      {c.status === 'closed' && (
        <p className="notice notice-warning">
          {t('intake.record.closedOn', { date: c.closedAt ? formatDateTime(c.closedAt) : '—', reason: c.closedReason ? t(`intake.record.reason.${c.closedReason}`) : '—' })}
        </p>
      )}
      <dl className="details">
        <dt>{t('intake.client.preferredName')}</dt><dd>{c.preferredName ?? '—'}</dd>
        <dt>{t('intake.client.birthDate')}</dt><dd>{c.birthDate ?? '—'}</dd>
        <dt>{t('intake.client.language')}</dt><dd>{languageName(c.preferredLanguage, i18n.language)}</dd>
        {can('contact') && (<><dt>{t('intake.client.phone')}</dt><dd>{c.phone ?? '—'}</dd><dt>{t('intake.client.email')}</dt><dd>{c.email ?? '—'}</dd></>)}
        <dt>{t('intake.client.municipality')}</dt><dd>{place ? (i18n.language === 'fr' ? place.nameFr : place.nameEn) : '—'}</dd>
        <dt>{t('intake.client.settlementStage')}</dt><dd>{c.settlementStage ? t(`intake.stage.${c.settlementStage}`) : '—'}</dd>
        {can('demographics') && (<><dt>{t('intake.record.immigrationCategory')}</dt><dd>{c.immigrationCategory ?? '—'}</dd></>)}
        {can('identity') && c.identifiers?.length ? (<><dt>{t('intake.record.identifiers')}</dt><dd>{c.identifiers.map((x) => `${x.type}${t('common.colon')}${x.value}`).join('; ')}</dd></>) : null}
        {can('demographics') && (
          <>
            <dt>{t('intake.record.household')}</dt>
            <dd>{c.household?.length ? <ul>{c.household.map((m, i) => <li key={i}>{m.name}{m.relationship ? ` (${m.relationship})` : ''}{m.birthDate ? ` · ${m.birthDate}` : ''}</li>)}</ul> : '—'}</dd>
          </>
        )}
        <dt>{t('intake.client.status')}</dt><dd>{t(`intake.clientStatus.${c.status}`)}</dd>
        <dt>{t('intake.client.categories')}</dt><dd>{c.visibleCategories.map((k) => t(`intake.category.${k}`)).join(', ')}</dd>
      </dl>
      {mode === 'view' && (
        <p className="button-row">
          {c.status === 'active' && canEdit && <button type="button" className="button-secondary" onClick={() => { setStatus(''); setMode('edit'); }}>{t('intake.record.edit')}</button>}{' '}
          {c.status === 'active' && isHome && <button type="button" className="button-secondary" onClick={() => { setStatus(''); setMode('close'); }}>{t('intake.record.close')}</button>}
          {c.status === 'closed' && isHome && <button type="button" className="button-secondary" onClick={() => void reopen()}>{t('intake.record.reopen')}</button>}
        </p>
      )}
      {mode === 'edit' && <EditClientForm client={c} places={places.data?.items ?? []} onDone={(saved) => (saved ? done(t('intake.record.saved')) : setMode('view'))} />}
      {mode === 'close' && <CloseClientForm clientId={c.id} onDone={(saved) => (saved ? done(t('intake.record.closedStatus')) : setMode('view'))} />}
    </section>
  );
}

const recordSchema = z.object({
  name: z.string().trim().min(1).max(200),
  preferredName: z.string().trim().max(200),
  birthDate: z.string(),
  preferredLanguage: z.string(),
  phone: z.string().trim().max(50),
  email: z.union([z.literal(''), z.email()]),
  municipalityId: z.string(),
  settlementStage: z.union([z.enum(settlementStages), z.literal('')]),
  immigrationCategory: z.string().trim().max(200),
  household: z.array(z.object({ name: z.string().trim().max(200), relationship: z.string().trim().max(100), birthDate: z.string() })).max(30),
  identifiers: z.array(z.object({ type: z.string().trim().max(100), value: z.string().trim().max(200) })).max(20),
});

function EditClientForm({ client: c, places, onDone }: { client: Client; places: Place[]; onDone: (saved: boolean) => void }) {
  const { t, i18n } = useTranslation();
  const update = useIntakeMutation((body: UpdateClientInput) => intakeApi.updateClient(c.id, body));
  const form = useZodForm(recordSchema, {
    defaultValues: {
      name: c.name ?? '', preferredName: c.preferredName ?? '', birthDate: c.birthDate ?? '', preferredLanguage: c.preferredLanguage ?? '', phone: c.phone ?? '', email: c.email ?? '',
      municipalityId: c.municipalityId ?? '', settlementStage: c.settlementStage ?? '', immigrationCategory: c.immigrationCategory ?? '',
      household: (c.household ?? []).map((m) => ({ name: m.name, relationship: m.relationship ?? '', birthDate: m.birthDate ?? '' })),
      identifiers: (c.identifiers ?? []).map((x) => ({ type: x.type, value: x.value })),
    },
  });
  const household = useFieldArray({ control: form.control, name: 'household' });
  const identifiers = useFieldArray({ control: form.control, name: 'identifiers' });
  const orNull = (v: string) => (v.trim() ? v.trim() : null);
  return (
    <Form
      form={form}
      className="form panel"
      heading={<h3 id="edit-client-title">{t('intake.record.edit')}</h3>}
      submitLabel={t('intake.record.save')}
      actions={<button type="button" className="button-secondary" onClick={() => onDone(false)}>{t('common.cancel')}</button>}
      labels={{ preferredLanguage: t('intake.client.language'), household: t('intake.record.household'), identifiers: t('intake.record.identifiers') }}
      onError={(err) => (err instanceof ApiError && err.status === 409 ? t('intake.record.stale') : undefined)}
      onSubmit={async (v) => {
        await update.mutateAsync({
          name: v.name, preferredName: orNull(v.preferredName), birthDate: orNull(v.birthDate), preferredLanguage: orNull(v.preferredLanguage), phone: orNull(v.phone), email: orNull(v.email),
          municipalityId: orNull(v.municipalityId), settlementStage: v.settlementStage || null, immigrationCategory: orNull(v.immigrationCategory),
          household: v.household.filter((m) => m.name).map((m) => ({ name: m.name, ...(m.relationship ? { relationship: m.relationship } : {}), ...(m.birthDate ? { birthDate: m.birthDate } : {}) })),
          identifiers: v.identifiers.filter((x) => x.type && x.value),
          version: c.version,
        } as UpdateClientInput);
        onDone(true);
      }}
    >
      <TextField name="name" label={t('intake.client.name')} autoComplete="off" required />
      <TextField name="preferredName" label={t('intake.client.preferredName')} autoComplete="off" />
      <TextField name="birthDate" type="date" label={t('intake.client.birthDate')} />
      <LanguageField name="preferredLanguage" label={t('intake.client.language')} hint={t('intake.new.languageHint')} />
      <TextField name="phone" type="tel" label={t('intake.client.phone')} autoComplete="off" />
      <TextField name="email" type="email" label={t('intake.client.email')} autoComplete="off" />
      <SelectField name="municipalityId" label={t('intake.client.municipality')} placeholder={t('common.notSet')} choices={places.map((g) => ({ value: g.id, label: i18n.language === 'fr' ? g.nameFr : g.nameEn }))} />
      <SelectField name="settlementStage" label={t('intake.client.settlementStage')} placeholder={t('common.notSet')} choices={settlementStages.map((st) => ({ value: st, label: t(`intake.stage.${st}`) }))} />
      <TextField name="immigrationCategory" label={t('intake.record.immigrationCategory')} hint={t('intake.record.immigrationHint')} />
      <fieldset>
        <legend>{t('intake.record.household')}</legend>
        {household.fields.map((f, i) => (
          <div key={f.id} className="field-row item-row">
            <TextField name={`household.${i}.name`} label={t('intake.record.memberName', { n: i + 1 })} autoComplete="off" />
            <TextField name={`household.${i}.relationship`} label={t('intake.record.relationship', { n: i + 1 })} />
            <TextField name={`household.${i}.birthDate`} type="date" label={t('intake.record.memberBirthDate', { n: i + 1 })} />
            <button type="button" className="button-secondary" onClick={() => household.remove(i)}>{t('intake.record.removeMember', { n: i + 1 })}</button>
          </div>
        ))}
        <button type="button" className="button-secondary" onClick={() => household.append({ name: '', relationship: '', birthDate: '' })}>{t('intake.record.addMember')}</button>
      </fieldset>
      <fieldset>
        <legend>{t('intake.record.identifiers')}</legend>
        <p className="hint">{t('intake.record.identifiersHint')}</p>
        {identifiers.fields.map((f, i) => (
          <div key={f.id} className="field-row item-row">
            <TextField name={`identifiers.${i}.type`} label={t('intake.record.identifierType', { n: i + 1 })} />
            <TextField name={`identifiers.${i}.value`} label={t('intake.record.identifierValue', { n: i + 1 })} autoComplete="off" />
            <button type="button" className="button-secondary" onClick={() => identifiers.remove(i)}>{t('intake.record.removeIdentifier', { n: i + 1 })}</button>
          </div>
        ))}
        <button type="button" className="button-secondary" onClick={() => identifiers.append({ type: '', value: '' })}>{t('intake.record.addIdentifier')}</button>
      </fieldset>
    </Form>
  );
}

const closeSchema = z
  .object({ reason: z.union([z.enum(closeReasons), z.literal('')]), note: z.string().trim().max(1000) })
  .superRefine((v, ctx) => {
    if (!v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'errors.choose' });
    if (v.reason === 'other' && !v.note) ctx.addIssue({ code: 'custom', path: ['note'], message: 'errors.required' });
  });

function CloseClientForm({ clientId, onDone }: { clientId: string; onDone: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const close = useIntakeMutation((body: CloseClientInput) => intakeApi.closeClient(clientId, body));
  const form = useZodForm(closeSchema, { defaultValues: { reason: '', note: '' } });
  const other = form.watch('reason') === 'other';
  return (
    <Form
      form={form}
      className="form panel"
      idPrefix="close"
      heading={<><h3 id="close-client-title">{t('intake.record.close')}</h3><p>{t('intake.record.closeLead')}</p></>}
      submitLabel={t('intake.record.confirmClose')}
      actions={<button type="button" className="button-secondary" onClick={() => onDone(false)}>{t('common.cancel')}</button>}
      onSubmit={async (v) => {
        await close.mutateAsync({ reason: v.reason as CloseClientInput['reason'], note: v.note || undefined });
        onDone(true);
      }}
    >
      <SelectField name="reason" label={t('intake.record.closeReason')} required placeholder={t('intake.record.chooseReason')} choices={closeReasons.map((r) => ({ value: r, label: t(`intake.record.reason.${r}`) }))} />
      <TextArea name="note" label={t('intake.record.closeNote')} required={other} />
    </Form>
  );
}
