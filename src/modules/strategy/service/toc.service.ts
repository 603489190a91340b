/** The theory of change: outcome, preconditions and actions, linked without circles. */
import type { Database } from '../../../core/db/database';
import type { Actor, RequestMeta } from '../../../core/accounts/actor';
import { runCommand } from '../../../core/command';
import { Errors } from '../../../core/http/errors';
import * as repo from '../strategy.repository';
import * as rba from '../strategy.compute';
import { auditEntry, loadPlan } from './access';
import { editActions } from '../strategy.presenter';

export async function theoryOfChange(database: Database, actor: Actor, planId: string) {
  const { plan } = await loadPlan(database.db, actor, planId);
  return {
    longTermOutcome: plan.longTermOutcome,
    nodes: await repo.listTocNodes(database.db, planId),
    edges: await repo.listTocEdges(database.db, planId),
    actions: editActions(actor, plan),
  };
}

export async function addTocNode(database: Database, actor: Actor, meta: RequestMeta, planId: string, input: { kind: string; label: string; elementId?: string | null }) {
  await runCommand({ database, actor, meta }, async (tx) => {
    await loadPlan(tx, actor, planId, 'manage');
    if (input.elementId) {
      const el = await repo.findElement(tx, input.elementId);
      if (!el || el.planId !== planId || el.kind !== 'action') throw Errors.validation([{ field: 'elementId', message: 'Choose an action of this plan' }]);
    }
    const id = await repo.insertTocNode(tx, planId, input);
    return { result: undefined, audit: auditEntry('strategy.toc.node', 'strategy_plan', planId, { nodeId: id, kind: input.kind }) };
  });
  return theoryOfChange(database, actor, planId);
}

export async function addTocEdge(database: Database, actor: Actor, meta: RequestMeta, planId: string, from: string, to: string) {
  await runCommand({ database, actor, meta }, async (tx) => {
    await loadPlan(tx, actor, planId, 'manage');
    const nodes = await repo.listTocNodes(tx, planId);
    if (!nodes.some((n) => n.id === from)) throw Errors.validation([{ field: 'from', message: 'No such node in this plan' }]);
    if (!nodes.some((n) => n.id === to)) throw Errors.validation([{ field: 'to', message: 'No such node in this plan' }]);
    const edges = await repo.listTocEdges(tx, planId);
    if (rba.wouldCycle(edges.map((e) => [e.from, e.to]), from, to)) {
      throw Errors.validation([{ field: 'to', message: 'This link would make a circle: a precondition cannot lead back to itself' }]);
    }
    await repo.insertTocEdge(tx, planId, from, to);
    return { result: undefined, audit: auditEntry('strategy.toc.edge', 'strategy_plan', planId, { from, to }) };
  });
  return theoryOfChange(database, actor, planId);
}

export async function removeTocNode(database: Database, actor: Actor, meta: RequestMeta, planId: string, nodeId: string) {
  await runCommand({ database, actor, meta }, async (tx) => {
    await loadPlan(tx, actor, planId, 'manage');
    if (!(await repo.deleteTocNode(tx, planId, nodeId))) throw Errors.notFound('Theory of change node');
    return { result: undefined, audit: auditEntry('strategy.toc.node_delete', 'strategy_plan', planId, { nodeId }) };
  });
  return theoryOfChange(database, actor, planId);
}

export async function removeTocEdge(database: Database, actor: Actor, meta: RequestMeta, planId: string, from: string, to: string) {
  await runCommand({ database, actor, meta }, async (tx) => {
    await loadPlan(tx, actor, planId, 'manage');
    await repo.deleteTocEdge(tx, planId, from, to);
    return { result: undefined, audit: auditEntry('strategy.toc.edge_delete', 'strategy_plan', planId, { from, to }) };
  });
  return theoryOfChange(database, actor, planId);
}
