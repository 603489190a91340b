import { useState } from 'react';
import type { TFunction } from 'i18next';
import { z } from 'zod';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Form, SelectField, useZodForm } from '../../../core/form';
import { words } from '../../../core/labels';
import { LoadError, Loading, useTitle } from '../../../core/ui';
import { useAdapt, usePlanOptions, usePractice } from '../hooks';
import { inLang } from '../components/parts';
import '../exchange.css';

/** The catalogue key of an enumerated field's value, so a revision shows words, not codes. */
const ENUM_FIELDS: Record<string, string> = { communityType: 'exchange.type', needDomain: 'exchange.domain', welcomingCharacteristic: 'exchange.welcome' };

/** A field's value before or after an edit, as text (evidence as its labels, lists joined; enumerated values as words). */
function shown(v: unknown, field?: string, t?: TFunction): string {
  if (v === null || v === undefined || v === '') return '–';
  if (field && t && ENUM_FIELDS[field] && typeof v === 'string') return t(`${ENUM_FIELDS[field]}.${v}`, { defaultValue: words(v) });
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'object' && x && 'label' in x ? String((x as { label: string }).label) : String(x))).join('; ') || '–';
  return String(v);
}

const adaptSchema = z.object({ planId: z.string() });

/** One practice, "adapt this practice" into one of your plans, who adapted it (its author; an adapter sees its own, with what changed since), and every edit. */
export function PracticePage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const q = usePractice(id);
  const plans = usePlanOptions();
  const adapt = useAdapt();
  const form = useZodForm(adaptSchema, { defaultValues: { planId: '' } });
  const [done, setDone] = useState<{ planId: string } | null>(null);
  const lang = i18n.language;
  useTitle(q.data ? inLang(q.data.title, lang) : t('exchange.practicesTitle'));
  if (q.isPending) return <Loading />;
  if (q.isError) return <LoadError error={q.error} />;
  const p = q.data;
  const manageable = new Set(plans.data?.manageableCollaboratives ?? []);
  const myPlans = (plans.data?.items ?? []).filter((x) => manageable.has('all') || manageable.has(x.collaborativeId));
  const row = (label: string, value: string | null | undefined) => (value ? <><dt>{label}</dt><dd>{value}</dd></> : null);
  return (
    <>
      <nav className="breadcrumbs" aria-label={t('exchange.breadcrumb')}>
        <ol><li><Link to="/exchange/practices">{t('exchange.practicesTitle')}</Link></li><li><span aria-current="page">{inLang(p.title, lang)}</span></li></ol>
      </nav>
      <h1>{inLang(p.title, lang)}</h1>
      {p.actions['exchange.practice.edit'] ? <p><Link className="button" to={`/exchange/practices/${p.id}/edit`}>{t('exchange.editPractice')}</Link></p> : null}
      <ul className="exchange-tags">
        <li>{t(`exchange.type.${p.communityType}`)}</li>
        <li>{t(`exchange.domain.${p.needDomain}`)}</li>
        {p.welcomingCharacteristic ? <li>{t(`exchange.welcome.${p.welcomingCharacteristic}`)}</li> : null}
        {p.populationTags.map((tag) => <li key={tag}>{tag}</li>)}
      </ul>
      <dl>
        {row(t('exchange.problem'), inLang(p.problem, lang))}
        {row(t('exchange.done'), inLang(p.done, lang))}
        {row(t('exchange.byWhom'), p.byWhom)}
        {row(t('exchange.forWhom'), p.forWhom)}
        {row(t('exchange.where'), p.place)}
        {row(t('exchange.resources'), p.resources)}
        {row(t('exchange.results'), inLang(p.results, lang))}
        {row(t('exchange.writtenUpBy'), p.authorName)}
        {row(t('exchange.source'), p.sourceInstance)}
      </dl>
      {p.evidence.length ? (
        <>
          <h2>{t('exchange.evidence')}</h2>
          <ul>
            {p.evidence.map((e, i) => (
              <li key={i}>
                {t(`exchange.evidenceKind.${e.kind}`)}{t('common.colon')}{e.kind === 'url' && e.href ? <a href={e.href} rel="noopener noreferrer">{e.label}</a> : e.href ? <Link to={e.href}>{e.label}</Link> : e.label}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {myPlans.length ? (
        <Form
          form={form}
          className="form exchange-form"
          heading={
            <>
              <h2>{t('exchange.adaptHeading')}</h2>
              <p>{t('exchange.adaptLead')}</p>
            </>
          }
          submitLabel={t('exchange.adapt')}
          onSubmit={async (v) => {
            setDone(null);
            const r = await adapt.mutateAsync({ id, planId: v.planId || myPlans[0]?.id || '' });
            setDone({ planId: r.planId });
          }}
        >
          <SelectField name="planId" label={t('exchange.plan')} required choices={myPlans.map((x) => ({ value: x.id, label: (lang === 'fr' && x.titleFr) || x.title }))} />
          {done ? <p role="status" className="notice notice-success">{t('exchange.adapted')} <Link to={`/strategy/plans/${done.planId}`}>{t('exchange.openPlan')}</Link></p> : null}
        </Form>
      ) : null}
      <h2>{t('exchange.adaptedBy')}</h2>
      {p.adaptations.length ? (
        <ul>
          {p.adaptations.map((a) => (
            <li key={a.elementId}>
              {t('exchange.adaptedLine', { name: a.collaborativeName, date: a.adaptedAt.slice(0, 10) })}{' '}
              {a.changedSince.length ? t('exchange.changedSince', { fields: a.changedSince.map((f) => t(`exchange.field.${f}`)).join(', ') }) : t('exchange.unchangedSince')}
            </li>
          ))}
        </ul>
      ) : <p>{t('exchange.adaptationCount', { count: p.adaptationCount })}</p>}
      <h2>{t('exchange.revisions')}</h2>
      {p.revisions.length ? (
        <ol reversed className="exchange-revisions">
          {p.revisions.map((r) => (
            <li key={r.number}>
              <p>{t('exchange.revisionLine', { number: r.number, name: r.changedBy ?? t('exchange.someone'), date: r.changedAt.slice(0, 10) })}</p>
              {r.note ? <p>{r.note}</p> : null}
              <details>
                <summary>{t('exchange.revisionFields', { fields: r.changes.map((c) => t(`exchange.field.${c.field}`)).join(', ') })}</summary>
                <dl>
                  {r.changes.map((c) => (
                    <div key={c.field}>
                      <dt>{t(`exchange.field.${c.field}`)}</dt>
                      <dd>{t('exchange.before')}{t('common.colon')}{shown(c.before, c.field, t)}</dd>
                      <dd>{t('exchange.after')}{t('common.colon')}{shown(c.after, c.field, t)}</dd>
                    </div>
                  ))}
                </dl>
              </details>
            </li>
          ))}
        </ol>
      ) : <p>{p.updatedAt ? null : t('exchange.noRevisions')}</p>}
    </>
  );
}
