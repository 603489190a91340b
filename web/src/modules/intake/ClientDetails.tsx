import { useState, type FormEvent } from 'react';
import { z } from 'zod';
import { Form, SelectField, TextArea, useZodForm } from '../../core/form';
import { closeReasons } from '../../../../src/modules/intake/intake.schema';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../core/api';
import { formatDateTime } from '../../core/i18n';
import { ErrorSummary, Field, fieldErrorsOf, type FieldErrors } from '../../core/ui';
import type { Client } from './types';
import { MunicipalityOptions, SettlementStageOptions } from './parts';
import { useIntakeMutation, useMunicipalities } from './hooks';
import { intakeApi, type CloseClientInput, type Place, type UpdateClientInput } from './api';
import { LanguagePicker } from '../../core/LanguagePicker';
import { languageName } from '../../core/labels';

type Household = { name: string; relationship?: string; birthDate?: string };
type Identifier = { type: string; value: string };


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
        {can('identity') && c.identifiers?.length ? (<><dt>{t('intake.record.identifiers')}</dt><dd>{c.identifiers.map((x) => `${x.type}: ${x.value}`).join('; ')}</dd></>) : null}
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

function EditClientForm({ client: c, places, onDone }: { client: Client; places: Place[]; onDone: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const update = useIntakeMutation((body: UpdateClientInput) => intakeApi.updateClient(c.id, body));
  const [f, setF] = useState({
    name: c.name ?? '', preferredName: c.preferredName ?? '', birthDate: c.birthDate ?? '', preferredLanguage: c.preferredLanguage ?? '', phone: c.phone ?? '', email: c.email ?? '',
    municipalityId: c.municipalityId ?? '', settlementStage: c.settlementStage ?? '', immigrationCategory: c.immigrationCategory ?? '',
  });
  const [household, setHousehold] = useState<Household[]>(c.household ?? []);
  const [identifiers, setIdentifiers] = useState<Identifier[]>(c.identifiers ?? []);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string>();
  const labels: Record<string, string> = {
    name: t('intake.client.name'), preferredName: t('intake.client.preferredName'), birthDate: t('intake.client.birthDate'), preferredLanguage: t('intake.client.language'),
    phone: t('intake.client.phone'), email: t('intake.client.email'), municipalityId: t('intake.client.municipality'), settlementStage: t('intake.client.settlementStage'),
    immigrationCategory: t('intake.record.immigrationCategory'), household: t('intake.record.household'), identifiers: t('intake.record.identifiers'),
  };
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const orNull = (v: string) => (v.trim() ? v.trim() : null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      await update.mutateAsync({
        name: f.name, preferredName: orNull(f.preferredName), birthDate: orNull(f.birthDate), preferredLanguage: orNull(f.preferredLanguage), phone: orNull(f.phone), email: orNull(f.email),
        municipalityId: orNull(f.municipalityId), settlementStage: orNull(f.settlementStage), immigrationCategory: orNull(f.immigrationCategory),
        household: household.filter((m) => m.name.trim()).map((m) => ({ name: m.name.trim(), ...(m.relationship?.trim() ? { relationship: m.relationship.trim() } : {}), ...(m.birthDate ? { birthDate: m.birthDate } : {}) })),
        identifiers: identifiers.filter((x) => x.type.trim() && x.value.trim()),
        version: c.version,
      } as UpdateClientInput);
      onDone(true);
    } catch (err) {
      setErrors(fieldErrorsOf(err));
      setMessage(err instanceof ApiError && err.status === 409 ? t('intake.record.stale') : !Object.keys(fieldErrorsOf(err)).length ? (err instanceof ApiError ? err.message : t('errors.network')) : undefined);
    }
  }
  const setMember = (i: number, patch: Partial<Household>) => setHousehold(household.map((m, j) => (j === i ? { ...m, ...patch } : m)));
  const setIdentifier = (i: number, patch: Partial<Identifier>) => setIdentifiers(identifiers.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  return (
    <form className="form panel" onSubmit={submit} noValidate aria-labelledby="edit-client-title">
      <h3 id="edit-client-title">{t('intake.record.edit')}</h3>
      <ErrorSummary errors={errors} labels={labels} message={message} />
      <Field path="name" label={labels.name} error={errors.name} required>{(p) => <input {...p} autoComplete="off" value={f.name} onChange={set('name')} />}</Field>
      <Field path="preferredName" label={labels.preferredName} error={errors.preferredName}>{(p) => <input {...p} autoComplete="off" value={f.preferredName} onChange={set('preferredName')} />}</Field>
      <Field path="birthDate" label={labels.birthDate} error={errors.birthDate}>{(p) => <input {...p} type="date" value={f.birthDate} onChange={set('birthDate')} />}</Field>
      <Field path="preferredLanguage" label={labels.preferredLanguage} error={errors.preferredLanguage} hint={t('intake.new.languageHint')}>{(p) => <LanguagePicker {...p} value={f.preferredLanguage} onChange={(code) => setF({ ...f, preferredLanguage: code })} />}</Field>
      <Field path="phone" label={labels.phone} error={errors.phone}>{(p) => <input {...p} type="tel" autoComplete="off" value={f.phone} onChange={set('phone')} />}</Field>
      <Field path="email" label={labels.email} error={errors.email}>{(p) => <input {...p} type="email" autoComplete="off" value={f.email} onChange={set('email')} />}</Field>
      <Field path="municipalityId" label={labels.municipalityId} error={errors.municipalityId}>
        {(p) => (
          <select {...p} value={f.municipalityId} onChange={set('municipalityId')}>
            <MunicipalityOptions places={places} />
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
      <Field path="immigrationCategory" label={labels.immigrationCategory} error={errors.immigrationCategory} hint={t('intake.record.immigrationHint')}>{(p) => <input {...p} value={f.immigrationCategory} onChange={set('immigrationCategory')} />}</Field>
      <fieldset>
        <legend>{labels.household}</legend>
        {household.map((m, i) => (
          <div key={i} className="field-row item-row">
            <Field path={`household.${i}.name`} label={t('intake.record.memberName', { n: i + 1 })} error={errors[`household.${i}.name`]}>{(p) => <input {...p} autoComplete="off" value={m.name} onChange={(e) => setMember(i, { name: e.target.value })} />}</Field>
            <Field path={`household.${i}.relationship`} label={t('intake.record.relationship', { n: i + 1 })} error={errors[`household.${i}.relationship`]}>{(p) => <input {...p} value={m.relationship ?? ''} onChange={(e) => setMember(i, { relationship: e.target.value })} />}</Field>
            <Field path={`household.${i}.birthDate`} label={t('intake.record.memberBirthDate', { n: i + 1 })} error={errors[`household.${i}.birthDate`]}>{(p) => <input {...p} type="date" value={m.birthDate ?? ''} onChange={(e) => setMember(i, { birthDate: e.target.value || undefined })} />}</Field>
            <button type="button" className="button-secondary" onClick={() => setHousehold(household.filter((_, j) => j !== i))}>{t('intake.record.removeMember', { n: i + 1 })}</button>
          </div>
        ))}
        <button type="button" className="button-secondary" onClick={() => setHousehold([...household, { name: '' }])}>{t('intake.record.addMember')}</button>
      </fieldset>
      <fieldset>
        <legend>{labels.identifiers}</legend>
        <p className="hint">{t('intake.record.identifiersHint')}</p>
        {identifiers.map((x, i) => (
          <div key={i} className="field-row item-row">
            <Field path={`identifiers.${i}.type`} label={t('intake.record.identifierType', { n: i + 1 })} error={errors[`identifiers.${i}.type`]}>{(p) => <input {...p} value={x.type} onChange={(e) => setIdentifier(i, { type: e.target.value })} />}</Field>
            <Field path={`identifiers.${i}.value`} label={t('intake.record.identifierValue', { n: i + 1 })} error={errors[`identifiers.${i}.value`]}>{(p) => <input {...p} autoComplete="off" value={x.value} onChange={(e) => setIdentifier(i, { value: e.target.value })} />}</Field>
            <button type="button" className="button-secondary" onClick={() => setIdentifiers(identifiers.filter((_, j) => j !== i))}>{t('intake.record.removeIdentifier', { n: i + 1 })}</button>
          </div>
        ))}
        <button type="button" className="button-secondary" onClick={() => setIdentifiers([...identifiers, { type: '', value: '' }])}>{t('intake.record.addIdentifier')}</button>
      </fieldset>
      <div className="form-actions"><button type="submit" className="button-primary">{t('intake.record.save')}</button> <button type="button" className="button-secondary" onClick={() => onDone(false)}>{t('common.cancel')}</button></div>
    </form>
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
