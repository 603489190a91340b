import { useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../core/api';
import { formatDateTime } from '../../core/i18n';
import { serverMessage } from '../../core/messages';
import { isPlatformAdmin, useUser } from '../../core/session';
import { LoadError, Loading, useTitle } from '../../core/ui';
import { apiScopes as SCOPES, type ApiClient, type CreatedApiClient } from '../../../../src/core/api-clients/api-clients.schema';

/** An organization admin's API clients: create (the token is shown once), see when each was last used, revoke. */
export function ApiClientsPage() {
  const { t } = useTranslation();
  useTitle(t('apiClients.title'));
  const me = useUser();
  const orgs = useQuery({ queryKey: ['organizations', 'all'], queryFn: () => api.get<{ items: { id: string; legalName: string }[] }>('/organizations?perPage=200') });
  const mine = new Set((me?.roles ?? []).filter((r) => r.role === 'org_admin' && r.scopeId).map((r) => r.scopeId!));
  const choices = (orgs.data?.items ?? []).filter((o) => isPlatformAdmin(me) || mine.has(o.id));
  const [orgId, setOrgId] = useState<string>('');
  const current = orgId || (me?.organizationId && choices.some((o) => o.id === me.organizationId) ? me.organizationId : choices[0]?.id) || '';
  return (
    <>
      <h1>{t('apiClients.title')}</h1>
      <p className="lead">{t('apiClients.lead')}</p>
      {orgs.isPending ? <Loading /> : orgs.error ? <LoadError error={orgs.error} /> : choices.length === 0 ? <p>{t('apiClients.none')}</p> : (
        <>
          {choices.length > 1 && (
            <div className="field">
              <label htmlFor="api-org">{t('apiClients.organization')}</label>
              <select id="api-org" value={current} onChange={(e) => setOrgId(e.target.value)}>
                {choices.map((o) => <option key={o.id} value={o.id}>{o.legalName}</option>)}
              </select>
            </div>
          )}
          {current && <Clients organizationId={current} />}
        </>
      )}
    </>
  );
}

function Clients({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const key = ['api-clients', organizationId];
  const list = useQuery({ queryKey: key, queryFn: () => api.get<{ items: ApiClient[] }>(`/api-clients?organizationId=${organizationId}`) });
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>(['fhir.read']);
  const [error, setError] = useState<Record<string, string>>({});
  const [token, setToken] = useState<{ name: string; token: string } | null>(null);
  async function create(e: FormEvent) {
    e.preventDefault();
    setError({});
    try {
      const c = await api.post<CreatedApiClient>('/api-clients', { organizationId, name, scopes });
      setToken({ name: c.name, token: c.token });
      setName('');
      await qc.invalidateQueries({ queryKey: key });
    } catch (err) {
      const out: Record<string, string> = {};
      if (err instanceof ApiError) { for (const x of err.errors) out[x.field.split('.')[0]] = serverMessage(x.message); if (!err.errors.length) out.name = serverMessage(err.message); }
      setError(out);
    }
  }
  async function revoke(c: ApiClient) {
    if (!window.confirm(t('apiClients.revokeConfirm', { name: c.name }))) return;
    await api.post(`/api-clients/${c.id}/revoke`);
    await qc.invalidateQueries({ queryKey: key });
  }
  return (
    <>
      {token && (
        <div className="panel" role="status">
          <h2>{t('apiClients.tokenTitle', { name: token.name })}</h2>
          <p>{t('apiClients.tokenOnce')}</p>
          <label htmlFor="api-token">{t('apiClients.token')}</label>
          <input id="api-token" readOnly value={token.token} style={{ width: '100%', fontFamily: 'monospace' }} onFocus={(e) => e.target.select()} />
          <p className="hint">{t('apiClients.tokenUse')}</p>
          <button type="button" className="button-secondary" onClick={() => setToken(null)}>{t('apiClients.tokenDone')}</button>
        </div>
      )}
      <section aria-labelledby="api-list-title">
        <h2 id="api-list-title">{t('apiClients.listTitle')}</h2>
        {list.isPending ? <Loading /> : list.error ? <LoadError error={list.error} /> : list.data.items.length === 0 ? <p>{t('apiClients.empty')}</p> : (
          <div style={{ overflowX: 'auto' }}>
            <table>
              <caption className="visually-hidden">{t('apiClients.listTitle')}</caption>
              <thead><tr><th scope="col">{t('apiClients.name')}</th><th scope="col">{t('apiClients.scopes')}</th><th scope="col">{t('apiClients.lastUsed')}</th><th scope="col">{t('apiClients.state')}</th></tr></thead>
              <tbody>
                {list.data.items.map((c) => (
                  <tr key={c.id}>
                    <td>{c.name}</td>
                    <td>{c.scopes.map((s) => t(`apiClients.scope.${s}`, { defaultValue: s })).join(', ')}</td>
                    <td>{c.lastUsedAt ? formatDateTime(c.lastUsedAt) : t('apiClients.never')}</td>
                    <td>{c.revokedAt ? t('apiClients.revokedOn', { date: formatDateTime(c.revokedAt) }) : c.actions['api_clients.revoke'] ? (
                      <button type="button" className="button-secondary" onClick={() => void revoke(c)}>{t('apiClients.revoke', { name: c.name })}</button>
                    ) : null}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <form onSubmit={create} aria-labelledby="api-new-title" className="panel">
        <h2 id="api-new-title">{t('apiClients.newTitle')}</h2>
        <div className={error.name ? 'field field-error' : 'field'}>
          <label htmlFor="api-name">{t('apiClients.name')}</label>
          {error.name && <p className="error-message" id="api-name-error">{error.name}</p>}
          <input id="api-name" value={name} required maxLength={200} aria-invalid={error.name ? true : undefined} aria-describedby={error.name ? 'api-name-error' : 'api-name-hint'} onChange={(e) => setName(e.target.value)} />
          <p className="hint" id="api-name-hint">{t('apiClients.nameHint')}</p>
        </div>
        <fieldset className={error.scopes ? 'field field-error' : 'field'}>
          <legend>{t('apiClients.scopes')}</legend>
          {error.scopes && <p className="error-message">{error.scopes}</p>}
          {SCOPES.map((s) => (
            <div key={s}>
              <input type="checkbox" id={`scope-${s}`} checked={scopes.includes(s)} onChange={(e) => setScopes(e.target.checked ? [...scopes, s] : scopes.filter((x) => x !== s))} />{' '}
              <label htmlFor={`scope-${s}`}>{t(`apiClients.scope.${s}`)}</label>
            </div>
          ))}
        </fieldset>
        <button type="submit" className="button-primary">{t('apiClients.create')}</button>
      </form>
    </>
  );
}
