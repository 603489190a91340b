import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../core/api';
import type { Feature } from '../geography/projection';

export interface FinderHours {
  byday: string | null;
  opensAt: string | null;
  closesAt: string | null;
  description: string | null;
}

export interface FinderLocation {
  id: string;
  name: string | null;
  latitude: number | null;
  longitude: number | null;
  geographyCode: string | null;
  address: string | null;
  wheelchairAccessible: boolean;
  hours: FinderHours[];
  openNow: boolean;
}

export interface FinderCapacity {
  unit: string;
  available: number;
  maximum: number | null;
  description: string | null;
  updated: string;
  ageDays: number;
}

export interface FinderService {
  id: string;
  name: string;
  description: string;
  organization: { id: string; name: string; website: string | null };
  status: string;
  applicationProcess: string | null;
  eligibility: string | null;
  minimumAge: number | null;
  maximumAge: number | null;
  fees: string | null;
  free: boolean;
  url: string | null;
  email: string | null;
  distanceKm: number | null;
  languages: { code: string | null; name: string | null }[];
  phones: { number: string; extension: string | null; description: string | null }[];
  requiredDocuments: string[];
  categories: { id: string; name: string; taxonomy: string | null }[];
  locations: FinderLocation[];
  capacity: FinderCapacity[];
  lastVerifiedAt: string | null;
  lastVerifiedBy: string | null;
}

export interface FinderServiceDetail extends FinderService {
  version?: number;
  actions?: { edit: boolean };
  hsds: Record<string, unknown> & { translations?: Record<string, { name?: string; description?: string }> };
}

export interface FinderResults {
  items: FinderService[];
  total: number;
  page: number;
  perPage: number;
  corrected: string | null;
  origin: { latitude: number; longitude: number; label: string } | null;
}

export interface Term {
  id: string;
  code: string;
  name: string;
  children: Term[];
}

export interface Taxonomy {
  id: string;
  name: string;
  terms: Term[];
}

/** The filters a search carries, exactly as they appear in the address bar. */
export interface FinderFilters {
  q: string;
  termId: string[];
  municipality: string;
  near: string;
  radiusKm: string;
  language: string;
  age: string;
  openNow: boolean;
  free: boolean;
  wheelchair: boolean;
  page: number;
}

export function filtersFrom(params: URLSearchParams): FinderFilters {
  return {
    q: params.get('q') ?? '',
    termId: params.getAll('termId'),
    municipality: params.get('municipality') ?? '',
    near: params.get('near') ?? '',
    radiusKm: params.get('radiusKm') ?? '',
    language: params.get('language') ?? '',
    age: params.get('age') ?? '',
    openNow: params.get('openNow') === 'true',
    free: params.get('free') === 'true',
    wheelchair: params.get('wheelchair') === 'true',
    page: Math.max(1, Number(params.get('page')) || 1),
  };
}

/** Address-bar parameters for these filters, leaving out what is empty or default. */
export function paramsFrom(f: FinderFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.q.trim()) p.set('q', f.q.trim());
  for (const id of f.termId) if (id) p.append('termId', id);
  if (f.municipality) p.set('municipality', f.municipality);
  if (f.near.trim()) {
    p.set('near', f.near.trim());
    if (f.radiusKm) p.set('radiusKm', f.radiusKm);
  }
  if (f.language) p.set('language', f.language);
  if (f.age.trim()) p.set('age', f.age.trim());
  if (f.openNow) p.set('openNow', 'true');
  if (f.free) p.set('free', 'true');
  if (f.wheelchair) p.set('wheelchair', 'true');
  if (f.page > 1) p.set('page', String(f.page));
  return p;
}

export const PER_PAGE = 20;

export function useFinderResults(f: FinderFilters) {
  const { i18n } = useTranslation();
  const p = paramsFrom(f);
  p.set('lang', i18n.language === 'fr' ? 'fr' : 'en');
  p.set('perPage', String(PER_PAGE));
  const query = p.toString();
  return useQuery({
    queryKey: ['finder', 'services', query],
    queryFn: () => api.get<FinderResults>(`/finder/services?${query}`),
    placeholderData: (prev) => prev,
  });
}

export function useFinderService(id: string | undefined) {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'fr' ? 'fr' : 'en';
  return useQuery({
    queryKey: ['finder', 'service', id, lang],
    queryFn: () => api.get<FinderServiceDetail>(`/finder/services/${id}?lang=${lang}`),
    enabled: !!id,
  });
}

export function useCategories() {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'fr' ? 'fr' : 'en';
  return useQuery({
    queryKey: ['finder', 'categories', lang],
    queryFn: () => api.get<{ taxonomies: Taxonomy[] }>(`/finder/categories?lang=${lang}`),
    staleTime: 10 * 60_000,
  });
}

export function useFinderLanguages() {
  return useQuery({
    queryKey: ['finder', 'languages'],
    queryFn: () => api.get<{ items: { code: string; name: string; services: number }[] }>('/finder/languages'),
    staleTime: 10 * 60_000,
  });
}

/** Durham's municipal boundaries, for the offline map. */
export function useDurhamBoundaries() {
  return useQuery({
    queryKey: ['finder', 'durham-boundaries'],
    queryFn: async () => {
      const { items } = await api.get<{ items: { id: string; code: string }[] }>('/geographies?level=upper_tier');
      const durham = items.find((g) => g.code === '3518');
      if (!durham) return { type: 'FeatureCollection' as const, features: [] as Feature[] };
      return api.get<{ type: 'FeatureCollection'; features: Feature[] }>(`/geographies/boundaries?parentId=${durham.id}`);
    },
    staleTime: Infinity,
  });
}

/** A language code's name in the interface language ("French" / "français"), falling back to what the server sent. */
export function languageName(code: string | null, fallback: string | null, lng: string): string {
  if (code) {
    try {
      const name = new Intl.DisplayNames([lng === 'fr' ? 'fr-CA' : 'en-CA'], { type: 'language' }).of(code);
      if (name && name !== code) return lng === 'fr' ? name : name;
    } catch {
      /* unknown code */
    }
  }
  return fallback ?? code ?? '';
}
