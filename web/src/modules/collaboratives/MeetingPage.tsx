import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useMeeting } from './hooks';
import { LoadError, Loading, useTitle } from '../../core/ui';
import { ActionsSection } from './meeting/ActionsSection';
import { AgendaSection } from './meeting/AgendaSection';
import { AttendanceSection } from './meeting/AttendanceSection';
import { DecisionsSection } from './meeting/DecisionsSection';
import { MinutesSection } from './meeting/MinutesSection';
import { CollabFrame, formatDate, formatWhen } from './parts';
import type { Collab, Meeting } from './types';
import './collaboratives.css';

/**
 * One meeting. Each concern (agenda, attendance, decisions, action items, minutes) is its own
 * section in ./meeting/, with its own form; this page only lays them out.
 */

export function MeetingPage() {
  const { t } = useTranslation();
  return <CollabFrame title={t('collaboratives.meeting')}>{(c) => <MeetingBody c={c} />}</CollabFrame>;
}

function MeetingBody({ c }: { c: Collab }) {
  const { t, i18n } = useTranslation();
  const { meetingId = '' } = useParams();
  const q = useMeeting(c.id, meetingId);
  useTitle(q.data ? `${q.data.title} – ${c.shortName ?? c.name}` : t('collaboratives.meeting'));
  if (q.isPending) return <Loading />;
  if (q.isError) return <LoadError error={q.error} />;
  const m = q.data;
  const manage = m.actions['collaborative.meeting.update'];
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
        {m.actions['collaborative.read'] ? <AttendanceSection c={c} m={m} manage={manage} /> : null}
        <DecisionsSection c={c} m={m} manage={manage} />
        {m.actions['collaborative.read'] ? <ActionsSection c={c} m={m} manage={manage} /> : null}
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
          <strong>{t('enums.attendance.present')}{t('common.colon').trimEnd()}</strong> {present.join('; ')}
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
            {d.motion} — {d.method === 'consensus' ? t('collaboratives.byConsensus') : t('collaboratives.tally', { for: d.votesFor, against: d.votesAgainst, abstain: d.abstentions })}{t('common.colon')}{t(`enums.decisionResult.${d.result}`)}
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
