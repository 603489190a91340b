import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorSummary, Field, fieldErrorsOf, LoadError, Loading, Table, useTitle, type FieldErrors } from '../../../core/ui';
import { useSurvey, useSurveyLanguage, useSurveyResults, useSurveyStatus } from '../hooks';
import type { Survey, SurveyLanguageInput } from '../api';
import { AssessmentsFrame, localized, num } from '../components/parts';
import '../assessments.css';

const UI_KEYS = ['intro', 'submit', 'thanks', 'comment', 'notImportant', 'veryImportant', 'already', 'closed'] as const;
type UiKey = (typeof UI_KEYS)[number];

/** One community survey for its coordinators: public link, open and close, languages, results (from 3 answers). */
export function CommunitySurveyPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const q = useSurvey(id);
  const status = useSurveyStatus(id);
  const [copied, setCopied] = useState('');
  useTitle(q.data ? (lang === 'fr' ? q.data.titleFr : q.data.title) : t('assessments.surveysTitle'));
  if (q.isPending) return <AssessmentsFrame title={t('assessments.surveysTitle')} lead={false}><Loading /></AssessmentsFrame>;
  if (q.isError) return <AssessmentsFrame title={t('assessments.surveysTitle')} lead={false}><LoadError error={q.error} /></AssessmentsFrame>;
  const s = q.data;
  const link = `${window.location.origin}/assessments/surveys/${s.id}`;
  const copy = async () => {
    try {
      // A browser that neither grants nor refuses the clipboard: select the field after a moment.
      await Promise.race([navigator.clipboard.writeText(link), new Promise((_, reject) => setTimeout(() => reject(new Error('clipboard')), 1500))]);
      setCopied(t('assessments.linkCopied'));
    } catch {
      const input = document.getElementById('as-survey-link') as HTMLInputElement | null;
      input?.select();
      setCopied(t('assessments.linkSelected'));
    }
  };
  return (
    <AssessmentsFrame title={lang === 'fr' ? s.titleFr : s.title} lead={false}>
      <p><Link to={`/assessments/community-surveys?c=${s.collaborativeId}`}>{t('assessments.backToSurveys')}</Link></p>
      {s.illustrative ? <p className="notice">{t('assessments.surveyIllustrative')}</p> : null}
      <dl className="assessments-facts">
        <dt>{t('assessments.status')}</dt><dd>{t(`assessments.surveyStatuses.${s.status}`)}</dd>
        <dt>{t('assessments.surveyResponses')}</dt><dd>{s.responses}</dd>
        <dt>{t('assessments.questionsCount')}</dt><dd>{s.characteristics.length}</dd>
      </dl>
      <div className="field">
        <label htmlFor="as-survey-link">{t('assessments.publicLink')}</label>
        <p className="hint" id="as-survey-link-hint">{s.status === 'open' ? t('assessments.publicLinkOpen') : t('assessments.publicLinkNotOpen')}</p>
        <input id="as-survey-link" readOnly value={link} aria-describedby="as-survey-link-hint" onFocus={(e) => e.currentTarget.select()} />
      </div>
      <div className="assessments-actions">
        <button type="button" className="secondary" onClick={copy}>{t('assessments.copyLink')}</button>
        {s.actions['assessments.survey.open'] ? <button type="button" disabled={status.isPending} onClick={() => status.mutate('open')}>{t('assessments.openSurvey')}</button> : null}
        {s.actions['assessments.survey.close'] ? <button type="button" className="secondary" disabled={status.isPending} onClick={() => status.mutate('close')}>{t('assessments.closeSurvey')}</button> : null}
        <p role="status" className="assessments-status">{copied}</p>
      </div>
      {status.isError ? <LoadError error={status.error} /> : null}
      <h2>{t('assessments.surveyQuestions')}</h2>
      <ol>{s.characteristics.map((c) => <li key={c.key}>{localized(c, lang)}</li>)}</ol>
      <Languages survey={s} />
      {s.actions['assessments.survey.results'] ? <Results id={s.id} /> : null}
    </AssessmentsFrame>
  );
}

const blank = (s: Survey): SurveyLanguageInput => ({ lang: '', name: '', title: '', questions: Object.fromEntries(s.characteristics.map((c) => [c.key, ''])), ui: {} });

/** English and French are built in; the coordinator adds any other language with its translations. */
function Languages({ survey }: { survey: Survey }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const save = useSurveyLanguage(survey.id);
  const [form, setForm] = useState<SurveyLanguageInput>(() => blank(survey));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState('');
  const editable = survey.actions['assessments.survey.languages'];
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const ui = Object.fromEntries(Object.entries(form.ui).filter(([, v]) => v && v.trim())) as SurveyLanguageInput['ui'];
      await save.mutateAsync({ ...form, lang: form.lang.trim(), ui });
      setErrors({});
      setSaved(t('assessments.languageSaved', { name: form.name }));
      setForm(blank(survey));
    } catch (err) {
      setErrors(fieldErrorsOf(err));
      setSaved('');
    }
  };
  const labels: Record<string, string> = { lang: t('assessments.languageCode'), name: t('assessments.languageName'), title: t('assessments.languageTitle') };
  for (const c of survey.characteristics) labels[`questions.${c.key}`] = localized(c, lang);
  for (const k of UI_KEYS) labels[`ui.${k}`] = t(`assessments.uiStrings.${k}`);
  return (
    <section aria-labelledby="as-langs">
      <h2 id="as-langs">{t('assessments.surveyLanguages')}</h2>
      <ul>
        <li>English ({t('assessments.builtIn')})</li>
        <li>Français ({t('assessments.builtIn')})</li>
        {survey.languages.map((l) => (
          <li key={l.lang}>
            <span lang={l.lang}>{l.name}</span> ({l.lang}){' '}
            {editable ? <button type="button" className="secondary" aria-label={t('assessments.editLanguage', { name: l.name })} onClick={() => setForm({ ...l, questions: { ...blank(survey).questions, ...l.questions }, ui: { ...l.ui } })}>{t('assessments.edit')}</button> : null}
          </li>
        ))}
      </ul>
      <p role="status" className="assessments-status">{saved}</p>
      {editable ? (
        <form className="assessments-form" onSubmit={submit} noValidate aria-labelledby="as-lang-form">
          <h3 id="as-lang-form">{t('assessments.addLanguage')}</h3>
          <ErrorSummary errors={errors} labels={labels} />
          <Field path="lang" label={labels.lang} hint={t('assessments.languageCodeHint')} error={errors.lang} required>
            {(p) => <input {...p} value={form.lang} autoComplete="off" onChange={(e) => setForm({ ...form, lang: e.target.value })} />}
          </Field>
          <Field path="name" label={labels.name} hint={t('assessments.languageNameHint')} error={errors.name} required>
            {(p) => <input {...p} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />}
          </Field>
          <Field path="title" label={labels.title} error={errors.title} required>
            {(p) => <input {...p} lang={form.lang || undefined} value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} />}
          </Field>
          <fieldset className="assessments-question">
            <legend>{t('assessments.translateQuestions')}</legend>
            {survey.characteristics.map((c) => (
              <Field key={c.key} path={`questions.${c.key}`} label={localized(c, lang)} error={errors[`questions.${c.key}`]} required>
                {(p) => <input {...p} lang={form.lang || undefined} value={form.questions[c.key] ?? ''} onChange={(e) => setForm({ ...form, questions: { ...form.questions, [c.key]: e.target.value } })} />}
              </Field>
            ))}
          </fieldset>
          <fieldset className="assessments-question">
            <legend>{t('assessments.translateUi')}</legend>
            <p className="hint">{t('assessments.translateUiHint')}</p>
            {UI_KEYS.map((k: UiKey) => (
              <Field key={k} path={`ui.${k}`} label={labels[`ui.${k}`]} error={errors[`ui.${k}`]}>
                {(p) => <input {...p} lang={form.lang || undefined} value={form.ui[k] ?? ''} onChange={(e) => setForm({ ...form, ui: { ...form.ui, [k]: e.target.value } })} />}
              </Field>
            ))}
          </fieldset>
          <button type="submit" disabled={save.isPending}>{t('assessments.saveLanguage')}</button>
        </form>
      ) : null}
    </section>
  );
}

/** Counts and mean importance per characteristic, and the comments: only once at least 3 people answered. */
function Results({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const r = useSurveyResults(id);
  return (
    <section aria-labelledby="as-sresults">
      <h2 id="as-sresults">{t('assessments.surveyResults')}</h2>
      {r.isPending ? <Loading /> : r.isError ? <LoadError error={r.error} /> : r.data.suppressed ? (
        <p className="notice">{t('assessments.surveyResultsHidden', { count: r.data.responses, minimum: r.data.minimum })}</p>
      ) : (
        <>
          <Table className="data-table">
            <caption>{t('assessments.surveyResultsCaption', { count: r.data.responses })}</caption>
            <thead><tr><th scope="col">{t('assessments.characteristic')}</th><th scope="col">{t('assessments.raters')}</th><th scope="col">{t('assessments.meanImportance')}</th></tr></thead>
            <tbody>
              {[...r.data.items].sort((a, b) => (b.mean ?? -1) - (a.mean ?? -1)).map((i) => (
                <tr key={i.key}>
                  <th scope="row">{localized(i, lang)}</th>
                  <td>{i.count ?? t('assessments.hidden')}</td>
                  <td>{i.mean === null ? t('assessments.hidden') : num(i.mean, lang, 1)}</td>
                </tr>
              ))}
            </tbody>
          </Table>
          <h3>{t('assessments.surveyComments')}</h3>
          {r.data.comments.length ? <ul>{r.data.comments.map((c, i) => <li key={i}>{c}</li>)}</ul> : <p>{t('assessments.noComments')}</p>}
        </>
      )}
    </section>
  );
}
