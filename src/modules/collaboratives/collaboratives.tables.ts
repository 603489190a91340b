import { boolean, date, integer, numeric, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// The enumerations live in the server-free schema (the web imports them); re-exported here for the tables.
import {
  agendaKinds,
  attendanceStatuses,
  bodyBases,
  bodyKinds,
  bodyRoles,
  collaborativeStages,
  collaborativeTypes,
  documentKinds,
  engagementMethods,
  fundingTypes,
  individualKinds,
  joinMethods,
  quorumKinds,
  voteChoices,
  voteRules,
} from './collaboratives.schema';
export { agendaKinds, attendanceStatuses, bodyBases, bodyKinds, bodyRoles, collaborativeStages, collaborativeTypes, documentKinds, engagementMethods, fundingTypes, individualKinds, joinMethods, quorumKinds, voteChoices, voteRules };
import type { CollaborativeStage, QuorumKind, VoteRule } from './collaboratives.schema';
export type { CollaborativeStage, QuorumKind, VoteRule };

const created = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const collaboratives = pgTable('collaboratives', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  shortName: text('short_name'),
  type: text('type').$type<(typeof collaborativeTypes)[number]>().notNull(),
  scope: text('scope').$type<'local' | 'regional'>().notNull().default('local'),
  catchmentGeographyId: uuid('catchment_geography_id'),
  leadOrganizationId: uuid('lead_organization_id'),
  focus: text('focus'),
  mission: text('mission'),
  incorporated: boolean('incorporated').notNull().default(false),
  vision: text('vision'),
  mandate: text('mandate'),
  guidingPrinciples: text('guiding_principles'),
  stage: text('stage').$type<CollaborativeStage>().notNull().default('convening'),
  quorumKind: text('quorum_kind').$type<QuorumKind>().notNull().default('majority'),
  quorumValue: integer('quorum_value').notNull().default(0),
  voteRule: text('vote_rule').$type<VoteRule>().notNull().default('simple_majority'),
  checklistPartnerCategories: text('checklist_partner_categories').array().notNull().default([]),
  checklistSectors: text('checklist_sectors').array().notNull().default([]),
  version: integer('version').notNull().default(1),
  createdAt: created(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
export type CollaborativeRow = typeof collaboratives.$inferSelect;

export const stageChanges = pgTable('collaboratives_stage_changes', {
  id: uuid('id').primaryKey().defaultRandom(),
  collaborativeId: uuid('collaborative_id').notNull(),
  fromStage: text('from_stage'),
  toStage: text('to_stage').notNull(),
  changedOn: date('changed_on').notNull(),
  reason: text('reason').notNull(),
  actorUserId: uuid('actor_user_id'),
  actorLabel: text('actor_label').notNull(),
  createdAt: created(),
});

export const members = pgTable('collaboratives_members', {
  id: uuid('id').primaryKey().defaultRandom(),
  collaborativeId: uuid('collaborative_id').notNull(),
  organizationId: uuid('organization_id'),
  individualName: text('individual_name'),
  individualKind: text('individual_kind'),
  representativeName: text('representative_name'),
  representativeEmail: text('representative_email'),
  userId: uuid('user_id'),
  sector: text('sector').notNull(),
  partnerCategory: text('partner_category').notNull(),
  voting: boolean('voting').notNull().default(true),
  feeTier: text('fee_tier'),
  startDate: date('start_date').notNull(),
  endDate: date('end_date'),
  howJoined: text('how_joined').notNull().default('invitation'),
  resourcesMoney: numeric('resources_money'),
  resourcesInKind: text('resources_in_kind'),
  resourcesInKindValue: numeric('resources_in_kind_value'),
  agreementSignedAt: timestamp('agreement_signed_at', { withTimezone: true }),
  agreementSignedByUserId: uuid('agreement_signed_by_user_id'),
  agreementSignedByName: text('agreement_signed_by_name'),
  agreementStatement: text('agreement_statement'),
  version: integer('version').notNull().default(1),
  createdAt: created(),
});
export type MemberRow = typeof members.$inferSelect;

export const bodies = pgTable('collaboratives_bodies', {
  id: uuid('id').primaryKey().defaultRandom(),
  collaborativeId: uuid('collaborative_id').notNull(),
  parentId: uuid('parent_id'),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  basis: text('basis'),
  mandate: text('mandate'),
  createdAt: created(),
});

export const bodyMembers = pgTable(
  'collaboratives_body_members',
  { bodyId: uuid('body_id').notNull(), memberId: uuid('member_id').notNull(), role: text('role').notNull().default('member') },
  (t) => [primaryKey({ columns: [t.bodyId, t.memberId] })],
);

export const meetings = pgTable('collaboratives_meetings', {
  id: uuid('id').primaryKey().defaultRandom(),
  collaborativeId: uuid('collaborative_id').notNull(),
  bodyId: uuid('body_id'),
  seriesId: uuid('series_id'),
  recurrence: text('recurrence'),
  title: text('title').notNull(),
  startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
  endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
  location: text('location'),
  status: text('status').$type<'scheduled' | 'held' | 'cancelled'>().notNull().default('scheduled'),
  minutes: text('minutes'),
  minutesPublic: boolean('minutes_public').notNull().default(false),
  version: integer('version').notNull().default(1),
  /** RFC 5545 SEQUENCE: grows on every change of time, place or status. */
  sequence: integer('sequence').notNull().default(0),
  /** For an occurrence of a series: the start the rule gave it. */
  originalStartsAt: timestamp('original_starts_at', { withTimezone: true }),
  createdAt: created(),
});
export type MeetingRow = typeof meetings.$inferSelect;

export const agendaItems = pgTable('collaboratives_agenda_items', {
  id: uuid('id').primaryKey().defaultRandom(),
  meetingId: uuid('meeting_id').notNull(),
  position: integer('position').notNull(),
  title: text('title').notNull(),
  kind: text('kind').$type<(typeof agendaKinds)[number]>().notNull(),
  presenter: text('presenter'),
  minutesAllotted: integer('minutes_allotted'),
});

export const attendance = pgTable(
  'collaboratives_attendance',
  { meetingId: uuid('meeting_id').notNull(), memberId: uuid('member_id').notNull(), status: text('status').$type<(typeof attendanceStatuses)[number]>().notNull() },
  (t) => [primaryKey({ columns: [t.meetingId, t.memberId] })],
);

export const decisions = pgTable('collaboratives_decisions', {
  id: uuid('id').primaryKey().defaultRandom(),
  collaborativeId: uuid('collaborative_id').notNull(),
  meetingId: uuid('meeting_id').notNull(),
  agendaItemId: uuid('agenda_item_id'),
  motion: text('motion').notNull(),
  method: text('method').$type<'vote' | 'consensus'>().notNull(),
  movedByMemberId: uuid('moved_by_member_id'),
  secondedByMemberId: uuid('seconded_by_member_id'),
  votesFor: integer('votes_for').notNull().default(0),
  votesAgainst: integer('votes_against').notNull().default(0),
  abstentions: integer('abstentions').notNull().default(0),
  result: text('result').$type<'carried' | 'defeated'>().notNull(),
  decidedOn: date('decided_on').notNull(),
  createdAt: created(),
});
export type DecisionRow = typeof decisions.$inferSelect;

export const votes = pgTable(
  'collaboratives_votes',
  { decisionId: uuid('decision_id').notNull(), memberId: uuid('member_id').notNull(), vote: text('vote').$type<(typeof voteChoices)[number]>().notNull() },
  (t) => [primaryKey({ columns: [t.decisionId, t.memberId] })],
);

export const actionItems = pgTable('collaboratives_action_items', {
  id: uuid('id').primaryKey().defaultRandom(),
  collaborativeId: uuid('collaborative_id').notNull(),
  meetingId: uuid('meeting_id'),
  decisionId: uuid('decision_id'),
  title: text('title').notNull(),
  ownerMemberId: uuid('owner_member_id').notNull(),
  dueOn: date('due_on').notNull(),
  status: text('status').$type<'open' | 'done'>().notNull().default('open'),
  completedAt: timestamp('completed_at', { withTimezone: true }),
  version: integer('version').notNull().default(1),
  createdAt: created(),
});
export type ActionItemRow = typeof actionItems.$inferSelect;

export const documents = pgTable('collaboratives_documents', {
  id: uuid('id').primaryKey().defaultRandom(),
  collaborativeId: uuid('collaborative_id').notNull(),
  kind: text('kind').$type<(typeof documentKinds)[number]>().notNull(),
  title: text('title').notNull(),
  createdAt: created(),
});

export const documentVersions = pgTable('collaboratives_document_versions', {
  id: uuid('id').primaryKey().defaultRandom(),
  documentId: uuid('document_id').notNull(),
  number: integer('number').notNull(),
  body: text('body').notNull(),
  changeNote: text('change_note'),
  status: text('status').$type<'draft' | 'approved' | 'superseded'>().notNull().default('draft'),
  approvedDecisionId: uuid('approved_decision_id'),
  approvedAt: timestamp('approved_at', { withTimezone: true }),
  createdByLabel: text('created_by_label').notNull(),
  createdAt: created(),
});

export const fundingSources = pgTable('collaboratives_funding_sources', {
  id: uuid('id').primaryKey().defaultRandom(),
  collaborativeId: uuid('collaborative_id').notNull(),
  funderName: text('funder_name').notNull(),
  type: text('type').$type<(typeof fundingTypes)[number]>().notNull(),
  amount: numeric('amount').notNull(),
  currency: text('currency').notNull().default('CAD'),
  startsOn: date('starts_on').notNull(),
  endsOn: date('ends_on').notNull(),
  leadRecipientOrganizationId: uuid('lead_recipient_organization_id'),
  purpose: text('purpose').$type<'backbone' | 'project'>().notNull(),
  purposeNote: text('purpose_note'),
  createdAt: created(),
});

export const fundingObligations = pgTable('collaboratives_funding_obligations', {
  id: uuid('id').primaryKey().defaultRandom(),
  sourceId: uuid('source_id').notNull(),
  title: text('title').notNull(),
  dueOn: date('due_on').notNull(),
  submittedOn: date('submitted_on'),
});

export const engagements = pgTable('collaboratives_engagements', {
  id: uuid('id').primaryKey().defaultRandom(),
  collaborativeId: uuid('collaborative_id').notNull(),
  title: text('title').notNull(),
  heldOn: date('held_on').notNull(),
  place: text('place'),
  method: text('method').$type<(typeof engagementMethods)[number]>().notNull(),
  audience: text('audience'),
  participantCount: integer('participant_count'),
  themes: text('themes').array().notNull().default([]),
  goalRefs: text('goal_refs').array().notNull().default([]),
  summary: text('summary'),
  createdAt: created(),
});
