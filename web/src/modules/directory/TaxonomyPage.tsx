import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DirectoryBreadcrumb } from './parts';
import { useQueryClient } from '@tanstack/react-query';
import { directoryApi, type HsdsTerm } from './api';
import { directoryKeys, useTaxonomies, useTaxonomyTerms } from './hooks';
import { isPlatformAdmin, useUser } from '../../core/session';
import { EmptyState, ErrorSummary, Field, type FieldErrors, fieldErrorsOf, LoadError, Loading, useTitle, Table } from '../../core/ui';

interface Draft {
  id?: string;
  code: string;
  name: string;
  nameFr: string;
  description: string;
  parentId: string;
}

const empty: Draft = { code: '', name: '', nameFr: '', description: '', parentId: '' };

/** Directory admins add and edit need-category terms (HSDS taxonomy terms), bilingual. */
export function TaxonomyPage() {
  const { t, i18n } = useTranslation();
  useTitle(t('directory.taxonomyTitle'));
  const user = useUser();
  const client = useQueryClient();
  const taxonomies = useTaxonomies();
  const [taxonomyId, setTaxonomyId] = useState<string>();
  const current = taxonomyId ?? taxonomies.data?.[0]?.id;
  const terms = useTaxonomyTerms(current);
  const [draft, setDraft] = useState<Draft>();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string>();
  const [saving, setSaving] = useState(false);

  if (!isPlatformAdmin(user)) {
    return (
      <EmptyState title={t('directory.taxonomyTitle')}>
        <p>{t('errors.forbidden')}</p>
      </EmptyState>
    );
  }

  const label = (term: HsdsTerm) => (i18n.language.startsWith('fr') ? (term.translations?.fr?.name ?? term.name) : term.name);
  const list = terms.data ?? [];
  const depth = (term: HsdsTerm): number => {
    let d = 0;
    let p = term.parent_id;
    while (p && d < 10) {
      d++;
      p = list.find((x) => x.id === p)?.parent_id;
    }
    return d;
  };
  const ordered = orderTree(list);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!draft || !current) return;
    setSaving(true);
    setErrors({});
    setMessage(undefined);
    const body = { taxonomyId: current, parentId: draft.parentId || null, code: draft.code || null, name: draft.name, nameFr: draft.nameFr || null, description: draft.description };
    try {
      if (draft.id) await directoryApi.updateTerm(draft.id, body);
      else await directoryApi.createTerm(body);
      setMessage(t('directory.termSaved', { name: draft.name }));
      setDraft(undefined);
      await client.invalidateQueries({ queryKey: directoryKeys.terms() });
      await client.invalidateQueries({ queryKey: directoryKeys.finder });
    } catch (err) {
      const fe = fieldErrorsOf(err);
      setErrors(Object.keys(fe).length ? fe : { name: t('errors.generic') });
    } finally {
      setSaving(false);
    }
  }

  const labels = { name: t('directory.termName'), nameFr: t('directory.termNameFr'), code: t('directory.termCode'), description: t('directory.termDescription'), parentId: t('directory.termParent') };

  return (
    <>
      <DirectoryBreadcrumb />
      <h1>{t('directory.taxonomyTitle')}</h1>
      <p className="lead">{t('directory.taxonomyLead')}</p>
      {taxonomies.isPending ? (
        <Loading />
      ) : taxonomies.isError ? (
        <LoadError error={taxonomies.error} />
      ) : (
        <div className="field">
          <label htmlFor="taxonomy-pick">{t('directory.taxonomyPick')}</label>
          <select id="taxonomy-pick" value={current} onChange={(e) => { setTaxonomyId(e.target.value); setDraft(undefined); }}>
            {taxonomies.data.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {message && (
        <p className="notice notice-success" role="status">
          {message}
        </p>
      )}
      {!draft && (
        <p>
          <button type="button" className="button" onClick={() => setDraft({ ...empty })}>
            {t('directory.addTerm')}
          </button>
        </p>
      )}
      {draft && (
        <form onSubmit={save} noValidate className="panel">
          <h2>{draft.id ? t('directory.editTerm', { name: draft.name }) : t('directory.addTerm')}</h2>
          <ErrorSummary errors={errors} labels={labels} />
          <Field path="name" label={labels.name} error={errors.name} required>
            {(p) => <input {...p} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />}
          </Field>
          <Field path="nameFr" label={labels.nameFr} error={errors.nameFr}>
            {(p) => <input {...p} lang="fr" value={draft.nameFr} onChange={(e) => setDraft({ ...draft, nameFr: e.target.value })} />}
          </Field>
          <Field path="code" label={labels.code} hint={t('directory.termCodeHint')} error={errors.code}>
            {(p) => <input {...p} value={draft.code} onChange={(e) => setDraft({ ...draft, code: e.target.value })} />}
          </Field>
          <Field path="description" label={labels.description} error={errors.description}>
            {(p) => <textarea {...p} rows={2} value={draft.description} onChange={(e) => setDraft({ ...draft, description: e.target.value })} />}
          </Field>
          <Field path="parentId" label={labels.parentId} error={errors.parentId}>
            {(p) => (
              <select {...p} value={draft.parentId} onChange={(e) => setDraft({ ...draft, parentId: e.target.value })}>
                <option value="">{t('directory.termTopLevel')}</option>
                {ordered
                  .filter((x) => x.id !== draft.id)
                  .map((x) => (
                    <option key={x.id} value={x.id}>
                      {'— '.repeat(depth(x))}
                      {label(x)}
                    </option>
                  ))}
              </select>
            )}
          </Field>
          <p className="button-row">
            <button type="submit" className="button primary" disabled={saving}>
              {t('directory.saveTerm')}
            </button>{' '}
            <button type="button" className="button" onClick={() => { setDraft(undefined); setErrors({}); }}>
              {t('directory.cancel')}
            </button>
          </p>
        </form>
      )}
      {terms.isPending ? (
        current ? <Loading /> : null
      ) : terms.isError ? (
        <LoadError error={terms.error} />
      ) : (
        <Table>
          <caption>{t('directory.termsCaption', { name: taxonomies.data?.find((x) => x.id === current)?.name ?? '' })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('directory.termName')}</th>
              <th scope="col">{t('directory.termNameFr')}</th>
              <th scope="col">{t('directory.termCode')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('directory.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {ordered.map((term) => (
              <tr key={term.id}>
                <th scope="row" style={{ paddingLeft: `${0.5 + depth(term) * 1.25}rem` }}>
                  {term.name}
                </th>
                <td lang="fr">{term.translations?.fr?.name ?? ''}</td>
                <td>
                  <code>{term.code ?? ''}</code>
                </td>
                <td>
                  <button
                    type="button"
                    className="button small"
                    aria-label={t('directory.editTerm', { name: term.name })}
                    onClick={() =>
                      setDraft({ id: term.id, code: term.code ?? '', name: term.name, nameFr: term.translations?.fr?.name ?? '', description: term.description, parentId: term.parent_id ?? '' })
                    }
                  >
                    {t('directory.edit')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}

/** Parents before their children, siblings by code. */
function orderTree(terms: HsdsTerm[]): HsdsTerm[] {
  const out: HsdsTerm[] = [];
  const walk = (parent: string | undefined) => {
    for (const term of terms.filter((x) => x.parent_id === parent).sort((a, b) => (a.code ?? a.name).localeCompare(b.code ?? b.name))) {
      out.push(term);
      walk(term.id);
    }
  };
  walk(undefined);
  return out;
}
