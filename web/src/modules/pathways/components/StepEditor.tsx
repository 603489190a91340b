import { useState } from 'react';
import { useFieldArray, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { SelectField, TextArea, TextField } from '../../../core/form';
import { fieldId, useDebounced } from '../../../core/ui';
import type { Pathway, Step } from '../api';
import { useReference } from '../hooks';
import { pick } from './parts';
import { ConditionSchema, conditionKinds, NextSchema, StepSchema, stepKinds } from '../../../../../src/modules/pathways/pathways.schema';

/**
 * The steps as the editor checks them: the server's StepSchema with the same limits, its typed
 * texts re-stated without the server's English sentences, so each message comes from the
 * form library's catalogue in the reader's language.
 */
const typed = (max: number) => z.string().max(max);
const required = (max: number) => z.string().trim().min(1).max(max);
export const EditorStepSchema = StepSchema.extend({
  title: required(200),
  titleFr: typed(200),
  description: typed(2000),
  descriptionFr: typed(2000),
  toBring: typed(1000),
  toBringFr: typed(1000),
  domain: typed(60).nullable(),
  responsibleRole: typed(120),
  conditions: z.array(ConditionSchema.extend({ text: required(500), textFr: typed(500) })).max(10),
  next: z.array(NextSchema.extend({ condition: typed(300) })).max(10),
});
export const stepsSchema = z.object({ steps: z.array(EditorStepSchema).max(60) });
export type StepsValues = { steps: Step[] };

/** The step fields a summary names ("Step 2: Name (English)") even when that step's editor is closed. */
export const stepFields = ['kind', 'title', 'titleFr', 'description', 'descriptionFr', 'toBring', 'toBringFr', 'domain', 'targetDays', 'responsibleRole'] as const;

/**
 * Edits one step of the pathway form (react-hook-form, `steps.<index>.…`): its touchpoint, text,
 * need domain, who delivers it, conditions, target, role and branches.
 */
export function StepEditor({ index, steps, names, onNames }: {
  index: number; steps: Step[]; names: Pathway['names'];
  onNames: (n: { services: Record<string, string>; organizations: Record<string, string>; serviceOrganizations: Record<string, string> }) => void;
}) {
  const { t, i18n } = useTranslation();
  const { control, setValue } = useFormContext<StepsValues>();
  const [q, setQ] = useState('');
  const ref = useReference(useDebounced(q, 300));
  const step = steps[index]!;
  const path = `steps.${index}` as const;
  const conditions = useFieldArray({ control, name: `${path}.conditions` });
  const next = useFieldArray({ control, name: `${path}.next` });
  const setServices = (ids: string[]) => setValue(`${path}.serviceIds`, ids, { shouldDirty: true });
  return (
    <fieldset className="pathways-editor">
      <legend>{t('pathways.editStep', { n: index + 1, title: pick(i18n.language, step.title, step.titleFr) })}</legend>
      <SelectField name={`${path}.kind`} label={t('pathways.field.kind')} choices={stepKinds.map((k) => ({ value: k, label: t(`pathways.kind.${k}`) }))} />
      <TextField name={`${path}.title`} label={t('pathways.field.title')} lang="en" required />
      <TextField name={`${path}.titleFr`} label={t('pathways.field.titleFr')} lang="fr" />
      <TextArea name={`${path}.description`} label={t('pathways.field.description')} lang="en" rows={2} />
      <TextArea name={`${path}.descriptionFr`} label={t('pathways.field.descriptionFr')} lang="fr" rows={2} />
      <TextField name={`${path}.toBring`} label={t('pathways.field.toBring')} lang="en" />
      <TextField name={`${path}.toBringFr`} label={t('pathways.field.toBringFr')} lang="fr" />
      <SelectField
        name={`${path}.domain`}
        label={t('pathways.field.domain')}
        placeholder="–"
        options={{ setValueAs: (v: string | null) => v || null }}
        choices={(ref.data?.domains ?? []).map((d) => ({ value: d.code, label: pick(i18n.language, d.name, d.nameFr) }))}
      />
      <TextField
        name={`${path}.targetDays`}
        label={t('pathways.field.targetDays')}
        type="number"
        inputMode="numeric"
        options={{ setValueAs: (v: string | number | null) => (v === '' || v == null ? null : Number(v)) }}
      />
      <TextField name={`${path}.responsibleRole`} label={t('pathways.field.responsibleRole')} />
      <fieldset>
        <legend>{t('pathways.field.services')}</legend>
        {step.serviceIds.length === 0 ? <p>{t('pathways.noServices')}</p> : (
          <ul className="pathways-chips">
            {step.serviceIds.map((sid) => (
              <li key={sid}>{names.services[sid] ?? sid} <button type="button" className="link-button" onClick={() => setServices(step.serviceIds.filter((x) => x !== sid))}>{t('pathways.removeNamed', { name: names.services[sid] ?? sid })}</button></li>
            ))}
          </ul>
        )}
        <div className="field">
          <label htmlFor={fieldId(`${path}.serviceSearch`)}>{t('pathways.findService')}</label>
          <input id={fieldId(`${path}.serviceSearch`)} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
        {q && ref.data ? (
          <ul className="pathways-results">
            {ref.data.services.filter((s) => !step.serviceIds.includes(s.id)).map((s) => (
              <li key={s.id}><button type="button" className="link-button" onClick={() => { onNames({ services: { [s.id]: s.name }, organizations: { [s.organizationId]: s.organizationName }, serviceOrganizations: { [s.id]: s.organizationId } }); setServices([...step.serviceIds, s.id]); setQ(''); }}>{t('pathways.addNamed', { name: `${pick(i18n.language, s.name, s.nameFr)} (${s.organizationName})` })}</button></li>
            ))}
          </ul>
        ) : null}
      </fieldset>
      <fieldset>
        <legend>{t('pathways.conditions')}</legend>
        {conditions.fields.map((c, ci) => (
          <div key={c.id} className="pathways-row">
            <SelectField name={`${path}.conditions.${ci}.kind`} label={t('pathways.field.conditionKind')} choices={conditionKinds.map((k) => ({ value: k, label: t(`pathways.conditionKind.${k}`) }))} />
            <TextField name={`${path}.conditions.${ci}.text`} label={t('pathways.field.conditionText')} required />
            <button type="button" className="link-button" onClick={() => conditions.remove(ci)}>{t('pathways.removeCondition')}</button>
          </div>
        ))}
        <button type="button" className="secondary" onClick={() => conditions.append({ kind: 'eligibility', text: '', textFr: '' })}>{t('pathways.addCondition')}</button>
      </fieldset>
      <fieldset>
        <legend>{t('pathways.branches')}</legend>
        <p className="hint">{t('pathways.branchesHint')}</p>
        {steps.filter((s) => s.key !== step.key).map((s) => {
          const j = step.next.findIndex((x) => x.to === s.key);
          const title = pick(i18n.language, s.title, s.titleFr);
          const boxId = fieldId(`${path}.branch.${s.key}`);
          return (
            <div key={s.key} className="pathways-row">
              {/* Whether the branch exists edits the list of branches; its condition is a field of the branch. */}
              <div className="checkbox pathways-check">
                <input id={boxId} type="checkbox" checked={j >= 0} onChange={(e) => (e.target.checked ? next.append({ to: s.key, condition: '' }) : next.remove(j))} />
                <label htmlFor={boxId}>{title}</label>
              </div>
              {j >= 0 ? <TextField key={next.fields[j]?.id} name={`${path}.next.${j}.condition`} label={t('pathways.branchCondition', { title })} /> : null}
            </div>
          );
        })}
      </fieldset>
    </fieldset>
  );
}
