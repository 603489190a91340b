import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorSummary, Field, fieldErrorsOf, LoadError, Loading, useTitle, type FieldErrors, Table } from '../../../core/ui';
import { useGrants, useIndicatorOptions, useNetwork, useRevoke, useShare } from '../hooks';
import { inLang, NetworkFrame } from '../components/parts';
import type { Grant } from '../api';
import '../exchange.css';

/** Consent to compare: share one indicator at a time, see every grant (who, when, until when), revoke. */
export function SharingPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  useTitle(t('exchange.sharingTitle'));
  const net = useNetwork(id);
  const grants = useGrants(id);
  const indicators = useIndicatorOptions();
  const share = useShare(id);
  const revoke = useRevoke();
  const [form, setForm] = useState({ collaborativeId: '', indicatorId: '', validUntil: '', aggregateConsent: false });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [done, setDone] = useState('');
  const [reasons, setReasons] = useState<Record<string, string>>({});
  if (net.isPending) return <Loading />;
  if (net.isError) return <LoadError error={net.error} />;
  const lang = i18n.language;
  const mine = net.data.members.filter((m) => m.mine);
  const choices = mine.length ? mine : net.data.members;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone('');
    try {
      const g = await share.mutateAsync({ collaborativeId: form.collaborativeId || choices[0]?.collaborativeId, indicatorId: form.indicatorId, validUntil: form.validUntil || null, aggregateConsent: form.aggregateConsent });
      setErrors({});
      setDone(t('exchange.shared', { item: inLang(g.itemName, lang) }));
    } catch (err) {
      setErrors(fieldErrorsOf(err));
    }
  };
  const doRevoke = async (g: Grant) => {
    try {
      await revoke.mutateAsync({ id: g.id, reason: reasons[g.id] ?? '' });
      setDone(t('exchange.revoked', { item: inLang(g.itemName, lang) }));
      setErrors({});
    } catch (err) {
      setErrors(fieldErrorsOf(err));
    }
  };
  const date = (s: string) => new Date(s).toLocaleDateString(lang === 'fr' ? 'fr-CA' : 'en-CA', { dateStyle: 'medium' });
  return (
    <NetworkFrame network={net.data} title={t('exchange.sharingTitle')}>
      <p>{t('exchange.sharingLead')}</p>
      {done ? <p role="status">{done}</p> : null}
      {net.data.actions['exchange.grant.create'] ? (
        <form className="exchange-form" onSubmit={submit} noValidate>
          <h2>{t('exchange.shareHeading')}</h2>
          <ErrorSummary errors={errors} labels={{ collaborativeId: t('exchange.collaborative'), indicatorId: t('exchange.indicator'), validUntil: t('exchange.validUntil'), reason: t('exchange.reason') }} />
          <Field path="collaborativeId" label={t('exchange.collaborative')} error={errors.collaborativeId} required>
            {(p) => <select {...p} value={form.collaborativeId || choices[0]?.collaborativeId || ''} onChange={(e) => setForm({ ...form, collaborativeId: e.target.value })}>{choices.map((m) => <option key={m.collaborativeId} value={m.collaborativeId}>{m.name}</option>)}</select>}
          </Field>
          <Field path="indicatorId" label={t('exchange.indicator')} error={errors.indicatorId} required>
            {(p) => (
              <select {...p} value={form.indicatorId} onChange={(e) => setForm({ ...form, indicatorId: e.target.value })}>
                <option value="">–</option>
                {(indicators.data?.items ?? []).map((i) => <option key={i.id} value={i.id}>{inLang(i.name, lang)}</option>)}
              </select>
            )}
          </Field>
          <Field path="validUntil" label={t('exchange.validUntil')} hint={t('exchange.validUntilHint')} error={errors.validUntil}>
            {(p) => <input {...p} type="date" value={form.validUntil} onChange={(e) => setForm({ ...form, validUntil: e.target.value })} />}
          </Field>
          <div className="field">
            <label><input type="checkbox" checked={form.aggregateConsent} onChange={(e) => setForm({ ...form, aggregateConsent: e.target.checked })} /> {t('exchange.aggregateConsent')}</label>
          </div>
          <button type="submit" disabled={share.isPending}>{t('exchange.share')}</button>
        </form>
      ) : null}
      <h2>{t('exchange.grantsHeading')}</h2>
      {grants.isPending ? <Loading /> : grants.isError ? <LoadError error={grants.error} /> : grants.data.items.length === 0 ? <p>{t('exchange.noGrants')}</p> : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('exchange.grantsHeading')}>
          <Table className="data-table">
            <caption>{t('exchange.grantsHeading')}</caption>
            <thead><tr><th scope="col">{t('exchange.collaborative')}</th><th scope="col">{t('exchange.indicator')}</th><th scope="col">{t('exchange.grantedBy')}</th><th scope="col">{t('exchange.grantedAt')}</th><th scope="col">{t('exchange.validUntil')}</th><th scope="col">{t('exchange.status')}</th><th scope="col">{t('exchange.actionsCol')}</th></tr></thead>
            <tbody>
              {grants.data.items.map((g) => (
                <tr key={g.id}>
                  <th scope="row">{g.collaborativeName}</th>
                  <td>{inLang(g.itemName, lang)}</td>
                  <td>{g.grantedBy ?? '–'}</td>
                  <td>{date(g.grantedAt)}</td>
                  <td>{g.validUntil ?? t('exchange.untilRevoked')}</td>
                  <td>{g.live ? t('exchange.live') : g.revokedAt ? t('exchange.revokedOn', { date: date(g.revokedAt), by: g.revokedBy ?? '', reason: g.revokeReason ?? '' }) : t('exchange.lapsed')}</td>
                  <td>
                    {g.actions['exchange.grant.revoke'] ? (
                      <div className="exchange-controls">
                        <div className="field">
                          <label htmlFor={`reason-${g.id}`}>{t('exchange.reason')}</label>
                          <input id={`reason-${g.id}`} value={reasons[g.id] ?? ''} onChange={(e) => setReasons({ ...reasons, [g.id]: e.target.value })} />
                        </div>
                        <button type="button" onClick={() => doRevoke(g)} disabled={revoke.isPending}>{t('exchange.revoke')}</button>
                      </div>
                    ) : '–'}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      )}
    </NetworkFrame>
  );
}
