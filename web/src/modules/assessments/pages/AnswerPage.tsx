import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorSummary, fieldErrorsOf, LoadError, Loading, useTitle, type FieldErrors } from '../../../core/ui';
import { useByToken, useMyAnswers, useSaveAnswers } from '../hooks';
import type { AnswerInput, Questionnaire } from '../api';
import { levelLabel, localized, named } from '../components/parts';
import '../assessments.css';

const keyOf = (targetId: string | null | undefined, theme: string, item: string) => `${targetId ?? ''}|${theme}|${item}`;

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
  return <Form q={q.data} target={publicLink ? { token } : { roundId: id }} publicLink={publicLink} />;
}

function Form({ q, target, publicLink }: { q: Questionnaire; target: { roundId?: string; token?: string }; publicLink: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const save = useSaveAnswers(target);
  const [values, setValues] = useState<Map<string, number>>(new Map());
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState('');
  useEffect(() => setValues(new Map(q.answers.map((a) => [keyOf(a.targetId, a.theme, a.item), a.value]))), [q]);
  const ins = q.instrument;
  const themes = ins.definition.themes?.length ? ins.definition.themes : [{ key: '', en: '', fr: '' }];
  const levels = useMemo(() => {
    const ls = (ins.scale?.levels ?? []).map((l) => l.value);
    return ins.kind === 'pair_rating' && !ls.includes(0) ? [0, ...ls] : ls;
  }, [ins]);
  const questions: { key: string; targetId: string | null; theme: string; item: string }[] = ins.kind === 'pair_rating'
    ? q.targets.flatMap((p) => themes.map((th) => ({ key: keyOf(p.id, th.key, 'level'), targetId: p.id, theme: th.key, item: 'level' })))
    : (ins.definition.items ?? []).map((i) => ({ key: keyOf(null, '', i.key), targetId: null, theme: '', item: i.key }));
  const answered = questions.filter((x) => values.has(x.key)).length;
  const locked = q.respondent.submitted || q.round.status === 'closed';
  const set = (k: string, v: number) => setValues((m) => new Map(m).set(k, v));
  const toAnswers = (): AnswerInput[] => [...values.entries()].map(([k, value]) => {
    const [targetId, theme, item] = k.split('|');
    return { targetId: targetId || null, theme, item, value };
  });
  const send = async (submit: boolean) => {
    try {
      await save.mutateAsync({ answers: toAnswers(), submit });
      setErrors({});
      setStatus(submit ? t('assessments.thanks') : t('assessments.saved'));
    } catch (err) {
      setErrors(fieldErrorsOf(err));
    }
  };
  const onSubmit = (e: FormEvent) => { e.preventDefault(); void send(true); };
  const levelText = (v: number) => levelLabel(ins.scale, v, lang, t);
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
      <form onSubmit={onSubmit} noValidate>
        <ErrorSummary errors={errors} labels={{ answers: t('assessments.answersLabel') }} />
        {ins.kind === 'pair_rating'
          ? q.targets.map((p) => themes.map((th) => {
              const k = keyOf(p.id, th.key, 'level');
              return (
                <fieldset key={k} className="assessments-question" disabled={locked}>
                  <legend>{th.key ? `${p.displayName} – ${localized(th, lang)}` : p.displayName}</legend>
                  <div className="assessments-options">
                    {levels.map((v) => (
                      <label key={v}><input type="radio" name={k} value={v} checked={values.get(k) === v} onChange={() => set(k, v)} /> {levelText(v)}</label>
                    ))}
                  </div>
                </fieldset>
              );
            }))
          : ins.kind === 'likert'
            ? (ins.definition.items ?? []).map((it) => {
                const k = keyOf(null, '', it.key);
                return (
                  <fieldset key={k} className="assessments-question" disabled={locked}>
                    <legend>{localized(it, lang)}</legend>
                    <div className="assessments-options">
                      {levels.map((v) => <label key={v}><input type="radio" name={k} value={v} checked={values.get(k) === v} onChange={() => set(k, v)} /> {levelText(v)}</label>)}
                    </div>
                  </fieldset>
                );
              })
            : (
                <fieldset className="assessments-question" disabled={locked}>
                  <legend>{t('assessments.checklistLegend')}</legend>
                  {(ins.definition.items ?? []).map((it) => {
                    const k = keyOf(null, '', it.key);
                    return <label key={k} className="assessments-check"><input type="checkbox" checked={values.get(k) === 1} onChange={(e) => set(k, e.target.checked ? 1 : 0)} /> {localized(it, lang)}</label>;
                  })}
                </fieldset>
              )}
        {locked ? null : (
          <div className="assessments-actions">
            <button type="button" className="secondary" disabled={save.isPending} onClick={() => void send(false)}>{t('assessments.saveDraft')}</button>
            <button type="submit" disabled={save.isPending}>{t('assessments.submit')}</button>
          </div>
        )}
        <p role="status" className="assessments-status">{status}</p>
      </form>
      {publicLink ? null : <p><Link to="/assessments">{t('assessments.backToRounds')}</Link></p>}
    </>
  );
}
