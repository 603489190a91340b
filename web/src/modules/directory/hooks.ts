/** Query hooks of the directory pages; every key comes from directoryKeys. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Feature } from '../geography/projection';
import { directoryApi } from './api';

const finderRoot = ['finder'] as const;
const staffRoot = ['directory'] as const;

/**
 * Query keys of the directory. The public finder's keys start with 'finder' (staff edits
 * invalidate them all at once), staff lists with 'directory', HSDA reads with 'hsds'.
 */
export const directoryKeys = {
  finder: finderRoot,
  staff: staffRoot,
  results: (query: string) => [...finderRoot, 'services', query] as const,
  service: (id: string | undefined, lang: 'en' | 'fr') => [...finderRoot, 'service', id, lang] as const,
  categories: (lang: 'en' | 'fr') => [...finderRoot, 'categories', lang] as const,
  languages: () => [...finderRoot, 'languages'] as const,
  boundaries: () => [...finderRoot, 'durham-boundaries'] as const,
  reviewQueue: () => [...staffRoot, 'review-queue'] as const,
  hsds: ['hsds'] as const,
  taxonomies: () => ['hsds', 'taxonomies'] as const,
  terms: (taxonomyId?: string) => (taxonomyId ? (['hsds', 'terms', taxonomyId] as const) : (['hsds', 'terms'] as const)),
};

/** The interface language as the finder's lang parameter. */
export function useFinderLang(): 'en' | 'fr' {
  const { i18n } = useTranslation();
  return i18n.language === 'fr' ? 'fr' : 'en';
}

export const useFinderSearch = (query: string) =>
  useQuery({ queryKey: directoryKeys.results(query), queryFn: () => directoryApi.search(query), placeholderData: (prev) => prev });

export function useFinderService(id: string | undefined) {
  const lang = useFinderLang();
  return useQuery({ queryKey: directoryKeys.service(id, lang), queryFn: () => directoryApi.service(id!, lang), enabled: !!id });
}

export function useCategories() {
  const lang = useFinderLang();
  return useQuery({ queryKey: directoryKeys.categories(lang), queryFn: () => directoryApi.categories(lang), staleTime: 10 * 60_000 });
}

export const useFinderLanguages = () => useQuery({ queryKey: directoryKeys.languages(), queryFn: directoryApi.languages, staleTime: 10 * 60_000 });

/** Durham's municipal boundaries, for the offline map. */
export function useDurhamBoundaries() {
  return useQuery({
    queryKey: directoryKeys.boundaries(),
    queryFn: async () => {
      const { items } = await directoryApi.upperTiers();
      const durham = items.find((g) => g.code === '3518');
      if (!durham) return { type: 'FeatureCollection' as const, features: [] as Feature[] };
      return directoryApi.boundaries(durham.id);
    },
    staleTime: Infinity,
  });
}

export const useReviewQueue = () => useQuery({ queryKey: directoryKeys.reviewQueue(), queryFn: directoryApi.reviewQueue });
export const useTaxonomies = () => useQuery({ queryKey: directoryKeys.taxonomies(), queryFn: directoryApi.taxonomies });
export const useTaxonomyTerms = (taxonomyId: string | undefined) =>
  useQuery({ queryKey: directoryKeys.terms(taxonomyId), queryFn: () => directoryApi.taxonomyTerms(taxonomyId!), enabled: !!taxonomyId });

/** Marks a service verified; the review queue and the finder's answers are read again. */
export function useVerifyService() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => directoryApi.verify(id),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: directoryKeys.reviewQueue() });
      await client.invalidateQueries({ queryKey: directoryKeys.finder });
    },
  });
}

export function useSetReviewMonths() {
  const client = useQueryClient();
  return useMutation({ mutationFn: (months: number) => directoryApi.setReviewMonths(months), onSuccess: () => client.invalidateQueries({ queryKey: directoryKeys.reviewQueue() }) });
}
