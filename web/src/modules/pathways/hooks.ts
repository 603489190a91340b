/** Query hooks of the pathways pages; every key comes from pathwaysKeys. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { pathwaysApi } from './api';

export const pathwaysKeys = {
  all: ['pathways'] as const,
  list: () => [...pathwaysKeys.all, 'list'] as const,
  one: (id: string) => [...pathwaysKeys.all, 'one', id] as const,
  flow: (id: string, from?: string, to?: string) => [...pathwaysKeys.all, 'flow', id, from ?? '', to ?? ''] as const,
  workshop: (id: string) => [...pathwaysKeys.all, 'workshop', id] as const,
  feedback: (id: string) => [...pathwaysKeys.all, 'feedback', id] as const,
  reference: (q: string) => [...pathwaysKeys.all, 'reference', q] as const,
  collaboratives: () => [...pathwaysKeys.all, 'collaboratives'] as const,
  publicOne: (id: string, lang: string) => [...pathwaysKeys.all, 'public', id, lang] as const,
  publicList: (serviceId?: string) => [...pathwaysKeys.all, 'public-list', serviceId ?? ''] as const,
};

export const usePathways = () => useQuery({ queryKey: pathwaysKeys.list(), queryFn: pathwaysApi.list });
export const usePathway = (id: string | undefined) => useQuery({ queryKey: pathwaysKeys.one(id ?? ''), queryFn: () => pathwaysApi.one(id!), enabled: !!id });
export const useFlow = (id: string, from?: string, to?: string) => useQuery({ queryKey: pathwaysKeys.flow(id, from, to), queryFn: () => pathwaysApi.flow(id, from, to) });
export const useWorkshop = (id: string) => useQuery({ queryKey: pathwaysKeys.workshop(id), queryFn: () => pathwaysApi.workshop(id) });
export const useFeedback = (id: string, enabled: boolean) => useQuery({ queryKey: pathwaysKeys.feedback(id), queryFn: () => pathwaysApi.feedback(id), enabled });
export const useReference = (q: string) => useQuery({ queryKey: pathwaysKeys.reference(q), queryFn: () => pathwaysApi.reference(q || undefined), staleTime: 60_000 });
export const useCollaborativeOptions = () => useQuery({ queryKey: pathwaysKeys.collaboratives(), queryFn: pathwaysApi.collaboratives, staleTime: 60_000 });
export const usePublicPathway = (id: string, lang: string) => useQuery({ queryKey: pathwaysKeys.publicOne(id, lang), queryFn: () => pathwaysApi.publicOne(id, lang) });
export const usePublicPathways = (serviceId?: string) => useQuery({ queryKey: pathwaysKeys.publicList(serviceId), queryFn: () => pathwaysApi.publicList(serviceId) });

/** A mutation that refreshes every pathways query when it succeeds. */
export function usePathwayMutation<A, R>(fn: (a: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: pathwaysKeys.all }) });
}
