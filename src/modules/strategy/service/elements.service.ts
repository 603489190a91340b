/** Plan elements (themes, goals, strategies, actions) with their history and evidence links. */
import type { Database, Db } from '../../../core/db/database';
import { actorLabel, actorUserId, type Actor, type RequestMeta } from '../../../core/accounts/actor';
import { runCommand } from '../../../core/command';
import { Errors } from '../../../core/http/errors';
import * as repo from '../strategy.repository';
import { StrategyErrors } from '../strategy.errors';
import { assertOpen, auditEntry, loadPlan } from './access';
import { engagementRecordsByIds } from '../../collaboratives/collaboratives.api';
import type { CreateElementInput, EvidenceInput, UpdateElementInput } from '../strategy.schema';

const PARENT_KIND: Record<string, string | null> = { theme: null, goal: 'theme', strategy: 'goal', action: 'strategy' };

function snapshotOf(e: repo.ElementRow) {
  return { kind: e.kind, title: e.title, titleFr: e.titleFr, description: e.description, position: e.position, parentId: e.parentId };
}

async function history(tx: Db, actor: Actor, e: { id: string; planId: string }, change: string, before: unknown, after: unknown) {
  await repo.insertHistory(tx, { elementId: e.id, planId: e.planId, change, actorLabel: actorLabel(actor), actorUserId: actorUserId(actor), before, after });
}

export async function createElement(database: Database, actor: Actor, meta: RequestMeta, planId: string, input: CreateElementInput) {
  return runCommand({ database, actor, meta }, async (tx) => {
    const { plan } = await loadPlan(tx, actor, planId, 'manage');
    assertOpen(plan);
    if (plan.status !== 'draft' && (input.kind === 'theme' || input.kind === 'goal')) throw StrategyErrors.frozen(`its ${input.kind}s`);
    const parentKind = PARENT_KIND[input.kind];
    let parentId: string | null = null;
    if (parentKind) {
      if (!input.parentId) throw Errors.validation([{ field: 'parentId', message: `A ${input.kind} belongs to a ${parentKind}` }]);
      const parent = await repo.findElement(tx, input.parentId);
      if (!parent || parent.planId !== planId) throw Errors.validation([{ field: 'parentId', message: 'No such element in this plan' }]);
      if (parent.kind !== parentKind) throw Errors.validation([{ field: 'parentId', message: `A ${input.kind} belongs to a ${parentKind}, not a ${parent.kind}` }]);
      parentId = parent.id;
    } else if (input.parentId) {
      throw Errors.validation([{ field: 'parentId', message: 'A theme is at the top of the plan' }]);
    }
    const id = await repo.insertElement(tx, { planId, parentId, kind: input.kind, title: input.title, titleFr: input.titleFr, description: input.description, position: input.position });
    const row = (await repo.findElement(tx, id))!;
    await history(tx, actor, row, 'create', null, snapshotOf(row));
    return { result: row, audit: auditEntry('strategy.element.create', 'strategy_element', id, { planId, kind: input.kind }) };
  });
}

async function loadElement(tx: Db, actor: Actor, id: string) {
  const el = await repo.findElement(tx, id);
  if (!el) throw Errors.notFound('Plan element');
  const { plan } = await loadPlan(tx, actor, el.planId, 'manage');
  assertOpen(plan);
  if (plan.status !== 'draft' && (el.kind === 'theme' || el.kind === 'goal')) throw StrategyErrors.frozen(`this ${el.kind}`);
  return { el, plan };
}

export async function updateElement(database: Database, actor: Actor, meta: RequestMeta, id: string, input: UpdateElementInput) {
  return runCommand({ database, actor, meta }, async (tx) => {
    const { el } = await loadElement(tx, actor, id);
    const { version, ...changes } = input;
    if (!(await repo.updateElement(tx, id, version, changes))) throw Errors.staleVersion(el);
    const after = (await repo.findElement(tx, id))!;
    await history(tx, actor, after, 'update', snapshotOf(el), snapshotOf(after));
    return { result: after, audit: auditEntry('strategy.element.update', 'strategy_element', id, { changed: Object.keys(changes) }) };
  });
}

export async function deleteElement(database: Database, actor: Actor, meta: RequestMeta, id: string, version: number) {
  await runCommand({ database, actor, meta }, async (tx) => {
    const { el } = await loadElement(tx, actor, id);
    if (await repo.hasChildren(tx, id)) throw Errors.conflict('Remove or move what is under this element first', 'id');
    if (!(await repo.softDeleteElement(tx, id, version))) throw Errors.staleVersion(el);
    await history(tx, actor, el, 'delete', snapshotOf(el), null);
    return { result: undefined, audit: auditEntry('strategy.element.delete', 'strategy_element', id, { planId: el.planId }) };
  });
}

export async function elementHistory(database: Database, actor: Actor, id: string) {
  const el = await repo.findElement(database.db, id);
  if (!el) throw Errors.notFound('Plan element');
  await loadPlan(database.db, actor, el.planId);
  return { items: await repo.listHistory(database.db, id) };
}

export async function addEvidence(database: Database, actor: Actor, meta: RequestMeta, elementId: string, input: EvidenceInput) {
  return runCommand({ database, actor, meta }, async (tx) => {
    const el = await repo.findElement(tx, elementId);
    if (!el) throw Errors.notFound('Plan element');
    const { plan } = await loadPlan(tx, actor, el.planId, 'manage');
    if (input.kind !== 'document' && !input.refId) throw Errors.validation([{ field: 'refId', message: 'Give the id or address this links to' }]);
    if (input.kind === 'url' && !/^https?:\/\/\S+$/i.test(input.refId ?? '')) throw Errors.validation([{ field: 'refId', message: 'Start the address with http:// or https://' }]);
    if (input.kind === 'engagement') {
      const found = await engagementRecordsByIds(tx, plan.collaborativeId, [input.refId!]);
      if (!found.length) throw Errors.validation([{ field: 'refId', message: 'No such engagement record in this collaborative' }]);
    }
    const id = await repo.insertEvidence(tx, elementId, input);
    return { result: { id }, audit: auditEntry('strategy.evidence.create', 'strategy_element', elementId, { kind: input.kind, refId: input.refId ?? null }) };
  });
}

export async function removeEvidence(database: Database, actor: Actor, meta: RequestMeta, id: string) {
  await runCommand({ database, actor, meta }, async (tx) => {
    const ev = await repo.findEvidence(tx, id);
    if (!ev) throw Errors.notFound('Evidence link');
    await loadPlan(tx, actor, ev.planId, 'manage');
    await repo.deleteEvidence(tx, id);
    return { result: undefined, audit: auditEntry('strategy.evidence.delete', 'strategy_element', ev.elementId, { evidenceId: id }) };
  });
}
