/** Query hooks for places; every key comes from geographyKeys. */
import { useQuery } from '@tanstack/react-query';
import { geographyApi } from './api';

export const geographyKeys = {
  all: ['geographies'] as const,
  list: () => [...geographyKeys.all, 'all'] as const,
  place: (id: string) => [...geographyKeys.all, 'detail', id] as const,
  level: (level: string) => [...geographyKeys.all, level] as const,
  boundaries: (parentId: string) => [...geographyKeys.all, 'boundaries', parentId] as const,
};

/** Every place (reference data, kept five minutes). */
export const useAllPlaces = (enabled = true) => useQuery({ queryKey: geographyKeys.list(), queryFn: geographyApi.all, staleTime: 5 * 60_000, enabled });
export const usePlace = (id: string) => useQuery({ queryKey: geographyKeys.place(id), queryFn: () => geographyApi.place(id) });
/** The boundaries of the places under a parent (kept five minutes). */
export const useBoundaries = (parentId: string, enabled = true) => useQuery({ queryKey: geographyKeys.boundaries(parentId), queryFn: () => geographyApi.boundaries(parentId), enabled, staleTime: 5 * 60_000 });
/** The places of one level, e.g. `upper_tier` (kept five minutes). */
export const usePlacesAtLevel = (level: string) => useQuery({ queryKey: geographyKeys.level(level), queryFn: () => geographyApi.atLevel(level), staleTime: 5 * 60_000 });
