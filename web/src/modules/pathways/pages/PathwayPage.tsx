import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { z } from 'zod';
import { flattenErrors, Form, SelectField, TextField, useZodForm } from '../../../core/form';
import { LoadError, Loading, Table, useTitle } from '../../../core/ui';
import { pathwaysApi, type Pathway, type Step } from '../api';
import { useCollaborativeOptions, useFeedback, usePathway, usePathwayMutation } from '../hooks';
import { PathwayFrame, pick, StepList, Swimlane, useLaneToggle } from '../components/parts';
import { StepEditor, stepFields, stepsSchema, type StepsValues } from '../components/StepEditor';
import '../pathways.css';

const newKey = (steps: Step[]) => {
  let i = steps.length + 1;
  while (steps.some((s) => s.key === `step-${i}`)) i++;
  return `step-${i}`;
};

export function PathwayPage() {
  const { id } = useParams();
  const q = usePathway(id);
  const { t } = useTranslation();
  useTitle(q.data?.name ?? t('pathways.title'));
  if (q.isPending) return <Loading />;
  if (q.isError) return <LoadError error={q.error} />;
  // Keyed by id only: saving refetches a new version without losing the editor state.
  return <PathwayView key={q.data.id} pathway={q.data} />;
}

function PathwayView({ pathway }: { pathway: Pathway }) {
  const { t, i18n } = useTranslation();
  const canEdit = pathway.actions['pathways.update'];
  // The steps live in the editor's form; the swimlane and the list draw what it holds now.
  const form = useZodForm(stepsSchema, { defaultValues: { steps: pathway.steps } as StepsValues });
  const steps = form.watch('steps') as Step[];
  const setSteps = (next: Step[]) => form.setValue('steps', next as never, { shouldDirty: true });
  const [names, setNames] = useState(pathway.names);
  const [selected, setSelected] = useState<string | null>(null);
  const { laneBy, toggle } = useLaneToggle();
  const save = usePathwayMutation((s: Step[]) => pathwaysApi.update(pathway.id, { steps: s, version: pathway.version }));
  const acknowledge = usePathwayMutation(() => pathwaysApi.acknowledge(pathway.id));
  const dirty = JSON.stringify(steps) !== JSON.stringify(pathway.steps);
  const index = steps.findIndex((s) => s.key === selected);
  // A problem in a step whose editor is closed: open that step and put focus on its first field at fault.
  const { errors, submitCount } = form.formState;
  useEffect(() => {
    const first = flattenErrors(errors).map(([p]) => p).find((p) => /^steps\.\d+\./.test(p));
    if (!first) return;
    const n = Number(first.split('.')[1]);
    const key = form.getValues('steps')[n]?.key;
    if (key && key !== selected) setSelected(key);
    requestAnimationFrame(() => document.getElementById(`field-${first.replace(/[^a-zA-Z0-9_-]/g, '-')}`)?.focus());
    // Only after a submit (or the server's answer), not while typing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [submitCount, errors.root]);
  const add = () => {
    const key = newKey(steps);
    const last = steps[steps.length - 1];
    const created: Step = { key, kind: 'service', title: t('pathways.newStep'), titleFr: '', description: '', descriptionFr: '', toBring: '', toBringFr: '', domain: null, serviceIds: [], organizationIds: [], conditions: [], targetDays: null, responsibleRole: '', next: [] };
    setSteps([...steps.map((s) => (s === last && s.kind !== 'exit' && s.next.length === 0 ? { ...s, next: [{ to: key, condition: '' }] } : s)), created]);
    setSelected(key);
  };
  const move = (dir: -1 | 1) => {
    const i = index;
    const j = i + dir;
    if (i < 0 || j < 0 || j >= steps.length) return;
    const copy = [...steps];
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    setSteps(copy);
  };
  const remove = () => {
    setSteps(steps.filter((s) => s.key !== selected).map((s) => ({ ...s, next: s.next.filter((n) => n.to !== selected) })));
    setSelected(null);
  };
  const labels: Record<string, string> = { steps: t('pathways.editHeading'), 'steps.#': t('pathways.stepN', { n: '#' }) };
  steps.forEach((_, i) => {
    labels[`steps.${i}`] = t('pathways.stepN', { n: i + 1 });
    for (const f of stepFields) labels[`steps.${i}.${f}`] = `${t('pathways.stepN', { n: i + 1 })}${t('common.colon')}${t(`pathways.field.${f}`)}`;
  });
  return (
    <PathwayFrame pathway={pathway}>
      <p>{t('pathways.meta', { collaborative: pathway.collaborativeName })}{pathway.population ? ` · ${pathway.population}` : ''}{pathway.reviewDate ? ` · ${t('pathways.reviewBy', { date: pathway.reviewDate })}` : ''}</p>
      <p>{pathway.status === 'published' ? t('pathways.statusPublished', { version: pathway.versions[0]?.number }) : t('pathways.statusDraft')}{pathway.status === 'published' ? <> · <Link to={`/pathways/public/${pathway.id}`}>{t('pathways.publicPage')}</Link></> : null}</p>
      {pathway.basedOn ? <BaseBox pathway={pathway} onAcknowledge={() => acknowledge.mutate(undefined)} /> : null}

      <h2>{t('pathways.idealHeading')}</h2>
      {toggle}
      <Swimlane steps={steps} names={names} laneBy={laneBy} selected={selected} onSelect={canEdit ? setSelected : undefined} />
      <details className="pathways-alt" open={!canEdit}>
        <summary>{t('pathways.textAlternative')}</summary>
        <StepList steps={steps} names={names} />
      </details>

      {canEdit ? (
        <Form
          form={form}
          className="form pathways-form"
          labels={labels}
          submitLabel={t('pathways.saveDraft')}
          heading={
            <>
              <h2>{t('pathways.editHeading')}</h2>
              <p className="hint">{t('pathways.editHint')}</p>
              <div className="pathways-actions">
                <button type="button" className="secondary" onClick={add}>{t('pathways.addStep')}</button>
                {index >= 0 ? <>
                  <button type="button" className="secondary" onClick={() => move(-1)}>{t('pathways.moveEarlier')}</button>
                  <button type="button" className="secondary" onClick={() => move(1)}>{t('pathways.moveLater')}</button>
                  <button type="button" className="secondary" onClick={remove}>{t('pathways.removeStep')}</button>
                </> : null}
              </div>
            </>
          }
          onSubmit={async (v) => {
            if (!dirty) return t('pathways.nothingToSave');
            const saved = await save.mutateAsync(v.steps as Step[]);
            form.reset({ steps: saved.steps });
            return t('pathways.saved');
          }}
        >
          {index >= 0 ? <StepEditor key={`${selected}-${index}`} index={index} steps={steps} names={names} onNames={(s) => setNames({ ...names, services: { ...names.services, ...s.services }, organizations: { ...names.organizations, ...s.organizations }, serviceOrganizations: { ...names.serviceOrganizations, ...s.serviceOrganizations } })} /> : <p>{t('pathways.selectStep')}</p>}
        </Form>
      ) : null}

      {pathway.actions['pathways.publish'] ? (
        <PublishForm pathway={pathway} dirty={dirty} />
      ) : null}

      {pathway.versions.length ? (
        <Table className="data-table">
          <caption>{t('pathways.versions')}</caption>
          <thead><tr><th scope="col">{t('pathways.version')}</th><th scope="col">{t('pathways.publishedAt')}</th><th scope="col">{t('pathways.versionNote')}</th></tr></thead>
          <tbody>{pathway.versions.map((v) => <tr key={v.number}><th scope="row">{v.number}</th><td>{new Date(v.publishedAt).toLocaleDateString(i18n.language === 'fr' ? 'fr-CA' : 'en-CA')}</td><td>{v.note}</td></tr>)}</tbody>
        </Table>
      ) : null}

      <h2>{t('pathways.exchange')}</h2>
      <ul>
        <li><a href={`/api/v1/pathways/${pathway.id}/plan-definition`} download={`pathway-${pathway.id}.fhir.json`}>{t('pathways.exportFhir')}</a></li>
        <li><a href={`/api/v1/pathways/${pathway.id}/export.json`}>{t('pathways.exportJson')}</a></li>
        <li><a href={`/api/v1/pathways/${pathway.id}/pdf?lang=${i18n.language === 'fr' ? 'fr' : 'en'}`}>{t('pathways.exportPdf')}</a></li>
      </ul>
      <CopyForm pathway={pathway} />
      {pathway.copies.length ? <><h3>{t('pathways.copies')}</h3><ul>{pathway.copies.map((c) => <li key={c.id}><Link to={`/pathways/${c.id}`}>{c.name}</Link> ({c.collaborativeName})</li>)}</ul></> : null}
      {pathway.actions['pathways.feedback.read'] ? <FeedbackList pathway={pathway} /> : null}
    </PathwayFrame>
  );
}

function BaseBox({ pathway, onAcknowledge }: { pathway: Pathway; onAcknowledge: () => void }) {
  const { t } = useTranslation();
  const b = pathway.basedOn!;
  return (
    <section className={b.changed ? 'pathways-notice is-warning' : 'pathways-notice'} aria-labelledby="base-heading">
      <h2 id="base-heading">{t('pathways.basedOn', { name: b.name, collaborative: b.collaborativeName })}</h2>
      {b.changed ? <p>{t('pathways.baseChanged', { copied: b.copiedVersion ?? '–', latest: b.latestVersion })}</p> : null}
      <p><Link to={`/pathways/${b.id}`}>{t('pathways.openBase')}</Link></p>
      {b.diff.length === 0 ? <p>{t('pathways.sameAsBase')}</p> : (
        <Table className="data-table">
          <caption>{t('pathways.diffCaption')}</caption>
          <thead><tr><th scope="col">{t('pathways.step')}</th><th scope="col">{t('pathways.change')}</th><th scope="col">{t('pathways.fields')}</th></tr></thead>
          <tbody>{b.diff.map((d) => <tr key={d.key}><th scope="row">{d.title}</th><td>{t(`pathways.changeKind.${d.change}`)}</td><td>{d.fields.map((f) => t(`pathways.fieldName.${f}`)).join(', ')}</td></tr>)}</tbody>
        </Table>
      )}
      {b.changed && pathway.actions['pathways.update'] ? <button type="button" className="secondary" onClick={onAcknowledge}>{t('pathways.acknowledge')}</button> : null}
    </section>
  );
}

const publishSchema = z.object({ note: z.string().trim().max(1000) });

function PublishForm({ pathway, dirty }: { pathway: Pathway; dirty: boolean }) {
  const { t } = useTranslation();
  const publish = usePathwayMutation((note: string) => pathwaysApi.publish(pathway.id, pathway.version, note));
  const form = useZodForm(publishSchema, { defaultValues: { note: '' } });
  return (
    <Form
      form={form}
      className="form pathways-form"
      idPrefix="publish"
      heading={<h2>{t('pathways.publishHeading')}</h2>}
      submitLabel={t('pathways.publish')}
      onSubmit={async (v) => {
        if (dirty) {
          form.setError('root.server', { type: 'server', message: t('pathways.saveFirst') });
          return;
        }
        await publish.mutateAsync(v.note);
        form.reset({ note: '' });
        return t('pathways.published');
      }}
    >
      <TextField name="note" label={t('pathways.versionNote')} />
      {dirty ? <p className="hint">{t('pathways.saveFirst')}</p> : null}
    </Form>
  );
}

const copySchema = z.object({ collaborativeId: z.string().min(1, 'errors.choose'), name: z.string().trim().max(200) });

function CopyForm({ pathway }: { pathway: Pathway }) {
  const { t } = useTranslation();
  const collaboratives = useCollaborativeOptions();
  const copy = usePathwayMutation((v: { collaborativeId: string; name: string }) => pathwaysApi.copy(pathway.id, v.collaborativeId, v.name || undefined));
  const form = useZodForm(copySchema, { defaultValues: { collaborativeId: '', name: '' } });
  const [made, setMade] = useState<Pathway | null>(null);
  return (
    <Form
      form={form}
      className="form pathways-form"
      idPrefix="copy"
      heading={
        <>
          <h3>{t('pathways.copyHeading')}</h3>
          <p className="hint">{t('pathways.copyHint')}</p>
        </>
      }
      submitLabel={t('pathways.copy')}
      onSubmit={async (v) => {
        setMade(null);
        setMade(await copy.mutateAsync(v));
      }}
    >
      <SelectField name="collaborativeId" label={t('pathways.collaborative')} required placeholder="–" choices={(collaboratives.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
      <TextField name="name" label={t('pathways.copyName')} />
      {made ? (
        <p role="status" className="notice notice-success">
          <Link to={`/pathways/${made.id}`}>{t('pathways.copyMade', { name: made.name })}</Link>
        </p>
      ) : null}
    </Form>
  );
}

function FeedbackList({ pathway }: { pathway: Pathway }) {
  const { t, i18n } = useTranslation();
  const q = useFeedback(pathway.id, true);
  const title = new Map(pathway.steps.map((s) => [s.key, pick(i18n.language, s.title, s.titleFr)]));
  return (
    <section aria-labelledby="feedback-heading">
      <h2 id="feedback-heading">{t('pathways.feedbackHeading')}</h2>
      {q.isPending ? <Loading /> : q.isError ? <LoadError error={q.error} /> : q.data.items.length === 0 ? <p>{t('pathways.noFeedback')}</p> : (
        <Table className="data-table">
          <caption>{t('pathways.feedbackCaption')}</caption>
          <thead><tr><th scope="col">{t('pathways.receivedAt')}</th><th scope="col">{t('pathways.answer')}</th><th scope="col">{t('pathways.step')}</th><th scope="col">{t('pathways.comment')}</th></tr></thead>
          <tbody>{q.data.items.map((f) => <tr key={f.id}><th scope="row">{new Date(f.createdAt).toLocaleDateString(i18n.language === 'fr' ? 'fr-CA' : 'en-CA')}</th><td>{t(`pathways.answerKind.${f.answer}`)}</td><td>{f.stepKey ? title.get(f.stepKey) ?? f.stepKey : '–'}</td><td>{f.comment}</td></tr>)}</tbody>
        </Table>
      )}
    </section>
  );
}
