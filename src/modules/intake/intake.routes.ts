import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, metaOf } from '../../core/http/request';
import { ProblemSchema } from '../../core/http/problem.schema';
import { uuid } from '../../shared/contracts';
import * as S from './intake.schema';
import * as clients from './intake.clients';
import * as referrals from './intake.referrals';
import * as screening from './intake.screening';
import * as reports from './intake.reports';
import * as bundles from './intake.bundles';
import * as selfReferrals from './intake.self-referrals';
import * as contacts from './intake.contacts';
import { publishFeed } from './intake.publish';
import { liveStatusTimings, referralEventHub } from './intake.events';
import { intakeFhirRoutes } from './fhir/intake-fhir.routes';
import { workerOrganizations } from './intake.access';
import { authorizeAction } from '../../core/policy';
import { can } from './intake.policy';

const P = { 400: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };

export async function intakeRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['No Wrong Door'];
  const db = (req: { server: FastifyInstance }) => req.server.database;

  // Clients
  app.get('/intake/clients', {
    schema: { tags, summary: 'Clients you may see (consent-filtered), by name words or date of birth', querystring: S.ClientListQuery, response: { 200: S.ClientListSchema } },
    handler: async (req) => clients.listClients(db(req), actorOf(req), metaOf(req), req.query),
  });
  app.post('/intake/clients', {
    schema: {
      tags, summary: 'Start an intake: a client record with the intake consent',
      description: 'Answers 409 `intake.possible_duplicate` with `candidates` when a record with the same date of birth and a similar name exists; send `confirmNotDuplicate: true` to create anyway.',
      body: S.CreateClientBody, response: { 201: S.ClientSchema, ...P },
    },
    handler: async (req, reply) => reply.code(201).send(await clients.createClient(db(req), actorOf(req), metaOf(req), req.body)),
  });
  app.get('/intake/clients/:id', {
    schema: { tags, summary: 'One client record (audited with purpose)', params: S.IdParams, querystring: S.PurposeQuery, response: { 200: S.ClientSchema, ...P } },
    handler: async (req) => clients.getClient(db(req), actorOf(req), metaOf(req), req.params.id, req.query.purpose),
  });
  app.patch('/intake/clients/:id', {
    schema: { tags, summary: 'Edit a client record', params: S.IdParams, body: S.UpdateClientBody, response: { 200: S.ClientSchema, ...P } },
    handler: async (req) => clients.updateClient(db(req), actorOf(req), metaOf(req), req.params.id, req.body),
  });
  app.post('/intake/clients/:id/close', {
    schema: { tags, summary: 'Close a client record with a reason (starts the retention period; home organization)', params: S.IdParams, body: S.CloseClientBody, response: { 200: S.ClientSchema, ...P } },
    handler: async (req) => clients.closeClient(db(req), actorOf(req), metaOf(req), req.params.id, req.body),
  });
  app.post('/intake/clients/:id/reopen', {
    schema: { tags, summary: 'Reopen a closed client record (home organization)', params: S.IdParams, response: { 200: S.ClientSchema, ...P } },
    handler: async (req) => clients.reopenClient(db(req), actorOf(req), metaOf(req), req.params.id),
  });
  app.get('/intake/clients/:id/duplicates', {
    schema: { tags, summary: 'Possible duplicates of this record (same date of birth, similar name)', params: S.IdParams, response: { 200: z.object({ candidates: S.DuplicateSchema.shape.candidates }), ...P } },
    handler: async (req) => clients.clientDuplicates(db(req), actorOf(req), metaOf(req), req.params.id),
  });
  app.post('/intake/clients/:id/merge', {
    schema: { tags, summary: 'Merge this duplicate into another record of the same home organization (reversible)', params: S.IdParams, body: S.MergeBody, response: { 200: S.MergeSchema, ...P } },
    handler: async (req) => clients.mergeClients(db(req), actorOf(req), metaOf(req), req.params.id, req.body),
  });
  app.post('/intake/merges/:id/undo', {
    schema: { tags, summary: 'Undo a merge', params: S.IdParams, response: { 200: S.MergeSchema, ...P } },
    handler: async (req) => clients.undoMerge(db(req), actorOf(req), metaOf(req), req.params.id),
  });
  app.get('/intake/clients/:id/consents', {
    schema: { tags, summary: 'Consent directives of a client (other organizations: those naming them, without witness or document)', params: S.IdParams, response: { 200: S.ConsentListSchema, ...P } },
    handler: async (req) => clients.listConsents(db(req), actorOf(req), metaOf(req), req.params.id),
  });
  app.post('/intake/clients/:id/consents', {
    schema: { tags, summary: "Record a consent directive (the client's home organization only)", params: S.IdParams, body: S.ConsentInput, response: { 201: S.ConsentSchema, ...P } },
    handler: async (req, reply) => reply.code(201).send(await clients.addConsent(db(req), actorOf(req), metaOf(req), req.params.id, req.body)),
  });
  app.post('/intake/clients/:id/consents/:consentId/withdraw', {
    schema: { tags, summary: "Withdraw a consent (takes effect at once; the client's home organization only)", params: S.ConsentParams, response: { 200: S.ConsentSchema, ...P } },
    handler: async (req) => clients.withdrawConsent(db(req), actorOf(req), metaOf(req), req.params.id, req.params.consentId),
  });
  app.post('/intake/clients/:id/consents/:consentId/relinquish', {
    schema: { tags, summary: 'Give up what a consent gave to your organization (the rest of the directive stands)', params: S.ConsentParams, response: { 200: S.ConsentSchema, ...P } },
    handler: async (req) => clients.relinquishConsent(db(req), actorOf(req), metaOf(req), req.params.id, req.params.consentId),
  });
  app.post('/intake/clients/:id/emergency-access', {
    schema: { tags, summary: 'Break the glass: time-limited access without consent (org admins; alerts the privacy officer)', params: S.IdParams, body: S.EmergencyBody, response: { 201: S.EmergencySchema, ...P } },
    handler: async (req, reply) => reply.code(201).send(await clients.breakGlass(db(req), actorOf(req), metaOf(req), req.params.id, req.body)),
  });
  app.get('/intake/clients/:id/access-report', {
    schema: { tags, summary: 'Who accessed this client record, when and why (privacy officer)', params: S.IdParams, response: { 200: S.AccessReportSchema, ...P } },
    handler: async (req) => clients.accessReport(db(req), actorOf(req), metaOf(req), req.params.id),
  });
  app.get('/intake/clients/:id/export', {
    schema: { tags, summary: "The client's own record, for an access request (privacy officer)", params: S.IdParams, response: { 200: S.ExportSchema, ...P } },
    handler: async (req) => clients.exportClient(db(req), actorOf(req), metaOf(req), req.params.id),
  });

  // Screening and matching
  app.get('/intake/instruments', {
    schema: { tags, summary: 'Screening instruments and their versions', response: { 200: S.InstrumentListSchema } },
    handler: async (req) => { actorOf(req); return screening.listInstruments(db(req)); },
  });
  app.get('/intake/instruments/:id', {
    schema: { tags, summary: 'One instrument version with its definition', params: S.IdParams, response: { 200: S.InstrumentSchema, ...P } },
    handler: async (req) => { actorOf(req); return screening.getInstrument(db(req).db, req.params.id); },
  });
  app.post('/intake/instruments', {
    schema: { tags, summary: 'New instrument (or new version of a code) as a draft', body: S.CreateInstrumentBody, response: { 201: S.InstrumentSchema, ...P } },
    handler: async (req, reply) => reply.code(201).send(await screening.createInstrument(db(req), actorOf(req), metaOf(req), req.body)),
  });
  app.patch('/intake/instruments/:id', {
    schema: { tags, summary: 'Edit a draft instrument (published versions answer 409)', params: S.IdParams, body: S.UpdateInstrumentBody, response: { 200: S.InstrumentSchema, ...P } },
    handler: async (req) => screening.updateInstrument(db(req), actorOf(req), metaOf(req), req.params.id, req.body),
  });
  app.post('/intake/instruments/:id/publish', {
    schema: { tags, summary: 'Publish a draft: it never changes again', params: S.IdParams, response: { 200: S.InstrumentSchema, ...P } },
    handler: async (req) => screening.publishInstrument(db(req), actorOf(req), metaOf(req), req.params.id),
  });
  app.post('/intake/instruments/:id/new-version', {
    schema: { tags, summary: 'New draft version copied from this one (409 naming `code` if the code already has a draft)', params: S.IdParams, response: { 201: S.InstrumentSchema, ...P } },
    handler: async (req, reply) => reply.code(201).send(await screening.newInstrumentVersion(db(req), actorOf(req), metaOf(req), req.params.id)),
  });
  app.post('/intake/instruments/:id/retire', {
    schema: { tags, summary: 'Retire a published version: no new assessments use it; past ones keep it', params: S.IdParams, response: { 200: S.InstrumentSchema, ...P } },
    handler: async (req) => screening.retireInstrument(db(req), actorOf(req), metaOf(req), req.params.id),
  });
  app.delete('/intake/instruments/:id', {
    schema: { tags, summary: 'Delete a draft (published and retired versions answer 409)', params: S.IdParams, response: { 204: z.null(), ...P } },
    handler: async (req, reply) => { await screening.deleteInstrument(db(req), actorOf(req), metaOf(req), req.params.id); return reply.code(204).send(null); },
  });
  app.get('/intake/clients/:id/assessments', {
    schema: { tags, summary: 'Assessments over time (acuity by domain)', params: S.IdParams, response: { 200: S.AssessmentListSchema, ...P } },
    handler: async (req) => screening.listAssessments(db(req), actorOf(req), metaOf(req), req.params.id),
  });
  app.post('/intake/clients/:id/assessments', {
    schema: { tags, summary: 'Record a screening; rules turn answers into needs', params: S.IdParams, body: S.AssessmentBody, response: { 201: S.AssessmentSchema, ...P } },
    handler: async (req, reply) => reply.code(201).send(await screening.createAssessment(db(req), actorOf(req), metaOf(req), req.params.id, req.body)),
  });
  app.get('/intake/clients/:id/matches', {
    schema: { tags, summary: 'Directory services suggested for the latest needs, with reasons', params: S.IdParams, response: { 200: S.MatchSchema, ...P } },
    handler: async (req) => screening.matchServices(db(req), actorOf(req), metaOf(req), req.params.id),
  });

  // Plan
  app.get('/intake/clients/:id/plan', {
    schema: { tags, summary: 'The shared plan', params: S.IdParams, response: { 200: S.PlanSchema, ...P } },
    handler: async (req) => reports.getPlan(db(req), actorOf(req), metaOf(req), req.params.id),
  });
  app.put('/intake/clients/:id/plan', {
    schema: { tags, summary: 'Save the shared plan (version 0 creates it)', params: S.IdParams, body: S.PlanBody, response: { 200: S.PlanSchema, ...P } },
    handler: async (req) => reports.savePlan(db(req), actorOf(req), metaOf(req), req.params.id, req.body),
  });
  app.post('/intake/clients/:id/case-conferences', {
    schema: { tags, summary: 'Record a case conference', params: S.IdParams, body: S.ConferenceBody, response: { 201: S.PlanSchema, ...P } },
    handler: async (req, reply) => reply.code(201).send(await reports.addConference(db(req), actorOf(req), metaOf(req), req.params.id, req.body)),
  });

  // Referrals
  app.get('/intake/referrals', {
    schema: { tags, summary: 'Referrals your organization received or sent', querystring: S.ReferralListQuery.extend({ clientId: uuid.optional() }), response: { 200: S.ReferralListSchema } },
    handler: async (req) => referrals.listReferrals(db(req), actorOf(req), metaOf(req), req.query),
  });
  app.post('/intake/referrals', {
    schema: { tags, summary: 'Make a warm referral', body: S.CreateReferralBody, response: { 201: S.ReferralSchema, ...P } },
    handler: async (req, reply) => reply.code(201).send(await referrals.createReferral(db(req), actorOf(req), metaOf(req), req.body)),
  });
  app.get('/intake/referrals/:id', {
    schema: { tags, summary: 'One referral with its timeline', params: S.IdParams, response: { 200: S.ReferralSchema, ...P } },
    handler: async (req) => referrals.getReferral(db(req), actorOf(req), metaOf(req), req.params.id),
  });
  app.post('/intake/referrals/:id/transitions', {
    schema: { tags, summary: 'Move a referral one step (requested → received → accepted | rejected → [on-hold: waitlisted →] in-progress → completed; or cancelled)', params: S.IdParams, body: S.TransitionBody, response: { 200: S.ReferralSchema, ...P } },
    handler: async (req) => referrals.transitionReferral(db(req), actorOf(req), metaOf(req), req.params.id, req.body),
  });
  // Live status (waitlist brief): a text/event-stream of {referralId, status} for referrals your
  // organizations sent or received, for as long as your session lasts. Hidden from the OpenAPI
  // document: the stream never ends, and the route walks in the tests would wait on it.
  const events = referralEventHub(root.database);
  liveStatusTimings.idleMinutes = root.config.sessionIdleMinutes;
  root.addHook('preClose', async () => events.close());
  app.get('/intake/referrals/events', {
    schema: { hide: true },
    handler: async (req, reply) => {
      const actor = actorOf(req);
      const orgs = workerOrganizations(actor);
      authorizeAction(can, actor, 'intake.referral.events', { hasSession: !!req.sessionId });
      await events.subscribe({ sessionId: req.sessionId!, userId: actor.kind === 'user' ? actor.userId : '', organizations: orgs }, reply);
    },
  });
  app.post('/intake/referrals/:id/link', {
    schema: { tags, summary: 'Secure link for a partner not on the platform (shown once)', params: S.IdParams, response: { 201: S.LinkSchema, ...P } },
    handler: async (req, reply) => reply.code(201).send(await referrals.createPartnerLink(db(req), actorOf(req), metaOf(req), req.params.id)),
  });
  await intakeFhirRoutes(root);

  // Partner links (public: the token is the credential)
  const limit = { rateLimit: { max: 30, timeWindow: '1 minute' } };
  app.get('/intake/partner-links/:token', {
    config: { public: true, ...limit },
    schema: { tags, summary: 'What a partner without an account sees (audited; changes nothing; only "closed" once the referral is closed)', security: [], params: S.TokenParams, response: { 200: S.PartnerViewSchema, 404: ProblemSchema } },
    handler: async (req) => referrals.partnerView(db(req), metaOf(req), req.params.token),
  });
  app.post('/intake/partner-links/:token/receipt', {
    config: { public: true, csrfExempt: true, ...limit },
    schema: { tags, summary: 'Partner confirms the referral reached them (a GET never changes anything)', security: [], params: S.TokenParams, response: { 200: S.PartnerViewSchema, ...P } },
    handler: async (req) => referrals.partnerReceipt(db(req), metaOf(req), req.params.token),
  });
  app.post('/intake/partner-links/:token/response', {
    config: { public: true, csrfExempt: true, ...limit },
    schema: { tags, summary: 'Partner accepts or declines (once)', security: [], params: S.TokenParams, body: S.PartnerResponseBody, response: { 200: S.PartnerViewSchema.nullable(), ...P } },
    handler: async (req) => referrals.partnerRespond(db(req), metaOf(req), req.params.token, req.body),
  });
  app.post('/intake/partner-links/:token/outcome', {
    config: { public: true, csrfExempt: true, ...limit },
    schema: { tags, summary: 'Partner reports the outcome (once)', security: [], params: S.TokenParams, body: S.PartnerOutcomeBody, response: { 200: S.PartnerViewSchema.nullable(), ...P } },
    handler: async (req) => referrals.partnerOutcome(db(req), metaOf(req), req.params.token, req.body),
  });
  app.post('/intake/self-referrals', {
    config: { public: true, csrfExempt: true, rateLimit: { max: 5, timeWindow: '1 hour' } },
    schema: { tags, summary: 'A person asks an organization to contact them (minimal data)', security: [], body: S.SelfReferralBody, response: { 201: z.object({ id: uuid }), 400: ProblemSchema } },
    handler: async (req, reply) => reply.code(201).send(await reports.createSelfReferral(db(req), metaOf(req), req.body)),
  });

  app.get('/intake/self-referrals/:id', {
    schema: { tags, summary: 'One self-referral to your organization (audited)', params: S.IdParams, response: { 200: S.SelfReferralSchema, ...P } },
    handler: async (req) => selfReferrals.getSelfReferral(db(req), actorOf(req), metaOf(req), req.params.id),
  });
  app.post('/intake/self-referrals/:id/close', {
    schema: { tags, summary: 'Answer a self-referral without an intake (could not reach, not needed); an intake answers it with selfReferralId', params: S.IdParams, body: S.CloseSelfReferralBody, response: { 200: S.SelfReferralSchema, ...P } },
    handler: async (req) => selfReferrals.closeSelfReferral(db(req), actorOf(req), metaOf(req), req.params.id, req.body),
  });

  app.get('/intake/organizations/:id/contacts', {
    schema: { tags, summary: 'People at an organization a referral can name as its contact (staff and admins on the platform)', params: S.IdParams, response: { 200: z.object({ items: z.array(z.object({ id: uuid, name: z.string() })) }), ...P } },
    handler: async (req) => contacts.referralContacts(db(req), actorOf(req), req.params.id),
  });

  // Worklists, dashboard, feed, settings
  app.get('/intake/worklist', {
    schema: { tags, summary: 'My clients, overdue follow-ups, incoming referrals, reassessments due, alerts', response: { 200: S.WorklistSchema } },
    handler: async (req) => reports.worklist(db(req), actorOf(req), metaOf(req)),
  });
  app.post('/intake/alerts/:id/acknowledge', {
    schema: { tags, summary: 'Privacy officer acknowledges an alert', params: S.IdParams, response: { 204: z.null(), ...P } },
    handler: async (req, reply) => { await reports.acknowledgeAlert(db(req), actorOf(req), metaOf(req), req.params.id); return reply.code(204).send(null); },
  });
  app.get('/intake/dashboard', {
    schema: { tags, summary: "An organization's referral volumes, acceptance time and completion rate", querystring: z.object({ organizationId: uuid.optional() }), response: { 200: S.DashboardSchema, ...P } },
    handler: async (req) => reports.dashboard(db(req), actorOf(req), req.query.organizationId),
  });
  app.get('/intake/feed', {
    schema: { tags, summary: 'De-identified aggregates for planning (cells under 5 suppressed)', querystring: S.FeedQuery, response: { 200: S.FeedSchema } },
    handler: async (req) => { actorOf(req); return reports.aggregateFeed(db(req), req.query); },
  });
  app.post('/intake/feed/publish', {
    schema: { tags, summary: 'Publish the feed into the community data repository (platform admin)', response: { 200: z.object({ message: z.string() }), 403: ProblemSchema } },
    handler: async (req) => {
      const actor = actorOf(req);
      authorizeAction(can, actor, 'intake.feed.publish', {});
      return { message: await publishFeed(db(req), actor, await reports.aggregateFeed(db(req), {}), metaOf(req)) };
    },
  });
  app.get('/intake/settings/:id', {
    schema: { tags, summary: "An organization's follow-up and retention settings", params: S.IdParams, response: { 200: S.SettingsSchema, ...P } },
    handler: async (req) => reports.getSettings(db(req), actorOf(req), req.params.id),
  });
  app.put('/intake/settings/:id', {
    schema: { tags, summary: 'Change follow-up days and retention years (org admin)', params: S.IdParams, body: S.SettingsBody, response: { 200: S.SettingsSchema, ...P } },
    handler: async (req) => reports.saveSettings(db(req), actorOf(req), metaOf(req), req.params.id, req.body),
  });

  // Support bundles
  app.get('/intake/bundles', {
    schema: { tags, summary: 'Support bundles: saved sets of services for a combination of needs up to an acuity', response: { 200: S.BundleListSchema } },
    handler: async (req) => bundles.listBundles(db(req), actorOf(req)),
  });
  app.get('/intake/bundles/:id', {
    schema: { tags, summary: 'One support bundle', params: S.IdParams, response: { 200: S.BundleSchema, ...P } },
    handler: async (req) => bundles.getBundle(db(req), actorOf(req), req.params.id),
  });
  app.post('/intake/bundles', {
    schema: { tags, summary: "New support bundle (org admin of the owning organization; platform admin for region-wide ones)", body: S.BundleBody, response: { 201: S.BundleSchema, ...P } },
    handler: async (req, reply) => reply.code(201).send(await bundles.createBundle(db(req), actorOf(req), metaOf(req), req.body)),
  });
  app.put('/intake/bundles/:id', {
    schema: { tags, summary: 'Change a support bundle (optimistic version: 409 when stale)', params: S.IdParams, body: S.UpdateBundleBody, response: { 200: S.BundleSchema, ...P } },
    handler: async (req) => bundles.updateBundle(db(req), actorOf(req), metaOf(req), req.params.id, req.body),
  });
  app.delete('/intake/bundles/:id', {
    schema: { tags, summary: 'Delete a support bundle', params: S.IdParams, response: { 204: z.null(), ...P } },
    handler: async (req, reply) => { await bundles.deleteBundle(db(req), actorOf(req), metaOf(req), req.params.id); return reply.code(204).send(null); },
  });
}
