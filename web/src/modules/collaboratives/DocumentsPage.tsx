import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { collaborativesApi } from './api';
import { collaborativesKeys, useDecisions, useDocuments } from './hooks';
import { EmptyState, ErrorSummary, Field, fieldErrorsOf, type FieldErrors, LoadError, Loading, useTitle, Table } from '../../core/ui';
import { CollabFrame, formatDate, Notice } from './parts';
import type { Collab, Doc } from './types';

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
      {list.data.items.length === 0 ? <EmptyState title={t('collaboratives.noDocuments')} /> : list.data.items.map((d) => <DocumentCard key={d.id} c={c} d={d} manage={list.data.canManage} />)}
      {list.data.canManage ? <NewDocument c={c} /> : null}
    </>
  );
}

function DocumentCard({ c, d, manage }: { c: Collab; d: Doc; manage: boolean }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [diff, setDiff] = useState<{ from: number; to: number; parts: { value: string; added: boolean; removed: boolean }[] }>();
  const [draft, setDraft] = useState('');
  const [editing, setEditing] = useState(false);
  const [decisionId, setDecisionId] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [done, setDone] = useState<string>();
  const decisions = useDecisions(c.id, manage);
  const latestDraft = d.versions.find((v) => v.status === 'draft');
  const shown = d.current ?? d.versions[0];
  async function showDiff(from: number, to: number) {
    setDiff(await collaborativesApi.diff(c.id, d.id, from, to));
  }
  async function addVersion(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    try {
      await collaborativesApi.addVersion(c.id, d.id, { body: draft });
      setEditing(false);
      setDone(t('collaboratives.versionAdded'));
      await client.invalidateQueries({ queryKey: collaborativesKeys.documents(c.id) });
    } catch (err) {
      setErrors(fieldErrorsOf(err));
    }
  }
  async function approve(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    try {
      await collaborativesApi.approveVersion(c.id, d.id, latestDraft!.id, decisionId);
      setDone(t('collaboratives.versionApproved', { n: latestDraft!.number }));
      await client.invalidateQueries({ queryKey: collaborativesKeys.documents(c.id) });
    } catch (err) {
      setErrors(fieldErrorsOf(err));
    }
  }
  return (
    <article className="panel" aria-labelledby={`doc-${d.id}`}>
      <h2 id={`doc-${d.id}`}>
        {d.title} <span className="tag">{t(`enums.documentKind.${d.kind}`)}</span>
      </h2>
      <Notice text={done} />
      <ErrorSummary errors={errors} labels={{ decisionId: t('collaboratives.approvingDecision'), body: t('collaboratives.text') }} />
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
            <form onSubmit={approve} noValidate className="form">
              <h3>{t('collaboratives.approveDraft', { n: latestDraft.number })}</h3>
              <Field path="decisionId" label={t('collaboratives.approvingDecision')} error={errors.decisionId}>
                {(p) => (
                  <select {...p} value={decisionId} onChange={(e) => setDecisionId(e.target.value)}>
                    <option value="">{t('collaboratives.choose')}</option>
                    {(decisions.data?.items ?? []).map((x) => (
                      <option key={x.id} value={x.id}>
                        {formatDate(x.decidedOn, i18n.language)}: {x.motion} ({t(`enums.decisionResult.${x.result}`)})
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <button type="submit" className="button button-primary">
                {t('collaboratives.approve')}
              </button>
            </form>
          ) : null}
          {editing ? (
            <form onSubmit={addVersion} noValidate className="form">
              <Field path="body" label={t('collaboratives.text')} error={errors.body}>
                {(p) => <textarea {...p} rows={12} value={draft} onChange={(e) => setDraft(e.target.value)} />}
              </Field>
              <button type="submit" className="button button-primary">
                {t('collaboratives.saveDraft')}
              </button>
            </form>
          ) : (
            <button
              type="button"
              className="button-secondary"
              onClick={() => {
                setDraft(d.versions[0]?.body ?? '');
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
  const [kind, setKind] = useState('policy');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  async function submit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    try {
      await collaborativesApi.createDocument(c.id, { kind, title, body });
      setTitle('');
      setBody('');
      await client.invalidateQueries({ queryKey: collaborativesKeys.documents(c.id) });
    } catch (err) {
      setErrors(fieldErrorsOf(err));
    }
  }
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="newdoc-h">
      <h2 id="newdoc-h">{t('collaboratives.newDocument')}</h2>
      <ErrorSummary errors={errors} labels={{ title: t('collaboratives.f.title'), body: t('collaboratives.text') }} />
      <Field path="kind" label={t('collaboratives.documentKind')}>
        {(p) => (
          <select {...p} value={kind} onChange={(e) => setKind(e.target.value)}>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {t(`enums.documentKind.${k}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field path="title" label={t('collaboratives.f.title')} required error={errors.title}>
        {(p) => <input {...p} value={title} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <Field path="body" label={t('collaboratives.text')} error={errors.body}>
        {(p) => <textarea {...p} rows={8} value={body} onChange={(e) => setBody(e.target.value)} />}
      </Field>
      <button type="submit" className="button button-primary">
        {t('collaboratives.saveDraft')}
      </button>
    </form>
  );
}
