import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api, ApiError, qs, type RoleGrant } from '../../core/api';
import { formatDateTime } from '../../core/i18n';
import { isPlatformAdmin, useUser } from '../../core/session';
import type { Collaborative, OrganizationList, Paged, User } from '../../core/types';
import { EmptyState, ErrorSummary, Field, type FieldErrors, fieldErrorsOf, LoadError, Loading, Pagination, useDebounced, useTitle, Table } from '../../core/ui';

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

function CreateUser({ onDone }: { onDone: (u?: User) => void }) {
  const { t } = useTranslation();
  const me = useUser();
  const orgs = useOrganizationNames();
  const collaboratives = useQuery({ queryKey: ['collaboratives'], queryFn: () => api.get<{ items: Collaborative[] }>('/collaboratives') });
  const [f, setF] = useState({ email: '', name: '', password: '', organizationId: me?.organizationId ?? '', preferredLanguage: 'en', role: 'staff', collaborativeId: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string>();
  const [busy, setBusy] = useState(false);
  const roles = [...(isPlatformAdmin(me) ? ['platform_admin'] : []), ...orgRoles, ...collaborativeRoles];
  const labels = {
    email: t('users.email'),
    name: t('users.name'),
    password: t('users.initialPassword'),
    organizationId: t('users.organization'),
    preferredLanguage: t('users.language'),
    roles: t('users.role'),
    role: t('users.role'),
    collaborativeId: t('users.collaborative'),
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const local: FieldErrors = {};
    if (f.password.length < 12) local.password = t('users.passwordTooShort');
    if (orgRoles.includes(f.role) && !f.organizationId) local.organizationId = t('users.orgNeeded');
    if (collaborativeRoles.includes(f.role) && !f.collaborativeId) local.collaborativeId = t('users.collaborativeNeeded');
    setErrors(local);
    setMessage(undefined);
    if (Object.keys(local).length) return;
    const grant: RoleGrant | null = !f.role
      ? null
      : f.role === 'platform_admin'
        ? { role: f.role, scopeType: 'platform', scopeId: null }
        : orgRoles.includes(f.role)
          ? { role: f.role, scopeType: 'organization', scopeId: f.organizationId }
          : { role: f.role, scopeType: 'collaborative', scopeId: f.collaborativeId };
    setBusy(true);
    try {
      const u = await api.post<User>('/users', {
        email: f.email,
        name: f.name,
        password: f.password,
        organizationId: f.organizationId || null,
        preferredLanguage: f.preferredLanguage,
        roles: grant ? [grant] : [],
      });
      onDone(u);
    } catch (err) {
      const fe = fieldErrorsOf(err);
      // Role problems come back as roles.0.scopeId etc.; show them on the role field.
      for (const k of Object.keys(fe)) if (k.startsWith('roles.')) fe.role ??= fe[k];
      for (const k of Object.keys(fe)) if (k.startsWith('roles.')) delete fe[k];
      setErrors(fe);
      if (!Object.keys(fe).length) setMessage(err instanceof ApiError ? (err.status === 409 ? err.message : t('errors.generic')) : t('errors.network'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="create-user-title">
      <h2 id="create-user-title">{t('users.createTitle')}</h2>
      <ErrorSummary errors={errors} labels={labels} message={message} />
      <form className="form" onSubmit={submit} noValidate>
        <Field path="email" label={labels.email} error={errors.email} required>
          {(p) => <input {...p} type="email" autoComplete="off" value={f.email} onChange={(e) => setF({ ...f, email: e.target.value })} />}
        </Field>
        <Field path="name" label={labels.name} error={errors.name} required>
          {(p) => <input {...p} autoComplete="off" value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} />}
        </Field>
        <Field path="password" label={labels.password} hint={t('users.passwordHint')} error={errors.password} required>
          {(p) => <input {...p} type="password" autoComplete="new-password" value={f.password} onChange={(e) => setF({ ...f, password: e.target.value })} />}
        </Field>
        <Field path="organizationId" label={labels.organizationId} error={errors.organizationId}>
          {(p) => (
            <select {...p} value={f.organizationId} onChange={(e) => setF({ ...f, organizationId: e.target.value })}>
              <option value="">{t('common.notSet')}</option>
              {(orgs.data?.items ?? []).map((o) => (
                <option key={o.id} value={o.id}>
                  {o.legalName}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field path="role" label={labels.role} error={errors.role}>
          {(p) => (
            <select {...p} value={f.role} onChange={(e) => setF({ ...f, role: e.target.value })}>
              <option value="">{t('users.noRole')}</option>
              {roles.map((r) => (
                <option key={r} value={r}>
                  {t(`enums.role.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {collaborativeRoles.includes(f.role) ? (
          <Field path="collaborativeId" label={labels.collaborativeId} error={errors.collaborativeId} required>
            {(p) => (
              <select {...p} value={f.collaborativeId} onChange={(e) => setF({ ...f, collaborativeId: e.target.value })}>
                <option value="">{t('common.choose')}</option>
                {(collaboratives.data?.items ?? []).map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        <Field path="preferredLanguage" label={labels.preferredLanguage} error={errors.preferredLanguage}>
          {(p) => (
            <select {...p} value={f.preferredLanguage} onChange={(e) => setF({ ...f, preferredLanguage: e.target.value })}>
              <option value="en" lang="en">
                English
              </option>
              <option value="fr" lang="fr">
                Français
              </option>
            </select>
          )}
        </Field>
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={busy}>
            {busy ? t('common.saving') : t('users.create')}
          </button>
          <button type="button" className="button-secondary" onClick={() => onDone()}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
