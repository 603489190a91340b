import { useEffect, useRef, useState } from 'react';
import { z } from 'zod';
import { CheckboxGroup, Controlled, Form, SelectField, TextArea, TextField, useZodForm } from '../../core/form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../core/api';
import { intakeApi, type BundleInput } from './api';
import { useBundles, useFinderSearch, useIntakeMutation } from './hooks';
import { LoadError, Loading, useTitle, Table } from '../../core/ui';
import type { Bundle } from './types';
import { needLabel } from './parts';
import i18n from '../../core/i18n';

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

/** Errors on list items ("serviceIds.1") shown against the list as a whole, naming the item. */
function groupErrors(err: unknown, chosen: Chosen[], needs: string[]): unknown {
  if (!(err instanceof ApiError)) return err;
  const errors = err.errors.map((e) => {
    const m = e.field.match(/^(serviceIds|needCodes)\.(\d+)$/);
    if (!m) return e;
    const item = m[1] === 'serviceIds' ? chosen[Number(m[2])]?.name : needs[Number(m[2])];
    return { ...e, field: m[1], message: item ? `${item}${i18n.t('common.colon')}${e.message}` : e.message };
  });
  return new ApiError(err.status, err.code, err.message, errors, err.body);
}

const chosenSchema = z.object({ serviceId: z.string(), name: z.string(), organizationName: z.string() });
const bundleSchema = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().max(2000),
  needCodes: z.array(z.string()).min(1),
  maxAcuity: z.string().min(1, { message: 'errors.choose' }),
  serviceIds: z.array(chosenSchema).min(1, { message: 'intake.bundles.chooseService' }),
});

function BundleForm({ bundle, needOptions, onSaved, onCancel }: { bundle?: Bundle; needOptions: string[]; onSaved: (b: Bundle) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const save = useIntakeMutation((body: BundleInput) => (bundle ? intakeApi.updateBundle(bundle.id, { ...body, version: bundle.version }) : intakeApi.createBundle(body)));
  const form = useZodForm(bundleSchema, {
    defaultValues: {
      name: bundle?.name ?? '',
      description: bundle?.description ?? '',
      needCodes: bundle?.needCodes ?? [],
      maxAcuity: String(bundle?.maxAcuity ?? 3),
      serviceIds: bundle?.services.map((s) => ({ serviceId: s.serviceId, name: s.name, organizationName: s.organizationName })) ?? [],
    },
  });
  const labels = { name: t('intake.bundles.name'), description: t('intake.bundles.description'), needCodes: t('intake.bundles.needs'), maxAcuity: t('intake.bundles.upTo'), serviceIds: t('intake.bundles.services'), organizationId: t('intake.bundles.owner') };
  // Needs the bundle already has but the instruments no longer list stay choosable.
  const options = [...needOptions, ...(bundle?.needCodes ?? []).filter((n) => !needOptions.includes(n))];
  const title = bundle ? t('intake.bundles.editTitle', { name: bundle.name }) : t('intake.bundles.newTitle');
  // The form opens above the table: move focus there so keyboard and screen reader users follow.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <Form
      form={form}
      className="form panel"
      labels={labels}
      heading={<h2 id="bundle-form-title" tabIndex={-1} ref={heading}>{title}</h2>}
      submitLabel={bundle ? t('common.saveChanges') : t('intake.bundles.create')}
      actions={<button type="button" className="button-secondary" onClick={onCancel}>{t('common.cancel')}</button>}
      onSubmit={async (v) => {
        const body: BundleInput = { name: v.name, description: v.description || undefined, needCodes: v.needCodes, maxAcuity: Number(v.maxAcuity), serviceIds: v.serviceIds.map((c) => c.serviceId) };
        try {
          onSaved(await save.mutateAsync(body));
        } catch (err) {
          throw groupErrors(err, v.serviceIds, v.needCodes);
        }
      }}
    >
      <TextField name="name" label={labels.name} required />
      <TextArea name="description" label={labels.description} hint={t('intake.bundles.descriptionHint')} />
      <CheckboxGroup name="needCodes" label={labels.needCodes} hint={t('intake.bundles.needsHint')} required choices={options.map((code) => ({ value: code, label: needLabel(t, code) }))} />
      <SelectField name="maxAcuity" label={labels.maxAcuity} hint={t('intake.bundles.upToHint')} required choices={[1, 2, 3, 4, 5].map((a) => ({ value: String(a), label: `${a} – ${t(`intake.acuity.${a}`)}` }))} />
      <Controlled name="serviceIds" label={labels.serviceIds} legend required render={({ field, id }) => <ServicePicker id={id} inputRef={field.ref} chosen={field.value as Chosen[]} setChosen={field.onChange} />} />
    </Form>
  );
}

/** Search the directory by name, add from the results; chosen services listed with remove buttons. */
function ServicePicker({ id, inputRef, chosen, setChosen }: { id: string; inputRef: (el: HTMLInputElement | null) => void; chosen: Chosen[]; setChosen: (c: Chosen[]) => void }) {
  const { t, i18n } = useTranslation();
  const [q, setQ] = useState('');
  const [searched, setSearched] = useState<string>();
  const results = useFinderSearch(searched, i18n.language);
  const hits = results.data?.items.filter((h) => !chosen.some((c) => c.serviceId === h.id)) ?? [];
  return (
    <>
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
        <label htmlFor={id}>{t('intake.bundles.searchServices')}</label>
        <input id={id} ref={inputRef} type="search" value={q} onChange={(e) => setQ(e.target.value)}
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
    </>
  );
}
