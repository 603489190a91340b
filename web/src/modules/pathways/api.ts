/** Typed calls to /api/v1/pathways; the types come from the server's contracts. */
import type { z } from 'zod';
import { api, qs } from '../../core/api';
import type { Flow, Pathway, StepInput, MergedSchema, PathwaySummarySchema, PublicPathwaySchema, FeedbackSchema, PublicListSchema, StepChange } from '../../../../src/modules/pathways/pathways.schema';

export type { Flow, Pathway, StepInput, StepChange };
export type Step = Pathway['steps'][number];
export type PathwaySummary = z.infer<typeof PathwaySummarySchema>;
export type Merged = z.infer<typeof MergedSchema>;
export type PublicPathway = z.infer<typeof PublicPathwaySchema>;
export type Feedback = z.infer<typeof FeedbackSchema>;
export type PublicList = z.infer<typeof PublicListSchema>;
export interface Reference {
  domains: { code: string; name: string; nameFr: string }[];
  services: { id: string; name: string; nameFr: string; organizationId: string; organizationName: string }[];
}
export interface CollaborativeOption { id: string; name: string }

const base = '/pathways';
export const pathwaysApi = {
  list: () => api.get<{ items: PathwaySummary[]; actions: Record<string, boolean> }>(base),
  one: (id: string) => api.get<Pathway>(`${base}/${id}`),
  create: (body: { collaborativeId: string; name: string; nameFr?: string; scenario?: string; scenarioFr?: string; population?: string }) => api.post<Pathway>(base, body),
  update: (id: string, body: Partial<Omit<Pathway, 'steps'>> & { steps?: StepInput[]; version: number }) => api.patch<Pathway>(`${base}/${id}`, body),
  remove: (id: string) => api.del<void>(`${base}/${id}`),
  publish: (id: string, version: number, note: string) => api.post<Pathway>(`${base}/${id}/publish`, { version, note }),
  copy: (id: string, collaborativeId: string, name?: string) => api.post<Pathway>(`${base}/${id}/copies`, { collaborativeId, name }),
  acknowledge: (id: string) => api.post<Pathway>(`${base}/${id}/base/acknowledge`),
  flow: (id: string, from?: string, to?: string) => api.get<Flow>(`${base}/${id}/flow${qs({ from, to })}`),
  workshop: (id: string) => api.get<Merged>(`${base}/${id}/workshop`),
  addDrawing: (id: string, body: { participant: string; steps: { kind: string; title: string; stepKey: string | null }[] }) => api.post<Merged>(`${base}/${id}/workshop/drawings`, body),
  feedback: (id: string) => api.get<{ items: Feedback[] }>(`${base}/${id}/feedback`),
  reference: (q?: string) => api.get<Reference>(`${base}/reference${qs({ q })}`),
  importPlanDefinition: (collaborativeId: string, planDefinition: unknown) => api.post<Pathway>(`${base}/import/plan-definition`, { collaborativeId, planDefinition }),
  collaboratives: async () => (await api.get<{ items: CollaborativeOption[] }>('/collaboratives')).items,
  publicOne: (id: string, lang: string) => api.get<PublicPathway>(`${base}/public/${id}${qs({ lang })}`),
  publicList: (serviceId?: string) => api.get<PublicList>(`${base}/public${qs({ serviceId })}`),
  sendFeedback: (id: string, body: { answer: string; comment: string; stepKey: string | null; lang: string }) => api.post<{ received: boolean }>(`${base}/public/${id}/feedback`, body),
};
