import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../core/api';
import { ErrorSummary, Field, fieldErrorsOf, LoadError, Loading, useTitle, Table } from '../../core/ui';
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
  const manage = plan.data.actions.manage;
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

function ValueForm({ measure }: { measure: Measure }) {
  const { t } = useTranslation();
  const empty = { period: '', value: '', source: '', notes: '' };
  const [f, setF] = useState(empty);
  const save = useStrategyMutation(() => api.put(`/strategy/measures/${measure.id}/values/${encodeURIComponent(f.period)}`, { value: f.value === '' ? NaN : Number(f.value), source: f.source || null, notes: f.notes || null }), () => setF(empty));
  const errors = fieldErrorsOf(save.error);
  if (f.value !== '' && Number.isNaN(Number(f.value))) errors.value ??= t('strategy.measure.notANumber');
  const labels = { 'value-period': t('strategy.curve.period'), 'value-value': t('strategy.fields.value'), 'value-source': t('strategy.fields.source') };
  return (
    <form
      className="panel"
      aria-labelledby="value-form-heading"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(undefined);
      }}
    >
      <h2 id="value-form-heading">{t('strategy.measure.recordValue')}</h2>
      <ErrorSummary errors={{ ...(errors.period ? { 'value-period': errors.period } : {}), ...(errors.value ? { 'value-value': errors.value } : {}), ...(errors.source ? { 'value-source': errors.source } : {}) }} labels={labels} />
      {save.isSuccess ? (
        <p className="notice notice-success" role="status">
          {t('strategy.measure.saved')}
        </p>
      ) : null}
      <Field path="value-period" label={t('strategy.curve.period')} hint={t('strategy.fields.periodHint')} error={errors.period} required>
        {(p) => <input {...p} value={f.period} onChange={(e) => setF({ ...f, period: e.target.value })} />}
      </Field>
      <Field path="value-value" label={t('strategy.fields.value')} hint={t(`strategy.unitHint.${measure.unit}`)} error={errors.value} required>
        {(p) => <input {...p} inputMode="decimal" value={f.value} onChange={(e) => setF({ ...f, value: e.target.value })} />}
      </Field>
      <Field path="value-source" label={t('strategy.fields.source')} error={errors.source}>
        {(p) => <input {...p} value={f.source} onChange={(e) => setF({ ...f, source: e.target.value })} />}
      </Field>
      <Field path="value-notes" label={t('strategy.fields.notes')}>
        {(p) => <textarea {...p} rows={2} value={f.notes} onChange={(e) => setF({ ...f, notes: e.target.value })} />}
      </Field>
      <button type="submit" className="button button-primary">
        {t('strategy.measure.saveValue')}
      </button>
    </form>
  );
}

function TargetForm({ measure, horizon }: { measure: Measure; horizon: string }) {
  const { t } = useTranslation();
  const [f, setF] = useState({ period: '', value: '' });
  const save = useStrategyMutation(() => api.put(`/strategy/measures/${measure.id}/targets/${encodeURIComponent(f.period)}`, { value: f.value === '' ? NaN : Number(f.value) }), () => setF({ period: '', value: '' }));
  const errors = fieldErrorsOf(save.error);
  return (
    <form
      className="panel"
      aria-labelledby="target-form-heading"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(undefined);
      }}
    >
      <h2 id="target-form-heading">{t('strategy.measure.setTarget')}</h2>
      <ErrorSummary errors={{ ...(errors.period ? { 'target-period': errors.period } : {}), ...(errors.value ? { 'target-value': errors.value } : {}) }} labels={{ 'target-period': t('strategy.curve.period'), 'target-value': t('strategy.curve.target') }} />
      <Field path="target-period" label={t('strategy.curve.period')} hint={t('strategy.measure.targetHint', { horizon })} error={errors.period} required>
        {(p) => <input {...p} value={f.period} onChange={(e) => setF({ ...f, period: e.target.value })} />}
      </Field>
      <Field path="target-value" label={t('strategy.curve.target')} error={errors.value} required>
        {(p) => <input {...p} inputMode="decimal" value={f.value} onChange={(e) => setF({ ...f, value: e.target.value })} />}
      </Field>
      <button type="submit" className="button button-secondary">
        {t('strategy.measure.saveTarget')}
      </button>
    </form>
  );
}

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
  const [f, setF] = useState(init);
  const population = measure.kind === 'population';
  const places = useAllPlaces(open && population);
  const save = useStrategyMutation(
    () =>
      api.patch(`/strategy/measures/${measure.id}`, {
        version: measure.version,
        name: f.name,
        nameFr: f.nameFr || null,
        ...(population ? { indicatorId: f.indicatorId || null, geographyId: f.geographyId || null } : { rbaType: f.rbaType }),
        direction: f.direction,
        baselineValue: f.baselineValue === '' ? null : Number(f.baselineValue),
        baselinePeriod: f.baselinePeriod || null,
      }),
    () => setOpen(false),
  );
  const errors = fieldErrorsOf(save.error);
  const labels = { 'edit-name': t('strategy.fields.measureName'), 'edit-baselineValue': t('strategy.fields.baselineValue'), 'edit-baselinePeriod': t('strategy.fields.baselinePeriod'), 'edit-indicatorId': t('strategy.fields.indicatorId') };
  if (!open)
    return (
      <p>
        <button type="button" className="button button-secondary" onClick={() => (setF(init()), setOpen(true))}>
          {t('strategy.measure.edit')}
        </button>
      </p>
    );
  return (
    <form
      className="panel"
      aria-labelledby="edit-measure-h"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(undefined);
      }}
    >
      <h2 id="edit-measure-h">{t('strategy.measure.edit')}</h2>
      <ErrorSummary errors={Object.fromEntries(Object.entries(errors).map(([k, v]) => [`edit-${k}`, v]))} labels={labels} message={save.error && !Object.keys(errors).length ? save.error.message : undefined} />
      <Field path="edit-name" label={labels['edit-name']} error={errors.name} required>
        {(p) => <input {...p} value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} />}
      </Field>
      <Field path="edit-nameFr" label={t('strategy.fields.measureNameFr')}>
        {(p) => <input {...p} lang="fr" value={f.nameFr} onChange={(e) => setF({ ...f, nameFr: e.target.value })} />}
      </Field>
      {!population ? (
        <Field path="edit-rbaType" label={t('strategy.fields.rbaType')} error={errors.rbaType}>
          {(p) => (
            <select {...p} value={f.rbaType} onChange={(e) => setF({ ...f, rbaType: e.target.value as typeof f.rbaType })}>
              {(['how_much', 'how_well', 'better_off'] as const).map((r) => (
                <option key={r} value={r}>
                  {t(`strategy.rba.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      <Field path="edit-direction" label={t('strategy.fields.direction')}>
        {(p) => (
          <select {...p} value={f.direction} onChange={(e) => setF({ ...f, direction: e.target.value as typeof f.direction })}>
            <option value="higher_is_better">{t('strategy.direction.higher_is_better')}</option>
            <option value="lower_is_better">{t('strategy.direction.lower_is_better')}</option>
          </select>
        )}
      </Field>
      <Field path="edit-baselineValue" label={labels['edit-baselineValue']} error={errors.baselineValue}>
        {(p) => <input {...p} inputMode="decimal" value={f.baselineValue} onChange={(e) => setF({ ...f, baselineValue: e.target.value })} />}
      </Field>
      <Field path="edit-baselinePeriod" label={labels['edit-baselinePeriod']} hint={t('strategy.fields.periodHint')} error={errors.baselinePeriod}>
        {(p) => <input {...p} value={f.baselinePeriod} onChange={(e) => setF({ ...f, baselinePeriod: e.target.value })} />}
      </Field>
      {population ? (
        <>
          <Field path="edit-indicatorId" label={labels['edit-indicatorId']} hint={t('strategy.fields.indicatorHint')} error={errors.indicatorId}>
            {(p) => <input {...p} value={f.indicatorId} onChange={(e) => setF({ ...f, indicatorId: e.target.value })} />}
          </Field>
          <Field path="edit-geographyId" label={t('strategy.fields.geography')} error={errors.geographyId}>
            {(p) => (
              <select {...p} value={f.geographyId} onChange={(e) => setF({ ...f, geographyId: e.target.value })}>
                <option value="">–</option>
                {(places.data?.items ?? []).map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.nameEn}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button button-primary">
          {t('strategy.measure.saveChanges')}
        </button>
        <button type="button" className="button button-secondary" onClick={() => setOpen(false)}>
          {t('strategy.plan.cancel')}
        </button>
      </div>
    </form>
  );
}
