/** Action items: assigned at or between meetings, followed up on each member's task list. */
import type { Database, Db } from '../../../core/db/database';
import type { Actor, RequestMeta } from '../../../core/accounts/actor';
import { authorizeAction } from '../../../core/policy';
import { runCommand } from '../../../core/command';
import { Errors, type FieldError } from '../../../core/http/errors';
import { requireAccess } from '../collaboratives.service';
import { can } from '../collaboratives.policy';
import { torontoToday } from '../collaboratives.rules';
import { memberName, orgNames } from '../collaboratives.members';
import { notify } from '../../notifications/notifications.api';
import * as actionsRepo from '../repository/actions';
import { findMember } from '../repository/members';
import { findDecision, meetingExists } from '../repository/meetings';
import type { ActionItemInput } from '../collaboratives.schema';
import { presentActionItem, type ActionRow } from './presenter';

/** Action items with their owner's display name (and account) and the collaborative's name. */
export async function actionItemRows(db: Db, f: actionsRepo.ActionItemFilter, limit?: number): Promise<ActionRow[]> {
  const rows = await actionsRepo.actionItemRows(db, f, limit);
  const names = await orgNames(db, rows.map((r) => r.m.organizationId));
  return rows.map((r) => ({
    ...r.a,
    ownerName: r.m.representativeName ? `${r.m.representativeName} (${memberName(r.m, names)})` : memberName(r.m, names),
    ownerUserId: r.m.userId,
    collaborativeName: r.cname,
  }));
}

export async function listActionItems(database: Database, actor: Actor, collaborativeId: string, f: { status?: 'open' | 'done'; overdue?: boolean }) {
  await requireAccess(database.db, actor, collaborativeId, 'collaborative.action.read');
  const rows = await actionItemRows(database.db, { collaborativeId, status: f.status, dueBefore: f.overdue ? torontoToday() : undefined });
  return { items: rows.map((r) => presentActionItem(r, actor)) };
}

/** The signed-in user's own action items across every collaborative, open ones first by due date. */
export async function myTasks(database: Database, actor: Actor, f: { includeDone?: boolean }) {
  if (actor.kind !== 'user') return { items: [] };
  const rows = await actionItemRows(database.db, { ownerUserId: actor.userId, status: f.includeDone ? undefined : 'open' });
  return { items: rows.map((r) => presentActionItem(r, actor)) };
}

export async function createActionItem(database: Database, actor: Actor, meta: RequestMeta, collaborativeId: string, input: ActionItemInput) {
  return runCommand({ database, actor, meta }, async (tx) => {
    await requireAccess(tx, actor, collaborativeId, 'collaborative.action.create');
    const errors: FieldError[] = [];
    if (!(await findMember(tx, collaborativeId, input.ownerMemberId))) errors.push({ field: 'ownerMemberId', message: 'Not a member of this collaborative' });
    if (input.meetingId && !(await meetingExists(tx, collaborativeId, input.meetingId))) errors.push({ field: 'meetingId', message: 'No such meeting in this collaborative' });
    if (input.decisionId && !(await findDecision(tx, collaborativeId, input.decisionId))) errors.push({ field: 'decisionId', message: 'No such decision in this collaborative' });
    if (errors.length) throw Errors.validation(errors);
    const row = await actionsRepo.insertActionItem(tx, { collaborativeId, title: input.title, ownerMemberId: input.ownerMemberId, dueOn: input.dueOn, meetingId: input.meetingId ?? null, decisionId: input.decisionId ?? null });
    const [full] = await actionItemRows(tx, { itemId: row.id });
    await notify(tx, [full.ownerUserId], { kind: 'action_item_assigned', params: { title: full.title, place: full.collaborativeName, dueOn: full.dueOn }, link: '/collaboratives/my-tasks', subjectId: full.id }, actor);
    return {
      result: presentActionItem(full, actor),
      audit: { action: 'collaborative.action.create', entityType: 'collaborative_action_item', entityId: row.id, details: { collaborativeId, ownerMemberId: input.ownerMemberId, dueOn: input.dueOn } },
    };
  });
}

/** Coordinators update any item; a member updates only items they own (mark done, reopen). */
export async function updateActionItem(database: Database, actor: Actor, meta: RequestMeta, collaborativeId: string, itemId: string, input: { status?: 'open' | 'done'; dueOn?: string; title?: string; version: number }) {
  return runCommand({ database, actor, meta }, async (tx) => {
    await requireAccess(tx, actor, collaborativeId, 'collaborative.action.update');
    const [before] = await actionItemRows(tx, { itemId, collaborativeId });
    if (!before) throw Errors.notFound('Action item');
    const mine = actor.kind === 'user' && before.ownerUserId === actor.userId;
    authorizeAction(can, actor, 'collaborative.action.update', { collaborativeId, ownedByActor: mine });
    if (input.dueOn !== undefined || input.title !== undefined) authorizeAction(can, actor, 'collaborative.action.reschedule', { collaborativeId });
    const { version, ...changes } = input;
    const after = await actionsRepo.updateActionItemIfVersion(tx, itemId, version, { ...changes, ...(changes.status ? { completedAt: changes.status === 'done' ? new Date() : null } : {}) });
    if (!after) throw Errors.staleVersion(presentActionItem(before, actor));
    const [full] = await actionItemRows(tx, { itemId });
    return {
      result: presentActionItem(full, actor),
      audit: { action: 'collaborative.action.update', entityType: 'collaborative_action_item', entityId: itemId, details: { collaborativeId, ...changes } },
    };
  });
}

/** The first `limit` open action items by due date, and how many open ones are overdue. */
export async function openActionItems(db: Db, actor: Actor, collaborativeId: string, limit: number) {
  const today = torontoToday();
  const rows = await actionItemRows(db, { collaborativeId, status: 'open' }, limit);
  const n = await actionsRepo.countOpenOverdue(db, collaborativeId, today);
  return { items: rows.map((r) => presentActionItem(r, actor, today)), overdue: n };
}
