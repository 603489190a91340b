import { and, asc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../db/database';
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

function liveSessionQuery(db: Db) {
  return db
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
        eq(sessions.id, sql.placeholder('id')),
        eq(users.isActive, true),
        sql`${sessions.expiresAt} > now()`,
        sql`${sessions.lastSeenAt} > now() - make_interval(mins => ${sql.placeholder('idleMinutes')}::int)`,
      ),
    )
    .prepare('rt_find_live_session');
}
const liveSessionQueries = new WeakMap<Db, ReturnType<typeof liveSessionQuery>>();

/**
 * The session with its active user and roles, if it exists, is unexpired and has been used
 * recently: one round trip, since every authenticated request pays for it. Built once per
 * database and prepared once per connection, so a request pays neither building nor planning.
 */
export async function findLiveSession(db: Db, id: string, idleMinutes: number) {
  let query = liveSessionQueries.get(db);
  if (!query) liveSessionQueries.set(db, (query = liveSessionQuery(db)));
  const [row] = await query.execute({ id, idleMinutes });
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

/** The throttle on (email, address): is it blocked right now? */
export async function signInBlockedUntil(db: Db, emailKey: string, address: string): Promise<Date | null> {
  const rows = await rowsOf<{ blocked_until: Date | string | null }>(
    db,
    sql`SELECT blocked_until FROM sign_in_throttle WHERE email_key = ${emailKey} AND address = ${address} AND blocked_until > now()`,
  );
  return rows[0]?.blocked_until ? new Date(rows[0].blocked_until) : null;
}

/**
 * Counts a failure for (email, address). From the threshold on, each failure blocks the pair
 * for twice as long as the one before (1, 2, 4 … minutes, at most a day). Failures older than
 * a day are forgotten.
 */
export async function recordSignInFailure(db: Db, emailKey: string, address: string, threshold: number): Promise<{ failures: number; blockedUntil: Date | null }> {
  const rows = await rowsOf<{ failures: number; blocked_until: Date | string | null }>(
    db,
    sql`INSERT INTO sign_in_throttle AS t (email_key, address, failures, last_failure_at) VALUES (${emailKey}, ${address}, 1, now())
        ON CONFLICT (email_key, address) DO UPDATE SET
          failures = CASE WHEN t.last_failure_at < now() - interval '1 day' THEN 1 ELSE t.failures + 1 END,
          last_failure_at = now()
        RETURNING failures, blocked_until`,
  );
  const failures = rows[0].failures;
  if (failures < threshold) return { failures, blockedUntil: null };
  const minutes = Math.min(2 ** (failures - threshold), 24 * 60);
  const [row] = await rowsOf<{ blocked_until: Date | string }>(
    db,
    sql`UPDATE sign_in_throttle SET blocked_until = now() + make_interval(mins => ${minutes}) WHERE email_key = ${emailKey} AND address = ${address} RETURNING blocked_until`,
  );
  return { failures, blockedUntil: new Date(row.blocked_until) };
}

export async function clearSignInFailures(db: Db, emailKey: string, address: string): Promise<void> {
  await db.execute(sql`DELETE FROM sign_in_throttle WHERE email_key = ${emailKey} AND address = ${address}`);
}

/** Is any of this user's role grants a privacy officer's? */
export async function holdsRole(db: Db, userId: string, role: RoleGrant['role']): Promise<boolean> {
  const [row] = await db.select({ id: roleAssignments.id }).from(roleAssignments).where(and(eq(roleAssignments.userId, userId), eq(roleAssignments.role, role))).limit(1);
  return !!row;
}
