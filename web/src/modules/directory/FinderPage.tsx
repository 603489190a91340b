import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../core/api';
import { ErrorSummary, Field, type FieldErrors, fieldErrorsOf, LoadError, Loading, Pagination, useTitle } from '../../core/ui';
import { placeName, useMunicipalities } from '../organizations/hooks';
import {
  filtersFrom,
  languageName,
  paramsFrom,
  PER_PAGE,
  type FinderFilters,
  type FinderService,
  type Term,
  useCategories,
  useFinderLanguages,
  useFinderResults,
} from './finder';
import { CapacityLine, HoursList, Phones, ServiceBadges, useLanguageList } from './parts';
import { ServicesMap, type MapPoint } from './ServicesMap';

const RADII = ['5', '10', '15', '25', '50'];

export function FinderPage() {
  const { t } = useTranslation();
  useTitle(t('finder.title'));
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const [draft, setDraft] = useState<FinderFilters>(filters);
  const key = params.toString();
  // The address bar is the source of truth: back, forward and shared links restore the form.
  useEffect(() => setDraft(filtersFrom(new URLSearchParams(key))), [key]);

  const results = useFinderResults(filters);
  const apply = (next: FinderFilters) => setParams(paramsFrom({ ...next, page: next.page ?? 1 }));
  const change = <K extends keyof FinderFilters>(k: K, v: FinderFilters[K], now = false) => {
    const next = { ...draft, [k]: v, page: 1 };
    setDraft(next);
    if (now) apply(next);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    apply({ ...draft, page: 1 });
  };
  const errors: FieldErrors = results.isError ? fieldErrorsOf(results.error) : {};
  const activeFilters =
    filters.termId.length + (filters.municipality ? 1 : 0) + (filters.near ? 1 : 0) + (filters.language ? 1 : 0) + (filters.age ? 1 : 0) + (filters.openNow ? 1 : 0) + (filters.free ? 1 : 0) + (filters.wheelchair ? 1 : 0);

  return (
    <div className="finder">
      <h1>{t('finder.title')}</h1>
      <p className="lead">{t('finder.lead')}</p>
      <ErrorSummary errors={errors} labels={{ near: t('finder.near'), age: t('finder.age'), municipality: t('finder.municipality') }} />
      <form role="search" aria-label={t('finder.searchLabel')} className="finder-form" onSubmit={submit} noValidate>
        <div className="finder-search">
          <Field path="q" label={t('finder.query')} hint={t('finder.queryHint')}>
            {(p) => <input {...p} type="search" name="q" value={draft.q} onChange={(e) => change('q', e.target.value)} autoComplete="off" />}
          </Field>
          <button type="submit" className="button-primary">
            {t('finder.search')}
          </button>
        </div>
        <details className="finder-filters" open={activeFilters > 0 || undefined}>
          <summary>
            {t('finder.filters')}
            {activeFilters ? <> ({t('finder.activeFilters', { count: activeFilters })})</> : null}
          </summary>
          <Filters draft={draft} change={change} errors={errors} />
          <div className="filter-actions">
            <button type="submit" className="button-primary">
              {t('finder.applyFilters')}
            </button>
            {activeFilters ? (
              <button type="button" className="button-secondary" onClick={() => apply({ ...filtersFrom(new URLSearchParams()), q: draft.q })}>
                {t('finder.clearFilters')}
              </button>
            ) : null}
          </div>
        </details>
      </form>
      <Results results={results} onPage={(page) => apply({ ...filters, page })} />
    </div>
  );
}

function Filters({
  draft,
  change,
  errors,
}: {
  draft: FinderFilters;
  change: <K extends keyof FinderFilters>(k: K, v: FinderFilters[K], now?: boolean) => void;
  errors: FieldErrors;
}) {
  const { t, i18n } = useTranslation();
  const categories = useCategories();
  const languages = useFinderLanguages();
  const municipalities = useMunicipalities();
  const options = (terms: Term[], depth: number): React.ReactNode[] =>
    terms.flatMap((term) => [
      <option key={term.id} value={term.id}>
        {`${'\u2003'.repeat(depth)}${term.name}`}
      </option>,
      ...options(term.children, depth + 1),
    ]);
  const places = (municipalities.data?.items ?? []).slice().sort((a, b) => placeName(a, i18n.language).localeCompare(placeName(b, i18n.language), i18n.language));
  const langs = (languages.data?.items ?? [])
    .map((l) => ({ ...l, label: languageName(l.code, l.name, i18n.language) }))
    .sort((a, b) => a.label.localeCompare(b.label, i18n.language));
  return (
    <div className="finder-filter-grid">
      <Field path="termId" label={t('finder.category')}>
        {(p) => (
          <select {...p} value={draft.termId[0] ?? ''} onChange={(e) => change('termId', e.target.value ? [e.target.value] : [], true)}>
            <option value="">{t('finder.anyCategory')}</option>
            {(categories.data?.taxonomies ?? [])
              .slice()
              .sort((a) => (a.name.startsWith('Roundtable') ? -1 : 1))
              .map((tax) => (
                <optgroup key={tax.id} label={tax.name}>
                  {options(tax.terms, 0)}
                </optgroup>
              ))}
          </select>
        )}
      </Field>
      <Field path="municipality" label={t('finder.municipality')} error={errors.municipality}>
        {(p) => (
          <select {...p} value={draft.municipality} onChange={(e) => change('municipality', e.target.value, true)}>
            <option value="">{t('finder.anyMunicipality')}</option>
            {places.map((g) => (
              <option key={g.id} value={g.id}>
                {placeName(g, i18n.language)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field path="language" label={t('finder.language')}>
        {(p) => (
          <select {...p} value={draft.language} onChange={(e) => change('language', e.target.value, true)}>
            <option value="">{t('finder.anyLanguage')}</option>
            {langs.map((l) => (
              <option key={l.code} value={l.code}>
                {t('finder.languageOption', { language: l.label, count: l.services })}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="field-pair">
        <Field path="near" label={t('finder.near')} hint={t('finder.nearHint')} error={errors.near}>
          {(p) => <input {...p} type="text" name="near" value={draft.near} onChange={(e) => change('near', e.target.value)} autoComplete="postal-code" />}
        </Field>
        <Field path="radiusKm" label={t('finder.radius')}>
          {(p) => (
            <select {...p} value={draft.radiusKm || '15'} onChange={(e) => change('radiusKm', e.target.value === '15' ? '' : e.target.value, !!draft.near)}>
              {RADII.map((r) => (
                <option key={r} value={r}>
                  {t('finder.km', { count: Number(r) })}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field path="age" label={t('finder.age')} hint={t('finder.ageHint')} error={errors.age}>
        {(p) => <input {...p} type="number" inputMode="numeric" min={0} max={120} className="narrow" name="age" value={draft.age} onChange={(e) => change('age', e.target.value)} />}
      </Field>
      <fieldset className="finder-checks">
        <legend>{t('finder.only')}</legend>
        {(
          [
            ['openNow', t('finder.openNowFilter')],
            ['free', t('finder.freeFilter')],
            ['wheelchair', t('finder.wheelchairFilter')],
          ] as const
        ).map(([k, label]) => (
          <div className="checkbox" key={k}>
            <input id={`filter-${k}`} type="checkbox" checked={draft[k]} onChange={(e) => change(k, e.target.checked, true)} />
            <label htmlFor={`filter-${k}`}>{label}</label>
          </div>
        ))}
      </fieldset>
    </div>
  );
}

function Results({ results, onPage }: { results: ReturnType<typeof useFinderResults>; onPage: (p: number) => void }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  if (results.isPending) return <Loading />;
  if (results.isError) {
    if (results.error instanceof ApiError && results.error.status === 400) return null;
    return <LoadError error={results.error} />;
  }
  const data = results.data;
  const offset = (data.page - 1) * data.perPage;
  const points: MapPoint[] = data.items.flatMap((s, i) =>
    s.locations
      .filter((l) => l.latitude !== null && l.longitude !== null)
      .map((l) => ({
        key: `${s.id}-${l.id}`,
        marker: String(offset + i + 1),
        label: `${offset + i + 1}. ${s.name}${l.name ? `, ${l.name}` : ''}`,
        to: `/find/services/${s.id}`,
        latitude: l.latitude!,
        longitude: l.longitude!,
      })),
  );
  const search = params.toString();
  return (
    <section className="finder-results" aria-labelledby="results-heading" aria-busy={results.isFetching || undefined}>
      <div className="results-toolbar">
        <h2 id="results-heading" aria-live="polite">
          {t('finder.resultCount', { count: data.total })}
        </h2>
        {data.items.length ? (
          <button type="button" className="button-secondary print-button" onClick={() => window.print()}>
            {t('finder.print')}
          </button>
        ) : null}
      </div>
      {data.corrected ? (
        <p className="corrected">
          {t('finder.showingFor')} <strong>{data.corrected}</strong>
        </p>
      ) : null}
      {data.origin ? <p className="muted">{t('finder.distancesFrom', { place: data.origin.label })}</p> : null}
      <p className="print-only print-meta">{t('finder.printedOn', { date: new Date().toLocaleDateString(), url: window.location.href })}</p>
      {data.items.length === 0 ? (
        <div className="empty-state">
          <h3>{t('finder.emptyTitle')}</h3>
          <p>
            {t('finder.emptyBody')} <a href="tel:211">{t('finder.call211')}</a>
            {t('finder.emptyAfter')}
          </p>
        </div>
      ) : (
        <div className="finder-layout">
          <div>
            <ol className="service-list" start={offset + 1}>
              {data.items.map((s) => (
                <ServiceResult key={s.id} s={s} search={search} />
              ))}
            </ol>
            <Pagination page={data.page} perPage={PER_PAGE} total={data.total} onPage={onPage} />
          </div>
          <div className="finder-map">
            <h2 className="visually-hidden">{t('finder.mapTitle')}</h2>
            <ServicesMap points={points} title={t('finder.mapTitle')} origin={data.origin} />
          </div>
        </div>
      )}
    </section>
  );
}

function ServiceResult({ s, search }: { s: FinderService; search: string }) {
  const { t, i18n } = useTranslation();
  const languages = useLanguageList();
  return (
    <li className="service-result">
      <h3 className="record-title">
        <Link to={`/find/services/${s.id}`} state={{ search }}>
          {s.name}
        </Link>
      </h3>
      <p className="service-org">{s.organization.name}</p>
      <p className="service-description">{s.description}</p>
      <ServiceBadges s={s} />
      <dl className="facts">
        {s.distanceKm !== null ? (
          <div className="fact-group">
            <dt>{t('finder.distance')}</dt>
            <dd className="distance">{t('finder.distanceAway', { km: s.distanceKm.toLocaleString(i18n.language === 'fr' ? 'fr-CA' : 'en-CA') })}</dd>
          </div>
        ) : null}
        {s.languages.length ? (
          <div className="fact-group">
            <dt>{t('finder.languages')}</dt>
            <dd>{languages(s)}</dd>
          </div>
        ) : null}
        {s.capacity.map((c, i) => (
          <div key={i} className="fact-group">
            <dt>{t('finder.availability')}</dt>
            <dd>
              <CapacityLine c={c} />
            </dd>
          </div>
        ))}
      </dl>
      {/* What a printed resource list needs: how to reach, where, when and how to apply. */}
      <div className="print-only print-details">
        <Phones s={s} />
        {s.locations.map((l) => (
          <div key={l.id}>
            <strong>{l.name}</strong>
            {l.address ? <> — {l.address}</> : null}
            <HoursList hours={l.hours} />
          </div>
        ))}
        {s.applicationProcess ? (
          <p>
            <strong>{t('finder.howToApply')}{t('common.colon').trimEnd()}</strong> {s.applicationProcess}
          </p>
        ) : null}
      </div>
    </li>
  );
}
