import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useSearchParamChanges } from '../../../core/searchParams';
import { LoadError, Loading, useTitle, Table } from '../../../core/ui';
import { useComparison, useNetwork } from '../hooks';
import { inLang, NetworkFrame, SmallMultiple } from '../components/parts';
import { MemberForm, MemberList } from '../components/forms';
import { communityTypes } from '../../../../../src/modules/exchange/exchange.schema';
import '../exchange.css';

/** What members shared: small multiples per indicator, one per collaborative, on one scale, with the table beside. */
export function ComparisonPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  useTitle(t('exchange.comparisonTitle'));
  const [params, change] = useSearchParamChanges();
  const communityType = params.get('type') ?? undefined;
  const net = useNetwork(id);
  const q = useComparison(id, { communityType });
  if (net.isPending) return <Loading />;
  if (net.isError) return <LoadError error={net.error} />;
  const lang = i18n.language;
  return (
    <NetworkFrame network={net.data} title={t('exchange.comparisonTitle')}>
      <p>{t('exchange.comparisonLead')}</p>
      <div className="exchange-controls">
        <div className="field">
          <label htmlFor="ex-type">{t('exchange.communityType')}</label>
          <select id="ex-type" value={communityType ?? ''} onChange={(e) => change({ type: e.target.value })}>
            <option value="">{t('exchange.allTypes')}</option>
            {communityTypes.map((c) => <option key={c} value={c}>{`${t(`exchange.type.${c}`)}${q.data ? ` (${q.data.facets.communityType[c] ?? 0})` : ''}`}</option>)}
          </select>
        </div>
      </div>
      {q.isPending ? <Loading /> : q.isError ? <LoadError error={q.error} /> : (
        <>
          {q.data.indicators.length === 0 ? <p>{t('exchange.nothingShared')}</p> : null}
          {q.data.indicators.map((ind) => (
            <section key={ind.id} aria-labelledby={`ind-${ind.id}`}>
              <h2 id={`ind-${ind.id}`}>{inLang(ind.name, lang)}</h2>
              <p>{t('exchange.scaleNote', { min: ind.scale.min.toLocaleString(lang), max: ind.scale.max.toLocaleString(lang), unit: t(`exchange.unit.${ind.unit}`, { defaultValue: ind.unit }) })}</p>
              <div className="exchange-layout">
                <ul className="exchange-multiples">
                  {ind.panels.map((p) => (
                    <li key={p.collaborativeId} className="exchange-panel">
                      <h3 className="h4">{p.collaborativeName}</h3>
                      <p className="type">{t(`exchange.type.${p.communityType}`)}</p>
                      <SmallMultiple points={p.points} periods={ind.periods} scale={ind.scale} label={t('exchange.chartLabel', { name: p.collaborativeName, indicator: inLang(ind.name, lang) })} />
                    </li>
                  ))}
                </ul>
                <div className="table-wrap" tabIndex={0} role="region" aria-label={t('exchange.tableOf', { indicator: inLang(ind.name, lang) })}>
                  <Table className="data-table">
                    <caption>{t('exchange.tableOf', { indicator: inLang(ind.name, lang) })}</caption>
                    <thead><tr><th scope="col">{t('exchange.collaborative')}</th>{ind.periods.map((per) => <th key={per} scope="col" className="num">{per}</th>)}</tr></thead>
                    <tbody>
                      {ind.panels.map((p) => (
                        <tr key={p.collaborativeId}>
                          <th scope="row">{p.collaborativeName}</th>
                          {ind.periods.map((per) => <td key={per} className="num">{p.points.find((x) => x.period === per)?.display ?? '–'}</td>)}
                        </tr>
                      ))}
                    </tbody>
                  </Table>
                </div>
              </div>
            </section>
          ))}
          <p className="hint">{t('exchange.suppressionNote')}</p>
          {q.data.notSharing.length ? <p>{t('exchange.notSharing', { names: q.data.notSharing.map((m) => m.name).join(', ') })}</p> : null}
          {q.data.imported.length ? (
            <section aria-labelledby="ex-imported">
              <h2 id="ex-imported">{t('exchange.importedTitle')}</h2>
              <div className="table-wrap" tabIndex={0} role="region" aria-label={t('exchange.importedTitle')}>
                <Table className="data-table">
                  <caption>{t('exchange.importedTitle')}</caption>
                  <thead><tr><th scope="col">{t('exchange.source')}</th><th scope="col">{t('exchange.collaborative')}</th><th scope="col">{t('exchange.indicator')}</th><th scope="col">{t('exchange.period')}</th><th scope="col" className="num">{t('exchange.value')}</th></tr></thead>
                  <tbody>
                    {q.data.imported.map((v, i) => (
                      <tr key={i}><td>{v.sourceInstance}</td><th scope="row">{v.collaborativeName}</th><td>{v.indicatorName}</td><td>{v.period}</td><td className="num">{v.display}</td></tr>
                    ))}
                  </tbody>
                </Table>
              </div>
            </section>
          ) : null}
        </>
      )}
      <section aria-labelledby="ex-members">
        <h2 id="ex-members">{t('exchange.form.members')}</h2>
        <MemberList network={net.data} />
        {net.data.actions['exchange.network.manage'] ? <MemberForm network={net.data} /> : null}
      </section>
    </NetworkFrame>
  );
}
