/**
 * The exchange's forms, on the shared form library (react-hook-form + zod, web/src/core/form):
 * create a network, add a member, write a practice, publish a template version, adopt one.
 * Each page shows a form only when the presenter's allowed actions say so.
 */
import { useMemo, useState } from 'react';
import { useFieldArray, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { z } from 'zod';
import { CheckboxField, Form, RadioGroup, SelectField, TextArea, TextField, useZodForm } from '../../../core/form';
import { communityTypes, evidenceKinds, needDomains, welcomingCharacteristics } from '../../../../../src/modules/exchange/exchange.schema';
import type { Network, Practice, Template } from '../api';
import { useRemoveMember, useAddMember, useAdopt, useCollaborativeOptions, useCreateNetwork, useCreatePractice, useEvidenceOptions, useIndicatorOptions, useUpdatePractice, usePlanMeasures, usePlanOptions, usePublishVersion, useShare } from '../hooks';
import { inLang } from './parts';

const req = (max: number) => z.string().trim().min(1).max(max);
const opt = (max: number) => z.string().trim().max(max);
const orNull = (s: string | undefined) => (s && s.trim() ? s.trim() : null);

// ---------------------------------------------------------------- networks
const networkSchema = z.object({ name: req(200), nameFr: opt(200), description: opt(4000) });

/** A platform admin creates a network; the new network's page opens. */
export function NetworkForm() {
  const { t } = useTranslation();
  const create = useCreateNetwork();
  const navigate = useNavigate();
  const form = useZodForm(networkSchema, { defaultValues: { name: '', nameFr: '', description: '' } });
  return (
    <Form
      form={form}
      className="form exchange-form"
      heading={<h2>{t('exchange.form.createNetwork')}</h2>}
      submitLabel={t('exchange.form.createNetwork')}
      onSubmit={async (v) => {
        const n = await create.mutateAsync({ name: v.name, nameFr: orNull(v.nameFr), description: orNull(v.description) });
        navigate(`/exchange/networks/${n.id}`);
      }}
    >
      <TextField name="name" label={t('exchange.form.name')} required />
      <TextField name="nameFr" lang="fr" label={t('exchange.form.nameFr')} />
      <TextArea name="description" label={t('exchange.form.description')} />
    </Form>
  );
}

const memberSchema = z.object({ collaborativeId: z.string().min(1, 'errors.choose'), communityType: z.enum(communityTypes) });

/** The steward (or a platform admin) adds a collaborative with its community type. */
export function MemberForm({ network }: { network: Network }) {
  const { t } = useTranslation();
  const add = useAddMember(network.id);
  const collabs = useCollaborativeOptions(true);
  const inside = new Set(network.members.map((m) => m.collaborativeId));
  const form = useZodForm(memberSchema, { defaultValues: { collaborativeId: '', communityType: 'urban' } });
  return (
    <Form
      form={form}
      className="form exchange-form"
      heading={<h2>{t('exchange.form.addMember')}</h2>}
      submitLabel={t('exchange.form.addMember')}
      onSubmit={async (v) => {
        const n = await add.mutateAsync(v);
        form.reset({ collaborativeId: '', communityType: v.communityType });
        return t('exchange.form.memberAdded', { name: n.members.find((m) => m.collaborativeId === v.collaborativeId)?.name ?? '' });
      }}
    >
      <SelectField
        name="collaborativeId"
        label={t('exchange.collaborative')}
        required
        placeholder={t('exchange.form.choose')}
        choices={(collabs.data?.items ?? []).filter((c) => !inside.has(c.id)).map((c) => ({ value: c.id, label: c.name }))}
      />
      <SelectField name="communityType" label={t('exchange.communityType')} required choices={communityTypes.map((c) => ({ value: c, label: t(`exchange.type.${c}`) }))} />
    </Form>
  );
}

/** The steward takes one member out, with the reason (its live grants in the network are revoked). */
function RemoveMember({ network, member, onDone }: { network: Network; member: Network['members'][number]; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const remove = useRemoveMember(network.id);
  // One form per member on the page: each field gets its own name, hence its own id.
  const key = `reason_${member.collaborativeId.replace(/-/g, '')}`;
  const schema = useMemo(() => z.object({ [key]: req(1000) }) as unknown as z.ZodType<Record<string, string>, Record<string, string>>, [key]);
  const form = useZodForm(schema, { defaultValues: { [key]: '' } });
  return (
    <Form
      form={form}
      className="form exchange-controls"
      submitLabel={t('exchange.form.removeMember', { name: member.name })}
      onSubmit={async (v) => {
        await remove.mutateAsync({ collaborativeId: member.collaborativeId, reason: v[key] });
        onDone(t('exchange.form.memberRemoved', { name: member.name }));
      }}
    >
      <TextField name={key} label={t('exchange.form.removeReason', { name: member.name })} required />
    </Form>
  );
}

/** The members of a network with their community type; the steward may take one out. */
export function MemberList({ network }: { network: Network }) {
  const { t } = useTranslation();
  const manage = !!network.actions['exchange.network.manage'];
  const [done, setDone] = useState('');
  return (
    <>
    <div role="status">{done ? <p className="notice notice-success">{done}</p> : null}</div>
    <ul className="exchange-members">
      {network.members.map((m) => (
        <li key={m.collaborativeId}>
          {m.name} · {t(`exchange.type.${m.communityType}`)}
          {manage ? (
            <details className="exchange-details">
              <summary>{t('exchange.form.removeMember', { name: m.name })}</summary>
              <RemoveMember network={network} member={m} onDone={setDone} />
            </details>
          ) : null}
        </li>
      ))}
    </ul>
    </>
  );
}

// ---------------------------------------------------------------- practices
const evidenceSchema = z
  // `item` is the server's `ref` (the form library keeps `ref` for its own use in error objects).
  .object({ kind: z.enum(evidenceKinds), item: z.string().trim().min(1, 'errors.choose').max(1000), label: req(300) })
  .superRefine((e, ctx) => {
    if (e.kind === 'url' && !/^https?:\/\/\S+$/i.test(e.item)) ctx.addIssue({ code: 'custom', path: ['item'], message: 'exchange.form.urlInvalid' });
  });
const practiceSchema = z.object({
  titleEn: req(300), titleFr: opt(300),
  problemEn: req(4000), problemFr: opt(4000),
  doneEn: req(8000), doneFr: opt(8000),
  resultsEn: opt(4000), resultsFr: opt(4000),
  byWhom: opt(1000), forWhom: opt(1000), place: opt(500), resources: opt(2000),
  communityType: z.enum(communityTypes),
  needDomain: z.enum(needDomains),
  welcomingCharacteristic: z.union([z.enum(welcomingCharacteristics), z.literal('')]),
  populationTags: opt(1200),
  evidence: z.array(evidenceSchema).max(30),
  note: opt(1000),
});
type PracticeValues = z.infer<typeof practiceSchema>;

/**
 * Evidence links: each an indicator, a report card or a document picked from the lists of what
 * the author may see (GET /exchange/evidence-options), or a web address, with a label.
 */
function EvidenceList() {
  const { t, i18n } = useTranslation();
  const { control, watch, setValue } = useFormContext<PracticeValues>();
  const arr = useFieldArray({ control, name: 'evidence' });
  const options = useEvidenceOptions();
  const lists = { indicator: options.data?.indicators ?? [], report_card: options.data?.reportCards ?? [], document: options.data?.documents ?? [] };
  return (
    <fieldset className="exchange-bundle">
      <legend>{t('exchange.evidence')}</legend>
      <p className="hint">{t('exchange.form.evidenceLead')}</p>
      {arr.fields.map((f, i) => {
        const n = t('exchange.form.item.evidence', { n: i + 1 });
        const kind = watch(`evidence.${i}.kind`);
        const list = kind === 'url' ? null : lists[kind];
        return (
          <fieldset key={f.id} className="exchange-item">
            <legend>{n}</legend>
            <SelectField
              name={`evidence.${i}.kind`}
              label={t('exchange.form.field.kind')}
              required
              options={{ onChange: () => setValue(`evidence.${i}.item`, '') }}
              choices={evidenceKinds.map((k) => ({ value: k, label: t(`exchange.evidenceKind.${k}`) }))}
            />
            {list ? (
              <SelectField
                name={`evidence.${i}.item`}
                label={t(`exchange.form.pick.${kind}`)}
                required
                placeholder={list.length ? t('exchange.form.choose') : t('exchange.form.nothingToPick')}
                options={{
                  onChange: (e: { target: { value: string } }) => {
                    const o = list.find((x) => x.ref === e.target.value);
                    if (o && !watch(`evidence.${i}.label`)) setValue(`evidence.${i}.label`, inLang(o.label, i18n.language));
                  },
                }}
                choices={list.map((o) => ({ value: o.ref, label: inLang(o.label, i18n.language) }))}
              />
            ) : (
              <TextField name={`evidence.${i}.item`} label={t('exchange.form.field.address')} type="url" hint={t('exchange.form.addressHint')} required />
            )}
            <TextField name={`evidence.${i}.label`} label={t('exchange.form.field.label')} required />
            <button type="button" className="button" onClick={() => arr.remove(i)}>{t('exchange.form.remove', { item: n })}</button>
          </fieldset>
        );
      })}
      <button type="button" className="button" onClick={() => arr.append({ kind: 'indicator', item: '', label: '' })}>{t('exchange.form.add.evidence')}</button>
    </fieldset>
  );
}

const valuesOf = (p: Practice | undefined): PracticeValues => ({
  titleEn: p?.title.en ?? '', titleFr: p?.title.fr ?? '', problemEn: p?.problem.en ?? '', problemFr: p?.problem.fr ?? '', doneEn: p?.done.en ?? '', doneFr: p?.done.fr ?? '',
  resultsEn: p?.results.en ?? '', resultsFr: p?.results.fr ?? '', byWhom: p?.byWhom ?? '', forWhom: p?.forWhom ?? '', place: p?.place ?? '', resources: p?.resources ?? '',
  communityType: p?.communityType ?? 'urban', needDomain: (p?.needDomain as PracticeValues['needDomain']) ?? 'settlement',
  welcomingCharacteristic: (p?.welcomingCharacteristic as PracticeValues['welcomingCharacteristic']) ?? '', populationTags: p?.populationTags.join(', ') ?? '',
  evidence: (p?.evidence ?? []).map((e) => ({ kind: e.kind, item: e.ref, label: e.label })), note: '',
});

/**
 * A coordinator writes up a practice (English and French), or its author edits it (with a note
 * for those who adapted it); the practice's page opens.
 */
export function PracticeForm({ practice }: { practice?: Practice }) {
  const { t } = useTranslation();
  const create = useCreatePractice();
  const update = useUpdatePractice();
  const navigate = useNavigate();
  const form = useZodForm(practiceSchema, { defaultValues: valuesOf(practice) });
  return (
    <Form
      form={form}
      className="form exchange-form"
      labels={{ 'evidence.#': t('exchange.form.item.evidence', { n: '#' }) }}
      onError={(err) => {
        const e = err as { status?: number; problem?: { errors?: { field: string; message: string }[] }; errors?: { field: string; message: string }[] };
        if (e.status === 409) return t('exchange.form.stale');
        // The server names a link as evidence.N.ref; say which link, in the form's words.
        const bad = (e.problem?.errors ?? e.errors ?? []).filter((x) => /^evidence\.\d+\.ref$/.test(x.field));
        if (bad.length) return bad.map((x) => `${t('exchange.form.item.evidence', { n: Number(x.field.split('.')[1]) + 1 })}${t('common.colon')}${t('exchange.form.evidenceRefused')}`).join(' ');
        return undefined;
      }}
      submitLabel={practice ? t('exchange.form.saveChanges') : t('exchange.form.publishPractice')}
      onSubmit={async (v) => {
        const body = {
          titleEn: v.titleEn, titleFr: orNull(v.titleFr), problemEn: v.problemEn, problemFr: orNull(v.problemFr), doneEn: v.doneEn, doneFr: orNull(v.doneFr),
          resultsEn: orNull(v.resultsEn), resultsFr: orNull(v.resultsFr), byWhom: orNull(v.byWhom), forWhom: orNull(v.forWhom), place: orNull(v.place), resources: orNull(v.resources),
          communityType: v.communityType, needDomain: v.needDomain, welcomingCharacteristic: v.welcomingCharacteristic || null,
          populationTags: v.populationTags.split(',').map((s) => s.trim()).filter(Boolean),
          evidence: v.evidence.map((e) => ({ kind: e.kind, ref: e.item.trim(), label: e.label })),
        };
        const p = practice ? await update.mutateAsync({ id: practice.id, body: { ...body, version: practice.version, note: orNull(v.note) } }) : await create.mutateAsync(body);
        navigate(`/exchange/practices/${p.id}`);
      }}
    >
      <TextField name="titleEn" label={t('exchange.form.titleEn')} required />
      <TextField name="titleFr" lang="fr" label={t('exchange.form.titleFr')} />
      <TextArea name="problemEn" label={t('exchange.form.problemEn')} required />
      <TextArea name="problemFr" lang="fr" label={t('exchange.form.problemFr')} />
      <TextArea name="doneEn" label={t('exchange.form.doneEn')} required rows={5} />
      <TextArea name="doneFr" lang="fr" label={t('exchange.form.doneFr')} rows={5} />
      <TextArea name="resultsEn" label={t('exchange.form.resultsEn')} />
      <TextArea name="resultsFr" lang="fr" label={t('exchange.form.resultsFr')} />
      <TextField name="byWhom" label={t('exchange.form.byWhom')} />
      <TextField name="forWhom" label={t('exchange.form.forWhom')} />
      <TextField name="place" label={t('exchange.form.place')} />
      <TextArea name="resources" label={t('exchange.form.resources')} />
      <SelectField name="communityType" label={t('exchange.communityType')} required choices={communityTypes.map((c) => ({ value: c, label: t(`exchange.type.${c}`) }))} />
      <SelectField name="needDomain" label={t('exchange.needDomain')} required choices={needDomains.map((c) => ({ value: c, label: t(`exchange.domain.${c}`) }))} />
      <SelectField name="welcomingCharacteristic" label={t('exchange.welcoming')} placeholder={t('exchange.form.none')} choices={welcomingCharacteristics.map((c) => ({ value: c, label: t(`exchange.welcome.${c}`) }))} />
      <TextField name="populationTags" label={t('exchange.form.populations')} hint={t('exchange.form.populationsHint')} />
      <EvidenceList />
      {practice ? <TextArea name="note" label={t('exchange.form.editNote')} hint={t('exchange.form.editNoteHint')} /> : null}
    </Form>
  );
}

// ---------------------------------------------------------------- templates
const versionSchema = z.object({
  indicators: z.array(z.object({ code: req(80), name: req(300), nameFr: opt(300) })).max(200),
  measures: z.array(z.object({ key: req(80), name: req(300), nameFr: opt(300), unit: opt(40) })).max(200),
  sections: z.array(z.object({ key: req(80), title: req(300), titleFr: opt(300) })).max(100),
  changeNote: req(4000),
});
type VersionValues = z.infer<typeof versionSchema>;

const LISTS = {
  indicators: { fields: [['code', 'code'], ['name', 'name'], ['nameFr', 'nameFr']], blank: { code: '', name: '', nameFr: '' } },
  measures: { fields: [['key', 'key'], ['name', 'name'], ['nameFr', 'nameFr'], ['unit', 'unit']], blank: { key: '', name: '', nameFr: '', unit: '' } },
  sections: { fields: [['key', 'key'], ['title', 'name'], ['titleFr', 'nameFr']], blank: { key: '', title: '', titleFr: '' } },
} as const;

/** One list of the bundle: each item in a group with its number, a remove button, an add button. */
function BundleList({ list }: { list: keyof typeof LISTS }) {
  const { t } = useTranslation();
  const { control } = useFormContext<VersionValues>();
  const arr = useFieldArray({ control, name: list });
  const spec = LISTS[list];
  return (
    <fieldset className="exchange-bundle">
      <legend>{t(`exchange.form.list.${list}`)}</legend>
      {arr.fields.map((f, i) => {
        const n = t(`exchange.form.item.${list}`, { n: i + 1 });
        return (
          <fieldset key={f.id} className="exchange-item">
            <legend>{n}</legend>
            {spec.fields.map(([name, label]) => <TextField key={name} name={`${list}.${i}.${name}`} label={t(`exchange.form.field.${label}`)} required={!name.endsWith('Fr') && name !== 'unit'} />)}
            <button type="button" className="button" onClick={() => arr.remove(i)}>{t('exchange.form.remove', { item: n })}</button>
          </fieldset>
        );
      })}
      <button type="button" className="button" onClick={() => arr.append({ ...spec.blank } as never)}>{t(`exchange.form.add.${list}`)}</button>
    </fieldset>
  );
}

/** The steward publishes a new version: the latest bundle, edited, with a note for the adopters. */
export function VersionForm({ template }: { template: Template }) {
  const { t } = useTranslation();
  const publish = usePublishVersion();
  const latest = template.versions.find((v) => v.number === template.latest) ?? template.versions[template.versions.length - 1];
  const c = latest?.content;
  const defaults: VersionValues = {
    indicators: (c?.indicators ?? []).map((x) => ({ code: x.code, name: x.name, nameFr: x.nameFr ?? '' })),
    measures: (c?.measures ?? []).map((x) => ({ key: x.key, name: x.name, nameFr: x.nameFr ?? '', unit: x.unit ?? '' })),
    sections: (c?.sections ?? []).map((x) => ({ key: x.key, title: x.title, titleFr: x.titleFr ?? '' })),
    changeNote: '',
  };
  const form = useZodForm(versionSchema, { defaultValues: defaults });
  return (
    <details className="exchange-details">
      <summary>{t('exchange.form.publishVersion')}</summary>
      <Form
        form={form}
        className="form exchange-form"
        labels={{ 'indicators.#': t('exchange.form.item.indicators', { n: '#' }), 'measures.#': t('exchange.form.item.measures', { n: '#' }), 'sections.#': t('exchange.form.item.sections', { n: '#' }) }}
        submitLabel={t('exchange.form.publishVersion')}
        onSubmit={async (v) => {
          const tpl = await publish.mutateAsync({
            templateId: template.id,
            body: {
              content: {
                indicators: v.indicators.map((x) => ({ code: x.code, name: x.name, nameFr: orNull(x.nameFr) })),
                measures: v.measures.map((x) => ({ key: x.key, name: x.name, nameFr: orNull(x.nameFr), unit: orNull(x.unit) })),
                sections: v.sections.map((x) => ({ key: x.key, title: x.title, titleFr: orNull(x.titleFr) })),
                instruments: (c?.instruments ?? []).map((x) => ({ key: x.key, title: x.title, ref: x.ref ?? null })),
              },
              changeNote: v.changeNote,
            },
          });
          form.reset({ ...v, changeNote: '' });
          return t('exchange.form.versionPublished', { version: tpl.latest });
        }}
      >
        <BundleList list="indicators" />
        <BundleList list="measures" />
        <BundleList list="sections" />
        <TextArea name="changeNote" label={t('exchange.form.changeNote')} hint={t('exchange.form.changeNoteHint')} required />
      </Form>
    </details>
  );
}

const adoptSchema = z.object({
  collaborativeId: z.string().min(1, 'errors.choose'),
  versionNumber: z.string().min(1, 'errors.choose'),
  adaptations: z.array(z.object({ op: z.enum(['add', 'drop', 'rename']), item: req(300), to: opt(300), reason: req(1000) })).max(100),
});
type AdoptValues = z.infer<typeof adoptSchema>;

function Adaptations() {
  const { t } = useTranslation();
  const { control } = useFormContext<AdoptValues>();
  const arr = useFieldArray({ control, name: 'adaptations' });
  return (
    <fieldset className="exchange-bundle">
      <legend>{t('exchange.adaptations')}</legend>
      {arr.fields.map((f, i) => {
        const n = t('exchange.form.item.adaptations', { n: i + 1 });
        return (
          <fieldset key={f.id} className="exchange-item">
            <legend>{n}</legend>
            <SelectField name={`adaptations.${i}.op`} label={t('exchange.form.field.op')} required choices={(['add', 'drop', 'rename'] as const).map((o) => ({ value: o, label: t(`exchange.op.${o}`) }))} />
            <TextField name={`adaptations.${i}.item`} label={t('exchange.form.field.item')} hint={t('exchange.form.itemHint')} required />
            <TextField name={`adaptations.${i}.to`} label={t('exchange.form.field.to')} />
            <TextField name={`adaptations.${i}.reason`} label={t('exchange.reason')} required />
            <button type="button" className="button" onClick={() => arr.remove(i)}>{t('exchange.form.remove', { item: n })}</button>
          </fieldset>
        );
      })}
      <button type="button" className="button" onClick={() => arr.append({ op: 'rename', item: '', to: '', reason: '' })}>{t('exchange.form.add.adaptations')}</button>
    </fieldset>
  );
}

/** A coordinator adopts a version for their collaborative, with its adaptations. */
export function AdoptForm({ template, network }: { template: Template; network: Network }) {
  const { t, i18n } = useTranslation();
  const adopt = useAdopt();
  const mine = network.members.filter((m) => m.mine);
  const form = useZodForm(adoptSchema, { defaultValues: { collaborativeId: mine.length === 1 ? mine[0].collaborativeId : '', versionNumber: String(template.latest), adaptations: [] } });
  return (
    <details className="exchange-details">
      <summary>{t('exchange.form.adopt')}</summary>
      <Form
        form={form}
        className="form exchange-form"
        labels={{ 'adaptations.#': t('exchange.form.item.adaptations', { n: '#' }) }}
        submitLabel={t('exchange.form.adopt')}
        onSubmit={async (v) => {
          await adopt.mutateAsync({ templateId: template.id, body: { collaborativeId: v.collaborativeId, versionNumber: Number(v.versionNumber), adaptations: v.adaptations.map((a) => ({ ...a, to: orNull(a.to) })) } });
          return t('exchange.form.adopted', { template: inLang(template.name, i18n.language), version: v.versionNumber });
        }}
      >
        <SelectField name="collaborativeId" label={t('exchange.collaborative')} required placeholder={t('exchange.form.choose')} choices={mine.map((m) => ({ value: m.collaborativeId, label: m.name }))} />
        <SelectField name="versionNumber" label={t('exchange.version')} required choices={[...template.versions].reverse().map((v) => ({ value: String(v.number), label: t('exchange.form.versionN', { version: v.number }) }))} />
        <Adaptations />
      </Form>
    </details>
  );
}

// ---------------------------------------------------------------- sharing
const shareSchema = z
  .object({
    collaborativeId: z.string().min(1, 'errors.choose'),
    kind: z.enum(['indicator', 'measure']),
    indicatorId: z.string(),
    planId: z.string(),
    measureId: z.string(),
    validUntil: z.string(),
    aggregateConsent: z.boolean(),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'indicator' && !v.indicatorId) ctx.addIssue({ code: 'custom', path: ['indicatorId'], message: 'errors.choose' });
    if (v.kind === 'measure' && !v.planId) ctx.addIssue({ code: 'custom', path: ['planId'], message: 'errors.choose' });
    if (v.kind === 'measure' && !v.measureId) ctx.addIssue({ code: 'custom', path: ['measureId'], message: 'errors.choose' });
  });
type ShareValues = z.infer<typeof shareSchema>;

/** A coordinator shares one indicator, or one measure of a plan, of a collaborative they manage. */
export function ShareForm({ network }: { network: Network }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const share = useShare(network.id);
  const mine = network.members.filter((m) => m.mine);
  const choices = mine.length ? mine : network.members;
  const indicators = useIndicatorOptions();
  const plans = usePlanOptions();
  const form = useZodForm(shareSchema, { defaultValues: { collaborativeId: choices[0]?.collaborativeId ?? '', kind: 'indicator', indicatorId: '', planId: '', measureId: '', validUntil: '', aggregateConsent: false } });
  const [kind, collaborativeId, planId] = form.watch(['kind', 'collaborativeId', 'planId']);
  const plan = usePlanMeasures(kind === 'measure' && planId ? planId : undefined);
  return (
    <Form
      form={form}
      className="form exchange-form"
      heading={<h2>{t('exchange.shareHeading')}</h2>}
      submitLabel={t('exchange.share')}
      onSubmit={async (v: ShareValues) => {
        const g = await share.mutateAsync({
          collaborativeId: v.collaborativeId, kind: v.kind,
          ...(v.kind === 'indicator' ? { indicatorId: v.indicatorId } : { measureId: v.measureId }),
          validUntil: v.validUntil || null, aggregateConsent: v.aggregateConsent,
        });
        return t('exchange.shared', { item: inLang(g.itemName, lang) });
      }}
    >
      <SelectField name="collaborativeId" label={t('exchange.collaborative')} required choices={choices.map((m) => ({ value: m.collaborativeId, label: m.name }))} />
      <RadioGroup name="kind" label={t('exchange.shareKind')} required choices={(['indicator', 'measure'] as const).map((k) => ({ value: k, label: t(`exchange.kind.${k}`) }))} />
      {kind === 'indicator' ? (
        <SelectField name="indicatorId" label={t('exchange.indicator')} required placeholder="–" choices={(indicators.data?.items ?? []).map((i) => ({ value: i.id, label: inLang(i.name, lang) }))} />
      ) : (
        <>
          <SelectField name="planId" label={t('exchange.plan')} required placeholder="–" choices={(plans.data?.items ?? []).filter((p) => p.collaborativeId === collaborativeId).map((p) => ({ value: p.id, label: (lang === 'fr' && p.titleFr) || p.title }))} />
          <SelectField name="measureId" label={t('exchange.measure')} required placeholder="–" choices={(plan.data?.measures ?? []).map((m) => ({ value: m.id, label: (lang === 'fr' && m.nameFr) || m.name }))} />
        </>
      )}
      <TextField name="validUntil" type="date" label={t('exchange.validUntil')} hint={t('exchange.validUntilHint')} />
      <CheckboxField name="aggregateConsent" label={t('exchange.aggregateConsent')} />
    </Form>
  );
}
