import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../core/api';
import { isPlatformAdmin, useUser } from '../../core/session';
import { ErrorSummary, Field, fieldErrorsOf, LoadError, Loading, useTitle, Table } from '../../core/ui';
import { words } from '../../core/labels';
import { nameIn, type CensusMapping as Mapping, type Indicator, type Unit } from './api';
import { dataKeys, useCensusMappings, useIndicators } from './hooks';
import './data.css';

const UNITS: Unit[] = ['count', 'percent', 'rate_per_1000', 'currency', 'index'];
const DOMAINS = ['population', 'settlement', 'language', 'employment', 'housing', 'income', 'food', 'health', 'mental-health', 'child-care', 'education', 'legal', 'transportation', 'social-connection'];

/** The indicator catalogue: what each indicator measures, its unit, source and suppression rule. */
export function CataloguePage() {
  const { t, i18n } = useTranslation();
  useTitle(t('data.catalogue'));
  const user = useUser();
  const list = useIndicators();
  return (
    <>
      <nav aria-label={t('data.breadcrumb')} className="breadcrumbs">
        <ol>
          <li><Link to="/data">{t('data.title')}</Link></li>
          <li aria-current="page">{t('data.catalogue')}</li>
        </ol>
      </nav>
      <h1>{t('data.catalogue')}</h1>
      <p className="lead">{t('data.catalogueLead')}</p>
      {list.isPending ? <Loading /> : list.isError ? <LoadError error={list.error} /> : (
        <Table className="data-table">
          <caption>{t('data.catalogueCaption', { n: list.data.items.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('data.indicator')}</th>
              <th scope="col">{t('data.unit')}</th>
              <th scope="col">{t('data.domain')}</th>
              <th scope="col">{t('data.source')}</th>
              <th scope="col">{t('data.dimensions')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((i: Indicator) => (
              <tr key={i.id}>
                <th scope="row" data-code={i.code}>{nameIn(i.name, i18n.language)}</th>
                <td>{t(`data.units.${i.unit}`)}</td>
                <td>{t(`data.domains.${i.domain}`, { defaultValue: i.domain })}</td>
                <td className="small">{i.source ?? '—'}</td>
                <td>{i.dimensions.map((d) => t(`data.dimensionNames.${d}`, { defaultValue: words(d) })).join(', ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <CensusMappings canEdit={isPlatformAdmin(user)} />
      {isPlatformAdmin(user) ? <NewIndicator /> : null}
    </>
  );
}

function NewIndicator() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form, setForm] = useState({ code: '', nameEn: '', nameFr: '', unit: 'count' as Unit, domain: 'population', source: '', dimensions: '' });
  const save = useMutation({
    mutationFn: () =>
      api.post<Indicator>('/data/indicators', {
        code: form.code,
        name: { en: form.nameEn, fr: form.nameFr || null },
        unit: form.unit,
        domain: form.domain,
        source: form.source || null,
        dimensions: form.dimensions.split(',').map((s) => s.trim()).filter(Boolean),
      }),
    onSuccess: () => {
      setForm({ code: '', nameEn: '', nameFr: '', unit: 'count', domain: 'population', source: '', dimensions: '' });
      void qc.invalidateQueries({ queryKey: dataKeys.indicators() });
    },
  });
  const errors = save.isError ? fieldErrorsOf(save.error) : {};
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <section aria-labelledby="new-indicator">
      <h2 id="new-indicator">{t('data.newIndicator')}</h2>
      <form onSubmit={submit} noValidate className="form">
        <ErrorSummary errors={errors} labels={{ code: t('data.code'), 'name.en': t('data.nameEn'), unit: t('data.unit') }} message={save.isError && !Object.keys(errors).length ? (save.error as Error).message : undefined} />
        {save.isSuccess ? <p className="notice notice-success" role="status">{t('data.indicatorAdded')}</p> : null}
        <Field path="code" label={t('data.code')} hint={t('data.codeHint')} error={errors.code} required>
          {(props) => <input {...props} value={form.code} onChange={set('code')} />}
        </Field>
        <Field path="name.en" label={t('data.nameEn')} error={errors['name.en']} required>
          {(props) => <input {...props} value={form.nameEn} onChange={set('nameEn')} />}
        </Field>
        <Field path="name.fr" label={t('data.nameFr')} error={errors['name.fr']}>
          {(props) => <input {...props} lang="fr" value={form.nameFr} onChange={set('nameFr')} />}
        </Field>
        <Field path="unit" label={t('data.unit')} error={errors.unit}>
          {(props) => (
            <select {...props} value={form.unit} onChange={set('unit')}>
              {UNITS.map((u) => <option key={u} value={u}>{t(`data.units.${u}`)}</option>)}
            </select>
          )}
        </Field>
        <Field path="domain" label={t('data.domain')} error={errors.domain}>
          {(props) => (
            <select {...props} value={form.domain} onChange={set('domain')}>
              {DOMAINS.map((d) => <option key={d} value={d}>{t(`data.domains.${d}`)}</option>)}
            </select>
          )}
        </Field>
        <Field path="source" label={t('data.source')} error={errors.source}>
          {(props) => <input {...props} value={form.source} onChange={set('source')} />}
        </Field>
        <Field path="dimensions" label={t('data.dimensions')} hint={t('data.dimensionsHint')} error={errors.dimensions}>
          {(props) => <input {...props} value={form.dimensions} onChange={set('dimensions')} />}
        </Field>
        <button type="submit" className="button-primary" disabled={save.isPending}>{t('data.addIndicator')}</button>
      </form>
    </section>
  );
}

const COLUMNS = ['C1_COUNT_TOTAL', 'C2_COUNT_MEN+', 'C3_COUNT_WOMEN+', 'C10_RATE_TOTAL', 'C11_RATE_MEN+', 'C12_RATE_WOMEN+'];

/** The saved Census Profile mapping: which characteristic row feeds which indicator. */
function CensusMappings({ canEdit }: { canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const list = useCensusMappings();
  const indicators = useIndicators();
  const [form, setForm] = useState({ characteristicId: '', characteristicName: '', columnName: 'C1_COUNT_TOTAL', indicatorId: '' });
  const save = useMutation({
    mutationFn: () => api.put<{ items: Mapping[] }>('/data/census-mappings', { ...form, characteristicId: Number(form.characteristicId), indicatorId: form.indicatorId || indicators.data?.items[0]?.id }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: dataKeys.censusMappings() }),
  });
  const errors = save.isError ? fieldErrorsOf(save.error) : {};
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  return (
    <section aria-labelledby="census-mappings">
      <h2 id="census-mappings">{t('data.censusMappings')}</h2>
      <p>{t('data.censusMappingsLead')}</p>
      {list.isPending ? <Loading /> : list.isError ? <LoadError error={list.error} /> : (
        <Table className="data-table">
          <caption>{t('data.censusMappingsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('data.characteristicId')}</th>
              <th scope="col">{t('data.characteristicName')}</th>
              <th scope="col">{t('data.column')}</th>
              <th scope="col">{t('data.indicator')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((m) => (
              <tr key={m.id}>
                <th scope="row">{m.characteristicId}</th>
                <td>{m.characteristicName}</td>
                <td><code>{m.columnName}</code></td>
                <td data-code={m.indicatorCode}>{nameIn(indicators.data?.items.find((i) => i.id === m.indicatorId)?.name ?? { en: words(m.indicatorCode), fr: null }, i18n.language)}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {canEdit ? (
        <form onSubmit={(e: FormEvent) => { e.preventDefault(); save.mutate(); }} noValidate className="form">
          <h3>{t('data.saveMapping')}</h3>
          <ErrorSummary errors={errors} labels={{ characteristicId: t('data.characteristicId'), characteristicName: t('data.characteristicName'), indicatorId: t('data.indicator') }} />
          {save.isSuccess ? <p className="notice notice-success" role="status">{t('data.mappingSaved')}</p> : null}
          <Field path="characteristicId" label={t('data.characteristicId')} error={errors.characteristicId} required>
            {(props) => <input {...props} inputMode="numeric" className="narrow" value={form.characteristicId} onChange={set('characteristicId')} />}
          </Field>
          <Field path="characteristicName" label={t('data.characteristicName')} hint={t('data.characteristicNameHint')} error={errors.characteristicName} required>
            {(props) => <input {...props} value={form.characteristicName} onChange={set('characteristicName')} />}
          </Field>
          <Field path="columnName" label={t('data.column')} error={errors.columnName}>
            {(props) => (
              <select {...props} value={form.columnName} onChange={set('columnName')}>
                {COLUMNS.map((c) => <option key={c} value={c}>{c}</option>)}
              </select>
            )}
          </Field>
          <Field path="indicatorId" label={t('data.indicator')} error={errors.indicatorId}>
            {(props) => (
              <select {...props} value={form.indicatorId || indicators.data?.items[0]?.id || ''} onChange={set('indicatorId')}>
                {indicators.data?.items.map((i) => <option key={i.id} value={i.id}>{nameIn(i.name, i18n.language)}</option>)}
              </select>
            )}
          </Field>
          <button type="submit" className="button-primary" disabled={save.isPending}>{t('data.saveMapping')}</button>
        </form>
      ) : null}
    </section>
  );
}
