import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError, Loading, useTitle } from '../../../core/ui';
import { mappingApi } from '../api';
import { useCoverage, useDenominators } from '../hooks';
import { DomainMap, DomainTable, SupplyTable, Heatmap, MappingFrame, measures, nameOf, useRegion, type Measure } from '../components/parts';
import '../mapping.css';

export function CoveragePage() {
  const { t, i18n } = useTranslation();
  useTitle(t('mapping.coverageTitle'));
  const { region } = useRegion();
  const [months, setMonths] = useState(12);
  const [measure, setMeasure] = useState<Measure>('servicesPer10k');
  const [domain, setDomain] = useState<string>('');
  const [denominatorId, setDenominatorId] = useState('');
  const denominators = useDenominators();
  const q = useCoverage(region?.id, months, denominatorId || undefined);
  const current = domain || q.data?.domains[0]?.code || '';
  return (
    <MappingFrame title={t('mapping.coverageTitle')} region>
      <p>{t('mapping.coverageLead')}</p>
      <form className="mapping-controls" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="cov-measure">{t('mapping.measureLabel')}</label>
          <select id="cov-measure" value={measure} onChange={(e) => setMeasure(e.target.value as Measure)}>
            {measures.map((m) => <option key={m} value={m}>{t(`mapping.measure.${m}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="cov-months">{t('mapping.months')}</label>
          <select id="cov-months" value={months} onChange={(e) => setMonths(Number(e.target.value))}>
            {[3, 6, 12, 24].map((m) => <option key={m} value={m}>{t('mapping.monthsOption', { count: m })}</option>)}
          </select>
        </div>
        {denominators.data && denominators.data.items.length > 1 ? (
          <div className="field">
            <label htmlFor="cov-denominator">{t('mapping.denominator')}</label>
            <select id="cov-denominator" value={denominatorId} onChange={(e) => setDenominatorId(e.target.value)}>
              {denominators.data.items.map((d, i) => <option key={d.id} value={i === 0 ? '' : d.id}>{nameOf(d, i18n.language)}</option>)}
            </select>
          </div>
        ) : null}
      </form>
      {q.isPending ? <Loading /> : q.isError ? <LoadError error={q.error} /> : (
        <>
          <p className="small muted">{t('mapping.suppressionNote', { n: q.data.suppressionThreshold })}</p>
          {q.data.denominator && q.data.denominator.code !== 'population.total' ? <p className="notice">{t('mapping.denominatorNote', { name: nameOf(q.data.denominator, i18n.language) })}</p> : null}
          <section aria-labelledby="cov-heat">
            <h2 id="cov-heat">{t('mapping.heatmapHeading')}</h2>
            <Heatmap coverage={q.data} measure={measure} onPick={setDomain} />
            <p><a href={mappingApi.coverageCsvUrl(q.data.region.id, months, i18n.language, denominatorId || undefined)} download>{t('mapping.downloadCsv')}</a></p>
          </section>
          <section aria-labelledby="cov-map">
            <h2 id="cov-map">{t('mapping.mapHeading')}</h2>
            <div className="field">
              <label htmlFor="cov-domain">{t('mapping.domain')}</label>
              <select id="cov-domain" value={current} onChange={(e) => setDomain(e.target.value)}>
                {q.data.domains.map((d) => <option key={d.code} value={d.code}>{nameOf(d, i18n.language)}</option>)}
              </select>
            </div>
            <p id="cov-map-title" className="visually-hidden">{t('mapping.mapTitle', { measure: t(`mapping.measure.${measure}`), domain: nameOf(q.data.domains.find((d) => d.code === current) ?? { name: current }, i18n.language) })}</p>
            <div className="mapping-map-layout">
              <DomainMap coverage={q.data} domain={current} measure={measure} titleId="cov-map-title" />
              <DomainTable coverage={q.data} domain={current} />
            </div>
            <SupplyTable coverage={q.data} domain={current} />
          </section>
          <section aria-labelledby="cov-sources">
            <h2 id="cov-sources">{t('mapping.sources')}</h2>
            <ul>{q.data.sources.map((s) => <li key={s.name}>{s.kind ? t(`mapping.sourceName.${s.kind}`, { from: s.from ?? '' }) : s.name}{s.asOf ? ` (${s.asOf})` : ''}</li>)}</ul>
          </section>
        </>
      )}
    </MappingFrame>
  );
}
