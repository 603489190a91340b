import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../core/api';
import { ErrorSummary, Field, type FieldErrors, fieldErrorsOf } from '../../core/ui';
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
  const [form, setForm] = useState<EditState>(() => fromService(service));
  const [version, setVersion] = useState(service.version ?? 1);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string>();
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof EditState) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const labels: Record<string, string> = {
    name: t('directory.nameEn'),
    'translations.fr.name': t('directory.nameFr'),
    'translations.fr': t('directory.nameFr'),
    description: t('directory.descriptionEn'),
    'translations.fr.description': t('directory.descriptionFr'),
    application_process: t('finder.howToApply'),
    eligibility_description: t('finder.eligibility'),
    minimum_age: t('directory.minimumAge'),
    maximum_age: t('directory.maximumAge'),
    fees_description: t('finder.fees'),
    status: t('directory.status'),
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const local: FieldErrors = {};
    if (!form.name.trim()) local.name = t('errors.required');
    for (const k of ['minimumAge', 'maximumAge'] as const) {
      const v = form[k].trim();
      if (v && !(Number.isInteger(Number(v)) && Number(v) >= 0 && Number(v) <= 130)) local[k === 'minimumAge' ? 'minimum_age' : 'maximum_age'] = t('directory.ageInvalid');
    }
    setErrors(local);
    setMessage(undefined);
    if (Object.keys(local).length) return;
    setBusy(true);
    const fr: Record<string, string> = {};
    if (form.nameFr.trim()) fr.name = form.nameFr.trim();
    if (form.descriptionFr.trim()) fr.description = form.descriptionFr.trim();
    try {
      await api.patch(`/directory/services/${service.id}`, {
        version,
        name: form.name.trim(),
        description: orNull(form.description),
        application_process: orNull(form.applicationProcess),
        eligibility_description: orNull(form.eligibility),
        fees_description: orNull(form.fees),
        minimum_age: ageOrNull(form.minimumAge),
        maximum_age: ageOrNull(form.maximumAge),
        status: form.status,
        translations: Object.keys(fr).length ? { fr } : undefined,
      });
      await onDone();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'conflict.stale_version') {
        setConflict(true);
      } else {
        setErrors(fieldErrorsOf(err));
        if (!(err instanceof ApiError && err.errors.length)) setMessage(err instanceof ApiError ? (err.status === 403 ? t('errors.forbidden') : t('errors.generic')) : t('errors.network'));
      }
    } finally {
      setBusy(false);
    }
  }

  async function loadCurrent() {
    const lang = document.documentElement.lang === 'fr' ? 'fr' : 'en';
    const current = await api.get<FinderServiceDetail>(`/finder/services/${service.id}?lang=${lang}`);
    client.setQueryData(['finder', 'service', service.id, lang], current);
    setForm(fromService(current));
    setVersion(current.version ?? 1);
    setConflict(false);
    setErrors({});
    document.getElementById('field-name')?.focus();
  }

  return (
    <form id="service-edit" className="form panel" onSubmit={submit} noValidate aria-labelledby="edit-heading">
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
      <ErrorSummary errors={errors} labels={labels} message={message} />
      <Field path="name" label={labels.name} error={errors.name} required>
        {(p) => <input {...p} lang="en" value={form.name} onChange={set('name')} />}
      </Field>
      <Field path="translations.fr.name" label={labels['translations.fr.name']} error={errors['translations.fr.name'] ?? errors['translations.fr']}>
        {(p) => <input {...p} lang="fr" value={form.nameFr} onChange={set('nameFr')} />}
      </Field>
      <Field path="description" label={labels.description} error={errors.description}>
        {(p) => <textarea {...p} lang="en" rows={4} value={form.description} onChange={set('description')} />}
      </Field>
      <Field path="translations.fr.description" label={labels['translations.fr.description']} error={errors['translations.fr.description']}>
        {(p) => <textarea {...p} lang="fr" rows={4} value={form.descriptionFr} onChange={set('descriptionFr')} />}
      </Field>
      <Field path="application_process" label={labels.application_process} error={errors.application_process}>
        {(p) => <textarea {...p} rows={3} value={form.applicationProcess} onChange={set('applicationProcess')} />}
      </Field>
      <Field path="eligibility_description" label={labels.eligibility_description} error={errors.eligibility_description}>
        {(p) => <textarea {...p} rows={2} value={form.eligibility} onChange={set('eligibility')} />}
      </Field>
      <div className="field-row">
        <Field path="minimum_age" label={labels.minimum_age} error={errors.minimum_age}>
          {(p) => <input {...p} className="narrow" type="number" inputMode="numeric" min={0} max={130} value={form.minimumAge} onChange={set('minimumAge')} />}
        </Field>
        <Field path="maximum_age" label={labels.maximum_age} error={errors.maximum_age}>
          {(p) => <input {...p} className="narrow" type="number" inputMode="numeric" min={0} max={130} value={form.maximumAge} onChange={set('maximumAge')} />}
        </Field>
      </div>
      <Field path="fees_description" label={labels.fees_description} error={errors.fees_description}>
        {(p) => <input {...p} value={form.fees} onChange={set('fees')} />}
      </Field>
      <Field path="status" label={labels.status} error={errors.status}>
        {(p) => (
          <select {...p} value={form.status} onChange={set('status')}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`directory.statuses.${s.replace(' ', '_')}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={busy}>
          {busy ? t('common.saving') : t('common.saveChanges')}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function CapacityForm({ service, onDone }: { service: FinderServiceDetail; onDone: () => Promise<void> }) {
  const { t } = useTranslation();
  const first = service.capacity[0];
  const [unit, setUnit] = useState(first?.unit ?? '');
  const [available, setAvailable] = useState(first ? String(first.available) : '');
  const [maximum, setMaximum] = useState(first?.maximum != null ? String(first.maximum) : '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const labels = { unit: t('directory.capacityUnit'), available: t('directory.capacityAvailable'), maximum: t('directory.capacityMaximum') };

  function pick(u: string) {
    setUnit(u);
    const c = service.capacity.find((x) => x.unit === u);
    if (c) {
      setAvailable(String(c.available));
      setMaximum(c.maximum != null ? String(c.maximum) : '');
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const local: FieldErrors = {};
    if (!unit.trim()) local.unit = t('errors.required');
    if (available.trim() === '' || !(Number(available) >= 0)) local.available = t('directory.numberInvalid');
    if (maximum.trim() !== '' && !(Number(maximum) >= 0)) local.maximum = t('directory.numberInvalid');
    setErrors(local);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      await api.put(`/directory/services/${service.id}/capacity`, { unit: unit.trim(), available: Number(available), maximum: maximum.trim() === '' ? null : Number(maximum) });
      await onDone();
    } catch (err) {
      const fe = fieldErrorsOf(err);
      setErrors(Object.keys(fe).length ? fe : { available: err instanceof ApiError ? err.message : t('errors.network') });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form panel capacity-form" onSubmit={submit} noValidate aria-labelledby="capacity-form-heading">
      <h3 id="capacity-form-heading">{t('directory.capacityTitle')}</h3>
      <p className="hint">{t('directory.capacityHint')}</p>
      <ErrorSummary errors={errors} labels={labels} />
      <Field path="unit" label={labels.unit} hint={t('directory.capacityUnitHint')} error={errors.unit}>
        {(p) => (
          <>
            <input {...p} list="capacity-units" value={unit} onChange={(e) => pick(e.target.value)} />
            <datalist id="capacity-units">
              {[...new Set([...service.capacity.map((c) => c.unit), 'spaces', 'appointments per week', 'waitlist length'])].map((u) => (
                <option key={u} value={u} />
              ))}
            </datalist>
          </>
        )}
      </Field>
      <div className="field-row">
        <Field path="available" label={labels.available} error={errors.available}>
          {(p) => <input {...p} className="narrow" type="number" inputMode="numeric" min={0} value={available} onChange={(e) => setAvailable(e.target.value)} />}
        </Field>
        <Field path="maximum" label={labels.maximum} error={errors.maximum}>
          {(p) => <input {...p} className="narrow" type="number" inputMode="numeric" min={0} value={maximum} onChange={(e) => setMaximum(e.target.value)} />}
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={busy}>
          {busy ? t('common.saving') : t('directory.updateCapacity')}
        </button>
      </div>
    </form>
  );
}
