import { useTranslation } from 'react-i18next';
import { Link, NavLink, useParams } from 'react-router';
import type { Place } from './api';
import { useAllPlaces, useBoundaries, usePlace } from './hooks';
import { EmptyState, LoadError, Loading, useTitle } from '../../core/ui';
import { placeName } from '../organizations/hooks';
import { BoundaryMap } from './BoundaryMap';
import type { Feature } from './projection';

export function PlacesPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  useTitle(t('places.title'));
  const all = useAllPlaces();
  return (
    <>
      <h1>{t('places.title')}</h1>
      <p className="lead">{t('places.lead')}</p>
      <div className="places-layout">
        <nav className="place-tree" aria-label={t('places.treeLabel')}>
          <h2>{t('places.hierarchy')}</h2>
          {all.isPending ? <Loading /> : all.isError ? <LoadError error={all.error} /> : <Tree items={all.data.items} />}
        </nav>
        <section className="place-detail" aria-live="polite">
          {id ? <PlaceDetail id={id} /> : <EmptyState title={t('places.chooseTitle')}><p>{t('places.choose')}</p></EmptyState>}
        </section>
      </div>
    </>
  );
}

function Tree({ items }: { items: Place[] }) {
  const { t, i18n } = useTranslation();
  const byParent = new Map<string | null, Place[]>();
  const ids = new Set(items.map((g) => g.id));
  for (const g of items) {
    const key = g.parentId && ids.has(g.parentId) ? g.parentId : null;
    byParent.set(key, [...(byParent.get(key) ?? []), g]);
  }
  const render = (parent: string | null) => {
    const children = (byParent.get(parent) ?? []).slice().sort((a, b) => placeName(a, i18n.language).localeCompare(placeName(b, i18n.language), i18n.language));
    if (!children.length) return null;
    return (
      <ul>
        {children.map((g) => (
          <li key={g.id}>
            <NavLink to={`/places/${g.id}`}>{placeName(g, i18n.language)}</NavLink> <span className="muted small">{t(`enums.level.${g.level}`)}</span>
            {render(g.id)}
          </li>
        ))}
      </ul>
    );
  };
  if (!items.length) return <p>{t('places.none')}</p>;
  return render(null);
}

function PlaceDetail({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const place = usePlace(id);
  const hasChildBoundaries = !!place.data?.children.some((c) => c.hasBoundary);
  const boundaries = useBoundaries(id, hasChildBoundaries);
  if (place.isPending) return <Loading />;
  if (place.isError) return <LoadError error={place.error} />;
  const g = place.data;
  const name = placeName(g, i18n.language);
  // A place without mapped children shows its own boundary, with its siblings for context.
  const ownFeature: Feature[] =
    !hasChildBoundaries && g.boundary
      ? [{ type: 'Feature', geometry: g.boundary as Feature['geometry'], properties: { id: g.id, nameEn: g.nameEn, nameFr: g.nameFr, approximate: g.boundaryApproximate } }]
      : [];
  return (
    <>
      {g.ancestors.length ? (
        <nav aria-label={t('places.breadcrumbs')} className="breadcrumbs">
          <ol>
            {g.ancestors.map((a) => (
              <li key={a.id}>
                <Link to={`/places/${a.id}`}>{placeName(a, i18n.language)}</Link>
              </li>
            ))}
          </ol>
        </nav>
      ) : null}
      <h2 className="place-name">{name}</h2>
      <dl className="details compact">
        <dt>{t('places.level')}</dt>
        <dd>{t(`enums.level.${g.level}`)}</dd>
        <dt>{t('places.code')}</dt>
        <dd>{g.sgcCode ?? g.code}</dd>
        {i18n.language === 'fr' ? null : g.nameFr && g.nameFr !== g.nameEn ? (
          <>
            <dt>{t('places.nameFr')}</dt>
            <dd lang="fr">{g.nameFr}</dd>
          </>
        ) : null}
      </dl>
      {hasChildBoundaries ? (
        boundaries.isPending ? (
          <Loading />
        ) : boundaries.isError ? (
          <LoadError error={boundaries.error} />
        ) : (
          <BoundaryMap features={boundaries.data.features} title={t('places.mapOf', { name })} />
        )
      ) : ownFeature.length ? (
        <BoundaryMap features={ownFeature} title={t('places.boundaryOf', { name })} currentId={g.id} />
      ) : null}
      {!hasChildBoundaries && g.boundaryApproximate && !ownFeature.length ? <p>{t('places.approximate')}</p> : null}
      {g.children.length ? (
        <>
          <h3>{t('places.children', { count: g.children.length })}</h3>
          <ul className="columns">
            {g.children.map((c) => (
              <li key={c.id}>
                <Link to={`/places/${c.id}`}>{placeName(c, i18n.language)}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
