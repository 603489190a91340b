import { useState, type FormEvent } from 'react';
import { z } from 'zod';
import { Form, TextArea, TextField, useZodForm } from '../../core/form';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../core/api';
import { intakeApi, type ConferenceInput, type PlanInput } from './api';
import { useIntakeMutation, usePlan } from './hooks';
import { formatDateTime } from '../../core/i18n';
import { ErrorSummary, Field, fieldErrorsOf, type FieldErrors } from '../../core/ui';
import type { Plan } from './types';

type Content = Plan['content'];
type Goal = Content['goals'][number];

/** The one shared plan: goals and steps, who does what, team, strengths, notes, case conferences. */
export function PlanSection({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const plan = usePlan(clientId);
  const savePlan = useIntakeMutation((body: PlanInput) => intakeApi.savePlan(clientId, body));
  const [edit, setEdit] = useState<Content>();
  const [conference, setConference] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState('');
  if (!plan.data) return null;
  const p = plan.data;
  async function putContent(content: Content) {
    await savePlan.mutateAsync({ content, version: p.version });
  }
  async function save(content: Content) {
    try {
      await putContent(content);
      setEdit(undefined);
      setErrors({});
      setStatus(t('intake.plan.saved'));
    } catch (err) {
      setErrors(fieldErrorsOf(err));
      setStatus(err instanceof ApiError && err.status === 409 ? t('intake.plan.stale') : err instanceof ApiError ? err.message : t('errors.network'));
    }
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
      {p.conferences.length ? <ul>{p.conferences.map((c) => <li key={c.id}>{formatDateTime(c.heldAt)}: {c.attendees.join(', ')}{c.notes ? ` — ${c.notes}` : ''}</li>)}</ul> : <p>{t('intake.plan.noConferences')}</p>}
      {!edit && !conference ? (
        <p className="button-row">
          <button type="button" className="button-secondary" onClick={() => { setStatus(''); setEdit(structuredClone(p.content)); }}>{t('intake.plan.edit')}</button>{' '}
          <button type="button" className="button-secondary" onClick={() => setConference(true)}>{t('intake.plan.recordConference')}</button>
        </p>
      ) : null}
      {edit ? <PlanEditor initial={edit} errors={errors} onSave={save} onCancel={() => { setEdit(undefined); setErrors({}); }} /> : null}
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

/** Edits a working copy of the whole plan: goals (text, term), their steps (who, done), the team, strengths and notes. */
function PlanEditor({ initial, errors, onSave, onCancel }: { initial: Content; errors: FieldErrors; onSave: (c: Content) => Promise<void>; onCancel: () => void }) {
  const { t } = useTranslation();
  const [c, setC] = useState<Content>(initial);
  const setGoal = (gi: number, patch: Partial<Goal>) => setC({ ...c, goals: c.goals.map((g, i) => (i === gi ? { ...g, ...patch } : g)) });
  const setStep = (gi: number, si: number, patch: Partial<Goal['steps'][number]>) => setGoal(gi, { steps: c.goals[gi].steps.map((st, j) => (j === si ? { ...st, ...patch } : st)) });
  const setMember = (mi: number, patch: Partial<Content['team'][number]>) => setC({ ...c, team: c.team.map((m, i) => (i === mi ? { ...m, ...patch } : m)) });
  const clean = (x: Content): Content => ({
    ...x,
    goals: x.goals.map((g) => ({ ...g, text: g.text.trim(), steps: g.steps.map((st) => ({ text: st.text.trim(), done: st.done, ...(st.who?.trim() ? { who: st.who.trim() } : {}) })) })),
    team: x.team.filter((m) => m.name.trim()).map((m) => ({ name: m.name.trim(), ...(m.role?.trim() ? { role: m.role.trim() } : {}) })),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void onSave(clean(c));
  };
  const labels: Record<string, string> = {};
  c.goals.forEach((g, gi) => {
    labels[`content.goals.${gi}.text`] = t('intake.plan.goalN', { n: gi + 1 });
    g.steps.forEach((_, si) => { labels[`content.goals.${gi}.steps.${si}.text`] = t('intake.plan.stepN', { n: si + 1, goal: gi + 1 }); });
  });
  c.team.forEach((_, mi) => { labels[`content.team.${mi}.name`] = t('intake.plan.memberN', { n: mi + 1 }); });
  return (
    <form className="form panel" onSubmit={submit} noValidate aria-label={t('intake.plan.edit')}>
      <ErrorSummary errors={errors} labels={labels} />
      {c.goals.map((g, gi) => (
        <fieldset key={gi}>
          <legend>{t('intake.plan.goalN', { n: gi + 1 })}</legend>
          <Field path={`content.goals.${gi}.text`} label={t('intake.plan.goalN', { n: gi + 1 })} error={errors[`content.goals.${gi}.text`]} required>{(pp) => <input {...pp} value={g.text} onChange={(e) => setGoal(gi, { text: e.target.value })} />}</Field>
          <Field path={`content.goals.${gi}.term`} label={t('intake.plan.termOf', { n: gi + 1 })} error={errors[`content.goals.${gi}.term`]}>{(pp) => (
            <select {...pp} value={g.term} onChange={(e) => setGoal(gi, { term: e.target.value as Goal['term'] })}><option value="short">{t('intake.plan.short')}</option><option value="long">{t('intake.plan.long')}</option></select>
          )}</Field>
          {g.steps.map((st, si) => (
            <div key={si} className="field-row item-row">
              <Field path={`content.goals.${gi}.steps.${si}.text`} label={t('intake.plan.stepN', { n: si + 1, goal: gi + 1 })} error={errors[`content.goals.${gi}.steps.${si}.text`]} required>{(pp) => <input {...pp} value={st.text} onChange={(e) => setStep(gi, si, { text: e.target.value })} />}</Field>
              <Field path={`content.goals.${gi}.steps.${si}.who`} label={t('intake.plan.whoN', { n: si + 1, goal: gi + 1 })} error={errors[`content.goals.${gi}.steps.${si}.who`]}>{(pp) => <input {...pp} value={st.who ?? ''} onChange={(e) => setStep(gi, si, { who: e.target.value })} />}</Field>
              <p><label><input type="checkbox" checked={st.done} onChange={(e) => setStep(gi, si, { done: e.target.checked })} /> {t('intake.plan.doneN', { n: si + 1, goal: gi + 1 })}</label></p>
              <button type="button" className="button-secondary" onClick={() => setGoal(gi, { steps: g.steps.filter((_, j) => j !== si) })}>{t('intake.plan.removeStep', { n: si + 1, goal: gi + 1 })}</button>
            </div>
          ))}
          <p className="button-row">
            <button type="button" className="button-secondary" onClick={() => setGoal(gi, { steps: [...g.steps, { text: '', done: false }] })}>{t('intake.plan.addStep', { n: gi + 1 })}</button>{' '}
            <button type="button" className="button-secondary" onClick={() => setC({ ...c, goals: c.goals.filter((_, i) => i !== gi) })}>{t('intake.plan.removeGoal', { n: gi + 1 })}</button>
          </p>
        </fieldset>
      ))}
      <p><button type="button" className="button-secondary" onClick={() => setC({ ...c, goals: [...c.goals, { term: 'short', text: '', steps: [] }] })}>{t('intake.plan.addGoal')}</button></p>
      <fieldset>
        <legend>{t('intake.plan.team')}</legend>
        {c.team.map((m, mi) => (
          <div key={mi} className="field-row item-row">
            <Field path={`content.team.${mi}.name`} label={t('intake.plan.memberN', { n: mi + 1 })} error={errors[`content.team.${mi}.name`]}>{(pp) => <input {...pp} value={m.name} onChange={(e) => setMember(mi, { name: e.target.value })} />}</Field>
            <Field path={`content.team.${mi}.role`} label={t('intake.plan.roleN', { n: mi + 1 })} error={errors[`content.team.${mi}.role`]}>{(pp) => <input {...pp} value={m.role ?? ''} onChange={(e) => setMember(mi, { role: e.target.value })} />}</Field>
            <button type="button" className="button-secondary" onClick={() => setC({ ...c, team: c.team.filter((_, i) => i !== mi) })}>{t('intake.plan.removeMember', { n: mi + 1 })}</button>
          </div>
        ))}
        <button type="button" className="button-secondary" onClick={() => setC({ ...c, team: [...c.team, { name: '' }] })}>{t('intake.plan.member')}</button>
      </fieldset>
      <Field path="content.strengths" label={t('intake.plan.strengths')} error={errors['content.strengths']}>{(pp) => <textarea {...pp} value={c.strengths} onChange={(e) => setC({ ...c, strengths: e.target.value })} />}</Field>
      <Field path="content.notes" label={t('intake.plan.notes')} error={errors['content.notes']}>{(pp) => <textarea {...pp} value={c.notes} onChange={(e) => setC({ ...c, notes: e.target.value })} />}</Field>
      <div className="form-actions"><button type="submit" className="button-primary">{t('intake.plan.save')}</button> <button type="button" className="button-secondary" onClick={onCancel}>{t('common.cancel')}</button></div>
    </form>
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
