import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../core/api';
import { useInstrument, useInstrumentWrite } from './hooks';
import type { UpdateInstrumentInput } from './api';
import { formatDateTime } from '../../core/i18n';
import { canAdminister, useUser } from '../../core/session';
import { ErrorSummary, Field, fieldErrorsOf, LoadError, Loading, useTitle, type FieldErrors, Table } from '../../core/ui';
import { ConfirmBox } from './InstrumentsPage';
import { needLabel } from './parts';
import type { Domain, Instrument, InstrumentRule, Urgency } from './types';

const urgencies: Urgency[] = ['routine', 'soon', 'urgent'];
/** Each domain carries a key of its own so inputs keep their identity when domains move. */
type Draft = { name: string; domains: (Domain & { key: number })[] };
let nextKey = 1;
const keyed = (domains: Domain[]) => domains.map((d) => ({ ...d, rules: d.rules ?? [], key: nextKey++ }));

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

function Editor({ inst }: { inst: Instrument }) {
  const { t } = useTranslation();
  const write = useInstrumentWrite(inst.id);
  const [draft, setDraft] = useState<Draft>(() => ({ name: inst.name, domains: keyed(inst.definition.domains) }));
  const [version, setVersion] = useState(inst.version);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string>();
  const [status, setStatus] = useState('');
  const [stale, setStale] = useState<Instrument>();
  const [dirty, setDirty] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  // Domains fold so a long instrument stays readable; a brand-new one starts open, and any with an error opens.
  const [open, setOpen] = useState<Set<number>>(() => new Set(draft.domains.length === 1 ? [draft.domains[0].key] : []));
  const toggle = (key: number, on: boolean) => setOpen((prev) => {
    if (prev.has(key) === on) return prev;
    const next = new Set(prev);
    if (on) next.add(key); else next.delete(key);
    return next;
  });
  const errorDomains = new Set(Object.keys(errors).map((f) => f.match(/^definition\.domains\.(\d+)\./)?.[1]).filter(Boolean).map(Number));
  useEffect(() => setVersion(inst.version), [inst.version]);

  const change = (next: Draft) => { setDraft(next); setDirty(true); setStatus(''); };
  const setDomain = (i: number, d: Partial<Domain>) => change({ ...draft, domains: draft.domains.map((x, j) => (j === i ? { ...x, ...d } : x)) });
  const move = (i: number, by: number) => {
    const ds = [...draft.domains];
    [ds[i], ds[i + by]] = [ds[i + by], ds[i]];
    change({ ...draft, domains: ds });
  };

  const labels: Record<string, string> = { name: t('intake.instruments.name') };
  draft.domains.forEach((d, i) => {
    const p = `definition.domains.${i}`;
    const dn = t('intake.instruments.domainN', { n: i + 1 });
    labels[`${p}.code`] = `${dn}: ${t('intake.instruments.domainCode')}`;
    labels[`${p}.label.en`] = `${dn}: ${t('intake.instruments.labelEn')}`;
    labels[`${p}.label.fr`] = `${dn}: ${t('intake.instruments.labelFr')}`;
    labels[`${p}.needCode`] = `${dn}: ${t('intake.instruments.needCode')}`;
    d.questions.forEach((_, j) => {
      const qn = `${dn}, ${t('intake.instruments.questionN', { n: j + 1 })}`;
      labels[`${p}.questions.${j}.id`] = `${qn}: ${t('intake.instruments.questionId')}`;
      labels[`${p}.questions.${j}.text.en`] = `${qn}: ${t('intake.instruments.textEn')}`;
      labels[`${p}.questions.${j}.text.fr`] = `${qn}: ${t('intake.instruments.textFr')}`;
    });
    d.rules.forEach((_, k) => {
      const rn = `${dn}, ${t('intake.instruments.ruleN', { n: k + 1 })}`;
      labels[`${p}.rules.${k}.when.acuityAtMost`] = `${rn}: ${t('intake.instruments.acuityAtMost')}`;
      labels[`${p}.rules.${k}.when.question`] = `${rn}: ${t('intake.instruments.whenQuestion')}`;
      labels[`${p}.rules.${k}.needCode`] = `${rn}: ${t('intake.instruments.needCode')}`;
      labels[`${p}.rules.${k}.urgency`] = `${rn}: ${t('intake.instruments.urgency')}`;
    });
  });

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setMessage(undefined);
    setStale(undefined);
    setStatus('');
    try {
      const definition = { domains: draft.domains.map(({ key: _key, ...d }) => d) };
      const saved = await write.mutateAsync({ body: { name: draft.name, definition, version } as UpdateInstrumentInput });
      setVersion(saved.version);
      setErrors({});
      setDirty(false);
      setStatus(t('intake.instruments.saved'));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'conflict.stale_version') {
        setErrors({});
        setStale(err.body.current as Instrument);
        setMessage(t('intake.instruments.stale'));
      } else {
        const fe = fieldErrorsOf(err);
        setErrors(fe);
        for (const f of Object.keys(fe)) {
          const at = f.match(/^definition\.domains\.(\d+)\./)?.[1];
          if (at !== undefined && draft.domains[Number(at)]) toggle(draft.domains[Number(at)].key, true);
        }
        if (!Object.keys(fe).length) setMessage(err instanceof ApiError ? err.message : t('errors.network'));
      }
    } finally {
      setBusy(false);
    }
  }

  function loadLatest() {
    if (!stale) return;
    const domains = keyed(stale.definition.domains);
    // Keep the same domains unfolded as before.
    setOpen(new Set(domains.filter((_, i) => draft.domains[i] && open.has(draft.domains[i].key)).map((d) => d.key)));
    setDraft({ name: stale.name, domains });
    setVersion(stale.version);
    setStale(undefined);
    setMessage(undefined);
    setDirty(false);
  }

  async function publish() {
    try {
      await write.mutateAsync({ publish: true });
    } catch (err) {
      setConfirm(false);
      setMessage(err instanceof ApiError ? err.message : t('errors.network'));
    }
  }

  // Inputs are labelled briefly inside their fieldset; the error summary uses the full name from `labels`.
  const input = (path: string, label: string, value: string, onChange: (v: string) => void, opts: { hint?: string } = {}) => (
    <Field path={path} label={label} error={errors[path]} required hint={opts.hint}>
      {(p) => <input {...p} value={value} onChange={(e) => onChange(e.target.value)} />}
    </Field>
  );

  return (
    <>
      <p role="status" className={status ? 'notice notice-success' : 'visually-hidden'}>{status}</p>
      {confirm && <ConfirmBox action="publish" inst={{ ...inst, name: draft.name }} onConfirm={publish} onCancel={() => setConfirm(false)} />}
      <form className="form" onSubmit={save} noValidate>
        <ErrorSummary errors={errors} labels={labels} message={message} />
        {stale && <p><button type="button" className="button-secondary" onClick={loadLatest}>{t('intake.instruments.loadLatest')}</button></p>}
        {input('name', labels.name, draft.name, (v) => change({ ...draft, name: v }))}
        <h2>{t('intake.instruments.domainsTitle')}</h2>
        <p className="hint">{t('intake.instruments.domainsHint')}</p>
        {draft.domains.map((d, i) => {
          const p = `definition.domains.${i}`;
          const dn = t('intake.instruments.domainN', { n: i + 1 });
          const title = d.label.en ? `${dn}: ${d.label.en}` : dn;
          return (
            <details key={d.key} className="panel" open={open.has(d.key)} onToggle={(e) => toggle(d.key, e.currentTarget.open)}>
              <summary>
                {title} <span className="hint">{t('intake.instruments.counts', { questions: t('intake.instruments.questionCount', { count: d.questions.length }), rules: t('intake.instruments.ruleCount', { count: d.rules.length }) })}</span>
                {errorDomains.has(i) && <strong> {t('intake.instruments.hasErrors')}</strong>}
              </summary>
              <fieldset>
                <legend className="visually-hidden">{title}</legend>
                {input(`${p}.code`, t('intake.instruments.domainCode'), d.code, (v) => setDomain(i, { code: v }), { hint: t('intake.instruments.domainCodeHint') })}
                <div className="field-row">
                  {input(`${p}.label.en`, t('intake.instruments.labelEn'), d.label.en, (v) => setDomain(i, { label: { ...d.label, en: v } }))}
                  {input(`${p}.label.fr`, t('intake.instruments.labelFr'), d.label.fr, (v) => setDomain(i, { label: { ...d.label, fr: v } }))}
                </div>
                {input(`${p}.needCode`, t('intake.instruments.needCode'), d.needCode, (v) => setDomain(i, { needCode: v }), { hint: t('intake.instruments.needCodeHint') })}

                <h3>{t('intake.instruments.questions')}</h3>
                {d.questions.map((x, j) => {
                  const qp = `${p}.questions.${j}`;
                  const setQ = (patch: Partial<typeof x>) => setDomain(i, { questions: d.questions.map((y, m) => (m === j ? { ...y, ...patch } : y)) });
                  return (
                    <fieldset key={j} className="repeat-group">
                      <legend>{t('intake.instruments.questionTitle', { n: j + 1 })}</legend>
                      {input(`${qp}.id`, t('intake.instruments.questionId'), x.id, (v) => setQ({ id: v }), { hint: t('intake.instruments.questionIdHint') })}
                      <div className="field-row">
                        {input(`${qp}.text.en`, t('intake.instruments.textEn'), x.text.en, (v) => setQ({ text: { ...x.text, en: v } }))}
                        {input(`${qp}.text.fr`, t('intake.instruments.textFr'), x.text.fr, (v) => setQ({ text: { ...x.text, fr: v } }))}
                      </div>
                      <button type="button" className="link-button" onClick={() => setDomain(i, { questions: d.questions.filter((_, m) => m !== j) })}>
                        {t('intake.instruments.removeQuestion', { n: j + 1, domain: dn })}
                      </button>
                    </fieldset>
                  );
                })}
                <p><button type="button" className="button-secondary" onClick={() => setDomain(i, { questions: [...d.questions, { id: '', text: { en: '', fr: '' } }] })}>
                  {t('intake.instruments.addQuestion', { domain: dn })}
                </button></p>

                <h3>{t('intake.instruments.rules')}</h3>
                <p className="hint">{t('intake.instruments.rulesHint')}</p>
                {d.rules.map((r, k) => (
                  <RuleEditor key={k} n={k + 1} path={`${p}.rules.${k}`} rule={r} domain={d} errors={errors}
                    onChange={(next) => setDomain(i, { rules: d.rules.map((y, m) => (m === k ? next : y)) })}
                    onRemove={() => setDomain(i, { rules: d.rules.filter((_, m) => m !== k) })}
                    removeLabel={t('intake.instruments.removeRule', { n: k + 1, domain: dn })} />
                ))}
                <p><button type="button" className="button-secondary" onClick={() => setDomain(i, { rules: [...d.rules, { when: { acuityAtMost: 2 }, needCode: d.needCode, urgency: 'soon' }] })}>
                  {t('intake.instruments.addRule', { domain: dn })}
                </button></p>

                <p className="button-row">
                  <button type="button" className="button-secondary" disabled={i === 0} onClick={() => move(i, -1)}>{t('intake.instruments.moveUp', { domain: dn })}</button>{' '}
                  <button type="button" className="button-secondary" disabled={i === draft.domains.length - 1} onClick={() => move(i, 1)}>{t('intake.instruments.moveDown', { domain: dn })}</button>{' '}
                  <button type="button" className="button-secondary" disabled={draft.domains.length === 1} onClick={() => change({ ...draft, domains: draft.domains.filter((_, m) => m !== i) })}>
                    {t('intake.instruments.removeDomain', { domain: dn })}
                  </button>
                </p>
              </fieldset>
            </details>
          );
        })}
        <p><button type="button" className="button-secondary" onClick={() => {
          const key = nextKey++;
          change({ ...draft, domains: [...draft.domains, { code: '', label: { en: '', fr: '' }, needCode: '', questions: [], rules: [], key }] });
          toggle(key, true);
        }}>
          {t('intake.instruments.addDomain')}
        </button></p>
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={busy}>{busy ? t('common.saving') : t('intake.instruments.save')}</button>{' '}
          <button type="button" className="button-secondary" disabled={dirty} aria-describedby={dirty ? 'publish-hint' : undefined} onClick={() => setConfirm(true)}>{t('intake.instruments.publishThis')}</button>
          {dirty && <p className="hint" id="publish-hint">{t('intake.instruments.saveFirst')}</p>}
        </div>
      </form>
    </>
  );
}

function RuleEditor({ n, path, rule, domain, errors, onChange, onRemove, removeLabel }: {
  n: number; path: string; rule: InstrumentRule; domain: Domain; errors: FieldErrors;
  onChange: (r: InstrumentRule) => void; onRemove: () => void; removeLabel: string;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'fr' ? 'fr' : 'en';
  const when = (patch: InstrumentRule['when']) => {
    const next = { ...rule.when, ...patch };
    if (next.acuityAtMost === undefined) delete next.acuityAtMost;
    if (next.question === undefined) delete next.question;
    onChange({ ...rule, when: next });
  };
  const sel = (p: string, label: string, value: string, set: (v: string) => void, options: [string, string][]) => (
    <Field path={p} label={label} error={errors[p]}>
      {(a) => <select {...a} value={value} onChange={(e) => set(e.target.value)}>{options.map(([v, l]) => <option key={v} value={v}>{l}</option>)}</select>}
    </Field>
  );
  // A rule may name a question that has since been renamed; keep it listed so the server's error makes sense.
  const orphan: [string, string][] = rule.when.question && !domain.questions.some((x) => x.id === rule.when.question) ? [[rule.when.question, rule.when.question]] : [];
  return (
    <fieldset className="repeat-group">
      <legend>{t('intake.instruments.ruleTitle', { n })}</legend>
      <div className="field-row">
        {sel(`${path}.when.acuityAtMost`, t('intake.instruments.acuityAtMost'), rule.when.acuityAtMost?.toString() ?? '', (v) => when({ acuityAtMost: v ? Number(v) : undefined }),
          [['', t('intake.instruments.anyAcuity')], ...[1, 2, 3, 4, 5].map((k): [string, string] => [String(k), `${k} – ${t(`intake.acuity.${k}`)}`])])}
        {sel(`${path}.when.question`, t('intake.instruments.whenQuestion'), rule.when.question ?? '', (v) => when({ question: v || undefined }),
          [['', t('intake.instruments.noQuestion')], ...domain.questions.filter((x) => x.id).map((x): [string, string] => [x.id, x.text[lang] || x.id]), ...orphan])}
      </div>
      <div className="field-row">
        <Field path={`${path}.needCode`} label={t('intake.instruments.needCode')} error={errors[`${path}.needCode`]} required>
          {(a) => <input {...a} value={rule.needCode} onChange={(e) => onChange({ ...rule, needCode: e.target.value })} />}
        </Field>
        {sel(`${path}.urgency`, t('intake.instruments.urgency'), rule.urgency, (v) => onChange({ ...rule, urgency: v as Urgency }), urgencies.map((u) => [u, t(`intake.urgency.${u}`)]))}
      </div>
      <button type="button" className="link-button" onClick={onRemove}>{removeLabel}</button>
    </fieldset>
  );
}
