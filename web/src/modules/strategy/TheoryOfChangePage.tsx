import { z } from 'zod';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../core/api';
import { Form, SelectField, TextField, useZodForm } from '../../core/form';
import { LoadError, Loading, useTitle } from '../../core/ui';
import { tocKinds } from '../../../../src/modules/strategy/strategy.schema';
import type { Toc } from './api';
import { useLocalized, usePlan, useStrategyMutation, useToc } from './hooks';
import { PlanTabs } from './parts';
import { layoutToc } from './tocLayout';

const KINDS = ['outcome', 'precondition', 'action'] as const;

/**
 * Theory of change drawn as a layered graph (actions → preconditions → outcome, laid out by
 * dagre) and as three columns where each node lists what it leads to; the lists are the text
 * alternative.
 */
export function TheoryOfChangePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const loc = useLocalized();
  const plan = usePlan(id);
  const q = useToc(id);
  useTitle(t('strategy.toc.title'));
  if (plan.isPending || q.isPending) return <Loading />;
  if (plan.isError) return <LoadError error={plan.error} />;
  if (q.isError) return <LoadError error={q.error} />;
  const toc = q.data;
  const label = (nid: string) => toc.nodes.find((n) => n.id === nid)?.label ?? '';
  return (
    <>
      <p className="breadcrumbs">
        <Link to={`/strategy/plans/${id}`}>{loc(plan.data.title, plan.data.titleFr)}</Link>
      </p>
      <h1>{t('strategy.toc.title')}</h1>
      <PlanTabs planId={id} />
      <p>
        <strong>{t('strategy.plan.longTermOutcome')}{t('common.colon').trimEnd()}</strong> {toc.longTermOutcome ?? '–'}
      </p>
      <p className="small">{t('strategy.toc.lead')}</p>
      {toc.nodes.length ? <TocGraph toc={toc} /> : null}
      <div className="toc-diagram">
        <div className="toc-columns">
          {[...KINDS].reverse().map((k) => (
            <section key={k} aria-labelledby={`toc-${k}`}>
              <h2 id={`toc-${k}`}>{t(`strategy.toc.kinds.${k}`)}</h2>
              <ul>
                {toc.nodes
                  .filter((n) => n.kind === k)
                  .map((n) => {
                    const to = toc.edges.filter((e) => e.from === n.id);
                    return (
                      <li key={n.id} className={`toc-node toc-node-${k}`}>
                        <strong>{n.label}</strong>
                        {to.length ? (
                          <>
                            <p className="small">{t('strategy.toc.leadsTo')}</p>
                            <ul className="small">
                              {to.map((e) => (
                                <li key={e.to}>
                                  {label(e.to)}
                                  {toc.actions['strategy.plan.update'] ? <RemoveLink planId={id} from={n.id} to={e.to} label={`${n.label} → ${label(e.to)}`} /> : null}
                                </li>
                              ))}
                            </ul>
                          </>
                        ) : null}
                        {toc.actions['strategy.plan.update'] ? <RemoveNode planId={id} nodeId={n.id} label={n.label} /> : null}
                      </li>
                    );
                  })}
              </ul>
            </section>
          ))}
        </div>
      </div>
      {toc.actions['strategy.plan.update'] ? <TocForms planId={id} toc={toc} actions={plan.data.elements.filter((e) => e.kind === 'action').map((e) => ({ id: e.id, title: e.title }))} /> : null}
    </>
  );
}

const nodeSchema = z.object({ kind: z.enum(tocKinds), label: z.string().trim().min(1).max(500), elementId: z.string() });
const edgeSchema = z.object({ from: z.string().min(1, 'errors.choose'), to: z.string().min(1, 'errors.choose') });

function TocForms({ planId, toc, actions }: { planId: string; toc: Toc; actions: { id: string; title: string }[] }) {
  const { t } = useTranslation();
  const nodeForm = useZodForm(nodeSchema, { defaultValues: { kind: 'precondition', label: '', elementId: '' } });
  const edgeForm = useZodForm(edgeSchema, { defaultValues: { from: '', to: '' } });
  const kind = nodeForm.watch('kind');
  const addNode = useStrategyMutation((v: z.output<typeof nodeSchema>) => api.post(`/strategy/plans/${planId}/theory-of-change/nodes`, { kind: v.kind, label: v.label, elementId: v.kind === 'action' && v.elementId ? v.elementId : null }));
  const addEdge = useStrategyMutation((v: z.output<typeof edgeSchema>) => api.post(`/strategy/plans/${planId}/theory-of-change/edges`, v));
  const nodeChoices = toc.nodes.map((n) => ({ value: n.id, label: `${t(`strategy.toc.kinds.${n.kind}`)}${t('common.colon')}${n.label}` }));
  return (
    <div className="strategy-two-col">
      <section className="panel" aria-labelledby="toc-node-h">
        <Form
          form={nodeForm}
          idPrefix="toc-node"
          heading={<h2 id="toc-node-h">{t('strategy.toc.addNode')}</h2>}
          submitLabel={t('strategy.toc.addNodeSubmit')}
          onSubmit={async (v) => {
            await addNode.mutateAsync(v);
            nodeForm.reset({ ...v, label: '' });
          }}
        >
          <SelectField name="kind" label={t('strategy.toc.kind')} choices={tocKinds.map((k) => ({ value: k, label: t(`strategy.toc.kinds.${k}`) }))} />
          <TextField name="label" label={t('strategy.toc.label')} required />
          {kind === 'action' ? <SelectField name="elementId" label={t('strategy.toc.planAction')} placeholder="–" choices={actions.map((a) => ({ value: a.id, label: a.title }))} /> : null}
        </Form>
      </section>
      <section className="panel" aria-labelledby="toc-edge-h">
        <Form
          form={edgeForm}
          idPrefix="toc-edge"
          heading={<h2 id="toc-edge-h">{t('strategy.toc.addEdge')}</h2>}
          submitLabel={t('strategy.toc.addEdgeSubmit')}
          onSubmit={async (v) => {
            await addEdge.mutateAsync(v);
          }}
        >
          <SelectField name="from" label={t('strategy.toc.from')} required placeholder={t('common.choose')} choices={nodeChoices} />
          <SelectField name="to" label={t('strategy.toc.to')} required placeholder={t('common.choose')} choices={nodeChoices} />
        </Form>
      </section>
    </div>
  );
}

function RemoveNode({ planId, nodeId, label }: { planId: string; nodeId: string; label: string }) {
  const { t } = useTranslation();
  const remove = useStrategyMutation(() => api.del(`/strategy/plans/${planId}/theory-of-change/nodes/${nodeId}`));
  return (
    <button type="button" className="link-button small" onClick={() => remove.mutate(undefined)}>
      {t('strategy.toc.removeNode', { label })}
    </button>
  );
}

function RemoveLink({ planId, from, to, label }: { planId: string; from: string; to: string; label: string }) {
  const { t } = useTranslation();
  const remove = useStrategyMutation(() => api.del(`/strategy/plans/${planId}/theory-of-change/edges?from=${from}&to=${to}`));
  return (
    <>
      {' '}
      <button type="button" className="link-button small" onClick={() => remove.mutate(undefined)}>
        {t('strategy.toc.removeLink', { label })}
      </button>
    </>
  );
}

const COLOUR: Record<string, string> = { action: '#8a4b00', precondition: '#1a5fb4', outcome: '#14532d' };

/**
 * The graph drawn with arrows (SVG), laid out by dagre. One image for assistive technology,
 * named as such: the lists below say the same in full.
 */
function TocGraph({ toc }: { toc: Toc }) {
  const { t } = useTranslation();
  const g = layoutToc(toc.nodes, toc.edges);
  const path = (pts: { x: number; y: number }[]) => pts.map((p, i) => `${i ? 'L' : 'M'}${Math.round(p.x * 10) / 10} ${Math.round(p.y * 10) / 10}`).join('');
  return (
    // Scrolls sideways on a phone, so it can take focus; the lists below are its text alternative.
    <div className="toc-graph" role="img" aria-label={t('strategy.toc.graphLabel')} tabIndex={0}>
      <svg viewBox={`0 0 ${g.width} ${g.height}`} width="100%" style={{ maxWidth: g.width }} aria-hidden="true" focusable="false">
        <defs>
          <marker id="toc-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" fill="#333" />
          </marker>
        </defs>
        {g.edges.map((e) => (
          <path key={`${e.from}-${e.to}`} d={path(e.points)} fill="none" stroke="#333" strokeWidth={1.5} markerEnd="url(#toc-arrow)" />
        ))}
        {g.nodes.map((n) => (
          <g key={n.id}>
            <rect x={n.x} y={n.y} width={n.width} height={n.height} rx={8} fill="#fff" stroke={COLOUR[n.kind]} strokeWidth={2} />
            <text x={n.x + 10} y={n.y + 10} fontSize={14} fill="#1b1b1b">
              {n.lines.map((line, i) => (
                <tspan key={i} x={n.x + 10} dy={18}>
                  {line}
                </tspan>
              ))}
            </text>
          </g>
        ))}
      </svg>
    </div>
  );
}
