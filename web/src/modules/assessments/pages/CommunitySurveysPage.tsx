import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ErrorSummary, Field, fieldErrorsOf, LoadError, Loading, Table, useTitle, type FieldErrors } from '../../../core/ui';
import { useCollaborativeOptions, useCreateSurvey, useProfiles, useRounds, useSurveys } from '../hooks';
import { AssessmentsFrame, localized } from '../components/parts';
import '../assessments.css';

/** Coordinators' list of a collaborative's community surveys, and the form that makes one. */
export function CommunitySurveysPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  useTitle(t('assessments.surveysTitle'));
  const [params, setParams] = useSearchParams();
  const options = useCollaborativeOptions().data?.items ?? [];
  const mine = new Set((useRounds().data?.items ?? []).map((r) => r.collaborativeId));
  const chosen = params.get('c') ?? options.find((c) => mine.has(c.id))?.id ?? options[0]?.id;
  const surveys = useSurveys(chosen);
  const profiles = useProfiles(chosen);
  const create = useCreateSurvey();
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [titleFr, setTitleFr] = useState('');
  const [profileId, setProfileId] = useState('');
  const [keys, setKeys] = useState<string[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const characteristics = surveys.data?.characteristics ?? [];
  const profile = profiles.data?.items.find((p) => p.id === profileId);
  const chooseProfile = (id: string) => {
    setProfileId(id);
    const p = profiles.data?.items.find((x) => x.id === id);
    if (p) setKeys(p.content.characteristics.map((c) => c.key));
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const s = await create.mutateAsync({ collaborativeId: chosen!, title, titleFr, profileId: profileId || undefined, characteristics: keys.length ? keys : undefined });
      navigate(`/assessments/community-surveys/${s.id}`);
    } catch (err) {
      setErrors(fieldErrorsOf(err));
    }
  };
  const frame = (body: React.ReactNode) => <AssessmentsFrame title={t('assessments.surveysTitle')}>{body}</AssessmentsFrame>;
  return frame(
    <>
      <p>{t('assessments.surveysLead')}</p>
      {options.length > 1 ? (
        <div className="field assessments-picker">
          <label htmlFor="as-scollab">{t('assessments.collaborative')}</label>
          <select id="as-scollab" value={chosen ?? ''} onChange={(e) => setParams({ c: e.target.value }, { replace: true })}>
            {options.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
        </div>
      ) : null}
      {!chosen || surveys.isPending ? <Loading /> : surveys.isError ? <LoadError error={surveys.error} /> : (
        <>
          <h2>{t('assessments.surveysHeading')}</h2>
          {surveys.data.items.length === 0 ? <p>{t('assessments.noSurveys')}</p> : (
            <Table className="data-table">
              <caption>{t('assessments.surveysCaption')}</caption>
              <thead><tr><th scope="col">{t('assessments.surveyName')}</th><th scope="col">{t('assessments.status')}</th><th scope="col">{t('assessments.surveyResponses')}</th><th scope="col">{t('assessments.surveyLanguages')}</th></tr></thead>
              <tbody>
                {surveys.data.items.map((s) => (
                  <tr key={s.id}>
                    <th scope="row"><Link to={`/assessments/community-surveys/${s.id}`}>{lang === 'fr' ? s.titleFr : s.title}</Link>{s.illustrative ? <span className="badge">{t('assessments.illustrative')}</span> : null}</th>
                    <td>{t(`assessments.surveyStatuses.${s.status}`)}</td>
                    <td>{s.responses}</td>
                    <td>{['English', 'Français', ...s.languages.map((l) => l.name)].join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
          <section className="assessments-form" aria-labelledby="as-new-survey">
            <h2 id="as-new-survey">{t('assessments.newSurvey')}</h2>
            <form onSubmit={submit} noValidate>
              <ErrorSummary errors={errors} labels={{ title: t('assessments.surveyTitleEn'), titleFr: t('assessments.surveyTitleFr'), characteristics: t('assessments.surveyQuestions'), profileId: t('assessments.surveyProfile') }} />
              <Field path="title" label={t('assessments.surveyTitleEn')} error={errors.title} required>
                {(p) => <input {...p} lang="en" value={title} onChange={(e) => setTitle(e.target.value)} />}
              </Field>
              <Field path="titleFr" label={t('assessments.surveyTitleFr')} error={errors.titleFr} required>
                {(p) => <input {...p} lang="fr" value={titleFr} onChange={(e) => setTitleFr(e.target.value)} />}
              </Field>
              <Field path="profileId" label={t('assessments.surveyProfile')} hint={t('assessments.surveyProfileHint')} error={errors.profileId}>
                {(p) => (
                  <select {...p} value={profileId} onChange={(e) => chooseProfile(e.target.value)}>
                    <option value="">{t('assessments.surveyNoProfile')}</option>
                    {(profiles.data?.items ?? []).map((x) => <option key={x.id} value={x.id}>{x.title}</option>)}
                  </select>
                )}
              </Field>
              <fieldset className="assessments-question" id="field-characteristics" tabIndex={-1}>
                <legend>{t('assessments.surveyQuestions')}</legend>
                <p className="hint">{profile ? t('assessments.surveyQuestionsFromProfile') : t('assessments.surveyQuestionsHint')}</p>
                {errors.characteristics ? <p className="error-message">{errors.characteristics}</p> : null}
                {characteristics.map((c) => (
                  <label key={c.key} className="assessments-check">
                    <input type="checkbox" checked={keys.includes(c.key)} onChange={() => setKeys((k) => (k.includes(c.key) ? k.filter((x) => x !== c.key) : [...k, c.key]))} /> {localized(c, lang)}
                  </label>
                ))}
              </fieldset>
              <p className="hint">{t('assessments.surveyLanguagesLater')}</p>
              <button type="submit" disabled={create.isPending}>{t('assessments.makeSurvey')}</button>
            </form>
          </section>
        </>
      )}
    </>,
  );
}
