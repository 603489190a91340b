import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { ErrorSummary, fieldErrorsOf, LoadError, Loading, useTitle, type FieldErrors } from '../../../core/ui';
import { useAnswerSurvey, usePublicSurvey } from '../hooks';
import type { PublicSurvey } from '../api';
import '../assessments.css';

const RTL = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'ckb']);
const UI_KEYS = { intro: 'surveyIntro', submit: 'surveySubmit', thanks: 'surveyThanks', comment: 'surveyComment', notImportant: 'surveyNotImportant', veryImportant: 'surveyVeryImportant', already: 'surveyAlready', closed: 'surveyClosed' } as const;

/** A per-survey random token this browser keeps, so the server can refuse a repeat without knowing who answers. */
function browserToken(id: string): string {
  const key = `roundtable.survey.${id}`;
  try {
    const kept = localStorage.getItem(key);
    if (kept) return kept;
  } catch { /* storage off: a fresh token each time, the address-and-day digest still applies */ }
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  const token = btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  try { localStorage.setItem(key, token); } catch { /* see above */ }
  return token;
}

/** The public, anonymous community survey: no sign-in, the reader's language, stored translations for others. */
export function SurveyPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const { t, i18n } = useTranslation();
  const wanted = params.get('lang') ?? [i18n.language, ...(typeof navigator !== 'undefined' ? navigator.languages : [])].join(',');
  const q = usePublicSurvey(id, wanted);
  useTitle(q.data?.title ?? t('assessments.surveyTitle'));
  if (q.isPending) return <><h1>{t('assessments.surveyTitle')}</h1><Loading /></>;
  if (q.isError) return <><h1>{t('assessments.surveyTitle')}</h1><LoadError error={q.error} /></>;
  return <SurveyForm survey={q.data} onLanguage={(l) => setParams({ lang: l })} />;
}

function SurveyForm({ survey, onLanguage }: { survey: PublicSurvey; onLanguage: (lang: string) => void }) {
  const { i18n } = useTranslation();
  const lang = survey.lang;
  // English and French chrome come from i18n; another language uses its stored strings, else English.
  const builtIn = lang === 'en' || lang === 'fr' ? i18n.getFixedT(lang) : i18n.getFixedT('en');
  const ui = (k: keyof typeof UI_KEYS) => survey.ui[k] || builtIn(`assessments.${UI_KEYS[k]}`);
  const chrome = (k: string) => builtIn(`assessments.${k}`);
  const answer = useAnswerSurvey(survey.id);
  const [ratings, setRatings] = useState<Record<string, number>>({});
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [done, setDone] = useState<'' | 'thanks' | 'already'>('');
  const closed = survey.status !== 'open';
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await answer.mutateAsync({ token: browserToken(survey.id), lang, ratings, comment: comment.trim() || undefined });
      setErrors({});
      setDone('thanks');
    } catch (err) {
      if ((err as { status?: number }).status === 409) setDone('already');
      else setErrors(fieldErrorsOf(err));
    }
  };
  return (
    <div lang={lang} dir={RTL.has(lang.split('-')[0]) ? 'rtl' : 'ltr'}>
      <h1>{survey.title}</h1>
      <label className="assessments-survey-lang">
        {chrome('surveyLanguage')}{' '}
        <select value={lang} onChange={(e) => onLanguage(e.target.value)}>
          {survey.languages.map((l) => <option key={l.lang} value={l.lang} lang={l.lang}>{l.name}</option>)}
        </select>
      </label>
      <p className="lead">{ui('intro')}</p>
      {closed ? <p className="notice" role="status">{ui('closed')}</p> : null}
      {done ? <p className="notice" role="status">{done === 'thanks' ? ui('thanks') : ui('already')}</p> : null}
      {closed || done ? null : (
        <form onSubmit={(e) => void onSubmit(e)} noValidate>
          <ErrorSummary errors={errors} labels={{ ratings: chrome('surveyRatings') }} />
          {survey.questions.map((qn, i) => (
            <fieldset key={qn.key} className="assessments-question">
              <legend>{`${i + 1}. ${qn.text}`}</legend>
              <div className="assessments-options">
                {[1, 2, 3, 4, 5].map((v) => (
                  <label key={v}>
                    <input type="radio" name={qn.key} value={v} checked={ratings[qn.key] === v} onChange={() => setRatings((r) => ({ ...r, [qn.key]: v }))} />{' '}
                    {v === 1 ? `1 – ${ui('notImportant')}` : v === 5 ? `5 – ${ui('veryImportant')}` : String(v)}
                  </label>
                ))}
              </div>
            </fieldset>
          ))}
          <label className="assessments-survey-comment">
            {ui('comment')}
            <textarea value={comment} maxLength={2000} rows={4} onChange={(e) => setComment(e.target.value)} />
          </label>
          <div className="assessments-actions">
            <button type="submit" disabled={answer.isPending}>{ui('submit')}</button>
          </div>
        </form>
      )}
    </div>
  );
}
