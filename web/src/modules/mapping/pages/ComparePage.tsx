import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { LoadError, Loading, useTitle, Table } from '../../../core/ui';
import { useComparison } from '../hooks';
import { nameOf } from '../components/parts';
import type { Coverage } from '../api';
import '../mapping.css';

/** Two snapshots side by side: the cells that changed, and the answers added or dropped. */
export function ComparePage() {
  const { t, i18n } = useTranslation();
  useTitle(t('mapping.compareHeading'));
  const [params] = useSearchParams();
  const [idA, idB] = [params.get('a') ?? '', params.get('b') ?? ''];
  const q = useComparison(idA || undefined, idB || undefined);
  if (!idA || !idB || idA === idB) {
    return (
      <>
        <h1>{t('mapping.compareHeading')}</h1>
        <p role="status">{t('mapping.compareChoose')}</p>
        <p><Link to="/mapping/snapshots">{t('mapping.snapshotsTitle')}</Link></p>
      </>
    );
  }
  if (q.isPending) return <Loading />;
  if (q.isError) return <LoadError error={q.error} />;
  const { a, b, changes } = q.data;
  const fb = b.figures as unknown as Coverage;
  const place = new Map(fb.places.map((p) => [p.id, nameOf(p, i18n.language)]));
  const domain = new Map(fb.domains.map((d) => [d.code, nameOf(d, i18n.language)]));
  return (
    <>
      <nav className="breadcrumbs" aria-label={t('mapping.breadcrumb')}>
        <ol><li><Link to="/mapping/snapshots">{t('mapping.snapshotsTitle')}</Link></li><li><span aria-current="page">{t('mapping.compareHeading')}</span></li></ol>
      </nav>
      <h1>{t('mapping.compareHeading')}</h1>
      <p className="lead">{t('mapping.compareLead', { a: a.title, b: b.title, dateA: a.publishedAt.slice(0, 10), dateB: b.publishedAt.slice(0, 10) })}</p>
      {changes.cells.length === 0 ? <p>{t('mapping.noChanges')}</p> : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('mapping.changedCells')}>
          <Table className="data-table">
            <caption>{t('mapping.changedCells')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('mapping.domain')}</th><th scope="col">{t('mapping.place')}</th>
                <th scope="col" className="num">{t('mapping.servicesBefore')}</th><th scope="col" className="num">{t('mapping.servicesAfter')}</th>
                <th scope="col" className="num">{t('mapping.unmetBefore')}</th><th scope="col" className="num">{t('mapping.unmetAfter')}</th>
              </tr>
            </thead>
            <tbody>
              {changes.cells.map((c) => (
                <tr key={`${c.domain}-${c.geographyId}`}>
                  <th scope="row">{domain.get(c.domain) ?? c.domain}</th>
                  <td>{place.get(c.geographyId) ?? ''}</td>
                  <td className="num">{c.services[0] ?? '–'}</td><td className="num">{c.services[1]}</td>
                  <td className="num">{c.unmet[0] ?? '–'}</td><td className="num">{c.unmet[1]}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      )}
      <h2>{t('mapping.findingsAdded')}</h2>
      {changes.findingsAdded.length ? <ul>{changes.findingsAdded.map((f, i) => <li key={i}>{t(`mapping.label.${f.label}`)} · {domain.get(f.domain) ?? f.domain}{f.placeName ? ` · ${f.placeName}` : ''}</li>)}</ul> : <p>{t('mapping.none')}</p>}
      <h2>{t('mapping.findingsRemoved')}</h2>
      {changes.findingsRemoved.length ? <ul>{changes.findingsRemoved.map((f, i) => <li key={i}>{t(`mapping.label.${f.label}`)} · {domain.get(f.domain) ?? f.domain}{f.placeName ? ` · ${f.placeName}` : ''}</li>)}</ul> : <p>{t('mapping.none')}</p>}
    </>
  );
}
