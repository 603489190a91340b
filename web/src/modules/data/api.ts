/** Typed calls to /api/v1/data; the types come from the server's contracts (data.schema.ts). */
import type { z } from 'zod';
import { api, ApiError, qs } from '../../core/api';
import type { BreakdownSchema, CellSchema, CensusMappingSchema, DashboardDetailSchema, DashboardSchema, IndicatorSchema, MapSchema, PlaceCellSchema, PointSchema, ProfileSchema, RollupSchema, SeriesSchema, units } from '../../../../src/modules/data/data.schema';

/** Do not retry what is missing or forbidden; retry network trouble twice. */
export const retryUnlessMissing = (n: number, e: unknown) => !(e instanceof ApiError && e.status < 500) && n < 2;

export type Unit = (typeof units)[number];
export type Indicator = z.infer<typeof IndicatorSchema>;
export type Cell = z.infer<typeof CellSchema>;
export type Point = z.infer<typeof PointSchema>;
export type PlaceCell = z.infer<typeof PlaceCellSchema>;
export type Name = PlaceCell['name'];
export type MapData = z.infer<typeof MapSchema>;
export type SeriesData = z.infer<typeof SeriesSchema>;
export type Rollup = z.infer<typeof RollupSchema>;
export type Profile = z.infer<typeof ProfileSchema>;
export type Dashboard = z.infer<typeof DashboardSchema>;
export type DashboardDetail = z.infer<typeof DashboardDetailSchema>;
export type Breakdown = z.infer<typeof BreakdownSchema>;
export type CensusMapping = z.infer<typeof CensusMappingSchema>;

export interface MapQuery {
  indicatorId?: string;
  parentId?: string;
  period?: string;
  collaborativeId?: string;
}
export interface SeriesQuery {
  indicatorId?: string;
  geographyIds: string[];
  collaborativeId?: string;
}
export interface RollupQuery {
  indicatorId: string;
  parentId: string;
  period: string;
  collaborativeId?: string;
}
export interface BreakdownQuery {
  indicatorId: string;
  geographyId: string;
  period: string;
  collaborativeId?: string;
}

export const dataApi = {
  indicators: () => api.get<{ items: Indicator[] }>('/data/indicators'),
  map: (q: MapQuery) => api.get<MapData>(`/data/map${qs({ ...q })}`),
  series: (q: SeriesQuery) => api.get<SeriesData>(`/data/series${qs({ indicatorId: q.indicatorId, geographyIds: q.geographyIds.join(','), collaborativeId: q.collaborativeId })}`),
  rollup: (q: RollupQuery) => api.get<Rollup>(`/data/rollup${qs({ ...q })}`),
  breakdown: (q: BreakdownQuery) => api.get<Breakdown>(`/data/breakdown${qs({ ...q })}`),
  profile: (id: string) => api.get<Profile>(`/data/profiles/${id}`),
  dashboards: () => api.get<{ items: Dashboard[] }>('/data/dashboards'),
  dashboard: (id: string) => api.get<DashboardDetail>(`/data/dashboards/${id}`),
  censusMappings: () => api.get<{ items: CensusMapping[] }>('/data/census-mappings'),
};

export const nameIn = (n: { en: string; fr: string | null }, lng: string) => (lng.startsWith('fr') && n.fr) || n.en;

/** Formats a cell for people: numbers in the locale, suppressed cells as the server says. */
export function formatCell(c: Cell | null | undefined, unit: Unit, lng: string): string {
  if (!c) return '—';
  if (c.value == null) return c.display || '—';
  const nf = new Intl.NumberFormat(lng.startsWith('fr') ? 'fr-CA' : 'en-CA', { maximumFractionDigits: unit === 'count' ? 0 : 1 });
  if (unit === 'percent') return `${nf.format(c.value)} %`.replace(' %', lng.startsWith('fr') ? '\u00a0%' : '%');
  if (unit === 'currency') return new Intl.NumberFormat(lng.startsWith('fr') ? 'fr-CA' : 'en-CA', { style: 'currency', currency: 'CAD', maximumFractionDigits: 0 }).format(c.value);
  return nf.format(c.value);
}
