import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema } from '../../core/http/problem.schema';
import { Errors } from '../../core/http/errors';
import { text, uuid } from '../../shared/contracts';
import { readDatabase, type Db } from '../../core/db/database';
import { directoryVersion } from './repository/version';
import { hsdsOrganizationItems, hsdsOrganizations, hsdsServiceAtLocations, hsdsServices, hsdsTaxonomyTerms } from './repository/hsds';
import { locate, searchServices, type ServiceSearch } from './repository/search';
import * as hsda from './repository/hsda';
import { hsdaDocument, hsdaSchema } from './directory.hsda';
import { cachedPublicAnswer, queryKey, serviceDocumentsOf } from './directory.cache';

/**
 * The HSDA read API (Open Referral's HSDS API), public, under /hsds. Responses validate
 * against the compiled HSDS 3.0 schemas; the paging envelope is HSDA's Page.
 */
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const paging = {
  page: z.coerce.number().int().min(1).max(100000).default(1),
  per_page: z.coerce.number().int().min(1).max(500).default(50),
  format: z.enum(['json', 'ndjson']).default('json').describe('ndjson streams every result, one per line, without paging'),
};
const near = {
  postcode: text(10).optional().describe('A postal code (its forward sortation area) or place name'),
  proximity: z.coerce.number().min(1).max(500_000).optional().describe('Metres from the centre of postcode'),
};
const serviceFilters = {
  search: text(200).optional(),
  taxonomy_term_id: uuid.optional(),
  taxonomy_id: uuid.optional(),
  organization_id: uuid.optional(),
  modified_after: z.coerce.date().optional().describe('Modified on or after this date and time (ISO 8601)'),
};
// Strict: a parameter this API does not know is refused with 400, never silently ignored.
const ServicesQuery = z.object({ ...serviceFilters, minimal: bool.optional(), full: bool.optional(), ...near, ...paging }).strict();
const ServiceAtLocationsQuery = z.object({ ...serviceFilters, full: bool.optional(), ...near, ...paging }).strict();
const OrganizationsQuery = z.object({ search: text(200).optional(), full_service: bool.optional(), full: bool.optional(), ...paging }).strict();
const TaxonomiesQuery = z.object({ search: text(200).optional(), ...paging }).strict();
const TaxonomyTermsQuery = z.object({ search: text(200).optional(), taxonomy_id: uuid.optional(), parent_id: uuid.optional(), top_only: bool.optional(), ...paging }).strict();
const NoQuery = z.object({}).strict();
/** An HSDS 3.0 document (or HSDA page of them): its shape is the compiled HSDS schema served at /hsds/schemas. */
const Hsds = z.record(z.string(), z.unknown()).describe('HSDS 3.0 JSON, as described by /hsds/openapi.json');
const Any = Hsds;

function page(contents: unknown[], total: number, pageNumber: number, perPage: number) {
  const totalPages = Math.max(1, Math.ceil(total / perPage));
  return { total_items: total, total_pages: totalPages, page_number: pageNumber, size: contents.length, first_page: pageNumber === 1, last_page: pageNumber >= totalPages, empty: contents.length === 0, contents };
}

type Fetch = (offset: number, limit: number) => Promise<{ contents: unknown[]; total: number }>;

/**
 * One list answer: HSDA's page, or with format=ndjson every result streamed one per line,
 * fetched in batches so memory stays flat however large the directory.
 */
async function listing(reply: FastifyReply, q: { page: number; per_page: number; format: 'json' | 'ndjson' }, fetch: Fetch) {
  if (q.format === 'ndjson') {
    const BATCH = 200;
    const lines = async function* () {
      for (let offset = 0; ; offset += BATCH) {
        const { contents } = await fetch(offset, BATCH);
        for (const c of contents) yield `${JSON.stringify(c)}\n`;
        if (contents.length < BATCH) return;
      }
    };
    reply.type('application/x-ndjson');
    return reply.send(Readable.from(lines()));
  }
  const { contents, total } = await fetch((q.page - 1) * q.per_page, q.per_page);
  return page(contents, total, q.page, q.per_page);
}

async function nearPoint(db: Db, q: { postcode?: string; proximity?: number }) {
  if (q.proximity && !q.postcode) throw Errors.validation([{ field: 'postcode', message: 'proximity needs a postcode' }]);
  if (!q.postcode) return undefined;
  const at = await locate(db, q.postcode);
  if (!at) throw Errors.validation([{ field: 'postcode', message: 'Unknown postcode' }]);
  return { latitude: at.latitude, longitude: at.longitude, radiusKm: (q.proximity ?? 10_000) / 1000 };
}

async function findServiceIds(db: Db, f: Omit<ServiceSearch, 'limit' | 'offset'>, offset: number, limit: number) {
  // HSDA pages need the exact number of matches: the search's own count has it, except past the last page.
  const r = await searchServices(db, { ...f, limit, offset, exactTotal: true });
  const total = r.totalCapped ? (r.exactTotal ?? (await hsda.exactServiceTotal(db, { ...f, limit, offset }))) : r.total;
  return { ids: r.hits.map((h) => h.id), total };
}

/** The absolute URL of this API's root, as the client reached it. */
function baseUrl(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}/hsds`;
}

export async function hsdsRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['HSDS 3.0 (HSDA)'];
  // The HSDS API is public and read-only: it reads from the replica when there is one.
  const db = () => readDatabase(root.database).db;

  app.get('/', { schema: { tags, summary: 'About this HSDS API', querystring: NoQuery, response: { 200: Any, 400: ProblemSchema } } }, async (req) => ({
    version: '3.0',
    profile: 'https://openreferral.org/',
    openapi_url: `${baseUrl(req)}/openapi.json`,
    endpoints: ['/services', '/organizations', '/service_at_locations', '/taxonomies', '/taxonomy_terms'],
  }));

  app.get('/openapi.json', { schema: { tags, summary: 'The HSDA OpenAPI description of this API, with typed HSDS schemas', response: { 200: Any } } }, async (req) => hsdaDocument(baseUrl(req)) as Record<string, unknown>);

  app.get('/schemas/:name', {
    schema: { tags, summary: 'An HSDS 3.0 JSON schema the OpenAPI description refers to', params: z.object({ name: z.string().regex(/^[a-z_]+\.json$/) }), response: { 200: Any, 404: ProblemSchema } },
    handler: async (req) => {
      const schema = hsdaSchema(req.params.name, baseUrl(req));
      if (!schema) throw Errors.notFound('Schema');
      return schema as Record<string, unknown>;
    },
  });

  app.get('/services', {
    schema: { tags, summary: 'Services (one-to-one fields; full=true for nested)', querystring: ServicesQuery, response: { 200: Any, 400: ProblemSchema } },
    handler: async (req, reply) => {
      const q = req.query;
      const answer = async (version?: string) => {
        const filters = {
          q: q.search,
          termIds: q.taxonomy_term_id ? [q.taxonomy_term_id] : undefined,
          taxonomyId: q.taxonomy_id,
          organizationId: q.organization_id,
          modifiedAfter: q.modified_after,
          near: await nearPoint(db(), q),
        };
        return listing(reply, q, async (offset, limit) => {
          const { ids, total } = await findServiceIds(db(), filters, offset, limit);
          if (q.minimal) {
            return { contents: await hsda.serviceModifications(db(), ids), total };
          }
          // A JSON page reads the records it has not seen under this directory version (the
          // ndjson stream of everything would only churn the kept records).
          const kept = q.format === 'json' && ids.length ? serviceDocumentsOf(req.server) : null;
          const contents = kept ? await kept.get(version ?? (await directoryVersion(db())), ids, (missing) => hsdsServices(db(), missing, !!q.full), q.full ? 'hsds-full' : 'hsds') : await hsdsServices(db(), ids, !!q.full);
          return { contents, total };
        });
      };
      // A page of JSON (not the ndjson stream) is answered from the answer cache when the directory has not changed.
      if (q.format === 'json' && (await cachedPublicAnswer(req, reply, 'hsds/services', queryKey(q), async (version) => JSON.stringify(await answer(version))))) return reply;
      return answer();
    },
  });

  app.get('/services/:id', {
    schema: { tags, summary: 'A fully nested service', params: z.object({ id: uuid }), querystring: NoQuery, response: { 200: Any, 400: ProblemSchema, 404: ProblemSchema } },
    handler: async (req) => {
      const [svc] = await hsdsServices(db(), [req.params.id], true);
      if (!svc) throw Errors.notFound('Service');
      return svc;
    },
  });

  app.get('/organizations', {
    schema: { tags, summary: 'Organizations that publish services', querystring: OrganizationsQuery, response: { 200: Any, 400: ProblemSchema } },
    handler: async (req, reply) => {
      const q = req.query;
      return listing(reply, q, async (offset, limit) => {
        const { ids, total: n } = await hsda.publishingOrganizations(db(), q.search, offset, limit);
        const contents = q.full || q.full_service ? await hsdsOrganizations(db(), ids, q.full_service ? 'full' : 'list') : await hsdsOrganizationItems(db(), ids);
        return { contents, total: n };
      });
    },
  });

  app.get('/organizations/:id', {
    schema: { tags, summary: 'A fully nested organization', params: z.object({ id: uuid }), querystring: z.object({ full_service: bool.optional() }).strict(), response: { 200: Any, 400: ProblemSchema, 404: ProblemSchema } },
    handler: async (req) => {
      const visible = await hsda.organizationPublishes(db(), req.params.id);
      const [org] = visible ? await hsdsOrganizations(db(), [req.params.id], req.query.full_service ? 'full' : 'list') : [];
      if (!org) throw Errors.notFound('Organization');
      return org;
    },
  });

  app.get('/service_at_locations', {
    schema: { tags, summary: 'Services at locations', querystring: ServiceAtLocationsQuery, response: { 200: Any, 400: ProblemSchema } },
    handler: async (req, reply) => {
      const q = req.query;
      const filter: hsda.ServiceAtLocationFilter = { modifiedAfter: q.modified_after, near: await nearPoint(db(), q) };
      // Filters on the service go through the service search; the rest are on the place.
      if (q.search || q.taxonomy_term_id || q.taxonomy_id || q.organization_id) {
        const f = { q: q.search, termIds: q.taxonomy_term_id ? [q.taxonomy_term_id] : undefined, taxonomyId: q.taxonomy_id, organizationId: q.organization_id };
        filter.serviceIds = (await searchServices(db(), { ...f, limit: 1_000_000, offset: 0 })).hits.map((h) => h.id);
      }
      return listing(reply, q, async (offset, limit) => {
        const { ids, total } = await hsda.serviceAtLocationPage(db(), filter, offset, limit);
        return { contents: await hsdsServiceAtLocations(db(), ids, !!q.full), total };
      });
    },
  });

  app.get('/service_at_locations/:id', {
    schema: { tags, summary: 'A fully nested service at location', params: z.object({ id: uuid }), querystring: NoQuery, response: { 200: Any, 400: ProblemSchema, 404: ProblemSchema } },
    handler: async (req) => {
      const [sal] = await hsdsServiceAtLocations(db(), [req.params.id], true);
      if (!sal) throw Errors.notFound('Service at location');
      return sal;
    },
  });

  app.get('/taxonomies', {
    schema: { tags, summary: 'Taxonomies', querystring: TaxonomiesQuery, response: { 200: Any, 400: ProblemSchema } },
    handler: async (req, reply) => {
      const q = req.query;
      return listing(reply, q, (offset, limit) => hsda.taxonomyPage(db(), q.search, offset, limit));
    },
  });

  app.get('/taxonomies/:id', {
    schema: { tags, summary: 'A taxonomy', params: z.object({ id: uuid }), querystring: NoQuery, response: { 200: Any, 400: ProblemSchema, 404: ProblemSchema } },
    handler: async (req) => {
      const t = await hsda.taxonomyById(db(), req.params.id);
      if (!t) throw Errors.notFound('Taxonomy');
      return t;
    },
  });

  app.get('/taxonomy_terms', {
    schema: { tags, summary: 'Taxonomy terms', querystring: TaxonomyTermsQuery, response: { 200: Any, 400: ProblemSchema } },
    handler: async (req, reply) => {
      const q = req.query;
      const filter = { search: q.search, taxonomyId: q.taxonomy_id, parentId: q.parent_id, topOnly: q.top_only };
      return listing(reply, q, async (offset, limit) => {
        const { ids, total } = await hsda.taxonomyTermPage(db(), filter, offset, limit);
        return { contents: await hsdsTaxonomyTerms(db(), ids), total };
      });
    },
  });

  app.get('/taxonomy_terms/:id', {
    schema: { tags, summary: 'A taxonomy term', params: z.object({ id: uuid }), querystring: NoQuery, response: { 200: Any, 400: ProblemSchema, 404: ProblemSchema } },
    handler: async (req) => {
      const [t] = await hsdsTaxonomyTerms(db(), [req.params.id]);
      if (!t) throw Errors.notFound('Taxonomy term');
      return t;
    },
  });
}
