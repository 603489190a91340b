import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { intakeApi, type ConsentRequest } from './api';
import { useCollaborativeNames, useConsents, useIntakeMutation, useOrganizationNames } from './hooks';
import { formatDateTime } from '../../core/i18n';
import { ErrorSummary, Field, fieldErrorsOf, LoadError, Loading, type FieldErrors, Table } from '../../core/ui';
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
                  <td>{t(`intake.method.${k.method}`)}{k.witnessName ? ` (${t('intake.consent.witness')}: ${k.witnessName})` : ''}</td>
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

function AddConsent({ clientId, onDone, orgs, collaboratives }: { clientId: string; onDone: () => void; orgs: { id: string; legalName: string }[]; collaboratives: { id: string; name: string }[] }) {
  const { t } = useTranslation();
  const add = useIntakeMutation((body: ConsentRequest) => intakeApi.addConsent(clientId, body));
  const [f, setF] = useState({ purpose: 'referral', method: 'signed_on_screen', witnessName: '', externalPartner: '', collaborativeId: '', documentReference: '', startsAt: '', expiresAt: '' });
  const [cats, setCats] = useState<string[]>(['identity', 'contact', 'referral']);
  const [share, setShare] = useState<string[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const labels: Record<string, string> = { purpose: t('intake.consent.purpose'), method: t('intake.consent.method'), witnessName: t('intake.consent.witness'), startsAt: t('intake.consent.startsAt'), expiresAt: t('intake.consent.expiresAt'), organizationIds: t('intake.consent.shareWith'), externalPartner: t('intake.consent.external'), dataCategories: t('intake.consent.categories'), collaborativeId: t('intake.consent.collaborative'), documentReference: t('intake.consent.document') };
  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      await add.mutateAsync({
        purpose: f.purpose as ConsentRequest['purpose'], method: f.method as ConsentRequest['method'], witnessName: f.witnessName || undefined, externalPartner: f.externalPartner || undefined, dataCategories: cats as ConsentRequest['dataCategories'], organizationIds: share,
        collaborativeId: f.collaborativeId || undefined, documentReference: f.documentReference || undefined,
        startsAt: f.startsAt ? new Date(f.startsAt + 'T00:00:00').toISOString() : undefined, expiresAt: f.expiresAt ? new Date(f.expiresAt + 'T23:59:59').toISOString() : undefined,
      });
      onDone();
    } catch (err) { setErrors(fieldErrorsOf(err)); }
  }
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  return (
    <form className="form panel" onSubmit={submit} noValidate aria-labelledby="add-consent-title">
      <h3 id="add-consent-title">{t('intake.consent.add')}</h3>
      <ErrorSummary errors={errors} labels={labels} />
      <Field path="purpose" label={labels.purpose} error={errors.purpose}>{(p) => <select {...p} value={f.purpose} onChange={set('purpose')}>{['referral', 'care_coordination', 'shared_plan', 'intake'].map((x) => <option key={x} value={x}>{t(`intake.purpose.${x}`)}</option>)}</select>}</Field>
      <fieldset><legend>{labels.dataCategories}</legend><ul className="checkbox-list">{['identity', 'contact', 'demographics', 'assessment', 'referral', 'plan'].map((c) => <li key={c}><label><input type="checkbox" checked={cats.includes(c)} onChange={(e) => setCats(e.target.checked ? [...cats, c] : cats.filter((x) => x !== c))} /> {t(`intake.category.${c}`)}</label></li>)}</ul></fieldset>
      <fieldset><legend>{labels.organizationIds}</legend><ul className="checkbox-list">{orgs.map((o) => <li key={o.id}><label><input type="checkbox" checked={share.includes(o.id)} onChange={(e) => setShare(e.target.checked ? [...share, o.id] : share.filter((x) => x !== o.id))} /> {o.legalName}</label></li>)}</ul></fieldset>
      {collaboratives.length > 0 && (
        <Field path="collaborativeId" label={labels.collaborativeId} error={errors.collaborativeId} hint={t('intake.consent.collaborativeHint')}>
          {(p) => <select {...p} value={f.collaborativeId} onChange={set('collaborativeId')}><option value="">{t('common.notSet')}</option>{collaboratives.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}</select>}
        </Field>
      )}
      <Field path="externalPartner" label={labels.externalPartner} error={errors.externalPartner} hint={t('intake.consent.externalHint')}>{(p) => <input {...p} value={f.externalPartner} onChange={set('externalPartner')} />}</Field>
      <Field path="method" label={labels.method} error={errors.method}>{(p) => <select {...p} value={f.method} onChange={set('method')}>{['signed_on_screen', 'paper_scanned', 'verbal_witnessed'].map((m) => <option key={m} value={m}>{t(`intake.method.${m}`)}</option>)}</select>}</Field>
      {f.method === 'paper_scanned' && <Field path="documentReference" label={labels.documentReference} error={errors.documentReference} hint={t('intake.consent.documentHint')}>{(p) => <input {...p} value={f.documentReference} onChange={set('documentReference')} />}</Field>}
      {f.method === 'verbal_witnessed' && <Field path="witnessName" label={labels.witnessName} error={errors.witnessName} required>{(p) => <input {...p} value={f.witnessName} onChange={set('witnessName')} />}</Field>}
      <Field path="startsAt" label={labels.startsAt} error={errors.startsAt}>{(p) => <input {...p} type="date" value={f.startsAt} onChange={set('startsAt')} />}</Field>
      <Field path="expiresAt" label={labels.expiresAt} error={errors.expiresAt}>{(p) => <input {...p} type="date" value={f.expiresAt} onChange={set('expiresAt')} />}</Field>
      <div className="form-actions"><button type="submit" className="button-primary">{t('intake.consent.save')}</button> <button type="button" className="button-secondary" onClick={onDone}>{t('common.cancel')}</button></div>
    </form>
  );
}
