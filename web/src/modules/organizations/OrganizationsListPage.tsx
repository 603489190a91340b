import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useSearchParamChanges } from '../../core/searchParams';
import { partnerCategories, sectors } from '../../../../src/shared/contracts';
import { api, qs } from '../../core/api';
import type { OrganizationList } from '../../core/types';
import { EmptyState, LoadError, Loading, Pagination, useDebounced, useTitle } from '../../core/ui';

const PER_PAGE = 20;

export function OrganizationsListPage() {
  const { t } = useTranslation();
  useTitle(t('organizations.title'));
  const [params, change] = useSearchParamChanges();
  const q = params.get('q') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const partnerCategory = params.get('partnerCategory') ?? '';
  const sector = params.get('sector') ?? '';
  const [search, setSearch] = useState(q);
  const debounced = useDebounced(search, 300);

  // A change of the words or a filter starts again from the first page.
  const update = (changes: Record<string, string>) => change('page' in changes ? changes : { ...changes, page: null });

  useEffect(() => {
    if (debounced.trim() !== q) update({ q: debounced.trim() });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  const list = useQuery({
    queryKey: ['organizations', { q, page, partnerCategory, sector }],
    queryFn: () => api.get<OrganizationList>(`/organizations${qs({ q, page, perPage: PER_PAGE, partnerCategory, sector })}`),
    placeholderData: keepPreviousData,
  });
  const filtered = !!(q || partnerCategory || sector);

  return (
    <>
      <div className="page-heading">
        <h1>{t('organizations.title')}</h1>
        {list.data?.actions.create ? (
          <Link to="/organizations/new" className="button button-primary">
            {t('organizations.add')}
          </Link>
        ) : null}
      </div>
      <p className="lead">{t('organizations.lead')}</p>
      <form className="filters" role="search" aria-label={t('organizations.filters')} onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="org-search">{t('organizations.search')}</label>
          <input id="org-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="org-category">{t('organizations.fields.partnerCategory')}</label>
          <select id="org-category" value={partnerCategory} onChange={(e) => update({ partnerCategory: e.target.value })}>
            <option value="">{t('common.all')}</option>
            {partnerCategories.map((c) => (
              <option key={c} value={c}>
                {t(`enums.partnerCategory.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="org-sector">{t('organizations.fields.sector')}</label>
          <select id="org-sector" value={sector} onChange={(e) => update({ sector: e.target.value })}>
            <option value="">{t('common.all')}</option>
            {sectors.map((s) => (
              <option key={s} value={s}>
                {t(`enums.sector.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </form>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError error={list.error} />
      ) : list.data.items.length === 0 ? (
        <EmptyState title={filtered ? t('organizations.noMatchTitle') : t('organizations.emptyTitle')}>
          <p>{filtered ? t('organizations.noMatch') : t('organizations.empty')}</p>
        </EmptyState>
      ) : (
        <>
          <p role="status" className="result-count">
            {t('organizations.count', { count: list.data.total })}
          </p>
          <ul className="record-list">
            {list.data.items.map((o) => (
              <li key={o.id}>
                <h2 className="record-title">
                  <Link to={`/organizations/${o.id}`}>{o.legalName}</Link>
                </h2>
                {o.alternateNames.length ? <p className="muted">{o.alternateNames.join(' · ')}</p> : null}
                <p className="tags">
                  {o.partnerCategory ? <span className="tag">{t(`enums.partnerCategory.${o.partnerCategory}`)}</span> : null}
                  {o.sector ? <span className="tag">{t(`enums.sector.${o.sector}`)}</span> : null}
                </p>
              </li>
            ))}
          </ul>
          <Pagination page={list.data.page} perPage={list.data.perPage} total={list.data.total} onPage={(p) => update({ page: String(p) })} />
        </>
      )}
    </>
  );
}
