import { useState } from 'react';
import { useController } from 'react-hook-form';
import { z } from 'zod';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Form, formText, TextField, useZodForm } from '../../../core/form';
import { LanguagePicker } from '../../../core/LanguagePicker';
import { languageName } from '../../../core/labels';
import { Field, LoadError, Loading, Table, useTitle } from '../../../core/ui';
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

const languageSchema = z.object({
  lang: z.string().min(1, 'errors.choose'),
  name: z.string().trim().min(1).max(60),
  title: z.string().trim().min(1).max(200),
  questions: z.record(z.string(), z.string().trim().min(1).max(500)),
  ui: z.record(z.string(), z.string().max(500)),
});

/** A language chosen by its name from a list; the ISO 639 code is what the form holds. */
function LanguageField({ name, label, hint }: { name: string; label: string; hint?: string }) {
  const { field, fieldState } = useController({ name });
  return (
    <Field path={name} label={label} hint={hint} error={formText(fieldState.error?.message)} required>
      {(p) => <LanguagePicker {...p} value={(field.value as string) ?? ''} onChange={field.onChange} />}
    </Field>
  );
}

/** English and French are built in; the coordinator adds any other language with its translations. */
function Languages({ survey }: { survey: Survey }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const save = useSurveyLanguage(survey.id);
  const form = useZodForm(languageSchema, { defaultValues: blank(survey) });
  const editable = survey.actions['assessments.survey.languages'];
  return (
    <section aria-labelledby="as-langs">
      <h2 id="as-langs">{t('assessments.surveyLanguages')}</h2>
      <ul>
        <li>English ({t('assessments.builtIn')})</li>
        <li>Français ({t('assessments.builtIn')})</li>
        {survey.languages.map((l) => (
          <li key={l.lang}>
            <span lang={l.lang}>{l.name}</span>
            {languageName(l.lang, lang) !== l.name && languageName(l.lang, lang) !== l.lang ? ` (${languageName(l.lang, lang)})` : ''}{' '}
            {editable ? <button type="button" className="secondary" aria-label={t('assessments.editLanguage', { name: l.name })} onClick={() => form.reset({ ...l, questions: { ...blank(survey).questions, ...l.questions }, ui: { ...l.ui } })}>{t('assessments.edit')}</button> : null}
          </li>
        ))}
      </ul>
      {editable ? (
        <section aria-labelledby="as-lang-form">
          <Form
            form={form}
            className="form assessments-form"
            idPrefix="lang"
            heading={<h3 id="as-lang-form">{t('assessments.addLanguage')}</h3>}
            submitLabel={t('assessments.saveLanguage')}
            onSubmit={async (v) => {
              const ui = Object.fromEntries(Object.entries(v.ui).filter(([, x]) => x && x.trim())) as SurveyLanguageInput['ui'];
              await save.mutateAsync({ ...v, lang: v.lang.trim(), ui });
              form.reset(blank(survey));
              return t('assessments.languageSaved', { name: v.name });
            }}
          >
            <LanguageField name="lang" label={t('assessments.languageCode')} hint={t('assessments.languageCodeHint')} />
            <TextField name="name" label={t('assessments.languageName')} hint={t('assessments.languageNameHint')} required />
            <TextField name="title" label={t('assessments.languageTitle')} required />
            <fieldset className="assessments-question">
              <legend>{t('assessments.translateQuestions')}</legend>
              {survey.characteristics.map((c) => (
                <TextField key={c.key} name={`questions.${c.key}`} label={localized(c, lang)} required />
              ))}
            </fieldset>
            <fieldset className="assessments-question">
              <legend>{t('assessments.translateUi')}</legend>
              <p className="hint">{t('assessments.translateUiHint')}</p>
              {UI_KEYS.map((k: UiKey) => (
                <TextField key={k} name={`ui.${k}`} label={t(`assessments.uiStrings.${k}`)} />
              ))}
            </fieldset>
          </Form>
        </section>
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
