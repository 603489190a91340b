import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useQueryClient } from '@tanstack/react-query';
import { collaborativesApi } from './api';
import { collaborativesKeys, useDecisions, useDocuments } from './hooks';
import { Form, SelectField, TextArea, TextField, useZodForm } from '../../core/form';
import { EmptyState, LoadError, Loading, useTitle, Table } from '../../core/ui';
import { CollabFrame, formatDate, Notice } from './parts';
import type { Collab, Doc } from './types';

const versionSchema = z.object({ body: z.string().max(200_000) });
const approveSchema = z.object({ decisionId: z.string().min(1, 'errors.choose') });
const newSchema = z.object({ kind: z.string(), title: z.string().trim().min(1).max(300), body: z.string().max(200_000) });

const kinds = ['terms_of_reference', 'charter', 'membership_agreement', 'declaration_of_intent', 'policy'];

export function DocumentsPage() {
  const { t } = useTranslation();
  return <CollabFrame title={t('collaboratives.documentsTitle')}>{(c) => <Documents c={c} />}</CollabFrame>;
}

function Documents({ c }: { c: Collab }) {
  const { t } = useTranslation();
  useTitle(`${t('collaboratives.documentsTitle')} – ${c.shortName ?? c.name}`);
  const list = useDocuments(c.id);
  if (list.isPending) return <Loading />;
  if (list.isError) return <LoadError error={list.error} />;
  return (
    <>
      {list.data.items.length === 0 ? <EmptyState title={t('collaboratives.noDocuments')} /> : list.data.items.map((d) => <DocumentCard key={d.id} c={c} d={d} manage={list.data.actions['collaborative.document.version']} />)}
      {list.data.actions['collaborative.document.create'] ? <NewDocument c={c} /> : null}
    </>
  );
}

function DocumentCard({ c, d, manage }: { c: Collab; d: Doc; manage: boolean }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [diff, setDiff] = useState<{ from: number; to: number; parts: { value: string; added: boolean; removed: boolean }[] }>();
  const [editing, setEditing] = useState(false);
  const [done, setDone] = useState<string>();
  const versionForm = useZodForm(versionSchema, { defaultValues: { body: '' } });
  const approveForm = useZodForm(approveSchema, { defaultValues: { decisionId: '' } });
  const decisions = useDecisions(c.id, manage);
  const latestDraft = d.versions.find((v) => v.status === 'draft');
  const shown = d.current ?? d.versions[0];
  async function showDiff(from: number, to: number) {
    setDiff(await collaborativesApi.diff(c.id, d.id, from, to));
  }
  return (
    <article className="panel" aria-labelledby={`doc-${d.id}`}>
      <h2 id={`doc-${d.id}`}>
        {d.title} <span className="tag">{t(`enums.documentKind.${d.kind}`)}</span>
      </h2>
      <Notice text={done} />
      {shown ? (
        <>
          <p className="small">
            {t('collaboratives.versionLine', { n: shown.number, status: t(`enums.versionStatus.${shown.status}`) })}
            {shown.approvedAt ? ` · ${formatDate(shown.approvedAt, i18n.language)}` : ''} ·{' '}
            <a href={`/api/v1/collaboratives/${c.id}/documents/${d.id}/pdf?version=${shown.number}`}>{t('collaboratives.pdf')}</a>
          </p>
          <div className="prewrap">{shown.body}</div>
        </>
      ) : null}
      {d.versions.length > 1 ? (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('collaboratives.scrollTable')}>
          <Table>
            <caption>{t('collaboratives.versionsOf', { title: d.title })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('collaboratives.version')}</th>
                <th scope="col">{t('collaboratives.status')}</th>
                <th scope="col">{t('collaboratives.changeNote')}</th>
                <th scope="col">{t('collaboratives.compare')}</th>
              </tr>
            </thead>
            <tbody>
              {d.versions.map((v) => (
                <tr key={v.id}>
                  <th scope="row">{v.number}</th>
                  <td>{t(`enums.versionStatus.${v.status}`)}</td>
                  <td>{v.changeNote ?? ''}</td>
                  <td>
                    {v.number > 1 ? (
                      <button type="button" className="link-button" onClick={() => showDiff(v.number - 1, v.number)}>
                        {t('collaboratives.compareWith', { from: v.number - 1, to: v.number })}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      ) : null}
      {diff ? (
        <section aria-label={t('collaboratives.diffTitle', { from: diff.from, to: diff.to })}>
          <h3>{t('collaboratives.diffTitle', { from: diff.from, to: diff.to })}</h3>
          <pre className="prewrap collab-diff">
            {diff.parts.map((p, i) =>
              p.added ? (
                <ins key={i}>{p.value}</ins>
              ) : p.removed ? (
                <del key={i}>{p.value}</del>
              ) : (
                <span key={i}>{p.value}</span>
              ),
            )}
          </pre>
        </section>
      ) : null}
      {manage ? (
        <>
          {latestDraft ? (
            <Form
              form={approveForm}
              idPrefix={`doc-${d.id}`}
              heading={<h3>{t('collaboratives.approveDraft', { n: latestDraft.number })}</h3>}
              submitLabel={t('collaboratives.approve')}
              onSubmit={async (v) => {
                await collaborativesApi.approveVersion(c.id, d.id, latestDraft.id, v.decisionId);
                setDone(t('collaboratives.versionApproved', { n: latestDraft.number }));
                await client.invalidateQueries({ queryKey: collaborativesKeys.documents(c.id) });
              }}
            >
              <SelectField
                name="decisionId"
                label={t('collaboratives.approvingDecision')}
                required
                placeholder={t('collaboratives.choose')}
                choices={(decisions.data?.items ?? []).map((x) => ({ value: x.id, label: `${formatDate(x.decidedOn, i18n.language)}${t('common.colon')}${x.motion} (${t(`enums.decisionResult.${x.result}`)})` }))}
              />
            </Form>
          ) : null}
          {editing ? (
            <Form
              form={versionForm}
              idPrefix={`doc-${d.id}`}
              submitLabel={t('collaboratives.saveDraft')}
              actions={
                <button type="button" className="button-secondary" onClick={() => setEditing(false)}>
                  {t('collaboratives.cancel')}
                </button>
              }
              onSubmit={async (v) => {
                await collaborativesApi.addVersion(c.id, d.id, v);
                setEditing(false);
                setDone(t('collaboratives.versionAdded'));
                await client.invalidateQueries({ queryKey: collaborativesKeys.documents(c.id) });
              }}
            >
              <TextArea name="body" label={t('collaboratives.text')} rows={12} />
            </Form>
          ) : (
            <button
              type="button"
              className="button-secondary"
              onClick={() => {
                versionForm.reset({ body: d.versions[0]?.body ?? '' });
                setDone(undefined);
                setEditing(true);
              }}
            >
              {t('collaboratives.newVersion')}
            </button>
          )}
        </>
      ) : null}
    </article>
  );
}

function NewDocument({ c }: { c: Collab }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const form = useZodForm(newSchema, { defaultValues: { kind: 'policy', title: '', body: '' } });
  return (
    <Form
      form={form}
      heading={<h2 id="newdoc-h">{t('collaboratives.newDocument')}</h2>}
      submitLabel={t('collaboratives.saveDraft')}
      onSubmit={async (v) => {
        await collaborativesApi.createDocument(c.id, v);
        form.reset({ kind: v.kind, title: '', body: '' });
        await client.invalidateQueries({ queryKey: collaborativesKeys.documents(c.id) });
        return t('collaboratives.documentCreated', { title: v.title });
      }}
    >
      <SelectField name="kind" label={t('collaboratives.documentKind')} choices={kinds.map((k) => ({ value: k, label: t(`enums.documentKind.${k}`) }))} />
      <TextField name="title" label={t('collaboratives.f.title')} required />
      <TextArea name="body" label={t('collaboratives.text')} rows={8} />
    </Form>
  );
}
