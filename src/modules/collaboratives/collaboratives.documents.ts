import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { diffLines } from 'diff';
import type { Database, Db } from '../../core/db/database';
import type { Actor, RequestMeta } from '../../core/accounts/actor';
import { actorLabel } from '../../core/accounts/actor';
import { recordAudit } from '../../core/audit/audit.service';
import { Errors } from '../../core/http/errors';
import { decisions, documents, documentVersions } from './collaboratives.tables';
import { loadCollaborative, requireAccess } from './collaboratives.service';
import { atLeastMember } from './collaboratives.policy';

type VersionRow = typeof documentVersions.$inferSelect;
type DocumentRow = typeof documents.$inferSelect;

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

async function versionsOf(db: Db, ids: string[]) {
  if (!ids.length) return [];
  return db.select().from(documentVersions).where(inArray(documentVersions.documentId, ids)).orderBy(desc(documentVersions.number));
}

/** Governance documents; the public sees only those with a published version, and only that version. */
export async function listDocuments(database: Database, actor: Actor | null, collaborativeId: string) {
  const { access } = await loadCollaborative(database.db, actor, collaborativeId);
  const docs = await database.db.select().from(documents).where(eq(documents.collaborativeId, collaborativeId)).orderBy(asc(documents.kind), asc(documents.title));
  const versions = await versionsOf(database.db, docs.map((d) => d.id));
  const member = atLeastMember(access);
  const items = docs.map((d) => presentDocument(d, versions.filter((v) => v.documentId === d.id), member)).filter((d) => member || d.current);
  return { items, canManage: access === 'manage' };
}

export async function getDocument(database: Database, actor: Actor | null, collaborativeId: string, documentId: string) {
  const { access } = await loadCollaborative(database.db, actor, collaborativeId);
  const [d] = await database.db.select().from(documents).where(and(eq(documents.id, documentId), eq(documents.collaborativeId, collaborativeId)));
  if (!d) throw Errors.notFound('Document');
  const out = presentDocument(d, await versionsOf(database.db, [d.id]), atLeastMember(access));
  if (!atLeastMember(access) && !out.current) throw Errors.notFound('Document');
  return out;
}

export async function createDocument(database: Database, actor: Actor, meta: RequestMeta, collaborativeId: string, input: { kind: DocumentRow['kind']; title: string; body: string; changeNote?: string | null }) {
  const id = await database.db.transaction(async (tx) => {
    await requireAccess(tx, actor, collaborativeId, 'collaborative.document.create');
    const [d] = await tx.insert(documents).values({ collaborativeId, kind: input.kind, title: input.title }).returning();
    await tx.insert(documentVersions).values({ documentId: d.id, number: 1, body: input.body, changeNote: input.changeNote ?? null, createdByLabel: actorLabel(actor) });
    await recordAudit(tx, actor, meta, { action: 'collaborative.document.create', entityType: 'collaborative_document', entityId: d.id, details: { collaborativeId, kind: input.kind, title: input.title } });
    return d.id;
  });
  return getDocument(database, actor, collaborativeId, id);
}

/** A new draft version, numbered after the last one. */
export async function addVersion(database: Database, actor: Actor, meta: RequestMeta, collaborativeId: string, documentId: string, input: { body: string; changeNote?: string | null }) {
  await database.db.transaction(async (tx) => {
    await requireAccess(tx, actor, collaborativeId, 'collaborative.document.version');
    const [d] = await tx.select().from(documents).where(and(eq(documents.id, documentId), eq(documents.collaborativeId, collaborativeId)));
    if (!d) throw Errors.notFound('Document');
    const [{ n }] = await tx.select({ n: sql<number>`coalesce(max(${documentVersions.number}), 0)::int` }).from(documentVersions).where(eq(documentVersions.documentId, documentId));
    const [v] = await tx.insert(documentVersions).values({ documentId, number: n + 1, body: input.body, changeNote: input.changeNote ?? null, createdByLabel: actorLabel(actor) }).returning();
    await recordAudit(tx, actor, meta, { action: 'collaborative.document.version', entityType: 'collaborative_document', entityId: documentId, details: { collaborativeId, number: v.number } });
  });
  return getDocument(database, actor, collaborativeId, documentId);
}

/**
 * Approves a draft by a recorded decision that carried; it becomes the published version and
 * the previously approved one is superseded.
 */
export async function approveVersion(database: Database, actor: Actor, meta: RequestMeta, collaborativeId: string, documentId: string, versionId: string, decisionId: string) {
  await database.db.transaction(async (tx) => {
    await requireAccess(tx, actor, collaborativeId, 'collaborative.document.approve');
    const [v] = await tx
      .select({ v: documentVersions })
      .from(documentVersions)
      .innerJoin(documents, eq(documents.id, documentVersions.documentId))
      .where(and(eq(documentVersions.id, versionId), eq(documents.id, documentId), eq(documents.collaborativeId, collaborativeId)));
    if (!v) throw Errors.notFound('Document version');
    if (v.v.status !== 'draft') throw Errors.conflict(`Version ${v.v.number} is already ${v.v.status}; only a draft can be approved`, 'versionId');
    const [d] = await tx.select().from(decisions).where(and(eq(decisions.id, decisionId), eq(decisions.collaborativeId, collaborativeId)));
    if (!d) throw Errors.validation([{ field: 'decisionId', message: 'No such decision in this collaborative' }]);
    if (d.result !== 'carried') throw Errors.validation([{ field: 'decisionId', message: 'This motion was defeated; a version is approved only by a decision that carried' }]);
    await tx.update(documentVersions).set({ status: 'superseded' }).where(and(eq(documentVersions.documentId, documentId), eq(documentVersions.status, 'approved')));
    await tx.update(documentVersions).set({ status: 'approved', approvedDecisionId: decisionId, approvedAt: new Date() }).where(eq(documentVersions.id, versionId));
    await recordAudit(tx, actor, meta, { action: 'collaborative.document.approve', entityType: 'collaborative_document', entityId: documentId, details: { collaborativeId, number: v.v.number, decisionId } });
  });
  return getDocument(database, actor, collaborativeId, documentId);
}

/** Line diff between two versions of a document (members only: drafts are member content). */
export async function diffVersions(database: Database, actor: Actor, collaborativeId: string, documentId: string, from: number, to: number) {
  await requireAccess(database.db, actor, collaborativeId, 'collaborative.document.read');
  const [d] = await database.db.select().from(documents).where(and(eq(documents.id, documentId), eq(documents.collaborativeId, collaborativeId)));
  if (!d) throw Errors.notFound('Document');
  const rows = await database.db.select().from(documentVersions).where(and(eq(documentVersions.documentId, documentId), inArray(documentVersions.number, [from, to])));
  const a = rows.find((r) => r.number === from);
  const b = rows.find((r) => r.number === to);
  if (!a) throw Errors.validation([{ field: 'from', message: `No version ${from}` }]);
  if (!b) throw Errors.validation([{ field: 'to', message: `No version ${to}` }]);
  return { from, to, parts: diffLines(a.body, b.body).map((p) => ({ value: p.value, added: !!p.added, removed: !!p.removed })) };
}

/** The text of the approved version of the collaborative's membership agreement, if any. */
export async function currentAgreementText(db: Db, collaborativeId: string): Promise<string | null> {
  const [row] = await db
    .select({ body: documentVersions.body })
    .from(documentVersions)
    .innerJoin(documents, eq(documents.id, documentVersions.documentId))
    .where(and(eq(documents.collaborativeId, collaborativeId), eq(documents.kind, 'membership_agreement'), eq(documentVersions.status, 'approved')))
    .limit(1);
  return row?.body ?? null;
}

/** One version for export: the public may only export the published version. */
export async function documentForExport(database: Database, actor: Actor | null, collaborativeId: string, documentId: string, number?: number) {
  const doc = await getDocument(database, actor, collaborativeId, documentId);
  const v = number === undefined ? doc.current ?? doc.versions[0] : doc.versions.find((x) => x.number === number);
  if (!v) throw Errors.notFound('Document version');
  return { doc, version: v };
}
