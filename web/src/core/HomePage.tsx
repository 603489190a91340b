import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { homeCards, homePath } from './navigation';
import { useUser } from './session';
import { useTitle } from './ui';

export function HomePage() {
  const { t } = useTranslation();
  const user = useUser();
  useTitle(t('nav.home'));
  const home = homePath(user);
  if (home !== '/') return <Navigate to={home} replace />;
  const viewer = !!user?.roles.some((r) => r.role === 'viewer');
  return (
    <>
      <h1>{t('home.greeting', { name: user?.name ?? '' })}</h1>
      <p className="lead">{viewer ? t('home.leadViewer') : t('home.lead')}</p>
      <ul className="card-grid">
        {homeCards(user).map((c) => (
          <li key={c.key} className="card">
            <h2>
              <Link to={c.path}>{t(`nav.${c.key}`)}</Link>
            </h2>
            <p>{t(`home.cards.${c.key}`)}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
