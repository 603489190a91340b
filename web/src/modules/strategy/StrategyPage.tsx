import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../core/api';
import type { Collaborative } from '../../core/types';
import { z } from 'zod';
import { Form, SelectField, TextField, useZodForm } from '../../core/form';
import { EmptyState, LoadError, Loading, useTitle, Table } from '../../core/ui';
import type { Plan, Template } from './api';
import { useLocalized, usePlans, useStrategyMutation, useTemplates } from './hooks';
import './strategy.css';

/** Plans of my collaboratives, starting a plan, and the template library. */
export function StrategyPage() {
  const { t } = useTranslation();
  useTitle(t('strategy.title'));
  const plans = usePlans();
  const collabs = useQuery({ queryKey: ['collaboratives'], queryFn: () => api.get<{ items: Collaborative[] }>('/collaboratives') });
  const templates = useTemplates();
  const loc = useLocalized();
  const manageable = plans.data?.manageableCollaboratives ?? [];
  const canCreate = (c: Collaborative) => manageable.includes('all') || manageable.includes(c.id);
  const creatable = (collabs.data?.items ?? []).filter(canCreate);
  const name = (id: string) => collabs.data?.items.find((c) => c.id === id)?.name ?? '';

  return (
    <>
      <h1>{t('strategy.title')}</h1>
      <p className="lead">{t('strategy.lead')}</p>
      <h2>{t('strategy.plans.heading')}</h2>
      {plans.isPending ? (
        <Loading />
      ) : plans.isError ? (
        <LoadError error={plans.error} />
      ) : plans.data.items.length === 0 ? (
        <EmptyState title={t('strategy.plans.emptyTitle')}>
          <p>{t('strategy.plans.empty')}</p>
        </EmptyState>
      ) : (
        <ul className="card-grid">
          {plans.data.items.map((p) => (
            <li key={p.id} className="card">
              <h3>
                <Link to={`/strategy/plans/${p.id}`}>{loc(p.title, p.titleFr)}</Link>
              </h3>
              <p className="small">{name(p.collaborativeId)}</p>
              <p className="tags">
                <span className="tag">{t(`strategy.planStatus.${p.status}`)}</span>
                <span className="tag">
                  {p.startYear}–{p.endYear}
                </span>
                <span className="tag">{t('strategy.plans.version', { n: p.planVersion })}</span>
              </p>
            </li>
          ))}
        </ul>
      )}
      {creatable.length > 0 ? <NewPlanForm collaboratives={creatable} /> : null}
      <h2>{t('strategy.templates.heading')}</h2>
      <p>{t('strategy.templates.lead')}</p>
      {templates.isPending ? <Loading /> : templates.isError ? <LoadError error={templates.error} /> : <TemplateList templates={templates.data.items} collaboratives={creatable} />}
    </>
  );
}

const planSchema = z.object({
  collaborativeId: z.string().min(1, 'errors.choose'),
  title: z.string().trim().min(1).max(300),
  startYear: z.number().int().min(1990).max(2100),
  endYear: z.number().int().min(1990).max(2100),
});
type PlanValues = z.input<typeof planSchema>;

function planDefaults(collaboratives: Collaborative[]): PlanValues {
  const year = new Date().getFullYear();
  return { collaborativeId: collaboratives[0]?.id ?? '', title: '', startYear: year, endYear: year + 2 };
}

function PlanFields({ collaboratives, short }: { collaboratives: Collaborative[]; short?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <SelectField name="collaborativeId" label={t('strategy.fields.collaborative')} required choices={collaboratives.map((c) => ({ value: c.id, label: short ? (c.shortName ?? c.name) : c.name }))} />
      <TextField name="title" label={t('strategy.fields.planTitle')} required />
      <div className="field-row">
        <TextField name="startYear" type="number" label={t('strategy.fields.startYear')} required />
        <TextField name="endYear" type="number" label={t('strategy.fields.endYear')} required />
      </div>
    </>
  );
}

function NewPlanForm({ collaboratives }: { collaboratives: Collaborative[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const form = useZodForm(planSchema, { defaultValues: planDefaults(collaboratives) });
  const create = useStrategyMutation((body: z.output<typeof planSchema>) => api.post<Plan>('/strategy/plans', body));
  return (
    <section className="panel" aria-labelledby="new-plan-heading">
      <h2 id="new-plan-heading">{t('strategy.plans.new')}</h2>
      <Form
        form={form}
        submitLabel={t('strategy.plans.create')}
        onSubmit={async (v) => {
          const p = await create.mutateAsync(v);
          navigate(`/strategy/plans/${p.id}`);
        }}
      >
        <PlanFields collaboratives={collaboratives} />
      </Form>
    </section>
  );
}

function CloneForm({ templateId, collaboratives }: { templateId: string; collaboratives: Collaborative[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const form = useZodForm(planSchema, { defaultValues: planDefaults(collaboratives) });
  const clone = useStrategyMutation((body: z.output<typeof planSchema>) => api.post<Plan>(`/strategy/templates/${templateId}/clone`, body));
  return (
    <Form
      form={form}
      className="form strategy-inline-form"
      idPrefix={`clone-${templateId}`}
      submitLabel={t('strategy.templates.cloneSubmit')}
      onSubmit={async (v) => {
        const p = await clone.mutateAsync(v);
        navigate(`/strategy/plans/${p.id}`);
      }}
    >
      <PlanFields collaboratives={collaboratives} short />
    </Form>
  );
}

function TemplateList({ templates, collaboratives }: { templates: Template[]; collaboratives: Collaborative[] }) {
  const { t } = useTranslation();
  const [cloning, setCloning] = useState<string | null>(null);
  if (!templates.length) return <p>{t('strategy.templates.empty')}</p>;
  return (
    <div className="table-wrap" tabIndex={0}>
      <Table>
        <caption>{t('strategy.templates.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('strategy.templates.name')}</th>
            <th scope="col">{t('strategy.templates.measures')}</th>
            <th scope="col">{t('strategy.templates.plans')}</th>
            <th scope="col">{t('strategy.templates.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {templates.map((tpl) => (
            <tr key={tpl.id}>
              <th scope="row">
                {tpl.name}
                {tpl.description ? <p className="small">{tpl.description}</p> : null}
              </th>
              <td>{tpl.measureCount}</td>
              <td>{tpl.planCount}</td>
              <td>
                <Link to={`/strategy/templates/${tpl.id}/compare`}>{t('strategy.templates.compare')}</Link>
                {collaboratives.length ? (
                  cloning === tpl.id ? (
                    <CloneForm templateId={tpl.id} collaboratives={collaboratives} />
                  ) : (
                    <>
                      {' · '}
                      <button type="button" className="link-button" onClick={() => setCloning(tpl.id)}>
                        {t('strategy.templates.clone', { name: tpl.name })}
                      </button>
                    </>
                  )
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
