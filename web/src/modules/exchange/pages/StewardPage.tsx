import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { LoadError, Loading, useTitle, Table } from '../../../core/ui';
import { useNetwork, useSteward } from '../hooks';
import { inLang, NetworkFrame } from '../components/parts';
import '../exchange.css';

const YEARS = Array.from({ length: 6 }, (_, i) => String(new Date().getFullYear() - 1 - i));

/** The steward's view: who reported this period, stale data, sums where members consented. */
export function StewardPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  useTitle(t('exchange.stewardTitle'));
  const [period, setPeriod] = useState(YEARS[0]);
  const net = useNetwork(id);
  const q = useSteward(id, period, !!net.data?.actions['exchange.steward.read']);
  if (net.isPending) return <Loading />;
  if (net.isError) return <LoadError error={net.error} />;
  const lang = i18n.language;
  return (
    <NetworkFrame network={net.data} title={t('exchange.stewardTitle')}>
      {!net.data.actions['exchange.steward.read'] ? <p>{t('exchange.stewardOnly')}</p> : (
        <>
          <div className="field">
            <label htmlFor="ex-period">{t('exchange.period')}</label>
            <select id="ex-period" value={period} onChange={(e) => setPeriod(e.target.value)}>{YEARS.map((y) => <option key={y} value={y}>{y}</option>)}</select>
          </div>
          {q.isPending ? <Loading /> : q.isError ? <LoadError error={q.error} /> : (
            <>
              <div className="table-wrap" tabIndex={0} role="region" aria-label={t('exchange.reportingOf', { period })}>
                <Table className="data-table">
                  <caption>{t('exchange.reportingOf', { period })}</caption>
                  <thead><tr><th scope="col">{t('exchange.collaborative')}</th><th scope="col">{t('exchange.communityType')}</th><th scope="col">{t('exchange.reported')}</th><th scope="col">{t('exchange.freshness')}</th></tr></thead>
                  <tbody>
                    {q.data.members.map((m) => (
                      <tr key={m.collaborativeId}>
                        <th scope="row">{m.name}</th>
                        <td>{t(`exchange.type.${m.communityType}`)}</td>
                        <td>{m.reported ? t('exchange.yes') : t('exchange.no')}</td>
                        <td>{m.freshness ? t('exchange.freshnessLine', { upToDate: m.freshness.upToDate, total: m.freshness.total }) + (m.stale ? ` · ${t('exchange.stale')}` : '') : t('exchange.noPlan')}</td>
                      </tr>
                    ))}
                  </tbody>
                </Table>
              </div>
              <h2>{t('exchange.aggregates')}</h2>
              {q.data.aggregates.length === 0 ? <p>{t('exchange.noAggregates')}</p> : (
                <ul>{q.data.aggregates.map((a) => <li key={a.indicatorId}>{t('exchange.aggregateLine', { indicator: inLang(a.name, lang), period: a.period, value: a.display, count: a.contributors })}</li>)}</ul>
              )}
            </>
          )}
        </>
      )}
    </NetworkFrame>
  );
}
