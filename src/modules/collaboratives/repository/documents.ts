/** Governance documents and their versions. */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../core/db/database';
import { documents, documentVersions } from '../collaboratives.tables';

export type VersionRow = typeof documentVersions.$inferSelect;
export type DocumentRow = typeof documents.$inferSelect;

const hasApprovedVersion = sql`EXISTS (SELECT 1 FROM collaboratives_document_versions v WHERE v.document_id = ${documents.id} AND v.status = 'approved')`;

/**
 * A collaborative's documents by kind and title. `publishedOnly` (the public and non-members)
 * keeps those with an approved version: the visibility rule is in the query.
 */
export function documentsOf(db: Db, collaborativeId: string, publishedOnly: boolean): Promise<DocumentRow[]> {
  const where = publishedOnly ? and(eq(documents.collaborativeId, collaborativeId), hasApprovedVersion) : eq(documents.collaborativeId, collaborativeId);
  return db.select().from(documents).where(where).orderBy(asc(documents.kind), asc(documents.title));
}

export async function findDocument(db: Db, collaborativeId: string, documentId: string): Promise<DocumentRow | undefined> {
  const [d] = await db.select().from(documents).where(and(eq(documents.id, documentId), eq(documents.collaborativeId, collaborativeId)));
  return d;
}

/** Versions of these documents, newest first; `approvedOnly` keeps the published ones. */
export async function versionsOf(db: Db, documentIds: string[], approvedOnly = false): Promise<VersionRow[]> {
  if (!documentIds.length) return [];
  const where = approvedOnly ? and(inArray(documentVersions.documentId, documentIds), eq(documentVersions.status, 'approved')) : inArray(documentVersions.documentId, documentIds);
  return db.select().from(documentVersions).where(where).orderBy(desc(documentVersions.number));
}

export async function versionsNumbered(db: Db, documentId: string, numbers: number[]): Promise<VersionRow[]> {
  return db.select().from(documentVersions).where(and(eq(documentVersions.documentId, documentId), inArray(documentVersions.number, numbers)));
}

export async function insertDocument(db: Db, values: typeof documents.$inferInsert): Promise<DocumentRow> {
  const [d] = await db.insert(documents).values(values).returning();
  return d;
}

/** Adds a version numbered after the document's last one. */
export async function insertNextVersion(db: Db, documentId: string, values: { body: string; changeNote: string | null; createdByLabel: string }): Promise<VersionRow> {
  const [{ n }] = await db.select({ n: sql<number>`coalesce(max(${documentVersions.number}), 0)::int` }).from(documentVersions).where(eq(documentVersions.documentId, documentId));
  const [v] = await db.insert(documentVersions).values({ documentId, number: n + 1, ...values }).returning();
  return v;
}

/** A version of the collaborative's document, if both exist and belong together. */
export async function findVersion(db: Db, collaborativeId: string, documentId: string, versionId: string): Promise<VersionRow | undefined> {
  const [row] = await db
    .select({ v: documentVersions })
    .from(documentVersions)
    .innerJoin(documents, eq(documents.id, documentVersions.documentId))
    .where(and(eq(documentVersions.id, versionId), eq(documents.id, documentId), eq(documents.collaborativeId, collaborativeId)));
  return row?.v;
}

/** Makes the version the approved one; the previously approved version is superseded. */
export async function approve(db: Db, documentId: string, versionId: string, decisionId: string): Promise<void> {
  await db.update(documentVersions).set({ status: 'superseded' }).where(and(eq(documentVersions.documentId, documentId), eq(documentVersions.status, 'approved')));
  await db.update(documentVersions).set({ status: 'approved', approvedDecisionId: decisionId, approvedAt: new Date() }).where(eq(documentVersions.id, versionId));
}

/** The text of the approved version of the collaborative's membership agreement, if any. */
export async function approvedAgreementText(db: Db, collaborativeId: string): Promise<string | null> {
  const [row] = await db
    .select({ body: documentVersions.body })
    .from(documentVersions)
    .innerJoin(documents, eq(documents.id, documentVersions.documentId))
    .where(and(eq(documents.collaborativeId, collaborativeId), eq(documents.kind, 'membership_agreement'), eq(documentVersions.status, 'approved')))
    .limit(1);
  return row?.body ?? null;
}

/** Documents with their approved version, for the public page. */
export function publishedDocuments(db: Db, collaborativeId: string) {
  return db
    .select({ d: documents, v: documentVersions })
    .from(documents)
    .innerJoin(documentVersions, and(eq(documentVersions.documentId, documents.id), eq(documentVersions.status, 'approved')))
    .where(eq(documents.collaborativeId, collaborativeId))
    .orderBy(asc(documents.kind));
}

/** Governance documents of these collaboratives ('all' for a platform admin), by title: what a knowledge-exchange practice may cite as evidence. */
export async function documentsOfCollaboratives(db: Db, collaborativeIds: string[] | 'all'): Promise<{ id: string; collaborativeId: string; kind: string; title: string }[]> {
  if (collaborativeIds !== 'all' && !collaborativeIds.length) return [];
  const q = db.select({ id: documents.id, collaborativeId: documents.collaborativeId, kind: documents.kind, title: documents.title }).from(documents);
  return (collaborativeIds === 'all' ? q : q.where(inArray(documents.collaborativeId, collaborativeIds))).orderBy(asc(documents.title)).limit(500);
}
