/** Typed client for /api/v1/strategy and the query hooks the pages share. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../core/api';

export type PlanStatus = 'draft' | 'adopted' | 'active' | 'closed';
export type ElementKind = 'theme' | 'goal' | 'strategy' | 'action';
export type RbaType = 'how_much' | 'how_well' | 'better_off';
export type TargetStatus = 'met' | 'progressing' | 'off_track' | 'no_target' | 'no_data';
export type Trend = 'improving' | 'worsening' | 'flat' | 'unknown';

export interface PlanSummary {
  id: string;
  collaborativeId: string;
  title: string;
  titleFr: string | null;
  startYear: number;
  endYear: number;
  status: PlanStatus;
  planVersion: number;
  templateId: string | null;
  publicScorecard: boolean;
  updatedAt: string;
}
export interface Evidence {
  id: string;
  kind: 'engagement' | 'indicator' | 'document' | 'url';
  refId: string | null;
  label: string;
}
export interface PlanElement {
  id: string;
  planId: string;
  parentId: string | null;
  kind: ElementKind;
  title: string;
  titleFr: string | null;
  description: string | null;
  position: number;
  frozen: boolean;
  evidence: Evidence[];
  version: number;
}
export interface Point {
  period: string;
  value: number;
}
export interface CurveRow {
  period: string;
  baseline: number | null;
  forecast: number | null;
  target: number | null;
  actual: number | null;
}
export interface Freshness {
  expectedPeriod: string;
  dueBy: string;
  latestPeriod: string | null;
  stale: boolean;
  staleAtNextDue: boolean;
}
export interface Measure {
  id: string;
  planId: string;
  elementId: string;
  kind: 'population' | 'performance';
  rbaType: RbaType | null;
  name: string;
  nameFr: string | null;
  unit: 'count' | 'percent' | 'rate' | 'currency' | 'number';
  direction: 'higher_is_better' | 'lower_is_better';
  frequency: 'annual' | 'quarterly' | 'monthly';
  baselineValue: number | null;
  baselinePeriod: string | null;
  indicatorId: string | null;
  geographyId: string | null;
  targets: Point[];
  values: { period: string; value: number; source: string | null; notes: string | null; illustrative: boolean; recordedBy: string; recordedAt: string }[];
  status: TargetStatus;
  trend: Trend;
  progress: number | null;
  latest: Point | null;
  currentTarget: Point | null;
  freshness: Freshness;
  curve: CurveRow[];
  version: number;
}
export interface PlanFreshness {
  score: number;
  upToDate: number;
  total: number;
  staleAtNextDue: number;
  currentPeriod: string;
  currentDueBy: string;
  nextPeriod: string;
  nextDueBy: string;
  currentPeriodNote: string;
}
export interface Plan extends PlanSummary {
  description: string | null;
  longTermOutcome: string | null;
  previousVersionId: string | null;
  adoptedAt: string | null;
  version: number;
  elements: PlanElement[];
  measures: Measure[];
  warnings: { outputOnly: boolean; noBetterOff: boolean };
  freshness: PlanFreshness;
  actions: { manage: boolean; newVersion: boolean };
}
export interface ActionItem {
  id: string;
  actionId: string;
  actionTitle: string;
  strategyTitle: string | null;
  champion: string | null;
  partnerOrganizationIds: string[];
  partnerNames: string[];
  startDate: string | null;
  dueDate: string | null;
  status: 'not_started' | 'in_progress' | 'completed' | 'on_hold' | 'cancelled';
  percentComplete: number;
  resources: string | null;
  adoptedByPartners: boolean;
  overdue: boolean;
  stalled: boolean;
  notes: { id: string; note: string; status: string | null; percentComplete: number | null; authorLabel: string; createdAt: string }[];
  version: number;
}
export interface ActionPlan {
  id: string;
  planId: string;
  year: number;
  stalledAfterDays: number;
  items: ActionItem[];
  actions: { manage: boolean };
}
export type ScorecardMeasure = Pick<Measure, 'id' | 'kind' | 'rbaType' | 'name' | 'nameFr' | 'unit' | 'direction' | 'baselineValue' | 'baselinePeriod' | 'status' | 'trend' | 'latest' | 'currentTarget' | 'freshness' | 'curve'>;
export interface Scorecard {
  plan: PlanSummary & { collaborativeName: string };
  themes: { id: string; title: string; titleFr: string | null }[];
  goals: { id: string; themeId: string | null; title: string; titleFr: string | null; measures: ScorecardMeasure[] }[];
  freshness: PlanFreshness;
  warnings: { outputOnly: boolean; noBetterOff: boolean };
  reportCards?: { id: string; year: number; reportVersion: number }[];
}
export interface ReportContent {
  year: number;
  generatedAt: string;
  plan: { id: string; title: string; titleFr: string | null; collaborativeName: string; startYear: number; endYear: number; longTermOutcome: string | null };
  highlights: string | null;
  highlightsFr: string | null;
  nextYear: string | null;
  nextYearFr: string | null;
  actions: { title: string; strategy: string | null; champion: string | null; status: string; percentComplete: number; adoptedByPartners: boolean; overdue: boolean; lastNote: string | null }[];
  measures: { name: string; nameFr: string | null; kind: string; rbaType: string | null; unit: string; direction: string; baseline: Point | null; target: number | null; actual: number | null; status: TargetStatus; trend: Trend; curve: CurveRow[] }[];
  summary: { actions: number; completed: number; overdue: number; adoptedByPartners: number; measures: number; met: number };
}
export interface ReportCard {
  id: string;
  planId: string;
  year: number;
  reportVersion: number;
  status: 'draft' | 'published';
  highlights: string | null;
  highlightsFr: string | null;
  nextYear: string | null;
  nextYearFr: string | null;
  publishedAt: string | null;
  publishedBy: string | null;
  version: number;
  content: ReportContent;
  actions: { manage: boolean };
}
export interface Template {
  id: string;
  name: string;
  description: string | null;
  measureCount: number;
  planCount: number;
}
export interface Toc {
  longTermOutcome: string | null;
  nodes: { id: string; kind: 'outcome' | 'precondition' | 'action'; label: string; elementId: string | null }[];
  edges: { from: string; to: string }[];
  actions: { manage: boolean };
}

export const keys = {
  plans: ['strategy', 'plans'] as const,
  plan: (id: string) => ['strategy', 'plan', id] as const,
};

export const usePlans = () => useQuery({ queryKey: keys.plans, queryFn: () => api.get<{ items: PlanSummary[]; manageableCollaboratives: string[] }>('/strategy/plans') });
export const usePlan = (id: string) => useQuery({ queryKey: keys.plan(id), queryFn: () => api.get<Plan>(`/strategy/plans/${id}`) });

/** A mutation that refreshes everything about strategy when it succeeds. */
export function useStrategyMutation<TVars, TResult = unknown>(fn: (v: TVars) => Promise<TResult>, onSuccess?: (r: TResult) => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (r) => {
      await qc.invalidateQueries({ queryKey: ['strategy'] });
      onSuccess?.(r);
    },
  });
}

/** The French text where the interface is in French and a translation exists. */
export function useLocalized() {
  const { i18n } = useTranslation();
  return (en: string, fr: string | null | undefined) => (i18n.language === 'fr' && fr ? fr : en);
}

/** A number in the measure's unit, for people to read. */
export function useFormatValue() {
  const { i18n } = useTranslation();
  const loc = i18n.language === 'fr' ? 'fr-CA' : 'en-CA';
  return (v: number | null | undefined, unit: string) => {
    if (v === null || v === undefined) return '–';
    if (unit === 'percent') return `${new Intl.NumberFormat(loc, { maximumFractionDigits: 1 }).format(v)} %`.replace(' %', i18n.language === 'fr' ? ' %' : '%');
    if (unit === 'currency') return new Intl.NumberFormat(loc, { style: 'currency', currency: 'CAD' }).format(v);
    return new Intl.NumberFormat(loc, { maximumFractionDigits: 2 }).format(v);
  };
}
