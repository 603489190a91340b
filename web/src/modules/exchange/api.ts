/** Typed calls to /api/v1/exchange; the types come from the server's contracts. */
import type { z } from 'zod';
import { api, qs } from '../../core/api';
import type { AdoptBody, EvidenceOptions, GrantBody, MemberBody, NetworkBody, PracticeBody, PracticeEditBody, TemplateVersionBody, Comparison, Grant, Network, NetworkSummarySchema, NoticeSchema, Practice, PracticeListSchema, StewardSchema, Template } from '../../../../src/modules/exchange/exchange.schema';

export type { Comparison, Grant, Network, Practice, Template };
export type NetworkSummary = z.infer<typeof NetworkSummarySchema>;
export type PracticeList = z.infer<typeof PracticeListSchema>;
export type StewardView = z.infer<typeof StewardSchema>;
export type Notice = z.infer<typeof NoticeSchema>;
export interface PracticeFilter {
  q?: string;
  communityType?: string;
  needDomain?: string;
  welcomingCharacteristic?: string;
}
export interface IndicatorOption {
  id: string;
  code: string;
  name: { en: string; fr: string | null };
}
export interface PlanOption {
  id: string;
  collaborativeId: string;
  title: string;
  titleFr: string | null;
}

export interface MeasureOption {
  id: string;
  name: string;
  nameFr: string | null;
}
export type ShareInput = z.input<typeof GrantBody>;
export type NetworkInput = z.input<typeof NetworkBody>;
export type MemberInput = z.input<typeof MemberBody>;
export type VersionInput = z.input<typeof TemplateVersionBody>;
export type AdoptInput = z.input<typeof AdoptBody>;
export type PracticeInput = z.input<typeof PracticeBody>;
export type PracticeEditInput = z.input<typeof PracticeEditBody>;
export type { EvidenceOptions };

export const exchangeApi = {
  networks: () => api.get<{ items: NetworkSummary[]; actions: Record<string, boolean> }>('/exchange/networks'),
  network: (id: string) => api.get<Network>(`/exchange/networks/${id}`),
  comparison: (id: string, f: { indicatorId?: string; communityType?: string }) => api.get<Comparison>(`/exchange/networks/${id}/comparison${qs(f)}`),
  grants: (id: string) => api.get<{ items: Grant[] }>(`/exchange/networks/${id}/grants`),
  share: (id: string, body: ShareInput) => api.post<Grant>(`/exchange/networks/${id}/grants`, body),
  createNetwork: (body: NetworkInput) => api.post<Network>('/exchange/networks', body),
  addMember: (id: string, body: MemberInput) => api.post<Network>(`/exchange/networks/${id}/members`, body),
  removeMember: (id: string, collaborativeId: string, reason: string) => api.post<Network>(`/exchange/networks/${id}/members/${collaborativeId}/remove`, { reason }),
  publishVersion: (templateId: string, body: VersionInput) => api.post<Template>(`/exchange/templates/${templateId}/versions`, body),
  adopt: (templateId: string, body: AdoptInput) => api.post<Template>(`/exchange/templates/${templateId}/adoptions`, body),
  createPractice: (body: PracticeInput) => api.post<Practice>('/exchange/practices', body),
  updatePractice: (id: string, body: PracticeEditInput) => api.put<Practice>(`/exchange/practices/${id}`, body),
  evidenceOptions: () => api.get<EvidenceOptions>('/exchange/evidence-options'),
  collaboratives: () => api.get<{ items: { id: string; name: string }[] }>('/collaboratives'),
  plan: (id: string) => api.get<{ id: string; collaborativeId: string; measures: MeasureOption[] }>(`/strategy/plans/${id}`),
  revoke: (grantId: string, reason: string) => api.post<Grant>(`/exchange/grants/${grantId}/revoke`, { reason }),
  templates: (id: string) => api.get<{ items: Template[] }>(`/exchange/networks/${id}/templates`),
  notices: () => api.get<{ items: Notice[] }>('/exchange/notices'),
  steward: (id: string, period: string) => api.get<StewardView>(`/exchange/networks/${id}/steward${qs({ period })}`),
  practices: (f: PracticeFilter) => api.get<PracticeList>(`/exchange/practices${qs({ ...f })}`),
  practice: (id: string) => api.get<Practice>(`/exchange/practices/${id}`),
  adapt: (id: string, planId: string) => api.post<{ practice: Practice; planId: string; elementId: string }>(`/exchange/practices/${id}/adapt`, { planId }),
  indicators: () => api.get<{ items: IndicatorOption[] }>('/data/indicators'),
  plans: () => api.get<{ items: PlanOption[]; manageableCollaboratives: string[] }>('/strategy/plans'),
};
