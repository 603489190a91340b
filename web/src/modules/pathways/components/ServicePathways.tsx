import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePublicPathways } from '../hooks';
import { pick } from './parts';

/** On a finder service page: the published pathways with a step this service delivers. */
export function ServicePathways({ serviceId }: { serviceId: string }) {
  const { t, i18n } = useTranslation();
  const q = usePublicPathways(serviceId);
  if (!q.data?.items.length) return null;
  return (
    <section aria-labelledby="service-pathways">
      <h2 id="service-pathways">{t('pathways.onServicePage')}</h2>
      <ul>{q.data.items.map((p) => <li key={p.id}><Link to={`/pathways/public/${p.id}`}>{pick(i18n.language, p.name, p.nameFr)}</Link></li>)}</ul>
    </section>
  );
}

/** Inline, beside a matched service in intake: links to the published pathways through it. */
export function PathwayLinks({ serviceId }: { serviceId: string }) {
  const { t, i18n } = useTranslation();
  const q = usePublicPathways(serviceId);
  if (!q.data?.items.length) return null;
  return <span className="pathways-inline">{` ${t('pathways.whatToExpect')}${t('common.colon')}`}{q.data.items.map((p, i) => <span key={p.id}>{i ? ', ' : ''}<Link to={`/pathways/public/${p.id}`}>{pick(i18n.language, p.name, p.nameFr)}</Link></span>)}{' '}</span>;
}
