import { useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../core/api';
import { formatDateTime } from '../../core/i18n';
import { ErrorSummary, Field, fieldErrorsOf, type FieldErrors } from '../../core/ui';
import type { Plan } from './types';

interface PlanEdit { goal: string; term: 'short' | 'long'; stepGoal: string; step: string; stepWho: string; member: string; memberRole: string; strengths: string; notes: string }

/** The one shared plan: goals and steps, who does what, team, strengths, notes, case conferences. */
export function PlanSection({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const plan = useQuery({ queryKey: ['intake', 'plan', clientId], queryFn: () => api.get<Plan>(`/intake/clients/${clientId}/plan`) });
  const [edit, setEdit] = useState<PlanEdit>();
  const [conference, setConference] = useState<{ heldAt: string; attendees: string; notes: string }>();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState('');
  if (!plan.data) return null;
  const p = plan.data;
  const refresh = () => qc.invalidateQueries({ queryKey: ['intake', 'plan', clientId] });

  async function putContent(content: Plan['content']) {
    await api.put(`/intake/clients/${clientId}/plan`, { content, version: p.version });
    await refresh();
  }
  async function save(e: FormEvent) {
    e.preventDefault();
    const ed = edit!;
    const goals = ed.goal.trim() ? [...p.content.goals, { term: ed.term, text: ed.goal.trim(), steps: [] }] : [...p.content.goals];
    if (ed.step.trim() && ed.stepGoal !== '') {
      const i = Number(ed.stepGoal);
      goals[i] = { ...goals[i], steps: [...goals[i].steps, { text: ed.step.trim(), ...(ed.stepWho.trim() ? { who: ed.stepWho.trim() } : {}), done: false }] };
    }
    const team = ed.member.trim() ? [...p.content.team, { name: ed.member.trim(), ...(ed.memberRole.trim() ? { role: ed.memberRole.trim() } : {}) }] : p.content.team;
    try {
      await putContent({ ...p.content, goals, team, strengths: ed.strengths, notes: ed.notes });
      setEdit(undefined);
      setErrors({});
      setStatus(t('intake.plan.saved'));
    } catch (err) {
      setErrors(fieldErrorsOf(err));
      setStatus(err instanceof ApiError ? err.message : t('errors.network'));
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
  async function recordConference(e: FormEvent) {
    e.preventDefault();
    const c = conference!;
    const attendees = c.attendees.split(/[\n,]/).map((a) => a.trim()).filter(Boolean);
    try {
      await api.post(`/intake/clients/${clientId}/case-conferences`, { heldAt: c.heldAt ? new Date(c.heldAt).toISOString() : '', attendees, notes: c.notes.trim() || undefined });
      await refresh();
      setConference(undefined);
      setErrors({});
      setStatus(t('intake.plan.conferenceSaved'));
    } catch (err) {
      setErrors(fieldErrorsOf(err));
    }
  }
  const conferenceLabels = { heldAt: t('intake.plan.heldAt'), attendees: t('intake.plan.attendees'), notes: t('intake.plan.notes') };
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
          <button type="button" className="button-secondary" onClick={() => setEdit({ goal: '', term: 'short', stepGoal: '', step: '', stepWho: '', member: '', memberRole: '', strengths: p.content.strengths, notes: p.content.notes })}>{t('intake.plan.edit')}</button>{' '}
          <button type="button" className="button-secondary" onClick={() => setConference({ heldAt: '', attendees: '', notes: '' })}>{t('intake.plan.recordConference')}</button>
        </p>
      ) : null}
      {edit ? (
        <form className="form panel" onSubmit={save} aria-label={t('intake.plan.edit')}>
          <ErrorSummary errors={errors} labels={{}} />
          <Field path="goal" label={t('intake.plan.newGoal')}>{(pp) => <input {...pp} value={edit.goal} onChange={(e) => setEdit({ ...edit, goal: e.target.value })} />}</Field>
          <Field path="term" label={t('intake.plan.term')}>{(pp) => <select {...pp} value={edit.term} onChange={(e) => setEdit({ ...edit, term: e.target.value as 'short' | 'long' })}><option value="short">{t('intake.plan.short')}</option><option value="long">{t('intake.plan.long')}</option></select>}</Field>
          {p.content.goals.length ? (
            <>
              <Field path="stepGoal" label={t('intake.plan.stepGoal')}>{(pp) => <select {...pp} value={edit.stepGoal} onChange={(e) => setEdit({ ...edit, stepGoal: e.target.value })}><option value="">—</option>{p.content.goals.map((g, i) => <option key={i} value={String(i)}>{g.text}</option>)}</select>}</Field>
              <Field path="step" label={t('intake.plan.step')}>{(pp) => <input {...pp} value={edit.step} onChange={(e) => setEdit({ ...edit, step: e.target.value })} />}</Field>
              <Field path="stepWho" label={t('intake.plan.stepWho')}>{(pp) => <input {...pp} value={edit.stepWho} onChange={(e) => setEdit({ ...edit, stepWho: e.target.value })} />}</Field>
            </>
          ) : null}
          <Field path="member" label={t('intake.plan.member')}>{(pp) => <input {...pp} value={edit.member} onChange={(e) => setEdit({ ...edit, member: e.target.value })} />}</Field>
          <Field path="memberRole" label={t('intake.plan.memberRole')}>{(pp) => <input {...pp} value={edit.memberRole} onChange={(e) => setEdit({ ...edit, memberRole: e.target.value })} />}</Field>
          <Field path="strengths" label={t('intake.plan.strengths')}>{(pp) => <textarea {...pp} value={edit.strengths} onChange={(e) => setEdit({ ...edit, strengths: e.target.value })} />}</Field>
          <Field path="notes" label={t('intake.plan.notes')}>{(pp) => <textarea {...pp} value={edit.notes} onChange={(e) => setEdit({ ...edit, notes: e.target.value })} />}</Field>
          <div className="form-actions"><button type="submit" className="button-primary">{t('intake.plan.save')}</button> <button type="button" className="button-secondary" onClick={() => setEdit(undefined)}>{t('common.cancel')}</button></div>
        </form>
      ) : null}
      {conference ? (
        <form className="form panel" onSubmit={recordConference} noValidate aria-label={t('intake.plan.recordConference')}>
          <ErrorSummary errors={errors} labels={conferenceLabels} />
          <Field path="heldAt" label={conferenceLabels.heldAt} error={errors.heldAt} required>{(pp) => <input {...pp} type="datetime-local" value={conference.heldAt} onChange={(e) => setConference({ ...conference, heldAt: e.target.value })} />}</Field>
          <Field path="attendees" label={conferenceLabels.attendees} hint={t('intake.plan.attendeesHint')} error={errors.attendees} required>{(pp) => <textarea {...pp} value={conference.attendees} onChange={(e) => setConference({ ...conference, attendees: e.target.value })} />}</Field>
          <Field path="notes" label={conferenceLabels.notes} error={errors.notes}>{(pp) => <textarea {...pp} value={conference.notes} onChange={(e) => setConference({ ...conference, notes: e.target.value })} />}</Field>
          <div className="form-actions"><button type="submit" className="button-primary">{t('intake.plan.saveConference')}</button> <button type="button" className="button-secondary" onClick={() => setConference(undefined)}>{t('common.cancel')}</button></div>
        </form>
      ) : null}
    </section>
  );
}
