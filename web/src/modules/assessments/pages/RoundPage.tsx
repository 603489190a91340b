import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { LoadError, Loading, Table, useTitle } from '../../../core/ui';
import { useRound, useRoundAction } from '../hooks';
import { assessmentsApi } from '../api';
import { AssessmentsFrame, named } from '../components/parts';
import '../assessments.css';

/** One round: progress, who has submitted (coordinators), links, reminders and closing. */
export function RoundPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const q = useRound(id);
  useTitle(q.data?.title ?? t('assessments.title'));
  const remind = useRoundAction('remind');
  const close = useRoundAction('close');
  const [links, setLinks] = useState<{ displayName: string; token: string }[]>([]);
  const [message, setMessage] = useState('');
  if (q.isPending) return <AssessmentsFrame title={t('assessments.title')}><Loading /></AssessmentsFrame>;
  if (q.isError) return <AssessmentsFrame title={t('assessments.title')}><LoadError error={q.error} /></AssessmentsFrame>;
  const r = q.data;
  const origin = typeof window === 'undefined' ? '' : window.location.origin;
  return (
    <AssessmentsFrame title={r.title} lead={false}>
      <dl className="assessments-facts">
        <dt>{t('assessments.instrument')}</dt><dd>{`${named(r.instrument, i18n.language)} (v${r.instrument.version})`}</dd>
        <dt>{t('assessments.status')}</dt><dd>{t(`assessments.statuses.${r.status}`)}</dd>
        <dt>{t('assessments.dates')}</dt><dd>{t('assessments.datesValue', { from: r.opensOn, to: r.closesOn })}</dd>
        <dt>{t('assessments.progress')}</dt><dd>{t('assessments.progressValue', { submitted: r.progress.submitted, roster: r.progress.rosterSize })}</dd>
      </dl>
      {r.illustrative ? <p className="notice">{t('assessments.illustrativeNote')}</p> : null}
      <p className="assessments-actions">
        {r.actions['assessments.round.answer'] ? <Link className="button" to={`/assessments/rounds/${r.id}/answer`}>{t('assessments.answer')}</Link> : null}
        {r.mySubmitted ? <span>{t('assessments.youSubmitted')}</span> : null}
        {r.actions['assessments.results.read'] ? <Link className="button" to={`/assessments/rounds/${r.id}/results`}>{t('assessments.readResults')}</Link> : null}
      </p>
      {r.respondents ? (
        <>
          <Table className="data-table">
            <caption>{t('assessments.rosterCaption')}</caption>
            <thead><tr><th scope="col">{t('assessments.member')}</th><th scope="col">{t('assessments.answersBy')}</th><th scope="col">{t('assessments.status')}</th><th scope="col">{t('assessments.lastReminder')}</th></tr></thead>
            <tbody>
              {r.respondents.map((p) => (
                <tr key={p.id}>
                  <th scope="row">{p.displayName}</th>
                  <td>{p.hasAccount ? t('assessments.byAccount') : t('assessments.byLink')}</td>
                  <td>{p.submitted ? t('assessments.submitted') : t('assessments.notYet')}</td>
                  <td>{p.lastReminderAt ? new Date(p.lastReminderAt).toLocaleDateString(i18n.language === 'fr' ? 'fr-CA' : 'en-CA') : '–'}</td>
                </tr>
              ))}
            </tbody>
          </Table>
          <p className="hint">{t('assessments.rosterHint')}</p>
        </>
      ) : null}
      {r.status === 'open' && (r.actions['assessments.round.links'] || r.actions['assessments.round.remind'] || r.actions['assessments.round.close']) ? (
        <div className="assessments-actions">
          {r.actions['assessments.round.links'] ? (
            <button type="button" onClick={async () => setLinks((await assessmentsApi.links(r.id)).items)}>{t('assessments.makeLinks')}</button>
          ) : null}
          {r.actions['assessments.round.remind'] ? (
            <button type="button" className="secondary" disabled={remind.isPending} onClick={async () => { await remind.mutateAsync(r.id); setMessage(t('assessments.reminded')); }}>{t('assessments.remind')}</button>
          ) : null}
          {r.actions['assessments.round.close'] ? (
            <button type="button" className="secondary" disabled={close.isPending} onClick={async () => { if (window.confirm(t('assessments.closeConfirm'))) { await close.mutateAsync(r.id); setMessage(t('assessments.closed')); } }}>{t('assessments.close')}</button>
          ) : null}
        </div>
      ) : null}
      <p role="status" className="assessments-status">{message}</p>
      {links.length ? (
        <section>
          <h2>{t('assessments.linksHeading')}</h2>
          <p className="hint">{t('assessments.linksHint')}</p>
          <ul className="assessments-links">
            {links.map((l) => <li key={l.token}><strong>{l.displayName}</strong>: <code>{`${origin}/assessments/respond/${l.token}`}</code></li>)}
          </ul>
        </section>
      ) : null}
    </AssessmentsFrame>
  );
}
