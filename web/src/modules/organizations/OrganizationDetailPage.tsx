import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { Link, NavLink, useParams } from 'react-router';
import { api } from '../../core/api';
import { formatDateTime } from '../../core/i18n';
import type { Geography, Organization, Paged, User } from '../../core/types';
import { EmptyState, LoadError, Loading, useTitle, Table } from '../../core/ui';
import { placeName, useOrganization } from './hooks';

export function OrganizationDetailPage({ tab }: { tab: 'details' | 'users' }) {
  const { t } = useTranslation();
  const { id } = useParams();
  const org = useOrganization(id);
  useTitle(org.data?.legalName ?? t('organizations.title'));
  if (org.isPending) return <Loading />;
  if (org.isError) return <LoadError error={org.error} />;
  const o = org.data;
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/organizations">{t('organizations.title')}</Link>
      </p>
      <div className="page-heading">
        <h1>{o.legalName}</h1>
        {o.actions.update ? (
          <Link to={`/organizations/${o.id}/edit`} className="button button-primary">
            {t('common.edit')}
          </Link>
        ) : null}
      </div>
      {o.actions.viewUsers ? (
        <nav className="tabs" aria-label={t('organizations.sections')}>
          <NavLink to={`/organizations/${o.id}`} end>
            {t('organizations.tabDetails')}
          </NavLink>
          <NavLink to={`/organizations/${o.id}/users`}>{t('organizations.tabUsers')}</NavLink>
        </nav>
      ) : null}
      {tab === 'users' && o.actions.viewUsers ? <OrganizationUsers id={o.id} /> : <Details o={o} />}
    </>
  );
}

function Details({ o }: { o: Organization }) {
  const { t, i18n } = useTranslation();
  const geo = useQuery({
    queryKey: ['geography', o.geographyId],
    queryFn: () => api.get<Geography>(`/geographies/${o.geographyId}`),
    enabled: !!o.geographyId,
  });
  const none = <span className="muted">{t('common.notProvided')}</span>;
  return (
    <dl className="details">
      <dt>{t('organizations.fields.alternateNames')}</dt>
      <dd>{o.alternateNames.length ? o.alternateNames.join(', ') : none}</dd>
      <dt>{t('organizations.fields.description')}</dt>
      <dd className="prewrap">{o.description || none}</dd>
      <dt>{t('organizations.fields.partnerCategory')}</dt>
      <dd>{o.partnerCategory ? t(`enums.partnerCategory.${o.partnerCategory}`) : none}</dd>
      <dt>{t('organizations.fields.sector')}</dt>
      <dd>{o.sector ? t(`enums.sector.${o.sector}`) : none}</dd>
      <dt>{t('organizations.fields.website')}</dt>
      <dd>
        {o.website ? (
          <a href={o.website} rel="noopener noreferrer">
            {o.website}
          </a>
        ) : (
          none
        )}
      </dd>
      <dt>{t('organizations.fields.email')}</dt>
      <dd>{o.email ? <a href={`mailto:${o.email}`}>{o.email}</a> : none}</dd>
      <dt>{t('organizations.fields.phones')}</dt>
      <dd>
        {o.phones.length ? (
          <ul className="plain">
            {o.phones.map((p, i) => (
              <li key={i}>
                <a href={`tel:${p.number.replace(/[^+0-9]/g, '')}`}>{p.number}</a>
                {p.extension ? ` ${t('organizations.phone.ext')} ${p.extension}` : ''}
                {p.type ? ` (${t(`enums.phoneType.${p.type}`)})` : ''}
                {p.description ? ` – ${p.description}` : ''}
              </li>
            ))}
          </ul>
        ) : (
          none
        )}
      </dd>
      <dt>{t('organizations.fields.addresses')}</dt>
      <dd>
        {o.addresses.length ? (
          <ul className="plain">
            {o.addresses.map((a, i) => (
              <li key={i}>
                <address>
                  {a.address1}
                  {a.address2 ? `, ${a.address2}` : ''}
                  <br />
                  {a.city} {a.province} {a.postalCode ?? ''}
                </address>
                <span className="muted">{t(`enums.addressType.${a.type}`)}</span>
              </li>
            ))}
          </ul>
        ) : (
          none
        )}
      </dd>
      <dt>{t('organizations.fields.parent')}</dt>
      <dd>{o.parentId ? <Link to={`/organizations/${o.parentId}`}>{o.parentName ?? o.parentId}</Link> : none}</dd>
      <dt>{t('organizations.fields.geography')}</dt>
      <dd>{o.geographyId ? geo.data ? <Link to={`/places/${o.geographyId}`}>{placeName(geo.data, i18n.language)}</Link> : '…' : none}</dd>
      <dt>{t('organizations.updated')}</dt>
      <dd>{formatDateTime(o.updatedAt, i18n.language)}</dd>
    </dl>
  );
}

function OrganizationUsers({ id }: { id: string }) {
  const { t } = useTranslation();
  const users = useQuery({ queryKey: ['organization-users', id], queryFn: () => api.get<Paged<User>>(`/organizations/${id}/users?perPage=200`) });
  if (users.isPending) return <Loading />;
  if (users.isError) return <LoadError error={users.error} />;
  if (!users.data.items.length) return <EmptyState title={t('organizations.noUsers')} />;
  return (
    <div className="table-wrap">
      <Table>
        <caption className="visually-hidden">{t('organizations.tabUsers')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('users.name')}</th>
            <th scope="col">{t('users.email')}</th>
            <th scope="col">{t('users.roles')}</th>
            <th scope="col">{t('users.status')}</th>
          </tr>
        </thead>
        <tbody>
          {users.data.items.map((u) => (
            <tr key={u.id}>
              <td>{u.name}</td>
              <td>{u.email}</td>
              <td>{u.roles.map((r) => t(`enums.role.${r.role}`)).join(', ')}</td>
              <td>{u.isActive ? t('users.active') : t('users.inactive')}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
