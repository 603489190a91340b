import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../core/api';
import { z } from 'zod';
import { Form, SelectField, TextArea, TextField, useZodForm } from '../../core/form';
import { LoadError, Loading, useTitle, Table } from '../../core/ui';
import { directions, rbaTypes } from '../../../../src/modules/strategy/strategy.schema';
import { useAllPlaces } from '../geography/hooks';
import type { Measure } from './api';
import { useFormatValue, useLocalized, useMeasure, usePlan, useStrategyMutation } from './hooks';
import { PlanTabs, StatusBadge, TrendArrow, TurnTheCurve } from './parts';

/** One measure: the turn-the-curve chart and table, targets and values, and forms to enter them. */
export function MeasurePage() {
  const { id = '', measureId = '' } = useParams();
  const { t } = useTranslation();
  const loc = useLocalized();
  const fmt = useFormatValue();
  const plan = usePlan(id);
  const m = useMeasure(measureId);
  useTitle(m.data ? loc(m.data.name, m.data.nameFr) : t('strategy.title'));
  if (m.isPending || plan.isPending) return <Loading />;
  if (m.isError) return <LoadError error={m.error} />;
  if (plan.isError) return <LoadError error={plan.error} />;
  const measure = m.data;
  const manage = plan.data.actions['strategy.plan.update'];
  const name = loc(measure.name, measure.nameFr);
  return (
    <>
      <p className="breadcrumbs">
        <Link to={`/strategy/plans/${id}`}>{loc(plan.data.title, plan.data.titleFr)}</Link>
      </p>
      <h1>{name}</h1>
      <PlanTabs planId={id} />
      <dl className="facts">
        <dt>{t('strategy.measure.type')}</dt>
        <dd>{measure.kind === 'population' ? t('strategy.measure.population') : t(`strategy.rba.${measure.rbaType}`)}</dd>
        <dt>{t('strategy.fields.unit')}</dt>
        <dd>{t(`strategy.unit.${measure.unit}`)}</dd>
        <dt>{t('strategy.fields.direction')}</dt>
        <dd>{t(`strategy.direction.${measure.direction}`)}</dd>
        <dt>{t('strategy.fields.frequency')}</dt>
        <dd>{t(`strategy.frequency.${measure.frequency}`)}</dd>
        <dt>{t('strategy.curve.baseline')}</dt>
        <dd>{measure.baselinePeriod ? `${fmt(measure.baselineValue, measure.unit)} (${measure.baselinePeriod})` : '–'}</dd>
        <dt>{t('strategy.measure.statusLabel')}</dt>
        <dd>
          <StatusBadge status={measure.status} /> <TrendArrow trend={measure.trend} />
          {measure.currentTarget ? ` · ${t('strategy.measure.against', { value: fmt(measure.currentTarget.value, measure.unit), period: measure.currentTarget.period })}` : ''}
        </dd>
        <dt>{t('strategy.freshness.heading')}</dt>
        <dd>
          {measure.freshness.stale ? <span className="flag flag-stale">{t('strategy.freshness.stale')}</span> : t('strategy.freshness.fresh')} ·{' '}
          {t('strategy.freshness.due', { period: measure.freshness.expectedPeriod, date: measure.freshness.dueBy })}
        </dd>
      </dl>
      <h2>{t('strategy.curve.heading')}</h2>
      <TurnTheCurve rows={measure.curve} unit={measure.unit} title={name} />
      {manage ? (
        <div className="strategy-two-col">
          <ValueForm measure={measure} />
          <TargetForm measure={measure} horizon={`${plan.data.startYear}–${plan.data.endYear}`} />
        </div>
      ) : null}
      {manage ? <EditMeasureForm measure={measure} /> : null}
      <h2>{t('strategy.measure.valuesHeading')}</h2>
      <div className="table-wrap" tabIndex={0}>
        <Table>
          <caption>{t('strategy.measure.valuesCaption', { name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('strategy.curve.period')}</th>
              <th scope="col">{t('strategy.curve.actual')}</th>
              <th scope="col">{t('strategy.fields.source')}</th>
              <th scope="col">{t('strategy.fields.notes')}</th>
              <th scope="col">{t('strategy.measure.recordedBy')}</th>
            </tr>
          </thead>
          <tbody>
            {measure.values.map((v) => (
              <tr key={v.period}>
                <th scope="row">{v.period}</th>
                <td>
                  {fmt(v.value, measure.unit)}
                  {v.illustrative ? <span className="small"> ({t('strategy.measure.illustrative')})</span> : null}
                </td>
                <td>{v.source ?? '–'}</td>
                <td>{v.notes ?? '–'}</td>
                <td>{v.recordedBy}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      </div>
    </>
  );
}

const numberText = z
  .string()
  .trim()
  .min(1)
  .refine((v) => !Number.isNaN(Number(v)), 'strategy.measure.notANumber');
const optionalNumberText = z
  .string()
  .trim()
  .refine((v) => v === '' || !Number.isNaN(Number(v)), 'strategy.measure.notANumber');
const valueSchema = z.object({ period: z.string().trim().min(1).max(10), value: numberText, source: z.string().trim().max(500), notes: z.string().trim().max(2000) });
const targetSchema = z.object({ period: z.string().trim().min(1).max(10), value: numberText });

function ValueForm({ measure }: { measure: Measure }) {
  const { t } = useTranslation();
  const empty = { period: '', value: '', source: '', notes: '' };
  const form = useZodForm(valueSchema, { defaultValues: empty });
  const save = useStrategyMutation((v: z.output<typeof valueSchema>) => api.put(`/strategy/measures/${measure.id}/values/${encodeURIComponent(v.period)}`, { value: Number(v.value), source: v.source || null, notes: v.notes || null }));
  return (
    <section className="panel" aria-labelledby="value-form-heading">
      <Form
        form={form}
        idPrefix="value"
        heading={<h2 id="value-form-heading">{t('strategy.measure.recordValue')}</h2>}
        submitLabel={t('strategy.measure.saveValue')}
        onSubmit={async (v) => {
          await save.mutateAsync(v);
          form.reset(empty);
          return t('strategy.measure.saved');
        }}
      >
        <TextField name="period" label={t('strategy.curve.period')} hint={t('strategy.fields.periodHint')} required />
        <TextField name="value" label={t('strategy.fields.value')} hint={t(`strategy.unitHint.${measure.unit}`)} inputMode="decimal" required />
        <TextField name="source" label={t('strategy.fields.source')} />
        <TextArea name="notes" label={t('strategy.fields.notes')} rows={2} />
      </Form>
    </section>
  );
}

function TargetForm({ measure, horizon }: { measure: Measure; horizon: string }) {
  const { t } = useTranslation();
  const empty = { period: '', value: '' };
  const form = useZodForm(targetSchema, { defaultValues: empty });
  const save = useStrategyMutation((v: z.output<typeof targetSchema>) => api.put(`/strategy/measures/${measure.id}/targets/${encodeURIComponent(v.period)}`, { value: Number(v.value) }));
  return (
    <section className="panel" aria-labelledby="target-form-heading">
      <Form
        form={form}
        idPrefix="target"
        heading={<h2 id="target-form-heading">{t('strategy.measure.setTarget')}</h2>}
        submitLabel={t('strategy.measure.saveTarget')}
        onSubmit={async (v) => {
          await save.mutateAsync(v);
          form.reset(empty);
          return t('strategy.measure.saved');
        }}
      >
        <TextField name="period" label={t('strategy.curve.period')} hint={t('strategy.measure.targetHint', { horizon })} required />
        <TextField name="value" label={t('strategy.curve.target')} inputMode="decimal" required />
      </Form>
    </section>
  );
}

const editMeasureSchema = z.object({
  name: z.string().trim().min(1).max(300),
  nameFr: z.string().trim().max(300),
  rbaType: z.enum(rbaTypes),
  direction: z.enum(directions),
  baselineValue: optionalNumberText,
  baselinePeriod: z.string().trim().max(10),
  indicatorId: z.string().trim().max(200),
  geographyId: z.string(),
});

function EditMeasureForm({ measure }: { measure: Measure }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const init = () => ({
    name: measure.name,
    nameFr: measure.nameFr ?? '',
    rbaType: measure.rbaType ?? 'how_much',
    direction: measure.direction,
    baselineValue: measure.baselineValue === null ? '' : String(measure.baselineValue),
    baselinePeriod: measure.baselinePeriod ?? '',
    indicatorId: measure.indicatorId ?? '',
    geographyId: measure.geographyId ?? '',
  });
  const population = measure.kind === 'population';
  const places = useAllPlaces(open && population);
  const form = useZodForm(editMeasureSchema, { defaultValues: init() });
  const save = useStrategyMutation((f: z.output<typeof editMeasureSchema>) =>
    api.patch(`/strategy/measures/${measure.id}`, {
      version: measure.version,
      name: f.name,
      nameFr: f.nameFr || null,
      ...(population ? { indicatorId: f.indicatorId || null, geographyId: f.geographyId || null } : { rbaType: f.rbaType }),
      direction: f.direction,
      baselineValue: f.baselineValue === '' ? null : Number(f.baselineValue),
      baselinePeriod: f.baselinePeriod || null,
    }),
  );
  if (!open)
    return (
      <p>
        <button type="button" className="button button-secondary" onClick={() => (form.reset(init()), setOpen(true))}>
          {t('strategy.measure.edit')}
        </button>
      </p>
    );
  return (
    <section className="panel" aria-labelledby="edit-measure-h">
      <Form
        form={form}
        idPrefix="edit"
        heading={<h2 id="edit-measure-h">{t('strategy.measure.edit')}</h2>}
        submitLabel={t('strategy.measure.saveChanges')}
        actions={
          <button type="button" className="button button-secondary" onClick={() => setOpen(false)}>
            {t('strategy.plan.cancel')}
          </button>
        }
        onSubmit={async (v) => {
          await save.mutateAsync(v);
          setOpen(false);
        }}
      >
        <TextField name="name" label={t('strategy.fields.measureName')} required />
        <TextField name="nameFr" lang="fr" label={t('strategy.fields.measureNameFr')} />
        {!population ? <SelectField name="rbaType" label={t('strategy.fields.rbaType')} choices={rbaTypes.map((r) => ({ value: r, label: t(`strategy.rba.${r}`) }))} /> : null}
        <SelectField name="direction" label={t('strategy.fields.direction')} choices={directions.map((d) => ({ value: d, label: t(`strategy.direction.${d}`) }))} />
        <TextField name="baselineValue" label={t('strategy.fields.baselineValue')} inputMode="decimal" />
        <TextField name="baselinePeriod" label={t('strategy.fields.baselinePeriod')} hint={t('strategy.fields.periodHint')} />
        {population ? (
          <>
            <TextField name="indicatorId" label={t('strategy.fields.indicatorId')} hint={t('strategy.fields.indicatorHint')} />
            <SelectField name="geographyId" label={t('strategy.fields.geography')} placeholder="–" choices={(places.data?.items ?? []).map((g) => ({ value: g.id, label: g.nameEn }))} />
          </>
        ) : null}
      </Form>
    </section>
  );
}
