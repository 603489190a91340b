import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../core/api';
import { ErrorSummary, Field, fieldErrorsOf, LoadError, Loading, useTitle, Table } from '../../core/ui';
import { useAllOrganizations } from '../organizations/hooks';
import type { ActionItem, ActionPlan } from './api';
import { useActionPlan, useActionPlans, useLocalized, usePlan, useStrategyMutation } from './hooks';
import { PlanTabs, ProgressBar } from './parts';

const STATUSES = ['not_started', 'in_progress', 'completed', 'on_hold', 'cancelled'] as const;

/** A plan's annual action plans, and starting one for a year. */
export function ActionPlansPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const loc = useLocalized();
  const navigate = useNavigate();
  const plan = usePlan(id);
  const list = useActionPlans(id);
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const create = useStrategyMutation(() => api.post<ActionPlan>(`/strategy/plans/${id}/action-plans`, { year: Number(year) }), (ap) => navigate(`/strategy/plans/${id}/action-plans/${ap.id}`));
  const errors = fieldErrorsOf(create.error);
  useTitle(t('strategy.actionPlans.title'));
  if (plan.isPending || list.isPending) return <Loading />;
  if (plan.isError) return <LoadError error={plan.error} />;
  if (list.isError) return <LoadError error={list.error} />;
  return (
    <>
      <p className="breadcrumbs">
        <Link to={`/strategy/plans/${id}`}>{loc(plan.data.title, plan.data.titleFr)}</Link>
      </p>
      <h1>{t('strategy.actionPlans.title')}</h1>
      <PlanTabs planId={id} />
      {list.data.items.length ? (
        <ul>
          {list.data.items.map((ap) => (
            <li key={ap.id}>
              <Link to={`/strategy/plans/${id}/action-plans/${ap.id}`}>{t('strategy.actionPlans.forYear', { year: ap.year })}</Link> <span className="small">{t('strategy.actionPlans.count', { count: ap.itemCount })}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('strategy.actionPlans.empty')}</p>
      )}
      {plan.data.actions.manage ? (
        <form
          className="strategy-inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate(undefined);
          }}
        >
          <Field path="year" label={t('strategy.fields.year')} error={errors.year ?? (create.error && !errors.year ? create.error.message : undefined)}>
            {(p) => <input {...p} type="number" value={year} onChange={(e) => setYear(e.target.value)} />}
          </Field>
          <button type="submit" className="button button-primary">
            {t('strategy.actionPlans.create')}
          </button>
        </form>
      ) : null}
    </>
  );
}

/** One year's action plan: each action with champion, partners, dates, status, progress and notes. */
export function ActionPlanPage() {
  const { id = '', apId = '' } = useParams();
  const { t } = useTranslation();
  const loc = useLocalized();
  const plan = usePlan(id);
  const ap = useActionPlan(apId);
  useTitle(ap.data ? t('strategy.actionPlans.forYear', { year: ap.data.year }) : t('strategy.actionPlans.title'));
  if (plan.isPending || ap.isPending) return <Loading />;
  if (plan.isError) return <LoadError error={plan.error} />;
  if (ap.isError) return <LoadError error={ap.error} />;
  const chosen = new Set(ap.data.items.map((i) => i.actionId));
  const available = plan.data.elements.filter((e) => e.kind === 'action' && !chosen.has(e.id));
  const overdue = ap.data.items.filter((i) => i.overdue).length;
  const stalled = ap.data.items.filter((i) => i.stalled).length;
  return (
    <>
      <p className="breadcrumbs">
        <Link to={`/strategy/plans/${id}`}>{loc(plan.data.title, plan.data.titleFr)}</Link>
      </p>
      <h1>{t('strategy.actionPlans.forYear', { year: ap.data.year })}</h1>
      <PlanTabs planId={id} />
      {overdue || stalled ? (
        <div className="notice notice-warning" role="status">
          <p>{t('strategy.actionPlans.attention', { overdue, stalled, days: ap.data.stalledAfterDays })}</p>
        </div>
      ) : null}
      <div className="table-wrap" tabIndex={0}>
        <Table>
          <caption>{t('strategy.actionPlans.caption', { year: ap.data.year })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('strategy.kind.action')}</th>
              <th scope="col">{t('strategy.fields.champion')}</th>
              <th scope="col">{t('strategy.fields.partners')}</th>
              <th scope="col">{t('strategy.fields.dates')}</th>
              <th scope="col">{t('strategy.fields.status')}</th>
              <th scope="col">{t('strategy.fields.percentComplete')}</th>
              <th scope="col">{t('strategy.fields.adoptedByPartners')}</th>
            </tr>
          </thead>
          <tbody>
            {ap.data.items.map((i) => (
              <tr key={i.id} className={i.overdue || i.stalled ? 'row-alert' : undefined}>
                <th scope="row">
                  {i.actionTitle}
                  {i.strategyTitle ? <p className="small muted">{i.strategyTitle}</p> : null}
                  {i.overdue ? <span className="flag flag-overdue">{t('strategy.actionPlans.overdue')}</span> : null}
                  {i.stalled ? <span className="flag flag-stalled">{t('strategy.actionPlans.stalled')}</span> : null}
                </th>
                <td>{i.champion ?? '–'}</td>
                <td>{i.partnerNames.join(', ') || '–'}</td>
                <td>
                  {i.startDate ?? '…'} → {i.dueDate ?? '…'}
                </td>
                <td>{t(`strategy.itemStatus.${i.status}`)}</td>
                <td>
                  <ProgressBar value={i.percentComplete} />
                </td>
                <td>{i.adoptedByPartners ? t('strategy.yes') : t('strategy.no')}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      </div>
      <h2>{t('strategy.actionPlans.progressHeading')}</h2>
      {ap.data.items.map((i) => (
        <ItemPanel key={i.id} item={i} manage={ap.data.actions.manage} />
      ))}
      {ap.data.actions.manage ? <AddItemForm apId={apId} actions={available.map((a) => ({ id: a.id, title: a.title }))} /> : null}
    </>
  );
}

function ItemPanel({ item, manage }: { item: ActionItem; manage: boolean }) {
  const { t, i18n } = useTranslation();
  const [f, setF] = useState({ note: '', status: item.status, percentComplete: String(item.percentComplete) });
  const save = useStrategyMutation(() => api.post(`/strategy/action-plan-items/${item.id}/notes`, { note: f.note, status: f.status, percentComplete: Number(f.percentComplete) }), () => setF((x) => ({ ...x, note: '' })));
  const toggle = useStrategyMutation((v: boolean) => api.patch(`/strategy/action-plan-items/${item.id}`, { version: item.version, adoptedByPartners: v }));
  const errors = fieldErrorsOf(save.error);
  const idp = (k: string) => `item-${item.id}-${k}`;
  return (
    <section className="panel" aria-labelledby={idp('h')}>
      <h3 id={idp('h')}>{item.actionTitle}</h3>
      {item.resources ? (
        <p className="small">
          {t('strategy.fields.resources')}: {item.resources}
        </p>
      ) : null}
      {item.notes.length ? (
        <ol className="record-list" aria-label={t('strategy.actionPlans.timeline', { title: item.actionTitle })}>
          {item.notes.map((n) => (
            <li key={n.id}>
              <strong>{new Date(n.createdAt).toLocaleDateString(i18n.language === 'fr' ? 'fr-CA' : 'en-CA')}</strong> · {n.authorLabel}: {n.note}
              {n.status ? ` (${t(`strategy.itemStatus.${n.status}`)}${n.percentComplete !== null ? `, ${n.percentComplete}%` : ''})` : ''}
            </li>
          ))}
        </ol>
      ) : (
        <p className="small">{t('strategy.actionPlans.noNotes')}</p>
      )}
      {manage ? (
        <>
          <div className="checkbox">
            <input id={idp('adopted')} type="checkbox" checked={item.adoptedByPartners} onChange={(e) => toggle.mutate(e.target.checked)} />
            <label htmlFor={idp('adopted')}>{t('strategy.fields.adoptedByPartnersLong')}</label>
          </div>
          <form
            className="strategy-inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate(undefined);
            }}
          >
            <Field path={idp('note')} label={t('strategy.actionPlans.note', { title: item.actionTitle })} error={errors.note}>
              {(p) => <input {...p} value={f.note} onChange={(e) => setF({ ...f, note: e.target.value })} />}
            </Field>
            <Field path={idp('status')} label={t('strategy.fields.status')}>
              {(p) => (
                <select {...p} value={f.status} onChange={(e) => setF({ ...f, status: e.target.value as ActionItem['status'] })}>
                  {STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {t(`strategy.itemStatus.${s}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field path={idp('pct')} label={t('strategy.fields.percentComplete')} error={errors.percentComplete}>
              {(p) => <input {...p} type="number" min={0} max={100} value={f.percentComplete} onChange={(e) => setF({ ...f, percentComplete: e.target.value })} />}
            </Field>
            <button type="submit" className="button button-primary">
              {t('strategy.actionPlans.addNote')}
            </button>
          </form>
        </>
      ) : null}
    </section>
  );
}

function AddItemForm({ apId, actions }: { apId: string; actions: { id: string; title: string }[] }) {
  const { t } = useTranslation();
  const orgs = useAllOrganizations();
  const empty = { actionId: actions[0]?.id ?? '', champion: '', partnerOrganizationIds: [] as string[], startDate: '', dueDate: '', resources: '' };
  const [f, setF] = useState(empty);
  const add = useStrategyMutation(
    () => api.post(`/strategy/action-plans/${apId}/items`, { ...f, actionId: f.actionId || actions[0]?.id, champion: f.champion || null, startDate: f.startDate || null, dueDate: f.dueDate || null, resources: f.resources || null }),
    () => setF({ ...empty, actionId: '' }),
  );
  const errors = fieldErrorsOf(add.error);
  if (!actions.length) return <p>{t('strategy.actionPlans.allSelected')}</p>;
  const labels = { actionId: t('strategy.kind.action'), champion: t('strategy.fields.champion'), partnerOrganizationIds: t('strategy.fields.partners'), startDate: t('strategy.fields.startDate'), dueDate: t('strategy.fields.dueDate') };
  return (
    <form
      className="panel"
      aria-labelledby="add-item-heading"
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate(undefined);
      }}
    >
      <h2 id="add-item-heading">{t('strategy.actionPlans.addHeading')}</h2>
      <ErrorSummary errors={errors} labels={labels} />
      <Field path="actionId" label={labels.actionId} error={errors.actionId} required>
        {(p) => (
          <select {...p} value={f.actionId || actions[0]?.id} onChange={(e) => setF({ ...f, actionId: e.target.value })}>
            {actions.map((a) => (
              <option key={a.id} value={a.id}>
                {a.title}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field path="champion" label={labels.champion} error={errors.champion}>
        {(p) => <input {...p} value={f.champion} onChange={(e) => setF({ ...f, champion: e.target.value })} />}
      </Field>
      <Field path="partnerOrganizationIds" label={labels.partnerOrganizationIds} hint={t('strategy.actionPlans.partnersHint')} error={errors.partnerOrganizationIds}>
        {(p) => (
          <select {...p} multiple size={5} value={f.partnerOrganizationIds} onChange={(e) => setF({ ...f, partnerOrganizationIds: [...e.target.selectedOptions].map((o) => o.value) })}>
            {(orgs.data?.items ?? []).map((o) => (
              <option key={o.id} value={o.id}>
                {o.legalName}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="field-row">
        <Field path="startDate" label={labels.startDate} error={errors.startDate}>
          {(p) => <input {...p} type="date" value={f.startDate} onChange={(e) => setF({ ...f, startDate: e.target.value })} />}
        </Field>
        <Field path="dueDate" label={labels.dueDate} error={errors.dueDate}>
          {(p) => <input {...p} type="date" value={f.dueDate} onChange={(e) => setF({ ...f, dueDate: e.target.value })} />}
        </Field>
      </div>
      <Field path="resources" label={t('strategy.fields.resources')}>
        {(p) => <input {...p} value={f.resources} onChange={(e) => setF({ ...f, resources: e.target.value })} />}
      </Field>
      <button type="submit" className="button button-primary">
        {t('strategy.actionPlans.addSubmit')}
      </button>
    </form>
  );
}
