import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { z } from 'zod';
import { Form, SelectField, TextArea, TextField, useZodForm } from '../../../core/form';
import { LoadError, Loading, Table, useTitle } from '../../../core/ui';
import { useFollowUp, useResults, useTrends } from '../hooks';
import { assessmentsApi, type Results } from '../api';
import { AssessmentsFrame, levelLabel, localized, num, pct } from '../components/parts';
import { Heatmap, Legend, Network, StackedShare, TrendChart } from '../components/charts';
import '../assessments.css';

type Block = NonNullable<Results['pairs']>[number];

const labelOf = (list: { key: string; en: string; fr: string }[] | undefined, key: string, lang: string) => {
  const x = list?.find((i) => i.key === key);
  return x ? localized(x, lang) : key;
};

/** Results of a closed round: aggregates only, each chart beside its table; trends; findings handed on. */
export function ResultsPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const q = useResults(id);
  const trends = useTrends(q.data?.round.collaborativeId, q.data?.round.instrument.key);
  useTitle(q.data ? t('assessments.resultsTitle', { title: q.data.round.title }) : t('assessments.title'));
  if (q.isPending) return <AssessmentsFrame title={t('assessments.title')}><Loading /></AssessmentsFrame>;
  if (q.isError) return <AssessmentsFrame title={t('assessments.title')}><LoadError error={q.error} /></AssessmentsFrame>;
  const r = q.data;
  const lang = i18n.language;
  const levels = r.pairs?.[0]?.levels.map((l) => l.level) ?? [];
  return (
    <AssessmentsFrame title={t('assessments.resultsTitle', { title: r.round.title })} lead={false}>
      {r.round.illustrative ? <p className="notice">{t('assessments.illustrativeNote')}</p> : null}
      <p className="hint">{t('assessments.computedAt', { when: new Date(r.computedAt).toLocaleString(lang === 'fr' ? 'fr-CA' : 'en-CA', { dateStyle: 'medium', timeStyle: 'short' }) })}</p>
      <p><a href={assessmentsApi.resultsCsvUrl(r.round.id, lang)} download>{t('assessments.downloadCsv')}</a></p>
      {r.pairs?.map((b) => <PairBlock key={b.theme} block={b} results={r} />)}
      {r.factors ? (
        <section>
          <h2>{t('assessments.factorsHeading')}</h2>
          <Table className="data-table">
            <caption>{t('assessments.factorsCaption')}</caption>
            <thead><tr><th scope="col">{t('assessments.factor')}</th><th scope="col">{t('assessments.respondents')}</th><th scope="col">{t('assessments.mean')}</th><th scope="col">{t('assessments.sd')}</th><th scope="col">{t('assessments.range')}</th><th scope="col">{t('assessments.reading')}</th></tr></thead>
            <tbody>
              {r.factors.map((f) => {
                return (
                  <tr key={f.factor}>
                    <th scope="row">{labelOf(r.definition.factors, f.factor, lang)}</th>
                    <td>{f.respondents}</td>
                    <td>{f.suppressed ? t('assessments.hidden') : num(f.mean, lang)}</td>
                    <td>{f.suppressed ? '–' : num(f.sd, lang)}</td>
                    <td>{f.suppressed ? '–' : `${num(f.min, lang)} – ${num(f.max, lang)}`}</td>
                    <td>{f.band ? t(`assessments.bands.${f.band}`) : '–'}</td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
        </section>
      ) : null}
      {r.checklist ? (
        <Table className="data-table">
          <caption>{t('assessments.checklistCaption')}</caption>
          <thead><tr><th scope="col">{t('assessments.item')}</th><th scope="col">{t('assessments.respondents')}</th><th scope="col">{t('assessments.share')}</th></tr></thead>
          <tbody>{r.checklist.map((c) => <tr key={c.item}><th scope="row">{labelOf(r.definition.items, c.item, lang)}</th><td>{c.respondents}</td><td>{c.suppressed ? t('assessments.hidden') : pct(c.share, lang)}</td></tr>)}</tbody>
        </Table>
      ) : null}
      {trends.data && trends.data.items.length > 1 && r.pairs ? (
        <section>
          <h2>{t('assessments.trendsHeading')}</h2>
          <div className="assessments-pair">
            <figure>
              <TrendChart trends={trends.data.items} levels={levels} />
              <Legend levels={levels.filter((l) => l > 0)} scale={r.scale} />
            </figure>
            <Table className="data-table">
              <caption>{t('assessments.trendsCaption')}</caption>
              <thead><tr><th scope="col">{t('assessments.roundTitle')}</th><th scope="col">{t('assessments.respondents')}</th>{levels.filter((l) => l > 0).map((l) => <th scope="col" key={l}>{t('assessments.atLeast', { level: levelLabel(r.scale, l, lang, t) })}</th>)}<th scope="col">{t('assessments.depth')}</th><th scope="col">{t('assessments.reciprocity')}</th></tr></thead>
              <tbody>
                {trends.data.items.map((x) => (
                  <tr key={x.roundId}>
                    <th scope="row">{x.title}</th>
                    <td>{x.respondents}</td>
                    {levels.filter((l) => l > 0).map((l) => <td key={l}>{x.suppressed ? t('assessments.hidden') : pct(x.densityAtLeast[String(l)], lang)}</td>)}
                    <td>{num(x.depth, lang)}</td>
                    <td>{pct(x.reciprocity, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </div>
        </section>
      ) : null}
      {r.round.actions['assessments.results.followUp'] ? <FollowUpForm results={r} /> : null}
      <details className="assessments-method">
        <summary>{t('assessments.method')}</summary>
        <p>{lang === 'fr' ? r.method.fr : r.method.en}</p>
      </details>
      <p><Link to={`/assessments?c=${r.round.collaborativeId}`}>{t('assessments.backToRounds')}</Link></p>
    </AssessmentsFrame>
  );
}

function PairBlock({ block: b, results: r }: { block: Block; results: Results }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const names = new Map(b.organizations.map((o, i) => [o.id, `${i + 1}. ${o.name}`]));
  const label = (v: number) => levelLabel(r.scale, v, lang, t);
  return (
    <section>
      {b.theme ? <h2>{labelOf(r.definition.themes, b.theme, lang)}</h2> : null}
      <Table className="data-table">
        <caption>{t('assessments.summaryCaption')}</caption>
        <tbody>
          <tr><th scope="row">{t('assessments.respondents')}</th><td>{t('assessments.progressValue', { submitted: b.respondents, roster: b.rosterSize })}</td></tr>
          <tr><th scope="row">{t('assessments.extent')}</th><td>{pct(b.extent, lang)}</td></tr>
          <tr><th scope="row">{t('assessments.scope')}</th><td>{pct(b.scope, lang)}</td></tr>
          <tr><th scope="row">{t('assessments.depth')}</th><td>{b.depth === null ? '–' : `${num(b.depth, lang)} (${label(Math.round(b.depth))})`}</td></tr>
          <tr><th scope="row">{t('assessments.reciprocity')}</th><td>{b.reciprocity.share === null ? '–' : t('assessments.reciprocityValue', { share: pct(b.reciprocity.share, lang), agreeing: b.reciprocity.agreeing, pairs: b.reciprocity.pairsRatedByBoth })}</td></tr>
        </tbody>
      </Table>
      {b.suppressed ? <p className="notice">{t('assessments.suppressed', { min: b.minRespondents })}</p> : (
        <>
          <h2>{t('assessments.sharesHeading')}</h2>
          <div className="assessments-pair">
            <figure><StackedShare block={b} /><Legend levels={b.levels.map((l) => l.level)} scale={r.scale} /></figure>
            <Table className="data-table">
              <caption>{t('assessments.sharesCaption')}</caption>
              <thead><tr><th scope="col">{t('assessments.level')}</th><th scope="col">{t('assessments.relationships')}</th><th scope="col">{t('assessments.share')}</th><th scope="col">{t('assessments.density')}</th></tr></thead>
              <tbody>{b.levels.map((l) => <tr key={l.level}><th scope="row">{label(l.level)}</th><td>{l.count}</td><td>{pct(l.share, lang)}</td><td>{pct(l.densityAtLeast, lang)}</td></tr>)}</tbody>
            </Table>
          </div>

          <h2>{t('assessments.heatmapHeading')}</h2>
          <p className="hint">{t('assessments.heatmapHint')}</p>
          <div className="assessments-pair">
            <figure><Heatmap block={b} /><Legend levels={b.levels.map((l) => l.level)} scale={r.scale} /><ol className="assessments-key-list">{b.organizations.map((o) => <li key={o.id}>{o.name}</li>)}</ol></figure>
            <Table className="data-table">
              <caption>{t('assessments.pairsCaption')}</caption>
              <thead><tr><th scope="col">{t('assessments.pair')}</th><th scope="col">{t('assessments.agreedLevel')}</th><th scope="col">{t('assessments.forDiscussion')}</th></tr></thead>
              <tbody>
                {b.pairs.map((p) => (
                  <tr key={`${p.a}-${p.b}`}>
                    <th scope="row">{`${names.get(p.a)} / ${names.get(p.b)}`}</th>
                    <td>{p.agreedLevel === null ? t(p.ratings === 1 ? 'assessments.oneSide' : 'assessments.noRating') : label(p.agreedLevel)}</td>
                    <td>{p.discrepant ? t('assessments.gapOf', { gap: p.gap }) : '–'}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </div>

          <h2>{t('assessments.networkHeading')}</h2>
          <div className="assessments-pair">
            <figure><Network block={b} /><p className="hint">{t('assessments.networkHint')}</p></figure>
            <Table className="data-table">
              <caption>{t('assessments.centralityCaption')}</caption>
              <thead><tr><th scope="col">{t('assessments.organization')}</th><th scope="col">{t('assessments.raters')}</th><th scope="col">{t('assessments.centrality')}</th><th scope="col">{t('assessments.meanReceived')}</th></tr></thead>
              <tbody>{b.organizations.map((o) => <tr key={o.id}><th scope="row">{names.get(o.id)}</th><td>{o.raters}</td><td>{o.suppressed ? t('assessments.hidden') : pct(o.centrality, lang)}</td><td>{o.suppressed ? '–' : num(o.meanLevelReceived, lang)}</td></tr>)}</tbody>
            </Table>
          </div>

          <h2>{t('assessments.discussionHeading')}</h2>
          {b.discrepancies.length === 0 ? <p>{t('assessments.noDiscrepancies')}</p> : (
            <ul className="assessments-discussion">
              {b.discrepancies.map((d) => <li key={`${d.a}-${d.b}`}>{t('assessments.discrepancy', { a: names.get(d.a), b: names.get(d.b), gap: d.gap })}</li>)}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

const followUpSchema = z
  .object({ finding: z.string().trim().min(1).max(4000), kind: z.enum(['meeting_agenda', 'strategy_action']), targetId: z.string().trim() })
  .superRefine((v, ctx) => {
    if (v.kind === 'strategy_action' && !v.targetId) ctx.addIssue({ code: 'custom', path: ['targetId'], message: 'errors.required' });
  });

function FollowUpForm({ results: r }: { results: Results }) {
  const { t } = useTranslation();
  const followUp = useFollowUp(r.round.id);
  const discrepancies = r.pairs?.[0]?.discrepancies.length ?? 0;
  const form = useZodForm(followUpSchema, { defaultValues: { finding: discrepancies ? t('assessments.defaultFinding', { count: discrepancies }) : '', kind: 'meeting_agenda', targetId: '' } });
  const kind = form.watch('kind');
  return (
    <Form
      form={form}
      className="form assessments-form"
      heading={<h2>{t('assessments.followUpHeading')}</h2>}
      submitLabel={t('assessments.handOn')}
      onSubmit={async (v) => {
        await followUp.mutateAsync({ kind: v.kind, targetId: v.kind === 'meeting_agenda' ? r.round.collaborativeId : v.targetId, finding: v.finding });
        return t(`assessments.followUpDone.${v.kind}`);
      }}
    >
      <TextArea name="finding" label={t('assessments.finding')} required />
      <SelectField name="kind" label={t('assessments.followUpKind')} choices={(['meeting_agenda', 'strategy_action'] as const).map((k) => ({ value: k, label: t(`assessments.followUpKinds.${k}`) }))} />
      {kind === 'strategy_action' ? <TextField name="targetId" label={t('assessments.planId')} required /> : null}
    </Form>
  );
}
