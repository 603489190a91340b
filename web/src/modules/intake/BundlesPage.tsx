import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../core/api';
import { intakeApi, type BundleInput } from './api';
import { useBundles, useFinderSearch, useIntakeMutation } from './hooks';
import { ErrorSummary, Field, fieldErrorsOf, fieldId, LoadError, Loading, useTitle, type FieldErrors, Table } from '../../core/ui';
import type { Bundle } from './types';
import { needLabel } from './parts';

type Chosen = { serviceId: string; name: string; organizationName: string };
type Editing = { bundle?: Bundle };

/** Support bundles: saved sets of services for a combination of needs up to an acuity. Org admins change their organization's. */
export function BundlesPage() {
  const { t } = useTranslation();
  useTitle(t('intake.bundles.title'));
  const list = useBundles();
  const del = useIntakeMutation((id: string) => intakeApi.deleteBundle(id));
  const [editing, setEditing] = useState<Editing>();
  const [deleting, setDeleting] = useState<Bundle>();
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');

  async function remove(b: Bundle) {
    try {
      await del.mutateAsync(b.id);
      setDeleting(undefined);
      setError('');
      setStatus(t('intake.bundles.deleted', { name: b.name }));
    } catch (err) { setError(err instanceof ApiError ? err.message : t('errors.network')); }
  }

  const anyActions = !!list.data?.items.some((b) => b.actions.length > 0);
  return (
    <>
      <p><Link to="/intake">{t('intake.back')}</Link></p>
      <h1>{t('intake.bundles.title')}</h1>
      <p className="lead">{t('intake.bundles.lead')}</p>
      <p role="status" className={status ? 'notice notice-success' : 'visually-hidden'}>{status}</p>
      {error && <p role="alert" className="notice notice-error">{error}</p>}
      {list.isPending ? <Loading /> : list.error ? <LoadError error={list.error} /> : (
        <>
          {list.data.canCreate && !editing && (
            <p><button type="button" className="button-primary" onClick={() => { setStatus(''); setEditing({}); }}>{t('intake.bundles.new')}</button></p>
          )}
          {editing && (
            <BundleForm key={editing.bundle?.id ?? 'new'} bundle={editing.bundle} needOptions={list.data.needOptions}
              onCancel={() => setEditing(undefined)}
              onSaved={(b) => { setEditing(undefined); setStatus(t(editing.bundle ? 'intake.bundles.saved' : 'intake.bundles.created', { name: b.name })); }} />
          )}
          {list.data.items.length === 0 ? <p>{t('intake.bundles.none')}</p> : (
            <div className="table-wrap">
              <Table>
                <caption>{t('intake.bundles.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('intake.bundles.name')}</th><th scope="col">{t('intake.bundles.needs')}</th><th scope="col">{t('intake.bundles.upTo')}</th>
                    <th scope="col">{t('intake.bundles.services')}</th><th scope="col">{t('intake.bundles.owner')}</th>{anyActions && <th scope="col">{t('intake.bundles.actions')}</th>}
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((b) => (
                    <tr key={b.id}>
                      <th scope="row">{b.name}{b.description && <div className="hint" style={{ fontWeight: 'normal' }}>{b.description}</div>}</th>
                      <td>{b.needCodes.map((c) => needLabel(t, c)).join(', ')}</td>
                      <td>{b.maxAcuity} – {t(`intake.acuity.${b.maxAcuity}`)}</td>
                      <td><ul>{b.services.map((s) => <li key={s.serviceId}>{s.name} ({s.organizationName}){!s.active && ` ${t('intake.bundles.inactive')}`}</li>)}</ul></td>
                      <td>{b.organizationName ?? t('intake.bundles.regionWide')}</td>
                      {anyActions && <td>
                        {b.actions.includes('update') && (
                          <button type="button" className="button-secondary" aria-label={t('intake.bundles.editNamed', { name: b.name })}
                            onClick={() => { setStatus(''); setEditing({ bundle: b }); }}>{t('common.edit')}</button>
                        )}{' '}
                        {b.actions.includes('delete') && (deleting?.id === b.id ? (
                          <span>
                            {t('intake.bundles.confirmDelete', { name: b.name })}{' '}
                            <button type="button" className="button-secondary" onClick={() => remove(b)}>{t('intake.bundles.yesDelete')}</button>{' '}
                            <button type="button" className="button-secondary" onClick={() => setDeleting(undefined)}>{t('intake.bundles.keep')}</button>
                          </span>
                        ) : (
                          <button type="button" className="button-secondary" aria-label={t('intake.bundles.deleteNamed', { name: b.name })} onClick={() => setDeleting(b)}>{t('intake.bundles.delete')}</button>
                        ))}
                      </td>}
                    </tr>
                  ))}
                </tbody>
              </Table>
            </div>
          )}
        </>
      )}
    </>
  );
}

/** Errors on list items ("serviceIds.1") shown against the list as a whole. */
function groupErrors(errors: FieldErrors, chosen: Chosen[], needs: string[]): FieldErrors {
  const out: FieldErrors = {};
  for (const [path, msg] of Object.entries(errors)) {
    const m = path.match(/^(serviceIds|needCodes)\.(\d+)$/);
    if (!m) { out[path] ??= msg; continue; }
    const item = m[1] === 'serviceIds' ? chosen[Number(m[2])]?.name : needs[Number(m[2])];
    out[m[1]] ??= item ? `${item}: ${msg}` : msg;
  }
  return out;
}

function BundleForm({ bundle, needOptions, onSaved, onCancel }: { bundle?: Bundle; needOptions: string[]; onSaved: (b: Bundle) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const save = useIntakeMutation((body: BundleInput) => (bundle ? intakeApi.updateBundle(bundle.id, { ...body, version: bundle.version }) : intakeApi.createBundle(body)));
  const [f, setF] = useState({ name: bundle?.name ?? '', description: bundle?.description ?? '', maxAcuity: String(bundle?.maxAcuity ?? 3) });
  const [needs, setNeeds] = useState<string[]>(bundle?.needCodes ?? []);
  const [chosen, setChosen] = useState<Chosen[]>(bundle?.services.map((s) => ({ serviceId: s.serviceId, name: s.name, organizationName: s.organizationName })) ?? []);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string>();
  const [busy, setBusy] = useState(false);
  const labels = { name: t('intake.bundles.name'), description: t('intake.bundles.description'), needCodes: t('intake.bundles.needs'), maxAcuity: t('intake.bundles.upTo'), serviceIds: t('intake.bundles.services'), organizationId: t('intake.bundles.owner') };
  // Needs the bundle already has but the instruments no longer list stay choosable.
  const options = [...needOptions, ...needs.filter((n) => !needOptions.includes(n))];

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const body: BundleInput = { name: f.name, description: f.description || undefined, needCodes: needs, maxAcuity: Number(f.maxAcuity), serviceIds: chosen.map((c) => c.serviceId) };
    try {
      const saved = await save.mutateAsync(body);
      onSaved(saved);
    } catch (err) {
      const fe = groupErrors(fieldErrorsOf(err), chosen, needs);
      setErrors(fe);
      setMessage(Object.keys(fe).length ? undefined : err instanceof ApiError ? err.message : t('errors.network'));
    } finally { setBusy(false); }
  }

  const toggle = (code: string) => setNeeds(needs.includes(code) ? needs.filter((n) => n !== code) : [...needs, code]);
  const title = bundle ? t('intake.bundles.editTitle', { name: bundle.name }) : t('intake.bundles.newTitle');
  // The form opens above the table: move focus there so keyboard and screen reader users follow.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <form className="form panel" onSubmit={submit} noValidate aria-labelledby="bundle-form-title">
      <h2 id="bundle-form-title" tabIndex={-1} ref={heading}>{title}</h2>
      <ErrorSummary errors={errors} labels={labels} message={message} />
      <Field path="name" label={labels.name} error={errors.name} required>{(p) => <input {...p} value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} />}</Field>
      <Field path="description" label={labels.description} hint={t('intake.bundles.descriptionHint')} error={errors.description}>{(p) => <textarea {...p} value={f.description} onChange={(e) => setF({ ...f, description: e.target.value })} />}</Field>
      <fieldset aria-describedby={errors.needCodes ? `${fieldId('needCodes')}-error` : 'needs-hint'} className={errors.needCodes ? 'field-error' : undefined}>
        <legend>{labels.needCodes} <span className="required">({t('form.required')})</span></legend>
        <p className="hint" id="needs-hint">{t('intake.bundles.needsHint')}</p>
        {errors.needCodes && <p className="error-message" id={`${fieldId('needCodes')}-error`}><span className="visually-hidden">{t('form.errorPrefix')} </span>{errors.needCodes}</p>}
        {options.map((code, i) => (
          <div className="checkbox" key={code}>
            <input id={i === 0 ? fieldId('needCodes') : `need-${code}`} type="checkbox" checked={needs.includes(code)} onChange={() => toggle(code)} />
            <label htmlFor={i === 0 ? fieldId('needCodes') : `need-${code}`}>{needLabel(t, code)}</label>
          </div>
        ))}
      </fieldset>
      <Field path="maxAcuity" label={labels.maxAcuity} hint={t('intake.bundles.upToHint')} error={errors.maxAcuity} required>
        {(p) => <select {...p} value={f.maxAcuity} onChange={(e) => setF({ ...f, maxAcuity: e.target.value })}>{[1, 2, 3, 4, 5].map((a) => <option key={a} value={a}>{a} – {t(`intake.acuity.${a}`)}</option>)}</select>}
      </Field>
      <ServicePicker chosen={chosen} setChosen={setChosen} error={errors.serviceIds} />
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={busy}>{bundle ? t('common.saveChanges') : t('intake.bundles.create')}</button>{' '}
        <button type="button" className="button-secondary" onClick={onCancel}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}

/** Search the directory by name, add from the results; chosen services listed with remove buttons. */
function ServicePicker({ chosen, setChosen, error }: { chosen: Chosen[]; setChosen: (c: Chosen[]) => void; error?: string }) {
  const { t, i18n } = useTranslation();
  const [q, setQ] = useState('');
  const [searched, setSearched] = useState<string>();
  const results = useFinderSearch(searched, i18n.language);
  const hits = results.data?.items.filter((h) => !chosen.some((c) => c.serviceId === h.id)) ?? [];
  return (
    <fieldset className={error ? 'field-error' : undefined} aria-describedby={error ? `${fieldId('serviceIds')}-error` : undefined}>
      <legend>{t('intake.bundles.services')} <span className="required">({t('form.required')})</span></legend>
      {error && <p className="error-message" id={`${fieldId('serviceIds')}-error`}><span className="visually-hidden">{t('form.errorPrefix')} </span>{error}</p>}
      {chosen.length === 0 ? <p>{t('intake.bundles.noServicesYet')}</p> : (
        <ul aria-label={t('intake.bundles.chosen')}>
          {chosen.map((c) => (
            <li key={c.serviceId}>
              {c.name} ({c.organizationName}){' '}
              <button type="button" className="button-secondary" aria-label={t('intake.bundles.removeNamed', { name: c.name })} onClick={() => setChosen(chosen.filter((x) => x.serviceId !== c.serviceId))}>{t('intake.bundles.remove')}</button>
            </li>
          ))}
        </ul>
      )}
      <div className="field">
        <label htmlFor={fieldId('serviceIds')}>{t('intake.bundles.searchServices')}</label>
        <input id={fieldId('serviceIds')} type="search" value={q} onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); setSearched(q.trim() || undefined); } }} />{' '}
        <button type="button" className="button-secondary" onClick={() => setSearched(q.trim() || undefined)}>{t('intake.bundles.search')}</button>
      </div>
      <div role="status">
        {searched && results.isPending && t('common.loading')}
        {searched && results.data && (hits.length === 0 ? t('intake.bundles.noResults') : t('intake.bundles.results', { count: hits.length }))}
      </div>
      {hits.length > 0 && (
        <ul aria-label={t('intake.bundles.searchResults')}>
          {hits.map((h) => (
            <li key={h.id}>
              {h.name} ({h.organization.name}){' '}
              <button type="button" className="button-secondary" aria-label={t('intake.bundles.addNamed', { name: h.name })}
                onClick={() => setChosen([...chosen, { serviceId: h.id, name: h.name, organizationName: h.organization.name }])}>{t('intake.bundles.add')}</button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
