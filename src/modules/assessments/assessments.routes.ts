import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, metaOf } from '../../core/http/request';
import { ProblemSchema } from '../../core/http/problem.schema';
import { uuid } from '../../shared/contracts';
import * as s from './assessments.schema';
import * as instruments from './assessments.instruments.service';
import * as rounds from './assessments.rounds.service';
import * as answers from './assessments.answers.service';
import * as results from './assessments.results.service';
import * as welcoming from './assessments.welcoming.service';
import { profilePdf } from './assessments.pdf';
import * as surveys from './assessments.surveys.service';

const P = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };
const LangQuery = z.object({ lang: z.enum(['en', 'fr']).default('en').describe('Language of labels') });
const Actions = z.record(z.string(), z.boolean());

export async function assessmentsRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Assessments'];
  const db = (req: { server: FastifyInstance }) => req.server.database;
  const linkLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };

  // ---- instruments
  app.get('/assessments/scales', {
    schema: { tags, summary: 'Rating scales with their crosswalks', response: { 200: z.object({ items: z.array(s.ScaleSchema) }), ...P } },
    handler: async (req) => instruments.listScales(db(req), actorOf(req)),
  });
  app.get('/assessments/instruments', {
    schema: { tags, summary: 'Instruments (every version): pair ratings, Likert items, checklists', response: { 200: z.object({ items: z.array(s.InstrumentSchema), actions: Actions }), ...P } },
    handler: async (req) => instruments.listInstruments(db(req), actorOf(req)),
  });
  app.post('/assessments/instruments', {
    schema: { tags, summary: 'Author an instrument in English and French; an existing key makes a new version', body: s.InstrumentBody, response: { 201: s.InstrumentSchema, ...P } },
    handler: async (req, reply) => reply.code(201).send(await instruments.createInstrument(db(req), actorOf(req), metaOf(req), req.body)),
  });

  // ---- rounds
  app.get('/assessments/rounds', {
    schema: { tags, summary: 'Rounds of the collaboratives you belong to, and those you answer in', querystring: s.RoundListQuery, response: { 200: z.object({ items: z.array(s.RoundSchema), actions: Actions }), ...P } },
    handler: async (req) => rounds.listRounds(db(req), actorOf(req), req.query),
  });
  app.post('/assessments/rounds', {
    schema: { tags, summary: 'Open a round: the roster is frozen from the collaborative’s current members', body: s.OpenRoundBody, response: { 201: s.RoundSchema, ...P } },
    handler: async (req, reply) => reply.code(201).send(await rounds.openRound(db(req), actorOf(req), metaOf(req), req.body)),
  });
  app.get('/assessments/rounds/:id', {
    schema: { tags, summary: 'One round with its progress (coordinators: who has submitted, never what)', params: s.IdParams, response: { 200: s.RoundSchema, ...P } },
    handler: async (req) => rounds.getRound(db(req), actorOf(req), req.params.id),
  });
  app.post('/assessments/rounds/:id/links', {
    schema: {
      tags, summary: 'Single-use links for respondents without an account (or those named); each token is shown once', params: s.IdParams,
      body: z.object({ respondentIds: z.array(uuid).max(500).optional().describe('Only these respondents (default: everyone without an account who has not submitted)') }),
      response: { 200: z.object({ items: z.array(s.LinkSchema) }), ...P },
    },
    handler: async (req) => rounds.issueLinks(db(req), actorOf(req), metaOf(req), req.params.id, req.body.respondentIds),
  });
  app.post('/assessments/rounds/:id/reminders', {
    schema: {
      tags, summary: 'Record a reminder to everyone who has not submitted (delivery by the notification system)', params: s.IdParams,
      response: { 200: z.object({ roundId: z.string(), title: z.string(), closesOn: z.string(), recipients: z.array(z.object({ respondentId: z.string(), userId: z.string().nullable(), memberId: z.string().nullable(), displayName: z.string(), hasLink: z.boolean() })) }), ...P },
    },
    handler: async (req) => rounds.sendRoundReminders(db(req), actorOf(req), metaOf(req), req.params.id),
  });
  app.post('/assessments/rounds/:id/close', {
    schema: { tags, summary: 'Close the round now: results are computed once and cannot change', params: s.IdParams, response: { 200: s.RoundSchema, ...P } },
    handler: async (req) => rounds.closeRound(db(req), actorOf(req), metaOf(req), req.params.id),
  });

  // ---- answering (the only place answers are returned, to their respondent)
  app.get('/assessments/rounds/:id/my-answers', {
    schema: { tags, summary: 'Your questionnaire and your own answers', params: s.IdParams, response: { 200: s.QuestionnaireSchema, ...P } },
    handler: async (req) => answers.myQuestionnaire(db(req), actorOf(req), req.params.id),
  });
  app.put('/assessments/rounds/:id/my-answers', {
    schema: { tags, summary: 'Save your answers; submit when done', params: s.IdParams, body: s.AnswersBody, response: { 200: s.QuestionnaireSchema, ...P } },
    handler: async (req) => answers.saveMyAnswers(db(req), actorOf(req), metaOf(req), req.params.id, req.body),
  });
  app.get('/assessments/respond/:token', {
    config: { public: true, ...linkLimit },
    schema: { tags, summary: 'The questionnaire behind a single-use link', security: [], params: s.TokenParams, response: { 200: s.QuestionnaireSchema, ...P } },
    handler: async (req) => answers.tokenQuestionnaire(db(req), req.params.token),
  });
  app.put('/assessments/respond/:token', {
    config: { public: true, csrfExempt: true, ...linkLimit },
    schema: { tags, summary: 'Save answers through a single-use link; submitting spends the link', security: [], params: s.TokenParams, body: s.AnswersBody, response: { 200: s.QuestionnaireSchema, ...P } },
    handler: async (req) => answers.saveTokenAnswers(db(req), metaOf(req), req.params.token, req.body),
  });

  // ---- results (aggregates only)
  app.get('/assessments/rounds/:id/results', {
    schema: { tags, summary: 'Results of a closed round: aggregates with at least 3 respondents', params: s.IdParams, response: { 200: s.ResultsSchema, ...P } },
    handler: async (req) => results.getResults(db(req), actorOf(req), req.params.id),
  });
  app.get('/assessments/rounds/:id/results.csv', {
    schema: { tags, summary: 'The results as CSV (aggregates only)', params: s.IdParams, querystring: LangQuery, response: { 200: z.string(), ...P } },
    handler: async (req, reply) => {
      const r = await results.getResults(db(req), actorOf(req), req.params.id);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="assessment-results.csv"').send(results.resultsAsCsv(r, req.query.lang));
    },
  });
  app.get('/assessments/trends', {
    schema: { tags, summary: 'Closed rounds of one instrument in a collaborative, round over round', querystring: s.TrendsQuery, response: { 200: s.TrendsSchema, ...P } },
    handler: async (req) => results.trends(db(req), actorOf(req), req.query),
  });
  app.post('/assessments/rounds/:id/follow-ups', {
    schema: { tags, summary: 'Hand a finding on to a meeting agenda or a plan action', params: s.IdParams, body: s.FollowUpBody, response: { 201: s.FollowUpSchema, ...P } },
    handler: async (req, reply) => reply.code(201).send(await results.addFollowUp(db(req), actorOf(req), metaOf(req), req.params.id, req.body)),
  });

  // ---- welcoming-community assessment
  app.get('/assessments/welcoming/scan', {
    schema: { tags, summary: 'Step 1: what is known for each characteristic of a welcoming community (indicators, services, plan actions)', querystring: s.ScanQuery, response: { 200: s.ScanSchema, ...P } },
    handler: async (req) => welcoming.scan(db(req), actorOf(req), req.query),
  });
  app.put('/assessments/welcoming/action-links', {
    schema: { tags, summary: 'Link a plan action of the collaborative’s strategy plans to a characteristic, or unlink it', body: s.ActionLinkBody, response: { 200: z.object({ characteristic: z.string(), actions: z.array(s.PlanActionSchema) }), ...P } },
    handler: async (req) => welcoming.setActionLink(db(req), actorOf(req), metaOf(req), req.body),
  });
  app.get('/assessments/welcoming/profiles', {
    schema: { tags, summary: 'Welcoming-community profiles of a collaborative', querystring: z.object({ collaborativeId: uuid.describe('The collaborative') }), response: { 200: z.object({ items: z.array(s.ProfileSchema), actions: Actions }), ...P } },
    handler: async (req) => welcoming.listProfiles(db(req), actorOf(req), req.query.collaborativeId),
  });
  app.post('/assessments/welcoming/profiles', {
    schema: { tags, summary: 'Steps 2 and 3: priorities, indicators and comparisons make a dated, immutable profile', body: s.ProfileBody, response: { 201: s.ProfileSchema, ...P } },
    handler: async (req, reply) => reply.code(201).send(await welcoming.createProfile(db(req), actorOf(req), metaOf(req), req.body)),
  });
  app.get('/assessments/welcoming/profiles/:id', {
    schema: { tags, summary: 'One welcoming-community profile', params: s.IdParams, response: { 200: s.ProfileSchema, ...P } },
    handler: async (req) => welcoming.getProfile(db(req), actorOf(req), req.params.id),
  });
  app.put('/assessments/welcoming/profiles/:id/public', {
    schema: { tags, summary: 'Publish a profile as a public bilingual page, or withdraw it', params: s.IdParams, body: z.object({ isPublic: z.boolean().describe('Public or not') }), response: { 200: s.ProfileSchema, ...P } },
    handler: async (req) => welcoming.shareProfile(db(req), actorOf(req), metaOf(req), req.params.id, req.body.isPublic),
  });
  app.get('/assessments/public/welcoming/:id', {
    config: { public: true, rateLimit: { max: 60, timeWindow: '1 minute' } },
    schema: { tags, summary: 'A public welcoming-community profile', security: [], params: s.IdParams, response: { 200: s.ProfileSchema, ...P } },
    handler: async (req) => welcoming.getProfile(db(req), null, req.params.id),
  });
  app.get('/assessments/welcoming/profiles/:id/pdf', {
    schema: { tags, summary: 'A profile as a PDF (English or French)', params: s.IdParams, querystring: LangQuery, response: { 200: z.any().describe('application/pdf'), ...P } },
    handler: async (req, reply) => {
      const p = await welcoming.getProfile(db(req), actorOf(req), req.params.id);
      return reply.type('application/pdf').header('content-disposition', `inline; filename="welcoming-${p.id}.pdf"`).send(await profilePdf(p, req.query.lang));
    },
  });
  app.get('/assessments/public/welcoming/:id/pdf', {
    config: { public: true, rateLimit: { max: 20, timeWindow: '1 minute' } },
    schema: { tags, summary: 'A public profile as a PDF (English or French)', security: [], params: s.IdParams, querystring: LangQuery, response: { 200: z.any().describe('application/pdf'), ...P } },
    handler: async (req, reply) => {
      const p = await welcoming.getProfile(db(req), null, req.params.id);
      return reply.type('application/pdf').header('content-disposition', `inline; filename="welcoming-${p.id}.pdf"`).send(await profilePdf(p, req.query.lang));
    },
  });

  // ---- community surveys (public, anonymous)
  const secret = (req: { server: FastifyInstance }) => surveys.surveySecret(req.server.config.cookieSecret ?? req.server.config.encryption.key);
  app.get('/assessments/surveys', {
    schema: { tags, summary: 'Community surveys of a collaborative (its coordinators)', querystring: z.object({ collaborativeId: uuid.describe('The collaborative') }), response: { 200: z.object({ items: z.array(s.SurveySchema), characteristics: z.array(z.object({ key: z.string(), en: z.string(), fr: z.string() })).describe('The framework’s characteristics a survey may ask about'), actions: Actions }), ...P } },
    handler: async (req) => surveys.listSurveys(db(req), actorOf(req), req.query.collaborativeId),
  });
  app.post('/assessments/surveys', {
    schema: { tags, summary: 'Make a public, anonymous community survey: the importance (1-5) of welcoming characteristics', body: s.SurveyBody, response: { 201: s.SurveySchema, ...P } },
    handler: async (req, reply) => reply.code(201).send(await surveys.createSurvey(db(req), actorOf(req), metaOf(req), req.body)),
  });
  app.get('/assessments/surveys/:id', {
    schema: { tags, summary: 'One community survey', params: s.IdParams, response: { 200: s.SurveySchema, ...P } },
    handler: async (req) => surveys.getSurvey(db(req), actorOf(req), req.params.id),
  });
  app.put('/assessments/surveys/:id/languages', {
    schema: { tags, summary: 'Add or replace a language other than English and French (questions and a few UI strings)', params: s.IdParams, body: s.SurveyLanguageBody, response: { 200: s.SurveySchema, ...P } },
    handler: async (req) => surveys.addLanguage(db(req), actorOf(req), metaOf(req), req.params.id, req.body),
  });
  app.post('/assessments/surveys/:id/open', {
    schema: { tags, summary: 'Open the survey to the public', params: s.IdParams, response: { 200: s.SurveySchema, ...P } },
    handler: async (req) => surveys.setStatus(db(req), actorOf(req), metaOf(req), req.params.id, 'open'),
  });
  app.post('/assessments/surveys/:id/close', {
    schema: { tags, summary: 'Close the survey', params: s.IdParams, response: { 200: s.SurveySchema, ...P } },
    handler: async (req) => surveys.setStatus(db(req), actorOf(req), metaOf(req), req.params.id, 'closed'),
  });
  app.get('/assessments/surveys/:id/results', {
    schema: { tags, summary: 'Counts and mean importance per characteristic, once at least 3 have answered', params: s.IdParams, response: { 200: s.SurveyResultsSchema, ...P } },
    handler: async (req) => surveys.surveyResults(db(req), actorOf(req), req.params.id),
  });
  app.get('/assessments/public/surveys/:id', {
    config: { public: true, rateLimit: { max: 60, timeWindow: '1 minute' } },
    schema: { tags, summary: 'A community survey in the reader’s language (falls back to English)', security: [], params: s.IdParams, querystring: s.PublicSurveyQuery, response: { 200: s.PublicSurveySchema, ...P } },
    handler: async (req) => surveys.publicSurvey(db(req), req.params.id, req.query.lang),
  });
  app.post('/assessments/public/surveys/:id/responses', {
    config: { public: true, csrfExempt: true, rateLimit: { max: 10, timeWindow: '10 minutes' } },
    schema: { tags, summary: 'Answer a community survey anonymously; a repeat from the same browser or device the same day is refused (409)', security: [], params: s.IdParams, body: s.SurveyResponseBody, response: { 201: z.object({ received: z.boolean() }), 429: ProblemSchema, ...P } },
    handler: async (req, reply) => reply.code(201).send(await surveys.submitResponse(db(req), secret(req), metaOf(req), req.params.id, req.body)),
  });
}
