/** Response shapes of /api/v1/collaboratives (see the zod schemas in src/modules/collaboratives/collaboratives.schema.ts). */
export type Access = 'manage' | 'member' | 'public';
export interface Collab {
  id: string;
  name: string;
  shortName: string | null;
  type: string;
  scope: 'local' | 'regional';
  catchmentGeographyId: string | null;
  catchmentName?: string | null;
  leadOrganizationId: string | null;
  leadOrganizationName?: string | null;
  focus: string | null;
  mission: string | null;
  incorporated: boolean;
  vision: string | null;
  mandate: string | null;
  guidingPrinciples: string | null;
  stage: string;
  quorumKind: 'majority' | 'percent' | 'count';
  quorumValue: number;
  voteRule: string;
  checklistPartnerCategories: string[];
  checklistSectors: string[];
  version: number;
  myRoles: string[];
  access: Access;
}
export interface StageChange {
  id: string;
  fromStage: string | null;
  toStage: string;
  changedOn: string;
  reason: string;
  actorLabel: string;
}
export interface MeetingSummary {
  id: string;
  collaborativeId: string;
  title: string;
  startsAt: string;
  endsAt: string;
  location: string | null;
  status: 'scheduled' | 'held' | 'cancelled';
  seriesId: string | null;
  minutesPublic: boolean;
}
export interface Decision {
  id: string;
  meetingId: string;
  meetingTitle?: string;
  agendaItemId: string | null;
  motion: string;
  method: 'vote' | 'consensus';
  votesFor: number;
  votesAgainst: number;
  abstentions: number;
  result: 'carried' | 'defeated';
  decidedOn: string;
}
export interface ActionItem {
  id: string;
  collaborativeId: string;
  collaborativeName?: string;
  meetingId: string | null;
  title: string;
  ownerMemberId: string;
  ownerName: string;
  dueOn: string;
  status: 'open' | 'done';
  overdue: boolean;
  version: number;
  canUpdate: boolean;
}
export interface AgendaItem {
  id: string;
  position: number;
  title: string;
  kind: 'decision' | 'discussion' | 'information';
  presenter: string | null;
  minutesAllotted: number | null;
}
export interface Meeting extends MeetingSummary {
  bodyId: string | null;
  recurrence: string | null;
  minutes: string | null;
  version: number;
  agenda: AgendaItem[];
  seeksNoDecision: boolean;
  attendance: { memberId: string; displayName: string; voting: boolean; status: 'present' | 'regrets' | 'absent' | null }[];
  quorum: { votingMembers: number; votingPresent: number; required: number; met: boolean };
  decisions: Decision[];
  actionItems: ActionItem[];
  access: Access;
}
export interface Member {
  id: string;
  organizationId: string | null;
  displayName: string;
  individualKind: string | null;
  representativeName: string | null;
  representativeEmail: string | null;
  userId: string | null;
  sector: string;
  partnerCategory: string;
  voting: boolean;
  feeTier: string | null;
  startDate: string;
  endDate: string | null;
  howJoined: string;
  resourcesMoney: number | null;
  resourcesInKind: string | null;
  resourcesInKindValue: number | null;
  agreementSignedAt: string | null;
  agreementSignedByName: string | null;
  active: boolean;
  isMe: boolean;
  version: number;
}
export interface Body {
  id: string;
  parentId: string | null;
  name: string;
  kind: string;
  basis: string | null;
  mandate: string | null;
  members: { memberId: string; displayName: string; role: string }[];
}
export interface DocVersion {
  id: string;
  number: number;
  body: string;
  changeNote: string | null;
  status: 'draft' | 'approved' | 'superseded';
  approvedDecisionId: string | null;
  approvedAt: string | null;
  createdByLabel: string;
  createdAt: string;
}
export interface Doc {
  id: string;
  kind: string;
  title: string;
  current: DocVersion | null;
  versions: DocVersion[];
}
export interface FundingSource {
  id: string;
  funderName: string;
  type: string;
  amount: number;
  currency: string;
  startsOn: string;
  endsOn: string;
  leadRecipientName: string | null;
  purpose: 'backbone' | 'project';
  purposeNote: string | null;
  obligations: { id: string; title: string; dueOn: string; submittedOn: string | null; overdue: boolean }[];
}
export interface Funding {
  sources: FundingSource[];
  byYear: { year: number; type: string; amount: number }[];
  years: number[];
  totalsByType: { type: string; amount: number }[];
}
export interface Engagement {
  id: string;
  title: string;
  heldOn: string;
  place: string | null;
  method: string;
  audience: string | null;
  participantCount: number | null;
  themes: string[];
  goalRefs: string[];
  summary: string | null;
}
export interface Home {
  collaborative: Collab;
  upcomingMeetings: MeetingSummary[];
  openActionItems: ActionItem[];
  overdueCount: number;
  missingPartnerCategories: string[];
  missingSectors: string[];
  obligationsDue: { id: string; title: string; funderName: string; dueOn: string; overdue: boolean }[];
  recentDecisions: Decision[];
  stageHistory: StageChange[];
  unsignedAgreements: number;
}
