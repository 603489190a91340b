import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { LoadError, Loading, useTitle } from '../../../core/ui';
import { useShare, useSnapshot, useSnapshots } from '../hooks';
import { DomainMap, DomainTable, Heatmap, nameOf } from '../components/parts';
import type { Coverage, Snapshot } from '../api';
import '../mapping.css';

/** A published snapshot: the signed-in view, or the public page (EN/FR) when shared. */
export function SnapshotPage({ publicLink = false }: { publicLink?: boolean }) {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const q = useSnapshot(id, publicLink);
  const share = useShare();
  const siblings = useSnapshots(publicLink ? undefined : q.data?.regionId, !publicLink && !!q.data);
  useTitle(q.data?.title ?? t('mapping.snapshotsTitle'));
  const [domain, setDomain] = useState('');
  if (q.isPending) return <Loading />;
  if (q.isError) return <LoadError error={q.error} />;
  const s: Snapshot = q.data;
  const figures = s.figures as unknown as Coverage;
  const current = domain || figures.domains[0]?.code || '';
  const base = publicLink ? `/api/v1/mapping/public/snapshots/${s.id}` : `/api/v1/mapping/snapshots/${s.id}`;
  const lang = i18n.language === 'fr' ? 'fr' : 'en';
  return (
    <>
      {!publicLink ? (
        <nav className="breadcrumbs" aria-label={t('mapping.breadcrumb')}>
          <ol><li><Link to="/mapping/snapshots">{t('mapping.snapshotsTitle')}</Link></li><li><span aria-current="page">{s.title}</span></li></ol>
        </nav>
      ) : null}
      <h1>{s.title}</h1>
      <p className="lead">{t('mapping.snapshotOf', { region: nameOf(figures.region, i18n.language), date: new Date(s.publishedAt).toLocaleDateString(lang === 'fr' ? 'fr-CA' : 'en-CA', { dateStyle: 'long' }) })}</p>
      <p className="notice">{t('mapping.immutableNote')}</p>
      {(() => {
        const earlier = (siblings.data?.items ?? []).filter((x) => x.id !== s.id && x.publishedAt < s.publishedAt).sort((x, y) => y.publishedAt.localeCompare(x.publishedAt))[0];
        return earlier ? <p><Link to={`/mapping/snapshots/compare?a=${earlier.id}&b=${s.id}`}>{t('mapping.compareEarlier', { title: earlier.title })}</Link></p> : null;
      })()}
      <p>
        <a href={`${base}/pdf?lang=${lang}`}>{t('mapping.pdf')}</a>
        {!publicLink ? <> · <a href={`${base}/csv?lang=${lang}`} download>{t('mapping.downloadCsv')}</a></> : null}
      </p>
      {!publicLink && s.actions['mapping.snapshot.share'] ? (
        <p>
          <button type="button" className="button-secondary" onClick={() => share.mutate({ id: s.id, isPublic: !s.isPublic })} disabled={share.isPending}>
            {s.isPublic ? t('mapping.makePrivate') : t('mapping.makePublic')}
          </button>{' '}
          {s.isPublic ? <Link to={`/mapping/public/snapshots/${s.id}`}>{t('mapping.publicLink')}</Link> : null}
        </p>
      ) : null}
      <section aria-labelledby="snap-method">
        <h2 id="snap-method">{t('mapping.method')}</h2>
        <p>{String((s.method as Record<string, unknown>)[lang] ?? '')}</p>
        <h3>{t('mapping.sources')}</h3>
        <ul>{s.sources.map((x) => <li key={x.name}>{x.kind ? t(`mapping.sourceName.${x.kind}`, { from: x.from ?? '' }) : x.name}{x.asOf ? ` (${x.asOf})` : ''}</li>)}</ul>
      </section>
      <section aria-labelledby="snap-heat">
        <h2 id="snap-heat">{t('mapping.heatmapHeading')}</h2>
        <Heatmap coverage={figures} measure="servicesPer10k" onPick={setDomain} />
      </section>
      <section aria-labelledby="snap-map">
        <h2 id="snap-map">{t('mapping.mapHeading')}</h2>
        <div className="field">
          <label htmlFor="snap-domain">{t('mapping.domain')}</label>
          <select id="snap-domain" value={current} onChange={(e) => setDomain(e.target.value)}>
            {figures.domains.map((d) => <option key={d.code} value={d.code}>{nameOf(d, i18n.language)}</option>)}
          </select>
        </div>
        <p id="snap-map-title" className="visually-hidden">{t('mapping.mapTitle', { measure: t('mapping.measure.servicesPer10k'), domain: current })}</p>
        <div className="mapping-map-layout">
          <DomainMap coverage={figures} domain={current} measure="servicesPer10k" titleId="snap-map-title" />
          <DomainTable coverage={figures} domain={current} />
        </div>
      </section>
      <section aria-labelledby="snap-findings">
        <h2 id="snap-findings">{t('mapping.findings')}</h2>
        {s.findings.length === 0 ? <p>{t('mapping.none')}</p> : (
          <ul className="mapping-findings">
            {s.findings.map((f, i) => {
              const d = figures.domains.find((x) => x.code === f.domain);
              return (
                <li key={i}>
                  <span className="badge">{t(`mapping.label.${f.label}`)}</span> <strong>{d ? nameOf(d, i18n.language) : f.domain}</strong>{f.placeName ? ` · ${f.placeName}` : ''}
                  {f.organizationNames.length ? <div className="small">{f.organizationNames.join(' · ')}</div> : null}
                  <div>{f.rationale}</div>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </>
  );
}
