import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../core/api';
import { ErrorSummary, Field, fieldErrorsOf, LoadError, Loading, useTitle, Table } from '../../core/ui';
import { useLocalized, usePlan, useStrategyMutation, type ElementKind, type Measure, type Plan, type PlanElement } from './api';
import { PlanTabs, StatusBadge, TrendArrow } from './parts';

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
  const roots = p.elements.filter((e) => e.kind === 'theme');
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
      <FreshnessPanel plan={p} />
      {p.actions.manage || p.actions.newVersion ? <StatusPanel plan={p} /> : null}
      <h2>{t('strategy.plan.hierarchy')}</h2>
      {p.status !== 'draft' ? <p className="hint">{t('strategy.plan.frozenHint')}</p> : null}
      {roots.length === 0 ? <p>{t('strategy.plan.noThemes')}</p> : null}
      <ul className="strategy-tree">
        {roots.map((e) => (
          <ElementNode key={e.id} element={e} plan={p} />
        ))}
      </ul>
      {p.actions.manage && p.status === 'draft' ? <AddElementForm plan={p} kind="theme" parentId={null} /> : null}
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

function ElementNode({ element, plan }: { element: PlanElement; plan: Plan }) {
  const { t } = useTranslation();
  const loc = useLocalized();
  const [editing, setEditing] = useState(false);
  const [showHistory, setShowHistory] = useState(false);
  const children = plan.elements.filter((e) => e.parentId === element.id);
  const measures = plan.measures.filter((m) => m.elementId === element.id);
  const child = CHILD[element.kind];
  const editable = plan.actions.manage && !element.frozen;
  const canAddChild = plan.actions.manage && child && (plan.status === 'draft' || child === 'strategy' || child === 'action');
  return (
    <li>
      <div className="element-row">
        <span className="element-kind">{t(`strategy.kind.${element.kind}`)}</span>
        {editing ? (
          <EditElementForm element={element} onDone={() => setEditing(false)} />
        ) : (
          <span className="element-title">{loc(element.title, element.titleFr)}</span>
        )}
        {element.frozen ? <span className="badge">{t('strategy.plan.frozen')}</span> : null}
        {editable && !editing ? (
          <button type="button" className="link-button" onClick={() => setEditing(true)}>
            {t('strategy.plan.edit', { title: element.title })}
          </button>
        ) : null}
        {editable && !editing && children.length === 0 ? <RemoveElement element={element} /> : null}
        {element.kind === 'strategy' || element.kind === 'action' ? (
          <button type="button" className="link-button" aria-expanded={showHistory} onClick={() => setShowHistory(!showHistory)}>
            {t('strategy.plan.history', { title: element.title })}
          </button>
        ) : null}
      </div>
      {element.description ? <p className="small muted">{element.description}</p> : null}
      <EvidenceList element={element} manage={plan.actions.manage} />
      {showHistory ? <History elementId={element.id} /> : null}
      {measures.length ? <MeasureList measures={measures} planId={plan.id} /> : null}
      {plan.actions.manage && element.kind !== 'theme' ? <AddMeasureForm plan={plan} element={element} /> : null}
      {children.length || canAddChild ? (
        <ul>
          {children.map((c) => (
            <ElementNode key={c.id} element={c} plan={plan} />
          ))}
          {canAddChild ? (
            <li>
              <AddElementForm plan={plan} kind={child!} parentId={element.id} parentTitle={element.title} />
            </li>
          ) : null}
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
  const q = useQuery({ queryKey: ['strategy', 'history', elementId], queryFn: () => api.get<{ items: { id: number; change: string; actorLabel: string; changedAt: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null }[] }>(`/strategy/elements/${elementId}/history`) });
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
        {(p) => <input {...p} value={title} onChange={(e) => setTitle(e.target.value)} />}
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

function AddElementForm({ plan, kind, parentId, parentTitle }: { plan: Plan; kind: ElementKind; parentId: string | null; parentTitle?: string }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const add = useStrategyMutation(() => api.post(`/strategy/plans/${plan.id}/elements`, { kind, parentId, title }), () => setTitle(''));
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
        {(p) => <input {...p} value={title} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <button type="submit" className="button button-secondary" disabled={add.isPending}>
        {t('strategy.plan.add', { kind: t(`strategy.kind.${kind}`).toLowerCase() })}
      </button>
    </form>
  );
}

function AddMeasureForm({ plan, element }: { plan: Plan; element: PlanElement }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
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
      setOpen(false);
    },
  );
  const errors = fieldErrorsOf(add.error);
  const id = (k: string) => `m-${element.id}-${k}`;
  if (!open)
    return (
      <button type="button" className="link-button" onClick={() => setOpen(true)}>
        {population ? t('strategy.measure.addIndicator', { title: element.title }) : t('strategy.measure.addMeasure', { title: element.title })}
      </button>
    );
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
        {(p) => <input {...p} value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} />}
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
        <button type="button" className="button button-secondary" onClick={() => setOpen(false)}>
          {t('strategy.plan.cancel')}
        </button>
      </div>
    </form>
  );
}

function RemoveElement({ element }: { element: PlanElement }) {
  const { t } = useTranslation();
  const remove = useStrategyMutation(() => api.del(`/strategy/elements/${element.id}?version=${element.version}`));
  return (
    <>
      <button type="button" className="link-button" onClick={() => remove.mutate(undefined)}>
        {t('strategy.plan.remove', { title: element.title })}
      </button>
      {remove.error ? (
        <span className="error-message" role="alert">
          {remove.error.message}
        </span>
      ) : null}
    </>
  );
}

function EvidenceList({ element, manage }: { element: PlanElement; manage: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const empty = { kind: 'document', refId: '', label: '' };
  const [f, setF] = useState(empty);
  const add = useStrategyMutation(() => api.post(`/strategy/elements/${element.id}/evidence`, { kind: f.kind, refId: f.refId || null, label: f.label }), () => {
    setF(empty);
    setOpen(false);
  });
  const remove = useStrategyMutation((id: string) => api.del(`/strategy/evidence/${id}`));
  const errors = fieldErrorsOf(add.error);
  const idp = (k: string) => `ev-${element.id}-${k}`;
  if (!element.evidence.length && !manage) return null;
  return (
    <div className="small">
      {element.evidence.length ? (
        <>
          {t('strategy.plan.evidence')}:{' '}
          <ul className="plain-tags">
            {element.evidence.map((v) => (
              <li key={v.id}>
                {v.kind === 'url' && v.refId ? <a href={v.refId}>{v.label}</a> : v.label} <span className="muted">({t(`strategy.evidenceKind.${v.kind}`)})</span>
                {manage ? (
                  <button type="button" className="link-button" onClick={() => remove.mutate(v.id)}>
                    {t('strategy.plan.removeEvidence', { label: v.label })}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {manage && !open ? (
        <button type="button" className="link-button" onClick={() => setOpen(true)}>
          {t('strategy.plan.addEvidence', { title: element.title })}
        </button>
      ) : null}
      {manage && open ? (
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
              <select {...p} value={f.kind} onChange={(e) => setF({ ...f, kind: e.target.value })}>
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
        </form>
      ) : null}
    </div>
  );
}
