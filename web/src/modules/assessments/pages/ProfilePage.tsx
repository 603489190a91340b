import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { LoadError, Loading, Table, useTitle } from '../../../core/ui';
import { useProfile, useShareProfile } from '../hooks';
import { localized } from '../components/parts';
import '../assessments.css';

/** A dated welcoming-community profile: one card per characteristic, by priority; public when shared. */
export function ProfilePage({ publicLink = false }: { publicLink?: boolean }) {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const q = useProfile(id, publicLink);
  const share = useShareProfile();
  useTitle(q.data?.title ?? t('assessments.welcomingTitle'));
  if (q.isPending) return <><h1>{t('assessments.welcomingTitle')}</h1><Loading /></>;
  if (q.isError) return <><h1>{t('assessments.welcomingTitle')}</h1><LoadError error={q.error} /></>;
  const p = q.data;
  const nm = (x: { nameEn: string; nameFr: string }) => (lang === 'fr' ? x.nameFr : x.nameEn);
  return (
    <>
      <h1>{p.title}</h1>
      <p className="lead">{t('assessments.profileLead', { place: lang === 'fr' ? p.content.placeFr : p.content.placeEn, date: new Date(p.createdAt).toLocaleDateString(lang === 'fr' ? 'fr-CA' : 'en-CA', { dateStyle: 'long' }) })}</p>
      <p className="hint">{t('assessments.frameworkNote', { framework: localized(p.framework, lang), version: p.framework.version })}</p>
      <p><a href={`/api/v1/assessments/${publicLink ? 'public/welcoming' : 'welcoming/profiles'}/${p.id}/pdf?lang=${lang === 'fr' ? 'fr' : 'en'}`}>{t('assessments.downloadPdf')}</a></p>
      {!publicLink && p.actions['assessments.welcoming.share'] ? (
        <p className="assessments-actions">
          <button type="button" className="secondary" onClick={() => share.mutate({ id: p.id, isPublic: !p.isPublic })}>{p.isPublic ? t('assessments.makePrivate') : t('assessments.makePublic')}</button>
          {p.isPublic ? <Link to={`/assessments/public/welcoming/${p.id}`}>{t('assessments.publicPage')}</Link> : null}
        </p>
      ) : null}
      {p.content.characteristics.map((c) => (
        <section key={c.key} className="assessments-card">
          <h2>{`${c.rank}. ${localized(c, lang)}`}</h2>
          <p>{t('assessments.servicesCount', { count: c.services })}</p>
          {c.actions.length ? (
            <>
              <h3>{t('assessments.actionsKnown')}</h3>
              <ul>{c.actions.map((a) => <li key={a.id}>{(lang === 'fr' ? a.titleFr : null) ?? a.title} <span className="hint">({(lang === 'fr' ? a.planTitleFr : null) ?? a.planTitle})</span></li>)}</ul>
            </>
          ) : <p className="hint">{t('assessments.noActionsLinked')}</p>}
          {c.indicators.length === 0 ? <p className="hint">{t('assessments.noIndicatorsChosen')}</p> : c.indicators.map((i) => (
            <div key={i.id}>
              <h3>{nm(i)}</h3>
              <p>{i.latest ? t('assessments.latestValue', { value: i.latest.display, period: i.latest.period }) : t('assessments.noValue')}</p>
              {i.overTime && i.overTime.length ? (
                <Table className="data-table">
                  <caption>{t('assessments.overTimeCaption', { name: nm(i) })}</caption>
                  <thead><tr><th scope="col">{t('assessments.period')}</th><th scope="col">{t('assessments.value')}</th></tr></thead>
                  <tbody>{i.overTime.map((x) => <tr key={x.period}><th scope="row">{x.period}</th><td>{x.display}</td></tr>)}</tbody>
                </Table>
              ) : null}
              {i.peers ? (
                <Table className="data-table">
                  <caption>{t('assessments.peersCaption', { name: nm(i) })}</caption>
                  <thead><tr><th scope="col">{t('assessments.community')}</th><th scope="col">{t('assessments.value')}</th></tr></thead>
                  <tbody>
                    <tr><th scope="row">{lang === 'fr' ? p.content.placeFr : p.content.placeEn}</th><td>{i.latest ? `${i.latest.display} (${i.latest.period})` : '–'}</td></tr>
                    {i.peers.map((x) => <tr key={x.nameEn}><th scope="row">{nm(x)}</th><td>{x.latest ? `${x.latest.display} (${x.latest.period})` : '–'}</td></tr>)}
                  </tbody>
                </Table>
              ) : null}
              {i.immigrants?.available && i.immigrants.immigrants && i.immigrants.nonImmigrants ? (
                <Table className="data-table">
                  <caption>{t('assessments.immigrantsCaption', { name: nm(i), period: i.immigrants.period ?? '' })}</caption>
                  <thead><tr><th scope="col">{t('assessments.group')}</th><th scope="col">{t('assessments.value')}</th></tr></thead>
                  <tbody>
                    <tr><th scope="row">{t('assessments.immigrantsRow')}</th><td>{i.immigrants.immigrants.suppressed ? t('assessments.suppressedValue') : i.immigrants.immigrants.display}</td></tr>
                    <tr><th scope="row">{t('assessments.nonImmigrantsRow')}</th><td>{i.immigrants.nonImmigrants.suppressed ? t('assessments.suppressedValue') : i.immigrants.nonImmigrants.display}</td></tr>
                  </tbody>
                </Table>
              ) : null}
              {i.immigrants ? <p className="hint">{lang === 'fr' ? i.immigrants.noteFr : i.immigrants.noteEn}</p> : null}
            </div>
          ))}
        </section>
      ))}
      {publicLink ? null : <p><Link to={`/assessments/welcoming?c=${p.collaborativeId}`}>{t('assessments.backToWelcoming')}</Link></p>}
    </>
  );
}
