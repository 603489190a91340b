import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { ApiError } from '../../core/api';
import { collaborativesApi } from './api';
import { collaborativesKeys, useHome } from './hooks';
import { LoadError, Loading, useTitle, Table } from '../../core/ui';
import { Form, SelectField, TextField, useZodForm } from '../../core/form';
import { collaborativeStages } from '../../../../src/modules/collaboratives/collaboratives.schema';
import { CollabFrame, formatDate, formatWhen } from './parts';
import type { Collab, Home } from './types';
import { FrontLinePanel } from '../mapping/components/FrontLinePanel';

/** The server's StageChangeBody, less the version the page adds. */
const stageSchema = z.object({ stage: z.enum(collaborativeStages), changedOn: z.string().min(1), reason: z.string().trim().min(1).max(2000) });
type StageValues = z.infer<typeof stageSchema>;

export function CollaborativeHomePage() {
  return <CollabFrame>{(c) => (!c.actions['collaborative.read'] ? <PublicNotice c={c} /> : <HomeBody c={c} />)}</CollabFrame>;
}

function PublicNotice({ c }: { c: Collab }) {
  const { t } = useTranslation();
  useTitle(c.name);
  return (
    <>
      <Profile c={c} />
      <p className="notice">
        {t('collaboratives.notMember')} <Link to={`/public/collaboratives/${c.id}`}>{t('collaboratives.tabPublic')}</Link>
      </p>
    </>
  );
}

function Profile({ c }: { c: Collab }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="profile-h">
      <h2 id="profile-h">{t('collaboratives.profile')}</h2>
      <dl className="facts">
        <dt>{t('collaboratives.f.type')}</dt>
        <dd>{t(`enums.collaborativeType.${c.type}`)}</dd>
        <dt>{t('collaboratives.f.scope')}</dt>
        <dd>{t(`enums.scope.${c.scope}`)}</dd>
        {c.catchmentName ? (
          <>
            <dt>{t('collaboratives.f.catchment')}</dt>
            <dd>{c.catchmentName}</dd>
          </>
        ) : null}
        {c.leadOrganizationName ? (
          <>
            <dt>{t('collaboratives.f.lead')}</dt>
            <dd>{c.leadOrganizationName}</dd>
          </>
        ) : null}
        {c.focus ? (
          <>
            <dt>{t('collaboratives.f.focus')}</dt>
            <dd>{c.focus}</dd>
          </>
        ) : null}
        <dt>{t('collaboratives.f.incorporated')}</dt>
        <dd>{c.incorporated ? t('collaboratives.yes') : t('collaboratives.no')}</dd>
        {(['vision', 'mission', 'mandate', 'guidingPrinciples'] as const).map((k) =>
          c[k] ? (
            <div key={k}>
              <dt>{t(`collaboratives.f.${k}`)}</dt>
              <dd className="prewrap">{c[k]}</dd>
            </div>
          ) : null,
        )}
      </dl>
    </section>
  );
}

function HomeBody({ c }: { c: Collab }) {
  const { t, i18n } = useTranslation();
  useTitle(c.name);
  const home = useHome(c.id);
  if (home.isPending) return <Loading />;
  if (home.isError) return <LoadError error={home.error} />;
  const h = home.data;
  const lng = i18n.language;
  return (
    <>
      <p className="tags">
        <span className="tag">{t(`enums.collaborativeType.${c.type}`)}</span>
        <span className="tag">
          {t('collaboratives.stage')}{t('common.colon')}{t(`enums.collaborativeStage.${c.stage}`)}
        </span>
      </p>
      {c.actions['collaborative.update'] ? (
        <p className="form-actions">
          <Link to={`/collaboratives/${c.id}/edit`}>{t('collaboratives.editProfile')}</Link>
        </p>
      ) : null}
      <div className="card-grid">
        <section className="card" aria-labelledby="h-meetings">
          <h2 id="h-meetings">{t('collaboratives.upcoming')}</h2>
          {h.upcomingMeetings.length ? (
            <ul>
              {h.upcomingMeetings.map((m) => (
                <li key={m.id}>
                  <Link to={`/collaboratives/${c.id}/meetings/${m.id}`}>{m.title}</Link> — {formatWhen(m.startsAt, lng)}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('collaboratives.noUpcoming')}</p>
          )}
        </section>
        <section className="card" aria-labelledby="h-actions">
          <h2 id="h-actions">{t('collaboratives.openActions')}</h2>
          <p>{t('collaboratives.overdueCount', { count: h.overdueCount })}</p>
          <ul>
            {h.openActionItems.slice(0, 6).map((a) => (
              <li key={a.id}>
                {a.title} — {a.ownerName}, {formatDate(a.dueOn, lng)} {a.overdue ? <strong className="badge badge-closed">{t('collaboratives.overdue')}</strong> : null}
              </li>
            ))}
          </ul>
        </section>
        <section className="card" aria-labelledby="h-gaps">
          <h2 id="h-gaps">{t('collaboratives.gaps')}</h2>
          {h.missingPartnerCategories.length + h.missingSectors.length === 0 ? (
            <p>{t('collaboratives.noGaps')}</p>
          ) : (
            <ul>
              {h.missingPartnerCategories.map((g) => (
                <li key={g}>{t(`enums.partnerCategory.${g}`)}</li>
              ))}
              {h.missingSectors.map((g) => (
                <li key={g}>{t(`enums.sector.${g}`)}</li>
              ))}
            </ul>
          )}
          <p className="small">{t('collaboratives.unsigned', { count: h.unsignedAgreements })}</p>
        </section>
        <section className="card" aria-labelledby="h-obligations">
          <h2 id="h-obligations">{t('collaboratives.obligationsDue')}</h2>
          {h.obligationsDue.length ? (
            <ul>
              {h.obligationsDue.map((o) => (
                <li key={o.id}>
                  {o.title} ({o.funderName}) — {formatDate(o.dueOn, lng)} {o.overdue ? <strong className="badge badge-closed">{t('collaboratives.overdue')}</strong> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('collaboratives.noObligations')}</p>
          )}
        </section>
        <section className="card" aria-labelledby="h-decisions">
          <h2 id="h-decisions">{t('collaboratives.recentDecisions')}</h2>
          {h.recentDecisions.length === 0 ? <p>{t('collaboratives.noDecisions')}</p> : null}
          <ul>
            {h.recentDecisions.map((d) => (
              <li key={d.id}>
                {d.motion} — {t(`enums.decisionResult.${d.result}`)}, {formatDate(d.decidedOn, lng)}
              </li>
            ))}
          </ul>
        </section>
        <FrontLinePanel collaborativeId={c.id} />
      </div>
      <div style={{ marginTop: '1.5rem' }}>
        <Profile c={h.collaborative} />
      </div>
      <StageSection c={c} history={h.stageHistory} />
    </>
  );
}

function StageSection({ c, history }: { c: Collab; history: Home['stageHistory'] }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const fresh = (from: string): StageValues => ({ stage: collaborativeStages.find((s) => s !== from) ?? collaborativeStages[0], changedOn: new Date().toISOString().slice(0, 10), reason: '' });
  const form = useZodForm(stageSchema, { defaultValues: fresh(c.stage) });
  async function submit(v: StageValues) {
    await collaborativesApi.changeStage(c.id, { ...v, version: c.version });
    form.reset(fresh(v.stage));
    await client.invalidateQueries({ queryKey: collaborativesKeys.one(c.id) });
    return t('collaboratives.stageChanged');
  }
  return (
    <section aria-labelledby="h-stage">
      <h2 id="h-stage">{t('collaboratives.stageHistory')}</h2>
      <div className="table-wrap" tabIndex={0} role="region" aria-label={t('collaboratives.scrollTable')}>
        <Table>
          <caption className="visually-hidden">{t('collaboratives.stageHistory')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('collaboratives.date')}</th>
              <th scope="col">{t('collaboratives.stage')}</th>
              <th scope="col">{t('collaboratives.reason')}</th>
              <th scope="col">{t('collaboratives.by')}</th>
            </tr>
          </thead>
          <tbody>
            {history.map((s) => (
              <tr key={s.id}>
                <td>{formatDate(s.changedOn, i18n.language)}</td>
                <td>{t(`enums.collaborativeStage.${s.toStage}`)}</td>
                <td>{s.reason}</td>
                <td>{s.actorLabel}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      </div>
      {c.actions['collaborative.stage'] ? (
        <Form form={form} onSubmit={submit} onError={(err) => (err instanceof ApiError && err.status === 409 ? t('collaboratives.stale') : undefined)} submitLabel={t('collaboratives.changeStage')} heading={<h3>{t('collaboratives.changeStage')}</h3>}>
          <div className="field-row">
            <SelectField name="stage" label={t('collaboratives.newStage')} choices={collaborativeStages.map((s) => ({ value: s, label: t(`enums.collaborativeStage.${s}`) }))} />
            <TextField name="changedOn" type="date" label={t('collaboratives.date')} required />
          </div>
          <TextField name="reason" label={t('collaboratives.reason')} required />
        </Form>
      ) : null}
    </section>
  );
}
