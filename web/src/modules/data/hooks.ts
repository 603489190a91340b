/** Query hooks of the data pages; every key comes from dataKeys. */
import { useQuery } from '@tanstack/react-query';
import { dataApi, retryUnlessMissing, type BreakdownQuery, type MapQuery, type RollupQuery, type SeriesQuery } from './api';

export const dataKeys = {
  all: ['data'] as const,
  indicators: () => [...dataKeys.all, 'indicators'] as const,
  map: (q: MapQuery) => [...dataKeys.all, 'map', q] as const,
  series: (q: SeriesQuery) => [...dataKeys.all, 'series', q] as const,
  rollup: (q: RollupQuery) => [...dataKeys.all, 'rollup', q.indicatorId, q.parentId, q.period, q.collaborativeId] as const,
  breakdown: (q: BreakdownQuery) => [...dataKeys.all, 'breakdown', q] as const,
  profile: (id: string) => [...dataKeys.all, 'profile', id] as const,
  dashboards: () => [...dataKeys.all, 'dashboards'] as const,
  dashboard: (id: string) => [...dataKeys.all, 'dashboard', id] as const,
  censusMappings: () => [...dataKeys.all, 'census-mappings'] as const,
};

export const useIndicators = () => useQuery({ queryKey: dataKeys.indicators(), queryFn: dataApi.indicators, staleTime: 60_000 });
export const useMap = (q: MapQuery) => useQuery({ queryKey: dataKeys.map(q), enabled: !!q.indicatorId && !!q.parentId, queryFn: () => dataApi.map(q) });
export const useSeries = (q: SeriesQuery) => useQuery({ queryKey: dataKeys.series(q), enabled: !!q.indicatorId && q.geographyIds.length > 0, queryFn: () => dataApi.series(q) });
/** A region's roll-up; a 422 (not additive) is an answer, so it is not retried. */
export const useRollup = (q: RollupQuery) => useQuery({ queryKey: dataKeys.rollup(q), queryFn: () => dataApi.rollup(q), retry: false });
export const useBreakdown = (q: BreakdownQuery) => useQuery({ queryKey: dataKeys.breakdown(q), queryFn: () => dataApi.breakdown(q) });
export const useProfile = (id: string) => useQuery({ queryKey: dataKeys.profile(id), queryFn: () => dataApi.profile(id), retry: retryUnlessMissing });
export const useDashboards = () => useQuery({ queryKey: dataKeys.dashboards(), queryFn: dataApi.dashboards });
export const useDashboard = (id: string) => useQuery({ queryKey: dataKeys.dashboard(id), queryFn: () => dataApi.dashboard(id), retry: retryUnlessMissing });
export const useCensusMappings = () => useQuery({ queryKey: dataKeys.censusMappings(), queryFn: dataApi.censusMappings });
