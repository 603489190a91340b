/** Query hooks of the mapping pages; every key comes from mappingKeys. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { mappingApi, type TableInput, type CandidateLabel } from './api';

export const mappingKeys = {
  all: ['mapping'] as const,
  inventory: () => [...mappingKeys.all, 'inventory'] as const,
  coverage: (regionId: string, months: number, denominatorId?: string) => [...mappingKeys.all, 'coverage', regionId, months, denominatorId ?? ''] as const,
  denominators: () => [...mappingKeys.all, 'denominators'] as const,
  candidates: (f: { regionId?: string; status?: string; kind?: string }) => [...mappingKeys.all, 'candidates', f] as const,
  snapshots: (regionId?: string) => [...mappingKeys.all, 'snapshots', regionId ?? 'all'] as const,
  snapshot: (id: string, publicLink: boolean) => [...mappingKeys.all, 'snapshot', id, publicLink] as const,
  compare: (a: string, b: string) => [...mappingKeys.all, 'compare', a, b] as const,
  frontLine: (collaborativeId: string) => [...mappingKeys.all, 'front-line', collaborativeId] as const,
  regions: () => [...mappingKeys.all, 'regions'] as const,
  collaboratives: () => [...mappingKeys.all, 'collaboratives'] as const,
};

export const useInventory = () => useQuery({ queryKey: mappingKeys.inventory(), queryFn: mappingApi.inventory });
export const useRegions = () => useQuery({ queryKey: mappingKeys.regions(), queryFn: mappingApi.regions, staleTime: 5 * 60_000 });
export const useCoverage = (regionId: string | undefined, months: number, denominatorId?: string) =>
  useQuery({ queryKey: mappingKeys.coverage(regionId ?? '', months, denominatorId), queryFn: () => mappingApi.coverage(regionId!, months, denominatorId), enabled: !!regionId });
export const useDenominators = () => useQuery({ queryKey: mappingKeys.denominators(), queryFn: mappingApi.denominators, staleTime: 300_000 });
export const useCandidates = (f: { regionId?: string; status?: string; kind?: string }) =>
  useQuery({ queryKey: mappingKeys.candidates(f), queryFn: () => mappingApi.candidates(f), enabled: !!f.regionId });
export const useSnapshots = (regionId?: string, enabled = true) => useQuery({ queryKey: mappingKeys.snapshots(regionId), queryFn: () => mappingApi.snapshots(regionId), enabled });
export const useSnapshot = (id: string | undefined, publicLink = false) =>
  useQuery({ queryKey: mappingKeys.snapshot(id ?? '', publicLink), queryFn: () => mappingApi.snapshot(id!, publicLink), enabled: !!id });
export const useComparison = (a: string | undefined, b: string | undefined) =>
  useQuery({ queryKey: mappingKeys.compare(a ?? '', b ?? ''), queryFn: () => mappingApi.compare(a!, b!), enabled: !!a && !!b && a !== b });
export const useFrontLine = (collaborativeId: string) => useQuery({ queryKey: mappingKeys.frontLine(collaborativeId), queryFn: () => mappingApi.frontLine(collaborativeId) });
export const useCollaborativeOptions = () => useQuery({ queryKey: mappingKeys.collaboratives(), queryFn: mappingApi.collaboratives, staleTime: 60_000 });

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: mappingKeys.all });
}

export function useSaveTable() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (v: { id?: string; version?: number | null; collaborativeId?: string; body: Partial<TableInput> }) =>
      v.id && v.version != null ? mappingApi.updateTable(v.id, { ...v.body, version: v.version }) : mappingApi.createTable({ ...v.body, ...(v.collaborativeId ? { collaborativeId: v.collaborativeId } : {}) }),
    onSuccess: done,
  });
}

export function useImportTables() {
  const done = useInvalidate();
  return useMutation({ mutationFn: (v: { csv: string; dryRun: boolean }) => mappingApi.importTables(v.csv, v.dryRun), onSuccess: done });
}

export function useGenerate() {
  const done = useInvalidate();
  return useMutation({ mutationFn: (regionId: string) => mappingApi.generate(regionId), onSuccess: done });
}

export function useLabel() {
  const done = useInvalidate();
  return useMutation({ mutationFn: (v: { id: string; label: CandidateLabel; rationale: string; version: number }) => mappingApi.label(v.id, v), onSuccess: done });
}

export function useFollowUp() {
  const done = useInvalidate();
  return useMutation({ mutationFn: (v: { id: string; kind: 'meeting_agenda' | 'strategy_action'; targetId: string; note: string }) => mappingApi.followUp(v.id, v), onSuccess: done });
}

export function usePublish() {
  const done = useInvalidate();
  return useMutation({ mutationFn: mappingApi.publish, onSuccess: done });
}

export function useShare() {
  const done = useInvalidate();
  return useMutation({ mutationFn: (v: { id: string; isPublic: boolean }) => mappingApi.share(v.id, v.isPublic), onSuccess: done });
}
