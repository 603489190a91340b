/** Governance documents by collaborative (read-only; the knowledge exchange links practices to them as evidence). */
import { asc, inArray } from 'drizzle-orm';
import type { Db } from '../../../core/db/database';
import { documents } from '../collaboratives.tables';

export async function documentsOf(db: Db, collaborativeIds: string[] | 'all'): Promise<{ id: string; collaborativeId: string; kind: string; title: string }[]> {
  if (collaborativeIds !== 'all' && !collaborativeIds.length) return [];
  const q = db.select({ id: documents.id, collaborativeId: documents.collaborativeId, kind: documents.kind, title: documents.title }).from(documents);
  return (collaborativeIds === 'all' ? q : q.where(inArray(documents.collaborativeId, collaborativeIds))).orderBy(asc(documents.title)).limit(500);
}
