import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFieldArray } from 'react-hook-form';
import { z } from 'zod';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { partnerCategories, sectors } from '../../../../src/shared/contracts';
import { api, ApiError, qs } from '../../core/api';
import type { Address, Organization, OrganizationList, Phone } from '../../core/types';
import { Form, SelectField, TextArea, TextField, useZodForm } from '../../core/form';
import { LoadError, Loading, useDebounced, useTitle } from '../../core/ui';
import { placeName, useMunicipalities, useOrganization } from './hooks';

const phoneTypes = ['voice', 'fax', 'text', 'cell', 'video', 'pager', 'textphone'] as const;
const addressTypes = ['physical', 'postal', 'virtual'] as const;

const optText = (max: number) => z.string().trim().max(max);
/** The same rules as the server's (organizations.schema.ts), with messages from the shared catalogue. */
const schema = z.object({
  legalName: z.string().trim().min(1).max(300),
  alternateNames: z.string().refine((v) => v.split('\n').filter((x) => x.trim()).length <= 20, 'errors.invalid'),
  description: optText(10000),
  website: optText(500).refine((v) => !v || /^https?:\/\/[^\s]+$/i.test(v), 'errors.website'),
  email: optText(320).refine((v) => !v || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), 'errors.email'),
  sector: z.string(),
  partnerCategory: z.string(),
  geographyId: z.string(),
  phones: z
    .array(
      z.object({
        number: z.string().trim().min(1).max(40).regex(/^[+0-9 ().-]{3,40}$/, 'errors.phone'),
        extension: optText(20),
        type: z.string(),
        description: optText(200),
      }),
    )
    .max(20),
  addresses: z
    .array(
      z.object({
        type: z.string(),
        address1: z.string().trim().min(1).max(200),
        address2: optText(200),
        city: z.string().trim().min(1).max(100),
        province: optText(50),
        postalCode: optText(10).refine((v) => !v || /^[A-Za-z]\d[A-Za-z][ -]?\d[A-Za-z]\d$/.test(v), 'errors.postalCode'),
      }),
    )
    .max(20),
});

interface FormState {
  legalName: string;
  alternateNames: string;
  description: string;
  website: string;
  email: string;
  sector: string;
  partnerCategory: string;
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

const parentOf = (o: Organization | undefined) => (o?.parentId ? { id: o.parentId, name: o.parentName ?? o.parentId } : null);

function toBody(f: FormState, parent: { id: string } | null) {
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
    parentId: parent?.id ?? null,
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
  const form = useZodForm(schema, { defaultValues: fromOrganization(existing) });
  const phones = useFieldArray({ control: form.control, name: 'phones' });
  const addresses = useFieldArray({ control: form.control, name: 'addresses' });
  const [parent, setParent] = useState(() => parentOf(existing));
  const [version, setVersion] = useState(existing?.version ?? 0);
  const [conflict, setConflict] = useState<Organization | null>(null);
  const parentError = (form.formState.errors as Record<string, { message?: string } | undefined>).parentId?.message;

  const labels: Record<string, string> = {
    parentId: t('organizations.fields.parent'),
    phones: t('organizations.phone.heading'),
    'phones.#': t('organizations.phone.item', { n: '#' }),
    addresses: t('organizations.address.heading'),
    'addresses.#': t('organizations.address.item', { n: '#' }),
    country: t('organizations.address.province'),
  };

  function loadCurrent() {
    if (!conflict) return;
    form.reset(fromOrganization(conflict));
    setParent(parentOf(conflict));
    setVersion(conflict.version);
    client.setQueryData(['organization', conflict.id], conflict);
    setConflict(null);
    document.getElementById('field-legalName')?.focus();
  }

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
      <Form
        form={form}
        labels={labels}
        submitLabel={editing ? t('common.saveChanges') : t('organizations.create')}
        actions={<Link to={editing ? `/organizations/${existing.id}` : '/organizations'}>{t('common.cancel')}</Link>}
        onError={(err) => {
          if (err instanceof ApiError && err.code === 'conflict.stale_version') {
            setConflict(err.body.current as Organization);
            return t('organizations.conflictTitle');
          }
          if (err instanceof ApiError && err.status === 403) return t('errors.forbidden');
          return undefined;
        }}
        onSubmit={async (f) => {
          setConflict(null);
          const body = toBody(f, parent);
          const saved = editing ? await api.patch<Organization>(`/organizations/${existing.id}`, { ...body, version }) : await api.post<Organization>('/organizations', body);
          client.setQueryData(['organization', saved.id], saved);
          await client.invalidateQueries({ queryKey: ['organizations'] });
          navigate(`/organizations/${saved.id}`);
        }}
      >
        <fieldset>
          <legend>{t('organizations.sectionAbout')}</legend>
          <TextField name="legalName" label={t('organizations.fields.legalName')} required />
          <TextArea name="alternateNames" label={t('organizations.fields.alternateNames')} hint={t('organizations.hints.alternateNames')} rows={2} />
          <TextArea name="description" label={t('organizations.fields.description')} rows={4} />
          <SelectField name="partnerCategory" label={t('organizations.fields.partnerCategory')} placeholder={t('common.notSet')} choices={partnerCategories.map((c) => ({ value: c, label: t(`enums.partnerCategory.${c}`) }))} />
          <SelectField name="sector" label={t('organizations.fields.sector')} placeholder={t('common.notSet')} choices={sectors.map((c) => ({ value: c, label: t(`enums.sector.${c}`) }))} />
          <ParentPicker value={parent} excludeId={existing?.id} error={parentError} onChange={setParent} />
          <SelectField
            name="geographyId"
            label={t('organizations.fields.geography')}
            hint={t('organizations.hints.geography')}
            placeholder={t('common.notSet')}
            choices={(municipalities.data?.items ?? [])
              .slice()
              .sort((a, b) => placeName(a, i18n.language).localeCompare(placeName(b, i18n.language), i18n.language))
              .map((g) => ({ value: g.id, label: placeName(g, i18n.language) }))}
          />
        </fieldset>

        <fieldset>
          <legend>{t('organizations.sectionContact')}</legend>
          <TextField name="website" type="url" label={t('organizations.fields.website')} hint={t('organizations.hints.website')} />
          <TextField name="email" type="email" label={t('organizations.fields.email')} />
        </fieldset>

        <fieldset>
          <legend>{labels.phones}</legend>
          {phones.fields.length === 0 ? <p className="muted">{t('organizations.phone.none')}</p> : null}
          {phones.fields.map((ph, i) => (
            <div className="repeat-group" key={ph.id} role="group" aria-labelledby={`phone-${i}-title`}>
              <h3 id={`phone-${i}-title`}>{t('organizations.phone.item', { n: i + 1 })}</h3>
              <div className="field-row">
                <TextField name={`phones.${i}.number`} type="tel" label={t('organizations.phone.number')} required />
                <TextField name={`phones.${i}.extension`} label={t('organizations.phone.extension')} />
                <SelectField name={`phones.${i}.type`} label={t('organizations.phone.type')} placeholder={t('common.notSet')} choices={phoneTypes.map((pt) => ({ value: pt, label: t(`enums.phoneType.${pt}`) }))} />
              </div>
              <TextField name={`phones.${i}.description`} label={t('organizations.phone.description')} />
              <button type="button" className="button-secondary" onClick={() => phones.remove(i)}>
                {t('organizations.phone.remove', { n: i + 1 })}
              </button>
            </div>
          ))}
          <button type="button" className="button-secondary" onClick={() => phones.append(emptyPhone())}>
            {t('organizations.phone.add')}
          </button>
        </fieldset>

        <fieldset>
          <legend>{labels.addresses}</legend>
          {addresses.fields.length === 0 ? <p className="muted">{t('organizations.address.none')}</p> : null}
          {addresses.fields.map((a, i) => (
            <div className="repeat-group" key={a.id} role="group" aria-labelledby={`address-${i}-title`}>
              <h3 id={`address-${i}-title`}>{t('organizations.address.item', { n: i + 1 })}</h3>
              <SelectField name={`addresses.${i}.type`} label={t('organizations.address.type')} choices={addressTypes.map((at) => ({ value: at, label: t(`enums.addressType.${at}`) }))} />
              <TextField name={`addresses.${i}.address1`} autoComplete="off" label={t('organizations.address.address1')} required />
              <TextField name={`addresses.${i}.address2`} label={t('organizations.address.address2')} />
              <div className="field-row">
                <TextField name={`addresses.${i}.city`} label={t('organizations.address.city')} required />
                <TextField name={`addresses.${i}.province`} label={t('organizations.address.province')} />
                <TextField name={`addresses.${i}.postalCode`} label={t('organizations.address.postalCode')} />
              </div>
              <button type="button" className="button-secondary" onClick={() => addresses.remove(i)}>
                {t('organizations.address.remove', { n: i + 1 })}
              </button>
            </div>
          ))}
          <button type="button" className="button-secondary" onClick={() => addresses.append(emptyAddress())}>
            {t('organizations.address.add')}
          </button>
        </fieldset>
      </Form>
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
