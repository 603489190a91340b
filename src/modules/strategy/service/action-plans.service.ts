/** Annual action plans: items, their champions and partners, progress notes. */
import type { Database, Db } from '../../../core/db/database';
import { actorLabel, type Actor, type RequestMeta } from '../../../core/accounts/actor';
import { runCommand } from '../../../core/command';
import { Errors } from '../../../core/http/errors';
import * as repo from '../strategy.repository';
import { assertOpen, auditEntry, loadPlan } from './access';
import { getActionPlanIn } from './views';
import { organizationExists } from '../../../core/organizations/organizations.service';
import { notify, organizationRecipients } from '../../notifications/notifications.api';
import type { CreateItemInput, UpdateItemInput } from '../strategy.schema';

export async function listActionPlans(database: Database, actor: Actor, planId: string) {
  await loadPlan(database.db, actor, planId);
  return { items: await repo.listActionPlans(database.db, planId) };
}

export async function createActionPlan(database: Database, actor: Actor, meta: RequestMeta, planId: string, input: { year: number; stalledAfterDays?: number }) {
  return runCommand({ database, actor, meta }, async (tx) => {
    const { plan } = await loadPlan(tx, actor, planId, 'manage');
    assertOpen(plan);
    if (input.year < plan.startYear || input.year > plan.endYear) throw Errors.validation([{ field: 'year', message: `Choose a year inside the plan's horizon, ${plan.startYear}–${plan.endYear}` }]);
    if (await repo.findActionPlanByYear(tx, planId, input.year)) throw Errors.conflict(`This plan already has an action plan for ${input.year}`, 'year');
    const id = await repo.insertActionPlan(tx, planId, input.year, input.stalledAfterDays);
    return { result: await getActionPlanIn(tx, actor, id), audit: auditEntry('strategy.action_plan.create', 'strategy_action_plan', id, { planId, year: input.year }) };
  });
}

export const getActionPlan = (database: Database, actor: Actor, id: string) => getActionPlanIn(database.db, actor, id);

async function checkItemRefs(tx: Db, input: Partial<CreateItemInput>) {
  for (const [n, id] of (input.partnerOrganizationIds ?? []).entries()) {
    if (!(await organizationExists(tx, id))) throw Errors.validation([{ field: `partnerOrganizationIds.${n}`, message: 'No such organization' }]);
  }
  if (input.championOrganizationId && !(await organizationExists(tx, input.championOrganizationId))) throw Errors.validation([{ field: 'championOrganizationId', message: 'No such organization' }]);
  if (input.startDate && input.dueDate && input.dueDate < input.startDate) throw Errors.validation([{ field: 'dueDate', message: 'The due date comes on or after the start date' }]);
}

export async function addItem(database: Database, actor: Actor, meta: RequestMeta, actionPlanId: string, input: CreateItemInput) {
  return runCommand({ database, actor, meta }, async (tx) => {
    const ap = await repo.findActionPlan(tx, actionPlanId);
    if (!ap) throw Errors.notFound('Action plan');
    const { plan } = await loadPlan(tx, actor, ap.planId, 'manage');
    assertOpen(plan);
    const action = await repo.findElement(tx, input.actionId);
    if (!action) throw Errors.validation([{ field: 'actionId', message: 'No such action' }]);
    if (action.planId !== plan.id) {
      const other = await repo.findPlan(tx, action.planId);
      throw Errors.validation([
        { field: 'actionId', message: other && other.collaborativeId !== plan.collaborativeId ? "This action belongs to another collaborative's plan" : 'This action belongs to another plan' },
      ]);
    }
    if (action.kind !== 'action') throw Errors.validation([{ field: 'actionId', message: `Choose an action, not a ${action.kind}` }]);
    if ((await repo.listItems(tx, actionPlanId)).some((i) => i.actionId === action.id)) throw Errors.conflict('This action is already in this action plan', 'actionId');
    await checkItemRefs(tx, input);
    const { actionId, ...rest } = input;
    const { status } = rest;
    if (status === 'completed' && rest.percentComplete === undefined) rest.percentComplete = 100;
    const id = await repo.insertItem(tx, actionPlanId, actionId, rest);
    await notify(tx, await organizationRecipients(tx, rest.championOrganizationId, ['org_admin']), { kind: 'action_item_assigned', params: { title: action.title, place: plan.title }, link: `/strategy/plans/${plan.id}/action-plans/${actionPlanId}`, subjectId: id }, actor);
    return { result: await getActionPlanIn(tx, actor, actionPlanId), audit: auditEntry('strategy.action_plan.add', 'strategy_action_plan', actionPlanId, { itemId: id, actionId }) };
  });
}

async function loadItem(tx: Db, actor: Actor, id: string) {
  const item = await repo.findItem(tx, id);
  if (!item) throw Errors.notFound('Action plan item');
  const { plan } = await loadPlan(tx, actor, item.planId, 'manage');
  assertOpen(plan);
  return item;
}

export async function updateItem(database: Database, actor: Actor, meta: RequestMeta, id: string, input: UpdateItemInput) {
  return runCommand({ database, actor, meta }, async (tx) => {
    const item = await loadItem(tx, actor, id);
    const { version, ...changes } = input;
    await checkItemRefs(tx, { ...changes, startDate: changes.startDate !== undefined ? changes.startDate : item.startDate, dueDate: changes.dueDate !== undefined ? changes.dueDate : item.dueDate });
    if (changes.status === 'completed' && changes.percentComplete === undefined) changes.percentComplete = 100;
    if (!(await repo.updateItem(tx, id, version, changes))) throw Errors.staleVersion({ id, version: item.version });
    if (changes.championOrganizationId && changes.championOrganizationId !== item.championOrganizationId) await notify(tx, await organizationRecipients(tx, changes.championOrganizationId, ['org_admin']), { kind: 'action_item_assigned', params: { title: item.actionTitle, place: item.strategyTitle }, link: `/strategy/plans/${item.planId}/action-plans/${item.actionPlanId}`, subjectId: id }, actor);
    return { result: await getActionPlanIn(tx, actor, item.actionPlanId), audit: auditEntry('strategy.action_plan.update', 'strategy_action_plan', item.actionPlanId, { itemId: id, changed: Object.keys(changes) }) };
  });
}

export async function addNote(database: Database, actor: Actor, meta: RequestMeta, id: string, input: { note: string; status?: string; percentComplete?: number }) {
  return runCommand({ database, actor, meta }, async (tx) => {
    const item = await loadItem(tx, actor, id);
    await applyProgress(tx, actor, item, input);
    return { result: await getActionPlanIn(tx, actor, item.actionPlanId), audit: auditEntry('strategy.action_plan.note', 'strategy_action_plan', item.actionPlanId, { itemId: id, status: input.status ?? null, percentComplete: input.percentComplete ?? null }) };
  });
}

async function applyProgress(tx: Db, actor: Actor, item: repo.ItemRow, input: { note?: string | null; status?: string; percentComplete?: number }) {
  const changes: Record<string, unknown> = {};
  if (input.status) changes.status = input.status;
  if (input.percentComplete !== undefined) changes.percentComplete = input.percentComplete;
  else if (input.status === 'completed') changes.percentComplete = 100;
  if (Object.keys(changes).length) await repo.updateItem(tx, item.id, item.version, changes);
  if (input.note) await repo.insertNote(tx, item.id, { note: input.note, status: input.status ?? null, percentComplete: input.percentComplete ?? null }, actorLabel(actor));
}
