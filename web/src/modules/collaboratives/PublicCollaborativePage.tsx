import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { usePublicCollaborative } from './hooks';
import { LoadError, Loading, useTitle, Table } from '../../core/ui';
import { formatDate, formatWhen } from './parts';


/** What a collaborative publishes, for anyone: no sign-in needed. */
export function PublicCollaborativePage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const q = usePublicCollaborative(id);
  useTitle(q.data?.collaborative.name ?? t('collaboratives.title'));
  if (q.isPending) return <Loading />;
  if (q.isError) return <LoadError error={q.error} />;
  const { collaborative: c, members, documents, meetings } = q.data;
  const lng = i18n.language;
  return (
    <>
      <h1>{c.name}</h1>
      <p className="tags">
        <span className="tag">{t(`enums.collaborativeType.${c.type}`)}</span>
        <span className="tag">{t(`enums.collaborativeStage.${c.stage}`)}</span>
      </p>
      {c.mission ? <p className="lead">{c.mission}</p> : null}
      {c.leadOrganizationName ? (
        <p>
          {t('collaboratives.f.lead')}{t('common.colon')}{c.leadOrganizationName}
        </p>
      ) : null}
      <section aria-labelledby="pub-members">
        <h2 id="pub-members">{t('collaboratives.membersTitle')}</h2>
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('collaboratives.scrollTable')}>
          <Table>
            <caption>{t('collaboratives.membersCaption', { count: members.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('collaboratives.member')}</th>
                <th scope="col">{t('collaboratives.f.sector')}</th>
                <th scope="col">{t('collaboratives.f.partnerCategory')}</th>
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.id}>
                  <th scope="row">{m.displayName}</th>
                  <td>{t(`enums.sector.${m.sector}`)}</td>
                  <td>{t(`enums.partnerCategory.${m.partnerCategory}`)}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      </section>
      <section aria-labelledby="pub-docs">
        <h2 id="pub-docs">{t('collaboratives.documentsTitle')}</h2>
        {documents.length === 0 ? <p>{t('collaboratives.noDocuments')}</p> : null}
        {documents.map((d) => (
          <details key={d.id}>
            <summary>
              {d.title} ({t('collaboratives.versionLine', { n: d.version, status: t('enums.versionStatus.approved') })})
            </summary>
            <p>
              <a href={`/api/v1/public/collaboratives/${c.id}/documents/${d.id}/pdf`}>{t('collaboratives.pdf')}</a>
            </p>
            <div className="prewrap">{d.body}</div>
          </details>
        ))}
      </section>
      <section aria-labelledby="pub-minutes">
        <h2 id="pub-minutes">{t('collaboratives.publicMinutes')}</h2>
        {meetings.length === 0 ? <p>{t('collaboratives.noMinutes')}</p> : null}
        {meetings.map((m) => (
          <article key={m.id} className="panel">
            <h3>
              {m.title} — {formatWhen(m.startsAt, lng)}
            </h3>
            <p className="prewrap">{m.minutes}</p>
            {m.decisions.length ? (
              <ul>
                {m.decisions.map((d) => (
                  <li key={d.id}>
                    {d.motion} — {t(`enums.decisionResult.${d.result}`)} ({formatDate(d.decidedOn, lng)})
                  </li>
                ))}
              </ul>
            ) : null}
            <a href={`/api/v1/public/collaboratives/${c.id}/meetings/${m.id}/minutes.pdf`}>{t('collaboratives.minutesPdf')}</a>
          </article>
        ))}
      </section>
    </>
  );
}
