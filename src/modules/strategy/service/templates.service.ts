/** Plan templates: publish a plan's structure, start plans from it, compare the plans built from one. */
import type { Database, Db } from '../../../core/db/database';
import { actorLabel, type Actor, type RequestMeta } from '../../../core/accounts/actor';
import { authorizeAction } from '../../../core/policy';
import { runCommand } from '../../../core/command';
import { Errors } from '../../../core/http/errors';
import * as repo from '../strategy.repository';
import { can } from '../strategy.policy';
import { presentTemplate } from '../strategy.presenter';
import { auditEntry, loadPlan, readableCollaboratives } from './access';
import { getPlanIn, measureViews } from './views';
import { collaborativeExists } from '../../collaboratives/collaboratives.api';
import { instantiate, planContent, checkHorizon } from './plans.service';

export async function listTemplates(database: Database) {
  return { items: (await repo.listTemplates(database.db)).map(presentTemplate) };
}

export async function publishTemplate(database: Database, actor: Actor, meta: RequestMeta, planId: string, input: { name: string; description?: string | null }) {
  return runCommand({ database, actor, meta }, async (tx) => {
    const { plan } = await loadPlan(tx, actor, planId, 'manage');
    if (await repo.findTemplateByName(tx, input.name)) throw Errors.conflict('A template with this name exists', 'name');
    const id = await repo.insertTemplate(tx, { name: input.name, description: input.description, sourcePlanId: plan.id, content: await planContent(tx, plan), by: actorLabel(actor) });
    return { result: presentTemplate((await repo.findTemplate(tx, id))!), audit: auditEntry('strategy.template.publish', 'strategy_template', id, { planId, name: input.name }) };
  });
}

/** Creates a template from content directly (seeds, CLI). */
export async function insertTemplateContent(db: Db, name: string, description: string, content: repo.TemplateContent, by: string) {
  return (await repo.findTemplateByName(db, name)) ?? repo.insertTemplate(db, { name, description, sourcePlanId: null, content, by });
}

export async function cloneTemplate(database: Database, actor: Actor, meta: RequestMeta, templateId: string, input: { collaborativeId: string; title: string; startYear: number; endYear: number }) {
  return runCommand({ database, actor, meta }, async (tx) => {
    const t = await repo.findTemplate(tx, templateId);
    if (!t) throw Errors.notFound('Template');
    if (!(await collaborativeExists(tx, input.collaborativeId))) throw Errors.validation([{ field: 'collaborativeId', message: 'No such collaborative' }]);
    authorizeAction(can, actor, 'strategy.plan.create', { collaborativeId: input.collaborativeId });
    checkHorizon(input.startYear, input.endYear);
    const id = await repo.insertPlan(tx, { collaborativeId: input.collaborativeId, title: input.title, startYear: input.startYear, endYear: input.endYear, longTermOutcome: t.content.longTermOutcome, templateId });
    await instantiate(tx, id, t.content);
    return { result: await getPlanIn(tx, actor, id), audit: auditEntry('strategy.template.clone', 'strategy_plan', id, { templateId }) };
  });
}

/** Plans built from one template, side by side on the template's measures. */
export async function compareTemplate(database: Database, actor: Actor, templateId: string) {
  const db = database.db;
  const t = await repo.findTemplate(db, templateId);
  if (!t) throw Errors.notFound('Template');
  const plans = await repo.plansFromTemplate(db, templateId, await readableCollaboratives(db, actor));
  const perPlan = new Map<string, Awaited<ReturnType<typeof measureViews>>>();
  for (const p of plans) perPlan.set(p.id, await measureViews(db, actor, p));
  return {
    template: presentTemplate(t),
    plans: plans.map((p) => ({ id: p.id, title: p.title, collaborativeName: p.collaborativeName })),
    measures: t.content.measures.map((m) => ({
      templateKey: m.key,
      name: m.name,
      unit: m.unit,
      cells: plans.map((p) => {
        const pm = perPlan.get(p.id)!.find((x) => x.templateKey === m.key);
        return { planId: p.id, latest: pm?.latest ?? null, target: pm?.currentTarget ?? null, status: pm?.status ?? 'no_data' };
      }),
    })),
  };
}
