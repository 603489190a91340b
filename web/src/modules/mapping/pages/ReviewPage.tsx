import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, Field, fieldErrorsOf, LoadError, Loading, useTitle, type FieldErrors } from '../../../core/ui';
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

function Question({ c }: { c: Candidate }) {
  const { t } = useTranslation();
  const label = useLabel();
  const [choice, setChoice] = useState<CandidateLabel | ''>('');
  const [rationale, setRationale] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const headingId = `q-${c.id}`;
  const options = c.kind === 'gap' ? gapLabels : overlapLabels;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await label.mutateAsync({ id: c.id, label: choice as CandidateLabel, rationale, version: c.version });
    } catch (err) {
      setErrors(fieldErrorsOf(err));
    }
  };
  return (
    <article className="mapping-question" aria-labelledby={headingId}>
      <h2 id={headingId} className="h3">
        {t(c.kind === 'gap' ? 'mapping.questionGap' : 'mapping.questionOverlap', { domain: t(`mapping.domainName.${c.domain}`, { defaultValue: c.domain }), place: c.placeName ?? t('mapping.severalPlaces') })}
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
        <form onSubmit={submit} noValidate>
          <ErrorSummary errors={errors} labels={{ label: t('mapping.answer'), rationale: t('mapping.rationale') }} />
          <fieldset>
            <legend>{t('mapping.answer')}</legend>
            {options.map((o) => (
              <div className="field checkbox" key={o}>
                <input type="radio" id={`${c.id}-${o}`} name={`label-${c.id}`} value={o} checked={choice === o} onChange={() => setChoice(o)} />
                <label htmlFor={`${c.id}-${o}`}>{t(`mapping.label.${o}`)}</label>
              </div>
            ))}
          </fieldset>
          <Field path={`rationale-${c.id}`} label={t('mapping.rationale')} hint={t('mapping.rationaleHint')} error={errors.rationale} required>
            {(p) => <textarea {...p} rows={2} value={rationale} onChange={(e) => setRationale(e.target.value)} />}
          </Field>
          <button type="submit" disabled={label.isPending || !choice}>{t('mapping.saveAnswer')}</button>
        </form>
      ) : <p className="small muted">{t('mapping.awaitingAnswer')}</p>}
    </article>
  );
}

function FollowUpForm({ c }: { c: Candidate }) {
  const { t } = useTranslation();
  const collabs = useCollaborativeOptions();
  const follow = useFollowUp();
  const [target, setTarget] = useState('');
  const [note, setNote] = useState('');
  const id = `fu-${c.id}`;
  return (
    <form className="mapping-inline" onSubmit={(e) => { e.preventDefault(); follow.mutate({ id: c.id, kind: 'meeting_agenda', targetId: target, note }); }}>
      <div className="field">
        <label htmlFor={`${id}-t`}>{t('mapping.toAgenda')}</label>
        <select id={`${id}-t`} value={target} onChange={(e) => setTarget(e.target.value)}>
          <option value="">{t('mapping.chooseCollaborative')}</option>
          {collabs.data?.items.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-n`}>{t('mapping.note')}</label>
        <input id={`${id}-n`} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <button type="submit" className="button-secondary" disabled={!target || follow.isPending}>{t('mapping.handOn')}</button>
    </form>
  );
}
