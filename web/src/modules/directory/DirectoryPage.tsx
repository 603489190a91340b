import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useTitle } from '../../core/ui';
import { isPlatformAdmin, useUser } from '../../core/session';

/** Staff landing for the service directory: the public finder, the review queue and the HSDS API. */
export function DirectoryPage() {
  const { t } = useTranslation();
  useTitle(t('directory.title'));
  const user = useUser();
  return (
    <>
      <h1>{t('directory.title')}</h1>
      <p className="lead">{t('directory.lead')}</p>
      <ul className="card-grid">
        <li className="card">
          <h2>
            <Link to="/find">{t('directory.finderCard')}</Link>
          </h2>
          <p>{t('directory.finderCardBody')}</p>
        </li>
        <li className="card">
          <h2>
            <Link to="/directory/review">{t('directory.reviewCard')}</Link>
          </h2>
          <p>{t('directory.reviewCardBody')}</p>
        </li>
        {isPlatformAdmin(user) && (
          <li className="card">
            <h2>
              <Link to="/directory/import">{t('directory.importCard')}</Link>
            </h2>
            <p>{t('directory.importCardBody')}</p>
          </li>
        )}
        {isPlatformAdmin(user) && (
          <li className="card">
            <h2>
              <Link to="/directory/taxonomy">{t('directory.taxonomyCard')}</Link>
            </h2>
            <p>{t('directory.taxonomyCardBody')}</p>
          </li>
        )}
        <li className="card">
          <h2>
            <a href="/hsds/services">{t('directory.hsdsCard')}</a>
          </h2>
          <p>{t('directory.hsdsCardBody')}</p>
          <p>
            <a href="/docs">{t('directory.hsdsDocs')}</a>
          </p>
        </li>
      </ul>
    </>
  );
}
