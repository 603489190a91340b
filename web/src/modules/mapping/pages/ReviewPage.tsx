import { useState } from 'react';
import { z } from 'zod';
import { useTranslation } from 'react-i18next';
import { Form, RadioGroup, SelectField, TextArea, TextField, useZodForm } from '../../../core/form';
import { words } from '../../../core/labels';
import { LoadError, Loading, useTitle } from '../../../core/ui';
import { gapLabels, overlapLabels } from '../../../../../src/modules/mapping/mapping.schema';
import { useCandidates, useCollaborativeOptions, useFollowUp, useGenerate, useLabel } from '../hooks';
import { MappingFrame, useRegion } from '../components/parts';
import type { Candidate, CandidateLabel } from '../api';
import '../mapping.css';

export function ReviewPage() {
  const { t } = useTranslation();
  useTitle(t('mapping.reviewTitle'));
  const { region } = useRegion();
  const [status, setStatus] = useState<'open' | 'labelled'>('open');
  const [kind, setKind] = useState<'' | 'gap' | 'overlap'>('');
  const q = useCandidates({ regionId: region?.id, status, kind: kind || undefined });
  const generate = useGenerate();
  return (
    <MappingFrame title={t('mapping.reviewTitle')} region>
      <p>{t('mapping.reviewLead')}</p>
      {q.data?.actions['mapping.candidate.generate'] && region ? (
        <p>
          <button type="button" onClick={() => generate.mutate(region.id)} disabled={generate.isPending}>{t('mapping.generate')}</button>
        </p>
      ) : null}
      <div role="status" aria-live="polite">
        {generate.data ? <p className="notice notice-success">{t('mapping.generated', generate.data)}</p> : null}
      </div>
      <form className="mapping-controls" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="rev-status">{t('mapping.status')}</label>
          <select id="rev-status" value={status} onChange={(e) => setStatus(e.target.value as 'open' | 'labelled')}>
            <option value="open">{t('mapping.statusOpen')}</option>
            <option value="labelled">{t('mapping.statusLabelled')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="rev-kind">{t('mapping.kindFilter')}</label>
          <select id="rev-kind" value={kind} onChange={(e) => setKind(e.target.value as '' | 'gap' | 'overlap')}>
            <option value="">{t('mapping.kindAll')}</option>
            <option value="gap">{t('mapping.kindGap')}</option>
            <option value="overlap">{t('mapping.kindOverlap')}</option>
          </select>
        </div>
      </form>
      {q.isPending ? <Loading /> : q.isError ? <LoadError error={q.error} /> : q.data.items.length === 0 ? <p>{t('mapping.noQuestions')}</p> : (
        <ol className="mapping-questions">
          {q.data.items.map((c) => <li key={c.id}><Question c={c} /></li>)}
        </ol>
      )}
    </MappingFrame>
  );
}

function evidenceLine(c: Candidate, t: (k: string, o?: Record<string, unknown>) => string) {
  const e = c.evidence as Record<string, unknown>;
  if (c.kind === 'overlap') return t('mapping.evidenceOverlap', { a: (e.serviceNames as string[])?.[0], b: (e.serviceNames as string[])?.[1], similarity: e.similarity, places: (e.places as string[])?.join(', ') });
  return t(`mapping.evidenceGap.${e.reason as string}`, { services: e.services, per10k: e.servicesPer10k ?? '–', unmet: e.unmet, needs: e.needs, population: e.population ?? '–' });
}

const labelSchema = z.object({ label: z.enum([...gapLabels, ...overlapLabels], { message: 'errors.choose' }), rationale: z.string().trim().min(1).max(5000) });
const followUpSchema = z.object({ targetId: z.string().min(1, 'errors.choose'), note: z.string().trim().max(2000) });

function Question({ c }: { c: Candidate }) {
  const { t } = useTranslation();
  const label = useLabel();
  const form = useZodForm(labelSchema, { defaultValues: { label: undefined, rationale: '' } });
  const headingId = `q-${c.id}`;
  const options = c.kind === 'gap' ? gapLabels : overlapLabels;
  return (
    <article className="mapping-question" aria-labelledby={headingId}>
      <h2 id={headingId} className="h3">
        {t(c.kind === 'gap' ? 'mapping.questionGap' : 'mapping.questionOverlap', { domain: t(`mapping.domainName.${c.domain}`, { defaultValue: words(c.domain) }), place: c.placeName ?? t('mapping.severalPlaces') })}
      </h2>
      <p>{evidenceLine(c, t)}</p>
      {c.organizationNames.length ? <p className="small">{c.organizationNames.join(' · ')}</p> : null}
      {c.status === 'labelled' ? (
        <>
          <p><span className="badge">{t(`mapping.label.${c.label}`)}</span> {c.rationale}</p>
          {c.followUps.map((f, i) => <p key={i} className="small muted">{t(`mapping.followUpDone.${String(f.kind)}`)}{f.note ? `: ${String(f.note)}` : ''}</p>)}
          {c.actions['mapping.candidate.followUp'] ? <FollowUpForm c={c} /> : null}
        </>
      ) : c.actions['mapping.candidate.label'] ? (
        <Form
          form={form}
          idPrefix={`q-${c.id}`}
          submitLabel={t('mapping.saveAnswer')}
          onSubmit={async (v) => {
            await label.mutateAsync({ id: c.id, label: v.label as CandidateLabel, rationale: v.rationale, version: c.version });
          }}
        >
          <RadioGroup name="label" label={t('mapping.answer')} required choices={options.map((o) => ({ value: o, label: t(`mapping.label.${o}`) }))} />
          <TextArea name="rationale" label={t('mapping.rationale')} hint={t('mapping.rationaleHint')} rows={2} required />
        </Form>
      ) : <p className="small muted">{t('mapping.awaitingAnswer')}</p>}
    </article>
  );
}

function FollowUpForm({ c }: { c: Candidate }) {
  const { t } = useTranslation();
  const collabs = useCollaborativeOptions();
  const follow = useFollowUp();
  const form = useZodForm(followUpSchema, { defaultValues: { targetId: '', note: '' } });
  return (
    <Form
      form={form}
      className="form mapping-inline"
      idPrefix={`fu-${c.id}`}
      submitLabel={t('mapping.handOn')}
      onSubmit={async (v) => {
        await follow.mutateAsync({ id: c.id, kind: 'meeting_agenda', targetId: v.targetId, note: v.note });
        form.reset({ targetId: '', note: '' });
      }}
    >
      <SelectField name="targetId" label={t('mapping.toAgenda')} required placeholder={t('mapping.chooseCollaborative')} choices={(collabs.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))} />
      <TextField name="note" label={t('mapping.note')} />
    </Form>
  );
}
