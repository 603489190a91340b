import { z } from 'zod';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../core/api';
import { Form, SelectField, TextField, useZodForm } from '../../core/form';
import { LoadError, Loading, useTitle, Table } from '../../core/ui';
import { itemStatuses } from '../../../../src/modules/strategy/strategy.schema';
import { useAllOrganizations } from '../organizations/hooks';
import type { ActionItem, ActionPlan } from './api';
import { useActionPlan, useActionPlans, useLocalized, usePlan, useStrategyMutation } from './hooks';
import { PlanTabs, ProgressBar } from './parts';

const yearSchema = z.object({ year: z.number().int().min(1990).max(2100) });
const noteSchema = z.object({ note: z.string().trim().min(1).max(4000), status: z.enum(itemStatuses), percentComplete: z.number().int().min(0).max(100) });
const itemSchema = z
  .object({
    actionId: z.string().min(1, 'errors.choose'),
    champion: z.string().trim().max(200),
    partnerOrganizationIds: z.array(z.string()).max(50),
    startDate: z.string(),
    dueDate: z.string(),
    resources: z.string().trim().max(2000),
  })
  .superRefine((v, ctx) => {
    if (v.startDate && v.dueDate && v.dueDate < v.startDate) ctx.addIssue({ code: 'custom', path: ['dueDate'], message: 'strategy.actionPlans.dueBeforeStart' });
  });

/** A plan's annual action plans, and starting one for a year. */
export function ActionPlansPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const loc = useLocalized();
  const navigate = useNavigate();
  const plan = usePlan(id);
  const list = useActionPlans(id);
  const form = useZodForm(yearSchema, { defaultValues: { year: new Date().getFullYear() } });
  const create = useStrategyMutation((v: z.output<typeof yearSchema>) => api.post<ActionPlan>(`/strategy/plans/${id}/action-plans`, v));
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
      {plan.data.actions['strategy.plan.update'] ? (
        <Form
          form={form}
          className="form strategy-inline-form"
          submitLabel={t('strategy.actionPlans.create')}
          onSubmit={async (v) => {
            const ap = await create.mutateAsync(v);
            navigate(`/strategy/plans/${id}/action-plans/${ap.id}`);
          }}
        >
          <TextField name="year" type="number" label={t('strategy.fields.year')} required />
        </Form>
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
        <ItemPanel key={i.id} item={i} manage={ap.data.actions['strategy.plan.update']} />
      ))}
      {ap.data.actions['strategy.plan.update'] ? <AddItemForm apId={apId} actions={available.map((a) => ({ id: a.id, title: a.title }))} /> : null}
    </>
  );
}

function ItemPanel({ item, manage }: { item: ActionItem; manage: boolean }) {
  const { t, i18n } = useTranslation();
  const form = useZodForm(noteSchema, { defaultValues: { note: '', status: item.status, percentComplete: item.percentComplete } });
  const save = useStrategyMutation((v: z.output<typeof noteSchema>) => api.post(`/strategy/action-plan-items/${item.id}/notes`, v));
  const toggle = useStrategyMutation((v: boolean) => api.patch(`/strategy/action-plan-items/${item.id}`, { version: item.version, adoptedByPartners: v }));
  const idp = (k: string) => `item-${item.id}-${k}`;
  return (
    <section className="panel" aria-labelledby={idp('h')}>
      <h3 id={idp('h')}>{item.actionTitle}</h3>
      {item.resources ? (
        <p className="small">
          {t('strategy.fields.resources')}{t('common.colon')}{item.resources}
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
          <Form
            form={form}
            className="form strategy-inline-form"
            idPrefix={`item-${item.id}`}
            submitLabel={t('strategy.actionPlans.addNote')}
            onSubmit={async (v) => {
              await save.mutateAsync(v);
              form.reset({ ...v, note: '' });
              return t('strategy.actionPlans.noteSaved');
            }}
          >
            <TextField name="note" label={t('strategy.actionPlans.note', { title: item.actionTitle })} required />
            <SelectField name="status" label={t('strategy.fields.status')} choices={itemStatuses.map((x) => ({ value: x, label: t(`strategy.itemStatus.${x}`) }))} />
            <TextField name="percentComplete" type="number" label={t('strategy.fields.percentComplete')} />
          </Form>
        </>
      ) : null}
    </section>
  );
}

function AddItemForm({ apId, actions }: { apId: string; actions: { id: string; title: string }[] }) {
  const { t } = useTranslation();
  const orgs = useAllOrganizations();
  const empty = { actionId: actions[0]?.id ?? '', champion: '', partnerOrganizationIds: [] as string[], startDate: '', dueDate: '', resources: '' };
  const form = useZodForm(itemSchema, { defaultValues: empty });
  const add = useStrategyMutation((f: z.output<typeof itemSchema>) =>
    api.post(`/strategy/action-plans/${apId}/items`, { ...f, champion: f.champion || null, startDate: f.startDate || null, dueDate: f.dueDate || null, resources: f.resources || null }),
  );
  if (!actions.length) return <p>{t('strategy.actionPlans.allSelected')}</p>;
  return (
    <section className="panel" aria-labelledby="add-item-heading">
      <Form
        form={form}
        heading={<h2 id="add-item-heading">{t('strategy.actionPlans.addHeading')}</h2>}
        labels={{ partnerOrganizationIds: t('strategy.fields.partners') }}
        submitLabel={t('strategy.actionPlans.addSubmit')}
        onSubmit={async (v) => {
          await add.mutateAsync(v);
          form.reset({ ...empty, actionId: actions.find((a) => a.id !== v.actionId)?.id ?? '' });
        }}
      >
        <SelectField name="actionId" label={t('strategy.kind.action')} required choices={actions.map((a) => ({ value: a.id, label: a.title }))} />
        <TextField name="champion" label={t('strategy.fields.champion')} />
        <SelectField multiple name="partnerOrganizationIds" label={t('strategy.fields.partners')} hint={t('strategy.actionPlans.partnersHint')} choices={(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.legalName }))} />
        <div className="field-row">
          <TextField name="startDate" type="date" label={t('strategy.fields.startDate')} />
          <TextField name="dueDate" type="date" label={t('strategy.fields.dueDate')} />
        </div>
        <TextField name="resources" label={t('strategy.fields.resources')} />
      </Form>
    </section>
  );
}
