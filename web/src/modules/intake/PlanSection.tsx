import { useState } from 'react';
import { useFieldArray, useFormContext } from 'react-hook-form';
import { z } from 'zod';
import { CheckboxField, Form, SelectField, TextArea, TextField, useZodForm } from '../../core/form';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../core/api';
import { intakeApi, type ConferenceInput, type PlanInput } from './api';
import { useIntakeMutation, usePlan } from './hooks';
import { formatDateTime } from '../../core/i18n';
import type { Plan } from './types';

type Content = Plan['content'];

/** The one shared plan: goals and steps, who does what, team, strengths, notes, case conferences. */
export function PlanSection({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const plan = usePlan(clientId);
  const savePlan = useIntakeMutation((body: PlanInput) => intakeApi.savePlan(clientId, body));
  const [edit, setEdit] = useState<Content>();
  const [conference, setConference] = useState(false);
  const [status, setStatus] = useState('');
  if (!plan.data) return null;
  const p = plan.data;
  async function putContent(content: Content) {
    await savePlan.mutateAsync({ content, version: p.version });
  }
  /** Errors stay in the editor (its summary and fields); the page says "saved" once it closes. */
  async function save(content: Content) {
    await putContent(content);
    setEdit(undefined);
    setStatus(t('intake.plan.saved'));
  }
  async function toggleStep(gi: number, si: number) {
    const goals = p.content.goals.map((g, i) => (i !== gi ? g : { ...g, steps: g.steps.map((st, j) => (j !== si ? st : { ...st, done: !st.done })) }));
    try {
      await putContent({ ...p.content, goals });
      setStatus(t('intake.plan.saved'));
    } catch (err) {
      setStatus(err instanceof ApiError ? err.message : t('errors.network'));
    }
  }
  return (
    <section aria-labelledby="plan-title">
      <h2 id="plan-title">{t('intake.plan.title')}</h2>
      <p role="status" className={status ? 'notice notice-success' : 'visually-hidden'}>{status}</p>
      {(['short', 'long'] as const).map((term) => (
        <div key={term}>
          <h3>{t(`intake.plan.${term}`)}</h3>
          <ul>
            {p.content.goals.map((g, gi) => g.term !== term ? null : (
              <li key={gi}>
                {g.text}
                {g.steps.length ? (
                  <ul className="plan-steps">
                    {g.steps.map((st, si) => (
                      <li key={si}>
                        <label>
                          <input type="checkbox" checked={st.done} onChange={() => void toggleStep(gi, si)} /> {st.text}
                          {st.who ? ` (${st.who})` : ''}
                        </label>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ))}
      <h3>{t('intake.plan.team')}</h3>
      {p.content.team.length ? <ul>{p.content.team.map((m, i) => <li key={i}>{m.name}{m.role ? ` — ${m.role}` : ''}</li>)}</ul> : <p>—</p>}
      <h3>{t('intake.plan.strengths')}</h3><p>{p.content.strengths || '—'}</p>
      <h3>{t('intake.plan.notes')}</h3><p>{p.content.notes || '—'}</p>
      <h3>{t('intake.plan.conferences')}</h3>
      {p.conferences.length ? <ul>{p.conferences.map((c) => <li key={c.id}>{formatDateTime(c.heldAt)}{t('common.colon')}{c.attendees.join(', ')}{c.notes ? ` — ${c.notes}` : ''}</li>)}</ul> : <p>{t('intake.plan.noConferences')}</p>}
      {!edit && !conference ? (
        <p className="button-row">
          <button type="button" className="button-secondary" onClick={() => { setStatus(''); setEdit(structuredClone(p.content)); }}>{t('intake.plan.edit')}</button>{' '}
          <button type="button" className="button-secondary" onClick={() => setConference(true)}>{t('intake.plan.recordConference')}</button>
        </p>
      ) : null}
      {edit ? <PlanEditor initial={edit} onSave={save} onCancel={() => setEdit(undefined)} /> : null}
      {conference ? (
        <ConferenceForm
          clientId={clientId}
          onCancel={() => setConference(false)}
          onSaved={() => {
            setConference(false);
            setStatus(t('intake.plan.conferenceSaved'));
          }}
        />
      ) : null}
    </section>
  );
}

const planSchema = z.object({
  content: z.object({
    goals: z.array(z.object({
      term: z.enum(['short', 'long']),
      text: z.string().trim().min(1).max(500),
      steps: z.array(z.object({ text: z.string().trim().min(1).max(500), who: z.string().trim().max(200), done: z.boolean() })).max(30),
    })).max(30),
    team: z.array(z.object({ name: z.string().trim().max(200), role: z.string().trim().max(200), organizationId: z.string().optional() })).max(30),
    strengths: z.string().trim().max(2000),
    notes: z.string().trim().max(5000),
  }),
});
type PlanValues = z.input<typeof planSchema>;

/** Edits a working copy of the whole plan: goals (text, term), their steps (who, done), the team, strengths and notes. */
function PlanEditor({ initial, onSave, onCancel }: { initial: Content; onSave: (c: Content) => Promise<void>; onCancel: () => void }) {
  const { t } = useTranslation();
  const form = useZodForm(planSchema, {
    defaultValues: {
      content: {
        goals: initial.goals.map((g) => ({ term: g.term, text: g.text, steps: g.steps.map((st) => ({ text: st.text, who: st.who ?? '', done: st.done })) })),
        team: initial.team.map((m) => ({ name: m.name, role: m.role ?? '', ...('organizationId' in m && m.organizationId ? { organizationId: m.organizationId as string } : {}) })),
        strengths: initial.strengths ?? '',
        notes: initial.notes ?? '',
      },
    },
  });
  const goals = useFieldArray({ control: form.control, name: 'content.goals' });
  const team = useFieldArray({ control: form.control, name: 'content.team' });
  return (
    <Form
      form={form}
      className="form panel"
      heading={<h3>{t('intake.plan.edit')}</h3>}
      submitLabel={t('intake.plan.save')}
      actions={<button type="button" className="button-secondary" onClick={onCancel}>{t('common.cancel')}</button>}
      onError={(err) => (err instanceof ApiError && err.status === 409 ? t('intake.plan.stale') : undefined)}
      onSubmit={async ({ content: c }) => {
        await onSave({
          ...initial,
          goals: c.goals.map((g) => ({ term: g.term, text: g.text, steps: g.steps.map((st) => ({ text: st.text, done: st.done, ...(st.who ? { who: st.who } : {}) })) })),
          team: c.team.filter((m) => m.name).map((m) => ({ name: m.name, ...(m.role ? { role: m.role } : {}), ...(m.organizationId ? { organizationId: m.organizationId } : {}) })),
          strengths: c.strengths,
          notes: c.notes,
        } as Content);
      }}
    >
      {goals.fields.map((g, gi) => (
        <fieldset key={g.id}>
          <legend>{t('intake.plan.goalN', { n: gi + 1 })}</legend>
          <TextField name={`content.goals.${gi}.text`} label={t('intake.plan.goalN', { n: gi + 1 })} required />
          <SelectField name={`content.goals.${gi}.term`} label={t('intake.plan.termOf', { n: gi + 1 })} choices={[{ value: 'short', label: t('intake.plan.short') }, { value: 'long', label: t('intake.plan.long') }]} />
          <GoalSteps gi={gi} />
          <p className="button-row">
            <button type="button" className="button-secondary" onClick={() => goals.remove(gi)}>{t('intake.plan.removeGoal', { n: gi + 1 })}</button>
          </p>
        </fieldset>
      ))}
      <p><button type="button" className="button-secondary" onClick={() => goals.append({ term: 'short', text: '', steps: [] }, { shouldFocus: true })}>{t('intake.plan.addGoal')}</button></p>
      <fieldset>
        <legend>{t('intake.plan.team')}</legend>
        {team.fields.map((m, mi) => (
          <div key={m.id} className="field-row item-row">
            <TextField name={`content.team.${mi}.name`} label={t('intake.plan.memberN', { n: mi + 1 })} />
            <TextField name={`content.team.${mi}.role`} label={t('intake.plan.roleN', { n: mi + 1 })} />
            <button type="button" className="button-secondary" onClick={() => team.remove(mi)}>{t('intake.plan.removeMember', { n: mi + 1 })}</button>
          </div>
        ))}
        <button type="button" className="button-secondary" onClick={() => team.append({ name: '', role: '' }, { shouldFocus: true })}>{t('intake.plan.member')}</button>
      </fieldset>
      <TextArea name="content.strengths" label={t('intake.plan.strengths')} />
      <TextArea name="content.notes" label={t('intake.plan.notes')} />
    </Form>
  );
}

/** The steps of one goal: what, who, done; added and removed in place. */
function GoalSteps({ gi }: { gi: number }) {
  const { t } = useTranslation();
  const { control } = useFormContext<PlanValues>();
  const steps = useFieldArray({ control, name: `content.goals.${gi}.steps` });
  return (
    <>
      {steps.fields.map((st, si) => (
        <div key={st.id} className="field-row item-row">
          <TextField name={`content.goals.${gi}.steps.${si}.text`} label={t('intake.plan.stepN', { n: si + 1, goal: gi + 1 })} required />
          <TextField name={`content.goals.${gi}.steps.${si}.who`} label={t('intake.plan.whoN', { n: si + 1, goal: gi + 1 })} />
          <CheckboxField name={`content.goals.${gi}.steps.${si}.done`} label={t('intake.plan.doneN', { n: si + 1, goal: gi + 1 })} />
          <button type="button" className="button-secondary" onClick={() => steps.remove(si)}>{t('intake.plan.removeStep', { n: si + 1, goal: gi + 1 })}</button>
        </div>
      ))}
      <p className="button-row">
        <button type="button" className="button-secondary" onClick={() => steps.append({ text: '', who: '', done: false }, { shouldFocus: true })}>{t('intake.plan.addStep', { n: gi + 1 })}</button>
      </p>
    </>
  );
}

const namesOf = (text: string) => text.split(/[\n,]/).map((a) => a.trim()).filter(Boolean);
const conferenceSchema = z.object({
  heldAt: z.string().min(1),
  attendees: z.string().refine((v) => namesOf(v).length > 0, { message: 'errors.required' }),
  notes: z.string().trim().max(5000),
});

/** Records a case conference: when, who took part (one per line), notes; on the shared form library. */
function ConferenceForm({ clientId, onSaved, onCancel }: { clientId: string; onSaved: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const record = useIntakeMutation((body: ConferenceInput) => intakeApi.caseConference(clientId, body));
  const form = useZodForm(conferenceSchema, { defaultValues: { heldAt: '', attendees: '', notes: '' } });
  return (
    <Form
      form={form}
      className="form panel"
      heading={<h3>{t('intake.plan.recordConference')}</h3>}
      submitLabel={t('intake.plan.saveConference')}
      actions={<button type="button" className="button-secondary" onClick={onCancel}>{t('common.cancel')}</button>}
      onSubmit={async (v) => {
        await record.mutateAsync({ heldAt: new Date(v.heldAt).toISOString(), attendees: namesOf(v.attendees), notes: v.notes || undefined });
        onSaved();
      }}
    >
      <TextField name="heldAt" type="datetime-local" label={t('intake.plan.heldAt')} required />
      <TextArea name="attendees" label={t('intake.plan.attendees')} hint={t('intake.plan.attendeesHint')} required />
      <TextArea name="notes" label={t('intake.plan.notes')} />
    </Form>
  );
}
