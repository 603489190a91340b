import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, metaOf } from '../../core/http/request';
import { ProblemSchema } from '../../core/http/problem.schema';
import * as s from './exchange.schema';
import * as networks from './exchange.networks.service';
import * as templates from './exchange.templates.service';
import * as practices from './exchange.practices.service';
import * as files from './exchange.files';

const P = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };
const Actions = z.record(z.string(), z.boolean());

export async function exchangeRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Knowledge exchange'];
  const db = (req: { server: FastifyInstance }) => req.server.database;

  // ---- networks
  app.get('/exchange/networks', {
    schema: { tags, summary: 'Networks the caller sees: those they steward or where one of their collaboratives is a member', response: { 200: z.object({ items: z.array(s.NetworkSummarySchema), actions: Actions }), 401: ProblemSchema } },
    handler: async (req) => networks.listNetworks(db(req), actorOf(req)),
  });
  app.post('/exchange/networks', {
    schema: { tags, summary: 'Create a network of collaboratives with a steward (platform admins)', body: s.NetworkBody, response: { 201: s.NetworkSchema, ...P } },
    handler: async (req, reply) => reply.code(201).send(await networks.createNetwork(db(req), actorOf(req), metaOf(req), req.body)),
  });
  app.get('/exchange/networks/:id', {
    schema: { tags, summary: 'A network and its members (404 unless you steward it or belong to a member)', params: s.NetworkParams, response: { 200: s.NetworkSchema, ...P } },
    handler: async (req) => networks.getNetwork(db(req), actorOf(req), req.params.id),
  });
  app.post('/exchange/networks/:id/members', {
    schema: { tags, summary: 'Add a collaborative to the network, with its community type (steward)', params: s.NetworkParams, body: s.MemberBody, response: { 200: s.NetworkSchema, ...P } },
    handler: async (req) => networks.addMember(db(req), actorOf(req), metaOf(req), req.params.id, req.body),
  });

  app.post('/exchange/networks/:id/members/:collaborativeId/remove', {
    schema: { tags, summary: "Take a collaborative out of the network (steward); its live grants there are revoked with the reason", params: s.MemberParams, body: s.RevokeBody, response: { 200: s.NetworkSchema, ...P } },
    handler: async (req) => networks.removeMember(db(req), actorOf(req), metaOf(req), req.params.id, req.params.collaborativeId, req.body.reason),
  });

  // ---- share grants and the comparison
  app.get('/exchange/networks/:id/grants', {
    schema: { tags, summary: "Your collaboratives' grants (live or not) and the other members' live grants", params: s.NetworkParams, response: { 200: z.object({ items: z.array(s.GrantSchema) }), ...P } },
    handler: async (req) => networks.listGrants(db(req), actorOf(req), req.params.id),
  });
  app.post('/exchange/networks/:id/grants', {
    schema: { tags, summary: 'Share one indicator or measure of a collaborative you coordinate with the network, until a date or until revoked', params: s.NetworkParams, body: s.GrantBody, response: { 201: s.GrantSchema, ...P } },
    handler: async (req, reply) => reply.code(201).send(await networks.createGrant(db(req), actorOf(req), metaOf(req), req.params.id, req.body)),
  });
  app.post('/exchange/grants/:id/revoke', {
    schema: { tags, summary: 'Revoke a grant: the network stops seeing the values at once', params: s.IdParams, body: s.RevokeBody, response: { 200: s.GrantSchema, ...P } },
    handler: async (req) => networks.revokeGrant(db(req), actorOf(req), metaOf(req), req.params.id, req.body.reason),
  });
  app.get('/exchange/networks/:id/comparison', {
    schema: { tags, summary: 'Small multiples of what members shared: one panel per collaborative, one scale per indicator, small counts suppressed', params: s.NetworkParams, querystring: s.ComparisonQuery, response: { 200: s.ComparisonSchema, ...P } },
    handler: async (req) => networks.comparison(db(req), actorOf(req), req.params.id, req.query),
  });
  app.get('/exchange/networks/:id/steward', {
    schema: {
      tags, summary: "The steward's view: who reported this period, stale plans (freshness), sums where members consented", params: s.NetworkParams,
      querystring: z.object({ period: z.string().regex(/^\d{4}$/, 'Use a year like 2025').default(String(new Date().getUTCFullYear() - 1)).describe('The reporting period (a year)') }),
      response: { 200: s.StewardSchema, ...P },
    },
    handler: async (req) => networks.stewardView(db(req), actorOf(req), req.params.id, req.query.period),
  });

  // ---- templates
  app.get('/exchange/networks/:id/templates', {
    schema: { tags, summary: "The network's common templates with their versions and the adoption grid", params: s.NetworkParams, response: { 200: z.object({ items: z.array(s.TemplateSchema) }), ...P } },
    handler: async (req) => templates.listTemplates(db(req), actorOf(req), req.params.id),
  });
  app.post('/exchange/networks/:id/templates', {
    schema: { tags, summary: 'Create a common template (version 1) (steward)', params: s.NetworkParams, body: s.TemplateBody, response: { 201: s.TemplateSchema, ...P } },
    handler: async (req, reply) => reply.code(201).send(await templates.createTemplate(db(req), actorOf(req), metaOf(req), req.params.id, req.body)),
  });
  app.post('/exchange/templates/:id/versions', {
    schema: { tags, summary: 'Publish a new version; every adopter gets a notice of what changed (steward)', params: s.IdParams, body: s.TemplateVersionBody, response: { 201: s.TemplateSchema, ...P } },
    handler: async (req, reply) => reply.code(201).send(await templates.publishVersion(db(req), actorOf(req), metaOf(req), req.params.id, req.body)),
  });
  app.post('/exchange/templates/:id/adoptions', {
    schema: { tags, summary: 'Adopt a version for a collaborative you coordinate, with its adaptations (add, drop, rename, each with the reason)', params: s.IdParams, body: s.AdoptBody, response: { 200: s.TemplateSchema, ...P } },
    handler: async (req) => templates.adoptTemplate(db(req), actorOf(req), metaOf(req), req.params.id, req.body),
  });
  app.get('/exchange/notices', {
    schema: { tags, summary: 'New template versions for your collaboratives, with what changed', response: { 200: z.object({ items: z.array(s.NoticeSchema) }), 401: ProblemSchema } },
    handler: async (req) => templates.listNotices(db(req), actorOf(req)),
  });

  // ---- practices
  app.get('/exchange/practices', {
    schema: { tags, summary: 'The practice library: full-text search (English and French) and facets', querystring: s.PracticeQuery, response: { 200: s.PracticeListSchema, ...P } },
    handler: async (req) => practices.searchPractices(db(req), actorOf(req), req.query),
  });
  app.post('/exchange/practices', {
    schema: { tags, summary: 'Write up a practice (coordinators)', body: s.PracticeBody, response: { 201: s.PracticeSchema, ...P } },
    handler: async (req, reply) => reply.code(201).send(await practices.createPractice(db(req), actorOf(req), metaOf(req), req.body)),
  });
  app.get('/exchange/evidence-options', {
    schema: { tags, summary: 'What you may link a practice to as evidence: indicators, published report cards and documents of your collaboratives', response: { 200: s.EvidenceOptionsSchema, 401: ProblemSchema, 403: ProblemSchema } },
    handler: async (req) => practices.evidenceOptions(db(req), actorOf(req)),
  });
  app.put('/exchange/practices/:id', {
    schema: { tags, summary: "Edit a practice (whoever wrote it up, or a coordinator of its collaborative); each edit is kept as a revision that those who adapted it see", params: s.IdParams, body: s.PracticeEditBody, response: { 200: s.PracticeSchema, ...P } },
    handler: async (req) => practices.updatePractice(db(req), actorOf(req), metaOf(req), req.params.id, req.body),
  });
  app.get('/exchange/practices/:id', {
    schema: { tags, summary: 'A practice; its author also sees who adapted it', params: s.IdParams, response: { 200: s.PracticeSchema, ...P } },
    handler: async (req) => practices.getPractice(db(req), actorOf(req), req.params.id),
  });
  app.post('/exchange/practices/:id/adapt', {
    schema: { tags, summary: "Adapt this practice: a draft action in your collaborative's plan, linked to the practice", params: s.IdParams, body: s.AdaptBody, response: { 201: z.object({ practice: s.PracticeSchema, planId: z.string(), elementId: z.string() }), ...P } },
    handler: async (req, reply) => reply.code(201).send(await practices.adaptPractice(db(req), actorOf(req), metaOf(req), req.params.id, req.body)),
  });

  // ---- across instances
  app.get('/exchange/networks/:id/export', {
    schema: { tags, summary: 'A signed file (Ed25519) of the templates, practices and shared values of a network (steward)', params: s.NetworkParams, response: { 200: s.SignedFile, ...P } },
    handler: async (req) => files.exportNetwork(db(req), actorOf(req), req.params.id),
  });
  app.post('/exchange/import', {
    bodyLimit: 20 * 1024 * 1024,
    schema: {
      tags, summary: 'Import a signed file from another instance: the signature is verified first, the source kept on every record',
      body: s.ImportBody.extend({ trustedPublicKey: z.string().max(2000).nullish().describe("The source instance's public key (PEM), from its /.well-known/roundtable-exchange-key; the file must be signed by it") }),
      response: { 200: s.ImportResult, ...P, 422: ProblemSchema },
    },
    handler: async (req) => files.importFile(db(req), actorOf(req), metaOf(req), req.body.networkId, req.body.file, req.body.trustedPublicKey),
  });
}

/** /.well-known/roundtable-exchange-key: the instance's public key, so others can check its files. */
export async function wellKnownRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get('/roundtable-exchange-key', {
    schema: {
      tags: ['Knowledge exchange'],
      summary: "This instance's public key for signed exchange files (Ed25519), to check files it exported",
      response: { 200: z.object({ alg: z.literal('Ed25519'), keyId: z.string().describe('First 16 hex digits of the SHA-256 of the key'), instance: z.string().describe('How files name this instance'), publicKey: z.string().describe('PEM (SPKI)') }) },
    },
    handler: async (req) => {
      const key = files.instanceKey(req.server.database);
      return { alg: 'Ed25519' as const, keyId: key.keyId, instance: `roundtable:${key.keyId}`, publicKey: key.publicKeyPem };
    },
  });
}
