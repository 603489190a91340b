import { diffLines } from 'diff';
import type { Database, Db } from '../../core/db/database';
import type { Actor, RequestMeta } from '../../core/accounts/actor';
import { actorLabel } from '../../core/accounts/actor';
import { runCommand } from '../../core/command';
import { Errors } from '../../core/http/errors';
import { loadCollaborative, requireAccess } from './collaboratives.service';
import { atLeastMember, collaborativeActions } from './collaboratives.policy';
import { documentListActions } from './collaboratives.schema';
import * as repo from './repository/documents';
import type { DocumentRow, VersionRow } from './repository/documents';
import { findDecision } from './repository/meetings';

function presentVersion(v: VersionRow) {
  return {
    id: v.id,
    number: v.number,
    body: v.body,
    changeNote: v.changeNote,
    status: v.status,
    approvedDecisionId: v.approvedDecisionId,
    approvedAt: v.approvedAt?.toISOString() ?? null,
    createdByLabel: v.createdByLabel,
    createdAt: v.createdAt.toISOString(),
  };
}

/** A document with its published (approved) version; members also see drafts and history. */
function presentDocument(d: DocumentRow, versions: VersionRow[], member: boolean) {
  const current = versions.find((v) => v.status === 'approved') ?? null;
  return {
    id: d.id,
    collaborativeId: d.collaborativeId,
    kind: d.kind,
    title: d.title,
    current: current ? presentVersion(current) : null,
    versions: member ? versions.map(presentVersion) : current ? [presentVersion(current)] : [],
  };
}

/** Governance documents; the public sees only those with a published version, and only that version. */
export async function listDocuments(database: Database, actor: Actor | null, collaborativeId: string) {
  const { access } = await loadCollaborative(database.db, actor, collaborativeId);
  const member = atLeastMember(access);
  // Visibility is in the queries: non-members get published documents and their approved version only.
  const docs = await repo.documentsOf(database.db, collaborativeId, !member);
  const versions = await repo.versionsOf(database.db, docs.map((d) => d.id), !member);
  const items = docs.map((d) => presentDocument(d, versions.filter((v) => v.documentId === d.id), member));
  return { items, actions: collaborativeActions(actor, documentListActions, { collaborativeId }) };
}

export async function getDocument(database: Database, actor: Actor | null, collaborativeId: string, documentId: string) {
  const { access } = await loadCollaborative(database.db, actor, collaborativeId);
  const d = await repo.findDocument(database.db, collaborativeId, documentId);
  if (!d) throw Errors.notFound('Document');
  const out = presentDocument(d, await repo.versionsOf(database.db, [d.id], !atLeastMember(access)), atLeastMember(access));
  if (!atLeastMember(access) && !out.current) throw Errors.notFound('Document');
  return out;
}

export async function createDocument(database: Database, actor: Actor, meta: RequestMeta, collaborativeId: string, input: { kind: DocumentRow['kind']; title: string; body: string; changeNote?: string | null }) {
  const id = await runCommand({ database, actor, meta }, async (tx) => {
    await requireAccess(tx, actor, collaborativeId, 'collaborative.document.create');
    const d = await repo.insertDocument(tx, { collaborativeId, kind: input.kind, title: input.title });
    await repo.insertNextVersion(tx, d.id, { body: input.body, changeNote: input.changeNote ?? null, createdByLabel: actorLabel(actor) });
    return { result: d.id, audit: { action: 'collaborative.document.create', entityType: 'collaborative_document', entityId: d.id, details: { collaborativeId, kind: input.kind, title: input.title } } };
  });
  return getDocument(database, actor, collaborativeId, id);
}

/** A new draft version, numbered after the last one. */
export async function addVersion(database: Database, actor: Actor, meta: RequestMeta, collaborativeId: string, documentId: string, input: { body: string; changeNote?: string | null }) {
  await runCommand({ database, actor, meta }, async (tx) => {
    await requireAccess(tx, actor, collaborativeId, 'collaborative.document.version');
    const d = await repo.findDocument(tx, collaborativeId, documentId);
    if (!d) throw Errors.notFound('Document');
    const v = await repo.insertNextVersion(tx, documentId, { body: input.body, changeNote: input.changeNote ?? null, createdByLabel: actorLabel(actor) });
    return { result: v.number, audit: { action: 'collaborative.document.version', entityType: 'collaborative_document', entityId: documentId, details: { collaborativeId, number: v.number } } };
  });
  return getDocument(database, actor, collaborativeId, documentId);
}

/**
 * Approves a draft by a recorded decision that carried; it becomes the published version and
 * the previously approved one is superseded.
 */
export async function approveVersion(database: Database, actor: Actor, meta: RequestMeta, collaborativeId: string, documentId: string, versionId: string, decisionId: string) {
  await runCommand({ database, actor, meta }, async (tx) => {
    await requireAccess(tx, actor, collaborativeId, 'collaborative.document.approve');
    const v = await repo.findVersion(tx, collaborativeId, documentId, versionId);
    if (!v) throw Errors.notFound('Document version');
    if (v.status !== 'draft') throw Errors.conflict(`Version ${v.number} is already ${v.status}; only a draft can be approved`, 'versionId');
    const d = await findDecision(tx, collaborativeId, decisionId);
    if (!d) throw Errors.validation([{ field: 'decisionId', message: 'No such decision in this collaborative' }]);
    if (d.result !== 'carried') throw Errors.validation([{ field: 'decisionId', message: 'This motion was defeated; a version is approved only by a decision that carried' }]);
    await repo.approve(tx, documentId, versionId, decisionId);
    return { result: v.number, audit: { action: 'collaborative.document.approve', entityType: 'collaborative_document', entityId: documentId, details: { collaborativeId, number: v.number, decisionId } } };
  });
  return getDocument(database, actor, collaborativeId, documentId);
}

/** Line diff between two versions of a document (members only: drafts are member content). */
export async function diffVersions(database: Database, actor: Actor, collaborativeId: string, documentId: string, from: number, to: number) {
  await requireAccess(database.db, actor, collaborativeId, 'collaborative.document.read');
  const d = await repo.findDocument(database.db, collaborativeId, documentId);
  if (!d) throw Errors.notFound('Document');
  const rows = await repo.versionsNumbered(database.db, documentId, [from, to]);
  const a = rows.find((r) => r.number === from);
  const b = rows.find((r) => r.number === to);
  if (!a) throw Errors.validation([{ field: 'from', message: `No version ${from}` }]);
  if (!b) throw Errors.validation([{ field: 'to', message: `No version ${to}` }]);
  return { from, to, parts: diffLines(a.body, b.body).map((p) => ({ value: p.value, added: !!p.added, removed: !!p.removed })) };
}

/** The text of the approved version of the collaborative's membership agreement, if any. */
export function currentAgreementText(db: Db, collaborativeId: string): Promise<string | null> {
  return repo.approvedAgreementText(db, collaborativeId);
}

/** The membership agreement members sign (members and coordinators). */
export async function agreementText(database: Database, actor: Actor, collaborativeId: string) {
  await requireAccess(database.db, actor, collaborativeId, 'collaborative.agreement.read');
  return { text: await repo.approvedAgreementText(database.db, collaborativeId) };
}

/** One version for export: the public may only export the published version. */
export async function documentForExport(database: Database, actor: Actor | null, collaborativeId: string, documentId: string, number?: number) {
  const doc = await getDocument(database, actor, collaborativeId, documentId);
  const v = number === undefined ? doc.current ?? doc.versions[0] : doc.versions.find((x) => x.number === number);
  if (!v) throw Errors.notFound('Document version');
  return { doc, version: v };
}
