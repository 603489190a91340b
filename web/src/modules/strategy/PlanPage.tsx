import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useNavigate } from 'react-router';
import { api } from '../../core/api';
import { ErrorSummary, Field, fieldErrorsOf, LoadError, Loading, useTitle, Table } from '../../core/ui';
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
          {t('strategy.plan.horizon')}: {p.startYear}–{p.endYear}
        </span>
        <span className="tag">{t('strategy.plans.version', { n: p.planVersion })}</span>
      </p>
      <PlanTabs planId={p.id} />
      {p.description ? <p>{p.description}</p> : null}
      {p.longTermOutcome ? (
        <p>
          <strong>{t('strategy.plan.longTermOutcome')}:</strong> {p.longTermOutcome}
        </p>
      ) : null}
      <Warnings plan={p} />
      <div className="plan-panels">
        <FreshnessPanel plan={p} />
        {p.actions.manage || p.actions.newVersion ? <StatusPanel plan={p} /> : null}
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
  const [tplName, setTplName] = useState('');
  const publish = useStrategyMutation(() => api.post(`/strategy/plans/${plan.id}/template`, { name: tplName }), () => setTplName(''));
  const error = patch.error ?? newVersion.error ?? publish.error;
  const errors = fieldErrorsOf(error);
  return (
    <section className="panel" aria-labelledby="status-heading">
      <h2 id="status-heading">{t('strategy.plan.statusHeading')}</h2>
      <ErrorSummary errors={errors} labels={{ status: t('strategy.fields.status'), name: t('strategy.fields.templateName') }} message={error && !Object.keys(errors).length ? error.message : undefined} />
      {publish.isSuccess ? (
        <p className="notice notice-success" role="status">
          {t('strategy.plan.templatePublished')}
        </p>
      ) : null}
      <div className="form-actions">
        {next && plan.actions.manage ? (
          <button type="button" className="button button-primary" onClick={() => patch.mutate({ status: next })}>
            {t(`strategy.plan.moveTo.${next}`)}
          </button>
        ) : null}
        {plan.actions.newVersion ? (
          <button type="button" className="button button-secondary" onClick={() => newVersion.mutate(undefined)}>
            {t('strategy.plan.newVersion')}
          </button>
        ) : null}
      </div>
      {plan.actions.manage ? (
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
          <form
            className="strategy-inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              publish.mutate(undefined);
            }}
          >
            <Field path="name" label={t('strategy.fields.templateName')} error={errors.name}>
              {(p) => <input {...p} value={tplName} onChange={(e) => setTplName(e.target.value)} />}
            </Field>
            <button type="submit" className="button button-secondary">
              {t('strategy.plan.publishTemplate')}
            </button>
          </form>
        </>
      ) : null}
    </section>
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
      {plan.actions.manage && plan.status === 'draft' ? <AddElementForm plan={plan} kind="theme" parentId={null} /> : null}
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
  const editable = plan.actions.manage && !element.frozen;
  const canAddChild = plan.actions.manage && child && (plan.status === 'draft' || child === 'strategy' || child === 'action');
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
  if (plan.actions.manage && element.kind !== 'theme') items.push({ key: 'measure', label: element.kind === 'goal' ? t('strategy.tree.addIndicator') : t('strategy.tree.addMeasure'), onSelect: () => setPanel('measure') });
  if (plan.actions.manage) items.push({ key: 'evidence', label: t('strategy.tree.addEvidence'), onSelect: () => setPanel('evidence') });
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
      <EvidenceList element={element} manage={plan.actions.manage} />
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

function EditElementForm({ element, onDone }: { element: PlanElement; onDone: () => void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(element.title);
  const save = useStrategyMutation(() => api.patch(`/strategy/elements/${element.id}`, { version: element.version, title }), onDone);
  const errors = fieldErrorsOf(save.error);
  return (
    <form
      className="strategy-inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(undefined);
      }}
    >
      <Field path={`edit-${element.id}`} label={t('strategy.fields.title')} error={errors.title ?? (save.error && !errors.title ? save.error.message : undefined)}>
        {(p) => <input {...p} autoFocus value={title} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <button type="submit" className="button button-primary">
        {t('strategy.plan.save')}
      </button>
      <button type="button" className="button button-secondary" onClick={onDone}>
        {t('strategy.plan.cancel')}
      </button>
    </form>
  );
}

function AddElementForm({ plan, kind, parentId, parentTitle, onDone }: { plan: Plan; kind: ElementKind; parentId: string | null; parentTitle?: string; onDone?: () => void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const add = useStrategyMutation(() => api.post(`/strategy/plans/${plan.id}/elements`, { kind, parentId, title }), () => {
    setTitle('');
    onDone?.();
  });
  const errors = fieldErrorsOf(add.error);
  const path = `new-${kind}-${parentId ?? 'root'}`;
  const label = parentTitle ? t('strategy.plan.newChild', { kind: t(`strategy.kind.${kind}`).toLowerCase(), parent: parentTitle }) : t('strategy.plan.newTheme');
  return (
    <form
      className="strategy-inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate(undefined);
      }}
    >
      <Field path={path} label={label} error={errors.title ?? errors.kind ?? errors.parentId ?? (add.error && !Object.keys(errors).length ? add.error.message : undefined)}>
        {(p) => <input {...p} autoFocus={!!onDone} value={title} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <button type="submit" className="button button-secondary" disabled={add.isPending}>
        {t('strategy.plan.add', { kind: t(`strategy.kind.${kind}`).toLowerCase() })}
      </button>
      {onDone ? (
        <button type="button" className="button button-secondary" onClick={onDone}>
          {t('strategy.plan.cancel')}
        </button>
      ) : null}
    </form>
  );
}

function AddMeasureForm({ plan, element, onDone }: { plan: Plan; element: PlanElement; onDone: () => void }) {
  const { t } = useTranslation();
  const population = element.kind === 'goal';
  const empty = { name: '', rbaType: 'better_off', unit: 'percent', direction: 'higher_is_better', frequency: 'annual', baselineValue: '', baselinePeriod: '' };
  const [f, setF] = useState(empty);
  const add = useStrategyMutation(
    () =>
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
    () => {
      setF(empty);
      onDone();
    },
  );
  const errors = fieldErrorsOf(add.error);
  const id = (k: string) => `m-${element.id}-${k}`;
  return (
    <form
      className="panel"
      aria-label={population ? t('strategy.measure.addIndicator', { title: element.title }) : t('strategy.measure.addMeasure', { title: element.title })}
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate(undefined);
      }}
    >
      <ErrorSummary errors={Object.fromEntries(Object.entries(errors).map(([k, v]) => [id(k), v]))} labels={{ [id('name')]: t('strategy.fields.measureName'), [id('baselineValue')]: t('strategy.fields.baselineValue'), [id('baselinePeriod')]: t('strategy.fields.baselinePeriod'), [id('rbaType')]: t('strategy.fields.rbaType'), [id('elementId')]: t('strategy.fields.element') }} />
      <Field path={id('name')} label={t('strategy.fields.measureName')} error={errors.name} required>
        {(p) => <input {...p} autoFocus value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} />}
      </Field>
      {!population ? (
        <Field path={id('rbaType')} label={t('strategy.fields.rbaType')} error={errors.rbaType}>
          {(p) => (
            <select {...p} value={f.rbaType} onChange={(e) => setF({ ...f, rbaType: e.target.value })}>
              {['how_much', 'how_well', 'better_off'].map((r) => (
                <option key={r} value={r}>
                  {t(`strategy.rba.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      <div className="field-row">
        <Field path={id('unit')} label={t('strategy.fields.unit')}>
          {(p) => (
            <select {...p} value={f.unit} onChange={(e) => setF({ ...f, unit: e.target.value })}>
              {['count', 'percent', 'rate', 'currency', 'number'].map((u) => (
                <option key={u} value={u}>
                  {t(`strategy.unit.${u}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field path={id('direction')} label={t('strategy.fields.direction')}>
          {(p) => (
            <select {...p} value={f.direction} onChange={(e) => setF({ ...f, direction: e.target.value })}>
              <option value="higher_is_better">{t('strategy.direction.higher_is_better')}</option>
              <option value="lower_is_better">{t('strategy.direction.lower_is_better')}</option>
            </select>
          )}
        </Field>
        <Field path={id('frequency')} label={t('strategy.fields.frequency')}>
          {(p) => (
            <select {...p} value={f.frequency} onChange={(e) => setF({ ...f, frequency: e.target.value })}>
              {['annual', 'quarterly', 'monthly'].map((x) => (
                <option key={x} value={x}>
                  {t(`strategy.frequency.${x}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="field-row">
        <Field path={id('baselineValue')} label={t('strategy.fields.baselineValue')} error={errors.baselineValue}>
          {(p) => <input {...p} inputMode="decimal" value={f.baselineValue} onChange={(e) => setF({ ...f, baselineValue: e.target.value })} />}
        </Field>
        <Field path={id('baselinePeriod')} label={t('strategy.fields.baselinePeriod')} hint={t('strategy.fields.periodHint')} error={errors.baselinePeriod}>
          {(p) => <input {...p} value={f.baselinePeriod} onChange={(e) => setF({ ...f, baselinePeriod: e.target.value })} />}
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary">
          {t('strategy.measure.save')}
        </button>
        <button type="button" className="button button-secondary" onClick={onDone}>
          {t('strategy.plan.cancel')}
        </button>
      </div>
    </form>
  );
}

function EvidenceList({ element, manage }: { element: PlanElement; manage: boolean }) {
  const { t } = useTranslation();
  const remove = useStrategyMutation((id: string) => api.del(`/strategy/evidence/${id}`));
  if (!element.evidence.length) return null;
  return (
    <div className="small element-evidence">
      {t('strategy.plan.evidence')}:{' '}
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

function AddEvidenceForm({ element, onDone }: { element: PlanElement; onDone: () => void }) {
  const { t } = useTranslation();
  const empty = { kind: 'document', refId: '', label: '' };
  const [f, setF] = useState(empty);
  const add = useStrategyMutation(() => api.post(`/strategy/elements/${element.id}/evidence`, { kind: f.kind, refId: f.refId || null, label: f.label }), () => {
    setF(empty);
    onDone();
  });
  const errors = fieldErrorsOf(add.error);
  const idp = (k: string) => `ev-${element.id}-${k}`;
  return (
    <form
      className="strategy-inline-form"
      aria-label={t('strategy.plan.addEvidence', { title: element.title })}
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate(undefined);
      }}
    >
      <Field path={idp('kind')} label={t('strategy.fields.evidenceKind')}>
        {(p) => (
          <select {...p} autoFocus value={f.kind} onChange={(e) => setF({ ...f, kind: e.target.value })}>
            {['engagement', 'indicator', 'document', 'url'].map((k) => (
              <option key={k} value={k}>
                {t(`strategy.evidenceKind.${k}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field path={idp('label')} label={t('strategy.fields.evidenceLabel')} error={errors.label}>
        {(p) => <input {...p} value={f.label} onChange={(e) => setF({ ...f, label: e.target.value })} />}
      </Field>
      <Field path={idp('refId')} label={t('strategy.fields.evidenceRef')} hint={t('strategy.fields.evidenceRefHint')} error={errors.refId}>
        {(p) => <input {...p} value={f.refId} onChange={(e) => setF({ ...f, refId: e.target.value })} />}
      </Field>
      <button type="submit" className="button button-secondary">
        {t('strategy.plan.addEvidenceSubmit')}
      </button>
      <button type="button" className="button button-secondary" onClick={onDone}>
        {t('strategy.plan.cancel')}
      </button>
    </form>
  );
}
