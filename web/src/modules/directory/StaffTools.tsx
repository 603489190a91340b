import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api, ApiError } from '../../core/api';
import { Form, formText, SelectField, TextArea, TextField, useZodForm } from '../../core/form';
import type { FinderServiceDetail } from './finder';

const STATUSES = ['active', 'inactive', 'temporarily closed', 'defunct'] as const;

interface EditState {
  name: string;
  nameFr: string;
  description: string;
  descriptionFr: string;
  applicationProcess: string;
  eligibility: string;
  minimumAge: string;
  maximumAge: string;
  fees: string;
  status: string;
}

const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

function fromService(s: FinderServiceDetail): EditState {
  const h = s.hsds;
  const fr = h.translations?.fr ?? {};
  return {
    name: str(h.name),
    nameFr: str(fr.name),
    description: str(h.description),
    descriptionFr: str(fr.description),
    applicationProcess: str(h.application_process),
    eligibility: str(h.eligibility_description),
    minimumAge: str(h.minimum_age),
    maximumAge: str(h.maximum_age),
    fees: str(h.fees_description),
    status: str(h.status) || 'active',
  };
}

const age = z.string().trim().refine((v) => !v || (Number.isInteger(Number(v)) && Number(v) >= 0 && Number(v) <= 130), 'directory.ageInvalid');
const editSchema = z.object({
  name: z.string().trim().min(1).max(500),
  nameFr: z.string().trim().max(500),
  description: z.string().trim().max(10000),
  descriptionFr: z.string().trim().max(10000),
  applicationProcess: z.string().trim().max(5000),
  eligibility: z.string().trim().max(5000),
  minimumAge: age,
  maximumAge: age,
  fees: z.string().trim().max(2000),
  status: z.string(),
});
const capacitySchema = z.object({
  unit: z.string().trim().min(1).max(100),
  available: z.number().int().min(0),
  maximum: z.number().int().min(0).optional(),
});

/** The server names fields as HSDS does; the form names them its own way. */
const serverField: Record<string, string> = {
  application_process: 'applicationProcess',
  eligibility_description: 'eligibility',
  minimum_age: 'minimumAge',
  maximum_age: 'maximumAge',
  fees_description: 'fees',
  'translations.fr.name': 'nameFr',
  'translations.fr': 'nameFr',
  'translations.fr.description': 'descriptionFr',
};

const orNull = (s: string) => (s.trim() ? s.trim() : null);
const ageOrNull = (s: string) => (s.trim() === '' ? null : Number(s));

/** Staff of the service's organization: edit, mark as verified, update capacity. */
export function StaffTools({ service }: { service: FinderServiceDetail }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string>();
  const refresh = () => client.invalidateQueries({ queryKey: ['finder'] });
  const [verifyBusy, setVerifyBusy] = useState(false);
  const [verifyError, setVerifyError] = useState<string>();

  async function verify() {
    setVerifyBusy(true);
    setVerifyError(undefined);
    try {
      await api.post(`/directory/services/${service.id}/verify`);
      await refresh();
      setNotice(t('directory.verified'));
    } catch (err) {
      setVerifyError(err instanceof ApiError ? err.message : t('errors.network'));
    } finally {
      setVerifyBusy(false);
    }
  }

  return (
    <section className="staff-tools no-print" aria-labelledby="staff-heading">
      <h2 id="staff-heading">{t('directory.staffTools')}</h2>
      <div role="status" aria-live="polite">
        {notice ? <p className="notice notice-success">{notice}</p> : null}
      </div>
      {verifyError ? (
        <p className="notice notice-error" role="alert">
          {verifyError}
        </p>
      ) : null}
      <div className="staff-actions">
        <button type="button" className="button-secondary" aria-expanded={editing} aria-controls="service-edit" onClick={() => setEditing(!editing)}>
          {t('common.edit')}
        </button>
        <button type="button" className="button-secondary" disabled={verifyBusy} onClick={verify}>
          {t('directory.markVerified')}
        </button>
      </div>
      {editing ? (
        <EditForm
          service={service}
          onDone={async () => {
            await refresh();
            setEditing(false);
            setNotice(t('directory.saved'));
          }}
          onCancel={() => setEditing(false)}
        />
      ) : null}
      <CapacityForm service={service} onDone={async () => {
        await refresh();
        setNotice(t('directory.capacitySaved'));
      }} />
    </section>
  );
}

function EditForm({ service, onDone, onCancel }: { service: FinderServiceDetail; onDone: () => Promise<void>; onCancel: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const form = useZodForm(editSchema, { defaultValues: fromService(service) });
  const [version, setVersion] = useState(service.version ?? 1);
  const [conflict, setConflict] = useState(false);

  async function loadCurrent() {
    const lang = document.documentElement.lang === 'fr' ? 'fr' : 'en';
    const current = await api.get<FinderServiceDetail>(`/finder/services/${service.id}?lang=${lang}`);
    client.setQueryData(['finder', 'service', service.id, lang], current);
    form.reset(fromService(current));
    setVersion(current.version ?? 1);
    setConflict(false);
    document.getElementById('field-name')?.focus();
  }

  return (
    <div id="service-edit" className="panel">
      <Form
        form={form}
        heading={
          <>
            <h3 id="edit-heading">{t('directory.editTitle')}</h3>
            {conflict ? (
              <div className="notice notice-warning" role="alert">
                <h4>{t('directory.conflictTitle')}</h4>
                <p>{t('directory.conflictBody')}</p>
                <button type="button" className="button-primary" onClick={loadCurrent}>
                  {t('directory.loadCurrent')}
                </button>
              </div>
            ) : null}
          </>
        }
        submitLabel={t('common.saveChanges')}
        actions={
          <button type="button" className="button-secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        }
        onError={(err) => {
          if (err instanceof ApiError && err.code === 'conflict.stale_version') {
            setConflict(true);
            return t('directory.conflictTitle');
          }
          // Field errors land on the form's own names (the server names them as HSDS does).
          if (err instanceof ApiError) for (const e of err.errors) e.field = serverField[e.field] ?? e.field;
          if (err instanceof ApiError && err.status === 403) return t('errors.forbidden');
          return undefined;
        }}
        onSubmit={async (f) => {
          const fr: Record<string, string> = {};
          if (f.nameFr) fr.name = f.nameFr;
          if (f.descriptionFr) fr.description = f.descriptionFr;
          await api.patch(`/directory/services/${service.id}`, {
            version,
            name: f.name,
            description: orNull(f.description),
            application_process: orNull(f.applicationProcess),
            eligibility_description: orNull(f.eligibility),
            fees_description: orNull(f.fees),
            minimum_age: ageOrNull(f.minimumAge),
            maximum_age: ageOrNull(f.maximumAge),
            status: f.status,
            translations: Object.keys(fr).length ? { fr } : undefined,
          });
          await onDone();
        }}
      >
        <LangField lang="en">
          <TextField name="name" label={t('directory.nameEn')} required />
        </LangField>
        <LangField lang="fr">
          <TextField name="nameFr" lang="fr" label={t('directory.nameFr')} />
        </LangField>
        <LangField lang="en">
          <TextArea name="description" label={t('directory.descriptionEn')} rows={4} />
        </LangField>
        <LangField lang="fr">
          <TextArea name="descriptionFr" lang="fr" label={t('directory.descriptionFr')} rows={4} />
        </LangField>
        <TextArea name="applicationProcess" label={t('finder.howToApply')} rows={3} />
        <TextArea name="eligibility" label={t('finder.eligibility')} rows={2} />
        <div className="field-row">
          <TextField name="minimumAge" inputMode="numeric" label={t('directory.minimumAge')} />
          <TextField name="maximumAge" inputMode="numeric" label={t('directory.maximumAge')} />
        </div>
        <TextField name="fees" label={t('finder.fees')} />
        <SelectField name="status" label={t('directory.status')} choices={STATUSES.map((s) => ({ value: s, label: t(`directory.statuses.${s.replace(' ', '_')}`) }))} />
      </Form>
    </div>
  );
}

/** Marks the text typed into the field as being in one language, for screen readers and spelling. */
function LangField({ lang, children }: { lang: string; children: ReactNode }) {
  return <div lang={lang}>{children}</div>;
}

function CapacityForm({ service, onDone }: { service: FinderServiceDetail; onDone: () => Promise<void> }) {
  const { t } = useTranslation();
  const first = service.capacity[0];
  const form = useZodForm(capacitySchema, { defaultValues: { unit: first?.unit ?? '', available: first?.available, maximum: first?.maximum ?? undefined } });
  const unitField = form.register('unit');
  const unitError = form.formState.errors.unit?.message;
  return (
    <div className="panel capacity-form">
      <Form
        form={form}
        heading={
          <>
            <h3 id="capacity-form-heading">{t('directory.capacityTitle')}</h3>
            <p className="hint">{t('directory.capacityHint')}</p>
          </>
        }
        labels={{ unit: t('directory.capacityUnit') }}
        submitLabel={t('directory.updateCapacity')}
        onSubmit={async (v) => {
          await api.put(`/directory/services/${service.id}/capacity`, { unit: v.unit, available: v.available, maximum: v.maximum ?? null });
          await onDone();
        }}
      >
        <div className={unitError ? 'field field-error' : 'field'}>
          <label htmlFor="field-unit">
            {t('directory.capacityUnit')}
            <span className="required"> ({t('form.required')})</span>
          </label>
          <p className="hint" id="field-unit-hint">
            {t('directory.capacityUnitHint')}
          </p>
          {unitError ? (
            <p className="error-message" id="field-unit-error">
              <span className="visually-hidden">{t('form.errorPrefix')} </span>
              {formText(unitError)}
            </p>
          ) : null}
          <input
            id="field-unit"
            list="capacity-units"
            aria-describedby={unitError ? 'field-unit-hint field-unit-error' : 'field-unit-hint'}
            aria-invalid={unitError ? true : undefined}
            {...unitField}
            onChange={(e) => {
              void unitField.onChange(e);
              // Choosing a unit already counted fills in its figures.
              const c = service.capacity.find((x) => x.unit === e.target.value);
              if (c) {
                form.setValue('available', c.available);
                form.setValue('maximum', c.maximum ?? undefined);
              }
            }}
          />
          <datalist id="capacity-units">
            {[...new Set([...service.capacity.map((c) => c.unit), 'spaces', 'appointments per week', 'waitlist length'])].map((u) => (
              <option key={u} value={u} />
            ))}
          </datalist>
        </div>
        <div className="field-row">
          <TextField name="available" type="number" inputMode="numeric" label={t('directory.capacityAvailable')} required />
          <TextField name="maximum" type="number" inputMode="numeric" label={t('directory.capacityMaximum')} />
        </div>
      </Form>
    </div>
  );
}
