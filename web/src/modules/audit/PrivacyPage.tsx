import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { auditApi, type Alert } from './api';
import { auditKeys, useAlerts } from './hooks';
import { formatDateTime } from '../../core/i18n';
import { LoadError, Loading, Table, useTitle } from '../../core/ui';
import { useState } from 'react';


/** "Emergency access for 30 minutes. Reason: …" as the server words it, read back into its parts. */
function breakGlass(a: Alert) {
  const m = a.message.match(/^Emergency access for (\d+) minutes?\. Reason: ([\s\S]*)$/);
  return m ? { minutes: m[1], reason: m[2] } : { minutes: '', reason: a.message };
}

/**
 * The privacy officer's home: who broke the glass to open a client's record, other access
 * alerts to review, and where access requests are answered. Built on the worklist API, which
 * returns the unacknowledged alerts of the organizations where the user is privacy officer.
 */
export function PrivacyPage() {
  const { t } = useTranslation();
  useTitle(t('privacy.title'));
  const client = useQueryClient();
  const [done, setDone] = useState<string>();
  const [failed, setFailed] = useState<string>();
  const q = useAlerts();
  async function acknowledge(a: Alert) {
    setDone(undefined);
    setFailed(undefined);
    try {
      await auditApi.acknowledge(a.id);
      setDone(t('privacy.acknowledged'));
      await client.invalidateQueries({ queryKey: auditKeys.privacy });
    } catch (err) {
      setFailed(err instanceof Error ? err.message : t('errors.network'));
    }
  }
  const alerts = q.data?.alerts ?? [];
  const glass = alerts.filter((a) => a.kind === 'emergency_access');
  const other = alerts.filter((a) => a.kind !== 'emergency_access');
  const ackButton = (a: Alert) => (
    <button type="button" className="button-secondary" onClick={() => void acknowledge(a)}>
      {t('privacy.acknowledge')}
    </button>
  );
  return (
    <>
      <h1>{t('privacy.title')}</h1>
      <p className="lead">{t('privacy.lead')}</p>
      {done ? (
        <p className="notice notice-success" role="status">
          {done}
        </p>
      ) : null}
      {failed ? (
        <p className="notice notice-error" role="alert">
          {failed}
        </p>
      ) : null}
      {q.isPending ? <Loading /> : q.isError ? <LoadError error={q.error} /> : null}
      <section aria-labelledby="glass-h">
        <h2 id="glass-h">{t('privacy.breakGlass')}</h2>
        {q.isSuccess && glass.length === 0 ? <p>{t('privacy.noBreakGlass')}</p> : null}
        {glass.length ? (
          <Table>
            <caption className="visually-hidden">{t('privacy.breakGlass')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('privacy.when')}</th>
                <th scope="col">{t('privacy.who')}</th>
                <th scope="col">{t('privacy.minutes')}</th>
                <th scope="col">{t('privacy.reason')}</th>
                <th scope="col">{t('privacy.record')}</th>
                <th scope="col">{t('privacy.review')}</th>
              </tr>
            </thead>
            <tbody>
              {glass.map((a) => {
                const g = breakGlass(a);
                return (
                  <tr key={a.id}>
                    <td>{formatDateTime(a.createdAt)}</td>
                    <td>{a.actor}</td>
                    <td>{g.minutes}</td>
                    <td>{g.reason}</td>
                    <td>{a.clientId ? <Link to={`/intake/clients/${a.clientId}`}>{t('privacy.openRecord')}</Link> : '—'}</td>
                    <td>{ackButton(a)}</td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
        ) : null}
      </section>
      <section aria-labelledby="alerts-h">
        <h2 id="alerts-h">{t('privacy.accessAlerts')}</h2>
        {q.isSuccess && other.length === 0 ? <p>{t('privacy.noAlerts')}</p> : null}
        {other.length ? (
          <Table>
            <caption className="visually-hidden">{t('privacy.accessAlerts')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('privacy.when')}</th>
                <th scope="col">{t('privacy.who')}</th>
                <th scope="col">{t('privacy.what')}</th>
                <th scope="col">{t('privacy.review')}</th>
              </tr>
            </thead>
            <tbody>
              {other.map((a) => (
                <tr key={a.id}>
                  <td>{formatDateTime(a.createdAt)}</td>
                  <td>{a.actor}</td>
                  <td>{a.message}</td>
                  <td>{ackButton(a)}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        ) : null}
      </section>
      <section aria-labelledby="requests-h">
        <h2 id="requests-h">{t('privacy.accessRequests')}</h2>
        <p>{t('privacy.accessRequestsHow')}</p>
        <p>
          <Link to="/intake">{t('privacy.findClient')}</Link>
        </p>
      </section>
    </>
  );
}
