import { actorLabel, type Actor, type RequestMeta } from '../../core/accounts/actor';
import { hasAnyRole, organizationIdsWithRole } from '../../core/accounts/accounts.policy';
import { recordAudit, type AuditEntry } from '../../core/audit/audit.service';
import { runCommand, type Audited } from '../../core/command';
import type { Database, Db } from '../../core/db/database';
import type { Purpose } from './intake.schema';
import { insertAccessLog } from './repository/consent';
import { workerOrganizations } from './intake.actors';
import { arrayParam } from '../../core/db/params';

/**
 * Who may see a client's data: the rule lives here, as SQL that every client-data query
 * includes. An organization sees a client's data only under an active consent directive that
 * names it (or a collaborative the reader belongs to) and covers the data category, or under
 * a live break-the-glass grant of the reader. Platform admins get nothing by their role.
 */
export { dataCategories, purposes, type DataCategory, type Purpose } from './intake.schema';

export { collaborativeIdsOf, workerOrganizations } from './intake.actors';

/**
 * The client's home organization owns the client's consent directives (it collected them):
 * only its workers record, amend or withdraw them, see witness names and consent documents,
 * and merge its records.
 */
export function worksForHome(actor: Actor, homeOrganizationId: string): boolean {
  return actor.kind === 'system' || workerOrganizations(actor).includes(homeOrganizationId);
}

export function isWorker(actor: Actor): boolean {
  return workerOrganizations(actor).length > 0;
}

const uuidArray = (ids: readonly string[]) => arrayParam(ids, 'uuid');


export { covers, coveredCategories } from './repository/consent';

/** One audit row per client record read or written, with its purpose, in the caller's transaction. */
export async function auditClient(
  tx: Db,
  actor: Actor,
  meta: RequestMeta,
  action: string,
  clientId: string,
  organizationId: string | null,
  purpose: Purpose | string,
  details: Record<string, unknown> = {},
): Promise<void> {
  await recordAudit(tx, actor, meta, { action, entityType: 'intake_client', entityId: clientId, organizationId, purpose, details });
}

/**
 * A list or worklist shows many clients: one audit event for the request (with the count) and
 * one access-log row per client shown, in one statement, in the caller's transaction.
 */
export async function auditClientsShown(tx: Db, actor: Actor, meta: RequestMeta, action: string, clientIds: string[], organizationId: string | null, purpose: Purpose | string): Promise<void> {
  if (clientIds.length === 0) return;
  await recordAudit(tx, actor, meta, { action, entityType: 'intake_client_list', organizationId, purpose, details: { clients: clientIds.length } });
  await insertAccessLog(tx, clientIds, actor.kind === 'user' ? actor.userId : null, actorLabel(actor), organizationId, action, purpose, meta.requestId ?? null);
}

const disclosures = new WeakMap<object, { clientIds: string[]; action: string; purpose: Purpose | string }>();

/**
 * Marks an error whose body carries client data (a 409 with the current record, duplicate
 * candidates): the transaction rolls back, so `clientCommand` writes its
 * access-log rows afterwards, in a transaction of their own.
 */
export function disclosing<E extends object>(error: E, clientIds: string[], action: string, purpose: Purpose | string = 'service_delivery'): E {
  disclosures.set(error, { clientIds, action, purpose });
  return error;
}

/** The audit entry of a change to one client record, with its purpose, for `runCommand` / `clientCommand`. */
export function clientAudit(action: string, clientId: string, organizationId: string | null, purpose: Purpose | string, details: Record<string, unknown> = {}): AuditEntry {
  return { action, entityType: 'intake_client', entityId: clientId, organizationId, purpose, details };
}

/**
 * A write to client records as a command (`runCommand`: one transaction, and the audit entries
 * the work returns written in it, so none can be forgotten); if it fails with a `disclosing`
 * error, the access log of what that error shows.
 */
export async function clientCommand<T>(database: Database, actor: Actor, meta: RequestMeta, work: (tx: Db) => Promise<Audited<T>>): Promise<T> {
  return clientStatement(database, actor, meta, () => runCommand({ database, actor, meta }, work));
}

/**
 * A change to client records that is one statement (a referral step): the work sends the change
 * and its audit row (`auditWrite`) in that statement, so they commit together with no
 * transaction around them, one round trip instead of four. Like `clientCommand`, a `disclosing`
 * error is written to the access log.
 */
export async function clientStatement<T>(database: Database, actor: Actor, meta: RequestMeta, work: (db: Db) => Promise<T>): Promise<T> {
  try {
    return await work(database.db);
  } catch (e) {
    await logDisclosure(database, actor, meta, e);
    throw e;
  }
}

/** The access log of the client data a `disclosing` error shows, in a transaction of its own (the failed one rolled back). */
async function logDisclosure(database: Database, actor: Actor, meta: RequestMeta, e: unknown): Promise<void> {
  const d = typeof e === 'object' && e ? disclosures.get(e) : undefined;
  if (d?.clientIds.length) await database.db.transaction((tx) => auditClientsShown(tx, actor, meta, d.action, d.clientIds, actingOrganization(actor), d.purpose));
}

/** The organization the actor acts for in this module: their home organization if they work there, else their first. */
export function actingOrganization(actor: Actor, requested?: string | null): string | null {
  const orgs = workerOrganizations(actor);
  if (requested) return orgs.includes(requested) ? requested : null;
  if (actor.kind === 'user' && actor.organizationId && orgs.includes(actor.organizationId)) return actor.organizationId;
  return orgs[0] ?? null;
}

export const isPrivacyOfficerOf = (actor: Actor, orgId: string | null) =>
  !!orgId && (actor.kind === 'system' || organizationIdsWithRole(actor, 'privacy_officer').includes(orgId));

/** Break the glass: a named role, the organization admin (supervisor on duty). */
export const canBreakGlass = (actor: Actor, orgId: string) => organizationIdsWithRole(actor, 'org_admin').includes(orgId);

export { hasAnyRole, uuidArray };
