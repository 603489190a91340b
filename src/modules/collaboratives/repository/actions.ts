/** Action items, with their owner membership and collaborative name. */
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../core/db/database';
import { actionItems, collaboratives, members, type ActionItemRow, type MemberRow } from '../collaboratives.tables';

export interface ActionItemFilter {
  collaborativeId?: string;
  itemId?: string;
  meetingId?: string;
  ownerUserId?: string;
  status?: 'open' | 'done';
  /** Open and due before this date. */
  dueBefore?: string;
}

function whereOf(f: ActionItemFilter): SQL | undefined {
  const where: SQL[] = [];
  if (f.collaborativeId) where.push(eq(actionItems.collaborativeId, f.collaborativeId));
  if (f.itemId) where.push(eq(actionItems.id, f.itemId));
  if (f.meetingId) where.push(eq(actionItems.meetingId, f.meetingId));
  if (f.ownerUserId) where.push(eq(members.userId, f.ownerUserId));
  if (f.status) where.push(eq(actionItems.status, f.status));
  if (f.dueBefore) where.push(eq(actionItems.status, 'open'), sql`${actionItems.dueOn} < ${f.dueBefore}`);
  return and(...where);
}

/** Action items by due date, each with its owner's membership and the collaborative's name. */
export async function actionItemRows(db: Db, f: ActionItemFilter, limit?: number): Promise<{ a: ActionItemRow; m: MemberRow; cname: string }[]> {
  const query = db
    .select({ a: actionItems, m: members, cname: collaboratives.name })
    .from(actionItems)
    .innerJoin(members, eq(members.id, actionItems.ownerMemberId))
    .innerJoin(collaboratives, eq(collaboratives.id, actionItems.collaborativeId))
    .where(whereOf(f))
    .orderBy(asc(actionItems.dueOn), asc(actionItems.createdAt));
  return limit ? query.limit(limit) : query;
}

export async function countOpenOverdue(db: Db, collaborativeId: string, today: string): Promise<number> {
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(actionItems)
    .where(and(eq(actionItems.collaborativeId, collaborativeId), eq(actionItems.status, 'open'), sql`${actionItems.dueOn} < ${today}`));
  return n;
}

export async function insertActionItem(db: Db, values: typeof actionItems.$inferInsert): Promise<ActionItemRow> {
  const [row] = await db.insert(actionItems).values(values).returning();
  return row;
}

export async function updateActionItemIfVersion(db: Db, itemId: string, version: number, changes: Partial<typeof actionItems.$inferInsert>): Promise<ActionItemRow | undefined> {
  const [row] = await db
    .update(actionItems)
    .set({ ...changes, version: sql`${actionItems.version} + 1` })
    .where(and(eq(actionItems.id, itemId), eq(actionItems.version, version)))
    .returning();
  return row;
}
