import { useQuery } from '@tanstack/react-query';
import { api, ApiError, qs } from '../../core/api';

/** Do not retry what is missing or forbidden; retry network trouble twice. */
export const retryUnlessMissing = (n: number, e: unknown) => !(e instanceof ApiError && e.status < 500) && n < 2;

export type Unit = 'count' | 'percent' | 'rate_per_1000' | 'currency' | 'index';
export interface Indicator {
  id: string;
  code: string;
  name: { en: string; fr: string | null };
  definition: { en: string | null; fr: string | null };
  unit: Unit;
  direction: 'higher_is_better' | 'lower_is_better' | 'neutral';
  domain: string;
  source: string | null;
  licence: string | null;
  sourceUrl: string | null;
  frequency: string;
  dimensions: string[];
  suppressionThreshold: number;
  additive: boolean;
  version: number;
}
export interface Cell {
  value: number | null;
  low: number | null;
  high: number | null;
  status: 'provisional' | 'final' | 'suppressed';
  suppressed: boolean;
  reason: 'source' | 'threshold' | 'complementary' | 'dependent' | null;
  display: string;
}
export interface Point extends Cell {
  period: string;
  isProjection: boolean;
  notes: string | null;
  source: string | null;
}
export interface Name {
  en: string;
  fr: string;
}
export interface PlaceCell {
  geographyId: string;
  code: string;
  name: Name;
  cell: Point | null;
}
export interface MapData {
  indicator: Indicator;
  period: string | null;
  periods: string[];
  parent: PlaceCell;
  places: PlaceCell[];
}
export interface SeriesData {
  indicator: Indicator;
  series: { geographyId: string; code: string; name: Name; points: Point[] }[];
}
export interface Rollup {
  indicator: Indicator;
  period: string;
  parent: PlaceCell;
  placesWithData: number;
  placesTotal: number;
  complete: boolean;
  rollup: Cell;
}
export interface Profile {
  geography: { id: string; code: string; name: Name; level: string };
  items: { indicator: Indicator; points: Point[]; latest: Point | null }[];
}
export interface Dashboard {
  id: string;
  collaborativeId: string;
  title: string;
  description: string | null;
  visibility: 'members' | 'public';
  indicatorIds: string[];
  geographyIds: string[];
  version: number;
  updatedAt: string;
  canEdit: boolean;
}
export interface DashboardDetail extends Dashboard {
  indicators: Indicator[];
  places: { id: string; code: string; name: Name }[];
}

export const nameIn = (n: { en: string; fr: string | null }, lng: string) => (lng.startsWith('fr') && n.fr) || n.en;

export function useIndicators() {
  return useQuery({ queryKey: ['data', 'indicators'], queryFn: () => api.get<{ items: Indicator[] }>('/data/indicators'), staleTime: 60_000 });
}

export function useMap(q: { indicatorId?: string; parentId?: string; period?: string; collaborativeId?: string }) {
  return useQuery({
    queryKey: ['data', 'map', q],
    enabled: !!q.indicatorId && !!q.parentId,
    queryFn: () => api.get<MapData>(`/data/map${qs(q)}`),
  });
}

export function useSeries(q: { indicatorId?: string; geographyIds: string[]; collaborativeId?: string }) {
  return useQuery({
    queryKey: ['data', 'series', q],
    enabled: !!q.indicatorId && q.geographyIds.length > 0,
    queryFn: () => api.get<SeriesData>(`/data/series${qs({ indicatorId: q.indicatorId, geographyIds: q.geographyIds.join(','), collaborativeId: q.collaborativeId })}`),
  });
}

/** Formats a cell for people: numbers in the locale, suppressed cells as the server says. */
export function formatCell(c: Cell | null | undefined, unit: Unit, lng: string): string {
  if (!c) return '—';
  if (c.value == null) return c.display || '—';
  const nf = new Intl.NumberFormat(lng.startsWith('fr') ? 'fr-CA' : 'en-CA', { maximumFractionDigits: unit === 'count' ? 0 : 1 });
  if (unit === 'percent') return `${nf.format(c.value)} %`.replace(' %', lng.startsWith('fr') ? '\u00a0%' : '%');
  if (unit === 'currency') return new Intl.NumberFormat(lng.startsWith('fr') ? 'fr-CA' : 'en-CA', { style: 'currency', currency: 'CAD', maximumFractionDigits: 0 }).format(c.value);
  return nf.format(c.value);
}

export interface Breakdown {
  indicator: Indicator;
  geographyId: string;
  period: string;
  cells: { disaggregation: Record<string, string>; key: string; cell: Cell; share: Cell | null }[];
}
