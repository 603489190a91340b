import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, metaOf } from '../../../core/http/request';
import { ProblemSchema } from '../../../core/http/problem.schema';
import { uuid } from '../../../shared/contracts';
import { ReferralSchema } from '../intake.schema';
import { exportReferralBundle } from './export';
import { importReferral } from './import';
import { addTerm, listTerminology, removeTerm } from './terminology';

const P = { 400: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };
const FhirResource = z.object({ resourceType: z.string() }).passthrough().describe('A FHIR R4 resource (JSON)');
const CodingOut = z.object({ system: z.string().optional(), code: z.string().optional(), display: z.string().optional() });
export const FhirImportResultSchema = z.object({
  created: z.boolean().describe('A new referral was made (false: the same resources were imported before)'),
  changed: z.boolean().describe('The referral or its state changed'),
  preview: z.boolean().describe('Nothing was stored: what the import would do'),
  consentRecorded: z.boolean(),
  client: z.object({ id: uuid, name: z.string().nullable(), match: z.enum(['identifier', 'name_and_birth_date', 'new', 'existing_referral']) }),
  need: z.object({ code: z.string().nullable(), mapped: z.boolean(), codings: z.array(CodingOut) }),
  status: z.string(),
  referral: ReferralSchema,
});
const TermSchema = z.object({ id: uuid.nullable(), system: z.string(), code: z.string(), display: z.string(), needCode: z.string(), shipped: z.boolean() });
const TermBody = z.object({
  system: z.string().trim().min(1).max(300).describe('Code system URI, e.g. http://snomed.info/sct'),
  code: z.string().trim().min(1).max(200),
  display: z.string().trim().max(300).optional(),
  needCode: z.string().trim().min(1).max(100).describe("Roundtable's need code, e.g. food"),
});

/** The /api/v1 side of the FHIR exchange: a worker's import and export, and the terminology map. */
export async function intakeFhirRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['No Wrong Door'];
  // The FHIR media type (and its JSON subtypes) are JSON to this scope.
  root.addContentTypeParser(['application/fhir+json', 'application/json+fhir'], { parseAs: 'string' }, root.getDefaultJsonParser('error', 'error'));
  app.get('/intake/referrals/:id/fhir', {
    schema: { tags, summary: 'The referral as a FHIR R4 Bundle to the SDOH Clinical Care profiles (ServiceRequest, Task, Patient with consented fields only, Organizations, Procedure)', params: z.object({ id: uuid }), response: { 200: FhirResource, ...P } },
    handler: async (req, reply) => reply.type('application/fhir+json').send(await exportReferralBundle(req.server.database, actorOf(req), metaOf(req), req.params.id)),
  });
  app.post('/intake/referrals/fhir', {
    schema: {
      tags, summary: 'Import a referral from another system: a Bundle (collection, transaction, batch, searchset) or a bare Task or ServiceRequest, as application/fhir+json or application/json. ?preview=true stores nothing',
      querystring: z.object({ preview: z.enum(['true', 'false']).optional() }), body: FhirResource, response: { 200: FhirImportResultSchema, 201: FhirImportResultSchema, ...P },
    },
    handler: async (req, reply) => {
      const result = await importReferral(req.server.database, actorOf(req), metaOf(req), req.body, { preview: req.query.preview === 'true' });
      return reply.code(result.created && !result.preview ? 201 : 200).send(result);
    },
  });
  app.get('/intake/fhir/terminology', {
    schema: { tags, summary: 'The map from SDOH categories, LOINC and SNOMED CT codes to need codes (shipped with the app, plus what admins added)', response: { 200: z.object({ items: z.array(TermSchema), actions: z.object({ 'intake.fhir.terminology.add': z.boolean().describe('May add a code to the map (platform admins)') }) }), ...P } },
    handler: async (req) => listTerminology(req.server.database, actorOf(req)),
  });
  app.post('/intake/fhir/terminology', {
    schema: { tags, summary: 'Map one more code to a need (platform or organization admin)', body: TermBody, response: { 201: TermSchema, ...P } },
    handler: async (req, reply) => reply.code(201).send(await addTerm(req.server.database, actorOf(req), metaOf(req), req.body)),
  });
  app.delete('/intake/fhir/terminology/:id', {
    schema: { tags, summary: 'Remove a mapping an admin added', params: z.object({ id: uuid }), response: { 204: z.null(), ...P } },
    handler: async (req, reply) => { await removeTerm(req.server.database, actorOf(req), metaOf(req), req.params.id); return reply.code(204).send(null); },
  });
}
