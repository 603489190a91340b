import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ErrorSummary, Field, fieldErrorsOf, LoadError, Loading, useTitle, type FieldErrors } from '../../../core/ui';
import { useCreateInstrument, useInstruments, useScales } from '../hooks';
import type { Instrument, InstrumentInput } from '../api';
import { AssessmentsFrame, named } from '../components/parts';
import '../assessments.css';

type Kind = InstrumentInput['kind'];
type Row = { key: string; en: string; fr: string; factor?: string };
const KINDS: Kind[] = ['pair_rating', 'likert', 'checklist'];

interface Draft {
  key: string;
  kind: Kind;
  nameEn: string;
  nameFr: string;
  descriptionEn: string;
  descriptionFr: string;
  source: string;
  scaleId: string;
  trustValue: boolean;
  themes: Row[];
  factors: Row[];
  items: Row[];
}

const fromInstrument = (i: Instrument): Draft => ({
  key: i.key, kind: i.kind, nameEn: i.nameEn, nameFr: i.nameFr, descriptionEn: i.descriptionEn, descriptionFr: i.descriptionFr, source: i.source,
  scaleId: i.scale?.id ?? '', trustValue: !!i.definition.trustValue,
  themes: (i.definition.themes ?? []).map((x) => ({ ...x })), factors: (i.definition.factors ?? []).map((x) => ({ ...x })), items: (i.definition.items ?? []).map((x) => ({ ...x })),
});
const empty: Draft = { key: '', kind: 'likert', nameEn: '', nameFr: '', descriptionEn: '', descriptionFr: '', source: '', scaleId: '', trustValue: false, themes: [], factors: [], items: [] };

/** Author an instrument in English and French, or a new version of one (`?from=<id>`): published versions never change. */
export function InstrumentFormPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [params] = useSearchParams();
  const fromId = params.get('from');
  const instruments = useInstruments();
  const scales = useScales();
  const title = fromId ? t('assessments.newVersionTitle') : t('assessments.newInstrumentTitle');
  useTitle(title);
  if (instruments.isPending || scales.isPending) return <AssessmentsFrame title={title} lead={false}><Loading /></AssessmentsFrame>;
  if (instruments.isError || scales.isError) return <AssessmentsFrame title={title} lead={false}><LoadError error={instruments.error ?? scales.error} /></AssessmentsFrame>;
  const from = fromId ? instruments.data.items.find((i) => i.id === fromId) : undefined;
  if (!instruments.data.actions['assessments.instrument.author']) return <AssessmentsFrame title={title} lead={false}><p className="notice">{t('assessments.cannotAuthor')}</p></AssessmentsFrame>;
  return (
    <AssessmentsFrame title={title} lead={false}>
      {from ? <p>{t('assessments.newVersionLead', { name: named(from, lang), version: from.version, next: Math.max(...instruments.data.items.filter((i) => i.key === from.key).map((i) => i.version)) + 1 })}</p> : <p>{t('assessments.newInstrumentLead')}</p>}
      <InstrumentForm key={fromId ?? 'new'} initial={from ? fromInstrument(from) : empty} isVersion={!!from} scales={scales.data.items} />
    </AssessmentsFrame>
  );
}

function InstrumentForm({ initial, isVersion, scales }: { initial: Draft; isVersion: boolean; scales: { id: string; nameEn: string; nameFr: string }[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [d, setD] = useState<Draft>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const create = useCreateInstrument();
  const navigate = useNavigate();
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((x) => ({ ...x, [k]: v }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const clean = (rows: Row[], withFactor = false) => rows.map((r) => ({ key: r.key.trim(), en: r.en, fr: r.fr, ...(withFactor ? { factor: r.factor || undefined } : {}) }));
    const definition: InstrumentInput['definition'] =
      d.kind === 'pair_rating' ? { themes: clean(d.themes), trustValue: d.trustValue }
      : d.kind === 'likert' ? { factors: clean(d.factors), items: clean(d.items, true) }
      : { items: clean(d.items) };
    try {
      const made = await create.mutateAsync({
        key: d.key.trim(), kind: d.kind, nameEn: d.nameEn, nameFr: d.nameFr, descriptionEn: d.descriptionEn, descriptionFr: d.descriptionFr, source: d.source,
        scaleId: d.kind === 'checklist' ? null : d.scaleId || null, definition,
      });
      navigate(`/assessments/instruments?saved=${made.id}`);
    } catch (err) {
      setErrors(fieldErrorsOf(err));
    }
  };
  const labels: Record<string, string> = {
    key: t('assessments.instrumentKey'), kind: t('assessments.kind'), nameEn: t('assessments.nameEn'), nameFr: t('assessments.nameFr'),
    descriptionEn: t('assessments.descriptionEn'), descriptionFr: t('assessments.descriptionFr'), source: t('assessments.source'), scaleId: t('assessments.scale'),
    'definition.themes': t('assessments.themes'), 'definition.factors': t('assessments.factors'), 'definition.items': t('assessments.items'),
  };
  for (const list of ['themes', 'factors', 'items'] as const) {
    d[list].forEach((_, i) => {
      const n = t(`assessments.rowOf.${list}`, { n: i + 1 });
      for (const f of ['key', 'en', 'fr', 'factor']) labels[`definition.${list}.${i}.${f}`] = `${n}: ${t(`assessments.rowFields.${f}`)}`;
      labels[`definition.${list}.${i}`] = n;
    });
  }
  const rows = (list: 'themes' | 'factors' | 'items', prefix: string) => (
    <fieldset className="assessments-question" id={`field-definition-${list}`} tabIndex={-1}>
      <legend>{labels[`definition.${list}`]}</legend>
      {errors[`definition.${list}`] ? <p className="error-message">{errors[`definition.${list}`]}</p> : null}
      {d[list].map((r, i) => {
        const path = `definition.${list}.${i}`;
        const change = (patch: Partial<Row>) => set(list, d[list].map((x, j) => (j === i ? { ...x, ...patch } : x)));
        return (
          <fieldset key={i} className="assessments-question">
            <legend>{t(`assessments.rowOf.${list}`, { n: i + 1 })}</legend>
            <Field path={`${path}.key`} label={t('assessments.rowFields.key')} hint={t('assessments.rowKeyHint')} error={errors[`${path}.key`]} required>
              {(p) => <input {...p} value={r.key} autoComplete="off" onChange={(e) => change({ key: e.target.value })} />}
            </Field>
            <Field path={`${path}.en`} label={t('assessments.rowFields.en')} error={errors[`${path}.en`]} required>
              {(p) => <textarea {...p} lang="en" rows={2} value={r.en} onChange={(e) => change({ en: e.target.value })} />}
            </Field>
            <Field path={`${path}.fr`} label={t('assessments.rowFields.fr')} error={errors[`${path}.fr`]} required>
              {(p) => <textarea {...p} lang="fr" rows={2} value={r.fr} onChange={(e) => change({ fr: e.target.value })} />}
            </Field>
            {list === 'items' && d.kind === 'likert' ? (
              <Field path={`${path}.factor`} label={t('assessments.rowFields.factor')} error={errors[`${path}.factor`]} required>
                {(p) => (
                  <select {...p} value={r.factor ?? ''} onChange={(e) => change({ factor: e.target.value })}>
                    <option value="">{t('assessments.chooseFactor')}</option>
                    {d.factors.filter((f) => f.key.trim()).map((f) => <option key={f.key} value={f.key.trim()}>{(lang === 'fr' ? f.fr : f.en) || f.key}</option>)}
                  </select>
                )}
              </Field>
            ) : null}
            <button type="button" className="secondary" onClick={() => set(list, d[list].filter((_, j) => j !== i))}>{t('assessments.removeRow', { name: t(`assessments.rowOf.${list}`, { n: i + 1 }) })}</button>
          </fieldset>
        );
      })}
      <button type="button" className="secondary" onClick={() => set(list, [...d[list], { key: `${prefix}_${d[list].length + 1}`, en: '', fr: '' }])}>{t(`assessments.addRow.${list}`)}</button>
    </fieldset>
  );
  return (
    <form className="assessments-form" onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} labels={labels} />
      <Field path="key" label={labels.key} hint={isVersion ? t('assessments.instrumentKeyVersionHint') : t('assessments.instrumentKeyHint')} error={errors.key} required>
        {(p) => <input {...p} value={d.key} readOnly={isVersion} autoComplete="off" onChange={(e) => set('key', e.target.value)} />}
      </Field>
      <fieldset className="assessments-question" id="field-kind" tabIndex={-1}>
        <legend>{labels.kind}</legend>
        {isVersion ? <p className="hint">{t('assessments.kindFixed')}</p> : null}
        {errors.kind ? <p className="error-message">{errors.kind}</p> : null}
        {KINDS.map((k) => (
          <label key={k} className="assessments-check">
            <input type="radio" name="kind" value={k} checked={d.kind === k} disabled={isVersion && d.kind !== k} onChange={() => set('kind', k)} /> {t(`assessments.kinds.${k}`)} – {t(`assessments.kindHints.${k}`)}
          </label>
        ))}
      </fieldset>
      <Field path="nameEn" label={labels.nameEn} error={errors.nameEn} required>
        {(p) => <input {...p} lang="en" value={d.nameEn} onChange={(e) => set('nameEn', e.target.value)} />}
      </Field>
      <Field path="nameFr" label={labels.nameFr} error={errors.nameFr} required>
        {(p) => <input {...p} lang="fr" value={d.nameFr} onChange={(e) => set('nameFr', e.target.value)} />}
      </Field>
      <Field path="descriptionEn" label={labels.descriptionEn} error={errors.descriptionEn}>
        {(p) => <textarea {...p} lang="en" rows={3} value={d.descriptionEn} onChange={(e) => set('descriptionEn', e.target.value)} />}
      </Field>
      <Field path="descriptionFr" label={labels.descriptionFr} error={errors.descriptionFr}>
        {(p) => <textarea {...p} lang="fr" rows={3} value={d.descriptionFr} onChange={(e) => set('descriptionFr', e.target.value)} />}
      </Field>
      <Field path="source" label={labels.source} hint={t('assessments.sourceHint')} error={errors.source}>
        {(p) => <input {...p} value={d.source} onChange={(e) => set('source', e.target.value)} />}
      </Field>
      {d.kind !== 'checklist' ? (
        <Field path="scaleId" label={labels.scaleId} hint={t('assessments.scaleHint')} error={errors.scaleId} required>
          {(p) => (
            <select {...p} value={d.scaleId} onChange={(e) => set('scaleId', e.target.value)}>
              <option value="">{t('assessments.chooseScale')}</option>
              {scales.map((s) => <option key={s.id} value={s.id}>{named(s, lang)}</option>)}
            </select>
          )}
        </Field>
      ) : null}
      {d.kind === 'pair_rating' ? (
        <>
          <label className="assessments-check"><input type="checkbox" checked={d.trustValue} onChange={(e) => set('trustValue', e.target.checked)} /> {t('assessments.trustValueOption')}</label>
          <p className="hint">{t('assessments.themesHint')}</p>
          {rows('themes', 'theme')}
        </>
      ) : null}
      {d.kind === 'likert' ? rows('factors', 'factor') : null}
      {d.kind !== 'pair_rating' ? rows('items', 'item') : null}
      <div className="assessments-actions">
        <button type="submit" disabled={create.isPending}>{isVersion ? t('assessments.publishVersion') : t('assessments.publishInstrument')}</button>
        <Link to="/assessments/instruments">{t('assessments.cancel')}</Link>
      </div>
      <p className="hint">{t('assessments.immutableNote')}</p>
    </form>
  );
}
