import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../core/api';
import type { Collaborative } from '../../core/types';
import { EmptyState, ErrorSummary, Field, fieldErrorsOf, LoadError, Loading, useTitle, Table } from '../../core/ui';
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

function NewPlanForm({ collaboratives }: { collaboratives: Collaborative[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const year = new Date().getFullYear();
  const [form, setForm] = useState({ collaborativeId: collaboratives[0]?.id ?? '', title: '', startYear: String(year), endYear: String(year + 2) });
  const create = useStrategyMutation((body: typeof form) => api.post<Plan>('/strategy/plans', { ...body, startYear: Number(body.startYear), endYear: Number(body.endYear) }), (p) => navigate(`/strategy/plans/${p.id}`));
  const errors = fieldErrorsOf(create.error);
  const labels = { collaborativeId: t('strategy.fields.collaborative'), title: t('strategy.fields.planTitle'), startYear: t('strategy.fields.startYear'), endYear: t('strategy.fields.endYear') };
  return (
    <section className="panel" aria-labelledby="new-plan-heading">
      <h2 id="new-plan-heading">{t('strategy.plans.new')}</h2>
      <ErrorSummary errors={errors} labels={labels} message={create.error && !Object.keys(errors).length ? create.error.message : undefined} />
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(form);
        }}
      >
        <Field path="collaborativeId" label={labels.collaborativeId} error={errors.collaborativeId} required>
          {(p) => (
            <select {...p} value={form.collaborativeId} onChange={(e) => setForm({ ...form, collaborativeId: e.target.value })}>
              {collaboratives.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field path="title" label={labels.title} error={errors.title} required>
          {(p) => <input {...p} value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} />}
        </Field>
        <div className="field-row">
          <Field path="startYear" label={labels.startYear} error={errors.startYear} required>
            {(p) => <input {...p} type="number" value={form.startYear} onChange={(e) => setForm({ ...form, startYear: e.target.value })} />}
          </Field>
          <Field path="endYear" label={labels.endYear} error={errors.endYear} required>
            {(p) => <input {...p} type="number" value={form.endYear} onChange={(e) => setForm({ ...form, endYear: e.target.value })} />}
          </Field>
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            {t('strategy.plans.create')}
          </button>
        </div>
      </form>
    </section>
  );
}

function TemplateList({ templates, collaboratives }: { templates: Template[]; collaboratives: Collaborative[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [cloning, setCloning] = useState<string | null>(null);
  const year = new Date().getFullYear();
  const [form, setForm] = useState({ collaborativeId: collaboratives[0]?.id ?? '', title: '', startYear: String(year), endYear: String(year + 2) });
  const clone = useStrategyMutation(
    (id: string) => api.post<Plan>(`/strategy/templates/${id}/clone`, { ...form, startYear: Number(form.startYear), endYear: Number(form.endYear) }),
    (p) => navigate(`/strategy/plans/${p.id}`),
  );
  const errors = fieldErrorsOf(clone.error);
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
                    <form
                      className="strategy-inline-form"
                      onSubmit={(e) => {
                        e.preventDefault();
                        clone.mutate(tpl.id);
                      }}
                    >
                      <ErrorSummary errors={errors} labels={{ title: t('strategy.fields.planTitle'), endYear: t('strategy.fields.endYear') }} />
                      <Field path="clone-collaborative" label={t('strategy.fields.collaborative')}>
                        {(p) => (
                          <select {...p} value={form.collaborativeId} onChange={(e) => setForm({ ...form, collaborativeId: e.target.value })}>
                            {collaboratives.map((c) => (
                              <option key={c.id} value={c.id}>
                                {c.shortName ?? c.name}
                              </option>
                            ))}
                          </select>
                        )}
                      </Field>
                      <Field path="title" label={t('strategy.fields.planTitle')} error={errors.title}>
                        {(p) => <input {...p} value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} />}
                      </Field>
                      <Field path="clone-start" label={t('strategy.fields.startYear')}>
                        {(p) => <input {...p} type="number" value={form.startYear} onChange={(e) => setForm({ ...form, startYear: e.target.value })} />}
                      </Field>
                      <Field path="endYear" label={t('strategy.fields.endYear')} error={errors.endYear}>
                        {(p) => <input {...p} type="number" value={form.endYear} onChange={(e) => setForm({ ...form, endYear: e.target.value })} />}
                      </Field>
                      <button type="submit" className="button button-primary">
                        {t('strategy.templates.cloneSubmit')}
                      </button>
                    </form>
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
