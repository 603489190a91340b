/**
 * What other modules may use of strategy and results. They never read its tables.
 */
import type { Db } from '../../core/db/database';
import { actionsOfCollaborative, findPlan } from './strategy.repository';
export { LIP_TEMPLATE_NAME } from './strategy.seeds';

/** Does this strategy plan exist? (Service mapping hands answered questions on to a plan.) */
export async function strategyPlanExists(db: Db, id: string): Promise<boolean> {
  return !!(await findPlan(db, id));
}

/**
 * The live plan actions of a collaborative's strategy plans, with their plan's title (read-only;
 * the welcoming-community assessment links them to its characteristics, issue 17). The caller
 * checks the actor may read the collaborative.
 */
export async function collaborativePlanActions(db: Db, collaborativeId: string): Promise<{ id: string; title: string; titleFr: string | null; planId: string; planTitle: string; planTitleFr: string | null; planStatus: string }[]> {
  return actionsOfCollaborative(db, collaborativeId);
}

// ---- for the knowledge-exchange module (issue 18): small and read-only but for addDraftAction
import type { Database } from '../../core/db/database';
import { systemActor, type Actor, type RequestMeta } from '../../core/accounts/actor';
import { findMeasure, findTemplateByName, insertElement, insertEvidence, listPlans, listValues } from './strategy.repository';
import { cloneTemplate } from './strategy.service';
import { measureViews } from './service/views';
import { planFreshness } from './strategy.compute';

/** Measures by id with their plan's collaborative and recorded values (a network compares those its members shared). */
export async function measuresWithValues(db: Db, ids: string[]) {
  const out: { id: string; collaborativeId: string; name: string; nameFr: string | null; unit: string; values: { period: string; value: number; illustrative: boolean }[] }[] = [];
  for (const id of ids) {
    const m = await findMeasure(db, id);
    if (!m) continue;
    const plan = await findPlan(db, m.planId);
    if (!plan) continue;
    const values = await listValues(db, m.planId, id);
    out.push({ id, collaborativeId: plan.collaborativeId, name: m.name, nameFr: m.nameFr, unit: m.unit, values: values.map((v) => ({ period: v.period, value: Number(v.value), illustrative: v.illustrative })) });
  }
  return out;
}

/** The collaborative a plan belongs to (undefined when there is no such plan). */
export async function planCollaborativeId(db: Db, planId: string): Promise<string | undefined> {
  return (await findPlan(db, planId))?.collaborativeId;
}

/**
 * Adds an action to a plan, with an evidence link to where it came from (a practice of the
 * library). The caller checked the actor manages the plan's collaborative and audits the write
 * in its own transaction.
 */
export async function addDraftAction(db: Db, v: { planId: string; title: string; titleFr?: string | null; description: string; sourceLabel: string }): Promise<string> {
  const id = await insertElement(db, { planId: v.planId, parentId: null, kind: 'action', title: v.title, titleFr: v.titleFr ?? null, description: v.description });
  await insertEvidence(db, id, { kind: 'url', refId: null, label: v.sourceLabel });
  return id;
}

/** The freshness score of each collaborative's newest plan (null when it has none). */
export async function freshnessByCollaborative(db: Db, collaborativeIds: string[]): Promise<Map<string, { score: number; upToDate: number; total: number } | null>> {
  const out = new Map<string, { score: number; upToDate: number; total: number } | null>();
  for (const c of collaborativeIds) {
    const plans = await listPlans(db, 'all', c);
    const plan = plans.filter((p) => p.status !== 'closed').sort((a, b) => b.startYear - a.startYear)[0];
    if (!plan) { out.set(c, null); continue; }
    const measures = await measureViews(db, systemActor('exchange'), plan);
    const f = planFreshness(measures.map((m) => m.freshness));
    out.set(c, { score: f.score, upToDate: f.upToDate, total: f.total });
  }
  return out;
}

/** Clones a strategy template, found by name, into a collaborative's new plan (demo seeds of the exchange). */
export async function clonePlanFromTemplate(database: Database, actor: Actor, meta: RequestMeta, input: { templateName: string; collaborativeId: string; title: string; startYear: number; endYear: number }) {
  const templateId = await findTemplateByName(database.db, input.templateName);
  if (!templateId) return undefined;
  const plan = await cloneTemplate(database, actor, meta, templateId, input);
  return plan.id as string;
}

/**
 * Published report cards of the plans of these collaboratives ('all' for a platform admin), for
 * the knowledge exchange's evidence links: the caller passes the collaboratives the user may see.
 */
export { publishedReportCardsOf as publishedReportCards } from './strategy.repository';
