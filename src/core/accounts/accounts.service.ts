import crypto from 'node:crypto';
import type { Database, Db } from '../db/database';
import * as repo from './accounts.repository';
import type { UserRow } from './accounts.tables';
import type { Actor, RequestMeta, RoleGrant } from './actor';
import { hashPassword, isCommonPassword, isDemoPassword, verifyAgainstDummy, verifyPassword, PASSWORD_MIN, PASSWORD_MAX } from './passwords';
import { recordAudit } from '../audit/audit.service';
import { Errors } from '../http/errors';
import { can, isPlatformAdmin, organizationIdsWithRole } from './accounts.policy';
import { authorizeAction } from '../policy';
import { organizationExists } from '../organizations/organizations.service';

export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MINUTES = 15;

export interface SessionSettings {
  idleMinutes: number;
  maxHours: number;
}

/** Modules that own a role scope (collaboratives) register how to check that an id exists. */
const scopeCheckers = new Map<string, (db: Db, id: string) => Promise<boolean>>();
export function registerRoleScope(scopeType: 'collaborative', exists: (db: Db, id: string) => Promise<boolean>): void {
  scopeCheckers.set(scopeType, exists);
}

const tokenHash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/**
 * Rules for a new password: length, not a common or breached password (a maintained public
 * list, see passwords.ts), and not the demo accounts' published password except on demo
 * accounts.
 */
export function checkPasswordStrength(password: string, field = 'password', opts: { demoAccount?: boolean } = {}): void {
  if (password.length < PASSWORD_MIN) {
    throw Errors.validation([{ field, message: `Use at least ${PASSWORD_MIN} characters` }]);
  }
  if (password.length > PASSWORD_MAX) {
    throw Errors.validation([{ field, message: `Use at most ${PASSWORD_MAX} characters` }]);
  }
  if (!opts.demoAccount && isDemoPassword(password)) {
    throw Errors.validation([{ field, message: 'This is the published password of the demo accounts; choose another' }]);
  }
  if (isCommonPassword(password)) {
    throw Errors.validation([{ field, message: 'This password is on a list of common or breached passwords; choose another' }]);
  }
}

const emailKeyOf = (email: string) => crypto.createHash('sha256').update(email.trim().toLowerCase()).digest('hex');

/**
 * Signs a user in. Wrong, unknown, inactive and throttled sign-ins all get the same answer
 * (401) after the same work, so the answer never tells whether an account exists or is
 * locked. Failures are counted per account and address: after LOCKOUT_THRESHOLD the pair is
 * blocked for a delay that doubles with each further failure, and only that pair, so a
 * stranger elsewhere cannot lock the account's owner out.
 */
export async function login(database: Database, meta: RequestMeta, email: string, password: string, settings: SessionSettings) {
  const { db } = database;
  const emailKey = emailKeyOf(email);
  const address = meta.ip ?? 'unknown';
  const blockedUntil = await repo.signInBlockedUntil(db, emailKey, address);
  const user = await repo.findUserByEmail(db, email);
  let ok = false;
  if (blockedUntil || !user || !user.isActive) await verifyAgainstDummy(password);
  else ok = await verifyPassword(user.passwordHash, password);
  if (!ok) {
    const failure = blockedUntil ? null : await repo.recordSignInFailure(db, emailKey, address, LOCKOUT_THRESHOLD);
    await recordAudit(db, user ? userActor(user, []) : { kind: 'system', label: email.slice(0, 320) }, meta, {
      action: blockedUntil ? 'auth.login_blocked' : failure?.blockedUntil ? 'auth.locked' : 'auth.login_failed',
      entityType: 'user',
      entityId: user?.id ?? null,
      organizationId: user?.organizationId ?? null,
      details: { reason: blockedUntil ? 'throttled' : !user ? 'unknown_email' : !user.isActive ? 'inactive' : 'wrong_password', ...(failure?.blockedUntil ? { blockedUntil: failure.blockedUntil.toISOString() } : {}) },
    });
    throw Errors.invalidCredentials();
  }
  const signedIn = user!;
  const token = crypto.randomBytes(32).toString('base64url');
  await db.transaction(async (tx) => {
    await repo.clearSignInFailures(tx, emailKey, address);
    await repo.recordSuccessfulLogin(tx, signedIn.id);
    await repo.insertSession(tx, {
      id: tokenHash(token),
      userId: signedIn.id,
      expiresAt: new Date(Date.now() + settings.maxHours * 3600_000),
      ip: meta.ip ?? null,
      userAgent: meta.userAgent?.slice(0, 500) ?? null,
    });
    await recordAudit(tx, userActor(signedIn, []), meta, {
      action: 'auth.login',
      entityType: 'user',
      entityId: signedIn.id,
      organizationId: signedIn.organizationId,
    });
  });
  const roles = (await repo.rolesOf(db, [signedIn.id])).get(signedIn.id) ?? [];
  return { token, actor: userActor(signedIn, roles) };
}

/**
 * Is this session still live (exists, unexpired, not idle, its user active)? For modules
 * that hold something open for a session, such as live-status streams, to re-check.
 */
export async function isSessionActive(database: Database, sessionId: string, settings: SessionSettings): Promise<boolean> {
  return !!(await repo.findLiveSession(database.db, sessionId, settings.idleMinutes));
}

/** Resolves a session cookie to an actor, or null when the session is gone, expired or idle. */
export async function authenticate(database: Database, token: string, settings: SessionSettings): Promise<{ actor: Actor; sessionId: string } | null> {
  if (!token || token.length > 100) return null;
  const id = tokenHash(token);
  const row = await repo.findLiveSession(database.db, id, settings.idleMinutes);
  if (!row) return null;
  // Touch at most once a minute: a write on every request would dominate read latency.
  if (Date.now() - row.session.lastSeenAt.getTime() > 60_000) await repo.touchSession(database.db, id);
  return { actor: userActor(row.user, row.roles), sessionId: id };
}

export async function logout(database: Database, actor: Actor, meta: RequestMeta, sessionId: string): Promise<void> {
  await database.db.transaction(async (tx) => {
    await repo.deleteSession(tx, sessionId);
    await recordAudit(tx, actor, meta, { action: 'auth.logout', entityType: 'user', entityId: actor.kind === 'user' ? actor.userId : null });
  });
}

export async function changePassword(database: Database, actor: Actor, meta: RequestMeta, sessionId: string, current: string, next: string): Promise<void> {
  if (actor.kind !== 'user') throw Errors.unauthenticated();
  const user = await repo.findUserById(database.db, actor.userId);
  if (!user || !(await verifyPassword(user.passwordHash, current))) {
    throw Errors.validation([{ field: 'currentPassword', message: 'The current password is not correct' }]);
  }
  checkPasswordStrength(next, 'newPassword', { demoAccount: user.isDemo });
  if (next === current) throw Errors.validation([{ field: 'newPassword', message: 'Choose a password different from the current one' }]);
  const passwordHash = await hashPassword(next);
  await database.db.transaction(async (tx) => {
    await repo.updateUser(tx, user.id, { passwordHash, passwordChangedAt: new Date() });
    await repo.deleteSessionsOfUser(tx, user.id, sessionId);
    await recordAudit(tx, actor, meta, { action: 'user.password_changed', entityType: 'user', entityId: user.id, organizationId: user.organizationId });
  });
}

export interface NewUser {
  email: string;
  name: string;
  password: string;
  organizationId?: string | null;
  preferredLanguage?: 'en' | 'fr';
  roles: RoleGrant[];
  isDemo?: boolean;
}

export async function createUser(database: Database, actor: Actor, meta: RequestMeta, input: NewUser): Promise<UserRow> {
  authorizeAction(can, actor, 'user.create', { organizationId: input.organizationId ?? null });
  await checkGrantsAllowed(database.db, actor, input.roles);
  checkPasswordStrength(input.password, 'password', { demoAccount: input.isDemo });
  const passwordHash = await hashPassword(input.password);
  return database.db.transaction(async (tx) => {
    if (await repo.findUserByEmail(tx, input.email)) throw Errors.conflict('An account with this email already exists', 'email');
    const user = await repo.insertUser(tx, {
      email: input.email.trim(),
      name: input.name.trim(),
      passwordHash,
      organizationId: input.organizationId ?? null,
      preferredLanguage: input.preferredLanguage ?? 'en',
      isDemo: input.isDemo ?? false,
    });
    await repo.replaceRoles(tx, user.id, input.roles, actor.kind === 'user' ? actor.userId : null);
    await recordAudit(tx, actor, meta, {
      action: 'user.create',
      entityType: 'user',
      entityId: user.id,
      organizationId: user.organizationId,
      details: { email: user.email, roles: input.roles },
    });
    return user;
  });
}

/**
 * Platform admins grant anything. Organization admins grant organization roles only within
 * organizations they administer, and never platform roles.
 */
async function checkGrantsAllowed(db: Db, actor: Actor, grants: RoleGrant[]): Promise<void> {
  const seen = new Set<string>();
  for (const [i, g] of grants.entries()) {
    const key = `${g.role}/${g.scopeType}/${g.scopeId}`;
    if (seen.has(key)) throw Errors.validation([{ field: `roles.${i}`, message: 'This role is listed twice' }]);
    seen.add(key);
    const check = g.scopeType === 'organization' ? organizationExists : scopeCheckers.get(g.scopeType);
    if (g.scopeId && check && !(await check(db, g.scopeId))) {
      throw Errors.validation([{ field: `roles.${i}.scopeId`, message: `No such ${g.scopeType}` }]);
    }
    const scope = g.scopeType === 'organization' ? g.scopeId : null;
    if (!can(actor, 'user.grant_role', { organizationId: scope })) throw Errors.forbidden(`grant ${g.role}`);
  }

}

export async function setUserActive(database: Database, actor: Actor, meta: RequestMeta, userId: string, active: boolean): Promise<UserRow> {
  return database.db.transaction(async (tx) => {
    const user = await repo.findUserById(tx, userId);
    if (!user || !can(actor, active ? 'user.update' : 'user.deactivate', { organizationId: user.organizationId })) throw Errors.notFound('User');
    if (actor.kind === 'user' && actor.userId === userId && !active) {
      throw Errors.badRequest('You cannot deactivate your own account', 'isActive');
    }
    // The privacy officer is alerted when an organization admin breaks the glass: the admin
    // must not be able to silence them.
    if (!active && !can(actor, 'user.remove_privacy_officer', { organizationId: user.organizationId }) && (await repo.holdsRole(tx, userId, 'privacy_officer'))) {
      throw Errors.forbidden('Only a platform administrator deactivates a privacy officer');
    }
    const updated = (await repo.updateUser(tx, userId, { isActive: active, failedLoginCount: 0, lockedUntil: null }))!;
    // A deactivated user is signed out everywhere at once.
    if (!active) await repo.deleteSessionsOfUser(tx, userId);
    await recordAudit(tx, actor, meta, {
      action: active ? 'user.activate' : 'user.deactivate',
      entityType: 'user',
      entityId: userId,
      organizationId: user.organizationId,
    });
    return updated;
  });
}

export async function setUserRoles(database: Database, actor: Actor, meta: RequestMeta, userId: string, roles: RoleGrant[]): Promise<RoleGrant[]> {
  const user = await repo.findUserById(database.db, userId);
  if (!user || !can(actor, 'user.update', { organizationId: user.organizationId })) throw Errors.notFound('User');
  await checkGrantsAllowed(database.db, actor, roles);
  if (!can(actor, 'user.remove_privacy_officer', { organizationId: user.organizationId })) {
    const current = (await repo.rolesOf(database.db, [userId])).get(userId) ?? [];
    const dropped = current.filter((c) => c.role === 'privacy_officer' && !roles.some((r) => r.role === c.role && r.scopeType === c.scopeType && r.scopeId === c.scopeId));
    if (dropped.length) throw Errors.forbidden('Only a platform administrator removes the privacy officer role');
  }
  await database.db.transaction(async (tx) => {
    await repo.replaceRoles(tx, userId, roles, actor.kind === 'user' ? actor.userId : null);
    await recordAudit(tx, actor, meta, { action: 'user.roles_changed', entityType: 'user', entityId: userId, organizationId: user.organizationId, details: { roles } });
  });
  return roles;
}

export async function listUsers(database: Database, actor: Actor, f: { q?: string; organizationId?: string; limit: number; offset: number }) {
  let organizationIds: string[] | undefined;
  authorizeAction(can, actor, 'user.list', { organizationId: null });
  if (!isPlatformAdmin(actor)) organizationIds = organizationIdsWithRole(actor, 'org_admin');
  if (f.organizationId) organizationIds = organizationIds ? organizationIds.filter((id) => id === f.organizationId) : [f.organizationId];
  const { rows, total } = await repo.listUsers(database.db, { organizationIds, q: f.q, limit: f.limit, offset: f.offset });
  const roles = await repo.rolesOf(database.db, rows.map((r) => r.id));
  return { rows: rows.map((r) => ({ user: r, roles: roles.get(r.id) ?? [] })), total };
}

export async function getUser(database: Database, actor: Actor, userId: string) {
  const user = await repo.findUserById(database.db, userId);
  if (!user || !can(actor, 'user.read', { organizationId: user.organizationId })) throw Errors.notFound('User');
  return { user, roles: (await repo.rolesOf(database.db, [userId])).get(userId) ?? [] };
}

export function userActor(user: UserRow, roles: RoleGrant[]): Actor {
  return { kind: 'user', userId: user.id, email: user.email, name: user.name, organizationId: user.organizationId, isDemo: user.isDemo, roles };
}



/** For modules: the people of an organization who hold these roles (id and name only). */
export { organizationPeople } from './accounts.repository';

/**
 * The actor of an active user, for credentials that stand for a person without a session
 * (a calendar subscription link); null when the user is missing or deactivated.
 */
export async function activeUserActor(db: Db, userId: string): Promise<Actor | null> {
  const user = await repo.findUserById(db, userId);
  if (!user || !user.isActive) return null;
  return userActor(user, (await repo.rolesOf(db, [user.id])).get(user.id) ?? []);
}
