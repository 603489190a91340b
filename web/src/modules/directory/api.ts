/** Typed calls to the directory's /api/v1 routes and the public HSDA reads; the types come from the server's contracts. */
import type { z } from 'zod';
import { api, qs } from '../../core/api';
import type { CapacityBody, Categories, EditBody, FinderResults, FinderServiceDetail, HsdsRecord, Languages, ReviewQueue, TermBody, TermSaved } from '../../../../src/modules/directory/directory.schema';
import type { Feature } from '../geography/projection';

export type { CategoryTerm as Term, FinderCapacity, FinderHours, FinderLocation, FinderResults, FinderService, FinderServiceDetail, ReviewItem, ReviewQueue, Taxonomy } from '../../../../src/modules/directory/directory.schema';
export type LanguageItem = Languages['items'][number];
export type ServiceEditInput = z.input<typeof EditBody>;
export type CapacityInput = z.input<typeof CapacityBody>;
export type TermInput = z.input<typeof TermBody>;
export type HsdsService = z.infer<typeof HsdsRecord>;

/** An HSDS taxonomy term as /hsds/taxonomy_terms lists it (the fields the taxonomy page reads). */
export interface HsdsTerm {
  id: string;
  code?: string;
  name: string;
  description: string;
  parent_id?: string;
  taxonomy_id: string;
  translations?: { fr?: { name?: string } };
}
/** An HSDS taxonomy as /hsds/taxonomies lists it. */
export interface HsdsTaxonomy {
  id: string;
  name: string;
}

/** GET on the public HSDA API (/hsds, outside /api/v1): read-only, so no CSRF token. */
async function hsdsGet<T>(path: string): Promise<T> {
  const res = await fetch(`/hsds${path}`, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
  if (!res.ok) throw new Error(`GET /hsds${path} answered ${res.status}`);
  return (await res.json()) as T;
}

export const directoryApi = {
  // the public finder
  search: (query: string) => api.get<FinderResults>(`/finder/services?${query}`),
  service: (id: string, lang: 'en' | 'fr') => api.get<FinderServiceDetail>(`/finder/services/${id}${qs({ lang })}`),
  categories: (lang: 'en' | 'fr') => api.get<Categories>(`/finder/categories${qs({ lang })}`),
  languages: () => api.get<Languages>('/finder/languages'),
  upperTiers: () => api.get<{ items: { id: string; code: string }[] }>('/geographies?level=upper_tier'),
  boundaries: (parentId: string) => api.get<{ type: 'FeatureCollection'; features: Feature[] }>(`/geographies/boundaries${qs({ parentId })}`),
  // staff
  update: (id: string, body: ServiceEditInput) => api.patch<HsdsService>(`/directory/services/${id}`, body),
  verify: (id: string) => api.post<HsdsService>(`/directory/services/${id}/verify`),
  setCapacity: (id: string, body: CapacityInput) => api.put<HsdsService>(`/directory/services/${id}/capacity`, body),
  reviewQueue: () => api.get<ReviewQueue>('/directory/review-queue'),
  setReviewMonths: (months: number) => api.put<null>('/directory/settings/review-months', { months }),
  createTerm: (body: TermInput) => api.post<z.infer<typeof TermSaved>>('/directory/taxonomy-terms', body),
  updateTerm: (id: string, body: TermInput) => api.put<z.infer<typeof TermSaved>>(`/directory/taxonomy-terms/${id}`, body),
  // the HSDA reads the taxonomy page lists
  taxonomies: async () => (await hsdsGet<{ contents: HsdsTaxonomy[] }>('/taxonomies?per_page=100')).contents,
  taxonomyTerms: async (taxonomyId: string) => (await hsdsGet<{ contents: HsdsTerm[] }>(`/taxonomy_terms${qs({ taxonomy_id: taxonomyId, per_page: '500' })}`)).contents,
};
