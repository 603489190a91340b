import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api, ApiError } from '../../core/api';
import { ErrorSummary, Field, fieldErrorsOf, type FieldErrors, LoadError, Loading, useTitle, Table } from '../../core/ui';
import { CollabFrame, collabKey, formatDate, formatWhen, Notice } from './parts';
import type { AgendaItem, Collab, Meeting, Member } from './types';
import './collaboratives.css';

export function MeetingPage() {
  const { t } = useTranslation();
  return <CollabFrame title={t('collaboratives.meeting')}>{(c) => <MeetingBody c={c} />}</CollabFrame>;
}

function MeetingBody({ c }: { c: Collab }) {
  const { t, i18n } = useTranslation();
  const { meetingId = '' } = useParams();
  const q = useQuery({ queryKey: collabKey(c.id, 'meeting', meetingId), queryFn: () => api.get<Meeting>(`/collaboratives/${c.id}/meetings/${meetingId}`) });
  useTitle(q.data ? `${q.data.title} – ${c.shortName ?? c.name}` : t('collaboratives.meeting'));
  if (q.isPending) return <Loading />;
  if (q.isError) return <LoadError error={q.error} />;
  const m = q.data;
  const manage = m.access === 'manage';
  const base = `/api/v1/collaboratives/${c.id}/meetings/${m.id}`;
  return (
    <>
      <h2>
        {m.title} — {formatWhen(m.startsAt, i18n.language)}
      </h2>
      <p>
        {m.location ?? ''} · {t(`enums.meetingStatus.${m.status}`)}
      </p>
      <p className="form-actions">
        <a href={`${base}/meeting.ics`} download>
          {t('collaboratives.downloadIcs')}
        </a>
        <a href={`${base}/minutes.pdf`}>{t('collaboratives.minutesPdf')}</a>
        <button type="button" className="button-secondary" onClick={() => window.print()}>
          {t('collaboratives.print')}
        </button>
      </p>
      <div className="collab-screen-only">
        <AgendaSection c={c} m={m} manage={manage} />
        {m.access !== 'public' ? <AttendanceSection c={c} m={m} manage={manage} /> : null}
        <DecisionsSection c={c} m={m} manage={manage} />
        {m.access !== 'public' ? <ActionsSection c={c} m={m} manage={manage} /> : null}
        <MinutesSection c={c} m={m} manage={manage} />
      </div>
      <PrintedMinutes m={m} />
    </>
  );
}

/** What "Print" gives: the minutes as a document, without forms. */
function PrintedMinutes({ m }: { m: Meeting }) {
  const { t, i18n } = useTranslation();
  const present = m.attendance.filter((a) => a.status === 'present').map((a) => a.displayName);
  return (
    <div className="print-only">
      <h2>{t('collaboratives.minutes')}</h2>
      {present.length ? (
        <p>
          <strong>{t('enums.attendance.present')}:</strong> {present.join('; ')}
        </p>
      ) : null}
      <p>{m.quorum.met ? t('collaboratives.quorumMet', { present: m.quorum.votingPresent, total: m.quorum.votingMembers, required: m.quorum.required }) : t('collaboratives.quorumNotMet', { present: m.quorum.votingPresent, total: m.quorum.votingMembers, required: m.quorum.required })}</p>
      <h3>{t('collaboratives.agenda')}</h3>
      <ol>
        {m.agenda.map((a) => (
          <li key={a.id}>
            {a.title} ({t(`enums.agendaKind.${a.kind}`)})
          </li>
        ))}
      </ol>
      <p className="prewrap">{m.minutes ?? ''}</p>
      <h3>{t('collaboratives.decisions')}</h3>
      <ul>
        {m.decisions.map((d) => (
          <li key={d.id}>
            {d.motion} — {d.method === 'consensus' ? t('collaboratives.byConsensus') : t('collaboratives.tally', { for: d.votesFor, against: d.votesAgainst, abstain: d.abstentions })}: {t(`enums.decisionResult.${d.result}`)}
          </li>
        ))}
      </ul>
      <h3>{t('collaboratives.actionItems')}</h3>
      <ul>
        {m.actionItems.map((a) => (
          <li key={a.id}>
            {a.title} — {a.ownerName}, {t('collaboratives.due', { date: formatDate(a.dueOn, i18n.language) })}
          </li>
        ))}
      </ul>
    </div>
  );
}

const refresh = (client: ReturnType<typeof useQueryClient>, c: Collab) => client.invalidateQueries({ queryKey: collabKey(c.id) });

function AgendaSection({ c, m, manage }: { c: Collab; m: Meeting; manage: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  type Row = { id?: string; title: string; kind: AgendaItem['kind']; presenter: string };
  const fromMeeting = (): Row[] => m.agenda.map((a) => ({ id: a.id, title: a.title, kind: a.kind, presenter: a.presenter ?? '' }));
  const [rows, setRows] = useState<Row[]>(fromMeeting);
  const [version, setVersion] = useState(m.version);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string>();
  const [done, setDone] = useState<string>();
  useEffect(() => {
    setRows(fromMeeting());
    setVersion(m.version);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [m.version]);
  async function save(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    setMessage(undefined);
    setDone(undefined);
    try {
      await api.put(`/collaboratives/${c.id}/meetings/${m.id}/agenda`, { version, items: rows.map((r) => ({ id: r.id, title: r.title, kind: r.kind, presenter: r.presenter.trim() ? r.presenter : null })) });
      setDone(t('collaboratives.agendaSaved'));
      await refresh(client, c);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        setMessage(t('collaboratives.agendaConflict'));
        await refresh(client, c);
      } else setErrors(fieldErrorsOf(err));
    }
  }
  const update = (i: number, patch: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const labels: Record<string, string> = { 'items.*.title': t('collaboratives.itemTitle'), 'items.#': t('collaboratives.itemN'), items: t('collaboratives.agenda') };
  return (
    <section aria-labelledby="agenda-h">
      <h2 id="agenda-h">{t('collaboratives.agenda')}</h2>
      {m.seeksNoDecision ? (
        <p className="notice notice-warning" role="note">
          <strong>{t('collaboratives.earnTitle')}</strong> {t('collaboratives.earnText')}
        </p>
      ) : null}
      {!manage ? (
        <ol>
          {m.agenda.map((a) => (
            <li key={a.id}>
              {a.title} <span className="tag">{t(`enums.agendaKind.${a.kind}`)}</span>
              {a.presenter ? <span className="muted"> · {a.presenter}</span> : null}
            </li>
          ))}
        </ol>
      ) : (
        <form onSubmit={save} noValidate>
          <Notice text={done} />
          <ErrorSummary errors={errors} labels={labels} message={message} />
          {rows.map((r, i) => (
            <fieldset key={r.id ?? `new-${i}`} className="repeat-group">
              <legend>{t('collaboratives.itemN', { n: i + 1 })}</legend>
              <div className="field-row">
                <Field path={`items.${i}.title`} label={t('collaboratives.itemTitle')} required error={errors[`items.${i}.title`]}>
                  {(p) => <input {...p} value={r.title} onChange={(e) => update(i, { title: e.target.value })} />}
                </Field>
                <Field path={`items.${i}.kind`} label={t('collaboratives.itemKind')} error={errors[`items.${i}.kind`]}>
                  {(p) => (
                    <select {...p} value={r.kind} onChange={(e) => update(i, { kind: e.target.value as Row['kind'] })}>
                      {(['decision', 'discussion', 'information'] as const).map((k) => (
                        <option key={k} value={k}>
                          {t(`enums.agendaKind.${k}`)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field path={`items.${i}.presenter`} label={t('collaboratives.presenter')}>
                  {(p) => <input {...p} value={r.presenter} onChange={(e) => update(i, { presenter: e.target.value })} />}
                </Field>
              </div>
              <button type="button" className="link-button" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                {t('collaboratives.removeItem', { n: i + 1 })}
              </button>
            </fieldset>
          ))}
          <div className="form-actions">
            <button type="button" className="button-secondary" onClick={() => setRows([...rows, { title: '', kind: 'discussion', presenter: '' }])}>
              {t('collaboratives.addItem')}
            </button>
            <button type="submit" className="button button-primary">
              {t('collaboratives.saveAgenda')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function AttendanceSection({ c, m, manage }: { c: Collab; m: Meeting; manage: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [status, setStatus] = useState<Record<string, string>>(() => Object.fromEntries(m.attendance.map((a) => [a.memberId, a.status ?? ''])));
  const [done, setDone] = useState<string>();
  const [errors, setErrors] = useState<FieldErrors>({});
  async function save(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    try {
      const entries = Object.entries(status)
        .filter(([, s]) => s)
        .map(([memberId, s]) => ({ memberId, status: s }));
      await api.put(`/collaboratives/${c.id}/meetings/${m.id}/attendance`, { entries });
      setDone(t('collaboratives.attendanceSaved'));
      await refresh(client, c);
    } catch (err) {
      setErrors(fieldErrorsOf(err));
    }
  }
  const q = m.quorum;
  return (
    <section aria-labelledby="att-h">
      <h2 id="att-h">{t('collaboratives.attendance')}</h2>
      <p className={q.met ? 'notice notice-success' : 'notice notice-warning'} data-testid="quorum">
        {q.met ? t('collaboratives.quorumMet', { present: q.votingPresent, total: q.votingMembers, required: q.required }) : t('collaboratives.quorumNotMet', { present: q.votingPresent, total: q.votingMembers, required: q.required })}
      </p>
      <form onSubmit={save} noValidate>
        <Notice text={done} />
        <ErrorSummary errors={errors} labels={{}} />
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('collaboratives.scrollTable')}>
          <Table>
            <caption>{t('collaboratives.attendanceCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('collaboratives.member')}</th>
                <th scope="col">{t('collaboratives.f.voting')}</th>
                <th scope="col">{t('collaboratives.attendance')}</th>
              </tr>
            </thead>
            <tbody>
              {m.attendance.map((a) => (
                <tr key={a.memberId}>
                  <th scope="row">{a.displayName}</th>
                  <td>{a.voting ? t('collaboratives.voting') : t('collaboratives.nonVoting')}</td>
                  <td>
                    {manage ? (
                      <select aria-label={t('collaboratives.attendanceOf', { name: a.displayName })} value={status[a.memberId] ?? ''} onChange={(e) => setStatus({ ...status, [a.memberId]: e.target.value })}>
                        <option value="">{t('collaboratives.notRecorded')}</option>
                        {['present', 'regrets', 'absent'].map((s) => (
                          <option key={s} value={s}>
                            {t(`enums.attendance.${s}`)}
                          </option>
                        ))}
                      </select>
                    ) : a.status ? (
                      t(`enums.attendance.${a.status}`)
                    ) : (
                      t('collaboratives.notRecorded')
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
        {manage ? (
          <button type="submit" className="button button-primary">
            {t('collaboratives.saveAttendance')}
          </button>
        ) : null}
      </form>
    </section>
  );
}

function DecisionsSection({ c, m, manage }: { c: Collab; m: Meeting; manage: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const voters = m.attendance.filter((a) => a.voting && a.status === 'present');
  // Only decision items take a decision. The choice is derived from the current agenda on every
  // render, so an item added (or removed) after this form first appeared is picked up at once.
  const decisionItems = m.agenda.filter((a) => a.kind === 'decision');
  const [picked, setItem] = useState<string>();
  const item = decisionItems.some((a) => a.id === picked) ? (picked as string) : (decisionItems[0]?.id ?? '');
  const [motion, setMotion] = useState('');
  const [method, setMethod] = useState<'vote' | 'consensus'>('vote');
  const [votes, setVotes] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<FieldErrors>({});
  const [done, setDone] = useState<string>();
  async function submit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    try {
      const d = await api.post<{ result: string }>(`/collaboratives/${c.id}/meetings/${m.id}/decisions`, {
        agendaItemId: item,
        motion,
        method,
        votes: method === 'vote' ? Object.entries(votes).filter(([, v]) => v).map(([memberId, vote]) => ({ memberId, vote })) : [],
      });
      setDone(t('collaboratives.decisionRecorded', { result: t(`enums.decisionResult.${d.result}`) }));
      setMotion('');
      setVotes({});
      await refresh(client, c);
    } catch (err) {
      setErrors(fieldErrorsOf(err));
    }
  }
  return (
    <section aria-labelledby="dec-h">
      <h2 id="dec-h">{t('collaboratives.decisions')}</h2>
      {m.decisions.length ? (
        <ul>
          {m.decisions.map((d) => (
            <li key={d.id}>
              <strong>{d.motion}</strong> — {d.method === 'consensus' ? t('collaboratives.byConsensus') : t('collaboratives.tally', { for: d.votesFor, against: d.votesAgainst, abstain: d.abstentions })}:{' '}
              {t(`enums.decisionResult.${d.result}`)}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('collaboratives.noDecisions')}</p>
      )}
      {manage && !decisionItems.length ? <p className="muted">{t('collaboratives.noDecisionItems')}</p> : null}
      {manage && decisionItems.length ? (
        <form className="form" onSubmit={submit} noValidate>
          <h3>{t('collaboratives.recordDecision')}</h3>
          <Notice text={done} />
          <ErrorSummary errors={errors} labels={{ agendaItemId: t('collaboratives.agendaItem'), motion: t('collaboratives.motion'), quorum: t('collaboratives.quorum'), votes: t('collaboratives.votes') }} />
          <Field path="agendaItemId" label={t('collaboratives.agendaItem')} error={errors.agendaItemId}>
            {(p) => (
              <select {...p} value={item} onChange={(e) => setItem(e.target.value)}>
                {decisionItems.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.position}. {a.title} ({t(`enums.agendaKind.${a.kind}`)})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field path="motion" label={t('collaboratives.motion')} required error={errors.motion}>
            {(p) => <textarea {...p} rows={2} value={motion} onChange={(e) => setMotion(e.target.value)} />}
          </Field>
          <Field path="method" label={t('collaboratives.method')}>
            {(p) => (
              <select {...p} value={method} onChange={(e) => setMethod(e.target.value as 'vote' | 'consensus')}>
                <option value="vote">{t('collaboratives.methodVote')}</option>
                <option value="consensus">{t('collaboratives.methodConsensus')}</option>
              </select>
            )}
          </Field>
          {method === 'vote' ? (
            <fieldset>
              <legend>{t('collaboratives.votes')}</legend>
              {voters.length === 0 ? <p>{t('collaboratives.noVoters')}</p> : null}
              {voters.map((v, i) => (
                <div className="field" key={v.memberId}>
                  <label htmlFor={`vote-${i}`}>{t('collaboratives.voteOf', { name: v.displayName })}</label>
                  <select id={`vote-${i}`} value={votes[v.memberId] ?? ''} onChange={(e) => setVotes({ ...votes, [v.memberId]: e.target.value })}>
                    <option value="">{t('collaboratives.noVote')}</option>
                    {['for', 'against', 'abstain'].map((x) => (
                      <option key={x} value={x}>
                        {t(`enums.vote.${x}`)}
                      </option>
                    ))}
                  </select>
                </div>
              ))}
            </fieldset>
          ) : null}
          <button type="submit" className="button button-primary">
            {t('collaboratives.recordDecision')}
          </button>
        </form>
      ) : null}
    </section>
  );
}

function ActionsSection({ c, m, manage }: { c: Collab; m: Meeting; manage: boolean }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const members = useQuery({ queryKey: collabKey(c.id, 'members'), queryFn: () => api.get<{ items: Member[] }>(`/collaboratives/${c.id}/members`), enabled: manage });
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [done, setDone] = useState<string>();
  async function submit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    try {
      await api.post(`/collaboratives/${c.id}/action-items`, { title, ownerMemberId: owner, dueOn: due, meetingId: m.id });
      setDone(t('collaboratives.actionAssigned'));
      setTitle('');
      await refresh(client, c);
    } catch (err) {
      setErrors(fieldErrorsOf(err));
    }
  }
  async function complete(id: string, version: number) {
    await api.patch(`/collaboratives/${c.id}/action-items/${id}`, { status: 'done', version });
    await refresh(client, c);
  }
  return (
    <section aria-labelledby="act-h">
      <h2 id="act-h">{t('collaboratives.actionItems')}</h2>
      {m.actionItems.length ? (
        <ul>
          {m.actionItems.map((a) => (
            <li key={a.id}>
              {a.title} — {a.ownerName}, {t('collaboratives.due', { date: formatDate(a.dueOn, i18n.language) })} · {t(`enums.actionStatus.${a.status}`)}
              {a.overdue ? <strong className="badge badge-closed"> {t('collaboratives.overdue')}</strong> : null}
              {a.canUpdate && a.status === 'open' ? (
                <button type="button" className="link-button" onClick={() => complete(a.id, a.version)}>
                  {t('collaboratives.markDone', { title: a.title })}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('collaboratives.noActions')}</p>
      )}
      {manage ? (
        <form className="form" onSubmit={submit} noValidate>
          <h3>{t('collaboratives.assignAction')}</h3>
          <Notice text={done} />
          <ErrorSummary errors={errors} labels={{ title: t('collaboratives.actionTitle'), ownerMemberId: t('collaboratives.owner'), dueOn: t('collaboratives.dueOn') }} />
          <Field path="title" label={t('collaboratives.actionTitle')} required error={errors.title}>
            {(p) => <input {...p} value={title} onChange={(e) => setTitle(e.target.value)} />}
          </Field>
          <div className="field-row">
            <Field path="ownerMemberId" label={t('collaboratives.owner')} required error={errors.ownerMemberId}>
              {(p) => (
                <select {...p} value={owner} onChange={(e) => setOwner(e.target.value)}>
                  <option value="">{t('collaboratives.choose')}</option>
                  {(members.data?.items ?? []).map((x) => (
                    <option key={x.id} value={x.id}>
                      {x.displayName}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field path="dueOn" label={t('collaboratives.dueOn')} required error={errors.dueOn}>
              {(p) => <input {...p} type="date" value={due} onChange={(e) => setDue(e.target.value)} />}
            </Field>
          </div>
          <button type="submit" className="button button-primary">
            {t('collaboratives.assignAction')}
          </button>
        </form>
      ) : null}
    </section>
  );
}

function MinutesSection({ c, m, manage }: { c: Collab; m: Meeting; manage: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [text, setText] = useState(m.minutes ?? '');
  const [pub, setPub] = useState(m.minutesPublic);
  const [held, setHeld] = useState(m.status === 'held');
  const [message, setMessage] = useState<string>();
  const [done, setDone] = useState<string>();
  async function save(e: FormEvent) {
    e.preventDefault();
    setMessage(undefined);
    try {
      await api.patch(`/collaboratives/${c.id}/meetings/${m.id}`, { version: m.version, minutes: text, minutesPublic: pub, status: held ? 'held' : m.status === 'held' ? 'scheduled' : m.status });
      setDone(t('collaboratives.minutesSaved'));
      await refresh(client, c);
    } catch (err) {
      setMessage(err instanceof ApiError && err.status === 409 ? t('collaboratives.stale') : t('errors.generic'));
      await refresh(client, c);
    }
  }
  if (!manage)
    return (
      <section aria-labelledby="min-h">
        <h2 id="min-h">{t('collaboratives.minutes')}</h2>
        <p className="prewrap">{m.minutes || t('collaboratives.noMinutes')}</p>
      </section>
    );
  return (
    <section aria-labelledby="min-h">
      <h2 id="min-h">{t('collaboratives.minutes')}</h2>
      <form onSubmit={save} noValidate>
        <Notice text={done} />
        <ErrorSummary errors={{}} labels={{}} message={message} />
        <Field path="minutes" label={t('collaboratives.minutesText')}>
          {(p) => <textarea {...p} rows={8} value={text} onChange={(e) => setText(e.target.value)} />}
        </Field>
        <div className="field checkbox">
          <input id="field-held" type="checkbox" checked={held} onChange={(e) => setHeld(e.target.checked)} />
          <label htmlFor="field-held">{t('collaboratives.meetingHeld')}</label>
        </div>
        <div className="field checkbox">
          <input id="field-public" type="checkbox" checked={pub} onChange={(e) => setPub(e.target.checked)} />
          <label htmlFor="field-public">{t('collaboratives.publishMinutes')}</label>
        </div>
        <button type="submit" className="button button-primary">
          {t('collaboratives.saveMinutes')}
        </button>
      </form>
    </section>
  );
}
