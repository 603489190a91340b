import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../core/api';
import { isPlatformAdmin, useUser } from '../../core/session';
import { Form, SelectField, TextField, useZodForm } from '../../core/form';
import { LoadError, Loading, useTitle, Table } from '../../core/ui';
import { words } from '../../core/labels';
import { nameIn, type CensusMapping as Mapping, type Indicator } from './api';
import { censusColumns, domains, units } from '../../../../src/modules/data/data.schema';
import { dataKeys, useCensusMappings, useIndicators } from './hooks';
import './data.css';


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

/** The server's CreateIndicatorSchema as the form holds it: dimensions as a comma-separated list. */
const indicatorSchema = z.object({
  code: z.string().trim().min(1).regex(/^[a-z0-9][a-z0-9._-]{0,79}$/, 'data.codeInvalid'),
  name: z.object({ en: z.string().trim().min(1).max(300), fr: z.string().trim().max(300) }),
  unit: z.enum(units),
  domain: z.enum(domains),
  source: z.string().trim().max(500),
  dimensions: z.string().max(500).refine((v) => split(v).every((d) => /^[a-z][a-z0-9_-]{0,39}$/.test(d)), 'data.dimensionsInvalid'),
});
type IndicatorValues = z.infer<typeof indicatorSchema>;
const split = (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean);
const emptyIndicator: IndicatorValues = { code: '', name: { en: '', fr: '' }, unit: 'count', domain: 'population', source: '', dimensions: '' };

function NewIndicator() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const form = useZodForm(indicatorSchema, { defaultValues: emptyIndicator });
  async function submit(v: IndicatorValues) {
    await api.post<Indicator>('/data/indicators', { code: v.code, name: { en: v.name.en, fr: v.name.fr || null }, unit: v.unit, domain: v.domain, source: v.source || null, dimensions: split(v.dimensions) });
    form.reset(emptyIndicator);
    void qc.invalidateQueries({ queryKey: dataKeys.indicators() });
    return t('data.indicatorAdded');
  }
  return (
    <section aria-labelledby="new-indicator">
      <h2 id="new-indicator">{t('data.newIndicator')}</h2>
      <Form form={form} onSubmit={submit} submitLabel={t('data.addIndicator')}>
        <TextField name="code" label={t('data.code')} hint={t('data.codeHint')} required />
        <TextField name="name.en" label={t('data.nameEn')} required />
        <TextField name="name.fr" lang="fr" label={t('data.nameFr')} />
        <SelectField name="unit" label={t('data.unit')} choices={units.map((u) => ({ value: u, label: t(`data.units.${u}`) }))} />
        <SelectField name="domain" label={t('data.domain')} choices={domains.map((d) => ({ value: d, label: t(`data.domains.${d}`) }))} />
        <TextField name="source" label={t('data.source')} />
        <TextField name="dimensions" label={t('data.dimensions')} hint={t('data.dimensionsHint')} />
      </Form>
    </section>
  );
}

const mappingSchema = z.object({
  characteristicId: z.number().int().min(1).max(100000),
  characteristicName: z.string().trim().min(1).max(500),
  columnName: z.enum(censusColumns),
  indicatorId: z.string().min(1),
});
type MappingValues = z.infer<typeof mappingSchema>;

/** The saved Census Profile mapping: which characteristic row feeds which indicator. */
function CensusMappings({ canEdit }: { canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const list = useCensusMappings();
  const indicators = useIndicators();
  const form = useZodForm(mappingSchema, { defaultValues: { characteristicName: '', columnName: 'C1_COUNT_TOTAL', indicatorId: '' } });
  // The first indicator is chosen once the list loads.
  const firstIndicator = indicators.data?.items[0]?.id ?? '';
  useEffect(() => {
    if (firstIndicator && !form.getValues('indicatorId')) form.setValue('indicatorId', firstIndicator);
  }, [firstIndicator, form]);
  async function submit(v: MappingValues) {
    await api.put<{ items: Mapping[] }>('/data/census-mappings', v);
    void qc.invalidateQueries({ queryKey: dataKeys.censusMappings() });
    return t('data.mappingSaved');
  }
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
                <td>{t(`data.columns.${m.columnName}`, { defaultValue: m.columnName })}</td>
                <td data-code={m.indicatorCode}>{nameIn(indicators.data?.items.find((i) => i.id === m.indicatorId)?.name ?? { en: words(m.indicatorCode), fr: null }, i18n.language)}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {canEdit ? (
        <Form form={form} onSubmit={submit} submitLabel={t('data.saveMapping')} heading={<h3>{t('data.saveMapping')}</h3>}>
          <TextField name="characteristicId" type="number" inputMode="numeric" label={t('data.characteristicId')} required />
          <TextField name="characteristicName" label={t('data.characteristicName')} hint={t('data.characteristicNameHint')} required />
          <SelectField name="columnName" label={t('data.column')} choices={censusColumns.map((c) => ({ value: c, label: t(`data.columns.${c}`, { defaultValue: c }) }))} />
          <SelectField name="indicatorId" label={t('data.indicator')} choices={(indicators.data?.items ?? []).map((i) => ({ value: i.id, label: nameIn(i.name, i18n.language) }))} />
        </Form>
      ) : null}
    </section>
  );
}
