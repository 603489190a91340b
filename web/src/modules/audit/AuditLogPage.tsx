import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatDateTime } from '../../core/i18n';
import { useAuditEvents } from './hooks';
import { EmptyState, LoadError, Loading, useTitle, Table } from '../../core/ui';
import { codeLabel, fieldWords } from '../../core/labels';
import type { TFunction } from 'i18next';

/** Actions the platform records (labels in i18n/labels.{en,fr}.json); an unknown one is shown as words. */
export const auditActions = [
  'api_client.create',
  'api_client.revoke',
  'assessments.instrument.create',
  'assessments.results.follow_up',
  'assessments.round.close',
  'assessments.round.close_skipped',
  'assessments.round.links',
  'assessments.round.open',
  'assessments.round.remind',
  'assessments.survey.close',
  'assessments.survey.create',
  'assessments.survey.language',
  'assessments.survey.open',
  'assessments.survey.respond',
  'assessments.welcoming.create',
  'assessments.welcoming.link_action',
  'assessments.welcoming.unlink_action',
  'auth.login',
  'auth.login_blocked',
  'auth.login_failed',
  'auth.logout',
  'collaborative.action.create',
  'collaborative.action.update',
  'collaborative.agenda.update',
  'collaborative.agreement.sign',
  'collaborative.attendance.update',
  'collaborative.body.create',
  'collaborative.calendar_link.create',
  'collaborative.calendar_link.revoke',
  'collaborative.create',
  'collaborative.decision.create',
  'collaborative.document.approve',
  'collaborative.document.create',
  'collaborative.document.version',
  'collaborative.engagement.create',
  'collaborative.funding.create',
  'collaborative.funding.obligation',
  'collaborative.meeting.create',
  'collaborative.meeting.update',
  'collaborative.member.create',
  'collaborative.member.update',
  'collaborative.stage',
  'collaborative.update',
  'data.census_mapping.save',
  'data.dashboard.create',
  'data.dashboard.delete',
  'data.dashboard.update',
  'data.indicator.create',
  'data.indicator.update',
  'data.observations.import',
  'directory.import',
  'directory.service.capacity',
  'directory.service.update',
  'directory.service.verify',
  'directory.settings',
  'exchange.file.import',
  'exchange.grant.create',
  'exchange.grant.revoke',
  'exchange.member.add',
  'exchange.member.remove',
  'exchange.network.create',
  'exchange.practice.adapt',
  'exchange.practice.create',
  'exchange.practice.update',
  'exchange.template.adopt',
  'exchange.template.create',
  'exchange.template.version',
  'geography.create',
  'geography.update',
  'intake.access_report',
  'intake.alert.acknowledge',
  'intake.assessment.create',
  'intake.assessment.list',
  'intake.bundle.create',
  'intake.bundle.delete',
  'intake.bundle.update',
  'intake.client.close',
  'intake.client.create',
  'intake.client.duplicates',
  'intake.client.export',
  'intake.client.list',
  'intake.client.match',
  'intake.client.merge',
  'intake.client.read',
  'intake.client.reopen',
  'intake.client.unmerge',
  'intake.client.update',
  'intake.consent.create',
  'intake.consent.list',
  'intake.consent.relinquish',
  'intake.consent.withdraw',
  'intake.emergency_access',
  'intake.feed.publish',
  'intake.fhir.terminology.add',
  'intake.fhir.terminology.remove',
  'intake.instrument.create',
  'intake.instrument.delete',
  'intake.instrument.publish',
  'intake.instrument.retire',
  'intake.instrument.update',
  'intake.partner_link.view',
  'intake.plan.conference',
  'intake.plan.read',
  'intake.plan.update',
  'intake.purge',
  'intake.referral.accepted',
  'intake.referral.cancelled',
  'intake.referral.completed',
  'intake.referral.create',
  'intake.referral.fhir_import',
  'intake.referral.follow_up_reminded',
  'intake.referral.in_progress',
  'intake.referral.link',
  'intake.referral.list',
  'intake.referral.on_hold',
  'intake.referral.read',
  'intake.referral.received',
  'intake.referral.rejected',
  'intake.rotate_keys',
  'intake.self_referral.close',
  'intake.self_referral.create',
  'intake.self_referral.read',
  'intake.settings.update',
  'intake.worklist',
  'mapping.candidate.follow_up',
  'mapping.candidate.generate',
  'mapping.candidate.label',
  'mapping.feed.refresh',
  'mapping.feed.schedule',
  'mapping.snapshot.make_public',
  'mapping.snapshot.publish',
  'mapping.table.create',
  'mapping.table.import',
  'mapping.table.update',
  'notification.read',
  'notification.read_all',
  'notification.settings.update',
  'organization.create',
  'organization.update',
  'pathways.base.acknowledge',
  'pathways.copy',
  'pathways.create',
  'pathways.delete',
  'pathways.drawing.add',
  'pathways.feedback.add',
  'pathways.publish',
  'pathways.update',
  'platform.restore',
  'strategy.action_plan.add',
  'strategy.action_plan.create',
  'strategy.action_plan.note',
  'strategy.action_plan.update',
  'strategy.element.create',
  'strategy.element.delete',
  'strategy.element.update',
  'strategy.evidence.create',
  'strategy.evidence.delete',
  'strategy.import',
  'strategy.measure.create',
  'strategy.measure.target',
  'strategy.measure.update',
  'strategy.measure.value',
  'strategy.plan.create',
  'strategy.plan.new_version',
  'strategy.report_card.create',
  'strategy.report_card.publish',
  'strategy.report_card.update',
  'strategy.template.clone',
  'strategy.template.publish',
  'strategy.toc.edge',
  'strategy.toc.edge_delete',
  'strategy.toc.node',
  'strategy.toc.node_delete',
  'user.activate',
  'user.create',
  'user.deactivate',
  'user.password_changed',
  'user.roles_changed',
  'user.update',
] as const;
const entityTypes = ['organization', 'user', 'geography', 'service', 'collaborative', 'collaborative_meeting', 'collaborative_decision', 'data_indicator', 'data_dashboard', 'intake_client', 'mapping_snapshot', 'strategy_plan'] as const;
const FILTERS = ['actor', 'action', 'entityType', 'entityId', 'from', 'to'] as const;
const PAGE = 50;

/** A yyyy-mm-dd date from a date input, as the start or end of that day in the user's time zone. */
function dayBound(day: string, end: boolean): string | undefined {
  if (!day) return undefined;
  const d = new Date(`${day}T${end ? '23:59:59.999' : '00:00:00'}`);
  return isNaN(d.getTime()) ? undefined : d.toISOString();
}

export function AuditLogPage() {
  const { t, i18n } = useTranslation();
  useTitle(t('audit.title'));
  const [params, setParams] = useSearchParams();
  const applied = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? ''])) as Record<(typeof FILTERS)[number], string>;
  const [draft, setDraft] = useState(applied);

  const events = useAuditEvents(applied, (before) => ({
    actor: applied.actor,
    action: applied.action,
    entityType: applied.entityType,
    entityId: applied.entityId,
    from: dayBound(applied.from, false),
    to: dayBound(applied.to, true),
    before,
    limit: PAGE,
  }));

  function apply(e: FormEvent) {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const k of FILTERS) if (draft[k].trim()) next.set(k, draft[k].trim());
    setParams(next);
  }
  function clear() {
    const empty = Object.fromEntries(FILTERS.map((k) => [k, ''])) as typeof draft;
    setDraft(empty);
    setParams(new URLSearchParams());
  }

  const actionLabel = (a: string) => codeLabel(t, 'auditAction', a);
  const entityLabel = (e: string) => codeLabel(t, 'auditEntity', e);
  const rows = events.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <h1>{t('audit.title')}</h1>
      <p className="lead">{t('audit.lead')}</p>
      <form className="filters" onSubmit={apply} aria-label={t('audit.filters')}>
        <div className="field">
          <label htmlFor="audit-actor">{t('audit.actor')}</label>
          <input id="audit-actor" value={draft.actor} onChange={(e) => setDraft({ ...draft, actor: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="audit-action">{t('audit.action')}</label>
          <select id="audit-action" value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.target.value })}>
            <option value="">{t('common.all')}</option>
            {[...auditActions]
              .map((a) => ({ a, label: actionLabel(a) }))
              .sort((x, y) => x.label.localeCompare(y.label, i18n.language))
              .map(({ a, label }) => (
                <option key={a} value={a}>
                  {label}
                </option>
              ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-entity">{t('audit.entityType')}</label>
          <select id="audit-entity" value={draft.entityType} onChange={(e) => setDraft({ ...draft, entityType: e.target.value })}>
            <option value="">{t('common.all')}</option>
            {entityTypes.map((a) => (
              <option key={a} value={a}>
                {entityLabel(a)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-from">{t('audit.from')}</label>
          <input id="audit-from" type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">{t('audit.to')}</label>
          <input id="audit-to" type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        </div>
        <div className="filter-actions">
          <button type="submit" className="button-primary">
            {t('audit.apply')}
          </button>
          <button type="button" className="button-secondary" onClick={clear}>
            {t('audit.clear')}
          </button>
        </div>
      </form>
      {applied.entityId ? (
        <p className="notice notice-info">
          {t('audit.forRecord', { id: applied.entityId })}{' '}
          <button type="button" className="link-button" onClick={clear}>
            {t('audit.clear')}
          </button>
        </p>
      ) : null}
      {events.isPending ? (
        <Loading />
      ) : events.isError ? (
        <LoadError error={events.error} />
      ) : rows.length === 0 ? (
        <EmptyState title={t('audit.emptyTitle')}>
          <p>{t('audit.empty')}</p>
        </EmptyState>
      ) : (
        <>
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="audit-caption">
            <Table className="audit-table">
              <caption id="audit-caption" className="visually-hidden">
                {t('audit.title')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('audit.when')}</th>
                  <th scope="col">{t('audit.actor')}</th>
                  <th scope="col">{t('audit.action')}</th>
                  <th scope="col">{t('audit.record')}</th>
                  <th scope="col">{t('audit.details')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((ev) => (
                  <tr key={ev.id} data-action={ev.action} data-entity-id={ev.entityId ?? ''}>
                    <td>
                      <time dateTime={ev.occurredAt}>{formatDateTime(ev.occurredAt, i18n.language)}</time>
                    </td>
                    <td>{ev.actorLabel}</td>
                    <td>{actionLabel(ev.action)}</td>
                    <td>
                      {entityLabel(ev.entityType)}
                      {ev.entityId ? (
                        <>
                          <br />
                          {ev.entityType === 'organization' ? (
                            <Link to={`/organizations/${ev.entityId}`}>{String(ev.details?.legalName ?? ev.entityId)}</Link>
                          ) : (
                            <code className="small" title={ev.entityId}>
                              {ev.entityId.length > 13 ? `${ev.entityId.slice(0, 8)}…` : ev.entityId}
                            </code>
                          )}
                        </>
                      ) : null}
                    </td>
                    <td className="small audit-details">{summarize(t, ev.details)}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </div>
          {events.hasNextPage ? (
            <p>
              <button type="button" className="button-secondary" disabled={events.isFetchingNextPage} onClick={() => void events.fetchNextPage()}>
                {events.isFetchingNextPage ? t('common.loading') : t('audit.loadMore')}
              </button>
            </p>
          ) : (
            <p className="muted">{t('audit.end')}</p>
          )}
        </>
      )}
    </>
  );
}

const CODE = /^[a-z][a-z0-9]*([._][a-z0-9]+)+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A value in an event's details, as words: codes through the label catalogue, lists joined. */
function detailValue(t: TFunction, v: unknown, depth = 0): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? t('audit.yes') : t('audit.no');
  if (typeof v === 'string') {
    if (UUID.test(v)) return `${v.slice(0, 8)}…`;
    return CODE.test(v) ? codeLabel(t, 'auditValue', v) : v;
  }
  if (typeof v === 'number') return v.toLocaleString();
  if (Array.isArray(v)) return v.map((x) => detailValue(t, x, depth + 1)).join(', ');
  if (typeof v === 'object' && depth < 1)
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${detailKey(t, k)}${t('common.colon')}${detailValue(t, x, depth + 1)}`)
      .join(', ');
  return '…';
}

function detailKey(t: TFunction, key: string): string {
  return t(`labels.auditDetail.${key}`, { defaultValue: fieldWords(key) });
}

/** What changed, as "Field: value" pairs a person can read (no JSON, no codes). */
function summarize(t: TFunction, details: Record<string, unknown> | null): string {
  if (!details) return '';
  const text = Object.entries(details)
    .map(([k, v]) => `${detailKey(t, k)}${t('common.colon')}${detailValue(t, v)}`)
    .join('; ');
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}
