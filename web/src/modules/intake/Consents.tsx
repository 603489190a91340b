import { useState } from 'react';
import { z } from 'zod';
import { CheckboxGroup, Form, SelectField, TextField, useZodForm } from '../../core/form';
import { consentMethods, consentPurposes, dataCategories } from '../../../../src/modules/intake/intake.schema';
import { useTranslation } from 'react-i18next';
import { intakeApi, type ConsentRequest } from './api';
import { useCollaborativeNames, useConsents, useIntakeMutation, useOrganizationNames } from './hooks';
import { formatDateTime } from '../../core/i18n';
import { LoadError, Loading, Table } from '../../core/ui';
import type { Consent } from './types';

/**
 * A client's consent directives: who may see which categories, how given, for how long. The
 * client's home organization records and withdraws them (and alone sees witnesses and where the
 * form is kept); an organization a directive names may relinquish what it was given.
 */
export function Consents({ clientId, isHome, myOrganizations }: { clientId: string; isHome: boolean; myOrganizations: string[] }) {
  const { t } = useTranslation();
  const list = useConsents(clientId);
  const orgs = useOrganizationNames();
  const collaboratives = useCollaborativeNames();
  const withdrawIt = useIntakeMutation((consentId: string) => intakeApi.withdrawConsent(clientId, consentId));
  const relinquishIt = useIntakeMutation((consentId: string) => intakeApi.relinquishConsent(clientId, consentId));
  const name = (id: string) => orgs.data?.items.find((o) => o.id === id)?.legalName ?? id;
  const collaborativeName = (id: string) => collaboratives.data?.items.find((c) => c.id === id)?.name ?? id;
  const [adding, setAdding] = useState(false);
  const [confirming, setConfirming] = useState<string | null>(null);
  async function withdraw(k: Consent) {
    await withdrawIt.mutateAsync(k.id);
  }
  async function relinquish(k: Consent) {
    await relinquishIt.mutateAsync(k.id);
    setConfirming(null);
  }
  const namesMe = (k: Consent) => k.organizationIds.some((o) => myOrganizations.includes(o));
  return (
    <section aria-labelledby="consents-title">
      <h2 id="consents-title">{t('intake.consent.title')}</h2>
      {!isHome && <p className="hint">{t('intake.consent.notHome')}</p>}
      {list.isPending ? <Loading /> : list.error ? <LoadError error={list.error} /> : (
        <div className="table-wrap">
          <Table>
            <caption className="visually-hidden">{t('intake.consent.title')}</caption>
            <thead><tr><th scope="col">{t('intake.consent.purpose')}</th><th scope="col">{t('intake.consent.categories')}</th><th scope="col">{t('intake.consent.shareWith')}</th><th scope="col">{t('intake.consent.method')}</th><th scope="col">{t('intake.consent.period')}</th><th scope="col">{t('intake.consent.state')}</th><th scope="col">{t('intake.consent.actions')}</th></tr></thead>
            <tbody>
              {list.data.items.map((k) => (
                <tr key={k.id}>
                  <td>{t(`intake.purpose.${k.purpose}`)}</td>
                  <td>{k.dataCategories.map((c) => t(`intake.category.${c}`)).join(', ')}</td>
                  <td>{[...k.organizationIds.map(name), ...(k.collaborativeId ? [t('intake.consent.membersOf', { name: collaborativeName(k.collaborativeId) })] : []), ...(k.externalPartner ? [k.externalPartner] : [])].join(', ')}</td>
                  <td>{t(`intake.method.${k.method}`)}{k.witnessName ? ` (${t('intake.consent.witness')}${t('common.colon')}${k.witnessName})` : ''}</td>
                  <td>{formatDateTime(k.startsAt)} – {k.expiresAt ? formatDateTime(k.expiresAt) : t('intake.consent.noExpiry')}</td>
                  <td>{k.withdrawnAt ? t('intake.consent.withdrawn') : k.active ? t('intake.consent.active') : t('intake.consent.inactive')}</td>
                  <td>
                    {!k.withdrawnAt && isHome && <button type="button" className="button-secondary" onClick={() => withdraw(k)}>{t('intake.consent.withdraw')}</button>}
                    {!k.withdrawnAt && !isHome && namesMe(k) && (confirming === k.id ? (
                      <span role="group" aria-label={t('intake.consent.relinquish')}>
                        {t('intake.consent.relinquishConfirm')}{' '}
                        <button type="button" className="button-secondary" onClick={() => relinquish(k)}>{t('intake.consent.relinquishYes')}</button>{' '}
                        <button type="button" className="button-secondary" onClick={() => setConfirming(null)}>{t('common.cancel')}</button>
                      </span>
                    ) : <button type="button" className="button-secondary" onClick={() => setConfirming(k.id)}>{t('intake.consent.relinquish')}</button>)}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      )}
      {!isHome ? null : adding ? <AddConsent clientId={clientId} onDone={() => setAdding(false)} orgs={orgs.data?.items ?? []} collaboratives={collaboratives.data?.items ?? []} /> : <button type="button" className="button-secondary" onClick={() => setAdding(true)}>{t('intake.consent.add')}</button>}
    </section>
  );
}

const listOf = <T extends z.ZodType>(item: T) => z.preprocess((v) => (Array.isArray(v) ? v : typeof v === 'string' && v ? [v] : []), z.array(item));
const consentSchema = z
  .object({
    purpose: z.enum(consentPurposes),
    dataCategories: listOf(z.enum(dataCategories)).pipe(z.array(z.enum(dataCategories)).min(1)),
    organizationIds: listOf(z.string()),
    collaborativeId: z.string(),
    externalPartner: z.string().trim().max(200),
    method: z.enum(consentMethods),
    documentReference: z.string().trim().max(300),
    witnessName: z.string().trim().max(200),
    startsAt: z.string(),
    expiresAt: z.string(),
  })
  .superRefine((v, ctx) => {
    if (v.method === 'verbal_witnessed' && !v.witnessName) ctx.addIssue({ code: 'custom', path: ['witnessName'], message: 'errors.required' });
  });

function AddConsent({ clientId, onDone, orgs, collaboratives }: { clientId: string; onDone: () => void; orgs: { id: string; legalName: string }[]; collaboratives: { id: string; name: string }[] }) {
  const { t } = useTranslation();
  const add = useIntakeMutation((body: ConsentRequest) => intakeApi.addConsent(clientId, body));
  const form = useZodForm(consentSchema, {
    defaultValues: { purpose: 'referral', dataCategories: ['identity', 'contact', 'referral'], organizationIds: [], collaborativeId: '', externalPartner: '', method: 'signed_on_screen', documentReference: '', witnessName: '', startsAt: '', expiresAt: '' },
  });
  const method = form.watch('method');
  const opt = (v: string) => v.trim() || undefined;
  return (
    <Form
      form={form}
      className="form panel"
      heading={<h3 id="add-consent-title">{t('intake.consent.add')}</h3>}
      submitLabel={t('intake.consent.save')}
      actions={<button type="button" className="button-secondary" onClick={onDone}>{t('common.cancel')}</button>}
      onSubmit={async (v) => {
        await add.mutateAsync({
          purpose: v.purpose, method: v.method, witnessName: opt(v.witnessName), externalPartner: opt(v.externalPartner), dataCategories: v.dataCategories, organizationIds: v.organizationIds,
          collaborativeId: opt(v.collaborativeId), documentReference: opt(v.documentReference),
          startsAt: v.startsAt ? new Date(v.startsAt + 'T00:00:00').toISOString() : undefined, expiresAt: v.expiresAt ? new Date(v.expiresAt + 'T23:59:59').toISOString() : undefined,
        });
        onDone();
      }}
    >
      <SelectField name="purpose" label={t('intake.consent.purpose')} required choices={(['referral', 'care_coordination', 'shared_plan', 'intake'] as const).map((x) => ({ value: x, label: t(`intake.purpose.${x}`) }))} />
      <CheckboxGroup name="dataCategories" label={t('intake.consent.categories')} required choices={dataCategories.map((c) => ({ value: c, label: t(`intake.category.${c}`) }))} />
      <CheckboxGroup name="organizationIds" label={t('intake.consent.shareWith')} choices={orgs.map((o) => ({ value: o.id, label: o.legalName }))} />
      {collaboratives.length > 0 && (
        <SelectField name="collaborativeId" label={t('intake.consent.collaborative')} hint={t('intake.consent.collaborativeHint')} placeholder={t('common.notSet')} choices={collaboratives.map((c) => ({ value: c.id, label: c.name }))} />
      )}
      <TextField name="externalPartner" label={t('intake.consent.external')} hint={t('intake.consent.externalHint')} />
      <SelectField name="method" label={t('intake.consent.method')} required choices={consentMethods.map((m) => ({ value: m, label: t(`intake.method.${m}`) }))} />
      {method === 'paper_scanned' && <TextField name="documentReference" label={t('intake.consent.document')} hint={t('intake.consent.documentHint')} />}
      {method === 'verbal_witnessed' && <TextField name="witnessName" label={t('intake.consent.witness')} required />}
      <TextField name="startsAt" type="date" label={t('intake.consent.startsAt')} />
      <TextField name="expiresAt" type="date" label={t('intake.consent.expiresAt')} />
    </Form>
  );
}
