import { and, asc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database';
import { roleAssignments, sessions, users, type UserRow } from './accounts.tables';
import type { RoleGrant } from './actor';

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(sql`lower(${users.email}) = lower(${email})`);
  return row;
}

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function rolesOf(db: Db, userIds: string[]): Promise<Map<string, RoleGrant[]>> {
  const map = new Map<string, RoleGrant[]>();
  if (userIds.length === 0) return map;
  const rows = await db
    .select({ userId: roleAssignments.userId, role: roleAssignments.role, scopeType: roleAssignments.scopeType, scopeId: roleAssignments.scopeId })
    .from(roleAssignments)
    .where(inArray(roleAssignments.userId, userIds))
    .orderBy(asc(roleAssignments.createdAt));
  for (const r of rows) {
    const list = map.get(r.userId) ?? [];
    list.push({ role: r.role, scopeType: r.scopeType, scopeId: r.scopeId });
    map.set(r.userId, list);
  }
  return map;
}

export async function insertUser(db: Db, values: typeof users.$inferInsert): Promise<UserRow> {
  const [row] = await db.insert(users).values(values).returning();
  return row;
}

export async function updateUser(db: Db, id: string, values: Partial<typeof users.$inferInsert>): Promise<UserRow | undefined> {
  const [row] = await db
    .update(users)
    .set({ ...values, updatedAt: new Date(), version: sql`${users.version} + 1` })
    .where(eq(users.id, id))
    .returning();
  return row;
}

export async function replaceRoles(db: Db, userId: string, grants: RoleGrant[], grantedBy: string | null): Promise<void> {
  await db.delete(roleAssignments).where(eq(roleAssignments.userId, userId));
  if (grants.length) {
    await db.insert(roleAssignments).values(grants.map((g) => ({ userId, role: g.role, scopeType: g.scopeType, scopeId: g.scopeId, grantedBy })));
  }
}

/** Records a failed sign-in; locks the account once the threshold is reached. */
export async function recordFailedLogin(db: Db, id: string, threshold: number, lockMinutes: number): Promise<{ locked: boolean }> {
  const [row] = await db
    .update(users)
    .set({
      failedLoginCount: sql`${users.failedLoginCount} + 1`,
      lockedUntil: sql`CASE WHEN ${users.failedLoginCount} + 1 >= ${threshold} THEN now() + make_interval(mins => ${lockMinutes}) ELSE ${users.lockedUntil} END`,
    })
    .where(eq(users.id, id))
    .returning({ lockedUntil: users.lockedUntil });
  return { locked: !!row?.lockedUntil && row.lockedUntil > new Date() };
}

export async function recordSuccessfulLogin(db: Db, id: string): Promise<void> {
  await db.update(users).set({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: new Date() }).where(eq(users.id, id));
}

export async function insertSession(db: Db, values: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(values);
}

/**
 * The session with its active user and roles, if it exists, is unexpired and has been used
 * recently: one round trip, since every authenticated request pays for it.
 */
export async function findLiveSession(db: Db, id: string, idleMinutes: number) {
  const [row] = await db
    .select({
      session: sessions,
      user: users,
      roles: sql<RoleGrant[]>`coalesce((
        SELECT json_agg(json_build_object('role', r.role, 'scopeType', r.scope_type, 'scopeId', r.scope_id) ORDER BY r.created_at)
        FROM role_assignments r WHERE r.user_id = ${users.id}), '[]'::json)`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.id, id),
        eq(users.isActive, true),
        sql`${sessions.expiresAt} > now()`,
        sql`${sessions.lastSeenAt} > now() - make_interval(mins => ${idleMinutes})`,
      ),
    );
  return row;
}

export async function touchSession(db: Db, id: string): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.id, id));
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, id));
}

export async function deleteSessionsOfUser(db: Db, userId: string, exceptId?: string): Promise<void> {
  const where: SQL[] = [eq(sessions.userId, userId)];
  if (exceptId) where.push(ne(sessions.id, exceptId));
  await db.delete(sessions).where(and(...where));
}

export interface UserListFilter {
  /** Restrict to users whose home organization is one of these; undefined means all. */
  organizationIds?: string[];
  q?: string;
  limit: number;
  offset: number;
}

export async function listUsers(db: Db, f: UserListFilter): Promise<{ rows: UserRow[]; total: number }> {
  const where: SQL[] = [];
  if (f.organizationIds) where.push(f.organizationIds.length ? inArray(users.organizationId, f.organizationIds) : sql`false`);
  if (f.q) where.push(sql`(${users.name} ILIKE ${'%' + f.q + '%'} OR ${users.email} ILIKE ${'%' + f.q + '%'})`);
  const cond = where.length ? and(...where) : undefined;
  const [rows, [{ count }]] = await Promise.all([
    db.select().from(users).where(cond).orderBy(asc(users.name), asc(users.id)).limit(f.limit).offset(f.offset),
    db.select({ count: sql<number>`count(*)::int` }).from(users).where(cond),
  ]);
  return { rows, total: count };
}

/** Active users holding one of these roles in an organization: the people a partner can name as a referral's contact. */
export async function organizationPeople(db: Db, organizationId: string, withRoles: RoleGrant['role'][]): Promise<{ id: string; name: string }[]> {
  return db
    .selectDistinct({ id: users.id, name: users.name })
    .from(users)
    .innerJoin(roleAssignments, eq(roleAssignments.userId, users.id))
    .where(and(eq(roleAssignments.scopeType, 'organization'), eq(roleAssignments.scopeId, organizationId), inArray(roleAssignments.role, withRoles), eq(users.isActive, true)))
    .orderBy(asc(users.name));
}
