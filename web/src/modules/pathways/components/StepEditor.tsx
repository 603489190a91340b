import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldId, useDebounced } from '../../../core/ui';
import type { Pathway, Step } from '../api';
import { useReference } from '../hooks';
import { pick } from './parts';

const KINDS = ['entry', 'screening', 'intake', 'referral', 'service', 'follow_up', 'exit'] as const;
const CONDITION_KINDS = ['eligibility', 'acuity', 'other'] as const;

/** Edits one step: its touchpoint, text, need domain, who delivers it, conditions, target, role and branches. */
export function StepEditor({ step, steps, names, errors, onChange, onNames }: {
  step: Step; steps: Step[]; names: Pathway['names']; errors: Record<string, string>;
  onChange: (s: Step) => void; onNames: (n: { services: Record<string, string>; organizations: Record<string, string>; serviceOrganizations: Record<string, string> }) => void;
}) {
  const { t, i18n } = useTranslation();
  const [q, setQ] = useState('');
  const ref = useReference(useDebounced(q, 300));
  const index = steps.findIndex((s) => s.key === step.key);
  const set = <K extends keyof Step>(k: K, v: Step[K]) => onChange({ ...step, [k]: v });
  const id = (f: string) => fieldId(`steps.${index}.${f}`);
  const err = (f: string) => errors[`steps.${index}.${f}`];
  const text = (f: 'title' | 'titleFr' | 'description' | 'descriptionFr' | 'toBring' | 'toBringFr' | 'responsibleRole', long = false) => (
    <div className={err(f) ? 'field field-error' : 'field'}>
      <label htmlFor={id(f)}>{t(`pathways.field.${f}`)}</label>
      {err(f) ? <p className="error-message" id={`${id(f)}-error`}>{err(f)}</p> : null}
      {long
        ? <textarea id={id(f)} rows={2} value={step[f]} onChange={(e) => set(f, e.target.value)} aria-invalid={err(f) ? true : undefined} aria-describedby={err(f) ? `${id(f)}-error` : undefined} />
        : <input id={id(f)} value={step[f]} onChange={(e) => set(f, e.target.value)} aria-invalid={err(f) ? true : undefined} aria-describedby={err(f) ? `${id(f)}-error` : undefined} />}
    </div>
  );
  return (
    <fieldset className="pathways-editor">
      <legend>{t('pathways.editStep', { n: index + 1, title: pick(i18n.language, step.title, step.titleFr) })}</legend>
      <div className="field">
        <label htmlFor={id('kind')}>{t('pathways.field.kind')}</label>
        <select id={id('kind')} value={step.kind} onChange={(e) => set('kind', e.target.value as Step['kind'])}>
          {KINDS.map((k) => <option key={k} value={k}>{t(`pathways.kind.${k}`)}</option>)}
        </select>
      </div>
      {text('title')}{text('titleFr')}{text('description', true)}{text('descriptionFr', true)}{text('toBring')}{text('toBringFr')}
      <div className="field">
        <label htmlFor={id('domain')}>{t('pathways.field.domain')}</label>
        <select id={id('domain')} value={step.domain ?? ''} onChange={(e) => set('domain', e.target.value || null)}>
          <option value="">–</option>
          {(ref.data?.domains ?? []).map((d) => <option key={d.code} value={d.code}>{pick(i18n.language, d.name, d.nameFr)}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor={id('targetDays')}>{t('pathways.field.targetDays')}</label>
        <input id={id('targetDays')} type="number" min={0} max={730} inputMode="numeric" value={step.targetDays ?? ''} onChange={(e) => set('targetDays', e.target.value === '' ? null : Number(e.target.value))} />
      </div>
      {text('responsibleRole')}
      <fieldset>
        <legend>{t('pathways.field.services')}</legend>
        {step.serviceIds.length === 0 ? <p>{t('pathways.noServices')}</p> : (
          <ul className="pathways-chips">
            {step.serviceIds.map((sid) => (
              <li key={sid}>{names.services[sid] ?? sid} <button type="button" className="link-button" onClick={() => set('serviceIds', step.serviceIds.filter((x) => x !== sid))}>{t('pathways.removeNamed', { name: names.services[sid] ?? sid })}</button></li>
            ))}
          </ul>
        )}
        <div className="field">
          <label htmlFor={id('serviceSearch')}>{t('pathways.findService')}</label>
          <input id={id('serviceSearch')} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
        {q && ref.data ? (
          <ul className="pathways-results">
            {ref.data.services.filter((s) => !step.serviceIds.includes(s.id)).map((s) => (
              <li key={s.id}><button type="button" className="link-button" onClick={() => { onNames({ services: { [s.id]: s.name }, organizations: { [s.organizationId]: s.organizationName }, serviceOrganizations: { [s.id]: s.organizationId } }); set('serviceIds', [...step.serviceIds, s.id]); setQ(''); }}>{t('pathways.addNamed', { name: `${pick(i18n.language, s.name, s.nameFr)} (${s.organizationName})` })}</button></li>
            ))}
          </ul>
        ) : null}
      </fieldset>
      <fieldset>
        <legend>{t('pathways.conditions')}</legend>
        {step.conditions.map((c, ci) => (
          <div key={ci} className="pathways-row">
            <div className="field">
              <label htmlFor={id(`conditions.${ci}.kind`)}>{t('pathways.field.conditionKind')}</label>
              <select id={id(`conditions.${ci}.kind`)} value={c.kind} onChange={(e) => set('conditions', step.conditions.map((x, j) => (j === ci ? { ...x, kind: e.target.value as typeof c.kind } : x)))}>
                {CONDITION_KINDS.map((k) => <option key={k} value={k}>{t(`pathways.conditionKind.${k}`)}</option>)}
              </select>
            </div>
            <div className="field">
              <label htmlFor={id(`conditions.${ci}.text`)}>{t('pathways.field.conditionText')}</label>
              <input id={id(`conditions.${ci}.text`)} value={c.text} onChange={(e) => set('conditions', step.conditions.map((x, j) => (j === ci ? { ...x, text: e.target.value } : x)))} />
            </div>
            <button type="button" className="link-button" onClick={() => set('conditions', step.conditions.filter((_, j) => j !== ci))}>{t('pathways.removeCondition')}</button>
          </div>
        ))}
        <button type="button" className="secondary" onClick={() => set('conditions', [...step.conditions, { kind: 'eligibility', text: '', textFr: '' }])}>{t('pathways.addCondition')}</button>
      </fieldset>
      <fieldset>
        <legend>{t('pathways.branches')}</legend>
        <p className="hint">{t('pathways.branchesHint')}</p>
        {steps.filter((s) => s.key !== step.key).map((s) => {
          const n = step.next.find((x) => x.to === s.key);
          return (
            <div key={s.key} className="pathways-row">
              <label className="pathways-check"><input type="checkbox" checked={!!n} onChange={(e) => set('next', e.target.checked ? [...step.next, { to: s.key, condition: '' }] : step.next.filter((x) => x.to !== s.key))} />{pick(i18n.language, s.title, s.titleFr)}</label>
              {n ? (
                <div className="field">
                  <label htmlFor={id(`next.${s.key}`)}>{t('pathways.branchCondition', { title: pick(i18n.language, s.title, s.titleFr) })}</label>
                  <input id={id(`next.${s.key}`)} value={n.condition} onChange={(e) => set('next', step.next.map((x) => (x.to === s.key ? { ...x, condition: e.target.value } : x)))} />
                </div>
              ) : null}
            </div>
          );
        })}
      </fieldset>
    </fieldset>
  );
}
