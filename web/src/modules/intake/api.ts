/**
 * Typed calls to /api/v1/intake through core/api.ts (which handles the CSRF token). The types
 * are inferred from the server's contracts (src/modules/intake/intake.schema.ts, server-free),
 * so the web never restates them and never loosens an enumeration to `string`.
 */
import type { z } from 'zod';
import { api, qs } from '../../core/api';
import type {
  AccessReportSchema, AssessmentBody, AssessmentSchema, BundleBody, BundleListSchema, BundleSchema, ClientSchema, ClientSummary as ClientSummarySchema,
  ConsentInput, ConsentSchema, CreateClientBody, CreateInstrumentBody, CreateReferralBody, DashboardSchema, FeedSchema, InstrumentSchema, MatchSchema,
  MergeBody, MergeSchema, PartnerViewSchema, PlanBody, PlanSchema, ReferralEventSchema, ReferralListQuery, ReferralSchema, SettingsBody, SettingsSchema,
  InstrumentDefinition, TransitionBody, UpdateBundleBody, UpdateClientBody, UpdateInstrumentBody, WorklistSchema, referralStatuses, urgencies,
  CloseClientBody, CloseSelfReferralBody, ConferenceBody, DuplicateSchema, EmergencyBody, PartnerOutcomeBody, PartnerResponseBody, SelfReferralBody, SelfReferralSchema,
} from '../../../../src/modules/intake/intake.schema';

export type { DataCategory, Purpose } from '../../../../src/modules/intake/intake.schema';
export type ReferralStatus = (typeof referralStatuses)[number];
export type Urgency = (typeof urgencies)[number];

export type Client = z.infer<typeof ClientSchema>;
export type ClientSummary = z.infer<typeof ClientSummarySchema>;
export type Consent = z.infer<typeof ConsentSchema>;
export type Referral = z.infer<typeof ReferralSchema>;
export type ReferralEvent = z.infer<typeof ReferralEventSchema>;
export type Worklist = z.infer<typeof WorklistSchema>;
/** The server answers the definition as a JSON record; it is always an InstrumentDefinition (validated when saved). */
export type Instrument = Omit<z.infer<typeof InstrumentSchema>, 'definition'> & { definition: z.infer<typeof InstrumentDefinition> };
export type InstrumentStatus = Instrument['status'];
export type Domain = Instrument['definition']['domains'][number];
export type InstrumentRule = Domain['rules'][number];
export type Bilingual = Domain['label'];
export type Assessment = z.infer<typeof AssessmentSchema>;
export type Match = z.infer<typeof MatchSchema>;
export type MatchBundle = Match['bundles'][number];
export type Bundle = z.infer<typeof BundleSchema>;
export type BundleList = z.infer<typeof BundleListSchema>;
export type Plan = z.infer<typeof PlanSchema>;
export type Dashboard = z.infer<typeof DashboardSchema>;
export type Feed = z.infer<typeof FeedSchema>;
/** The partner link shows the client fields the consent shares, each a string or null. */
export type PartnerView = Omit<z.infer<typeof PartnerViewSchema>, 'client'> & { client: Record<string, string | null> };
export type AccessReport = z.infer<typeof AccessReportSchema>;
export type Merge = z.infer<typeof MergeSchema>;
export type Settings = z.infer<typeof SettingsSchema>;

export type CreateClientInput = z.input<typeof CreateClientBody>;
export type UpdateClientInput = z.input<typeof UpdateClientBody>;
export type ConsentRequest = z.input<typeof ConsentInput>;
export type ReferralInput = z.input<typeof CreateReferralBody>;
export type TransitionInput = z.input<typeof TransitionBody>;
export type AssessmentInput = z.input<typeof AssessmentBody>;
export type PlanInput = z.input<typeof PlanBody>;
export type BundleInput = z.input<typeof BundleBody>;
export type UpdateBundleInput = z.input<typeof UpdateBundleBody>;
export type InstrumentInput = z.input<typeof CreateInstrumentBody>;
export type UpdateInstrumentInput = z.input<typeof UpdateInstrumentBody>;
export type MergeInput = z.input<typeof MergeBody>;
export type SettingsInput = z.input<typeof SettingsBody>;
export type CloseClientInput = z.input<typeof CloseClientBody>;
export type EmergencyInput = z.input<typeof EmergencyBody>;
export type ConferenceInput = z.input<typeof ConferenceBody>;
export type SelfReferralInput = z.input<typeof SelfReferralBody>;
export type CloseSelfReferralInput = z.input<typeof CloseSelfReferralBody>;
export type PartnerResponseInput = z.input<typeof PartnerResponseBody>;
export type PartnerOutcomeInput = z.input<typeof PartnerOutcomeBody>;
export type SelfReferral = z.infer<typeof SelfReferralSchema>;
export type Candidate = z.infer<typeof DuplicateSchema>['candidates'][number];
export type ReferralFilter = Partial<z.input<typeof ReferralListQuery>> & { clientId?: string };

export const intakeApi = {
  worklist: () => api.get<Worklist>('/intake/worklist'),
  clients: (q?: string) => api.get<{ items: ClientSummary[] }>(`/intake/clients${qs({ q })}`),
  client: (id: string) => api.get<Client>(`/intake/clients/${id}`),
  createClient: (body: CreateClientInput) => api.post<Client>('/intake/clients', body),
  updateClient: (id: string, body: UpdateClientInput) => api.patch<Client>(`/intake/clients/${id}`, body),
  consents: (clientId: string) => api.get<{ items: Consent[] }>(`/intake/clients/${clientId}/consents`),
  addConsent: (clientId: string, body: ConsentRequest) => api.post<Consent>(`/intake/clients/${clientId}/consents`, body),
  accessReport: (clientId: string) => api.get<AccessReport>(`/intake/clients/${clientId}/access-report`),
  reopenClient: (id: string) => api.post<Client>(`/intake/clients/${id}/reopen`),
  closeClient: (id: string, body: CloseClientInput) => api.post<Client>(`/intake/clients/${id}/close`, body),
  emergencyAccess: (clientId: string, body: EmergencyInput) => api.post<unknown>(`/intake/clients/${clientId}/emergency-access`, body),
  withdrawConsent: (clientId: string, consentId: string) => api.post<Consent>(`/intake/clients/${clientId}/consents/${consentId}/withdraw`),
  relinquishConsent: (clientId: string, consentId: string) => api.post<Consent>(`/intake/clients/${clientId}/consents/${consentId}/relinquish`),
  duplicates: (clientId: string) => api.get<{ candidates: { id: string; name: string | null; birthDate: string | null }[] }>(`/intake/clients/${clientId}/duplicates`),
  merge: (clientId: string, body: MergeInput) => api.post<Merge>(`/intake/clients/${clientId}/merge`, body),
  undoMerge: (mergeId: string) => api.post<unknown>(`/intake/merges/${mergeId}/undo`),
  caseConference: (clientId: string, body: ConferenceInput) => api.post<unknown>(`/intake/clients/${clientId}/case-conferences`, body),
  assessments: (clientId: string) => api.get<{ items: Assessment[] }>(`/intake/clients/${clientId}/assessments`),
  createAssessment: (clientId: string, body: AssessmentInput) => api.post<Assessment>(`/intake/clients/${clientId}/assessments`, body),
  matches: (clientId: string) => api.get<Match>(`/intake/clients/${clientId}/matches`),
  plan: (clientId: string) => api.get<Plan>(`/intake/clients/${clientId}/plan`),
  savePlan: (clientId: string, body: PlanInput) => api.put<Plan>(`/intake/clients/${clientId}/plan`, body),
  referrals: (f: ReferralFilter) => api.get<{ items: Referral[] }>(`/intake/referrals${qs({ ...f })}`),
  referral: (id: string) => api.get<Referral>(`/intake/referrals/${id}`),
  createReferral: (body: ReferralInput) => api.post<Referral>('/intake/referrals', body),
  transition: (id: string, body: TransitionInput) => api.post<Referral>(`/intake/referrals/${id}/transitions`, body),
  link: (id: string) => api.post<{ url: string; token: string; expiresAt: string }>(`/intake/referrals/${id}/link`),
  contacts: (organizationId: string) => api.get<{ items: { id: string; name: string }[] }>(`/intake/organizations/${organizationId}/contacts`),
  partnerView: (token: string) => api.get<PartnerView>(`/intake/partner-links/${token}`),
  partnerReceipt: (token: string) => api.post<unknown>(`/intake/partner-links/${token}/receipt`),
  partnerRespond: (token: string, body: PartnerResponseInput) => api.post<unknown>(`/intake/partner-links/${token}/response`, body),
  partnerOutcome: (token: string, body: PartnerOutcomeInput) => api.post<unknown>(`/intake/partner-links/${token}/outcome`, body),
  importFhir: <T>(body: unknown, preview: boolean) => api.post<T>(`/intake/referrals/fhir${preview ? '?preview=true' : ''}`, body),
  fhirTerminology: <T>() => api.get<T>('/intake/fhir/terminology'),
  addTerm: (body: { system: string; code: string; needCode: string }) => api.post<unknown>('/intake/fhir/terminology', body),
  removeTerm: (id: string) => api.del(`/intake/fhir/terminology/${id}`),
  selfReferral: (id: string) => api.get<SelfReferral>(`/intake/self-referrals/${id}`),
  createSelfReferral: (body: SelfReferralInput) => api.post<unknown>('/intake/self-referrals', body),
  closeSelfReferral: (id: string, body: CloseSelfReferralInput) => api.post<unknown>(`/intake/self-referrals/${id}/close`, body),
  instruments: () => api.get<{ items: Instrument[] }>('/intake/instruments'),
  instrument: (id: string) => api.get<Instrument>(`/intake/instruments/${id}`),
  createInstrument: (body: InstrumentInput) => api.post<Instrument>('/intake/instruments', body),
  updateInstrument: (id: string, body: UpdateInstrumentInput) => api.patch<Instrument>(`/intake/instruments/${id}`, body),
  publishInstrument: (id: string) => api.post<Instrument>(`/intake/instruments/${id}/publish`),
  newInstrumentVersion: (id: string) => api.post<Instrument>(`/intake/instruments/${id}/new-version`),
  instrumentAction: (id: string, action: string) => api.post<unknown>(`/intake/instruments/${id}/${action}`),
  deleteInstrument: (id: string) => api.del(`/intake/instruments/${id}`),
  bundles: () => api.get<BundleList>('/intake/bundles'),
  createBundle: (body: BundleInput) => api.post<Bundle>('/intake/bundles', body),
  updateBundle: (id: string, body: UpdateBundleInput) => api.put<Bundle>(`/intake/bundles/${id}`, body),
  deleteBundle: (id: string) => api.del(`/intake/bundles/${id}`),
  dashboard: () => api.get<Dashboard>('/intake/dashboard'),
  feed: () => api.get<Feed>('/intake/feed'),
  publishFeed: () => api.post<{ message: string }>('/intake/feed/publish'),
  settings: (organizationId: string) => api.get<Settings>(`/intake/settings/${organizationId}`),
  saveSettings: (organizationId: string, body: SettingsInput) => api.put<Settings>(`/intake/settings/${organizationId}`, body),
  // What the intake pages read from other modules' public API (names to show, places to choose).
  organizations: () => api.get<{ items: { id: string; legalName: string }[] }>('/organizations?perPage=200'),
  collaboratives: () => api.get<{ items: { id: string; name: string }[] }>('/collaboratives'),
  municipalities: () => api.get<{ items: Place[] }>('/geographies?level=municipality&perPage=200'),
  finderService: (id: string, lang: 'en' | 'fr') => api.get<FinderService>(`/finder/services/${id}${qs({ lang })}`),
  finderSearch: (q: string, lang: 'en' | 'fr') => api.get<{ items: FinderService[] }>(`/finder/services${qs({ q, perPage: 10, lang })}`),
};

export interface Place { id: string; nameEn: string; nameFr: string }
export interface FinderService { id: string; name: string; organization: { id: string; name: string } }
