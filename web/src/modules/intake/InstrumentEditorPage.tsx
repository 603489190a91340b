import { useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { flattenErrors, Form, SelectField, TextField, useZodForm } from '../../core/form';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../core/api';
import { useInstrument, useInstrumentWrite } from './hooks';
import type { UpdateInstrumentInput } from './api';
import { formatDateTime } from '../../core/i18n';
import { canAdminister, useUser } from '../../core/session';
import { LoadError, Loading, useTitle, Table } from '../../core/ui';
import { ConfirmBox } from './InstrumentsPage';
import { needLabel } from './parts';
import type { Domain, Instrument, Urgency } from './types';

const urgencies: Urgency[] = ['routine', 'soon', 'urgent'];
/** One instrument version: read-only once published; for a draft, the editor. */
export function InstrumentEditorPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const canManage = canAdminister(useUser());
  const q = useInstrument(id);
  const inst = q.data;
  useTitle(inst ? t('intake.instruments.pageTitle', { name: inst.name, version: inst.instrumentVersion }) : t('intake.instruments.title'));
  const lang = i18n.language === 'fr' ? 'fr' : 'en';
  return (
    <>
      <p><Link to="/intake/instruments">{t('intake.instruments.back')}</Link></p>
      {q.isPending ? <Loading /> : q.error || !inst ? <LoadError error={q.error} /> : (
        <>
          <h1>{t('intake.instruments.pageTitle', { name: inst.name, version: inst.instrumentVersion })}</h1>
          <dl className="details">
            <dt>{t('intake.instruments.code')}</dt><dd>{inst.code}</dd>
            <dt>{t('intake.instruments.status')}</dt><dd>{t(`intake.instruments.state.${inst.status}`)}</dd>
            <dt>{t('intake.instruments.publishedAt')}</dt><dd>{inst.publishedAt ? formatDateTime(inst.publishedAt) : '—'}</dd>
          </dl>
          {inst.status === 'draft' && canManage ? <Editor inst={inst} /> : (
            <>
              <p className="notice">{t(`intake.instruments.${inst.status === 'draft' ? 'draftReadOnly' : inst.status === 'retired' ? 'retiredNote' : 'frozen'}`)}</p>
              {inst.definition.domains.map((d) => <DomainView key={d.code} d={d} lang={lang} />)}
            </>
          )}
        </>
      )}
    </>
  );
}

function DomainView({ d, lang }: { d: Domain; lang: 'en' | 'fr' }) {
  const { t } = useTranslation();
  const qText = (id?: string) => d.questions.find((x) => x.id === id)?.text[lang] ?? id;
  return (
    <section aria-labelledby={`dom-${d.code}`}>
      <h2 id={`dom-${d.code}`}>{d.label[lang]}</h2>
      <dl className="details">
        <dt>{t('intake.instruments.domainCode')}</dt><dd>{d.code}</dd>
        <dt>{t('intake.instruments.needCode')}</dt><dd>{needLabel(t, d.needCode)} ({d.needCode})</dd>
      </dl>
      <h3>{t('intake.instruments.questions')}</h3>
      {d.questions.length === 0 ? <p>{t('intake.instruments.noQuestions')}</p> : (
        <ul>{d.questions.map((x) => <li key={x.id}>{x.text[lang]} <span className="hint">({x.id})</span></li>)}</ul>
      )}
      <div className="table-wrap">
        <Table>
          <caption>{t('intake.instruments.rulesOf', { domain: d.label[lang] })}</caption>
          <thead><tr><th scope="col">{t('intake.instruments.when')}</th><th scope="col">{t('intake.instruments.needCode')}</th><th scope="col">{t('intake.instruments.urgency')}</th></tr></thead>
          <tbody>{d.rules.map((r, i) => (
            <tr key={i}>
              <td>{[
                r.when.acuityAtMost !== undefined ? t('intake.instruments.whenAcuity', { n: r.when.acuityAtMost }) : null,
                r.when.question !== undefined ? t('intake.instruments.whenYes', { question: qText(r.when.question) }) : null,
              ].filter(Boolean).join(` ${t('intake.instruments.or')} `)}</td>
              <td>{needLabel(t, r.needCode)} ({r.needCode})</td>
              <td>{t(`intake.urgency.${r.urgency}`)}</td>
            </tr>
          ))}</tbody>
        </Table>
      </div>
    </section>
  );
}

/** The draft as the form holds it: selects hold strings ('' for "any acuity" / "no question"). */
const editorSchema = z.object({
  name: z.string().trim().min(1).max(200),
  definition: z.object({
    domains: z.array(z.object({
      code: z.string(),
      label: z.object({ en: z.string(), fr: z.string() }),
      needCode: z.string(),
      questions: z.array(z.object({ id: z.string(), text: z.object({ en: z.string(), fr: z.string() }) })),
      rules: z.array(z.object({ when: z.object({ acuityAtMost: z.string(), question: z.string() }), needCode: z.string(), urgency: z.enum(urgencies) })),
    })),
  }),
});
type EditorValues = z.input<typeof editorSchema>;
type DomainValues = EditorValues['definition']['domains'][number];

const toValues = (i: Instrument): EditorValues => ({
  name: i.name,
  definition: {
    domains: i.definition.domains.map((d) => ({
      code: d.code, label: { ...d.label }, needCode: d.needCode,
      questions: d.questions.map((q) => ({ id: q.id, text: { ...q.text } })),
      rules: (d.rules ?? []).map((r) => ({ when: { acuityAtMost: r.when.acuityAtMost?.toString() ?? '', question: r.when.question ?? '' }, needCode: r.needCode, urgency: r.urgency })),
    })),
  },
});

const fromDomain = (d: DomainValues): Domain => ({
  code: d.code, label: d.label, needCode: d.needCode, questions: d.questions,
  rules: d.rules.map((r) => ({ when: { ...(r.when.acuityAtMost ? { acuityAtMost: Number(r.when.acuityAtMost) } : {}), ...(r.when.question ? { question: r.when.question } : {}) }, needCode: r.needCode, urgency: r.urgency })),
});

function Editor({ inst }: { inst: Instrument }) {
  const { t } = useTranslation();
  const write = useInstrumentWrite(inst.id);
  const form = useZodForm(editorSchema, { defaultValues: toValues(inst) });
  const domains = useFieldArray({ control: form.control, name: 'definition.domains' });
  const watched = useWatch({ control: form.control, name: 'definition.domains' }) ?? [];
  const name = useWatch({ control: form.control, name: 'name' });
  const [version, setVersion] = useState(inst.version);
  const [message, setMessage] = useState<string>();
  const [stale, setStale] = useState<Instrument>();
  const [confirm, setConfirm] = useState(false);
  const dirty = form.formState.isDirty;
  // Domains fold so a long instrument stays readable; a brand-new one starts open, and any with an error opens.
  const [open, setOpen] = useState<Set<string>>(() => new Set(domains.fields.length === 1 ? [domains.fields[0].id] : []));
  const keyOf = (i: number) => domains.fields[i]?.id ?? String(i);
  const isOpen = (i: number) => open.has(keyOf(i));
  // A domain just added opens; after loading the latest version, the same places stay open.
  const known = useRef(domains.fields.map((f) => f.id));
  const openAt = useRef<number[]>([]);
  useEffect(() => {
    const ids = domains.fields.map((f) => f.id);
    if (openAt.current.length && ids.some((id) => !known.current.includes(id))) {
      setOpen(new Set(openAt.current.map((i) => ids[i]).filter(Boolean)));
      openAt.current = [];
    } else if (ids.length === known.current.length + 1 && known.current.every((id) => ids.includes(id))) {
      setOpen((prev) => new Set([...prev, ids[ids.length - 1]]));
    }
    known.current = ids;
  }, [domains.fields]);
  const toggle = (key: string, on: boolean) => setOpen((prev) => {
    if (prev.has(key) === on) return prev;
    const next = new Set(prev);
    if (on) next.add(key); else next.delete(key);
    return next;
  });
  const errorDomains = new Set(flattenErrors(form.formState.errors).map(([f]) => f.match(/^definition\.domains\.(\d+)\./)?.[1]).filter(Boolean).map(Number));
  useEffect(() => setVersion(inst.version), [inst.version]);

  const labels: Record<string, string> = { name: t('intake.instruments.name') };
  watched.forEach((d, i) => {
    const p = `definition.domains.${i}`;
    const dn = t('intake.instruments.domainN', { n: i + 1 });
    labels[`${p}.code`] = `${dn}${t('common.colon')}${t('intake.instruments.domainCode')}`;
    labels[`${p}.label.en`] = `${dn}${t('common.colon')}${t('intake.instruments.labelEn')}`;
    labels[`${p}.label.fr`] = `${dn}${t('common.colon')}${t('intake.instruments.labelFr')}`;
    labels[`${p}.needCode`] = `${dn}${t('common.colon')}${t('intake.instruments.needCode')}`;
    d.questions.forEach((_, j) => {
      const qn = `${dn}, ${t('intake.instruments.questionN', { n: j + 1 })}`;
      labels[`${p}.questions.${j}.id`] = `${qn}${t('common.colon')}${t('intake.instruments.questionId')}`;
      labels[`${p}.questions.${j}.text.en`] = `${qn}${t('common.colon')}${t('intake.instruments.textEn')}`;
      labels[`${p}.questions.${j}.text.fr`] = `${qn}${t('common.colon')}${t('intake.instruments.textFr')}`;
    });
    d.rules.forEach((_, k) => {
      const rn = `${dn}, ${t('intake.instruments.ruleN', { n: k + 1 })}`;
      labels[`${p}.rules.${k}.when.acuityAtMost`] = `${rn}${t('common.colon')}${t('intake.instruments.acuityAtMost')}`;
      labels[`${p}.rules.${k}.when.question`] = `${rn}${t('common.colon')}${t('intake.instruments.whenQuestion')}`;
      labels[`${p}.rules.${k}.needCode`] = `${rn}${t('common.colon')}${t('intake.instruments.needCode')}`;
      labels[`${p}.rules.${k}.urgency`] = `${rn}${t('common.colon')}${t('intake.instruments.urgency')}`;
    });
  });

  async function save(v: z.output<typeof editorSchema>) {
    setMessage(undefined);
    setStale(undefined);
    try {
      const definition = { domains: v.definition.domains.map(fromDomain) };
      const saved = await write.mutateAsync({ body: { name: v.name, definition, version } as UpdateInstrumentInput });
      setVersion(saved.version);
      // Resetting gives the lists new ids: keep the same domains unfolded.
      openAt.current = domains.fields.map((f, i) => (open.has(f.id) ? i : -1)).filter((i) => i >= 0);
      form.reset(v, { keepSubmitCount: true });
      return t('intake.instruments.saved');
    } catch (err) {
      if (err instanceof ApiError && err.code !== 'conflict.stale_version') {
        // Open the folded domains the server found fault in, so their inputs can take focus.
        const at = new Set(err.errors.map((e) => e.field.match(/^definition\.domains\.(\d+)\./)?.[1]).filter(Boolean).map(Number));
        flushSync(() => setOpen((prev) => new Set([...prev, ...[...at].map(keyOf)])));
      }
      throw err;
    }
  }

  function loadLatest() {
    if (!stale) return;
    openAt.current = domains.fields.map((f, i) => (open.has(f.id) ? i : -1)).filter((i) => i >= 0);
    form.reset(toValues(stale));
    setVersion(stale.version);
    setStale(undefined);
    setMessage(undefined);
  }

  async function publish() {
    try {
      await write.mutateAsync({ publish: true });
    } catch (err) {
      setConfirm(false);
      setMessage(err instanceof ApiError ? err.message : t('errors.network'));
    }
  }

  return (
    <>
      {message && <p role="alert" className="notice notice-error">{message}</p>}
      {confirm && <ConfirmBox action="publish" inst={{ ...inst, name }} onConfirm={publish} onCancel={() => setConfirm(false)} />}
      <Form
        form={form}
        labels={labels}
        submitLabel={t('intake.instruments.save')}
        onSubmit={save}
        onError={(err) => {
          if (err instanceof ApiError && err.code === 'conflict.stale_version') {
            setStale(err.body.current as Instrument);
            return t('intake.instruments.stale');
          }
          return undefined;
        }}
        actions={
          <>
            <button type="button" className="button-secondary" disabled={dirty} aria-describedby={dirty ? 'publish-hint' : undefined} onClick={() => setConfirm(true)}>{t('intake.instruments.publishThis')}</button>
            {dirty && <p className="hint" id="publish-hint">{t('intake.instruments.saveFirst')}</p>}
          </>
        }
      >
        {stale && <p><button type="button" className="button-secondary" onClick={loadLatest}>{t('intake.instruments.loadLatest')}</button></p>}
        <TextField name="name" label={labels.name} required />
        <h2>{t('intake.instruments.domainsTitle')}</h2>
        <p className="hint">{t('intake.instruments.domainsHint')}</p>
        {domains.fields.map((f, i) => {
          const d = watched[i] ?? f;
          const p = `definition.domains.${i}`;
          const dn = t('intake.instruments.domainN', { n: i + 1 });
          const title = d.label.en ? `${dn}${t('common.colon')}${d.label.en}` : dn;
          return (
            <details key={f.id} className="panel" open={isOpen(i)} onToggle={(e) => toggle(f.id, e.currentTarget.open)}>
              <summary>
                {title} <span className="hint">{t('intake.instruments.counts', { questions: t('intake.instruments.questionCount', { count: d.questions.length }), rules: t('intake.instruments.ruleCount', { count: d.rules.length }) })}</span>
                {errorDomains.has(i) && <strong> {t('intake.instruments.hasErrors')}</strong>}
              </summary>
              <fieldset>
                <legend className="visually-hidden">{title}</legend>
                <TextField name={`${p}.code`} label={t('intake.instruments.domainCode')} hint={t('intake.instruments.domainCodeHint')} required />
                <div className="field-row">
                  <TextField name={`${p}.label.en`} label={t('intake.instruments.labelEn')} required />
                  <TextField name={`${p}.label.fr`} label={t('intake.instruments.labelFr')} required />
                </div>
                <TextField name={`${p}.needCode`} label={t('intake.instruments.needCode')} hint={t('intake.instruments.needCodeHint')} required />
                <DomainLists i={i} dn={dn} domain={d} />
                <p className="button-row">
                  <button type="button" className="button-secondary" disabled={i === 0} onClick={() => domains.move(i, i - 1)}>{t('intake.instruments.moveUp', { domain: dn })}</button>{' '}
                  <button type="button" className="button-secondary" disabled={i === domains.fields.length - 1} onClick={() => domains.move(i, i + 1)}>{t('intake.instruments.moveDown', { domain: dn })}</button>{' '}
                  <button type="button" className="button-secondary" disabled={domains.fields.length === 1} onClick={() => domains.remove(i)}>
                    {t('intake.instruments.removeDomain', { domain: dn })}
                  </button>
                </p>
              </fieldset>
            </details>
          );
        })}
        <p><button type="button" className="button-secondary" onClick={() => {
          domains.append({ code: '', label: { en: '', fr: '' }, needCode: '', questions: [], rules: [] }, { shouldFocus: false });
        }}>
          {t('intake.instruments.addDomain')}
        </button></p>
      </Form>
    </>
  );
}

/** A domain's questions and rules, each a list added to and removed from in place. */
function DomainLists({ i, dn, domain }: { i: number; dn: string; domain: DomainValues }) {
  const { t } = useTranslation();
  const { control } = useFormContext<EditorValues>();
  const p = `definition.domains.${i}` as const;
  const questions = useFieldArray({ control, name: `${p}.questions` });
  const rules = useFieldArray({ control, name: `${p}.rules` });
  return (
    <>
      <h3>{t('intake.instruments.questions')}</h3>
      {questions.fields.map((f, j) => {
        const qp = `${p}.questions.${j}`;
        return (
          <fieldset key={f.id} className="repeat-group">
            <legend>{t('intake.instruments.questionTitle', { n: j + 1 })}</legend>
            <TextField name={`${qp}.id`} label={t('intake.instruments.questionId')} hint={t('intake.instruments.questionIdHint')} required />
            <div className="field-row">
              <TextField name={`${qp}.text.en`} label={t('intake.instruments.textEn')} required />
              <TextField name={`${qp}.text.fr`} label={t('intake.instruments.textFr')} required />
            </div>
            <button type="button" className="link-button" onClick={() => questions.remove(j)}>
              {t('intake.instruments.removeQuestion', { n: j + 1, domain: dn })}
            </button>
          </fieldset>
        );
      })}
      <p><button type="button" className="button-secondary" onClick={() => questions.append({ id: '', text: { en: '', fr: '' } }, { shouldFocus: false })}>
        {t('intake.instruments.addQuestion', { domain: dn })}
      </button></p>

      <h3>{t('intake.instruments.rules')}</h3>
      <p className="hint">{t('intake.instruments.rulesHint')}</p>
      {rules.fields.map((f, k) => (
        <RuleEditor key={f.id} n={k + 1} path={`${p}.rules.${k}`} rule={domain.rules[k] ?? f} domain={domain} onRemove={() => rules.remove(k)} removeLabel={t('intake.instruments.removeRule', { n: k + 1, domain: dn })} />
      ))}
      <p><button type="button" className="button-secondary" onClick={() => rules.append({ when: { acuityAtMost: '2', question: '' }, needCode: domain.needCode, urgency: 'soon' }, { shouldFocus: false })}>
        {t('intake.instruments.addRule', { domain: dn })}
      </button></p>
    </>
  );
}

function RuleEditor({ n, path, rule, domain, onRemove, removeLabel }: {
  n: number; path: string; rule: DomainValues['rules'][number]; domain: DomainValues; onRemove: () => void; removeLabel: string;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'fr' ? 'fr' : 'en';
  // A rule may name a question that has since been renamed; keep it listed so the server's error makes sense.
  const orphan = rule.when.question && !domain.questions.some((x) => x.id === rule.when.question) ? [{ value: rule.when.question, label: rule.when.question }] : [];
  return (
    <fieldset className="repeat-group">
      <legend>{t('intake.instruments.ruleTitle', { n })}</legend>
      <div className="field-row">
        <SelectField name={`${path}.when.acuityAtMost`} label={t('intake.instruments.acuityAtMost')} placeholder={t('intake.instruments.anyAcuity')}
          choices={[1, 2, 3, 4, 5].map((k) => ({ value: String(k), label: `${k} – ${t(`intake.acuity.${k}`)}` }))} />
        <SelectField name={`${path}.when.question`} label={t('intake.instruments.whenQuestion')} placeholder={t('intake.instruments.noQuestion')}
          choices={[...domain.questions.filter((x) => x.id).map((x) => ({ value: x.id, label: x.text[lang] || x.id })), ...orphan]} />
      </div>
      <div className="field-row">
        <TextField name={`${path}.needCode`} label={t('intake.instruments.needCode')} required />
        <SelectField name={`${path}.urgency`} label={t('intake.instruments.urgency')} choices={urgencies.map((u) => ({ value: u, label: t(`intake.urgency.${u}`) }))} />
      </div>
      <button type="button" className="link-button" onClick={onRemove}>{removeLabel}</button>
    </fieldset>
  );
}
