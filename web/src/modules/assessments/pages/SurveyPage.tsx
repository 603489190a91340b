import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { z } from 'zod';
import { Form, RatingGroup, TextArea, useZodForm } from '../../../core/form';
import { ApiError } from '../../../core/api';
import { LoadError, Loading, useTitle } from '../../../core/ui';
import { SurveyResponseBody } from '../../../../../src/modules/assessments/assessments.schema';
import { useAnswerSurvey, usePublicSurvey } from '../hooks';
import type { PublicSurvey } from '../api';
import { useLanguageLoaded } from '../../../core/i18n';
import '../assessments.css';

const RTL = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'ckb']);
const UI_KEYS = { intro: 'surveyIntro', submit: 'surveySubmit', thanks: 'surveyThanks', comment: 'surveyComment', notImportant: 'surveyNotImportant', veryImportant: 'surveyVeryImportant', already: 'surveyAlready', closed: 'surveyClosed' } as const;

/** The answers as the form holds them: a level ('1'–'5') or nothing per question, in order; the comment as the server checks it. */
const surveySchema = z.object({ ratings: z.array(z.string().nullable()), comment: SurveyResponseBody.shape.comment });
type SurveyValues = z.input<typeof surveySchema>;

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
  // The survey's chrome is in its own language, which may not be the interface's: load it.
  const chromeReady = useLanguageLoaded(q.data?.lang === 'fr' ? 'fr' : 'en');
  useTitle(q.data?.title ?? t('assessments.surveyTitle'));
  if (q.isPending || !chromeReady) return <><h1>{t('assessments.surveyTitle')}</h1><Loading /></>;
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
  const form = useZodForm(surveySchema, { defaultValues: { ratings: survey.questions.map(() => null), comment: '' } as SurveyValues });
  const [done, setDone] = useState<'' | 'thanks' | 'already'>('');
  const closed = survey.status !== 'open';
  const send = async (v: z.output<typeof surveySchema>) => {
    const ratings: Record<string, number> = {};
    survey.questions.forEach((qn, i) => {
      if (v.ratings[i]) ratings[qn.key] = Number(v.ratings[i]);
    });
    try {
      await answer.mutateAsync({ token: browserToken(survey.id), lang, ratings, comment: v.comment?.trim() || undefined });
      setDone('thanks');
    } catch (err) {
      // Answered before from this browser: said in place of the form, not as a problem with a field.
      if (err instanceof ApiError && err.status === 409) setDone('already');
      else throw err;
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
        <Form form={form} onSubmit={send} submitLabel={ui('submit')} labels={{ ratings: chrome('surveyRatings') }}>
          {survey.questions.map((qn, i) => (
            <RatingGroup
              key={qn.key}
              name={`ratings.${i}`}
              className="assessments-question"
              label={`${i + 1}. ${qn.text}`}
              choices={[1, 2, 3, 4, 5].map((v) => ({ value: String(v), label: v === 1 ? `1 – ${ui('notImportant')}` : v === 5 ? `5 – ${ui('veryImportant')}` : String(v) }))}
            />
          ))}
          <TextArea name="comment" label={ui('comment')} rows={4} />
        </Form>
      )}
    </div>
  );
}
