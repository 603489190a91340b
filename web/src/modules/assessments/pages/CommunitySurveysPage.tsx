import { z } from 'zod';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { CheckboxGroup, Form, SelectField, TextField, useZodForm } from '../../../core/form';
import { LoadError, Loading, Table, useTitle } from '../../../core/ui';
import { useCollaborativeOptions, useCreateSurvey, useProfiles, useRounds, useSurveys } from '../hooks';
import { AssessmentsFrame, localized } from '../components/parts';
import '../assessments.css';

const surveySchema = z.object({ title: z.string().trim().min(1).max(300), titleFr: z.string().trim().min(1).max(300), profileId: z.string(), characteristics: z.array(z.string()).max(30) });

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
  const form = useZodForm(surveySchema, { defaultValues: { title: '', titleFr: '', profileId: '', characteristics: [] } });
  const characteristics = surveys.data?.characteristics ?? [];
  const profileId = form.watch('profileId');
  const profile = profiles.data?.items.find((p) => p.id === profileId);
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
            <Form
              form={form}
              submitLabel={t('assessments.makeSurvey')}
              onSubmit={async (v) => {
                const created = await create.mutateAsync({ collaborativeId: chosen!, title: v.title, titleFr: v.titleFr, profileId: v.profileId || undefined, characteristics: v.characteristics.length ? v.characteristics : undefined });
                navigate(`/assessments/community-surveys/${created.id}`);
              }}
            >
              <TextField name="title" label={t('assessments.surveyTitleEn')} required />
              <TextField name="titleFr" lang="fr" label={t('assessments.surveyTitleFr')} required />
              <SelectField
                name="profileId"
                label={t('assessments.surveyProfile')}
                hint={t('assessments.surveyProfileHint')}
                placeholder={t('assessments.surveyNoProfile')}
                choices={(profiles.data?.items ?? []).map((x) => ({ value: x.id, label: x.title }))}
                options={{
                  onChange: (e: { target: { value: string } }) => {
                    const p = profiles.data?.items.find((x) => x.id === e.target.value);
                    if (p) form.setValue('characteristics', p.content.characteristics.map((c) => c.key));
                  },
                }}
              />
              <CheckboxGroup
                name="characteristics"
                label={t('assessments.surveyQuestions')}
                hint={profile ? t('assessments.surveyQuestionsFromProfile') : t('assessments.surveyQuestionsHint')}
                choices={characteristics.map((c) => ({ value: c.key, label: localized(c, lang) }))}
              />
              <p className="hint">{t('assessments.surveyLanguagesLater')}</p>
            </Form>
          </section>
        </>
      )}
    </>,
  );
}
