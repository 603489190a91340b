import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { DirectoryBreadcrumb } from './parts';
import { useQueryClient } from '@tanstack/react-query';
import { directoryApi, type HsdsTerm } from './api';
import { directoryKeys, useTaxonomies, useTaxonomyTerms } from './hooks';
import { isPlatformAdmin, useUser } from '../../core/session';
import { Form, SelectField, TextArea, TextField, useZodForm } from '../../core/form';
import { EmptyState, LoadError, Loading, useTitle, Table } from '../../core/ui';

interface Draft {
  id?: string;
  code: string;
  name: string;
  nameFr: string;
  description: string;
  parentId: string;
}

const empty: Draft = { code: '', name: '', nameFr: '', description: '', parentId: '' };

/** The server's TermBody as the form holds it: empty text for none. */
const termSchema = z.object({
  name: z.string().trim().min(1).max(300),
  nameFr: z.string().trim().max(300),
  code: z.string().trim().max(100),
  description: z.string().trim().max(2000),
  parentId: z.string(),
});
type TermValues = z.infer<typeof termSchema>;

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
  const [message, setMessage] = useState<string>();

  if (!isPlatformAdmin(user)) {
    return (
      <EmptyState title={t('directory.taxonomyTitle')}>
        <p>{t('errors.forbidden')}</p>
      </EmptyState>
    );
  }

  // Terms are named in the UI language (the French name where there is one); the other
  // language's name beside it, and the code, which only imports and the API use, last and muted.
  const fr = i18n.language.startsWith('fr');
  const label = (term: HsdsTerm) => (fr ? (term.translations?.fr?.name ?? term.name) : term.name);
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

  async function save(v: TermValues) {
    if (!draft || !current) return;
    setMessage(undefined);
    const body = { taxonomyId: current, parentId: v.parentId || null, code: v.code || null, name: v.name, nameFr: v.nameFr || null, description: v.description };
    if (draft.id) await directoryApi.updateTerm(draft.id, body);
    else await directoryApi.createTerm(body);
    setMessage(t('directory.termSaved', { name: v.name }));
    setDraft(undefined);
    await client.invalidateQueries({ queryKey: directoryKeys.terms() });
    await client.invalidateQueries({ queryKey: directoryKeys.finder });
  }

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
        <TermForm
          key={draft.id ?? 'new'}
          draft={draft}
          parents={ordered.filter((x) => x.id !== draft.id).map((x) => ({ value: x.id, label: `${'— '.repeat(depth(x))}${label(x)}` }))}
          onSave={save}
          onCancel={() => setDraft(undefined)}
        />
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
              <th scope="col">{t('directory.termNameShown')}</th>
              <th scope="col">{t(fr ? 'directory.termName' : 'directory.termNameFr')}</th>
              <th scope="col">{t('directory.termCodeColumn')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('directory.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {ordered.map((term) => (
              <tr key={term.id}>
                <th scope="row" style={{ paddingLeft: `${0.5 + depth(term) * 1.25}rem` }} lang={fr && term.translations?.fr?.name ? 'fr' : 'en'}>
                  {label(term)}
                </th>
                <td lang={fr ? 'en' : 'fr'}>{fr ? term.name : (term.translations?.fr?.name ?? '')}</td>
                <td className="muted">
                  {term.code ? <code>{term.code}</code> : null}
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

function TermForm({ draft, parents, onSave, onCancel }: { draft: Draft; parents: { value: string; label: string }[]; onSave: (v: TermValues) => Promise<void>; onCancel: () => void }) {
  const { t } = useTranslation();
  const form = useZodForm(termSchema, { defaultValues: { name: draft.name, nameFr: draft.nameFr, code: draft.code, description: draft.description, parentId: draft.parentId } });
  return (
    <Form
      form={form}
      onSubmit={onSave}
      className="form panel"
      submitLabel={t('directory.saveTerm')}
      heading={<h2>{draft.id ? t('directory.editTerm', { name: draft.name }) : t('directory.addTerm')}</h2>}
      actions={
        <button type="button" className="button" onClick={onCancel}>
          {t('directory.cancel')}
        </button>
      }
    >
      <TextField name="name" label={t('directory.termName')} required />
      <TextField name="nameFr" lang="fr" label={t('directory.termNameFr')} />
      <TextField name="code" label={t('directory.termCode')} hint={t('directory.termCodeHint')} />
      <TextArea name="description" label={t('directory.termDescription')} rows={2} />
      <SelectField name="parentId" label={t('directory.termParent')} placeholder={t('directory.termTopLevel')} choices={parents} />
    </Form>
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
