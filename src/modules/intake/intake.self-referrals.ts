import type { Database, Db } from '../../core/db/database';
import type { Actor, RequestMeta } from '../../core/accounts/actor';
import { actorUserId } from '../../core/accounts/actor';
import { recordAudit } from '../../core/audit/audit.service';
import { Errors } from '../../core/http/errors';
import { workerOrganizations } from './intake.access';
import { decrypt } from './intake.crypto';
import { authorizeAction } from '../../core/policy';
import { can } from './intake.policy';
import * as repo from './repository/self-referrals';
import { runCommand } from '../../core/command';

type Row = Record<string, unknown>;
const iso = (v: unknown) => (v == null ? null : new Date(v as string).toISOString());

function present(r: Row) {
  return {
    id: r.id as string, organizationId: r.organization_id as string, serviceId: (r.service_id as string) ?? null,
    firstName: decrypt(r.first_name_enc as string)!, contact: decrypt(r.contact_enc as string)!,
    needCode: (r.need_code as string) ?? null, preferredLanguage: (r.preferred_language as string) ?? null,
    status: r.status as string, outcome: (r.outcome as string) ?? null, clientId: (r.client_id as string) ?? null,
    createdAt: iso(r.created_at)!, handledAt: iso(r.handled_at),
  };
}

/** A self-referral a worker of the receiving organization may see; 404 for anyone else. */
async function load(tx: Db, actor: Actor, id: string) {
  const r = await repo.selfReferralRow(tx, id);
  if (!r || !workerOrganizations(actor).includes(r.organization_id as string)) throw Errors.notFound('Self-referral');
  return r;
}

export async function getSelfReferral(database: Database, actor: Actor, meta: RequestMeta, id: string) {
  return database.db.transaction(async (tx) => {
    const r = await load(tx, actor, id);
    await recordAudit(tx, actor, meta, { action: 'intake.self_referral.read', entityType: 'intake_self_referral', entityId: id, organizationId: r.organization_id as string });
    return present(r);
  });
}

/** The person could not be reached, or needed nothing: the request leaves the worklist, kept for the record. */
export async function closeSelfReferral(database: Database, actor: Actor, meta: RequestMeta, id: string, input: { outcome: 'could_not_reach' | 'not_needed' }) {
  return runCommand({ database, actor, meta }, async (tx) => {
    const r = await load(tx, actor, id);
    const row = await repo.closeSelfReferralRow(tx, id, input.outcome, actorUserId(actor));
    if (!row) throw Errors.conflict('This self-referral was already answered.', 'outcome');
    return { result: present(row), audit: { action: 'intake.self_referral.close', entityType: 'intake_self_referral', entityId: id, organizationId: r.organization_id as string, details: input } };
  });
}

/** Called inside the intake's transaction: the new client record answers the self-referral. */
export async function answerSelfReferral(tx: Db, actor: Actor, id: string, organizationId: string, clientId: string) {
  authorizeAction(can, actor, 'intake.self_referral.answer', { organizationId });
  const answered = await repo.answerSelfReferralRow(tx, id, organizationId, clientId, actorUserId(actor));
  if (!answered) throw Errors.validation([{ field: 'selfReferralId', message: 'No open self-referral to your organization has this id' }]);
}

/** Answered self-referrals hold a name and contact: they go when the retention period of their organization ends. */
export async function purgeAnsweredSelfReferrals(tx: Db, opts: { dryRun: boolean; years?: number }) {
  return repo.purgeAnsweredSelfReferralRows(tx, opts);
}
