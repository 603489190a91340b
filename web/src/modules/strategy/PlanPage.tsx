import { useEffect, useState } from 'react';
import { z } from 'zod';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useNavigate } from 'react-router';
import { api } from '../../core/api';
import { Form, SelectField, TextField, useZodForm } from '../../core/form';
import { ErrorSummary, fieldErrorsOf, LoadError, Loading, useTitle, Table } from '../../core/ui';
import { directions, evidenceKinds, frequencies, rbaTypes, units } from '../../../../src/modules/strategy/strategy.schema';
import type { ElementKind, Measure, Plan, PlanElement } from './api';
import { useElementHistory, useLocalized, usePlan, useStrategyMutation } from './hooks';
import { PlanTabs, StatusBadge, TrendArrow } from './parts';
import { ActionMenu, type MenuItem } from './ActionMenu';

const CHILD: Record<ElementKind, ElementKind | null> = { theme: 'goal', goal: 'strategy', strategy: 'action', action: null };
const NEXT_STATUS = { draft: 'adopted', adopted: 'active', active: 'closed', closed: null } as const;

/** Build a plan: its hierarchy, measures, status, warnings and freshness. */
export function PlanPage() {
  const { id = '' } = useParams();
  const plan = usePlan(id);
  const { t } = useTranslation();
  const loc = useLocalized();
  useTitle(plan.data ? loc(plan.data.title, plan.data.titleFr) : t('strategy.title'));
  if (plan.isPending) return <Loading />;
  if (plan.isError) return <LoadError error={plan.error} />;
  const p = plan.data;
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/strategy">{t('strategy.title')}</Link>
      </p>
      <h1>{loc(p.title, p.titleFr)}</h1>
      <p className="tags">
        <span className="tag">{t(`strategy.planStatus.${p.status}`)}</span>
        <span className="tag">
          {t('strategy.plan.horizon')}{t('common.colon')}{p.startYear}–{p.endYear}
        </span>
        <span className="tag">{t('strategy.plans.version', { n: p.planVersion })}</span>
      </p>
      <PlanTabs planId={p.id} />
      {p.description ? <p>{p.description}</p> : null}
      {p.longTermOutcome ? (
        <p>
          <strong>{t('strategy.plan.longTermOutcome')}{t('common.colon').trimEnd()}</strong> {p.longTermOutcome}
        </p>
      ) : null}
      <Warnings plan={p} />
      <div className="plan-panels">
        <FreshnessPanel plan={p} />
        {p.actions['strategy.plan.update'] || p.actions['strategy.plan.newVersion'] ? <StatusPanel plan={p} /> : null}
      </div>
      <PlanTree plan={p} />
    </>
  );
}

function Warnings({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  if (plan.warnings.outputOnly)
    return (
      <div className="notice notice-warning" role="status">
        <h2>{t('strategy.warnings.outputOnlyTitle')}</h2>
        <p>{t('strategy.warnings.outputOnly')}</p>
      </div>
    );
  if (plan.warnings.noBetterOff && plan.measures.length)
    return (
      <div className="notice" role="status">
        <p>{t('strategy.warnings.noBetterOff')}</p>
      </div>
    );
  return null;
}

export function FreshnessPanel({ plan }: { plan: { freshness: Plan['freshness'] } }) {
  const { t } = useTranslation();
  const f = plan.freshness;
  return (
    <section className="panel" aria-labelledby="freshness-heading">
      <h2 id="freshness-heading">{t('strategy.freshness.heading')}</h2>
      <p>
        <span className="freshness-meter">{Math.round(f.score * 100)}%</span> {t('strategy.freshness.upToDate', { n: f.upToDate, total: f.total })}
      </p>
      <p className="small">{t('strategy.freshness.note', { period: f.currentPeriod, dueBy: f.currentDueBy, next: f.nextPeriod, nextDueBy: f.nextDueBy })}</p>
      <p className="small">{t('strategy.freshness.forecast', { n: f.staleAtNextDue })}</p>
    </section>
  );
}

function StatusPanel({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const next = NEXT_STATUS[plan.status];
  const patch = useStrategyMutation((body: Record<string, unknown>) => api.patch<Plan>(`/strategy/plans/${plan.id}`, { version: plan.version, ...body }));
  const newVersion = useStrategyMutation(() => api.post<Plan>(`/strategy/plans/${plan.id}/new-version`), (p) => navigate(`/strategy/plans/${p.id}`));
  const error = patch.error ?? newVersion.error;
  const errors = fieldErrorsOf(error);
  return (
    <section className="panel" aria-labelledby="status-heading">
      <h2 id="status-heading">{t('strategy.plan.statusHeading')}</h2>
      <ErrorSummary errors={errors} labels={{ status: t('strategy.fields.status') }} message={error && !Object.keys(errors).length ? error.message : undefined} />
      <div className="form-actions">
        {next && plan.actions['strategy.plan.update'] ? (
          <button type="button" className="button button-primary" onClick={() => patch.mutate({ status: next })}>
            {t(`strategy.plan.moveTo.${next}`)}
          </button>
        ) : null}
        {plan.actions['strategy.plan.newVersion'] ? (
          <button type="button" className="button button-secondary" onClick={() => newVersion.mutate(undefined)}>
            {t('strategy.plan.newVersion')}
          </button>
        ) : null}
      </div>
      {plan.actions['strategy.plan.update'] ? (
        <>
          <div className="checkbox">
            <input id="public-scorecard" type="checkbox" checked={plan.publicScorecard} onChange={(e) => patch.mutate({ publicScorecard: e.target.checked })} />
            <label htmlFor="public-scorecard">{t('strategy.plan.publicScorecard')}</label>
          </div>
          {plan.publicScorecard ? (
            <p className="small">
              {t('strategy.plan.publicLink')} <Link to={`/strategy/public/plans/${plan.id}`}>{`${location.origin}/strategy/public/plans/${plan.id}`}</Link>
            </p>
          ) : null}
          <PublishTemplateForm planId={plan.id} />
        </>
      ) : null}
    </section>
  );
}

const templateSchema = z.object({ name: z.string().trim().min(1).max(300) });

function PublishTemplateForm({ planId }: { planId: string }) {
  const { t } = useTranslation();
  const form = useZodForm(templateSchema, { defaultValues: { name: '' } });
  const publish = useStrategyMutation((body: z.output<typeof templateSchema>) => api.post(`/strategy/plans/${planId}/template`, body));
  return (
    <Form
      form={form}
      className="form strategy-inline-form"
      idPrefix="template"
      submitLabel={t('strategy.plan.publishTemplate')}
      onSubmit={async (v) => {
        await publish.mutateAsync(v);
        form.reset({ name: '' });
        return t('strategy.plan.templatePublished');
      }}
    >
      <TextField name="name" label={t('strategy.fields.templateName')} required />
    </Form>
  );
}

type Panel = 'edit' | 'child' | 'measure' | 'evidence' | 'history' | null;

/**
 * The plan as a collapsible tree: themes → goals → strategies → actions. Each item is one line
 * (its title toggles its children) with one action menu; a form opens under the item only when
 * chosen from its menu. Printing shows every level and no controls.
 */
function PlanTree({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const parents = new Set(plan.elements.map((e) => e.parentId).filter(Boolean) as string[]);
  // Open at first: themes and goals, so strategies show and actions wait a click.
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set(plan.elements.filter((e) => e.kind === 'theme' || e.kind === 'goal').map((e) => e.id)));
  const roots = plan.elements.filter((e) => e.kind === 'theme');
  const toggle = (id: string) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const open = (id: string) => setExpanded((prev) => (prev.has(id) ? prev : new Set(prev).add(id)));
  return (
    <section aria-labelledby="plan-tree-heading" className="plan-tree">
      <div className="plan-tree-head">
        <h2 id="plan-tree-heading">{t('strategy.plan.hierarchy')}</h2>
        <div className="plan-tree-tools no-print">
          <button type="button" className="button button-secondary button-small" onClick={() => setExpanded(new Set(parents))}>
            {t('strategy.tree.expandAll')}
          </button>
          <button type="button" className="button button-secondary button-small" onClick={() => setExpanded(new Set())}>
            {t('strategy.tree.collapseAll')}
          </button>
          <button type="button" className="button button-secondary button-small" onClick={() => window.print()}>
            {t('strategy.tree.print')}
          </button>
        </div>
      </div>
      {plan.status !== 'draft' ? <p className="hint">{t('strategy.plan.frozenHint')}</p> : null}
      {roots.length === 0 ? <p>{t('strategy.plan.noThemes')}</p> : null}
      <ul className="strategy-tree">
        {roots.map((e) => (
          <ElementNode key={e.id} element={e} plan={plan} expanded={expanded} toggle={toggle} open={open} />
        ))}
      </ul>
      {plan.actions['strategy.plan.update'] && plan.status === 'draft' ? <AddElementForm plan={plan} kind="theme" parentId={null} /> : null}
    </section>
  );
}

function ElementNode({ element, plan, expanded, toggle, open }: { element: PlanElement; plan: Plan; expanded: Set<string>; toggle: (id: string) => void; open: (id: string) => void }) {
  const { t } = useTranslation();
  const loc = useLocalized();
  const [panel, setPanel] = useState<Panel>(null);
  const remove = useStrategyMutation(() => api.del(`/strategy/elements/${element.id}?version=${element.version}`));
  const children = plan.elements.filter((e) => e.parentId === element.id);
  const measures = plan.measures.filter((m) => m.elementId === element.id);
  const child = CHILD[element.kind];
  const editable = plan.actions['strategy.plan.update'] && !element.frozen;
  const canAddChild = plan.actions['strategy.plan.update'] && child && (plan.status === 'draft' || child === 'strategy' || child === 'action');
  const title = loc(element.title, element.titleFr);
  const isOpen = expanded.has(element.id);
  const listId = `tree-${element.id}`;
  const items: MenuItem[] = [];
  if (editable) items.push({ key: 'edit', label: t('strategy.tree.edit'), onSelect: () => setPanel('edit') });
  if (canAddChild)
    items.push({
      key: 'child',
      label: t(`strategy.tree.add.${child}`),
      onSelect: () => {
        open(element.id);
        setPanel('child');
      },
    });
  if (plan.actions['strategy.plan.update'] && element.kind !== 'theme') items.push({ key: 'measure', label: element.kind === 'goal' ? t('strategy.tree.addIndicator') : t('strategy.tree.addMeasure'), onSelect: () => setPanel('measure') });
  if (plan.actions['strategy.plan.update']) items.push({ key: 'evidence', label: t('strategy.tree.addEvidence'), onSelect: () => setPanel('evidence') });
  if (element.kind === 'strategy' || element.kind === 'action') items.push({ key: 'history', label: panel === 'history' ? t('strategy.tree.hideHistory') : t('strategy.tree.history'), onSelect: () => setPanel(panel === 'history' ? null : 'history') });
  if (editable && children.length === 0) items.push({ key: 'remove', label: t('strategy.tree.remove'), onSelect: () => remove.mutate(undefined) });
  const done = () => setPanel(null);
  return (
    <li className={`tree-item tree-${element.kind}`}>
      <div className="element-row">
        {children.length ? (
          <button type="button" className="tree-toggle" aria-expanded={isOpen} aria-controls={listId} onClick={() => toggle(element.id)}>
            <span className="tree-chevron" aria-hidden="true" />
            <span className="element-kind">{t(`strategy.kind.${element.kind}`)}</span> <span className="element-title">{title}</span>
            <span className="visually-hidden"> ({t('strategy.tree.children', { count: children.length })})</span>
          </button>
        ) : (
          <span className="tree-leaf">
            <span className="element-kind">{t(`strategy.kind.${element.kind}`)}</span> <span className="element-title">{title}</span>
          </span>
        )}
        {element.frozen ? <span className="badge">{t('strategy.plan.frozen')}</span> : null}
        {children.length && !isOpen ? (
          <span className="muted small tree-count" aria-hidden="true">
            {t('strategy.tree.children', { count: children.length })}
          </span>
        ) : null}
        <ActionMenu label={t('strategy.tree.actionsFor', { title })} items={items} />
      </div>
      {remove.error ? (
        <p className="error-message" role="alert">
          {remove.error.message}
        </p>
      ) : null}
      {element.description ? <p className="small muted element-description">{element.description}</p> : null}
      {measures.length ? <MeasureList measures={measures} planId={plan.id} /> : null}
      <EvidenceList element={element} manage={plan.actions['strategy.plan.update']} />
      {panel === 'edit' ? <EditElementForm element={element} onDone={done} /> : null}
      {panel === 'measure' ? <AddMeasureForm plan={plan} element={element} onDone={done} /> : null}
      {panel === 'evidence' ? <AddEvidenceForm element={element} onDone={done} /> : null}
      {panel === 'history' ? <History elementId={element.id} /> : null}
      {panel === 'child' && child ? <AddElementForm plan={plan} kind={child} parentId={element.id} parentTitle={element.title} onDone={done} /> : null}
      {children.length ? (
        <ul id={listId} hidden={!isOpen}>
          {children.map((c) => (
            <ElementNode key={c.id} element={c} plan={plan} expanded={expanded} toggle={toggle} open={open} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

function MeasureList({ measures, planId }: { measures: Measure[]; planId: string }) {
  const { t } = useTranslation();
  const loc = useLocalized();
  return (
    <ul className="plain-tags">
      {measures.map((m) => (
        <li key={m.id}>
          <Link to={`/strategy/plans/${planId}/measures/${m.id}`}>{loc(m.name, m.nameFr)}</Link> <span className="small">({m.kind === 'population' ? t('strategy.measure.population') : t(`strategy.rba.${m.rbaType}`)})</span>{' '}
          <StatusBadge status={m.status} /> <TrendArrow trend={m.trend} />
          {m.freshness.stale ? <span className="flag flag-stale"> {t('strategy.freshness.stale')}</span> : null}
        </li>
      ))}
    </ul>
  );
}

function History({ elementId }: { elementId: string }) {
  const { t, i18n } = useTranslation();
  const q = useElementHistory(elementId);
  if (q.isPending) return <Loading />;
  if (q.isError) return <LoadError error={q.error} />;
  return (
    <div className="table-wrap" tabIndex={0}>
      <Table>
        <caption>{t('strategy.history.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('strategy.history.when')}</th>
            <th scope="col">{t('strategy.history.who')}</th>
            <th scope="col">{t('strategy.history.change')}</th>
            <th scope="col">{t('strategy.history.before')}</th>
            <th scope="col">{t('strategy.history.after')}</th>
          </tr>
        </thead>
        <tbody>
          {q.data.items.map((h) => (
            <tr key={h.id}>
              <td>{new Date(h.changedAt).toLocaleString(i18n.language === 'fr' ? 'fr-CA' : 'en-CA')}</td>
              <td>{h.actorLabel}</td>
              <td>{t(`strategy.history.kinds.${h.change}`)}</td>
              <td>{h.before ? String(h.before.title ?? '') : '–'}</td>
              <td>{h.after ? String(h.after.title ?? '') : '–'}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}

const titleSchema = z.object({ title: z.string().trim().min(1).max(500) });

function EditElementForm({ element, onDone }: { element: PlanElement; onDone: () => void }) {
  const { t } = useTranslation();
  const form = useZodForm(titleSchema, { defaultValues: { title: element.title } });
  const save = useStrategyMutation((v: z.output<typeof titleSchema>) => api.patch(`/strategy/elements/${element.id}`, { version: element.version, title: v.title }));
  useEffect(() => form.setFocus('title'), [form]);
  return (
    <Form
      form={form}
      className="form strategy-inline-form"
      idPrefix={`edit-${element.id}`}
      submitLabel={t('strategy.plan.save')}
      actions={
        <button type="button" className="button button-secondary" onClick={onDone}>
          {t('strategy.plan.cancel')}
        </button>
      }
      onSubmit={async (v) => {
        await save.mutateAsync(v);
        onDone();
      }}
    >
      <TextField name="title" label={t('strategy.fields.title')} required />
    </Form>
  );
}

function AddElementForm({ plan, kind, parentId, parentTitle, onDone }: { plan: Plan; kind: ElementKind; parentId: string | null; parentTitle?: string; onDone?: () => void }) {
  const { t } = useTranslation();
  const form = useZodForm(titleSchema, { defaultValues: { title: '' } });
  const add = useStrategyMutation((v: z.output<typeof titleSchema>) => api.post(`/strategy/plans/${plan.id}/elements`, { kind, parentId, title: v.title }));
  useEffect(() => {
    if (onDone) form.setFocus('title');
  }, [form, onDone]);
  const label = parentTitle ? t('strategy.plan.newChild', { kind: t(`strategy.kind.${kind}`).toLowerCase(), parent: parentTitle }) : t('strategy.plan.newTheme');
  return (
    <Form
      form={form}
      className="form strategy-inline-form"
      idPrefix={`new-${kind}-${parentId ?? 'root'}`}
      labels={{ kind: label, parentId: label }}
      submitLabel={t('strategy.plan.add', { kind: t(`strategy.kind.${kind}`).toLowerCase() })}
      actions={
        onDone ? (
          <button type="button" className="button button-secondary" onClick={onDone}>
            {t('strategy.plan.cancel')}
          </button>
        ) : null
      }
      onSubmit={async (v) => {
        await add.mutateAsync(v);
        form.reset({ title: '' });
        onDone?.();
      }}
    >
      <TextField name="title" label={label} required />
    </Form>
  );
}

const optionalNumberText = z
  .string()
  .trim()
  .refine((v) => v === '' || !Number.isNaN(Number(v)), 'strategy.measure.notANumber');
const measureSchema = z.object({
  name: z.string().trim().min(1).max(300),
  rbaType: z.enum(rbaTypes),
  unit: z.enum(units),
  direction: z.enum(directions),
  frequency: z.enum(frequencies),
  baselineValue: optionalNumberText,
  baselinePeriod: z.string().trim().max(10),
});

function AddMeasureForm({ plan, element, onDone }: { plan: Plan; element: PlanElement; onDone: () => void }) {
  const { t } = useTranslation();
  const population = element.kind === 'goal';
  const form = useZodForm(measureSchema, { defaultValues: { name: '', rbaType: 'better_off', unit: 'percent', direction: 'higher_is_better', frequency: 'annual', baselineValue: '', baselinePeriod: '' } });
  const add = useStrategyMutation((f: z.output<typeof measureSchema>) =>
    api.post(`/strategy/plans/${plan.id}/measures`, {
      elementId: element.id,
      kind: population ? 'population' : 'performance',
      rbaType: population ? null : f.rbaType,
      name: f.name,
      unit: f.unit,
      direction: f.direction,
      frequency: f.frequency,
      baselineValue: f.baselineValue === '' ? null : Number(f.baselineValue),
      baselinePeriod: f.baselinePeriod || null,
    }),
  );
  useEffect(() => form.setFocus('name'), [form]);
  return (
    <section className="panel" aria-label={population ? t('strategy.measure.addIndicator', { title: element.title }) : t('strategy.measure.addMeasure', { title: element.title })}>
      <Form
        form={form}
        idPrefix={`m-${element.id}`}
        labels={{ elementId: t('strategy.fields.element') }}
        submitLabel={t('strategy.measure.save')}
        actions={
          <button type="button" className="button button-secondary" onClick={onDone}>
            {t('strategy.plan.cancel')}
          </button>
        }
        onSubmit={async (v) => {
          await add.mutateAsync(v);
          onDone();
        }}
      >
        <TextField name="name" label={t('strategy.fields.measureName')} required />
        {!population ? <SelectField name="rbaType" label={t('strategy.fields.rbaType')} choices={rbaTypes.map((r) => ({ value: r, label: t(`strategy.rba.${r}`) }))} /> : null}
        <div className="field-row">
          <SelectField name="unit" label={t('strategy.fields.unit')} choices={units.map((u) => ({ value: u, label: t(`strategy.unit.${u}`) }))} />
          <SelectField name="direction" label={t('strategy.fields.direction')} choices={directions.map((d) => ({ value: d, label: t(`strategy.direction.${d}`) }))} />
          <SelectField name="frequency" label={t('strategy.fields.frequency')} choices={frequencies.map((x) => ({ value: x, label: t(`strategy.frequency.${x}`) }))} />
        </div>
        <div className="field-row">
          <TextField name="baselineValue" label={t('strategy.fields.baselineValue')} inputMode="decimal" />
          <TextField name="baselinePeriod" label={t('strategy.fields.baselinePeriod')} hint={t('strategy.fields.periodHint')} />
        </div>
      </Form>
    </section>
  );
}

function EvidenceList({ element, manage }: { element: PlanElement; manage: boolean }) {
  const { t } = useTranslation();
  const remove = useStrategyMutation((id: string) => api.del(`/strategy/evidence/${id}`));
  if (!element.evidence.length) return null;
  return (
    <div className="small element-evidence">
      {t('strategy.plan.evidence')}{t('common.colon')}
      <ul className="plain-tags">
        {element.evidence.map((v) => (
          <li key={v.id}>
            {v.kind === 'url' && v.refId ? <a href={v.refId}>{v.label}</a> : v.label} <span className="muted">({t(`strategy.evidenceKind.${v.kind}`)})</span>
            {manage ? (
              <button type="button" className="remove-x no-print" aria-label={t('strategy.plan.removeEvidence', { label: v.label })} title={t('strategy.plan.removeEvidence', { label: v.label })} onClick={() => remove.mutate(v.id)}>
                <span aria-hidden="true">×</span>
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

const evidenceSchema = z.object({ kind: z.enum(evidenceKinds), label: z.string().trim().min(1).max(300), refId: z.string().trim().max(500) });

function AddEvidenceForm({ element, onDone }: { element: PlanElement; onDone: () => void }) {
  const { t } = useTranslation();
  const form = useZodForm(evidenceSchema, { defaultValues: { kind: 'document', refId: '', label: '' } });
  const add = useStrategyMutation((f: z.output<typeof evidenceSchema>) => api.post(`/strategy/elements/${element.id}/evidence`, { kind: f.kind, refId: f.refId || null, label: f.label }));
  useEffect(() => form.setFocus('kind'), [form]);
  return (
    <section aria-label={t('strategy.plan.addEvidence', { title: element.title })}>
      <Form
        form={form}
        className="form strategy-inline-form"
        idPrefix={`ev-${element.id}`}
        submitLabel={t('strategy.plan.addEvidenceSubmit')}
        actions={
          <button type="button" className="button button-secondary" onClick={onDone}>
            {t('strategy.plan.cancel')}
          </button>
        }
        onSubmit={async (v) => {
          await add.mutateAsync(v);
          onDone();
        }}
      >
        <SelectField name="kind" label={t('strategy.fields.evidenceKind')} choices={evidenceKinds.map((k) => ({ value: k, label: t(`strategy.evidenceKind.${k}`) }))} />
        <TextField name="label" label={t('strategy.fields.evidenceLabel')} required />
        <TextField name="refId" label={t('strategy.fields.evidenceRef')} hint={t('strategy.fields.evidenceRefHint')} />
      </Form>
    </section>
  );
}
