import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { LoadError, Loading, useTitle, Table } from '../../../core/ui';
import { useNetwork, useTemplates } from '../hooks';
import { inLang, NetworkFrame } from '../components/parts';
import { AdoptForm, VersionForm } from '../components/forms';
import '../exchange.css';

/** Common templates: versions, and the adoption grid (who uses which version, what changed, who is behind). */
export function TemplatesPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  useTitle(t('exchange.templatesTitle'));
  const net = useNetwork(id);
  const q = useTemplates(id);
  if (net.isPending) return <Loading />;
  if (net.isError) return <LoadError error={net.error} />;
  const lang = i18n.language;
  return (
    <NetworkFrame network={net.data} title={t('exchange.templatesTitle')}>
      <p>{t('exchange.templatesLead')}</p>
      {q.isPending ? <Loading /> : q.isError ? <LoadError error={q.error} /> : q.data.items.length === 0 ? <p>{t('exchange.noTemplates')}</p> : q.data.items.map((tpl) => (
        <section key={tpl.id} aria-labelledby={`tpl-${tpl.id}`}>
          <h2 id={`tpl-${tpl.id}`}>{inLang(tpl.name, lang)}</h2>
          <p>{t('exchange.latestVersion', { version: tpl.latest })}{tpl.sourceInstance ? ` · ${t('exchange.source')}${t('common.colon')}${tpl.sourceInstance}` : ''}</p>
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t('exchange.gridOf', { template: inLang(tpl.name, lang) })}>
            <Table className="data-table">
              <caption>{t('exchange.gridOf', { template: inLang(tpl.name, lang) })}</caption>
              <thead><tr><th scope="col">{t('exchange.collaborative')}</th><th scope="col">{t('exchange.communityType')}</th><th scope="col">{t('exchange.version')}</th><th scope="col">{t('exchange.adaptations')}</th></tr></thead>
              <tbody>
                {tpl.grid.map((g) => (
                  <tr key={g.collaborativeId}>
                    <th scope="row">{g.name}</th>
                    <td>{t(`exchange.type.${g.communityType}`)}</td>
                    <td>{g.versionNumber === null ? t('exchange.notAdopted') : g.behind > 0 ? <span className="exchange-behind">{t('exchange.behind', { version: g.versionNumber, count: g.behind })}</span> : t('exchange.upToDate', { version: g.versionNumber })}</td>
                    <td>
                      {g.adaptations.length === 0 ? '–' : (
                        <ul>{g.adaptations.map((a, i) => <li key={i}>{t(`exchange.op.${a.op}`)}{t('common.colon')}{a.item}{a.to ? ` → ${a.to}` : ''} ({a.reason})</li>)}</ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </div>
          <h3>{t('exchange.versions')}</h3>
          <ol>
            {tpl.versions.map((v) => (
              <li key={v.number}>
                {t('exchange.versionLine', { version: v.number, date: v.publishedAt.slice(0, 10), indicators: v.content.indicators.length, measures: v.content.measures.length, sections: v.content.sections.length })}
                {v.changeNote ? ` ${v.changeNote}` : ''}
              </li>
            ))}
          </ol>
          {tpl.actions['exchange.template.publish'] ? <VersionForm key={tpl.id} template={tpl} /> : null}
          {tpl.actions['exchange.template.adopt'] ? <AdoptForm key={`a-${tpl.id}`} template={tpl} network={net.data} /> : null}
        </section>
      ))}
    </NetworkFrame>
  );
}
