import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorSummary, fieldErrorsOf, LoadError, Loading, useTitle, type FieldErrors, Table } from '../../../core/ui';
import { useGrants, useNetwork, useRevoke } from '../hooks';
import { ShareForm } from '../components/forms';
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
  const revoke = useRevoke();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [done, setDone] = useState('');
  const [reasons, setReasons] = useState<Record<string, string>>({});
  if (net.isPending) return <Loading />;
  if (net.isError) return <LoadError error={net.error} />;
  const lang = i18n.language;
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
      {net.data.actions['exchange.grant.create'] ? <ShareForm network={net.data} /> : null}
      <ErrorSummary errors={errors} labels={{ reason: t('exchange.reason') }} />
      <h2>{t('exchange.grantsHeading')}</h2>
      {grants.isPending ? <Loading /> : grants.isError ? <LoadError error={grants.error} /> : grants.data.items.length === 0 ? <p>{t('exchange.noGrants')}</p> : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('exchange.grantsHeading')}>
          <Table className="data-table">
            <caption>{t('exchange.grantsHeading')}</caption>
            <thead><tr><th scope="col">{t('exchange.collaborative')}</th><th scope="col">{t('exchange.sharedItem')}</th><th scope="col">{t('exchange.grantedBy')}</th><th scope="col">{t('exchange.grantedAt')}</th><th scope="col">{t('exchange.validUntil')}</th><th scope="col">{t('exchange.status')}</th><th scope="col">{t('exchange.actionsCol')}</th></tr></thead>
            <tbody>
              {grants.data.items.map((g) => (
                <tr key={g.id}>
                  <th scope="row">{g.collaborativeName}</th>
                  <td>{inLang(g.itemName, lang)} ({t(`exchange.kindShort.${g.kind}`)})</td>
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
