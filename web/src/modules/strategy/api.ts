/** Typed calls to /api/v1/strategy; the types come from the server's contracts (strategy.schema.ts). */
import type { z } from 'zod';
import { api } from '../../core/api';
import type { ActionPlanListSchema, ActionPlanSchema, ComparisonSchema, CurveRowSchema, ElementSchema, EvidenceSchema, FreshnessSchema, HistorySchema, ImportResultSchema, ItemSchema, MeasureSchema, PlanListSchema, PlanSchema, PlanSummarySchema, PublicScorecardSchema, ReportCardListSchema, ReportCardSchema, ReportContentSchema, ScorecardSchema, TemplateListSchema, TemplateSchema, TocSchema, elementKinds, planStatuses, rbaTypes } from '../../../../src/modules/strategy/strategy.schema';

export type PlanStatus = (typeof planStatuses)[number];
export type ElementKind = (typeof elementKinds)[number];
export type RbaType = (typeof rbaTypes)[number];
export type Measure = z.infer<typeof MeasureSchema>;
export type TargetStatus = Measure['status'];
export type Trend = Measure['trend'];
export type PlanSummary = z.infer<typeof PlanSummarySchema>;
export type PlanList = z.infer<typeof PlanListSchema>;
export type Evidence = z.infer<typeof EvidenceSchema>;
export type PlanElement = z.infer<typeof ElementSchema>;
export type Point = NonNullable<Measure['latest']>;
export type CurveRow = z.infer<typeof CurveRowSchema>;
export type Freshness = z.infer<typeof FreshnessSchema>;
export type Plan = z.infer<typeof PlanSchema>;
export type PlanFreshness = Plan['freshness'];
export type History = z.infer<typeof HistorySchema>;
export type ActionItem = z.infer<typeof ItemSchema>;
export type ActionPlan = z.infer<typeof ActionPlanSchema>;
export type ActionPlanList = z.infer<typeof ActionPlanListSchema>;
export type ImportResult = z.infer<typeof ImportResultSchema>;
export type ScorecardMeasure = z.infer<typeof ScorecardSchema>['goals'][number]['measures'][number];
/** A scorecard; the public one also lists the published report cards. */
export type Scorecard = z.infer<typeof ScorecardSchema> & Partial<Pick<z.infer<typeof PublicScorecardSchema>, 'reportCards'>>;
export type ReportContent = z.infer<typeof ReportContentSchema>;
/** A report card; the server sends `content` as a record, which holds a ReportContent. */
export type ReportCard = Omit<z.infer<typeof ReportCardSchema>, 'content'> & { content: ReportContent };
export type ReportCardList = z.infer<typeof ReportCardListSchema>;
export type Template = z.infer<typeof TemplateSchema>;
export type TemplateList = z.infer<typeof TemplateListSchema>;
export type Comparison = z.infer<typeof ComparisonSchema>;
export type Toc = z.infer<typeof TocSchema>;

/** A report card's path under /api/v1 (its PDF is at `${path}/pdf`); `publicLink` for the one shared by public link. */
export const reportCardPath = (cardId: string, publicLink: boolean) => (publicLink ? `/strategy/public/report-cards/${cardId}` : `/strategy/report-cards/${cardId}`);

export const strategyApi = {
  plans: () => api.get<PlanList>('/strategy/plans'),
  plan: (id: string) => api.get<Plan>(`/strategy/plans/${id}`),
  history: (elementId: string) => api.get<History>(`/strategy/elements/${elementId}/history`),
  measure: (id: string) => api.get<Measure>(`/strategy/measures/${id}`),
  actionPlans: (planId: string) => api.get<ActionPlanList>(`/strategy/plans/${planId}/action-plans`),
  actionPlan: (id: string) => api.get<ActionPlan>(`/strategy/action-plans/${id}`),
  /** The scorecard; `publicLink` reads the one shared by public link. */
  scorecard: (planId: string, themeId: string | undefined, publicLink: boolean) =>
    api.get<Scorecard>(`${publicLink ? `/strategy/public/plans/${planId}/scorecard` : `/strategy/plans/${planId}/scorecard`}${themeId ? `?themeId=${themeId}` : ''}`),
  reportCards: (planId: string) => api.get<ReportCardList>(`/strategy/plans/${planId}/report-cards`),
  reportCard: (cardId: string, publicLink: boolean) => api.get<ReportCard>(reportCardPath(cardId, publicLink)),
  templates: () => api.get<TemplateList>('/strategy/templates'),
  comparison: (templateId: string) => api.get<Comparison>(`/strategy/templates/${templateId}/comparison`),
  toc: (planId: string) => api.get<Toc>(`/strategy/plans/${planId}/theory-of-change`),
};
