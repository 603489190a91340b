import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, metaOf } from '../../core/http/request';
import { ProblemSchema } from '../../core/http/problem.schema';
import { uuid } from '../../shared/contracts';
import * as S from './collaboratives.schema';
import * as collab from './collaboratives.service';
import * as mem from './collaboratives.members';
import * as mtg from './meetings';
import * as docs from './collaboratives.documents';
import * as fund from './collaboratives.funding';
import { collaborativeHome, publicView } from './collaboratives.home';
import { documentPdf, minutesPdf } from './collaboratives.exports';

const Id = z.object({ id: uuid });
const MeetingParams = z.object({ id: uuid, meetingId: uuid });
const MemberParams = z.object({ id: uuid, memberId: uuid });
const DocParams = z.object({ id: uuid, documentId: uuid });
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };
const Ok = z.object({ ok: z.literal(true) });
const VersionOut = z.object({ version: z.number().int().describe('The new version of the meeting') });

export async function collaborativeRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Collaboratives'];
  const db = (req: { server: FastifyInstance }) => req.server.database;

  // ---------- profile and lifecycle ----------
  app.get('/collaboratives', {
    schema: { tags, summary: 'Collaboratives hosted on this platform', response: { 200: S.CollaborativeListSchema, 401: ProblemSchema } },
    handler: async (req) => collab.listCollaboratives(db(req), actorOf(req)),
  });
  app.post('/collaboratives', {
    schema: { tags, summary: 'Create a collaborative (platform admins; organization admins as lead organization)', body: S.CreateCollaborativeBody, response: { 201: S.CollaborativeSchema, ...errors } },
    handler: async (req, reply) => reply.code(201).send(await collab.createCollaborative(db(req), actorOf(req), metaOf(req), req.body)),
  });
  app.get('/collaboratives/my-tasks', {
    schema: { tags, summary: "The signed-in user's action items across collaboratives", querystring: z.object({ includeDone: z.enum(['true', 'false']).optional() }), response: { 200: z.object({ items: z.array(S.ActionItemSchema) }), 401: ProblemSchema } },
    handler: async (req) => mtg.myTasks(db(req), actorOf(req), { includeDone: req.query.includeDone === 'true' }),
  });
  app.get('/collaboratives/:id', {
    schema: { tags, summary: 'One collaborative', params: Id, response: { 200: S.CollaborativeSchema, 404: ProblemSchema } },
    handler: async (req) => collab.getCollaborative(db(req), actorOf(req), req.params.id),
  });
  app.patch('/collaboratives/:id', {
    schema: { tags, summary: 'Edit the profile and governance settings', description: 'Send the `version` you edited; a stale one gets 409 with `current`.', params: Id, body: S.UpdateCollaborativeBody, response: { 200: S.CollaborativeSchema, ...errors } },
    handler: async (req) => collab.updateCollaborative(db(req), actorOf(req), metaOf(req), req.params.id, req.body),
  });
  app.post('/collaboratives/:id/stage', {
    schema: { tags, summary: 'Move to another lifecycle stage (kept in the history with date and reason)', params: Id, body: S.StageChangeBody, response: { 200: S.CollaborativeSchema, ...errors } },
    handler: async (req) => collab.changeStage(db(req), actorOf(req), metaOf(req), req.params.id, req.body),
  });
  app.get('/collaboratives/:id/stages', {
    schema: { tags, summary: 'Lifecycle stage history', params: Id, response: { 200: z.object({ items: z.array(S.StageChangeSchema) }), ...errors } },
    handler: async (req) => collab.listStageHistory(db(req), actorOf(req), req.params.id),
  });
  app.get('/collaboratives/:id/home', {
    schema: { tags, summary: 'Home: stage, upcoming meetings, open and overdue actions, membership gaps, obligations due, recent decisions', params: Id, response: { 200: S.HomeSchema, ...errors } },
    handler: async (req) => collaborativeHome(db(req), actorOf(req), req.params.id),
  });

  // ---------- public ----------
  app.get('/public/collaboratives/:id', {
    config: { public: true },
    schema: { tags, summary: 'What a collaborative publishes: profile, members, approved governance documents, public minutes', params: Id, response: { 200: S.PublicCollaborativeSchema, 404: ProblemSchema } },
    handler: async (req) => publicView(db(req), req.actor, req.params.id),
  });
  app.get('/public/collaboratives/:id/meetings/:meetingId/minutes.pdf', {
    config: { public: true },
    schema: { tags, summary: 'Published minutes as PDF', params: MeetingParams, response: { 200: z.any().describe('application/pdf'), 404: ProblemSchema } },
    handler: async (req, reply) => {
      const m = await mtg.getMeeting(db(req), null, req.params.id, req.params.meetingId);
      const c = await collab.getCollaborative(db(req), null, req.params.id);
      return reply.type('application/pdf').header('content-disposition', `inline; filename="minutes-${m.startsAt.slice(0, 10)}.pdf"`).send(await minutesPdf(m, c.name));
    },
  });
  app.get('/public/collaboratives/:id/documents/:documentId/pdf', {
    config: { public: true },
    schema: { tags, summary: 'Published version of a governance document as PDF', params: DocParams, response: { 200: z.any().describe('application/pdf'), 404: ProblemSchema } },
    handler: async (req, reply) => {
      const { doc, version } = await docs.documentForExport(db(req), null, req.params.id, req.params.documentId);
      const c = await collab.getCollaborative(db(req), null, req.params.id);
      return reply.type('application/pdf').send(await documentPdf(c.name, doc.title, version));
    },
  });

  // ---------- members and structure ----------
  app.get('/collaboratives/:id/members', {
    schema: { tags, summary: 'Members (members and coordinators)', params: Id, response: { 200: S.MemberListSchema, ...errors } },
    handler: async (req) => mem.listMembers(db(req), actorOf(req), req.params.id),
  });
  app.post('/collaboratives/:id/members', {
    schema: { tags, summary: 'Add a member organization or individual', params: Id, body: S.CreateMemberBody, response: { 201: S.MemberSchema, ...errors } },
    handler: async (req, reply) => reply.code(201).send(await mem.createMember(db(req), actorOf(req), metaOf(req), req.params.id, req.body)),
  });
  app.patch('/collaboratives/:id/members/:memberId', {
    schema: { tags, summary: 'Edit a membership', params: MemberParams, body: S.UpdateMemberBody, response: { 200: S.MemberSchema, ...errors } },
    handler: async (req) => mem.updateMember(db(req), actorOf(req), metaOf(req), req.params.id, req.params.memberId, req.body),
  });
  app.get('/collaboratives/:id/agreement', {
    schema: { tags, summary: 'The approved membership agreement (statement of commitment) members sign', params: Id, response: { 200: z.object({ text: z.string().nullable() }), ...errors } },
    handler: async (req) => docs.agreementText(db(req), actorOf(req), req.params.id),
  });
  app.post('/collaboratives/:id/members/:memberId/sign', {
    schema: { tags, summary: 'Sign the membership agreement (records who signed and when)', params: MemberParams, body: S.SignAgreementBody, response: { 200: S.MemberSchema, ...errors } },
    handler: async (req) => mem.signAgreement(db(req), actorOf(req), metaOf(req), req.params.id, req.params.memberId, req.body, (tx) => docs.currentAgreementText(tx, req.params.id)),
  });
  app.get('/collaboratives/:id/representation', {
    schema: { tags, summary: 'Partner categories and sectors at the table against the checklist', params: Id, response: { 200: S.RepresentationSchema, ...errors } },
    handler: async (req) => mem.getRepresentation(db(req), actorOf(req), req.params.id),
  });
  app.get('/collaboratives/:id/bodies', {
    schema: { tags, summary: 'Structure: council, committees, working groups, sub-councils', params: Id, response: { 200: z.object({ items: z.array(S.BodySchema) }), ...errors } },
    handler: async (req) => mem.listBodies(db(req), actorOf(req), req.params.id),
  });
  app.post('/collaboratives/:id/bodies', {
    schema: { tags, summary: 'Add a body to the structure', params: Id, body: S.CreateBodyBody, response: { 201: z.object({ id: z.string().uuid() }), ...errors } },
    handler: async (req, reply) => reply.code(201).send({ id: await mem.createBody(db(req), actorOf(req), metaOf(req), req.params.id, req.body) }),
  });

  // ---------- meetings ----------
  app.get('/collaboratives/:id/meetings', {
    schema: { tags, summary: 'Meetings (non-members see only those with public minutes)', params: Id, response: { 200: S.MeetingListSchema, ...errors } },
    handler: async (req) => mtg.listMeetings(db(req), actorOf(req), req.params.id),
  });
  app.post('/collaboratives/:id/meetings', {
    schema: { tags, summary: 'Schedule a meeting, or a series with an RRULE', params: Id, body: S.CreateMeetingBody, response: { 201: z.object({ items: z.array(S.MeetingSummarySchema) }), ...errors } },
    handler: async (req, reply) => reply.code(201).send(await mtg.createMeetings(db(req), actorOf(req), metaOf(req), req.params.id, req.body)),
  });
  app.get('/collaboratives/:id/meetings/:meetingId', {
    schema: { tags, summary: 'A meeting with agenda, attendance and quorum, decisions and action items', params: MeetingParams, response: { 200: S.MeetingSchema, ...errors } },
    handler: async (req) => mtg.getMeeting(db(req), actorOf(req), req.params.id, req.params.meetingId),
  });
  app.patch('/collaboratives/:id/meetings/:meetingId', {
    schema: { tags, summary: 'Edit a meeting: time, status, minutes, publish minutes', params: MeetingParams, body: S.UpdateMeetingBody, response: { 200: VersionOut, ...errors } },
    handler: async (req) => ({ version: await mtg.updateMeeting(db(req), actorOf(req), metaOf(req), req.params.id, req.params.meetingId, req.body) }),
  });
  app.put('/collaboratives/:id/meetings/:meetingId/agenda', {
    schema: { tags, summary: 'Replace the agenda', description: 'Send the meeting `version` you edited; if someone saved since, 409 with the current agenda in `current`.', params: MeetingParams, body: S.AgendaBody, response: { 200: VersionOut, ...errors } },
    handler: async (req) => ({ version: await mtg.saveAgenda(db(req), actorOf(req), metaOf(req), req.params.id, req.params.meetingId, req.body) }),
  });
  app.put('/collaboratives/:id/meetings/:meetingId/attendance', {
    schema: { tags, summary: 'Record attendance', params: MeetingParams, body: S.AttendanceBody, response: { 200: Ok, ...errors } },
    handler: async (req) => {
      await mtg.saveAttendance(db(req), actorOf(req), metaOf(req), req.params.id, req.params.meetingId, req.body.entries);
      return { ok: true as const };
    },
  });
  app.post('/collaboratives/:id/meetings/:meetingId/decisions', {
    schema: { tags, summary: 'Record a decision or motion with votes', params: MeetingParams, body: S.DecisionBody, response: { 201: S.DecisionSchema, ...errors } },
    handler: async (req, reply) => reply.code(201).send(await mtg.recordDecision(db(req), actorOf(req), metaOf(req), req.params.id, req.params.meetingId, req.body)),
  });
  app.get('/collaboratives/:id/meetings/:meetingId/minutes.pdf', {
    schema: { tags, summary: 'Minutes as PDF', params: MeetingParams, response: { 200: z.any().describe('application/pdf'), ...errors } },
    handler: async (req, reply) => {
      const m = await mtg.getMeeting(db(req), actorOf(req), req.params.id, req.params.meetingId);
      const c = await collab.getCollaborative(db(req), actorOf(req), req.params.id);
      return reply.type('application/pdf').header('content-disposition', `inline; filename="minutes-${m.startsAt.slice(0, 10)}.pdf"`).send(await minutesPdf(m, c.name));
    },
  });
  app.get('/collaboratives/:id/decisions', {
    schema: { tags, summary: 'Decision register', params: Id, response: { 200: z.object({ items: z.array(S.DecisionSchema) }), ...errors } },
    handler: async (req) => mtg.listDecisions(db(req), actorOf(req), req.params.id),
  });
  app.get('/collaboratives/:id/action-items', {
    schema: {
      tags,
      summary: 'Action items',
      params: Id,
      querystring: z.object({ status: z.enum(['open', 'done']).optional(), overdue: z.enum(['true', 'false']).optional() }),
      response: { 200: z.object({ items: z.array(S.ActionItemSchema) }), ...errors },
    },
    handler: async (req) => mtg.listActionItems(db(req), actorOf(req), req.params.id, { status: req.query.status, overdue: req.query.overdue === 'true' }),
  });
  app.post('/collaboratives/:id/action-items', {
    schema: { tags, summary: 'Assign an action item', params: Id, body: S.ActionItemBody, response: { 201: S.ActionItemSchema, ...errors } },
    handler: async (req, reply) => reply.code(201).send(await mtg.createActionItem(db(req), actorOf(req), metaOf(req), req.params.id, req.body)),
  });
  app.patch('/collaboratives/:id/action-items/:itemId', {
    schema: { tags, summary: 'Update an action item (owners may mark their own done)', params: z.object({ id: uuid, itemId: uuid }), body: S.UpdateActionItemBody, response: { 200: S.ActionItemSchema, ...errors } },
    handler: async (req) => mtg.updateActionItem(db(req), actorOf(req), metaOf(req), req.params.id, req.params.itemId, req.body),
  });

  // ---------- governance documents ----------
  app.get('/collaboratives/:id/documents', {
    schema: { tags, summary: 'Governance documents (non-members see published versions only)', params: Id, response: { 200: S.DocumentListSchema, ...errors } },
    handler: async (req) => docs.listDocuments(db(req), actorOf(req), req.params.id),
  });
  app.post('/collaboratives/:id/documents', {
    schema: { tags, summary: 'Create a governance document with its first draft', params: Id, body: S.CreateDocumentBody, response: { 201: S.DocumentSchema, ...errors } },
    handler: async (req, reply) => reply.code(201).send(await docs.createDocument(db(req), actorOf(req), metaOf(req), req.params.id, req.body)),
  });
  app.get('/collaboratives/:id/documents/:documentId', {
    schema: { tags, summary: 'A governance document and its versions', params: DocParams, response: { 200: S.DocumentSchema, ...errors } },
    handler: async (req) => docs.getDocument(db(req), actorOf(req), req.params.id, req.params.documentId),
  });
  app.post('/collaboratives/:id/documents/:documentId/versions', {
    schema: { tags, summary: 'Add a draft version', params: DocParams, body: S.CreateVersionBody, response: { 201: S.DocumentSchema, ...errors } },
    handler: async (req, reply) => reply.code(201).send(await docs.addVersion(db(req), actorOf(req), metaOf(req), req.params.id, req.params.documentId, req.body)),
  });
  app.post('/collaboratives/:id/documents/:documentId/versions/:versionId/approve', {
    schema: { tags, summary: 'Approve a draft by a recorded decision; it becomes the published version', params: DocParams.extend({ versionId: uuid }), body: S.ApproveVersionBody, response: { 200: S.DocumentSchema, ...errors } },
    handler: async (req) => docs.approveVersion(db(req), actorOf(req), metaOf(req), req.params.id, req.params.documentId, req.params.versionId, req.body.decisionId),
  });
  app.get('/collaboratives/:id/documents/:documentId/diff', {
    schema: { tags, summary: 'Line diff between two versions', params: DocParams, querystring: z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) }), response: { 200: S.DiffSchema, ...errors } },
    handler: async (req) => docs.diffVersions(db(req), actorOf(req), req.params.id, req.params.documentId, req.query.from, req.query.to),
  });
  app.get('/collaboratives/:id/documents/:documentId/pdf', {
    schema: { tags, summary: 'A version as PDF (the published one unless `version` is given)', params: DocParams, querystring: z.object({ version: z.coerce.number().int().min(1).optional() }), response: { 200: z.any().describe('application/pdf'), ...errors } },
    handler: async (req, reply) => {
      const { doc, version } = await docs.documentForExport(db(req), actorOf(req), req.params.id, req.params.documentId, req.query.version);
      const c = await collab.getCollaborative(db(req), actorOf(req), req.params.id);
      return reply.type('application/pdf').send(await documentPdf(c.name, doc.title, version));
    },
  });

  // ---------- funding and engagement ----------
  app.get('/collaboratives/:id/funding', {
    schema: { tags, summary: 'Funding sources, obligations and the per-year, per-type summary', params: Id, response: { 200: S.FundingSummarySchema, ...errors } },
    handler: async (req) => fund.fundingSummary(db(req), actorOf(req), req.params.id),
  });
  app.post('/collaboratives/:id/funding', {
    schema: { tags, summary: 'Add a funding source with its reporting obligations', params: Id, body: S.FundingSourceBody, response: { 201: z.object({ id: z.string().uuid() }), ...errors } },
    handler: async (req, reply) => reply.code(201).send({ id: await fund.createFundingSource(db(req), actorOf(req), metaOf(req), req.params.id, req.body) }),
  });
  app.patch('/collaboratives/:id/funding/obligations/:obligationId', {
    schema: { tags, summary: 'Mark a reporting obligation submitted (or not)', params: z.object({ id: uuid, obligationId: uuid }), body: z.object({ submittedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-03-31').nullable() }).strict(), response: { 200: Ok, ...errors } },
    handler: async (req) => {
      await fund.markObligationSubmitted(db(req), actorOf(req), metaOf(req), req.params.id, req.params.obligationId, req.body.submittedOn);
      return { ok: true as const };
    },
  });
  app.get('/collaboratives/:id/engagements', {
    schema: { tags, summary: 'Engagement records: consultations, focus groups, town halls, surveys, forums', params: Id, response: { 200: S.EngagementListSchema, ...errors } },
    handler: async (req) => fund.listEngagements(db(req), actorOf(req), req.params.id),
  });
  app.post('/collaboratives/:id/engagements', {
    schema: { tags, summary: 'Record an engagement', params: Id, body: S.EngagementBody, response: { 201: S.EngagementSchema, ...errors } },
    handler: async (req, reply) => reply.code(201).send(await fund.createEngagement(db(req), actorOf(req), metaOf(req), req.params.id, req.body)),
  });
}
