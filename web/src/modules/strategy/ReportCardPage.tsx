import { z } from 'zod';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../core/api';
import { applyServerErrors, Form, TextArea, TextField, useZodForm } from '../../core/form';
import { LoadError, Loading, useTitle, Table } from '../../core/ui';
import { reportCardPath, type ReportCard } from './api';
import { useFormatValue, useLocalized, usePlan, useReportCard, useReportCards, useStrategyMutation } from './hooks';
import { PlanTabs, ProgressBar, StatusBadge, TrendArrow, TurnTheCurve } from './parts';

const yearSchema = z.object({ year: z.number().int().min(1990).max(2100) });
const cardText = z.string().max(10000);
const cardSchema = z.object({ highlights: cardText, highlightsFr: cardText, nextYear: cardText, nextYearFr: cardText });

/** A plan's report cards and starting one for a year. */
export function ReportCardsPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const loc = useLocalized();
  const navigate = useNavigate();
  const plan = usePlan(id);
  const list = useReportCards(id);
  const form = useZodForm(yearSchema, { defaultValues: { year: new Date().getFullYear() } });
  const create = useStrategyMutation((v: z.output<typeof yearSchema>) => api.post<ReportCard>(`/strategy/plans/${id}/report-cards`, v));
  useTitle(t('strategy.reportCards.title'));
  if (plan.isPending || list.isPending) return <Loading />;
  if (plan.isError) return <LoadError error={plan.error} />;
  if (list.isError) return <LoadError error={list.error} />;
  return (
    <>
      <p className="breadcrumbs">
        <Link to={`/strategy/plans/${id}`}>{loc(plan.data.title, plan.data.titleFr)}</Link>
      </p>
      <h1>{t('strategy.reportCards.title')}</h1>
      <PlanTabs planId={id} />
      {list.data.items.length ? (
        <ul>
          {list.data.items.map((r) => (
            <li key={r.id}>
              <Link to={`/strategy/plans/${id}/report-cards/${r.id}`}>{t('strategy.reportCards.item', { year: r.year, version: r.reportVersion })}</Link> <span className="badge">{t(`strategy.reportCards.status.${r.status}`)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('strategy.reportCards.empty')}</p>
      )}
      {list.data.actions['strategy.manage'] ? (
        <Form
          form={form}
          className="form strategy-inline-form"
          submitLabel={t('strategy.reportCards.create')}
          onSubmit={async (v) => {
            const r = await create.mutateAsync(v);
            navigate(`/strategy/plans/${id}/report-cards/${r.id}`);
          }}
        >
          <TextField name="year" type="number" label={t('strategy.fields.year')} required />
        </Form>
      ) : null}
    </>
  );
}

/** The report card as a readable page (HTML), with PDF links; drafts can be edited and published. */
export function ReportCardPage({ publicLink }: { publicLink?: boolean }) {
  const { id = '', cardId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const loc = useLocalized();
  const fmt = useFormatValue();
  const url = reportCardPath(cardId, !!publicLink);
  const q = useReportCard(cardId, !!publicLink);
  useTitle(q.data ? `${t('strategy.reportCards.heading', { year: q.data.year })} – ${loc(q.data.content.plan.title, q.data.content.plan.titleFr)}` : t('strategy.reportCards.title'));
  if (q.isPending) return <Loading />;
  if (q.isError) return <LoadError error={q.error} />;
  const card = q.data;
  const c = card.content;
  const lang = i18n.language === 'fr' ? 'fr' : 'en';
  return (
    <article className="report-card">
      {!publicLink ? (
        <p className="breadcrumbs">
          <Link to={`/strategy/plans/${id}/report-cards`}>{t('strategy.reportCards.title')}</Link>
        </p>
      ) : null}
      <h1>{t('strategy.reportCards.heading', { year: card.year })}</h1>
      <p className="lead">
        {loc(c.plan.title, c.plan.titleFr)} · {c.plan.collaborativeName}
      </p>
      {!publicLink ? <PlanTabs planId={id} /> : null}
      <p>
        <span className="badge">{t(`strategy.reportCards.status.${card.status}`)}</span> {t('strategy.reportCards.version', { n: card.reportVersion })}
        {card.publishedAt ? ` · ${t('strategy.reportCards.publishedOn', { date: card.publishedAt.slice(0, 10), by: card.publishedBy })}` : ''}
      </p>
      {card.status === 'published' ? <p className="notice">{t('strategy.reportCards.frozen')}</p> : <p className="notice notice-warning">{t('strategy.reportCards.draftNote')}</p>}
      <p>
        <a href={`/api/v1${url}/pdf?lang=${lang}`}>{t('strategy.reportCards.pdf')}</a> · <a href={`/api/v1${url}/pdf?lang=${lang === 'fr' ? 'en' : 'fr'}`}>{t('strategy.reportCards.pdfOther')}</a>
      </p>
      {card.actions['strategy.reportCard.update'] && !publicLink ? <EditCard card={card} planId={id} /> : null}
      <section aria-labelledby="rc-glance">
        <h2 id="rc-glance">{t('strategy.reportCards.glance')}</h2>
        <ul>
          <li>{t('strategy.reportCards.actionsDone', { done: c.summary.completed, total: c.summary.actions })}</li>
          <li>{t('strategy.reportCards.overdue', { count: c.summary.overdue })}</li>
          <li>{t('strategy.reportCards.adopted', { count: c.summary.adoptedByPartners })}</li>
          <li>{t('strategy.reportCards.measuresMet', { met: c.summary.met, total: c.summary.measures })}</li>
        </ul>
      </section>
      <section aria-labelledby="rc-highlights">
        <h2 id="rc-highlights">{t('strategy.reportCards.highlights')}</h2>
        <p className="prewrap">{loc(c.highlights ?? '', c.highlightsFr) || t('strategy.reportCards.none')}</p>
      </section>
      <section aria-labelledby="rc-actions">
        <h2 id="rc-actions">{t('strategy.reportCards.actions')}</h2>
        {c.actions.length === 0 ? <p>{t('strategy.reportCards.noActionPlan', { year: card.year })}</p> : null}
        <div hidden={c.actions.length === 0} className="table-wrap" tabIndex={0}>
          <Table>
            <caption>{t('strategy.reportCards.actionsCaption', { year: card.year })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('strategy.kind.action')}</th>
                <th scope="col">{t('strategy.fields.champion')}</th>
                <th scope="col">{t('strategy.fields.status')}</th>
                <th scope="col">{t('strategy.fields.percentComplete')}</th>
                <th scope="col">{t('strategy.reportCards.latestNote')}</th>
              </tr>
            </thead>
            <tbody>
              {c.actions.map((a) => (
                <tr key={a.title}>
                  <th scope="row">
                    {a.title}
                    {a.overdue ? <span className="flag flag-overdue">{t('strategy.actionPlans.overdue')}</span> : null}
                  </th>
                  <td>{a.champion ?? '–'}</td>
                  <td>{t(`strategy.itemStatus.${a.status}`)}</td>
                  <td>
                    <ProgressBar value={a.percentComplete} />
                  </td>
                  <td>{a.lastNote ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      </section>
      <section aria-labelledby="rc-measures">
        <h2 id="rc-measures">{t('strategy.reportCards.measures')}</h2>
        {c.measures.map((m) => (
          <section key={m.name} aria-label={loc(m.name, m.nameFr)}>
            <h3>{loc(m.name, m.nameFr)}</h3>
            <p>
              {m.kind === 'population' ? t('strategy.measure.population') : t(`strategy.rba.${m.rbaType}`)} · {t('strategy.curve.target')}{t('common.colon')}{fmt(m.target, m.unit)} · {t('strategy.curve.actual')}{t('common.colon')}{fmt(m.actual, m.unit)} · <StatusBadge status={m.status} /> <TrendArrow trend={m.trend} />
            </p>
            <TurnTheCurve rows={m.curve} unit={m.unit} title={loc(m.name, m.nameFr)} compact />
          </section>
        ))}
      </section>
      <section aria-labelledby="rc-next">
        <h2 id="rc-next">{t('strategy.reportCards.nextYear')}</h2>
        <p className="prewrap">{loc(c.nextYear ?? '', c.nextYearFr) || t('strategy.reportCards.none')}</p>
      </section>
    </article>
  );
}

function EditCard({ card, planId }: { card: ReportCard; planId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const form = useZodForm(cardSchema, { defaultValues: { highlights: card.highlights ?? '', highlightsFr: card.highlightsFr ?? '', nextYear: card.nextYear ?? '', nextYearFr: card.nextYearFr ?? '' } });
  const save = useStrategyMutation((v: z.output<typeof cardSchema>) => api.patch<ReportCard>(`/strategy/report-cards/${card.id}`, { version: card.version, ...v }));
  const publish = useStrategyMutation(() => api.post<ReportCard>(`/strategy/report-cards/${card.id}/publish`, { version: card.version }), (r) => navigate(`/strategy/plans/${planId}/report-cards/${r.id}`));
  return (
    <section className="panel" aria-labelledby="rc-edit">
      <Form
        form={form}
        heading={<h2 id="rc-edit">{t('strategy.reportCards.edit')}</h2>}
        submitLabel={t('strategy.reportCards.save')}
        actions={
          <button
            type="button"
            className="button button-primary"
            disabled={form.formState.isSubmitting || publish.isPending}
            onClick={() => {
              form.clearErrors();
              publish.mutateAsync(undefined).catch((err: unknown) => applyServerErrors(form, err));
            }}
          >
            {t('strategy.reportCards.publish')}
          </button>
        }
        onSubmit={async (v) => {
          await save.mutateAsync(v);
          return t('strategy.reportCards.saved');
        }}
      >
        <TextArea name="highlights" label={t('strategy.reportCards.highlights')} />
        <TextArea name="highlightsFr" lang="fr" label={t('strategy.reportCards.highlightsFr')} />
        <TextArea name="nextYear" label={t('strategy.reportCards.nextYear')} />
        <TextArea name="nextYearFr" lang="fr" label={t('strategy.reportCards.nextYearFr')} />
      </Form>
      <p className="hint">{t('strategy.reportCards.publishHint')}</p>
    </section>
  );
}
