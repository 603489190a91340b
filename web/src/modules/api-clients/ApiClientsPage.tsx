import { useState } from 'react';
import { z } from 'zod';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../core/api';
import { CheckboxGroup, Form, TextField, useZodForm } from '../../core/form';
import { codeLabel } from '../../core/labels';
import { formatDateTime } from '../../core/i18n';
import { isPlatformAdmin, useUser } from '../../core/session';
import { LoadError, Loading, Table, useTitle } from '../../core/ui';
import { apiScopes as SCOPES, type ApiClient, type CreatedApiClient } from '../../../../src/core/api-clients/api-clients.schema';

const schema = z.object({ name: z.string().trim().min(1).max(200), scopes: z.array(z.string()).min(1) });

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
  const [token, setToken] = useState<{ name: string; token: string } | null>(null);
  const form = useZodForm(schema, { defaultValues: { name: '', scopes: ['fhir.read'] } });
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
          <Table>
              <caption className="visually-hidden">{t('apiClients.listTitle')}</caption>
              <thead><tr><th scope="col">{t('apiClients.name')}</th><th scope="col">{t('apiClients.scopes')}</th><th scope="col">{t('apiClients.lastUsed')}</th><th scope="col">{t('apiClients.state')}</th></tr></thead>
              <tbody>
                {list.data.items.map((c) => (
                  <tr key={c.id}>
                    <td>{c.name}</td>
                    <td>{c.scopes.map((s) => codeLabel(t, 'scope', s)).join(', ')}</td>
                    <td>{c.lastUsedAt ? formatDateTime(c.lastUsedAt) : t('apiClients.never')}</td>
                    <td>{c.revokedAt ? t('apiClients.revokedOn', { date: formatDateTime(c.revokedAt) }) : c.actions['api_clients.revoke'] ? (
                      <button type="button" className="button-secondary" onClick={() => void revoke(c)}>{t('apiClients.revoke', { name: c.name })}</button>
                    ) : null}</td>
                  </tr>
                ))}
              </tbody>
          </Table>
        )}
      </section>
      <section aria-labelledby="api-new-title" className="panel">
        <Form
          form={form}
          heading={<h2 id="api-new-title">{t('apiClients.newTitle')}</h2>}
          submitLabel={t('apiClients.create')}
          onSubmit={async (v) => {
            const c = await api.post<CreatedApiClient>('/api-clients', { organizationId, name: v.name, scopes: v.scopes });
            setToken({ name: c.name, token: c.token });
            form.reset({ name: '', scopes: v.scopes });
            await qc.invalidateQueries({ queryKey: key });
            return t('apiClients.created');
          }}
        >
          <TextField name="name" label={t('apiClients.name')} hint={t('apiClients.nameHint')} required />
          <CheckboxGroup name="scopes" label={t('apiClients.scopes')} required choices={SCOPES.map((s) => ({ value: s, label: codeLabel(t, 'scope', s) }))} />
        </Form>
      </section>
    </>
  );
}
