/** Query hooks of the strategy pages; every key comes from strategyKeys. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { strategyApi } from './api';

export const strategyKeys = {
  all: ['strategy'] as const,
  plans: () => [...strategyKeys.all, 'plans'] as const,
  plan: (id: string) => [...strategyKeys.all, 'plan', id] as const,
  history: (elementId: string) => [...strategyKeys.all, 'history', elementId] as const,
  measure: (id: string) => [...strategyKeys.all, 'measure', id] as const,
  actionPlans: (planId: string) => [...strategyKeys.all, 'action-plans', planId] as const,
  actionPlan: (id: string) => [...strategyKeys.all, 'action-plan', id] as const,
  scorecard: (planId: string, themeId: string, publicLink: boolean) => [...strategyKeys.all, 'scorecard', planId, themeId, publicLink] as const,
  reportCards: (planId: string) => [...strategyKeys.all, 'report-cards', planId] as const,
  reportCard: (cardId: string, publicLink: boolean) => [...strategyKeys.all, 'report-card', cardId, publicLink] as const,
  templates: () => [...strategyKeys.all, 'templates'] as const,
  comparison: (templateId: string) => [...strategyKeys.all, 'compare', templateId] as const,
  toc: (planId: string) => [...strategyKeys.all, 'toc', planId] as const,
};

export const usePlans = () => useQuery({ queryKey: strategyKeys.plans(), queryFn: strategyApi.plans });
export const usePlan = (id: string) => useQuery({ queryKey: strategyKeys.plan(id), queryFn: () => strategyApi.plan(id) });
export const useElementHistory = (elementId: string) => useQuery({ queryKey: strategyKeys.history(elementId), queryFn: () => strategyApi.history(elementId) });
export const useMeasure = (id: string) => useQuery({ queryKey: strategyKeys.measure(id), queryFn: () => strategyApi.measure(id) });
export const useActionPlans = (planId: string) => useQuery({ queryKey: strategyKeys.actionPlans(planId), queryFn: () => strategyApi.actionPlans(planId) });
export const useActionPlan = (id: string) => useQuery({ queryKey: strategyKeys.actionPlan(id), queryFn: () => strategyApi.actionPlan(id) });
export const useScorecard = (planId: string, themeId: string, publicLink: boolean) => useQuery({ queryKey: strategyKeys.scorecard(planId, themeId, publicLink), queryFn: () => strategyApi.scorecard(planId, themeId || undefined, publicLink) });
export const useReportCards = (planId: string) => useQuery({ queryKey: strategyKeys.reportCards(planId), queryFn: () => strategyApi.reportCards(planId) });
export const useReportCard = (cardId: string, publicLink: boolean) => useQuery({ queryKey: strategyKeys.reportCard(cardId, publicLink), queryFn: () => strategyApi.reportCard(cardId, publicLink) });
export const useTemplates = () => useQuery({ queryKey: strategyKeys.templates(), queryFn: strategyApi.templates });
export const useComparison = (templateId: string) => useQuery({ queryKey: strategyKeys.comparison(templateId), queryFn: () => strategyApi.comparison(templateId) });
export const useToc = (planId: string) => useQuery({ queryKey: strategyKeys.toc(planId), queryFn: () => strategyApi.toc(planId) });

/** A mutation that refreshes everything about strategy when it succeeds. */
export function useStrategyMutation<TVars, TResult = unknown>(fn: (v: TVars) => Promise<TResult>, onSuccess?: (r: TResult) => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (r) => {
      await qc.invalidateQueries({ queryKey: strategyKeys.all });
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
