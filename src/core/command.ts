import type { Database, Db } from './db/database';
import type { Actor, RequestMeta } from './accounts/actor';
import { recordAudit, type AuditEntry } from './audit/audit.service';

/** Who runs a command, from where, on which database. */
export interface CommandContext {
  database: Database;
  actor: Actor;
  meta: RequestMeta;
}

/** What a command's work returns: its result and the audit entries that record it. */
export interface Audited<T> {
  result: T;
  audit: AuditEntry | AuditEntry[];
}

/**
 * Runs a write use case as a command: one transaction, and the audit entries the work returns
 * are written inside that same transaction, so a change and its audit row commit or roll back
 * together. Work that returns no audit entry does not type-check: auditing cannot be forgotten.
 */
export async function runCommand<T>(ctx: CommandContext, work: (tx: Db) => Promise<Audited<T>>): Promise<T> {
  return ctx.database.db.transaction(async (tx) => {
    const { result, audit } = await work(tx);
    const entries = Array.isArray(audit) ? audit : [audit];
    if (entries.length === 0) throw new Error('A command must record at least one audit entry');
    for (const entry of entries) await recordAudit(tx, ctx.actor, ctx.meta, entry);
    return result;
  });
}
