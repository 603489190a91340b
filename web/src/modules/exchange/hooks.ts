/** Query hooks of the exchange pages; every key comes from exchangeKeys. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { exchangeApi, type AdoptInput, type MemberInput, type NetworkInput, type PracticeEditInput, type PracticeFilter, type PracticeInput, type VersionInput } from './api';

export const exchangeKeys = {
  all: ['exchange'] as const,
  networks: () => [...exchangeKeys.all, 'networks'] as const,
  network: (id: string) => [...exchangeKeys.all, 'network', id] as const,
  comparison: (id: string, f: { indicatorId?: string; communityType?: string }) => [...exchangeKeys.all, 'comparison', id, f] as const,
  grants: (id: string) => [...exchangeKeys.all, 'grants', id] as const,
  templates: (id: string) => [...exchangeKeys.all, 'templates', id] as const,
  notices: () => [...exchangeKeys.all, 'notices'] as const,
  steward: (id: string, period: string) => [...exchangeKeys.all, 'steward', id, period] as const,
  practices: (f: PracticeFilter) => [...exchangeKeys.all, 'practices', f] as const,
  practice: (id: string) => [...exchangeKeys.all, 'practice', id] as const,
  indicators: () => [...exchangeKeys.all, 'indicators'] as const,
  plans: () => [...exchangeKeys.all, 'plans'] as const,
  plan: (id: string) => [...exchangeKeys.all, 'plan', id] as const,
  collaboratives: () => [...exchangeKeys.all, 'collaboratives'] as const,
  evidenceOptions: () => [...exchangeKeys.all, 'evidence-options'] as const,
};

export const useNetworks = () => useQuery({ queryKey: exchangeKeys.networks(), queryFn: exchangeApi.networks });
export const useNetwork = (id: string) => useQuery({ queryKey: exchangeKeys.network(id), queryFn: () => exchangeApi.network(id) });
export const useComparison = (id: string, f: { indicatorId?: string; communityType?: string }) => useQuery({ queryKey: exchangeKeys.comparison(id, f), queryFn: () => exchangeApi.comparison(id, f) });
export const useGrants = (id: string) => useQuery({ queryKey: exchangeKeys.grants(id), queryFn: () => exchangeApi.grants(id) });
export const useTemplates = (id: string) => useQuery({ queryKey: exchangeKeys.templates(id), queryFn: () => exchangeApi.templates(id) });
export const useNotices = () => useQuery({ queryKey: exchangeKeys.notices(), queryFn: exchangeApi.notices });
export const useSteward = (id: string, period: string, enabled: boolean) => useQuery({ queryKey: exchangeKeys.steward(id, period), queryFn: () => exchangeApi.steward(id, period), enabled });
export const usePractices = (f: PracticeFilter) => useQuery({ queryKey: exchangeKeys.practices(f), queryFn: () => exchangeApi.practices(f) });
export const usePractice = (id: string) => useQuery({ queryKey: exchangeKeys.practice(id), queryFn: () => exchangeApi.practice(id) });
export const useIndicatorOptions = () => useQuery({ queryKey: exchangeKeys.indicators(), queryFn: exchangeApi.indicators, staleTime: 60_000 });
export const usePlanOptions = () => useQuery({ queryKey: exchangeKeys.plans(), queryFn: exchangeApi.plans, staleTime: 60_000 });

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: exchangeKeys.all });
}

export function useShare(networkId: string) {
  const done = useInvalidate();
  return useMutation({ mutationFn: (body: Parameters<typeof exchangeApi.share>[1]) => exchangeApi.share(networkId, body), onSuccess: done });
}
export function useRevoke() {
  const done = useInvalidate();
  return useMutation({ mutationFn: (v: { id: string; reason: string }) => exchangeApi.revoke(v.id, v.reason), onSuccess: done });
}
export function useAdapt() {
  const done = useInvalidate();
  return useMutation({ mutationFn: (v: { id: string; planId: string }) => exchangeApi.adapt(v.id, v.planId), onSuccess: done });
}
export const useCollaborativeOptions = (enabled: boolean) => useQuery({ queryKey: exchangeKeys.collaboratives(), queryFn: exchangeApi.collaboratives, staleTime: 60_000, enabled });
export const usePlanMeasures = (planId: string | undefined) => useQuery({ queryKey: exchangeKeys.plan(planId ?? ''), queryFn: () => exchangeApi.plan(planId!), enabled: !!planId, staleTime: 60_000 });

export function useCreateNetwork() {
  const done = useInvalidate();
  return useMutation({ mutationFn: (body: NetworkInput) => exchangeApi.createNetwork(body), onSuccess: done });
}
export function useAddMember(networkId: string) {
  const done = useInvalidate();
  return useMutation({ mutationFn: (body: MemberInput) => exchangeApi.addMember(networkId, body), onSuccess: done });
}
export function useRemoveMember(networkId: string) {
  const done = useInvalidate();
  return useMutation({ mutationFn: (v: { collaborativeId: string; reason: string }) => exchangeApi.removeMember(networkId, v.collaborativeId, v.reason), onSuccess: done });
}
export function usePublishVersion() {
  const done = useInvalidate();
  return useMutation({ mutationFn: (v: { templateId: string; body: VersionInput }) => exchangeApi.publishVersion(v.templateId, v.body), onSuccess: done });
}
export function useAdopt() {
  const done = useInvalidate();
  return useMutation({ mutationFn: (v: { templateId: string; body: AdoptInput }) => exchangeApi.adopt(v.templateId, v.body), onSuccess: done });
}
export function useCreatePractice() {
  const done = useInvalidate();
  return useMutation({ mutationFn: (body: PracticeInput) => exchangeApi.createPractice(body), onSuccess: done });
}
export function useUpdatePractice() {
  const done = useInvalidate();
  return useMutation({ mutationFn: (v: { id: string; body: PracticeEditInput }) => exchangeApi.updatePractice(v.id, v.body), onSuccess: done });
}
export const useEvidenceOptions = () => useQuery({ queryKey: exchangeKeys.evidenceOptions(), queryFn: exchangeApi.evidenceOptions, staleTime: 60_000 });
