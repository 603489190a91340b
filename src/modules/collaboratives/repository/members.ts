/** Memberships and the structure (bodies and who sits on them). */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../core/db/database';
import { bodies, bodyMembers, members, type MemberRow } from '../collaboratives.tables';

export function memberRows(db: Db, collaborativeId: string): Promise<MemberRow[]> {
  return db.select().from(members).where(eq(members.collaborativeId, collaborativeId)).orderBy(asc(members.startDate), asc(members.createdAt));
}

/** Memberships active on `day` (started, not ended), in one query. */
export function activeMemberRows(db: Db, collaborativeId: string, day: string): Promise<MemberRow[]> {
  return db
    .select()
    .from(members)
    .where(and(eq(members.collaborativeId, collaborativeId), sql`${members.startDate} <= ${day}`, sql`(${members.endDate} IS NULL OR ${members.endDate} >= ${day})`))
    .orderBy(asc(members.startDate), asc(members.createdAt));
}

export async function findMember(db: Db, collaborativeId: string, memberId: string): Promise<MemberRow | undefined> {
  const [row] = await db.select().from(members).where(and(eq(members.id, memberId), eq(members.collaborativeId, collaborativeId)));
  return row;
}

/** A membership of this organization that has not ended by `startDate`, if any. */
export async function overlappingMembership(db: Db, collaborativeId: string, organizationId: string, startDate: string): Promise<string | undefined> {
  const [dupe] = await db
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.collaborativeId, collaborativeId), eq(members.organizationId, organizationId), sql`(${members.endDate} IS NULL OR ${members.endDate} >= ${startDate})`));
  return dupe?.id;
}

export async function insertMember(db: Db, values: typeof members.$inferInsert): Promise<MemberRow> {
  const [row] = await db.insert(members).values(values).returning();
  return row;
}

/** Applies the changes if the membership is still at `version` (null version: whatever it is). */
export async function updateMemberIfVersion(db: Db, memberId: string, version: number | null, changes: Partial<typeof members.$inferInsert>): Promise<MemberRow | undefined> {
  const [row] = await db
    .update(members)
    .set({ ...changes, version: sql`${members.version} + 1` })
    .where(version === null ? eq(members.id, memberId) : and(eq(members.id, memberId), eq(members.version, version)))
    .returning();
  return row;
}

/** Of these ids, those that are memberships of the collaborative. */
export async function memberIdsIn(db: Db, collaborativeId: string, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db.select({ id: members.id }).from(members).where(and(eq(members.collaborativeId, collaborativeId), inArray(members.id, ids)));
  return new Set(rows.map((r) => r.id));
}

export function bodiesOf(db: Db, collaborativeId: string) {
  return db.select().from(bodies).where(eq(bodies.collaborativeId, collaborativeId)).orderBy(asc(bodies.createdAt));
}

export async function bodyMembersOf(db: Db, bodyIds: string[]) {
  if (!bodyIds.length) return [];
  return db.select().from(bodyMembers).where(inArray(bodyMembers.bodyId, bodyIds));
}

export async function bodyExists(db: Db, collaborativeId: string, bodyId: string): Promise<boolean> {
  const rows = await db.select({ id: bodies.id }).from(bodies).where(and(eq(bodies.id, bodyId), eq(bodies.collaborativeId, collaborativeId)));
  return rows.length > 0;
}

export async function insertBody(db: Db, values: typeof bodies.$inferInsert, seats: { memberId: string; role: (typeof bodyMembers.$inferInsert)['role'] }[]) {
  const [row] = await db.insert(bodies).values(values).returning();
  if (seats.length) await db.insert(bodyMembers).values(seats.map((m) => ({ bodyId: row.id, memberId: m.memberId, role: m.role })));
  return row;
}
