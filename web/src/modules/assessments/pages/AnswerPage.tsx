import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormProvider } from 'react-hook-form';
import { Link, useParams } from 'react-router';
import { z } from 'zod';
import { applyServerErrors, CheckboxField, Form, RatingGroup, useZodForm } from '../../../core/form';
import { LoadError, Loading, useTitle } from '../../../core/ui';
import { AnswerSchema } from '../../../../../src/modules/assessments/assessments.schema';
import { useByToken, useMyAnswers, useSaveAnswers } from '../hooks';
import type { Questionnaire } from '../api';
import { levelLabel, localized, named } from '../components/parts';
import '../assessments.css';

const keyOf = (targetId: string | null | undefined, theme: string, item: string) => `${targetId ?? ''}|${theme}|${item}`;

/**
 * The answers as the form holds them, one per question in order: a level (as its radio's value)
 * or nothing for ratings, checked or not for a checklist. Each becomes an answer the server
 * checks with the same contract (AnswerSchema) before it is sent.
 */
const answersSchema = z.object({ answers: z.array(z.union([z.string(), z.boolean()]).nullable()) });
type AnswerValues = z.input<typeof answersSchema>;

/** Answering a round, signed in or through a single-use link. Only the respondent ever sees these answers. */
export function AnswerPage({ publicLink = false }: { publicLink?: boolean }) {
  const { id = '', token = '' } = useParams();
  const { t } = useTranslation();
  const mine = useMyAnswers(publicLink ? '' : id);
  const linked = useByToken(publicLink ? token : '');
  const q = publicLink ? linked : mine;
  useTitle(q.data?.round.title ?? t('assessments.answerTitle'));
  if (q.isPending) return <><h1>{t('assessments.answerTitle')}</h1><Loading /></>;
  if (q.isError) return <><h1>{t('assessments.answerTitle')}</h1><LoadError error={q.error} /></>;
  return <Questions q={q.data} target={publicLink ? { token } : { roundId: id }} publicLink={publicLink} />;
}

function Questions({ q, target, publicLink }: { q: Questionnaire; target: { roundId?: string; token?: string }; publicLink: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const save = useSaveAnswers(target);
  const ins = q.instrument;
  const themes = ins.definition.themes?.length ? ins.definition.themes : [{ key: '', en: '', fr: '' }];
  const levels = useMemo(() => {
    const ls = (ins.scale?.levels ?? []).map((l) => l.value);
    return ins.kind === 'pair_rating' && !ls.includes(0) ? [0, ...ls] : ls;
  }, [ins]);
  const questions: { key: string; targetId: string | null; theme: string; item: string }[] = ins.kind === 'pair_rating'
    ? q.targets.flatMap((p) => themes.map((th) => ({ key: keyOf(p.id, th.key, 'level'), targetId: p.id, theme: th.key, item: 'level' })))
    : (ins.definition.items ?? []).map((i) => ({ key: keyOf(null, '', i.key), targetId: null, theme: '', item: i.key }));
  const stored = new Map(q.answers.map((a) => [keyOf(a.targetId, a.theme, a.item), a.value]));
  const checklist = ins.kind === 'checklist';
  const form = useZodForm(answersSchema, {
    defaultValues: { answers: questions.map((x) => (checklist ? stored.get(x.key) === 1 : stored.has(x.key) ? String(stored.get(x.key)) : null)) } as AnswerValues,
  });
  // A checklist item counts as answered once stored or touched (ticked, or unticked on purpose).
  const [touched, setTouched] = useState(() => new Set(questions.filter((x) => stored.has(x.key)).map((x) => x.key)));
  const watched = form.watch('answers');
  const answered = checklist ? touched.size : watched.filter((v) => v !== null && v !== undefined && v !== '' && v !== false).length;
  const locked = q.respondent.submitted || q.round.status === 'closed';
  const toAnswers = (values: AnswerValues['answers']) =>
    questions.flatMap((x, i) => {
      const v = values[i];
      const value = checklist ? (touched.has(x.key) ? (v ? 1 : 0) : null) : v === null || v === undefined || v === '' || v === false ? null : Number(v);
      return value === null ? [] : [AnswerSchema.parse({ targetId: x.targetId, theme: x.theme, item: x.item, value })];
    });
  const send = (values: AnswerValues, submit: boolean) => save.mutateAsync({ answers: toAnswers(values.answers), submit });
  // The confirmation stays after submitting, when the answers show locked.
  const [done, setDone] = useState('');
  // "Save for later" sends the same answers without submitting, showing its progress.
  const [draft, setDraft] = useState(false);
  const draftRef = useRef(false);
  const saveDraft = async () => {
    if (draftRef.current) return;
    draftRef.current = true;
    setDraft(true);
    setDone('');
    try {
      await send(form.getValues(), false);
      form.clearErrors();
      setDone(t('assessments.saved'));
    } catch (err) {
      applyServerErrors(form as never, err);
    } finally {
      draftRef.current = false;
      setDraft(false);
    }
  };
  const levelText = (v: number) => levelLabel(ins.scale, v, lang, t);
  const choices = levels.map((v) => ({ value: String(v), label: levelText(v) }));
  // A render function, not a component: the controls keep their identity (and focus) across renders.
  const controls = () =>
    ins.kind === 'pair_rating'
      ? q.targets.flatMap((p) => themes.map((th) => {
          const i = questions.findIndex((x) => x.key === keyOf(p.id, th.key, 'level'));
          return <RatingGroup key={i} name={`answers.${i}`} className="assessments-question" label={th.key ? `${p.displayName} – ${localized(th, lang)}` : p.displayName} choices={choices} />;
        }))
      : ins.kind === 'likert'
        ? (ins.definition.items ?? []).map((it, i) => <RatingGroup key={it.key} name={`answers.${i}`} className="assessments-question" label={localized(it, lang)} choices={choices} />)
        : (
            <fieldset className="assessments-question">
              <legend>{t('assessments.checklistLegend')}</legend>
              {(ins.definition.items ?? []).map((it, i) => (
                <CheckboxField key={it.key} name={`answers.${i}`} label={localized(it, lang)} options={{ onChange: () => setTouched((s) => new Set(s).add(questions[i]!.key)) }} />
              ))}
            </fieldset>
          );
  return (
    <>
      <h1>{q.round.title}</h1>
      <p className="lead">{t('assessments.answerLead', { name: q.respondent.displayName })}</p>
      <p>{named(ins, lang)}{ins.kind === 'pair_rating' ? ` – ${t('assessments.pairInstructions')}` : ''}</p>
      <p className="hint">{t('assessments.privacyNote')}</p>
      {q.round.illustrative ? <p className="notice">{t('assessments.illustrativeNote')}</p> : null}
      {ins.kind === 'pair_rating' && ins.scale ? (
        <details className="assessments-key">
          <summary>{t('assessments.levelsKey')}</summary>
          <dl>
            {ins.scale.levels.map((l) => <div key={l.value}><dt>{localized(l, lang)}</dt><dd>{lang === 'fr' ? l.descriptionFr : l.descriptionEn}</dd></div>)}
          </dl>
        </details>
      ) : null}
      {locked ? <p className="notice" role="status">{q.round.status === 'closed' ? t('assessments.roundClosed') : t('assessments.alreadySubmitted')}</p> : null}
      <p aria-live="polite">{t('assessments.answeredCount', { answered, total: questions.length })}</p>
      {locked ? (
        <FormProvider {...form}>
          <fieldset className="assessments-locked" disabled>
            <legend className="visually-hidden">{t('assessments.answersLabel')}</legend>
            {controls()}
          </fieldset>
        </FormProvider>
      ) : (
        <Form
          form={form}
          onSubmit={async (v) => {
            setDone('');
            await send(v, true);
            setDone(t('assessments.thanks'));
          }}
          submitLabel={t('assessments.submit')}
          labels={{ answers: t('assessments.answersLabel') }}
          actions={
            <button type="button" className="secondary" disabled={draft} aria-disabled={draft || undefined} onClick={() => void saveDraft()}>
              {draft ? <><span className="spinner" aria-hidden="true" /> {t('common.saving')}</> : t('assessments.saveDraft')}
            </button>
          }
        >
          {controls()}
        </Form>
      )}
      <p role="status" className="assessments-status">{done}</p>
      {publicLink ? null : <p><Link to="/assessments">{t('assessments.backToRounds')}</Link></p>}
    </>
  );
}
