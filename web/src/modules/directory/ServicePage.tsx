import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { LoadError, Loading, useTitle } from '../../core/ui';
import { useFinderService } from './finder';
import { ageRange, CapacityLine, formatDate, HoursList, Phones, ServiceBadges, useLanguageList } from './parts';
import { ServicesMap } from './ServicesMap';
import { StaffTools } from './StaffTools';
import { ServicePathways } from '../pathways/components/ServicePathways';

export function ServicePage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const location = useLocation();
  const service = useFinderService(id);
  const languages = useLanguageList();
  useTitle(service.data?.name ?? t('finder.title'));
  const search = (location.state as { search?: string } | null)?.search;
  const back = (
    <p className="back-link no-print">
      <Link to={`/find${search ? `?${search}` : ''}`}>{search ? t('finder.backToResults') : t('finder.backToFinder')}</Link>
    </p>
  );
  if (service.isPending) return <Loading />;
  if (service.isError) return (
    <>
      {back}
      <LoadError error={service.error} />
    </>
  );
  const s = service.data;
  const ages = ageRange(s, t);
  const points = s.locations
    .filter((l) => l.latitude !== null && l.longitude !== null)
    .map((l, i) => ({ key: l.id, marker: String(i + 1), label: `${i + 1}. ${l.name ?? s.name}`, to: `/find/services/${s.id}#location-${l.id}`, latitude: l.latitude!, longitude: l.longitude! }));
  return (
    <article className="service-page">
      {back}
      <h1>{s.name}</h1>
      <p className="service-org">
        {s.organization.website ? <a href={s.organization.website}>{s.organization.name}</a> : s.organization.name}
      </p>
      {s.status !== 'active' ? <p className="notice notice-warning">{t(`finder.statusNotice.${s.status}`, { defaultValue: s.status })}</p> : null}
      <ServiceBadges s={s} />
      <p className="service-description">{s.description}</p>
      <p className="no-print">
        <button type="button" className="button-secondary" onClick={() => window.print()}>
          {t('finder.printService')}
        </button>
      </p>

      <div className="service-columns">
        <div>
          <section aria-labelledby="apply-heading">
            <h2 id="apply-heading">{t('finder.howToApply')}</h2>
            <p className="prewrap">{s.applicationProcess ?? t('finder.contactToApply')}</p>
            <p>
              <Link to={`/intake/ask?service=${s.id}`}>{t('finder.askToBeContacted')}</Link>
            </p>
            {s.phones.length || s.email || s.url ? (
              <>
                <h3>{t('finder.contact')}</h3>
                <Phones s={s} />
                {s.email ? (
                  <p>
                    <a href={`mailto:${s.email}`}>{s.email}</a>
                  </p>
                ) : null}
                {s.url ? (
                  <p>
                    <a href={s.url}>{t('finder.website')}</a>
                  </p>
                ) : null}
              </>
            ) : null}
            {s.requiredDocuments.length ? (
              <>
                <h3>{t('finder.documents')}</h3>
                <ul>
                  {s.requiredDocuments.map((d) => (
                    <li key={d}>{d}</li>
                  ))}
                </ul>
              </>
            ) : null}
          </section>

          <section aria-labelledby="who-heading">
            <h2 id="who-heading">{t('finder.whoCanUse')}</h2>
            <dl className="details compact">
              <dt>{t('finder.eligibility')}</dt>
              <dd>{s.eligibility ?? t('finder.everyone')}</dd>
              <dt>{t('finder.ages')}</dt>
              <dd>{ages ?? t('finder.allAges')}</dd>
              <dt>{t('finder.fees')}</dt>
              <dd>{s.free ? t('finder.free') : (s.fees ?? t('common.notProvided'))}</dd>
              <dt>{t('finder.languages')}</dt>
              <dd>{languages(s) || t('common.notProvided')}</dd>
            </dl>
          </section>

          <section aria-labelledby="where-heading">
            <h2 id="where-heading">{t('finder.whereAndWhen', { count: s.locations.length })}</h2>
            {s.locations.length === 0 ? <p>{t('finder.noLocations')}</p> : null}
            {s.locations.map((l, i) => (
              <div key={l.id} id={`location-${l.id}`} className="location">
                <h3>
                  {s.locations.length > 1 ? `${i + 1}. ` : ''}
                  {l.name ?? s.name}
                </h3>
                {l.address ? <address>{l.address}</address> : null}
                <ul className="badges">
                  {l.openNow ? <li className="badge badge-open">{t('finder.openNow')}</li> : <li className="badge badge-closed">{t('finder.closedNow')}</li>}
                  {l.wheelchairAccessible ? <li className="badge badge-access">{t('finder.wheelchair')}</li> : null}
                </ul>
                {l.hours.length ? (
                  <>
                    <h4>{t('finder.hours')}</h4>
                    <HoursList hours={l.hours} />
                  </>
                ) : (
                  <p>{t('finder.noHours')}</p>
                )}
              </div>
            ))}
          </section>
        </div>

        <div>
          {s.capacity.length ? (
            <section aria-labelledby="capacity-heading">
              <h2 id="capacity-heading">{t('finder.availability')}</h2>
              <ul className="plain">
                {s.capacity.map((c, i) => (
                  <li key={i}>
                    <CapacityLine c={c} />
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {points.length ? (
            <section aria-labelledby="map-heading" className="no-print">
              <h2 id="map-heading">{t('finder.mapOfService')}</h2>
              <ServicesMap points={points} title={t('finder.mapOfServiceTitle', { name: s.name })} />
            </section>
          ) : null}
          {s.categories.length ? (
            <section aria-labelledby="categories-heading">
              <h2 id="categories-heading">{t('finder.categories')}</h2>
              <ul className="tags plain-tags">
                {s.categories.map((c) => (
                  <li key={c.id}>
                    <Link className="tag" to={`/find?termId=${c.id}`}>
                      {c.name}
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <ServicePathways serviceId={s.id} />
          <p className="verified muted">
            {s.lastVerifiedAt
              ? s.lastVerifiedBy
                ? t('finder.verifiedBy', { date: formatDate(s.lastVerifiedAt, i18n.language), who: s.lastVerifiedBy })
                : t('finder.verifiedOn', { date: formatDate(s.lastVerifiedAt, i18n.language) })
              : t('finder.notVerified')}
          </p>
        </div>
      </div>
      {s.actions['directory.service.update'] ? <StaffTools service={s} /> : null}
    </article>
  );
}
