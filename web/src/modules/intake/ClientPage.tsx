import { useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api, ApiError } from '../../core/api';
import { formatDateTime } from '../../core/i18n';
import { isOrgAdmin, useUser } from '../../core/session';
import { ErrorSummary, Field, fieldErrorsOf, LoadError, Loading, useTitle, type FieldErrors } from '../../core/ui';
import type { Assessment, Client, Consent, Instrument, Match, Plan, Referral } from './types';
import { ReferralTable } from './IntakePage';
import { needLabel } from './parts';

/** One client: identity, consents, screening over time, suggested services and referrals, plan. */
export function ClientPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const client = useQuery({ queryKey: ['intake', 'client', id], queryFn: () => api.get<Client>(`/intake/clients/${id}`), retry: false });
  useTitle(client.data?.name ?? t('intake.client.title'));
  if (client.isPending) return <Loading />;
  if (client.error) {
    return (
      <>
        <p><Link to="/intake">{t('intake.back')}</Link></p>
        <h1>{t('intake.client.title')}</h1>
        <LoadError error={client.error} />
        {client.error instanceof ApiError && client.error.status === 404 ? <BreakGlass clientId={id} /> : null}
      </>
    );
  }
  const c = client.data;
  const can = (k: string) => c.visibleCategories.includes(k);
  return (
    <>
      <p><Link to="/intake">{t('intake.back')}</Link></p>
      <h1>{c.name}{c.isFictional ? <span className="tag"> {t('intake.fictional')}</span> : null}</h1>
      {c.emergencyAccess && <p className="notice notice-warning" role="status">{t('intake.client.emergencyNotice')}</p>}
      <dl className="details">
        <dt>{t('intake.client.preferredName')}</dt><dd>{c.preferredName ?? '—'}</dd>
        <dt>{t('intake.client.birthDate')}</dt><dd>{c.birthDate ?? '—'}</dd>
        <dt>{t('intake.client.language')}</dt><dd>{c.preferredLanguage ?? '—'}</dd>
        {can('contact') && (<><dt>{t('intake.client.phone')}</dt><dd>{c.phone ?? '—'}</dd><dt>{t('intake.client.email')}</dt><dd>{c.email ?? '—'}</dd></>)}
        <dt>{t('intake.client.settlementStage')}</dt><dd>{c.settlementStage ? t(`intake.stage.${c.settlementStage}`) : '—'}</dd>
        <dt>{t('intake.client.status')}</dt><dd>{t(`intake.clientStatus.${c.status}`)}</dd>
        <dt>{t('intake.client.categories')}</dt><dd>{c.visibleCategories.map((k) => t(`intake.category.${k}`)).join(', ')}</dd>
      </dl>
      <Consents clientId={id} />
      {can('assessment') && <Screening clientId={id} />}
      {can('referral') && <Matches clientId={id} />}
      <ClientReferrals clientId={id} />
      {can('plan') && <PlanSection clientId={id} />}
      {c.status === 'active' && <Duplicates clientId={id} />}
      <PrivacyTools clientId={id} homeOrganizationId={c.homeOrganizationId} />
    </>
  );
}

function BreakGlass({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const user = useUser();
  const qc = useQueryClient();
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  if (!isOrgAdmin(user)) return null;
  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      await api.post(`/intake/clients/${clientId}/emergency-access`, { reason, minutes: 60 });
      await qc.invalidateQueries({ queryKey: ['intake', 'client', clientId] });
    } catch (err) { setErrors(fieldErrorsOf(err)); }
  }
  return (
    <section className="panel" aria-labelledby="glass-title">
      <h2 id="glass-title">{t('intake.glass.title')}</h2>
      <p>{t('intake.glass.lead')}</p>
      <ErrorSummary errors={errors} labels={{ reason: t('intake.glass.reason') }} />
      <form className="form" onSubmit={submit} noValidate>
        <Field path="reason" label={t('intake.glass.reason')} error={errors.reason} required>{(p) => <textarea {...p} value={reason} onChange={(e) => setReason(e.target.value)} />}</Field>
        <button type="submit" className="button-primary">{t('intake.glass.submit')}</button>
      </form>
    </section>
  );
}

function Consents({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['intake', 'consents', clientId], queryFn: () => api.get<{ items: Consent[] }>(`/intake/clients/${clientId}/consents`) });
  const orgs = useQuery({ queryKey: ['organizations', 'all'], queryFn: () => api.get<{ items: { id: string; legalName: string }[] }>('/organizations?perPage=200') });
  const name = (id: string) => orgs.data?.items.find((o) => o.id === id)?.legalName ?? id;
  const [adding, setAdding] = useState(false);
  async function withdraw(k: Consent) {
    await api.post(`/intake/clients/${clientId}/consents/${k.id}/withdraw`);
    await qc.invalidateQueries({ queryKey: ['intake'] });
  }
  return (
    <section aria-labelledby="consents-title">
      <h2 id="consents-title">{t('intake.consent.title')}</h2>
      {list.isPending ? <Loading /> : list.error ? <LoadError error={list.error} /> : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t('intake.consent.title')}</caption>
            <thead><tr><th scope="col">{t('intake.consent.purpose')}</th><th scope="col">{t('intake.consent.categories')}</th><th scope="col">{t('intake.consent.shareWith')}</th><th scope="col">{t('intake.consent.method')}</th><th scope="col">{t('intake.consent.period')}</th><th scope="col">{t('intake.consent.state')}</th><th scope="col">{t('intake.consent.actions')}</th></tr></thead>
            <tbody>
              {list.data.items.map((k) => (
                <tr key={k.id}>
                  <td>{t(`intake.purpose.${k.purpose}`)}</td>
                  <td>{k.dataCategories.map((c) => t(`intake.category.${c}`)).join(', ')}</td>
                  <td>{[...k.organizationIds.map(name), ...(k.externalPartner ? [k.externalPartner] : [])].join(', ')}</td>
                  <td>{t(`intake.method.${k.method}`)}{k.witnessName ? ` (${k.witnessName})` : ''}</td>
                  <td>{formatDateTime(k.startsAt)} – {k.expiresAt ? formatDateTime(k.expiresAt) : t('intake.consent.noExpiry')}</td>
                  <td>{k.withdrawnAt ? t('intake.consent.withdrawn') : k.active ? t('intake.consent.active') : t('intake.consent.inactive')}</td>
                  <td>{!k.withdrawnAt && <button type="button" className="button-secondary" onClick={() => withdraw(k)}>{t('intake.consent.withdraw')}</button>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {adding ? <AddConsent clientId={clientId} onDone={() => setAdding(false)} orgs={orgs.data?.items ?? []} /> : <button type="button" className="button-secondary" onClick={() => setAdding(true)}>{t('intake.consent.add')}</button>}
    </section>
  );
}

function AddConsent({ clientId, onDone, orgs }: { clientId: string; onDone: () => void; orgs: { id: string; legalName: string }[] }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [f, setF] = useState({ purpose: 'referral', method: 'signed_on_screen', witnessName: '', externalPartner: '', startsAt: '', expiresAt: '' });
  const [cats, setCats] = useState<string[]>(['identity', 'contact', 'referral']);
  const [share, setShare] = useState<string[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const labels: Record<string, string> = { purpose: t('intake.consent.purpose'), method: t('intake.consent.method'), witnessName: t('intake.consent.witness'), startsAt: t('intake.consent.startsAt'), expiresAt: t('intake.consent.expiresAt'), organizationIds: t('intake.consent.shareWith'), externalPartner: t('intake.consent.external'), dataCategories: t('intake.consent.categories') };
  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      await api.post(`/intake/clients/${clientId}/consents`, {
        purpose: f.purpose, method: f.method, witnessName: f.witnessName || undefined, externalPartner: f.externalPartner || undefined, dataCategories: cats, organizationIds: share,
        startsAt: f.startsAt ? new Date(f.startsAt + 'T00:00:00').toISOString() : undefined, expiresAt: f.expiresAt ? new Date(f.expiresAt + 'T23:59:59').toISOString() : undefined,
      });
      await qc.invalidateQueries({ queryKey: ['intake'] });
      onDone();
    } catch (err) { setErrors(fieldErrorsOf(err)); }
  }
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  return (
    <form className="form panel" onSubmit={submit} noValidate aria-labelledby="add-consent-title">
      <h3 id="add-consent-title">{t('intake.consent.add')}</h3>
      <ErrorSummary errors={errors} labels={labels} />
      <Field path="purpose" label={labels.purpose} error={errors.purpose}>{(p) => <select {...p} value={f.purpose} onChange={set('purpose')}>{['referral', 'care_coordination', 'shared_plan', 'intake'].map((x) => <option key={x} value={x}>{t(`intake.purpose.${x}`)}</option>)}</select>}</Field>
      <fieldset><legend>{labels.dataCategories}</legend><ul className="checkbox-list">{['identity', 'contact', 'demographics', 'assessment', 'referral', 'plan'].map((c) => <li key={c}><label><input type="checkbox" checked={cats.includes(c)} onChange={(e) => setCats(e.target.checked ? [...cats, c] : cats.filter((x) => x !== c))} /> {t(`intake.category.${c}`)}</label></li>)}</ul></fieldset>
      <fieldset><legend>{labels.organizationIds}</legend><ul className="checkbox-list">{orgs.map((o) => <li key={o.id}><label><input type="checkbox" checked={share.includes(o.id)} onChange={(e) => setShare(e.target.checked ? [...share, o.id] : share.filter((x) => x !== o.id))} /> {o.legalName}</label></li>)}</ul></fieldset>
      <Field path="externalPartner" label={labels.externalPartner} error={errors.externalPartner} hint={t('intake.consent.externalHint')}>{(p) => <input {...p} value={f.externalPartner} onChange={set('externalPartner')} />}</Field>
      <Field path="method" label={labels.method} error={errors.method}>{(p) => <select {...p} value={f.method} onChange={set('method')}>{['signed_on_screen', 'paper_scanned', 'verbal_witnessed'].map((m) => <option key={m} value={m}>{t(`intake.method.${m}`)}</option>)}</select>}</Field>
      {f.method === 'verbal_witnessed' && <Field path="witnessName" label={labels.witnessName} error={errors.witnessName} required>{(p) => <input {...p} value={f.witnessName} onChange={set('witnessName')} />}</Field>}
      <Field path="startsAt" label={labels.startsAt} error={errors.startsAt}>{(p) => <input {...p} type="date" value={f.startsAt} onChange={set('startsAt')} />}</Field>
      <Field path="expiresAt" label={labels.expiresAt} error={errors.expiresAt}>{(p) => <input {...p} type="date" value={f.expiresAt} onChange={set('expiresAt')} />}</Field>
      <div className="form-actions"><button type="submit" className="button-primary">{t('intake.consent.save')}</button> <button type="button" className="button-secondary" onClick={onDone}>{t('common.cancel')}</button></div>
    </form>
  );
}

function Screening({ clientId }: { clientId: string }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const instruments = useQuery({ queryKey: ['intake', 'instruments'], queryFn: () => api.get<{ items: Instrument[] }>('/intake/instruments') });
  const list = useQuery({ queryKey: ['intake', 'assessments', clientId], queryFn: () => api.get<{ items: Assessment[] }>(`/intake/clients/${clientId}/assessments`) });
  const inst = instruments.data?.items.find((i) => i.status === 'published');
  const [answers, setAnswers] = useState<Record<string, { acuity: number; yes: string[] }>>({});
  const [open, setOpen] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const lang = i18n.language === 'fr' ? 'fr' : 'en';
  const domains = inst?.definition.domains ?? [];
  const label = (code: string) => domains.find((d) => d.code === code)?.label[lang] ?? code;
  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      await api.post(`/intake/clients/${clientId}/assessments`, { instrumentId: inst!.id, answers });
      await qc.invalidateQueries({ queryKey: ['intake'] });
      setOpen(false);
      setAnswers({});
    } catch (err) { setErrors(fieldErrorsOf(err)); }
  }
  const items = list.data?.items ?? [];
  const used = [...new Set(items.flatMap((a) => Object.keys(a.acuity)))];
  const data = items.map((a) => ({ date: a.assessedAt.slice(0, 10), ...a.acuity }));
  const colours = ['#1b5e20', '#0d47a1', '#b71c1c', '#4a148c', '#e65100', '#006064', '#3e2723', '#263238'];
  return (
    <section aria-labelledby="screening-title">
      <h2 id="screening-title">{t('intake.screening.title')}</h2>
      <p>{t('intake.screening.scale')}</p>
      {items.length > 0 && (
        <>
          {items.length > 1 && (
            <figure aria-labelledby="acuity-fig">
              <figcaption id="acuity-fig">{t('intake.screening.chart')}</figcaption>
              <div aria-hidden="true" style={{ width: '100%', height: 260 }}>
                <ResponsiveContainer>
                  <LineChart data={data}><CartesianGrid strokeDasharray="3 3" /><XAxis dataKey="date" /><YAxis domain={[1, 5]} allowDecimals={false} /><Tooltip /><Legend />
                    {used.map((d, i) => <Line key={d} type="monotone" dataKey={d} name={label(d)} stroke={colours[i % colours.length]} />)}
                  </LineChart>
                </ResponsiveContainer>
              </div>
            </figure>
          )}
          <div className="table-wrap">
            <table>
              <caption>{t('intake.screening.table')}</caption>
              <thead><tr><th scope="col">{t('intake.screening.domain')}</th>{items.map((a) => <th scope="col" key={a.id}>{formatDateTime(a.assessedAt)} (v{a.instrumentVersion})</th>)}</tr></thead>
              <tbody>{used.map((d) => <tr key={d}><th scope="row">{label(d)}</th>{items.map((a) => <td key={a.id}>{a.acuity[d] ?? '—'}</td>)}</tr>)}</tbody>
            </table>
          </div>
          <h3>{t('intake.screening.needs')}</h3>
          <ul>{items.at(-1)!.needs.map((n) => <li key={n.domain}>{needLabel(t, n.needCode)} · {t(`intake.urgency.${n.urgency}`)}</li>)}</ul>
        </>
      )}
      {!open ? <button type="button" className="button-secondary" onClick={() => setOpen(true)} disabled={!inst}>{items.length ? t('intake.screening.reassess') : t('intake.screening.start')}</button> : (
        <form className="form panel" onSubmit={submit} noValidate>
          <ErrorSummary errors={errors} labels={{}} />
          {domains.map((d) => (
            <fieldset key={d.code}>
              <legend>{d.label[lang]}</legend>
              <label htmlFor={`acuity-${d.code}`}>{t('intake.screening.acuity')}</label>
              <select id={`acuity-${d.code}`} value={answers[d.code]?.acuity ?? ''} onChange={(e) => {
                const v = Number(e.target.value);
                const next = { ...answers };
                if (v) next[d.code] = { acuity: v, yes: answers[d.code]?.yes ?? [] }; else delete next[d.code];
                setAnswers(next);
              }}>
                <option value="">{t('intake.screening.notAsked')}</option>
                {[1, 2, 3, 4, 5].map((n) => <option key={n} value={n}>{n} – {t(`intake.acuity.${n}`)}</option>)}
              </select>
              {d.questions.map((q) => (
                <p key={q.id}><label><input type="checkbox" disabled={!answers[d.code]} checked={!!answers[d.code]?.yes.includes(q.id)} onChange={(e) => {
                  const a = answers[d.code];
                  setAnswers({ ...answers, [d.code]: { ...a, yes: e.target.checked ? [...a.yes, q.id] : a.yes.filter((x) => x !== q.id) } });
                }} /> {q.text[lang]}</label></p>
              ))}
            </fieldset>
          ))}
          <div className="form-actions"><button type="submit" className="button-primary">{t('intake.screening.save')}</button> <button type="button" className="button-secondary" onClick={() => setOpen(false)}>{t('common.cancel')}</button></div>
        </form>
      )}
    </section>
  );
}

function Matches({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const m = useQuery({ queryKey: ['intake', 'matches', clientId], queryFn: () => api.get<Match>(`/intake/clients/${clientId}/matches`) });
  const [refer, setRefer] = useState<{ serviceId: string; name: string; needCode: string; eligible: boolean }>();
  if (m.isPending || m.error || m.data.items.length === 0) return null;
  return (
    <section aria-labelledby="matches-title">
      <h2 id="matches-title">{t('intake.match.title')}</h2>
      {m.data.items.map((n) => (
        <div key={n.needCode}>
          <h3>{needLabel(t, n.needCode)} · {t(`intake.urgency.${n.urgency}`)}</h3>
          {n.services.length === 0 ? <p>{t('intake.match.none')}</p> : (
            <ul>
              {n.services.map((s) => (
                <li key={s.serviceId}>
                  <strong>{s.name}</strong> — {s.organizationName}. {t('intake.match.why')}: {s.reasons.map((r) => t(`intake.reason.${r.split(':')[0]}`, { value: r.split(':')[1] ?? '' })).join('; ')}
                  {!s.eligible && <span className="tag"> {t('intake.match.notEligible')}</span>}{' '}
                  <button type="button" className="button-secondary" onClick={() => setRefer({ serviceId: s.serviceId, name: s.name, needCode: n.needCode, eligible: s.eligible })} aria-label={t('intake.match.referTo', { name: s.name })}>{t('intake.match.refer')}</button>
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
      {refer && <ReferralForm clientId={clientId} target={refer} onDone={() => setRefer(undefined)} />}
    </section>
  );
}

function ReferralForm({ clientId, target, onDone }: { clientId: string; target: { serviceId: string; name: string; needCode: string; eligible: boolean }; onDone: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [f, setF] = useState({ reason: '', urgency: 'routine', eligibilityOverrideReason: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string>();
  const labels: Record<string, string> = { reason: t('intake.referral.reason'), urgency: t('intake.referral.urgency'), eligibilityOverrideReason: t('intake.referral.override'), toOrganizationId: t('intake.referral.to'), clientId: t('intake.referral.client') };
  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      await api.post<Referral>('/intake/referrals', { clientId, serviceId: target.serviceId, needCode: target.needCode, reason: f.reason, urgency: f.urgency, eligibilityOverrideReason: f.eligibilityOverrideReason || undefined });
      await qc.invalidateQueries({ queryKey: ['intake'] });
      onDone();
    } catch (err) {
      setErrors(fieldErrorsOf(err));
      if (!Object.keys(fieldErrorsOf(err)).length) setMessage(err instanceof ApiError ? err.message : t('errors.network'));
    }
  }
  return (
    <form className="form panel" onSubmit={submit} noValidate aria-labelledby="refer-title">
      <h3 id="refer-title">{t('intake.referral.newTitle', { name: target.name })}</h3>
      <ErrorSummary errors={errors} labels={labels} message={message} />
      <Field path="reason" label={labels.reason} error={errors.reason} required>{(p) => <textarea {...p} value={f.reason} onChange={(e) => setF({ ...f, reason: e.target.value })} />}</Field>
      <Field path="urgency" label={labels.urgency} error={errors.urgency}>{(p) => <select {...p} value={f.urgency} onChange={(e) => setF({ ...f, urgency: e.target.value })}>{['routine', 'soon', 'urgent'].map((u) => <option key={u} value={u}>{t(`intake.urgency.${u}`)}</option>)}</select>}</Field>
      {!target.eligible && <Field path="eligibilityOverrideReason" label={labels.eligibilityOverrideReason} error={errors.eligibilityOverrideReason} required>{(p) => <textarea {...p} value={f.eligibilityOverrideReason} onChange={(e) => setF({ ...f, eligibilityOverrideReason: e.target.value })} />}</Field>}
      <div className="form-actions"><button type="submit" className="button-primary">{t('intake.referral.send')}</button> <button type="button" className="button-secondary" onClick={onDone}>{t('common.cancel')}</button></div>
    </form>
  );
}

function ClientReferrals({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const r = useQuery({ queryKey: ['intake', 'referrals', clientId], queryFn: () => api.get<{ items: Referral[] }>(`/intake/referrals?clientId=${clientId}`) });
  if (!r.data) return null;
  return <ReferralTable id="client-referrals" title={t('intake.referral.title')} items={r.data.items} empty={t('intake.referral.none')} />;
}

interface PlanEdit { goal: string; term: 'short' | 'long'; stepGoal: string; step: string; stepWho: string; member: string; memberRole: string; strengths: string; notes: string }

function PlanSection({ clientId }: { clientId: string }) {
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

function PrivacyTools({ clientId, homeOrganizationId }: { clientId: string; homeOrganizationId: string }) {
  const { t } = useTranslation();
  const user = useUser();
  const isPO = !!user?.roles.some((r) => r.role === 'privacy_officer' && r.scopeId === homeOrganizationId);
  const [show, setShow] = useState(false);
  const report = useQuery({ queryKey: ['intake', 'access', clientId], queryFn: () => api.get<{ items: { at: string; actor: string; action: string; purpose: string | null }[] }>(`/intake/clients/${clientId}/access-report`), enabled: show });
  if (!isPO) return null;
  return (
    <section aria-labelledby="privacy-title">
      <h2 id="privacy-title">{t('intake.privacy.title')}</h2>
      <p className="button-row">
        <button type="button" className="button-secondary" onClick={() => setShow(true)}>{t('intake.privacy.report')}</button>{' '}
        <a className="button-secondary" href={`/api/v1/intake/clients/${clientId}/export`} download={`client-${clientId}.json`}>{t('intake.privacy.export')}</a>
      </p>
      {show && report.data && (
        <div className="table-wrap">
          <table>
            <caption>{t('intake.privacy.report')}</caption>
            <thead><tr><th scope="col">{t('intake.privacy.when')}</th><th scope="col">{t('intake.privacy.who')}</th><th scope="col">{t('intake.privacy.what')}</th><th scope="col">{t('intake.privacy.purpose')}</th></tr></thead>
            <tbody>{report.data.items.map((e, i) => <tr key={i}><td>{formatDateTime(e.at)}</td><td>{e.actor}</td><td>{e.action}</td><td>{e.purpose ?? '—'}</td></tr>)}</tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Duplicates({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const d = useQuery({ queryKey: ['intake', 'duplicates', clientId], queryFn: () => api.get<{ candidates: { id: string; name: string | null; birthDate: string | null }[] }>(`/intake/clients/${clientId}/duplicates`) });
  const [into, setInto] = useState<string>();
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [merged, setMerged] = useState<{ id: string; targetId: string }>();
  const [status, setStatus] = useState('');
  if (!d.data || (d.data.candidates.length === 0 && !merged)) return null;
  async function merge(e: FormEvent) {
    e.preventDefault();
    try {
      const m = await api.post<{ id: string; targetId: string }>(`/intake/clients/${clientId}/merge`, { intoId: into, reason });
      setMerged(m);
      setErrors({});
      setStatus(t('intake.merge.done'));
    } catch (err) { setErrors(fieldErrorsOf(err)); }
  }
  async function undo() {
    await api.post(`/intake/merges/${merged!.id}/undo`);
    setMerged(undefined);
    setStatus(t('intake.merge.undone'));
    await qc.invalidateQueries({ queryKey: ['intake'] });
  }
  return (
    <section aria-labelledby="dups-title">
      <h2 id="dups-title">{t('intake.merge.title')}</h2>
      <p role="status" className={status ? 'notice notice-success' : 'visually-hidden'}>{status}</p>
      {merged ? (
        <p className="button-row">
          <Link to={`/intake/clients/${merged.targetId}`}>{t('intake.merge.open')}</Link>{' '}
          <button type="button" className="button-secondary" onClick={undo}>{t('intake.merge.undo')}</button>
        </p>
      ) : (
        <form className="form" onSubmit={merge} noValidate>
          <ErrorSummary errors={errors} labels={{ intoId: t('intake.merge.into'), reason: t('intake.merge.reason') }} />
          <fieldset>
            <legend>{t('intake.merge.into')}</legend>
            <ul className="checkbox-list">
              {d.data.candidates.map((c) => (
                <li key={c.id}><label><input type="radio" name="merge-into" value={c.id} checked={into === c.id} onChange={() => setInto(c.id)} /> {c.name} · {c.birthDate}</label> <Link to={`/intake/clients/${c.id}`}>{t('intake.merge.view')}</Link></li>
              ))}
            </ul>
          </fieldset>
          <Field path="reason" label={t('intake.merge.reason')} error={errors.reason} required>{(p) => <input {...p} value={reason} onChange={(e) => setReason(e.target.value)} />}</Field>
          <button type="submit" className="button-secondary" disabled={!into}>{t('intake.merge.submit')}</button>
        </form>
      )}
    </section>
  );
}
