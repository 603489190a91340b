import { z } from 'zod';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../core/api';
import { Form, TextArea, useZodForm } from '../../core/form';
import { intakeApi, type EmergencyInput } from './api';
import { useClient, useIntakeMutation, useReferrals } from './hooks';
import { isOrgAdmin, useUser } from '../../core/session';
import { LoadError, Loading, useTitle } from '../../core/ui';
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
  const client = useClient(id);
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

const breakGlassSchema = z.object({ reason: z.string().trim().min(10).max(1000) });

/** An org admin opens a record the consents hide, for an emergency, with the reason (audited, 60 minutes). */
function BreakGlass({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const user = useUser();
  const open = useIntakeMutation((body: EmergencyInput) => intakeApi.emergencyAccess(clientId, body));
  const form = useZodForm(breakGlassSchema, { defaultValues: { reason: '' } });
  if (!isOrgAdmin(user)) return null;
  return (
    <section className="panel" aria-labelledby="glass-title">
      <h2 id="glass-title">{t('intake.glass.title')}</h2>
      <p>{t('intake.glass.lead')}</p>
      <Form form={form} submitLabel={t('intake.glass.submit')} onSubmit={async (v) => { await open.mutateAsync({ reason: v.reason, minutes: 60 }); }}>
        <TextArea name="reason" label={t('intake.glass.reason')} hint={t('intake.glass.reasonHint')} required />
      </Form>
    </section>
  );
}

function ClientReferrals({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const r = useReferrals({ clientId });
  if (!r.data) return null;
  return <ReferralTable id="client-referrals" title={t('intake.referral.title')} items={r.data.items} empty={t('intake.referral.none')} />;
}
