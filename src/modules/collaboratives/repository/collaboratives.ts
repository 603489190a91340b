/** Collaboratives and their lifecycle stage history. */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../../core/db/database';
import { arrayParam } from '../../../core/db/params';
import { collaboratives, stageChanges, type CollaborativeRow } from '../collaboratives.tables';

export async function collaborativeExists(db: Db, id: string): Promise<boolean> {
  const rows = await db.select({ id: collaboratives.id }).from(collaboratives).where(eq(collaboratives.id, id));
  return rows.length > 0;
}

export async function collaborativeIdByName(db: Db, name: string): Promise<string | undefined> {
  const [row] = await db.select({ id: collaboratives.id }).from(collaboratives).where(sql`lower(${collaboratives.name}) = lower(${name})`);
  return row?.id;
}

export async function findCollaborative(db: Db, id: string): Promise<CollaborativeRow | undefined> {
  const [row] = await db.select().from(collaboratives).where(eq(collaboratives.id, id));
  return row;
}

export function allCollaboratives(db: Db): Promise<CollaborativeRow[]> {
  return db.select().from(collaboratives).orderBy(asc(collaboratives.name));
}

export async function insertCollaborative(db: Db, values: typeof collaboratives.$inferInsert): Promise<CollaborativeRow> {
  const [row] = await db.insert(collaboratives).values(values).returning();
  return row;
}

/** Applies the changes if the row is still at `version`; undefined when it is not (stale edit). */
export async function updateCollaborativeIfVersion(db: Db, id: string, version: number, changes: Partial<typeof collaboratives.$inferInsert>): Promise<CollaborativeRow | undefined> {
  const [row] = await db
    .update(collaboratives)
    .set({ ...changes, version: sql`${collaboratives.version} + 1`, updatedAt: new Date() })
    .where(and(eq(collaboratives.id, id), eq(collaboratives.version, version)))
    .returning();
  return row;
}

export async function lastStageChange(db: Db, collaborativeId: string) {
  const [row] = await db.select().from(stageChanges).where(eq(stageChanges.collaborativeId, collaborativeId)).orderBy(desc(stageChanges.changedOn), desc(stageChanges.createdAt)).limit(1);
  return row;
}

export async function insertStageChange(db: Db, values: typeof stageChanges.$inferInsert): Promise<void> {
  await db.insert(stageChanges).values(values);
}

export function stageChangesOf(db: Db, collaborativeId: string) {
  return db.select().from(stageChanges).where(eq(stageChanges.collaborativeId, collaborativeId)).orderBy(asc(stageChanges.changedOn), asc(stageChanges.createdAt));
}

export async function collaborativeIdsLedBy(db: Db, organizationIds: string[]): Promise<string[]> {
  if (!organizationIds.length) return [];
  const rows = await db.select({ id: collaboratives.id }).from(collaboratives).where(inArray(collaboratives.leadOrganizationId, organizationIds));
  return rows.map((r) => r.id);
}

/**
 * Organizations' legal names by id, in one query (core's reference table, read-only for
 * names: docs/decisions/0009). Ids that do not exist are left out.
 */
export async function organizationNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await rowsOf<{ id: string; name: string }>(db, sql`SELECT id, legal_name AS name FROM organizations WHERE id = ANY(${arrayParam(ids, 'uuid')})`);
  return new Map(rows.map((r) => [r.id, r.name]));
}
