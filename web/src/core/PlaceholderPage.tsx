import { useTranslation } from 'react-i18next';
import { useTitle } from './ui';

/**
 * A module that is planned but not built yet: says in users' words what will be here.
 * Texts live under placeholders.<key>.{title,lead,empty,items}.
 */
export function PlaceholderPage({ moduleKey }: { moduleKey: string }) {
  const { t } = useTranslation();
  const title = t(`placeholders.${moduleKey}.title`);
  useTitle(title);
  const items = t(`placeholders.${moduleKey}.items`, { returnObjects: true }) as string[];
  return (
    <>
      <h1>{title}</h1>
      <p className="lead">{t(`placeholders.${moduleKey}.lead`)}</p>
      <div className="empty-state">
        <h2>{t('placeholders.comingTitle')}</h2>
        <p>{t(`placeholders.${moduleKey}.empty`)}</p>
        {Array.isArray(items) && items.length ? (
          <>
            <p>{t('placeholders.whatYouWillDo')}</p>
            <ul>
              {items.map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    </>
  );
}
