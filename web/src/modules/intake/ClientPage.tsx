import { useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../../core/api';
import { isOrgAdmin, useUser } from '../../core/session';
import { ErrorSummary, Field, fieldErrorsOf, LoadError, Loading, useTitle, type FieldErrors } from '../../core/ui';
import type { Client, Referral } from './types';
import { ReferralTable } from './IntakePage';
import { Consents } from './Consents';
import { Screening } from './Screening';
import { Matches } from './Matches';
import { PlanSection } from './PlanSection';
import { Duplicates, PrivacyTools } from './ClientTools';
import { ClientDetails } from './ClientDetails';

/** One client: identity, consents, screening over time, suggested services and referrals, plan. */
export function ClientPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const user = useUser();
  const client = useQuery({ queryKey: ['intake', 'client', id], queryFn: () => api.get<Client>(`/intake/clients/${id}`), retry: false });
  useTitle(client.data?.name ?? t('intake.client.title'));
  if (client.isPending) return <Loading />;
  if (client.error) {
    return (
      <>
        <p><Link to="/intake">{t('intake.back')}</Link></p>
        <h1>{t('intake.client.title')}</h1>
        <LoadError error={client.error} />
        {client.error instanceof ApiError && client.error.status === 404 ? <BreakGlass clientId={id} /> : null}
      </>
    );
  }
  const c = client.data;
  const can = (k: string) => c.visibleCategories.includes(k);
  const myOrganizations = (user?.roles ?? []).filter((r) => ['staff', 'org_admin', 'privacy_officer'].includes(r.role) && r.scopeId).map((r) => r.scopeId as string);
  const isHome = myOrganizations.includes(c.homeOrganizationId);
  return (
    <>
      <p><Link to="/intake">{t('intake.back')}</Link></p>
      <h1>{c.name}{c.isFictional ? <span className="tag"> {t('intake.fictional')}</span> : null}</h1>
      {c.emergencyAccess && <p className="notice notice-warning" role="status">{t('intake.client.emergencyNotice')}</p>}
      <div className="client-sections">
        <ClientDetails client={c} canEdit={['identity', 'contact', 'demographics'].every(can)} isHome={isHome} />
        <Consents clientId={id} isHome={isHome} myOrganizations={myOrganizations} />
        {can('assessment') && <Screening clientId={id} />}
        {can('referral') && <Matches clientId={id} />}
        <ClientReferrals clientId={id} />
        {can('plan') && <PlanSection clientId={id} />}
        {c.status === 'active' && <Duplicates clientId={id} />}
        <PrivacyTools clientId={id} homeOrganizationId={c.homeOrganizationId} />
      </div>
    </>
  );
}

function BreakGlass({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const user = useUser();
  const qc = useQueryClient();
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  if (!isOrgAdmin(user)) return null;
  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      await api.post(`/intake/clients/${clientId}/emergency-access`, { reason, minutes: 60 });
      await qc.invalidateQueries({ queryKey: ['intake', 'client', clientId] });
    } catch (err) { setErrors(fieldErrorsOf(err)); }
  }
  return (
    <section className="panel" aria-labelledby="glass-title">
      <h2 id="glass-title">{t('intake.glass.title')}</h2>
      <p>{t('intake.glass.lead')}</p>
      <ErrorSummary errors={errors} labels={{ reason: t('intake.glass.reason') }} />
      <form className="form" onSubmit={submit} noValidate>
        <Field path="reason" label={t('intake.glass.reason')} error={errors.reason} required>{(p) => <textarea {...p} value={reason} onChange={(e) => setReason(e.target.value)} />}</Field>
        <button type="submit" className="button-primary">{t('intake.glass.submit')}</button>
      </form>
    </section>
  );
}

function ClientReferrals({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const r = useQuery({ queryKey: ['intake', 'referrals', clientId], queryFn: () => api.get<{ items: Referral[] }>(`/intake/referrals?clientId=${clientId}`) });
  if (!r.data) return null;
  return <ReferralTable id="client-referrals" title={t('intake.referral.title')} items={r.data.items} empty={t('intake.referral.none')} />;
}
