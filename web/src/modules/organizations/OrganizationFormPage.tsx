import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { partnerCategories, sectors } from '../../../../src/shared/contracts';
import { api, ApiError, qs } from '../../core/api';
import type { Address, Organization, OrganizationList, Phone } from '../../core/types';
import { ErrorSummary, Field, type FieldErrors, fieldErrorsOf, LoadError, Loading, useDebounced, useTitle } from '../../core/ui';
import { placeName, useMunicipalities, useOrganization } from './hooks';

const phoneTypes = ['voice', 'fax', 'text', 'cell', 'video', 'pager', 'textphone'] as const;
const addressTypes = ['physical', 'postal', 'virtual'] as const;

interface FormState {
  legalName: string;
  alternateNames: string;
  description: string;
  website: string;
  email: string;
  sector: string;
  partnerCategory: string;
  parent: { id: string; name: string } | null;
  geographyId: string;
  phones: { number: string; extension: string; type: string; description: string }[];
  addresses: { type: string; address1: string; address2: string; city: string; province: string; postalCode: string }[];
}

const emptyPhone = () => ({ number: '', extension: '', type: 'voice', description: '' });
const emptyAddress = () => ({ type: 'physical', address1: '', address2: '', city: '', province: 'ON', postalCode: '' });

function fromOrganization(o: Organization | undefined): FormState {
  return {
    legalName: o?.legalName ?? '',
    alternateNames: o?.alternateNames.join('\n') ?? '',
    description: o?.description ?? '',
    website: o?.website ?? '',
    email: o?.email ?? '',
    sector: o?.sector ?? '',
    partnerCategory: o?.partnerCategory ?? '',
    parent: o?.parentId ? { id: o.parentId, name: o.parentName ?? o.parentId } : null,
    geographyId: o?.geographyId ?? '',
    phones: (o?.phones ?? []).map((p) => ({ number: p.number, extension: p.extension ?? '', type: p.type ?? '', description: p.description ?? '' })),
    addresses: (o?.addresses ?? []).map((a) => ({
      type: a.type,
      address1: a.address1,
      address2: a.address2 ?? '',
      city: a.city,
      province: a.province,
      postalCode: a.postalCode ?? '',
    })),
  };
}

const orNull = (s: string) => (s.trim() ? s.trim() : null);

function toBody(f: FormState) {
  return {
    legalName: f.legalName,
    alternateNames: f.alternateNames
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean),
    description: orNull(f.description),
    website: orNull(f.website),
    email: orNull(f.email),
    sector: f.sector || null,
    partnerCategory: f.partnerCategory || null,
    parentId: f.parent?.id ?? null,
    geographyId: f.geographyId || null,
    phones: f.phones.map(
      (p): Phone => ({ number: p.number, extension: orNull(p.extension), type: p.type || null, description: orNull(p.description) }),
    ),
    addresses: f.addresses.map(
      (a): Address => ({
        type: a.type,
        address1: a.address1,
        address2: orNull(a.address2),
        city: a.city,
        province: a.province || 'ON',
        postalCode: orNull(a.postalCode),
        country: 'CA',
      }),
    ),
  };
}

export function OrganizationFormPage() {
  const { id } = useParams();
  const org = useOrganization(id);
  if (id && org.isPending) return <Loading />;
  if (id && org.isError) return <LoadError error={org.error} />;
  return <OrganizationForm key={id ?? 'new'} existing={org.data} />;
}

function OrganizationForm({ existing }: { existing?: Organization }) {
  const { t, i18n } = useTranslation();
  const editing = !!existing;
  const title = editing ? t('organizations.editTitle', { name: existing.legalName }) : t('organizations.newTitle');
  useTitle(title);
  const navigate = useNavigate();
  const client = useQueryClient();
  const municipalities = useMunicipalities();
  const [form, setForm] = useState<FormState>(() => fromOrganization(existing));
  const [version, setVersion] = useState(existing?.version ?? 0);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string>();
  const [conflict, setConflict] = useState<Organization | null>(null);
  const [busy, setBusy] = useState(false);

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm((f) => ({ ...f, [key]: value }));
  const setPhone = (i: number, key: keyof FormState['phones'][number], value: string) =>
    setForm((f) => ({ ...f, phones: f.phones.map((p, j) => (j === i ? { ...p, [key]: value } : p)) }));
  const setAddress = (i: number, key: keyof FormState['addresses'][number], value: string) =>
    setForm((f) => ({ ...f, addresses: f.addresses.map((a, j) => (j === i ? { ...a, [key]: value } : a)) }));

  const labels: Record<string, string> = {
    legalName: t('organizations.fields.legalName'),
    alternateNames: t('organizations.fields.alternateNames'),
    description: t('organizations.fields.description'),
    website: t('organizations.fields.website'),
    email: t('organizations.fields.email'),
    sector: t('organizations.fields.sector'),
    partnerCategory: t('organizations.fields.partnerCategory'),
    parentId: t('organizations.fields.parent'),
    geographyId: t('organizations.fields.geography'),
    phones: t('organizations.phone.heading'),
    'phones.#': t('organizations.phone.item', { n: '#' }),
    'phones.*.number': t('organizations.phone.number'),
    'phones.*.extension': t('organizations.phone.extension'),
    'phones.*.type': t('organizations.phone.type'),
    'phones.*.description': t('organizations.phone.description'),
    addresses: t('organizations.address.heading'),
    'addresses.#': t('organizations.address.item', { n: '#' }),
    'addresses.*.type': t('organizations.address.type'),
    'addresses.*.address1': t('organizations.address.address1'),
    'addresses.*.address2': t('organizations.address.address2'),
    'addresses.*.city': t('organizations.address.city'),
    'addresses.*.province': t('organizations.address.province'),
    'addresses.*.postalCode': t('organizations.address.postalCode'),
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setMessage(undefined);
    setConflict(null);
    try {
      const body = toBody(form);
      const saved = editing
        ? await api.patch<Organization>(`/organizations/${existing.id}`, { ...body, version })
        : await api.post<Organization>('/organizations', body);
      setErrors({});
      client.setQueryData(['organization', saved.id], saved);
      await client.invalidateQueries({ queryKey: ['organizations'] });
      navigate(`/organizations/${saved.id}`);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'conflict.stale_version') {
        setErrors({});
        setConflict(err.body.current as Organization);
      } else {
        const fe = fieldErrorsOf(err);
        setErrors(fe);
        if (!Object.keys(fe).length) setMessage(err instanceof ApiError ? (err.status === 403 ? t('errors.forbidden') : t('errors.generic')) : t('errors.network'));
      }
    } finally {
      setBusy(false);
    }
  }

  function loadCurrent() {
    if (!conflict) return;
    setForm(fromOrganization(conflict));
    setVersion(conflict.version);
    client.setQueryData(['organization', conflict.id], conflict);
    setConflict(null);
    document.getElementById('field-legalName')?.focus();
  }

  const text = (path: keyof FormState & string, type = 'text', hint?: string, required?: boolean) => (
    <Field path={path} label={labels[path]} hint={hint} error={errors[path]} required={required}>
      {(p) => <input {...p} type={type} value={form[path] as string} onChange={(e) => set(path, e.target.value as never)} />}
    </Field>
  );

  return (
    <>
      <p className="breadcrumbs">
        <Link to="/organizations">{t('organizations.title')}</Link>
        {editing ? (
          <>
            {' › '}
            <Link to={`/organizations/${existing.id}`}>{existing.legalName}</Link>
          </>
        ) : null}
      </p>
      <h1>{title}</h1>
      {conflict ? (
        <div className="notice notice-warning" role="alert">
          <h2>{t('organizations.conflictTitle')}</h2>
          <p>{t('organizations.conflictBody', { name: conflict.legalName })}</p>
          <button type="button" className="button-primary" onClick={loadCurrent}>
            {t('organizations.loadCurrent')}
          </button>
        </div>
      ) : null}
      <ErrorSummary errors={errors} labels={labels} message={message} />
      <form className="form" onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t('organizations.sectionAbout')}</legend>
          {text('legalName', 'text', undefined, true)}
          <Field path="alternateNames" label={labels.alternateNames} hint={t('organizations.hints.alternateNames')} error={errors.alternateNames ?? Object.entries(errors).find(([k]) => k.startsWith('alternateNames.'))?.[1]}>
            {(p) => <textarea {...p} rows={2} value={form.alternateNames} onChange={(e) => set('alternateNames', e.target.value)} />}
          </Field>
          <Field path="description" label={labels.description} error={errors.description}>
            {(p) => <textarea {...p} rows={4} value={form.description} onChange={(e) => set('description', e.target.value)} />}
          </Field>
          <Field path="partnerCategory" label={labels.partnerCategory} error={errors.partnerCategory}>
            {(p) => (
              <select {...p} value={form.partnerCategory} onChange={(e) => set('partnerCategory', e.target.value)}>
                <option value="">{t('common.notSet')}</option>
                {partnerCategories.map((c) => (
                  <option key={c} value={c}>
                    {t(`enums.partnerCategory.${c}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field path="sector" label={labels.sector} error={errors.sector}>
            {(p) => (
              <select {...p} value={form.sector} onChange={(e) => set('sector', e.target.value)}>
                <option value="">{t('common.notSet')}</option>
                {sectors.map((s) => (
                  <option key={s} value={s}>
                    {t(`enums.sector.${s}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <ParentPicker value={form.parent} excludeId={existing?.id} error={errors.parentId} onChange={(v) => set('parent', v)} />
          <Field path="geographyId" label={labels.geographyId} hint={t('organizations.hints.geography')} error={errors.geographyId}>
            {(p) => (
              <select {...p} value={form.geographyId} onChange={(e) => set('geographyId', e.target.value)}>
                <option value="">{t('common.notSet')}</option>
                {(municipalities.data?.items ?? [])
                  .slice()
                  .sort((a, b) => placeName(a, i18n.language).localeCompare(placeName(b, i18n.language), i18n.language))
                  .map((g) => (
                    <option key={g.id} value={g.id}>
                      {placeName(g, i18n.language)}
                    </option>
                  ))}
              </select>
            )}
          </Field>
        </fieldset>

        <fieldset>
          <legend>{t('organizations.sectionContact')}</legend>
          {text('website', 'url', t('organizations.hints.website'))}
          {text('email', 'email')}
        </fieldset>

        <fieldset>
          <legend>{labels.phones}</legend>
          {form.phones.length === 0 ? <p className="muted">{t('organizations.phone.none')}</p> : null}
          {form.phones.map((ph, i) => (
            <div className="repeat-group" key={i} role="group" aria-labelledby={`phone-${i}-title`}>
              <h3 id={`phone-${i}-title`}>{t('organizations.phone.item', { n: i + 1 })}</h3>
              <div className="field-row">
                <Field path={`phones.${i}.number`} label={labels['phones.*.number']} error={errors[`phones.${i}.number`]} required>
                  {(p) => <input {...p} type="tel" value={ph.number} onChange={(e) => setPhone(i, 'number', e.target.value)} />}
                </Field>
                <Field path={`phones.${i}.extension`} label={labels['phones.*.extension']} error={errors[`phones.${i}.extension`]}>
                  {(p) => <input {...p} className="narrow" value={ph.extension} onChange={(e) => setPhone(i, 'extension', e.target.value)} />}
                </Field>
                <Field path={`phones.${i}.type`} label={labels['phones.*.type']} error={errors[`phones.${i}.type`]}>
                  {(p) => (
                    <select {...p} value={ph.type} onChange={(e) => setPhone(i, 'type', e.target.value)}>
                      <option value="">{t('common.notSet')}</option>
                      {phoneTypes.map((pt) => (
                        <option key={pt} value={pt}>
                          {t(`enums.phoneType.${pt}`)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              </div>
              <Field path={`phones.${i}.description`} label={labels['phones.*.description']} error={errors[`phones.${i}.description`]}>
                {(p) => <input {...p} value={ph.description} onChange={(e) => setPhone(i, 'description', e.target.value)} />}
              </Field>
              <button type="button" className="button-secondary" onClick={() => set('phones', form.phones.filter((_, j) => j !== i))}>
                {t('organizations.phone.remove', { n: i + 1 })}
              </button>
            </div>
          ))}
          <button type="button" className="button-secondary" onClick={() => set('phones', [...form.phones, emptyPhone()])}>
            {t('organizations.phone.add')}
          </button>
        </fieldset>

        <fieldset>
          <legend>{labels.addresses}</legend>
          {form.addresses.length === 0 ? <p className="muted">{t('organizations.address.none')}</p> : null}
          {form.addresses.map((a, i) => (
            <div className="repeat-group" key={i} role="group" aria-labelledby={`address-${i}-title`}>
              <h3 id={`address-${i}-title`}>{t('organizations.address.item', { n: i + 1 })}</h3>
              <Field path={`addresses.${i}.type`} label={labels['addresses.*.type']} error={errors[`addresses.${i}.type`]}>
                {(p) => (
                  <select {...p} value={a.type} onChange={(e) => setAddress(i, 'type', e.target.value)}>
                    {addressTypes.map((at) => (
                      <option key={at} value={at}>
                        {t(`enums.addressType.${at}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field path={`addresses.${i}.address1`} label={labels['addresses.*.address1']} error={errors[`addresses.${i}.address1`]} required>
                {(p) => <input {...p} autoComplete="off" value={a.address1} onChange={(e) => setAddress(i, 'address1', e.target.value)} />}
              </Field>
              <Field path={`addresses.${i}.address2`} label={labels['addresses.*.address2']} error={errors[`addresses.${i}.address2`]}>
                {(p) => <input {...p} value={a.address2} onChange={(e) => setAddress(i, 'address2', e.target.value)} />}
              </Field>
              <div className="field-row">
                <Field path={`addresses.${i}.city`} label={labels['addresses.*.city']} error={errors[`addresses.${i}.city`]} required>
                  {(p) => <input {...p} value={a.city} onChange={(e) => setAddress(i, 'city', e.target.value)} />}
                </Field>
                <Field path={`addresses.${i}.province`} label={labels['addresses.*.province']} error={errors[`addresses.${i}.province`]}>
                  {(p) => <input {...p} className="narrow" value={a.province} onChange={(e) => setAddress(i, 'province', e.target.value)} />}
                </Field>
                <Field path={`addresses.${i}.postalCode`} label={labels['addresses.*.postalCode']} error={errors[`addresses.${i}.postalCode`]}>
                  {(p) => <input {...p} className="narrow" value={a.postalCode} onChange={(e) => setAddress(i, 'postalCode', e.target.value)} />}
                </Field>
              </div>
              <button type="button" className="button-secondary" onClick={() => set('addresses', form.addresses.filter((_, j) => j !== i))}>
                {t('organizations.address.remove', { n: i + 1 })}
              </button>
            </div>
          ))}
          <button type="button" className="button-secondary" onClick={() => set('addresses', [...form.addresses, emptyAddress()])}>
            {t('organizations.address.add')}
          </button>
        </fieldset>

        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={busy}>
            {busy ? t('common.saving') : editing ? t('common.saveChanges') : t('organizations.create')}
          </button>
          <Link to={editing ? `/organizations/${existing.id}` : '/organizations'}>{t('common.cancel')}</Link>
        </div>
      </form>
    </>
  );
}

/** Search for a parent organization by name and choose one of the matches. */
function ParentPicker({
  value,
  excludeId,
  error,
  onChange,
}: {
  value: { id: string; name: string } | null;
  excludeId?: string;
  error?: string;
  onChange: (v: { id: string; name: string } | null) => void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const debounced = useDebounced(q.trim(), 300);
  const results = useQuery({
    queryKey: ['organizations', 'parent-search', debounced],
    queryFn: () => api.get<OrganizationList>(`/organizations${qs({ q: debounced, perPage: 8 })}`),
    enabled: debounced.length >= 2,
  });
  useEffect(() => {
    if (value) setQ('');
  }, [value]);
  const matches = (results.data?.items ?? []).filter((o) => o.id !== excludeId);
  return (
    <div className={error ? 'field field-error' : 'field'}>
      <span className="label" id="parent-label">
        {t('organizations.fields.parent')}
      </span>
      {error ? (
        <p className="error-message" id="field-parentId-error">
          {error}
        </p>
      ) : null}
      {value ? (
        <p className="chosen">
          <span>{value.name}</span>{' '}
          <button type="button" className="button-secondary" id="field-parentId" onClick={() => onChange(null)} aria-describedby={error ? 'field-parentId-error' : undefined}>
            {t('organizations.parentRemove', { name: value.name })}
          </button>
        </p>
      ) : (
        <>
          <label htmlFor="field-parentId" className="visually-hidden">
            {t('organizations.parentSearch')}
          </label>
          <p className="hint" id="parent-hint">
            {t('organizations.hints.parent')}
          </p>
          <input
            id="field-parentId"
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            aria-describedby={['parent-hint', error ? 'field-parentId-error' : ''].filter(Boolean).join(' ')}
            aria-invalid={error ? true : undefined}
          />
          {debounced.length >= 2 ? (
            <div role="status" className="picker-results">
              {results.isPending ? (
                t('common.loading')
              ) : matches.length === 0 ? (
                t('organizations.parentNoMatch')
              ) : (
                <ul className="plain">
                  {matches.map((o) => (
                    <li key={o.id}>
                      <button type="button" className="link-button" onClick={() => onChange({ id: o.id, name: o.legalName })}>
                        {t('organizations.parentChoose', { name: o.legalName })}
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          ) : null}
        </>
      )}
    </div>
  );
}
