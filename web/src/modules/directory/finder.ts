import { useFinderLang, useFinderSearch } from './hooks';

export type { FinderCapacity, FinderHours, FinderLocation, FinderResults, FinderService, FinderServiceDetail, Taxonomy, Term } from './api';
export { useCategories, useDurhamBoundaries, useFinderLanguages, useFinderService } from './hooks';

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
  const lang = useFinderLang();
  const p = paramsFrom(f);
  p.set('lang', lang);
  p.set('perPage', String(PER_PAGE));
  return useFinderSearch(p.toString());
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
