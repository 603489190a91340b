import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { LoadError, Loading, useTitle, Table } from '../../core/ui';
import { formatCell, nameIn } from './api';
import { useProfile } from './hooks';
import { CellStatus, IndicatorAbout, SuppressionNote } from './components';
import './data.css';

/** A place's community profile: each indicator's latest figure and its trend. Printable. */
export function ProfilePage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const profile = useProfile(id ?? '');
  const name = profile.data ? nameIn(profile.data.geography.name, i18n.language) : '';
  useTitle(t('data.profileTitle', { name }));
  if (profile.isPending) return <Loading />;
  if (profile.isError) return <LoadError error={profile.error} />;
  const p = profile.data;
  return (
    <>
      <nav aria-label={t('data.breadcrumb')} className="breadcrumbs no-print">
        <ol>
          <li><Link to="/data">{t('data.title')}</Link></li>
          <li aria-current="page">{name}</li>
        </ol>
      </nav>
      <h1>{t('data.profileTitle', { name })}</h1>
      <p className="lead">{t('data.profileLead')}</p>
      <p className="no-print">
        <button type="button" className="button-secondary" onClick={() => window.print()}>{t('data.print')}</button>
      </p>
      {p.items.length === 0 ? <p>{t('data.profileEmpty')}</p> : null}
      {p.items.map((item) => (
        <section key={item.indicator.id} className="data-profile-item" aria-labelledby={`ind-${item.indicator.id}`}>
          <h2 id={`ind-${item.indicator.id}`}>{nameIn(item.indicator.name, i18n.language)}</h2>
          {item.latest ? (
            <p className="data-latest">
              {formatCell(item.latest, item.indicator.unit, i18n.language)} <span className="muted small">({item.latest.period}{item.latest.isProjection ? `, ${t('data.projection')}` : ''})</span>
            </p>
          ) : null}
          <IndicatorAbout indicator={item.indicator} />
          <Table className="data-table">
            <caption>{t('data.profileTableCaption', { indicator: nameIn(item.indicator.name, i18n.language), name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('data.period')}</th>
                <th scope="col" className="num">{t('data.value')}</th>
                <th scope="col">{t('data.status')}</th>
                <th scope="col">{t('data.sourceAndNotes')}</th>
              </tr>
            </thead>
            <tbody>
              {item.points.map((pt) => (
                <tr key={pt.period}>
                  <th scope="row">{pt.period}</th>
                  <td className="num">{formatCell(pt, item.indicator.unit, i18n.language)}</td>
                  <td><CellStatus cell={pt} /></td>
                  <td className="small">{[pt.source, pt.notes].filter(Boolean).join(' — ')}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        </section>
      ))}
      <SuppressionNote />
    </>
  );
}
