import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../core/api';
import { formatDateTime } from '../../core/i18n';
import { LoadError, Loading, useTitle, Table } from '../../core/ui';
import { canAdminister, useUser } from '../../core/session';
import type { ClientSummary, Referral, ReferralStatus, Worklist } from './types';
import { intakeApi } from './api';
import { intakeKeys, useClients, useIntakeMutation, useReferrals, useWorklist } from './hooks';
import { isClosed, needLabel, StatusBadge } from './parts';
import { useReferralEvents } from './useReferralEvents';
import { FhirImport } from './FhirImport';
import { languageName } from '../../core/labels';

/** The worker's worklist: incoming referrals, overdue follow-ups, my clients, reassessments, alerts. */
export function IntakePage() {
  const { t } = useTranslation();
  useTitle(t('intake.title'));
  const me = useUser();
  const wl = useWorklist();
  // Only people who work for an organization get a stream (the server refuses others).
  useReferralEvents(intakeKeys.worklist(), undefined, !!me?.roles.some((r) => r.scopeType === 'organization' && (r.role === 'staff' || r.role === 'org_admin' || r.role === 'privacy_officer')));
  return (
    <>
      <h1>{t('intake.title')}</h1>
      <p className="lead">{t('intake.lead')}</p>
      <p className="button-row">
        <Link className="button-primary" to="/intake/new">{t('intake.newIntake')}</Link>{' '}
        <Link className="button-secondary" to="/intake/reports">{t('intake.reports.title')}</Link>
        {' '}<Link className="button-secondary" to="/intake/bundles">{t('intake.bundles.title')}</Link>
        {canAdminister(me) && <>{' '}<Link className="button-secondary" to="/intake/instruments">{t('intake.instruments.title')}</Link></>}
      </p>
      <ClientSearch />
      {wl.isPending ? <Loading /> : wl.error ? <LoadError error={wl.error} /> : (
        <>
          {wl.data.alerts.length > 0 && (
            <section className="panel" aria-labelledby="alerts-title">
              <h2 id="alerts-title">{t('intake.worklist.alerts')}</h2>
              <ul>{wl.data.alerts.map((a) => <li key={a.id}>{formatDateTime(a.createdAt)} · {a.actor}: {a.message}</li>)}</ul>
            </section>
          )}
          <ReferralTable id="incoming" title={t('intake.worklist.incoming')} items={wl.data.incoming} empty={t('intake.worklist.noIncoming')} />
          <ReferralTable id="overdue" title={t('intake.worklist.overdue')} items={wl.data.overdueFollowUps} empty={t('intake.worklist.noOverdue')} />
          <ReferralTable id="waitlisted" title={t('intake.waitlist.worklist')} items={wl.data.waitlisted} empty={t('intake.waitlist.worklistEmpty')} />
          <SentReferrals />
          <section aria-labelledby="mine-title">
            <h2 id="mine-title">{t('intake.worklist.myClients')}</h2>
            <ClientList items={wl.data.clients} caption={t('intake.worklist.myClients')} />
          </section>
          <section aria-labelledby="reassess-title">
            <h2 id="reassess-title">{t('intake.worklist.reassessments')}</h2>
            {wl.data.reassessmentsDue.length === 0 ? <p>{t('intake.worklist.noReassessments')}</p> : (
              <ul>{wl.data.reassessmentsDue.map((r) => <li key={r.clientId}><Link to={`/intake/clients/${r.clientId}`}>{r.name}</Link> · {formatDateTime(r.lastAssessedAt)}</li>)}</ul>
            )}
          </section>
          {wl.data.selfReferrals.length > 0 && <SelfReferrals items={wl.data.selfReferrals} />}
          <FhirImport />
        </>
      )}
    </>
  );
}

function ClientSearch() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [submitted, setSubmitted] = useState<string>();
  const res = useClients(submitted ?? '', submitted !== undefined);
  const submit = (e: FormEvent) => { e.preventDefault(); setSubmitted(q); };
  return (
    <section className="panel" aria-labelledby="search-title">
      <h2 id="search-title">{t('intake.search.title')}</h2>
      <form role="search" onSubmit={submit} className="form">
        <label htmlFor="client-q">{t('intake.search.label')}</label>
        <p className="hint" id="client-q-hint">{t('intake.search.hint')}</p>
        <input id="client-q" aria-describedby="client-q-hint" value={q} onChange={(e) => setQ(e.target.value)} />
        <button type="submit" className="button-secondary">{t('intake.search.submit')}</button>
      </form>
      {res.isFetching ? <Loading /> : res.data ? <ClientList items={res.data.items} caption={t('intake.search.results')} /> : null}
    </section>
  );
}

function ClientList({ items, caption }: { items: ClientSummary[]; caption: string }) {
  const { t } = useTranslation();
  if (items.length === 0) return <p>{t('intake.noClients')}</p>;
  return (
    <div className="table-wrap">
      <Table>
        <caption className="visually-hidden">{caption}</caption>
        <thead><tr><th scope="col">{t('intake.client.name')}</th><th scope="col">{t('intake.client.birthDate')}</th><th scope="col">{t('intake.client.status')}</th></tr></thead>
        <tbody>
          {items.map((c) => (
            <tr key={c.id}>
              <td><Link to={`/intake/clients/${c.id}`}>{c.name}</Link>{c.isFictional ? <span className="tag"> {t('intake.fictional')}</span> : null}</td>
              <td>{c.birthDate ?? '—'}</td>
              <td>{t(`intake.clientStatus.${c.status}`)}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}

const referralStatuses: ReferralStatus[] = ['requested', 'received', 'accepted', 'on-hold', 'in-progress', 'completed', 'rejected', 'cancelled'];

/** Referrals my organization sent, newest first, filterable by state: where each loop stands. */
function SentReferrals() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<ReferralStatus | ''>('');
  const sent = useReferrals({ direction: 'outgoing', status: status || undefined });
  return (
    <div className="intake-sent">
      <ReferralTable
        id="sent"
        title={t('intake.sent.title')}
        items={sent.data?.items ?? []}
        empty={sent.isPending ? t('common.loading') : status ? t('intake.sent.noneWithStatus', { status: t(`intake.status.${status}`) }) : t('intake.sent.none')}
        filter={
          <p className="intake-sent-filter">
            <label htmlFor="sent-status">{t('intake.sent.filter')}</label>{' '}
            <select id="sent-status" value={status} onChange={(e) => setStatus(e.target.value as ReferralStatus | '')}>
              <option value="">{t('intake.sent.allStates')}</option>
              {referralStatuses.map((s) => <option key={s} value={s}>{t(`intake.status.${s}`)}</option>)}
            </select>
          </p>
        }
      />
      {sent.error ? <LoadError error={sent.error} /> : null}
    </div>
  );
}

export function ReferralTable({ id, title, items, empty, filter }: { id: string; title: string; items: Referral[]; empty: string; filter?: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {filter}
      {items.length === 0 ? <p>{empty}</p> : (
        <div className="table-wrap">
          <Table>
            <caption className="visually-hidden">{title}</caption>
            <thead><tr>
              <th scope="col">{t('intake.referral.client')}</th><th scope="col">{t('intake.referral.service')}</th><th scope="col">{t('intake.referral.from')}</th>
              <th scope="col">{t('intake.referral.to')}</th><th scope="col">{t('intake.referral.urgency')}</th><th scope="col">{t('intake.referral.status')}</th><th scope="col">{t('intake.referral.followUp')}</th>
            </tr></thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id}>
                  <td><Link to={`/intake/referrals/${r.id}`}>{r.clientName ?? t('intake.referral.noConsent')}</Link></td>
                  <td>{r.serviceName ?? (r.needCode ? needLabel(t, r.needCode) : '—')}</td>
                  <td>{r.fromOrganizationName}</td>
                  <td>{r.toOrganizationName ?? r.externalPartner}{r.toContactName ? ` (${r.toContactName})` : ''}</td>
                  <td>{t(`intake.urgency.${r.urgency}`)}</td>
                  <td><StatusBadge status={r.status} /></td>
                  <td>{isClosed(r.status) ? t('intake.referral.followUpClosed') : <>{formatDateTime(r.followUpDueAt)}{r.overdue ? <strong> {t('intake.referral.overdue')}</strong> : null}</>}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      )}
    </section>
  );
}

/** People who asked, from the finder, to be contacted: start their intake, or say why not. */
function SelfReferrals({ items }: { items: Worklist['selfReferrals'] }) {
  const { t } = useTranslation();
  const closeIt = useIntakeMutation((v: { id: string; outcome: 'could_not_reach' | 'not_needed' }) => intakeApi.closeSelfReferral(v.id, { outcome: v.outcome }));
  const [status, setStatus] = useState('');
  async function close(id: string, outcome: 'could_not_reach' | 'not_needed') {
    try {
      await closeIt.mutateAsync({ id, outcome });
      setStatus(t(`intake.selfReferral.closed.${outcome}`));
    } catch (err) {
      setStatus(err instanceof ApiError ? err.message : t('errors.network'));
    }
  }
  return (
    <section aria-labelledby="self-title">
      <h2 id="self-title">{t('intake.worklist.selfReferrals')}</h2>
      <p role="status" className={status ? 'notice notice-success' : 'visually-hidden'}>{status}</p>
      <div className="table-wrap">
        <Table>
          <caption className="visually-hidden">{t('intake.worklist.selfReferrals')}</caption>
          <thead><tr>
            <th scope="col">{t('intake.selfReferral.person')}</th><th scope="col">{t('intake.selfReferral.contact')}</th><th scope="col">{t('intake.selfReferral.need')}</th>
            <th scope="col">{t('intake.client.language')}</th><th scope="col">{t('intake.selfReferral.asked')}</th><th scope="col">{t('intake.selfReferral.actions')}</th>
          </tr></thead>
          <tbody>
            {items.map((s) => (
              <tr key={s.id}>
                <td>{s.firstName}</td><td>{s.contact}</td><td>{s.needCode ? needLabel(t, s.needCode) : '—'}</td><td>{languageName(s.preferredLanguage)}</td><td>{formatDateTime(s.createdAt)}</td>
                <td className="button-row">
                  <Link className="button-secondary" to={`/intake/new?selfReferral=${s.id}`} aria-label={t('intake.selfReferral.startFor', { name: s.firstName })}>{t('intake.selfReferral.start')}</Link>{' '}
                  <button type="button" className="button-secondary" onClick={() => void close(s.id, 'could_not_reach')} aria-label={t('intake.selfReferral.unreachableFor', { name: s.firstName })}>{t('intake.selfReferral.unreachable')}</button>{' '}
                  <button type="button" className="button-secondary" onClick={() => void close(s.id, 'not_needed')} aria-label={t('intake.selfReferral.notNeededFor', { name: s.firstName })}>{t('intake.selfReferral.notNeeded')}</button>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      </div>
    </section>
  );
}
