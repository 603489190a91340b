import { useState } from 'react';
import { z } from 'zod';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Form, RadioGroup, SelectField, TextArea, useZodForm } from '../../../core/form';
import { LoadError, Loading, useTitle } from '../../../core/ui';
import { feedbackAnswers } from '../../../../../src/modules/pathways/pathways.schema';
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

const feedbackSchema = z.object({ answer: z.enum(feedbackAnswers, { message: 'pathways.chooseAnswer' }), stepKey: z.string(), comment: z.string().trim().max(2000) });

function FeedbackForm({ id, steps }: { id: string; steps: { key: string; title: string }[] }) {
  const { t, i18n } = useTranslation();
  const form = useZodForm(feedbackSchema, { defaultValues: { answer: undefined, stepKey: '', comment: '' } });
  const [sent, setSent] = useState(false);
  if (sent) return <p role="status" className="pathways-notice">{t('pathways.thanks')}</p>;
  return (
    <section aria-labelledby="fb-heading">
      <Form
        form={form}
        className="form pathways-form"
        idPrefix="fb"
        heading={
          <>
            <h2 id="fb-heading">{t('pathways.wasThisRight')}</h2>
            <p className="hint">{t('pathways.feedbackHint')}</p>
          </>
        }
        submitLabel={t('pathways.send')}
        onSubmit={async (v) => {
          await pathwaysApi.sendFeedback(id, { answer: v.answer, comment: v.comment, stepKey: v.stepKey || null, lang: i18n.language === 'fr' ? 'fr' : 'en' });
          setSent(true);
        }}
      >
        <RadioGroup name="answer" label={t('pathways.answer')} required choices={feedbackAnswers.map((a) => ({ value: a, label: t(`pathways.answerKind.${a}`) }))} />
        <SelectField name="stepKey" label={t('pathways.whichStep')} placeholder={t('pathways.wholePathway')} choices={steps.map((s) => ({ value: s.key, label: s.title }))} />
        <TextArea name="comment" label={t('pathways.whatDiffered')} />
      </Form>
    </section>
  );
}
