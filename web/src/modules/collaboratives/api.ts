/** Typed calls to /api/v1/collaboratives; the types come from the server's contracts (collaboratives.schema.ts). */
import type { z } from 'zod';
import { api, qs } from '../../core/api';
import type {
  ActionItemBody,
  ActionItemSchema,
  AgendaBody,
  AgendaItemSchema,
  AttendanceBody,
  BodySchema,
  CollaborativeListSchema,
  CollaborativeSchema,
  CreateBodyBody,
  CreateCollaborativeBody,
  CreateDocumentBody,
  CreateMeetingBody,
  CreateMemberBody,
  DecisionBody,
  DecisionSchema,
  DiffSchema,
  DocumentListSchema,
  DocumentSchema,
  DocumentVersionSchema,
  EngagementBody,
  EngagementListSchema,
  EngagementSchema,
  FundingSourceBody,
  FundingSourceSchema,
  FundingSummarySchema,
  HomeSchema,
  MeetingListSchema,
  MeetingSchema,
  MeetingSummarySchema,
  MemberListSchema,
  MemberSchema,
  PublicCollaborativeSchema,
  RepresentationSchema,
  SignAgreementBody,
  StageChangeBody,
  StageChangeSchema,
  UpdateActionItemBody,
  UpdateCollaborativeBody,
  UpdateMeetingBody,
  UpdateMemberBody,
} from '../../../../src/modules/collaboratives/collaboratives.schema';

export type Collab = z.infer<typeof CollaborativeSchema>;
/** What the caller may do in the collaborative, by policy action name. */
export type CollabActions = Collab['actions'];
export type StageChange = z.infer<typeof StageChangeSchema>;
export type MeetingSummary = z.infer<typeof MeetingSummarySchema>;
export type Meeting = z.infer<typeof MeetingSchema>;
export type AgendaItem = z.infer<typeof AgendaItemSchema>;
export type Decision = z.infer<typeof DecisionSchema>;
export type ActionItem = z.infer<typeof ActionItemSchema>;
export type Member = z.infer<typeof MemberSchema>;
export type Representation = z.infer<typeof RepresentationSchema>;
export type Body = z.infer<typeof BodySchema>;
export type Doc = z.infer<typeof DocumentSchema>;
export type DocVersion = z.infer<typeof DocumentVersionSchema>;
export type Diff = z.infer<typeof DiffSchema>;
export type Funding = z.infer<typeof FundingSummarySchema>;
export type FundingSource = z.infer<typeof FundingSourceSchema>;
export type Engagement = z.infer<typeof EngagementSchema>;
export type Home = z.infer<typeof HomeSchema>;
export type PublicView = z.infer<typeof PublicCollaborativeSchema>;

/**
 * A request body as the pages' forms hold it: choices are plain strings until the server's
 * zod contract checks them (a bad one is a 400 naming the field). Shapes and field names stay
 * the server's, so a renamed or removed field is a type error here.
 */
export type Wire<T> = T extends string ? string : T extends boolean ? boolean : T extends (infer U)[] ? Wire<U>[] : T extends object ? { [K in keyof T]: Wire<T[K]> } : T;

export type CreateCollaborativeInput = z.input<typeof CreateCollaborativeBody>;
export type UpdateCollaborativeInput = z.input<typeof UpdateCollaborativeBody>;
export type StageChangeInput = z.input<typeof StageChangeBody>;
export type CreateMemberInput = z.input<typeof CreateMemberBody>;
export type UpdateMemberInput = z.input<typeof UpdateMemberBody>;
export type SignAgreementInput = z.input<typeof SignAgreementBody>;
export type CreateBodyInput = z.input<typeof CreateBodyBody>;
export type CreateMeetingInput = z.input<typeof CreateMeetingBody>;
export type UpdateMeetingInput = z.input<typeof UpdateMeetingBody>;
export type AgendaInput = z.input<typeof AgendaBody>;
export type AttendanceInput = z.input<typeof AttendanceBody>;
export type DecisionInput = z.input<typeof DecisionBody>;
export type ActionItemInput = z.input<typeof ActionItemBody>;
export type UpdateActionItemInput = z.input<typeof UpdateActionItemBody>;
export type CreateDocumentInput = z.input<typeof CreateDocumentBody>;
export type FundingSourceInput = z.input<typeof FundingSourceBody>;
export type EngagementInput = z.input<typeof EngagementBody>;

/** Options for the pickers (core's registries, read as any signed-in user may). */
export interface OrganizationOption {
  id: string;
  legalName: string;
}
export interface GeographyOption {
  id: string;
  nameEn: string;
  nameFr: string;
  level: string;
}

const c = (id: string) => `/collaboratives/${id}`;

export const collaborativesApi = {
  list: () => api.get<z.infer<typeof CollaborativeListSchema>>('/collaboratives'),
  one: (id: string) => api.get<Collab>(c(id)),
  create: (body: Wire<CreateCollaborativeInput>) => api.post<Collab>('/collaboratives', body),
  update: (id: string, body: Wire<UpdateCollaborativeInput>) => api.patch<Collab>(c(id), body),
  changeStage: (id: string, body: Wire<StageChangeInput>) => api.post<Collab>(`${c(id)}/stage`, body),
  home: (id: string) => api.get<Home>(`${c(id)}/home`),
  publicView: (id: string) => api.get<PublicView>(`/public/collaboratives/${id}`),
  myTasks: () => api.get<{ items: ActionItem[] }>('/collaboratives/my-tasks'),

  members: (id: string) => api.get<z.infer<typeof MemberListSchema>>(`${c(id)}/members`),
  createMember: (id: string, body: Wire<CreateMemberInput>) => api.post<Member>(`${c(id)}/members`, body),
  updateMember: (id: string, memberId: string, body: Wire<UpdateMemberInput>) => api.patch<Member>(`${c(id)}/members/${memberId}`, body),
  agreement: (id: string) => api.get<{ text: string | null }>(`${c(id)}/agreement`),
  /** `agree` left out gets the server's 400 naming it (the page shows that message). */
  signAgreement: (id: string, memberId: string, body: Omit<Wire<SignAgreementInput>, 'agree'> & { agree?: boolean }) => api.post<Member>(`${c(id)}/members/${memberId}/sign`, body),
  representation: (id: string) => api.get<Representation>(`${c(id)}/representation`),
  bodies: (id: string) => api.get<{ items: Body[] }>(`${c(id)}/bodies`),
  createBody: (id: string, body: Wire<CreateBodyInput>) => api.post<{ id: string }>(`${c(id)}/bodies`, body),

  meetings: (id: string) => api.get<z.infer<typeof MeetingListSchema>>(`${c(id)}/meetings`),
  createMeetings: (id: string, body: Wire<CreateMeetingInput>) => api.post<{ items: MeetingSummary[] }>(`${c(id)}/meetings`, body),
  meeting: (id: string, meetingId: string) => api.get<Meeting>(`${c(id)}/meetings/${meetingId}`),
  updateMeeting: (id: string, meetingId: string, body: Wire<UpdateMeetingInput>) => api.patch<{ version: number }>(`${c(id)}/meetings/${meetingId}`, body),
  saveAgenda: (id: string, meetingId: string, body: Wire<AgendaInput>) => api.put<{ version: number }>(`${c(id)}/meetings/${meetingId}/agenda`, body),
  saveAttendance: (id: string, meetingId: string, body: Wire<AttendanceInput>) => api.put<{ ok: true }>(`${c(id)}/meetings/${meetingId}/attendance`, body),
  recordDecision: (id: string, meetingId: string, body: Wire<DecisionInput>) => api.post<Decision>(`${c(id)}/meetings/${meetingId}/decisions`, body),
  decisions: (id: string) => api.get<{ items: Decision[] }>(`${c(id)}/decisions`),
  actionItems: (id: string, f: { status?: 'open' | 'done'; overdue?: boolean } = {}) => api.get<{ items: ActionItem[] }>(`${c(id)}/action-items${qs({ status: f.status, overdue: f.overdue ? 'true' : undefined })}`),
  createActionItem: (id: string, body: Wire<ActionItemInput>) => api.post<ActionItem>(`${c(id)}/action-items`, body),
  updateActionItem: (id: string, itemId: string, body: Wire<UpdateActionItemInput>) => api.patch<ActionItem>(`${c(id)}/action-items/${itemId}`, body),

  documents: (id: string) => api.get<z.infer<typeof DocumentListSchema>>(`${c(id)}/documents`),
  createDocument: (id: string, body: Wire<CreateDocumentInput>) => api.post<Doc>(`${c(id)}/documents`, body),
  addVersion: (id: string, documentId: string, body: { body: string; changeNote?: string | null }) => api.post<Doc>(`${c(id)}/documents/${documentId}/versions`, body),
  approveVersion: (id: string, documentId: string, versionId: string, decisionId: string) => api.post<Doc>(`${c(id)}/documents/${documentId}/versions/${versionId}/approve`, { decisionId }),
  diff: (id: string, documentId: string, from: number, to: number) => api.get<Diff>(`${c(id)}/documents/${documentId}/diff${qs({ from, to })}`),

  funding: (id: string) => api.get<Funding>(`${c(id)}/funding`),
  createFundingSource: (id: string, body: Wire<FundingSourceInput>) => api.post<{ id: string }>(`${c(id)}/funding`, body),
  markObligation: (id: string, obligationId: string, submittedOn: string | null) => api.patch<{ ok: true }>(`${c(id)}/funding/obligations/${obligationId}`, { submittedOn }),
  engagements: (id: string) => api.get<z.infer<typeof EngagementListSchema>>(`${c(id)}/engagements`),
  createEngagement: (id: string, body: Wire<EngagementInput>) => api.post<Engagement>(`${c(id)}/engagements`, body),

  organizationOptions: () => api.get<{ items: OrganizationOption[] }>('/organizations?perPage=200'),
  geographyOptions: () => api.get<{ items: GeographyOption[] }>('/geographies'),
};
