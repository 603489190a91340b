import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { fieldErrorsOf, LoadError, Loading, useTitle, type FieldErrors } from '../../../core/ui';
import { pathwaysApi } from '../api';
import { usePublicPathway } from '../hooks';
import { pick, StepList } from '../components/parts';
import '../pathways.css';

/** What to expect: a published pathway for residents, with "was this right?" (no sign-in). */
export function PublicPathwayPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'fr' ? 'fr' : 'en';
  const q = usePublicPathway(id, lang);
  useTitle(q.data ? pick(lang, q.data.name, q.data.nameFr) : t('pathways.whatToExpect'));
  if (q.isPending) return <Loading />;
  if (q.isError) return <LoadError error={q.error} />;
  const p = q.data;
  return (
    <>
      <p className="pathways-crumb">{t('pathways.whatToExpect')}</p>
      <h1>{pick(lang, p.name, p.nameFr)}</h1>
      <p className="lead">{pick(lang, p.scenario, p.scenarioFr)}</p>
      <p>{t('pathways.publicMeta', { collaborative: p.collaborativeName, version: p.versionNumber, date: p.publishedAt.slice(0, 10) })}</p>
      <h2>{t('pathways.whatHappens')}</h2>
      <StepList steps={p.steps} names={p.names} headingLevel={3} />
      <FeedbackForm id={p.id} steps={p.steps.map((s) => ({ key: s.key, title: pick(lang, s.title, s.titleFr) }))} />
    </>
  );
}

function FeedbackForm({ id, steps }: { id: string; steps: { key: string; title: string }[] }) {
  const { t, i18n } = useTranslation();
  const [answer, setAnswer] = useState('');
  const [comment, setComment] = useState('');
  const [stepKey, setStepKey] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [sent, setSent] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await pathwaysApi.sendFeedback(id, { answer, comment, stepKey: stepKey || null, lang: i18n.language === 'fr' ? 'fr' : 'en' });
      setSent(true); setErrors({});
    } catch (err) { setErrors(fieldErrorsOf(err)); }
  };
  if (sent) return <p role="status" className="pathways-notice">{t('pathways.thanks')}</p>;
  return (
    <form className="pathways-form" onSubmit={submit} noValidate aria-labelledby="fb-heading">
      <h2 id="fb-heading">{t('pathways.wasThisRight')}</h2>
      <p className="hint">{t('pathways.feedbackHint')}</p>
      <fieldset className={errors.answer ? 'field-error' : undefined}>
        <legend>{t('pathways.answer')}</legend>
        {errors.answer ? <p className="error-message">{t('pathways.chooseAnswer')}</p> : null}
        {(['yes', 'partly', 'no'] as const).map((a) => <label key={a} className="pathways-check"><input type="radio" name="answer" value={a} checked={answer === a} onChange={() => setAnswer(a)} />{t(`pathways.answerKind.${a}`)}</label>)}
      </fieldset>
      <div className="field"><label htmlFor="fb-step">{t('pathways.whichStep')}</label>
        <select id="fb-step" value={stepKey} onChange={(e) => setStepKey(e.target.value)}><option value="">{t('pathways.wholePathway')}</option>{steps.map((s) => <option key={s.key} value={s.key}>{s.title}</option>)}</select>
      </div>
      <div className="field"><label htmlFor="fb-comment">{t('pathways.whatDiffered')}</label><textarea id="fb-comment" rows={3} value={comment} onChange={(e) => setComment(e.target.value)} /></div>
      <button type="submit">{t('pathways.send')}</button>
    </form>
  );
}
