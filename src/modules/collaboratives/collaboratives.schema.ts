/** zod contracts of /api/v1/collaboratives; server-free (zod and shared/contracts only): the web imports it. */
import { z } from 'zod';
import { partnerCategories, requiredText, sectors, text, uuid } from '../../shared/contracts';

export const collaborativeTypes = ['lip_partnership_council', 'planning_table', 'network', 'task_force', 'roundtable', 'hub_steering_committee', 'other'] as const;
export const collaborativeStages = ['convening', 'council_formed', 'strategy_development', 'implementation', 'evaluation_renewal'] as const;
export const quorumKinds = ['majority', 'percent', 'count'] as const;
export const voteRules = ['simple_majority', 'two_thirds', 'unanimous'] as const;
export const individualKinds = ['lived_experience', 'volunteer', 'resident', 'other'] as const;
export const joinMethods = ['open_call', 'invitation', 'selection_committee'] as const;
export const bodyKinds = ['council', 'steering_committee', 'working_group', 'sub_council', 'affiliated_group'] as const;
export const bodyBases = ['sector', 'issue', 'population'] as const;
export const bodyRoles = ['chair', 'co_chair', 'member'] as const;
export const agendaKinds = ['decision', 'discussion', 'information'] as const;
export const attendanceStatuses = ['present', 'regrets', 'absent'] as const;
export const voteChoices = ['for', 'against', 'abstain'] as const;
export const documentKinds = ['terms_of_reference', 'charter', 'membership_agreement', 'declaration_of_intent', 'policy'] as const;
export const fundingTypes = ['membership_fees', 'foundation', 'grant', 'municipal_line_item', 'service_manager_agreement', 'contribution_agreement', 'in_kind'] as const;
export const engagementMethods = ['consultation', 'focus_group', 'town_hall', 'survey', 'public_forum', 'other'] as const;

export type CollaborativeStage = (typeof collaborativeStages)[number];
export type QuorumKind = (typeof quorumKinds)[number];
export type VoteRule = (typeof voteRules)[number];

/**
 * The allowed actions each response carries, named as the policy names them
 * (`collaboratives.policy.ts`): `{ 'collaborative.update': true, ... }`, the one shape every module
 * answers (docs/architecture.md). The presenters fill them with `allowedActions`.
 */
export const collaborativeRecordActions = ['collaborative.read', 'collaborative.update', 'collaborative.stage', 'collaborative.funding.create', 'collaborative.funding.update'] as const;
export const collaborativeListActions = ['collaborative.create'] as const;
export const memberListActions = ['collaborative.members.create', 'collaborative.members.update', 'collaborative.structure.create'] as const;
export const meetingListActions = ['collaborative.meeting.create'] as const;
export const meetingActions = ['collaborative.read', 'collaborative.meeting.update', 'collaborative.agenda.update', 'collaborative.attendance.update', 'collaborative.decision.create', 'collaborative.action.create'] as const;
export const actionItemActions = ['collaborative.action.update'] as const;
export const documentListActions = ['collaborative.document.create', 'collaborative.document.version', 'collaborative.document.approve'] as const;
export const engagementListActions = ['collaborative.engagement.create'] as const;

/** `{ [action]: boolean }` for exactly these actions. */
function actionFlags<A extends string>(actions: readonly A[]) {
  const shape = Object.fromEntries(actions.map((a) => [a, z.boolean()])) as { [K in A]: z.ZodBoolean };
  return z.object(shape).describe('What the caller may do, by policy action name');
}


const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-03-31')
  .refine((s) => !Number.isNaN(Date.parse(s + 'T00:00:00Z')) && new Date(s + 'T00:00:00Z').toISOString().startsWith(s), 'Not a real date');
const optText = (max: number) => text(max).nullable().optional();
const money = z.number().min(0, 'Must be zero or more').max(1e12);

// ---------- collaborative profile ----------
const profileFields = {
  name: requiredText(300).describe('Full name of the collaborative'),
  shortName: optText(50).describe('Short name or acronym, e.g. LDIPC'),
  type: z.enum(collaborativeTypes).describe('Kind of collaborative'),
  scope: z.enum(['local', 'regional']).describe('Local (one community) or regional'),
  catchmentGeographyId: uuid.nullable().optional().describe('Catchment area in the core geography'),
  leadOrganizationId: uuid.nullable().optional().describe('Lead or contract-holder organization'),
  focus: optText(1000).describe('Focus population or issue'),
  incorporated: z.boolean().optional().describe('Whether the collaborative is incorporated'),
  vision: optText(5000),
  mission: optText(5000),
  mandate: optText(5000),
  guidingPrinciples: optText(10000).describe('Guiding principles, one per line'),
  quorumKind: z.enum(quorumKinds).optional().describe('Quorum rule from the terms of reference: majority of voting members, a percent, or a head count'),
  quorumValue: z.number().int().min(0).max(1000).optional().describe('Percent or head count for the quorum rule'),
  voteRule: z.enum(voteRules).optional().describe('Share of votes cast a motion needs to carry'),
  checklistPartnerCategories: z.array(z.enum(partnerCategories)).max(50).optional().describe('Partner categories the collaborative wants at the table'),
  checklistSectors: z.array(z.enum(sectors)).max(50).optional().describe('Sectors the collaborative wants at the table'),
};
export const CreateCollaborativeBody = z.object({ ...profileFields, establishedOn: isoDate.optional().describe('When it began convening; starts the stage history (default today)') }).strict();
export type CreateCollaborativeInput = z.infer<typeof CreateCollaborativeBody>;
export const UpdateCollaborativeBody = z
  .object({ ...profileFields, name: profileFields.name.optional(), type: profileFields.type.optional(), scope: profileFields.scope.optional() })
  .extend({ version: z.number().int().min(1).describe('The version you edited') })
  .strict();
export type UpdateCollaborativeInput = z.infer<typeof UpdateCollaborativeBody>;

export const StageChangeBody = z
  .object({
    stage: z.enum(collaborativeStages).describe('New lifecycle stage'),
    changedOn: isoDate.describe('Date of the change'),
    reason: requiredText(2000).describe('Why the stage changed'),
    version: z.number().int().min(1),
  })
  .strict();

export const CollaborativeSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  shortName: z.string().nullable(),
  type: z.enum(collaborativeTypes),
  scope: z.enum(['local', 'regional']),
  catchmentGeographyId: z.string().uuid().nullable(),
  catchmentName: z.string().nullable().optional(),
  leadOrganizationId: z.string().uuid().nullable(),
  leadOrganizationName: z.string().nullable().optional(),
  focus: z.string().nullable(),
  mission: z.string().nullable(),
  incorporated: z.boolean(),
  vision: z.string().nullable(),
  mandate: z.string().nullable(),
  guidingPrinciples: z.string().nullable(),
  stage: z.enum(collaborativeStages),
  quorumKind: z.enum(quorumKinds),
  quorumValue: z.number().int(),
  voteRule: z.enum(voteRules),
  checklistPartnerCategories: z.array(z.string()),
  checklistSectors: z.array(z.string()),
  version: z.number().int(),
  myRoles: z.array(z.string()).describe("The signed-in user's roles in this collaborative"),
  actions: actionFlags(collaborativeRecordActions),
});

export const StageChangeSchema = z.object({
  id: z.string().uuid(),
  fromStage: z.string().nullable(),
  toStage: z.string(),
  changedOn: z.string(),
  reason: z.string(),
  actorLabel: z.string(),
});

// ---------- membership ----------
const memberFields = {
  organizationId: uuid.nullable().optional().describe('Member organization; leave empty for an individual'),
  individualName: optText(200).describe('Name of an individual member (lived experience, volunteer…)'),
  individualKind: z.enum(individualKinds).nullable().optional(),
  representativeName: optText(200).describe("The organization's representative at the table"),
  representativeEmail: optText(320).describe("Representative's email; links their Roundtable account when one has this address"),
  userId: uuid.nullable().optional().describe('Platform account of the representative, for their task list and signing'),
  sector: z.enum(sectors),
  partnerCategory: z.enum(partnerCategories),
  voting: z.boolean().describe('Voting or non-voting member'),
  feeTier: optText(100),
  startDate: isoDate,
  endDate: isoDate.nullable().optional(),
  howJoined: z.enum(joinMethods),
  resourcesMoney: money.nullable().optional().describe('Money committed, CAD'),
  resourcesInKind: optText(2000).describe('In-kind resources committed'),
  resourcesInKindValue: money.nullable().optional().describe('Estimated value of the in-kind resources, CAD'),
};
export const CreateMemberBody = z.object(memberFields).strict();
export type CreateMemberInput = z.infer<typeof CreateMemberBody>;
export const UpdateMemberBody = z.object(memberFields).partial().extend({ version: z.number().int().min(1) }).strict();
export type UpdateMemberInput = z.infer<typeof UpdateMemberBody>;
export const SignAgreementBody = z
  .object({ signatureName: requiredText(200).describe('Name of the person signing, typed as a signature'), agree: z.literal(true, 'Confirm that you agree') })
  .strict();

export const MemberSchema = z.object({
  id: z.string().uuid(),
  organizationId: z.string().uuid().nullable(),
  displayName: z.string(),
  individualName: z.string().nullable(),
  individualKind: z.string().nullable(),
  representativeName: z.string().nullable(),
  representativeEmail: z.string().nullable(),
  userId: z.string().uuid().nullable(),
  sector: z.string(),
  partnerCategory: z.string(),
  voting: z.boolean(),
  feeTier: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  howJoined: z.string(),
  resourcesMoney: z.number().nullable(),
  resourcesInKind: z.string().nullable(),
  resourcesInKindValue: z.number().nullable(),
  agreementSignedAt: z.string().nullable(),
  agreementSignedByName: z.string().nullable(),
  agreementStatement: z.string().nullable(),
  active: z.boolean(),
  isMe: z.boolean(),
  version: z.number().int(),
});
export const PublicMemberSchema = MemberSchema.pick({ id: true, displayName: true, sector: true, partnerCategory: true, voting: true, organizationId: true });

export const RepresentationSchema = z.object({
  partnerCategories: z.array(z.object({ value: z.string(), members: z.number().int(), wanted: z.boolean() })),
  sectors: z.array(z.object({ value: z.string(), members: z.number().int(), wanted: z.boolean() })),
  missingPartnerCategories: z.array(z.string()),
  missingSectors: z.array(z.string()),
});

// ---------- structure ----------
export const CreateBodyBody = z
  .object({
    name: requiredText(300),
    kind: z.enum(bodyKinds),
    parentId: uuid.nullable().optional().describe('Body this one reports to'),
    basis: z.enum(bodyBases).nullable().optional().describe('For working groups: by sector, issue or population'),
    mandate: optText(5000),
    members: z.array(z.object({ memberId: uuid, role: z.enum(bodyRoles) })).max(500).default([]).describe('Members of this body with chair and co-chairs'),
  })
  .strict();
export type CreateBodyInput = z.infer<typeof CreateBodyBody>;
export const BodySchema = z.object({
  id: z.string().uuid(),
  parentId: z.string().uuid().nullable(),
  name: z.string(),
  kind: z.string(),
  basis: z.string().nullable(),
  mandate: z.string().nullable(),
  members: z.array(z.object({ memberId: z.string().uuid(), displayName: z.string(), role: z.string() })),
});

// ---------- meetings ----------
export const CreateMeetingBody = z
  .object({
    title: requiredText(300),
    startsAt: z.string().datetime({ offset: true, message: 'Use a date and time like 2026-03-31T18:00:00-04:00' }),
    endsAt: z.string().datetime({ offset: true, message: 'Use a date and time like 2026-03-31T20:00:00-04:00' }),
    location: optText(500),
    bodyId: uuid.nullable().optional(),
    recurrence: optText(500).describe('RFC 5545 RRULE for a series, e.g. FREQ=MONTHLY;BYDAY=2WE;COUNT=6'),
  })
  .strict();
export type CreateMeetingInput = z.infer<typeof CreateMeetingBody>;
export const UpdateMeetingBody = z
  .object({
    title: requiredText(300).optional(),
    startsAt: z.string().datetime({ offset: true }).optional(),
    endsAt: z.string().datetime({ offset: true }).optional(),
    location: optText(500),
    status: z.enum(['scheduled', 'held', 'cancelled']).optional(),
    minutes: optText(100000),
    minutesPublic: z.boolean().optional().describe('Publish these minutes on the public page'),
    version: z.number().int().min(1),
  })
  .strict();
export type UpdateMeetingInput = z.infer<typeof UpdateMeetingBody>;
export const AgendaBody = z
  .object({
    version: z.number().int().min(1).describe('The meeting version you edited; a stale one gets 409'),
    items: z
      .array(
        z.object({
          id: uuid.optional().describe('Existing item id, to keep decisions linked to it'),
          title: requiredText(300),
          kind: z.enum(agendaKinds),
          presenter: optText(200),
          minutesAllotted: z.number().int().min(1).max(600).nullable().optional(),
        }),
      )
      .max(100),
  })
  .strict();
export type AgendaInput = z.infer<typeof AgendaBody>;
export const AttendanceBody = z
  .object({ entries: z.array(z.object({ memberId: uuid, status: z.enum(attendanceStatuses) })).max(1000) })
  .strict();
export const DecisionBody = z
  .object({
    agendaItemId: uuid.describe('The decision item of the agenda this motion answers'),
    motion: requiredText(5000),
    method: z.enum(['vote', 'consensus']),
    movedByMemberId: uuid.nullable().optional(),
    secondedByMemberId: uuid.nullable().optional(),
    votes: z.array(z.object({ memberId: uuid, vote: z.enum(voteChoices) })).max(1000).default([]),
  })
  .strict();
export type DecisionInput = z.infer<typeof DecisionBody>;
export const ActionItemBody = z
  .object({
    title: requiredText(500),
    ownerMemberId: uuid,
    dueOn: isoDate,
    meetingId: uuid.nullable().optional(),
    decisionId: uuid.nullable().optional(),
  })
  .strict();
export type ActionItemInput = z.infer<typeof ActionItemBody>;
export const UpdateActionItemBody = z
  .object({ status: z.enum(['open', 'done']).optional(), dueOn: isoDate.optional(), title: requiredText(500).optional(), version: z.number().int().min(1) })
  .strict();

export const AgendaItemSchema = z.object({
  id: z.string().uuid(),
  position: z.number().int(),
  title: z.string(),
  kind: z.enum(agendaKinds),
  presenter: z.string().nullable(),
  minutesAllotted: z.number().int().nullable(),
});
export const DecisionSchema = z.object({
  id: z.string().uuid(),
  meetingId: z.string().uuid(),
  meetingTitle: z.string().optional(),
  agendaItemId: z.string().uuid().nullable(),
  motion: z.string(),
  method: z.enum(['vote', 'consensus']),
  movedByMemberId: z.string().uuid().nullable(),
  secondedByMemberId: z.string().uuid().nullable(),
  votesFor: z.number().int(),
  votesAgainst: z.number().int(),
  abstentions: z.number().int(),
  result: z.enum(['carried', 'defeated']),
  decidedOn: z.string(),
});
export const ActionItemSchema = z.object({
  id: z.string().uuid(),
  collaborativeId: z.string().uuid(),
  collaborativeName: z.string().optional(),
  meetingId: z.string().uuid().nullable(),
  decisionId: z.string().uuid().nullable(),
  title: z.string(),
  ownerMemberId: z.string().uuid(),
  ownerName: z.string(),
  dueOn: z.string(),
  status: z.enum(['open', 'done']),
  overdue: z.boolean(),
  completedAt: z.string().nullable(),
  version: z.number().int(),
  actions: actionFlags(actionItemActions),
});
export const MeetingSummarySchema = z.object({
  id: z.string().uuid(),
  collaborativeId: z.string().uuid(),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  location: z.string().nullable(),
  status: z.enum(['scheduled', 'held', 'cancelled']),
  seriesId: z.string().uuid().nullable(),
  minutesPublic: z.boolean(),
});
export const MeetingSchema = MeetingSummarySchema.extend({
  bodyId: z.string().uuid().nullable(),
  recurrence: z.string().nullable(),
  minutes: z.string().nullable(),
  version: z.number().int(),
  agenda: z.array(AgendaItemSchema),
  seeksNoDecision: z.boolean().describe('"Earn the next meeting": the agenda has no decision item'),
  attendance: z.array(z.object({ memberId: z.string().uuid(), displayName: z.string(), voting: z.boolean(), status: z.enum(attendanceStatuses).nullable() })),
  quorum: z.object({ votingMembers: z.number().int(), votingPresent: z.number().int(), required: z.number().int(), met: z.boolean() }),
  decisions: z.array(DecisionSchema),
  actionItems: z.array(ActionItemSchema),
  actions: actionFlags(meetingActions),
});
export const PublicMeetingSchema = MeetingSummarySchema.extend({ minutes: z.string().nullable(), decisions: z.array(DecisionSchema) });

// ---------- documents ----------
export const CreateDocumentBody = z.object({ kind: z.enum(documentKinds), title: requiredText(300), body: text(200000), changeNote: optText(1000) }).strict();
export const CreateVersionBody = z.object({ body: text(200000), changeNote: optText(1000) }).strict();
export const ApproveVersionBody = z.object({ decisionId: uuid.describe('The recorded decision that approved this version') }).strict();
export const DocumentVersionSchema = z.object({
  id: z.string().uuid(),
  number: z.number().int(),
  body: z.string(),
  changeNote: z.string().nullable(),
  status: z.enum(['draft', 'approved', 'superseded']),
  approvedDecisionId: z.string().uuid().nullable(),
  approvedAt: z.string().nullable(),
  createdByLabel: z.string(),
  createdAt: z.string(),
});
export const DocumentSchema = z.object({
  id: z.string().uuid(),
  collaborativeId: z.string().uuid(),
  kind: z.enum(documentKinds),
  title: z.string(),
  current: DocumentVersionSchema.nullable().describe('The approved, published version'),
  versions: z.array(DocumentVersionSchema),
});
export const DiffSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  parts: z.array(z.object({ value: z.string(), added: z.boolean(), removed: z.boolean() })),
});

// ---------- funding ----------
export const FundingSourceBody = z
  .object({
    funderName: requiredText(300),
    type: z.enum(fundingTypes),
    amount: money,
    currency: z.string().regex(/^[A-Z]{3}$/, 'Use a three-letter currency code such as CAD').default('CAD'),
    startsOn: isoDate,
    endsOn: isoDate,
    leadRecipientOrganizationId: uuid.nullable().optional(),
    purpose: z.enum(['backbone', 'project']),
    purposeNote: optText(2000),
    obligations: z.array(z.object({ title: requiredText(300), dueOn: isoDate, submittedOn: isoDate.nullable().optional() })).max(100).default([]),
  })
  .strict();
export type FundingSourceInput = z.infer<typeof FundingSourceBody>;
export const FundingSourceSchema = z.object({
  id: z.string().uuid(),
  funderName: z.string(),
  type: z.enum(fundingTypes),
  amount: z.number(),
  currency: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  leadRecipientOrganizationId: z.string().uuid().nullable(),
  leadRecipientName: z.string().nullable(),
  purpose: z.enum(['backbone', 'project']),
  purposeNote: z.string().nullable(),
  obligations: z.array(z.object({ id: z.string().uuid(), title: z.string(), dueOn: z.string(), submittedOn: z.string().nullable(), overdue: z.boolean() })),
});
export const FundingSummarySchema = z.object({
  sources: z.array(FundingSourceSchema),
  byYear: z.array(z.object({ year: z.number().int(), type: z.string(), amount: z.number() })),
  years: z.array(z.number().int()),
  totalsByType: z.array(z.object({ type: z.string(), amount: z.number() })),
});

// ---------- engagement ----------
export const EngagementBody = z
  .object({
    title: requiredText(300),
    heldOn: isoDate,
    place: optText(300),
    method: z.enum(engagementMethods),
    audience: optText(500),
    participantCount: z.number().int().min(0).max(1_000_000).nullable().optional(),
    themes: z.array(requiredText(200)).max(50).default([]).describe('What was heard'),
    goalRefs: z.array(requiredText(200)).max(50).default([]).describe('Goals this engagement informed (free references until the strategy module links them)'),
    summary: optText(10000),
  })
  .strict();
export type EngagementInput = z.infer<typeof EngagementBody>;
export const EngagementSchema = z.object({
  id: z.string().uuid(),
  title: z.string(),
  heldOn: z.string(),
  place: z.string().nullable(),
  method: z.enum(engagementMethods),
  audience: z.string().nullable(),
  participantCount: z.number().int().nullable(),
  themes: z.array(z.string()),
  goalRefs: z.array(z.string()),
  summary: z.string().nullable(),
});

// ---------- home ----------
export const HomeSchema = z.object({
  collaborative: CollaborativeSchema,
  upcomingMeetings: z.array(MeetingSummarySchema),
  openActionItems: z.array(ActionItemSchema),
  overdueCount: z.number().int(),
  missingPartnerCategories: z.array(z.string()),
  missingSectors: z.array(z.string()),
  obligationsDue: z.array(z.object({ id: z.string().uuid(), title: z.string(), funderName: z.string(), dueOn: z.string(), overdue: z.boolean() })),
  recentDecisions: z.array(DecisionSchema),
  stageHistory: z.array(StageChangeSchema),
  unsignedAgreements: z.number().int(),
});

export const PublicCollaborativeSchema = z.object({
  collaborative: CollaborativeSchema.omit({ myRoles: true, actions: true, version: true, quorumKind: true, quorumValue: true, voteRule: true, checklistPartnerCategories: true, checklistSectors: true }),
  members: z.array(PublicMemberSchema),
  documents: z.array(z.object({ id: z.string().uuid(), kind: z.enum(documentKinds), title: z.string(), version: z.number().int(), body: z.string(), approvedAt: z.string().nullable() })),
  meetings: z.array(PublicMeetingSchema),
});

// ---------- lists with the caller's allowed actions ----------
export const CollaborativeListSchema = z.object({ items: z.array(CollaborativeSchema), actions: actionFlags(collaborativeListActions) });
export const MemberListSchema = z.object({ items: z.array(MemberSchema), actions: actionFlags(memberListActions) });
export const MeetingListSchema = z.object({ items: z.array(MeetingSummarySchema), actions: actionFlags(meetingListActions) });
export const DocumentListSchema = z.object({ items: z.array(DocumentSchema), actions: actionFlags(documentListActions) });
export const EngagementListSchema = z.object({ items: z.array(EngagementSchema), actions: actionFlags(engagementListActions) });
