import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useFormContext } from 'react-hook-form';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { PASSWORD_MIN, newPasswordText } from '../../../../src/core/accounts/password-rules';
import { api, ApiError, qs, type RoleGrant } from '../../core/api';
import { formatDateTime } from '../../core/i18n';
import { isPlatformAdmin, useUser } from '../../core/session';
import type { Collaborative, OrganizationList, Paged, User } from '../../core/types';
import { Form, SelectField, TextField, useZodForm } from '../../core/form';
import { EmptyState, LoadError, Loading, Pagination, useDebounced, useTitle, Table } from '../../core/ui';

const PER_PAGE = 25;

function useOrganizationNames() {
  return useQuery({
    queryKey: ['organizations', 'all-names'],
    queryFn: () => api.get<OrganizationList>('/organizations?perPage=200'),
    staleTime: 60_000,
  });
}

export function UsersPage() {
  const { t, i18n } = useTranslation();
  useTitle(t('users.title'));
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const [search, setSearch] = useState(q);
  const debounced = useDebounced(search.trim(), 300);
  const [creating, setCreating] = useState(false);
  const [status, setStatus] = useState('');
  const client = useQueryClient();
  const me = useUser();
  const orgs = useOrganizationNames();
  const orgName = (id: string | null) => (id ? (orgs.data?.items.find((o) => o.id === id)?.legalName ?? '') : '');

  useEffect(() => {
    if (debounced !== q) setParams(debounced ? { q: debounced } : {}, { replace: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  const users = useQuery({
    queryKey: ['users', { q, page }],
    queryFn: () => api.get<Paged<User>>(`/users${qs({ q, page, perPage: PER_PAGE })}`),
    placeholderData: keepPreviousData,
  });

  const toggle = useMutation({
    mutationFn: (u: User) => api.post<User>(`/users/${u.id}/${u.isActive ? 'deactivate' : 'activate'}`),
    onSuccess: (u) => {
      setStatus(u.isActive ? t('users.activated', { name: u.name }) : t('users.deactivated', { name: u.name }));
      void client.invalidateQueries({ queryKey: ['users'] });
    },
    onError: (err) => setStatus(err instanceof ApiError && err.errors[0] ? err.errors[0].message : t('errors.generic')),
  });

  return (
    <>
      <div className="page-heading">
        <h1>{t('users.title')}</h1>
        {!creating ? (
          <button type="button" className="button-primary" onClick={() => setCreating(true)}>
            {t('users.add')}
          </button>
        ) : null}
      </div>
      <p className="lead">{t('users.lead')}</p>
      {creating ? (
        <CreateUser
          onDone={(u) => {
            setCreating(false);
            if (u) setStatus(t('users.created', { name: u.name }));
            void client.invalidateQueries({ queryKey: ['users'] });
          }}
        />
      ) : null}
      <p role="status" className={status ? 'notice notice-success' : 'visually-hidden'}>
        {status}
      </p>
      <form className="filters" role="search" aria-label={t('users.searchLabel')} onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="user-search">{t('users.search')}</label>
          <input id="user-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
      </form>
      {users.isPending ? (
        <Loading />
      ) : users.isError ? (
        <LoadError error={users.error} />
      ) : users.data.items.length === 0 ? (
        <EmptyState title={t('users.emptyTitle')}>
          <p>{q ? t('users.noMatch') : t('users.empty')}</p>
        </EmptyState>
      ) : (
        <>
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="users-caption">
            <Table>
              <caption id="users-caption" className="visually-hidden">
                {t('users.title')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('users.name')}</th>
                  <th scope="col">{t('users.organization')}</th>
                  <th scope="col">{t('users.roles')}</th>
                  <th scope="col">{t('users.lastLogin')}</th>
                  <th scope="col">{t('users.status')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('users.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {users.data.items.map((u) => (
                  <tr key={u.id}>
                    <td>
                      {u.name}
                      <br />
                      <span className="small muted">{u.email}</span>
                    </td>
                    <td>{orgName(u.organizationId)}</td>
                    <td>{u.roles.map((r) => t(`enums.role.${r.role}`)).join(', ')}</td>
                    <td>{u.lastLoginAt ? formatDateTime(u.lastLoginAt, i18n.language) : t('users.never')}</td>
                    <td>
                      <span className={u.isActive ? 'status status-active' : 'status status-inactive'}>{u.isActive ? t('users.active') : t('users.inactive')}</span>
                    </td>
                    <td>
                      {u.id !== me?.id && !isPlatformAdmin(me) && u.roles.some((r) => r.role === 'privacy_officer') ? (
                        <span className="small muted">{t('accountsRoles.officerProtected')}</span>
                      ) : u.id !== me?.id ? (
                        <button type="button" className="button-secondary" disabled={toggle.isPending} onClick={() => toggle.mutate(u)}>
                          {u.isActive ? t('users.deactivate', { name: u.name }) : t('users.activate', { name: u.name })}
                        </button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </div>
          <Pagination page={users.data.page} perPage={users.data.perPage} total={users.data.total} onPage={(p) => setParams(q ? { q, page: String(p) } : { page: String(p) })} />
        </>
      )}
    </>
  );
}

const orgRoles = ['org_admin', 'staff', 'privacy_officer', 'viewer'];
const collaborativeRoles = ['coordinator', 'member'];

const createSchema = z
  .object({
    email: z.string().trim().min(1).max(320).pipe(z.email()),
    name: z.string().trim().min(1).max(200),
    password: newPasswordText,
    organizationId: z.string(),
    preferredLanguage: z.enum(['en', 'fr']),
    role: z.string(),
    collaborativeId: z.string(),
  })
  .superRefine((f, ctx) => {
    if (orgRoles.includes(f.role) && !f.organizationId) ctx.addIssue({ code: 'custom', path: ['organizationId'], message: 'users.orgNeeded' });
    if (collaborativeRoles.includes(f.role) && !f.collaborativeId) ctx.addIssue({ code: 'custom', path: ['collaborativeId'], message: 'users.collaborativeNeeded' });
  });

function CreateUser({ onDone }: { onDone: (u?: User) => void }) {
  const { t } = useTranslation();
  const me = useUser();
  const orgs = useOrganizationNames();
  const collaboratives = useQuery({ queryKey: ['collaboratives'], queryFn: () => api.get<{ items: Collaborative[] }>('/collaboratives') });
  const form = useZodForm(createSchema, { defaultValues: { email: '', name: '', password: '', organizationId: me?.organizationId ?? '', preferredLanguage: 'en', role: 'staff', collaborativeId: '' } });
  const role = form.watch('role');
  const roles = [...(isPlatformAdmin(me) ? ['platform_admin'] : []), ...orgRoles, ...collaborativeRoles];
  return (
    <section className="panel" aria-labelledby="create-user-title">
      <Form
        form={form}
        heading={<h2 id="create-user-title">{t('users.createTitle')}</h2>}
        labels={{ roles: t('users.role'), 'roles.*.scopeId': t('users.role'), 'roles.*.role': t('users.role') }}
        submitLabel={t('users.create')}
        actions={
          <button type="button" className="button-secondary" onClick={() => onDone()}>
            {t('common.cancel')}
          </button>
        }
        // Role problems come back as roles.0.scopeId and are listed under "Role" in the summary.
        onError={(err) => (err instanceof ApiError && err.status === 409 && !err.errors.length ? err.message : undefined)}
        onSubmit={async (f) => {
          const grant: RoleGrant | null = !f.role
            ? null
            : f.role === 'platform_admin'
              ? { role: f.role, scopeType: 'platform', scopeId: null }
              : orgRoles.includes(f.role)
                ? { role: f.role, scopeType: 'organization', scopeId: f.organizationId }
                : { role: f.role, scopeType: 'collaborative', scopeId: f.collaborativeId };
          const u = await api.post<User>('/users', {
            email: f.email,
            name: f.name,
            password: f.password,
            organizationId: f.organizationId || null,
            preferredLanguage: f.preferredLanguage,
            roles: grant ? [grant] : [],
          });
          onDone(u);
        }}
      >
        <TextField name="email" type="email" autoComplete="off" label={t('users.email')} required />
        <TextField name="name" autoComplete="off" label={t('users.name')} required />
        <TextField name="password" type="password" autoComplete="new-password" label={t('users.initialPassword')} hint={t('users.passwordHint', { min: PASSWORD_MIN })} required />
        <SelectField name="organizationId" label={t('users.organization')} required={orgRoles.includes(role)} placeholder={t('common.notSet')} choices={(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.legalName }))} />
        <SelectField name="role" label={t('users.role')} placeholder={t('users.noRole')} choices={roles.map((r) => ({ value: r, label: t(`enums.role.${r}`) }))} />
        {collaborativeRoles.includes(role) ? (
          <SelectField name="collaborativeId" label={t('users.collaborative')} required placeholder={t('common.choose')} choices={(collaboratives.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} />
        ) : null}
        <LanguageSelect />
      </Form>
    </section>
  );
}

/** English or French, each named in its own language. */
function LanguageSelect() {
  const { t } = useTranslation();
  const { register } = useFormContext();
  return (
    <div className="field">
      <label htmlFor="field-preferredLanguage">{t('users.language')}</label>
      <select id="field-preferredLanguage" {...register('preferredLanguage')}>
        <option value="en" lang="en">
          English
        </option>
        <option value="fr" lang="fr">
          Français
        </option>
      </select>
    </div>
  );
}
