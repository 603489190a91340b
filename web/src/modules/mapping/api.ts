/** Typed calls to /api/v1/mapping; the types come from the server's contracts. */
import type { z } from 'zod';
import { api, qs } from '../../core/api';
import type {
  Candidate,
  Coverage,
  CoverageCell,
  InventorySchema,
  InventoryTable,
  Snapshot,
  SnapshotSummarySchema,
  TableInput,
  CandidateLabel,
} from '../../../../src/modules/mapping/mapping.schema';

export type { Candidate, Coverage, CoverageCell, InventoryTable, Snapshot, CandidateLabel, TableInput };
export type Inventory = z.infer<typeof InventorySchema>;
export type SnapshotSummary = z.infer<typeof SnapshotSummarySchema>;
export interface FrontLine {
  collaborativeId: string;
  catchmentGeographyId: string | null;
  fromMonth: string;
  latestMonth: string | null;
  rows: { domain: string; needs: number | null; unmet: number | null; display: { needs: string; unmet: string } }[];
}
export interface CellChange {
  domain: string;
  geographyId: string;
  services: [number | null, number];
  unmet: [string | null, string];
  needs: [string | null, string];
}
export interface Comparison {
  a: Snapshot;
  b: Snapshot;
  changes: { cells: CellChange[]; findingsAdded: Snapshot['findings']; findingsRemoved: Snapshot['findings'] };
}
export interface Region {
  id: string;
  code: string;
  nameEn: string;
  nameFr: string | null;
  level: string;
}

export const mappingApi = {
  inventory: () => api.get<Inventory>('/mapping/inventory'),
  createTable: (body: Partial<TableInput> & { collaborativeId?: string }) => api.post<InventoryTable>('/mapping/tables', body),
  updateTable: (id: string, body: Partial<TableInput> & { version: number }) => api.patch<InventoryTable>(`/mapping/tables/${id}`, body),
  importTables: (csv: string, dryRun: boolean) => api.post<{ created: number; updated: number; errors: { line: number; field: string; message: string }[]; dryRun: boolean }>(`/mapping/tables/import${qs({ dryRun: dryRun ? 'true' : undefined })}`, { csv }),
  coverage: (regionId: string, months: number, denominatorId?: string) => api.get<Coverage>(`/mapping/coverage${qs({ regionId, months, denominatorId })}`),
  coverageCsvUrl: (regionId: string, months: number, lang: string, denominatorId?: string) => `/api/v1/mapping/coverage.csv${qs({ regionId, months, lang, denominatorId })}`,
  denominators: () => api.get<{ items: { id: string; code: string; name: string; nameFr: string }[] }>('/mapping/denominators'),
  candidates: (f: { regionId?: string; status?: string; kind?: string }) => api.get<{ items: Candidate[]; actions: Record<string, boolean> }>(`/mapping/candidates${qs(f)}`),
  generate: (regionId: string) => api.post<{ gaps: number; overlaps: number; askedBefore: number }>('/mapping/candidates/generate', { regionId }),
  label: (id: string, body: { label: CandidateLabel; rationale: string; version: number }) => api.post<Candidate>(`/mapping/candidates/${id}/label`, body),
  followUp: (id: string, body: { kind: 'meeting_agenda' | 'strategy_action'; targetId: string; note: string }) => api.post<Candidate>(`/mapping/candidates/${id}/follow-ups`, body),
  snapshots: (regionId?: string) => api.get<{ items: SnapshotSummary[]; actions: Record<string, boolean> }>(`/mapping/snapshots${qs({ regionId })}`),
  publish: (body: { title: string; regionId: string; months: number }) => api.post<Snapshot>('/mapping/snapshots', body),
  snapshot: (id: string, publicLink = false) => api.get<Snapshot>(publicLink ? `/mapping/public/snapshots/${id}` : `/mapping/snapshots/${id}`),
  share: (id: string, isPublic: boolean) => api.put<Snapshot>(`/mapping/snapshots/${id}/public`, { isPublic }),
  compare: (a: string, b: string) => api.get<Comparison>(`/mapping/snapshots/compare${qs({ a, b })}`),
  frontLine: (collaborativeId: string) => api.get<FrontLine>(`/mapping/front-line/collaboratives/${collaborativeId}`),
  regions: () => api.get<{ items: Region[] }>('/geographies?level=upper_tier'),
  collaboratives: () => api.get<{ items: { id: string; name: string }[] }>('/collaboratives'),
};
