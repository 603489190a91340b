export interface ClientSummary { id: string; name: string | null; preferredName: string | null; birthDate: string | null; status: string; homeOrganizationId: string; isFictional: boolean }
export interface Client extends ClientSummary {
  preferredLanguage: string | null; phone: string | null; email: string | null; settlementStage: string | null; immigrationCategory: string | null;
  municipalityId: string | null; mergedInto: string | null; visibleCategories: string[]; emergencyAccess: boolean; version: number; createdAt: string;
  household: { name: string; relationship?: string; birthDate?: string }[] | null;
  identifiers: { type: string; value: string }[] | null; closedAt: string | null; closedReason: string | null;
}
export interface Consent {
  id: string; purpose: string; dataCategories: string[]; organizationIds: string[]; collaborativeId: string | null; externalPartner: string | null; method: string; witnessName: string | null;
  startsAt: string; expiresAt: string | null; withdrawnAt: string | null; active: boolean;
}
export interface ReferralEvent { fromStatus: string | null; toStatus: string; actor: string; reason: string | null; at: string }
export interface Referral {
  id: string; clientId: string; clientName: string | null; fromOrganizationName: string | null; toOrganizationName: string | null; externalPartner: string | null;
  toContactName: string | null; serviceId: string | null; serviceName: string | null; needCode: string | null; reason: string | null; urgency: string; status: string; statusReason: string | null;
  outcome: string | null; eligibilityOverrideReason: string | null; sentAt: string; followUpDueAt: string; overdue: boolean; version: number; events: ReferralEvent[]; actions: string[];
  waitlistedAt: string | null; waitlistExpectedOn: string | null;
}
export interface Worklist {
  clients: ClientSummary[]; overdueFollowUps: Referral[]; incoming: Referral[];
  reassessmentsDue: { clientId: string; name: string | null; lastAssessedAt: string }[];
  waitlisted: Referral[];
  alerts: { id: string; kind: string; clientId: string | null; actor: string; message: string; createdAt: string }[];
  selfReferrals: { id: string; firstName: string; contact: string; needCode: string | null; preferredLanguage: string | null; createdAt: string }[];
}
export interface Bilingual { en: string; fr: string }
export type Urgency = 'routine' | 'soon' | 'urgent';
export interface InstrumentRule { when: { acuityAtMost?: number; question?: string }; needCode: string; urgency: Urgency }
export interface Domain { code: string; label: Bilingual; needCode: string; questions: { id: string; text: Bilingual }[]; rules: InstrumentRule[] }
export type InstrumentStatus = 'draft' | 'published' | 'retired';
export interface Instrument { id: string; code: string; instrumentVersion: number; name: string; status: InstrumentStatus; definition: { domains: Domain[] }; publishedAt: string | null; version: number }
export interface Assessment { id: string; instrumentVersion: number; assessedAt: string; acuity: Record<string, number>; needs: { domain: string; needCode: string; urgency: string }[] }
export interface Match {
  items: { needCode: string; urgency: string; services: { serviceId: string; name: string; organizationId: string; organizationName: string; distanceKm: number | null; reasons: string[]; eligible: boolean }[] }[];
  bundles: MatchBundle[];
}
/** A support bundle that fits the client's latest needs and acuity. */
export interface MatchBundle {
  id: string; name: string; serviceIds: string[]; description: string; needCodes: string[]; maxAcuity: number; clientAcuity: number;
  services: { serviceId: string; name: string; organizationId: string; organizationName: string; eligible: boolean; eligibilityRule: string | null }[];
}
export interface Bundle {
  id: string; name: string; description: string; needCodes: string[]; maxAcuity: number; organizationId: string | null; organizationName: string | null;
  services: { serviceId: string; name: string; organizationId: string; organizationName: string; active: boolean }[];
  version: number; updatedAt: string; actions: ('update' | 'delete')[];
}
export interface BundleList { items: Bundle[]; needOptions: string[]; canCreate: boolean }
export interface Plan {
  clientId: string; version: number; updatedAt: string | null;
  content: { goals: { term: 'short' | 'long'; text: string; steps: { text: string; who?: string; done: boolean }[] }[]; strengths: string; notes: string; team: { name: string; role?: string }[] };
  conferences: { id: string; heldAt: string; attendees: string[]; notes: string | null }[];
}
export interface Dashboard { organizationId: string; byMonth: { month: string; sent: number; received: number }[]; byStatus: { status: string; count: number }[]; medianHoursToAccept: number | null; completionRate: number | null; overdue: number }
export interface Feed { suppressionThreshold: number; rows: { measure: string; month: string; municipality: string | null; category: string; outcome: string | null; value: number | null; display: string; suppressed: boolean; reason: 'primary' | 'complementary' | null }[] }
export interface PartnerView { referralId: string; status: string; closed: boolean; fromOrganizationName: string | null; serviceName: string | null; urgency: string | null; reason: string | null; client: Record<string, string | null>; canRespond: boolean; canReportOutcome: boolean; expiresAt: string }
