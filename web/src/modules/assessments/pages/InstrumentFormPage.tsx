import { useEffect, useRef } from 'react';
import { useFieldArray } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { z } from 'zod';
import { CheckboxField, Form, RadioGroup, SelectField, TextArea, TextField, useZodForm } from '../../../core/form';
import { Field, LoadError, Loading, useTitle } from '../../../core/ui';
import { useCreateInstrument, useInstruments, useScales } from '../hooks';
import type { Instrument, InstrumentInput } from '../api';
import { InstrumentBody, instrumentKinds } from '../../../../../src/modules/assessments/assessments.schema';
import { AssessmentsFrame, named } from '../components/parts';
import '../assessments.css';

type Kind = InstrumentInput['kind'];
type Row = { key: string; en: string; fr: string; factor?: string };
type List = 'themes' | 'factors' | 'items';

/** The form keeps every list whatever the kind (switching kind back restores them); only the kind's lists are sent. */
interface Draft {
  key: string;
  kind: Kind;
  nameEn: string;
  nameFr: string;
  descriptionEn: string;
  descriptionFr: string;
  source: string;
  scaleId: string;
  definition: { trustValue: boolean; themes: Row[]; factors: Row[]; items: Row[] };
}

/** The draft as the server's contract reads it: the kind's own lists, no scale for a checklist. */
function forKind(v: Draft): unknown {
  const d = v.definition;
  const rows = (list: Row[], withFactor = false) => list.map((r) => ({ key: r.key, en: r.en, fr: r.fr, ...(withFactor ? { factor: r.factor || undefined } : {}) }));
  return {
    ...v,
    scaleId: v.kind === 'checklist' || !v.scaleId ? null : v.scaleId,
    definition: v.kind === 'pair_rating' ? { themes: rows(d.themes), trustValue: d.trustValue } : v.kind === 'likert' ? { factors: rows(d.factors), items: rows(d.items, true) } : { items: rows(d.items) },
  };
}

/**
 * Checked in the browser with the server's contract (InstrumentBody), plus the two choices the
 * server asks for by kind (a scale; each Likert item's factor) so they are named before sending.
 */
const instrumentSchema = z.preprocess(
  (v) => forKind(v as Draft),
  InstrumentBody.superRefine((v, ctx) => {
    if (v.kind !== 'checklist' && !v.scaleId) ctx.addIssue({ code: 'custom', path: ['scaleId'], message: 'errors.choose' });
    if (v.kind === 'likert') {
      const factors = new Set((v.definition.factors ?? []).map((f) => f.key));
      v.definition.items?.forEach((it, i) => {
        if (!it.factor || !factors.has(it.factor)) ctx.addIssue({ code: 'custom', path: ['definition', 'items', i, 'factor'], message: 'errors.choose' });
      });
    }
  }),
);

const fromInstrument = (i: Instrument): Draft => ({
  key: i.key, kind: i.kind, nameEn: i.nameEn, nameFr: i.nameFr, descriptionEn: i.descriptionEn, descriptionFr: i.descriptionFr, source: i.source,
  scaleId: i.scale?.id ?? '',
  definition: { trustValue: !!i.definition.trustValue, themes: (i.definition.themes ?? []).map((x) => ({ ...x })), factors: (i.definition.factors ?? []).map((x) => ({ ...x })), items: (i.definition.items ?? []).map((x) => ({ ...x, factor: x.factor ?? '' })) },
});
const empty: Draft = { key: '', kind: 'likert', nameEn: '', nameFr: '', descriptionEn: '', descriptionFr: '', source: '', scaleId: '', definition: { trustValue: false, themes: [], factors: [], items: [] } };

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
  const create = useCreateInstrument();
  const navigate = useNavigate();
  const form = useZodForm<Draft, InstrumentInput>(instrumentSchema as never, { defaultValues: initial });
  const lists = {
    themes: useFieldArray({ control: form.control, name: 'definition.themes' }),
    factors: useFieldArray({ control: form.control, name: 'definition.factors' }),
    items: useFieldArray({ control: form.control, name: 'definition.items' }),
  };
  const kind = form.watch('kind');
  const factors = form.watch('definition.factors');
  // After a failed submit, another kind asks for other fields: check again when the kind changes,
  // so no stale problem stays listed.
  const shownKind = useRef(kind);
  useEffect(() => {
    if (shownKind.current === kind) return;
    shownKind.current = kind;
    if (form.formState.submitCount) void form.trigger();
  }, [kind, form]);
  const labels: Record<string, string> = {
    key: t('assessments.instrumentKey'), kind: t('assessments.kind'), nameEn: t('assessments.nameEn'), nameFr: t('assessments.nameFr'),
    descriptionEn: t('assessments.descriptionEn'), descriptionFr: t('assessments.descriptionFr'), source: t('assessments.source'), scaleId: t('assessments.scale'),
    'definition.themes': t('assessments.themes'), 'definition.factors': t('assessments.factors'), 'definition.items': t('assessments.items'),
  };
  for (const list of ['themes', 'factors', 'items'] as const) {
    lists[list].fields.forEach((_, i) => {
      const n = t(`assessments.rowOf.${list}`, { n: i + 1 });
      for (const f of ['key', 'en', 'fr', 'factor']) labels[`definition.${list}.${i}.${f}`] = `${n}${t('common.colon')}${t(`assessments.rowFields.${f}`)}`;
      labels[`definition.${list}.${i}`] = n;
    });
  }
  const listError = (list: List) => (form.formState.errors.definition?.[list] as { message?: string } | undefined)?.message;
  const rows = (list: List, prefix: string) => (
    <fieldset className="assessments-question" id={`field-definition-${list}`} tabIndex={-1}>
      <legend>{labels[`definition.${list}`]}</legend>
      {listError(list) ? <p className="error-message">{listError(list)}</p> : null}
      {lists[list].fields.map((r, i) => {
        const path = `definition.${list}.${i}`;
        return (
          <fieldset key={r.id} className="assessments-question">
            <legend>{t(`assessments.rowOf.${list}`, { n: i + 1 })}</legend>
            <TextField name={`${path}.key`} label={t('assessments.rowFields.key')} hint={t('assessments.rowKeyHint')} autoComplete="off" required />
            <TextArea name={`${path}.en`} label={t('assessments.rowFields.en')} lang="en" rows={2} required />
            <TextArea name={`${path}.fr`} label={t('assessments.rowFields.fr')} lang="fr" rows={2} required />
            {list === 'items' && kind === 'likert' ? (
              <SelectField
                name={`${path}.factor`}
                label={t('assessments.rowFields.factor')}
                placeholder={t('assessments.chooseFactor')}
                required
                choices={factors.filter((f) => f.key.trim()).map((f) => ({ value: f.key.trim(), label: (lang === 'fr' ? f.fr : f.en) || f.key }))}
              />
            ) : null}
            <button type="button" className="secondary" onClick={() => lists[list].remove(i)}>{t('assessments.removeRow', { name: t(`assessments.rowOf.${list}`, { n: i + 1 }) })}</button>
          </fieldset>
        );
      })}
      <button type="button" className="secondary" onClick={() => lists[list].append({ key: `${prefix}_${lists[list].fields.length + 1}`, en: '', fr: '', ...(list === 'items' ? { factor: '' } : {}) })}>{t(`assessments.addRow.${list}`)}</button>
    </fieldset>
  );
  const kindChoice = (k: Kind) => ({ value: k, label: `${t(`assessments.kinds.${k}`)} – ${t(`assessments.kindHints.${k}`)}` });
  return (
    <Form
      form={form}
      className="form assessments-form"
      labels={labels}
      submitLabel={isVersion ? t('assessments.publishVersion') : t('assessments.publishInstrument')}
      actions={<Link to="/assessments/instruments">{t('assessments.cancel')}</Link>}
      onSubmit={async (v) => {
        const made = await create.mutateAsync(v);
        navigate(`/assessments/instruments?saved=${made.id}`);
      }}
    >
      {isVersion ? (
        <Field path="key" label={labels.key} hint={t('assessments.instrumentKeyVersionHint')}>
          {(p) => <input {...p} readOnly autoComplete="off" {...form.register('key')} />}
        </Field>
      ) : (
        <TextField name="key" label={labels.key} hint={t('assessments.instrumentKeyHint')} autoComplete="off" required />
      )}
      {/* A new version keeps its kind: the one choice shown. */}
      <RadioGroup name="kind" label={labels.kind} hint={isVersion ? t('assessments.kindFixed') : undefined} choices={isVersion ? [kindChoice(initial.kind)] : instrumentKinds.map(kindChoice)} />
      <TextField name="nameEn" label={labels.nameEn} lang="en" required />
      <TextField name="nameFr" label={labels.nameFr} lang="fr" required />
      <TextArea name="descriptionEn" label={labels.descriptionEn} lang="en" />
      <TextArea name="descriptionFr" label={labels.descriptionFr} lang="fr" />
      <TextField name="source" label={labels.source} hint={t('assessments.sourceHint')} />
      {kind !== 'checklist' ? (
        <SelectField name="scaleId" label={labels.scaleId} hint={t('assessments.scaleHint')} placeholder={t('assessments.chooseScale')} required choices={scales.map((s) => ({ value: s.id, label: named(s, lang) }))} />
      ) : null}
      {kind === 'pair_rating' ? (
        <>
          <CheckboxField name="definition.trustValue" label={t('assessments.trustValueOption')} />
          <p className="hint">{t('assessments.themesHint')}</p>
          {rows('themes', 'theme')}
        </>
      ) : null}
      {kind === 'likert' ? rows('factors', 'factor') : null}
      {kind !== 'pair_rating' ? rows('items', 'item') : null}
      <p className="hint">{t('assessments.immutableNote')}</p>
    </Form>
  );
}
