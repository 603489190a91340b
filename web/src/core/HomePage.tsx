import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { visibleNav } from './navigation';
import { useUser } from './session';
import { useTitle } from './ui';

export function HomePage() {
  const { t } = useTranslation();
  const user = useUser();
  useTitle(t('nav.home'));
  const cards = visibleNav(user).filter((i) => i.key !== 'home');
  return (
    <>
      <h1>{t('home.greeting', { name: user?.name ?? '' })}</h1>
      <p className="lead">{t('home.lead')}</p>
      <ul className="card-grid">
        {cards.map((c) => (
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
