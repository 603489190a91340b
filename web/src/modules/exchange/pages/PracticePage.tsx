import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorSummary, Field, fieldErrorsOf, LoadError, Loading, useTitle, type FieldErrors } from '../../../core/ui';
import { useAdapt, usePlanOptions, usePractice } from '../hooks';
import { inLang } from '../components/parts';
import '../exchange.css';

/** A field's value before or after an edit, as text (evidence as its labels, lists joined). */
function shown(v: unknown): string {
  if (v === null || v === undefined || v === '') return '–';
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'object' && x && 'label' in x ? String((x as { label: string }).label) : String(x))).join('; ') || '–';
  return String(v);
}

/** One practice, "adapt this practice" into one of your plans, who adapted it (its author; an adapter sees its own, with what changed since), and every edit. */
export function PracticePage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const q = usePractice(id);
  const plans = usePlanOptions();
  const adapt = useAdapt();
  const [planId, setPlanId] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [done, setDone] = useState<{ planId: string } | null>(null);
  const lang = i18n.language;
  useTitle(q.data ? inLang(q.data.title, lang) : t('exchange.practicesTitle'));
  if (q.isPending) return <Loading />;
  if (q.isError) return <LoadError error={q.error} />;
  const p = q.data;
  const manageable = new Set(plans.data?.manageableCollaboratives ?? []);
  const myPlans = (plans.data?.items ?? []).filter((x) => manageable.has('all') || manageable.has(x.collaborativeId));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const r = await adapt.mutateAsync({ id, planId: planId || myPlans[0]?.id || '' });
      setErrors({});
      setDone({ planId: r.planId });
    } catch (err) {
      setErrors(fieldErrorsOf(err));
    }
  };
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
                {t(`exchange.evidenceKind.${e.kind}`)}: {e.kind === 'url' && e.href ? <a href={e.href} rel="noopener noreferrer">{e.label}</a> : e.href ? <Link to={e.href}>{e.label}</Link> : e.label}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {myPlans.length ? (
        <form className="exchange-form" onSubmit={submit} noValidate>
          <h2>{t('exchange.adaptHeading')}</h2>
          <p>{t('exchange.adaptLead')}</p>
          <ErrorSummary errors={errors} labels={{ planId: t('exchange.plan') }} />
          <Field path="planId" label={t('exchange.plan')} error={errors.planId} required>
            {(fp) => <select {...fp} value={planId || myPlans[0]?.id} onChange={(e) => setPlanId(e.target.value)}>{myPlans.map((x) => <option key={x.id} value={x.id}>{(lang === 'fr' && x.titleFr) || x.title}</option>)}</select>}
          </Field>
          <button type="submit" disabled={adapt.isPending}>{t('exchange.adapt')}</button>
          {done ? <p role="status">{t('exchange.adapted')} <Link to={`/strategy/plans/${done.planId}`}>{t('exchange.openPlan')}</Link></p> : null}
        </form>
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
                      <dd>{t('exchange.before')}: {shown(c.before)}</dd>
                      <dd>{t('exchange.after')}: {shown(c.after)}</dd>
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
