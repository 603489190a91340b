import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ApiError } from '../../core/api';
import { Form, TextField, useZodForm } from '../../core/form';
import { SettingsBody } from '../../../../src/modules/intake/intake.schema';
import { intakeApi, type Settings as SettingsValues, type SettingsInput } from './api';
import { useDashboard, useFeed, useIntakeMutation, useSettings } from './hooks';
import { isOrgAdmin, isPlatformAdmin, useUser } from '../../core/session';
import { Table } from '../../core/ui';
import { LoadError, Loading, useTitle } from '../../core/ui';
import { ChartEmpty, timeXAxis, useTimeAxis } from '../../core/charts';
import { periodTime } from '../../core/timeAxis';

/** The organization's referral dashboard and the de-identified feed to planning. */
export function ReportsPage() {
  const { t } = useTranslation();
  useTitle(t('intake.reports.title'));
  const dash = useDashboard();
  const monthAxis = useTimeAxis((dash.data?.byMonth ?? []).map((m) => m.month));
  const feed = useFeed();
  return (
    <>
      <p><Link to="/intake">{t('intake.back')}</Link></p>
      <h1>{t('intake.reports.title')}</h1>
      <section aria-labelledby="dash-title">
        <h2 id="dash-title">{t('intake.reports.dashboard')}</h2>
        {dash.isPending ? <Loading /> : dash.error ? <LoadError error={dash.error} /> : (
          <>
            <dl className="details">
              <dt>{t('intake.reports.median')}</dt><dd>{dash.data.medianHoursToAccept ?? '—'}</dd>
              <dt>{t('intake.reports.completion')}</dt><dd>{dash.data.completionRate == null ? '—' : `${Math.round(dash.data.completionRate * 100)} %`}</dd>
              <dt>{t('intake.reports.overdue')}</dt><dd>{dash.data.overdue}</dd>
            </dl>
            {dash.data.byMonth.length === 0 ? <ChartEmpty /> : (
              <figure aria-labelledby="vol-fig">
                <figcaption id="vol-fig">{t('intake.reports.volumes')}</figcaption>
                <div aria-hidden="true" style={{ width: '100%', height: 240 }}>
                  <ResponsiveContainer><BarChart data={dash.data.byMonth.map((m) => ({ ...m, t: periodTime(m.month) }))} accessibilityLayer={false}><CartesianGrid strokeDasharray="3 3" /><XAxis {...timeXAxis(monthAxis)} /><YAxis allowDecimals={false} /><Tooltip labelFormatter={(v) => dash.data.byMonth.find((m) => periodTime(m.month) === v)?.month ?? ''} /><Legend />
                    <Bar dataKey="sent" name={t('intake.reports.sent')} fill="#0d47a1" /><Bar dataKey="received" name={t('intake.reports.received')} fill="#1b5e20" /></BarChart></ResponsiveContainer>
                </div>
              </figure>
            )}
            <div className="table-wrap">
              <Table>
                <caption>{t('intake.reports.volumes')}</caption>
                <thead><tr><th scope="col">{t('intake.reports.month')}</th><th scope="col">{t('intake.reports.sent')}</th><th scope="col">{t('intake.reports.received')}</th></tr></thead>
                <tbody>{dash.data.byMonth.map((m) => <tr key={m.month}><td>{m.month}</td><td>{m.sent}</td><td>{m.received}</td></tr>)}</tbody>
              </Table>
            </div>
            <Settings organizationId={dash.data.organizationId} />
            <div className="table-wrap">
              <Table>
                <caption>{t('intake.reports.byStatus')}</caption>
                <thead><tr><th scope="col">{t('intake.referral.status')}</th><th scope="col">{t('intake.reports.count')}</th></tr></thead>
                <tbody>{dash.data.byStatus.map((s) => <tr key={s.status}><td>{t(`intake.status.${s.status}`)}</td><td>{s.count}</td></tr>)}</tbody>
              </Table>
            </div>
          </>
        )}
      </section>
      <section aria-labelledby="feed-title">
        <h2 id="feed-title">{t('intake.reports.feed')}</h2>
        <p>{t('intake.reports.feedLead')} {t('intake.waitlist.feedKey')}</p>
        <Publish />
        {feed.isPending ? <Loading /> : feed.error ? <LoadError error={feed.error} /> : (
          <div className="table-wrap">
            <Table>
              <caption>{t('intake.reports.feed')}</caption>
              <thead><tr><th scope="col">{t('intake.reports.measure')}</th><th scope="col">{t('intake.reports.month')}</th><th scope="col">{t('intake.reports.municipality')}</th><th scope="col">{t('intake.reports.category')}</th><th scope="col">{t('intake.referral.outcome')}</th><th scope="col">{t('intake.reports.count')}</th></tr></thead>
              <tbody>{feed.data.rows.map((r, i) => <tr key={i}><td>{t(`intake.measure.${r.measure}`)}</td><td>{r.month}</td><td>{r.municipality ?? '—'}</td><td>{r.category}</td><td>{r.outcome ?? '—'}</td><td>{r.display}</td></tr>)}</tbody>
            </Table>
          </div>
        )}
      </section>
    </>
  );
}

function Publish() {
  const { t } = useTranslation();
  const user = useUser();
  const [message, setMessage] = useState('');
  const publishIt = useIntakeMutation(() => intakeApi.publishFeed());
  if (!isPlatformAdmin(user)) return null;
  async function publish() {
    try {
      setMessage((await publishIt.mutateAsync(undefined)).message);
    } catch (err) { setMessage(err instanceof ApiError ? err.message : t('errors.network')); }
  }
  return (
    <>
      <button type="button" className="button-secondary" onClick={publish}>{t('intake.reports.publish')}</button>
      <p role="status" className={message ? 'notice notice-info' : 'visually-hidden'}>{message}</p>
    </>
  );
}

function Settings({ organizationId }: { organizationId: string }) {
  const user = useUser();
  const admin = isOrgAdmin(user) && !!user?.roles.some((r) => r.role === 'org_admin' && r.scopeId === organizationId);
  const s = useSettings(organizationId, admin);
  if (!admin || !s.data) return null;
  return <SettingsForm organizationId={organizationId} current={s.data} />;
}

/** The organization's follow-up delay and retention, on the shared form library. */
function SettingsForm({ organizationId, current }: { organizationId: string; current: SettingsValues }) {
  const { t } = useTranslation();
  const save = useIntakeMutation((body: SettingsInput) => intakeApi.saveSettings(organizationId, body));
  const form = useZodForm(SettingsBody, { defaultValues: { followUpDays: current.followUpDays, retentionYears: current.retentionYears } });
  return (
    <Form
      form={form}
      className="form panel"
      heading={<h3 id="settings-title">{t('intake.reports.settings')}</h3>}
      submitLabel={t('intake.reports.saveSettings')}
      onSubmit={async (v) => {
        await save.mutateAsync(v);
        return t('intake.reports.settingsSaved');
      }}
    >
      <TextField name="followUpDays" type="number" inputMode="numeric" label={t('intake.reports.followUpDays')} hint={t('intake.reports.followUpDaysHint')} required />
      <TextField name="retentionYears" type="number" inputMode="numeric" label={t('intake.reports.retentionYears')} hint={t('intake.reports.retentionYearsHint')} required />
    </Form>
  );
}
