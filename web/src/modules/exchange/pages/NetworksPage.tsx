import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadError, Loading, useTitle } from '../../../core/ui';
import { useNetworks, useNotices } from '../hooks';
import { inLang } from '../components/parts';
import { NetworkForm } from '../components/forms';
import '../exchange.css';

/** The networks the person sees, the practice library, and notices of new template versions. */
export function NetworksPage() {
  const { t, i18n } = useTranslation();
  useTitle(t('exchange.title'));
  const q = useNetworks();
  const notices = useNotices();
  return (
    <>
      <h1>{t('exchange.title')}</h1>
      <p className="lead">{t('exchange.lead')}</p>
      <p><Link to="/exchange/practices">{t('exchange.practicesTitle')}</Link></p>
      <h2>{t('exchange.networks')}</h2>
      {q.isPending ? <Loading /> : q.isError ? <LoadError error={q.error} /> : q.data.items.length === 0 ? <p>{t('exchange.noNetworks')}</p> : (
        <ul>
          {q.data.items.map((n) => (
            <li key={n.id}>
              <Link to={`/exchange/networks/${n.id}`}>{inLang(n.name, i18n.language)}</Link>
              {' · '}{t('exchange.memberCount', { count: n.memberCount })}
              {n.stewardName ? ` · ${t('exchange.steward')}${t('common.colon')}${n.stewardName}` : ''}
            </li>
          ))}
        </ul>
      )}
      {q.data?.actions['exchange.network.create'] ? <NetworkForm /> : null}
      {notices.data?.items.length ? (
        <>
          <h2>{t('exchange.notices')}</h2>
          <ul>
            {notices.data.items.map((n) => (
              <li key={n.id}>
                {t('exchange.noticeLine', { template: n.templateName, version: n.versionNumber })}
                {n.changes.note ? ` ${n.changes.note}` : ''}
                {n.changes.added.length ? ` ${t('exchange.added')}${t('common.colon')}${n.changes.added.join('; ')}.` : ''}
                {n.changes.removed.length ? ` ${t('exchange.removed')}${t('common.colon')}${n.changes.removed.join('; ')}.` : ''}
                {n.changes.renamed.length ? ` ${t('exchange.renamed')}${t('common.colon')}${n.changes.renamed.join('; ')}.` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
