/** Scorecards: goals with their indicators and measures, for members and by public link. */
import type { Database } from '../../../core/db/database';
import type { Actor } from '../../../core/accounts/actor';
import { Errors } from '../../../core/http/errors';
import * as repo from '../strategy.repository';
import { presentSummary } from '../strategy.presenter';
import { loadPlan } from './access';
import { planView } from './views';

export async function scorecard(database: Database, actor: Actor | null, planId: string, opts: { themeId?: string; publicLink?: boolean }) {
  const db = database.db;
  const { plan } = await loadPlan(db, actor, planId, opts.publicLink ? 'public' : 'member');
  if (opts.publicLink && !plan.publicScorecard) throw Errors.notFound('Plan');
  const full = await planView(db, opts.publicLink ? null : actor, plan);
  const byId = new Map(full.elements.map((e) => [e.id, e]));
  const goalOf = (elementId: string): string | null => {
    let e = byId.get(elementId);
    while (e && e.kind !== 'goal') e = e.parentId ? byId.get(e.parentId) : undefined;
    return e?.id ?? null;
  };
  const themes = full.elements.filter((e) => e.kind === 'theme');
  const goals = full.elements.filter((e) => e.kind === 'goal' && (!opts.themeId || e.parentId === opts.themeId));
  return {
    plan: { ...presentSummary(plan), collaborativeName: plan.collaborativeName },
    themes: themes.map((t) => ({ id: t.id, title: t.title, titleFr: t.titleFr })),
    goals: goals.map((g) => ({
      id: g.id,
      themeId: g.parentId,
      title: g.title,
      titleFr: g.titleFr,
      measures: full.measures
        .filter((m) => goalOf(m.elementId) === g.id)
        .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'population' ? -1 : 1))
        .map((m) => ({ id: m.id, kind: m.kind, rbaType: m.rbaType, name: m.name, nameFr: m.nameFr, unit: m.unit, direction: m.direction, baselineValue: m.baselineValue, baselinePeriod: m.baselinePeriod, suppressedPeriods: m.suppressedPeriods, status: m.status, trend: m.trend, latest: m.latest, currentTarget: m.currentTarget, freshness: m.freshness, curve: m.curve })),
    })),
    freshness: full.freshness,
    warnings: full.warnings,
  };
}

export { loadPlan };

/** The public scorecard of a plan shared by public link, with its published report cards. */
export async function publicScorecard(database: Database, planId: string, opts: { themeId?: string }) {
  const card = await scorecard(database, null, planId, { themeId: opts.themeId, publicLink: true });
  const cards = await repo.listReportCards(database.db, planId, true);
  return { ...card, reportCards: cards.map((r) => ({ id: r.id, year: r.year, reportVersion: r.reportVersion })) };
}
