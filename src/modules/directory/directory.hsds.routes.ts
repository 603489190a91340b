import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { arrayParam } from '../../core/db/params';
import { z } from 'zod';
import { ProblemSchema } from '../../core/http/problem.schema';
import { Errors } from '../../core/http/errors';
import { text, uuid } from '../../shared/contracts';
import { readDatabase, rowsOf, type Db } from '../../core/db/database';
import { hsdsOrganizationItems, hsdsOrganizations, hsdsServiceAtLocations, hsdsServices, hsdsTaxonomyTerms } from './directory.hsds';
import { locate, searchServices, type ServiceSearch } from './repository/search';
import { hsdaDocument, hsdaSchema } from './directory.hsda';

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
const Any = z.any();

/** The registry holds every organization on the platform; the public API lists only those that publish services. */
const publishes = sql`EXISTS (SELECT 1 FROM directory_services ps WHERE ps.organization_id = o.id)`;

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

/**
 * The finder's search caps its count for speed; HSDA paging needs the exact number, so a
 * capped count is taken again here (by the same filters; with words, through the search).
 */
async function exactServiceTotal(db: Db, f: ServiceSearch): Promise<number> {
  if (f.q) return (await searchServices(db, { ...f, limit: 1_000_000, offset: 0 })).hits.length;
  const where = [sql`true`];
  if (f.termIds?.length) where.push(sql`ss.term_ids && ${arrayParam(f.termIds, 'uuid')}`);
  if (f.taxonomyId) where.push(sql`EXISTS (SELECT 1 FROM directory_taxonomy_terms t WHERE t.id = ANY(ss.term_ids) AND t.taxonomy_id = ${f.taxonomyId})`);
  if (f.organizationId) where.push(sql`s.organization_id = ${f.organizationId}`);
  if (f.modifiedAfter) where.push(sql`s.updated_at >= ${f.modifiedAfter}`);
  if (f.near) {
    const point = sql`ll_to_earth(${f.near.latitude}, ${f.near.longitude})`;
    const radius = f.near.radiusKm * 1000;
    where.push(sql`EXISTS (SELECT 1 FROM directory_service_at_locations sal JOIN directory_locations l ON l.id = sal.location_id
      WHERE sal.service_id = s.id AND l.latitude IS NOT NULL AND l.longitude IS NOT NULL
        AND earth_box(${point}, ${radius}) @> ll_to_earth(l.latitude, l.longitude) AND earth_distance(${point}, ll_to_earth(l.latitude, l.longitude)) <= ${radius})`);
  }
  const [r] = await rowsOf<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM directory_services s JOIN directory_service_search ss ON ss.service_id = s.id WHERE ${sql.join(where, sql` AND `)}`);
  return r.n;
}

async function findServiceIds(db: Db, f: Omit<ServiceSearch, 'limit' | 'offset'>, offset: number, limit: number) {
  const r = await searchServices(db, { ...f, limit, offset });
  const total = r.totalCapped ? await exactServiceTotal(db, { ...f, limit, offset }) : r.total;
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

  app.get('/openapi.json', { schema: { tags, summary: 'The HSDA OpenAPI description of this API, with typed HSDS schemas', response: { 200: Any } } }, async (req) => hsdaDocument(baseUrl(req)));

  app.get('/schemas/:name', {
    schema: { tags, summary: 'An HSDS 3.0 JSON schema the OpenAPI description refers to', params: z.object({ name: z.string().regex(/^[a-z_]+\.json$/) }), response: { 200: Any, 404: ProblemSchema } },
    handler: async (req) => {
      const schema = hsdaSchema(req.params.name, baseUrl(req));
      if (!schema) throw Errors.notFound('Schema');
      return schema;
    },
  });

  app.get('/services', {
    schema: { tags, summary: 'Services (one-to-one fields; full=true for nested)', querystring: ServicesQuery, response: { 200: Any, 400: ProblemSchema } },
    handler: async (req, reply) => {
      const q = req.query;
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
          const list = await rowsOf<{ id: string; last_modified: string }>(db(), sql`SELECT id, updated_at AS last_modified FROM directory_services WHERE id = ANY(${arrayParam(ids, 'uuid')})`);
          const byId = new Map(list.map((r) => [r.id, r]));
          return { contents: ids.map((id) => ({ id, last_modified: new Date(byId.get(id)!.last_modified).toISOString() })), total };
        }
        return { contents: await hsdsServices(db(), ids, !!q.full), total };
      });
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
      const where = q.search ? sql`AND o.search_text LIKE '%' || rt_fold(${q.search}) || '%'` : sql``;
      return listing(reply, q, async (offset, limit) => {
        const found = await rowsOf<{ id: string }>(db(), sql`SELECT o.id FROM organizations o WHERE ${publishes} ${where} ORDER BY lower(o.legal_name), o.id LIMIT ${limit} OFFSET ${offset}`);
        const [{ n }] = await rowsOf<{ n: number }>(db(), sql`SELECT count(*)::int AS n FROM organizations o WHERE ${publishes} ${where}`);
        const ids = found.map((r) => r.id);
        const contents = q.full || q.full_service ? await hsdsOrganizations(db(), ids, q.full_service ? 'full' : 'list') : await hsdsOrganizationItems(db(), ids);
        return { contents, total: n };
      });
    },
  });

  app.get('/organizations/:id', {
    schema: { tags, summary: 'A fully nested organization', params: z.object({ id: uuid }), querystring: z.object({ full_service: bool.optional() }).strict(), response: { 200: Any, 400: ProblemSchema, 404: ProblemSchema } },
    handler: async (req) => {
      const [visible] = await rowsOf<{ id: string }>(db(), sql`SELECT o.id FROM organizations o WHERE o.id = ${req.params.id} AND ${publishes}`);
      const [org] = visible ? await hsdsOrganizations(db(), [visible.id], req.query.full_service ? 'full' : 'list') : [];
      if (!org) throw Errors.notFound('Organization');
      return org;
    },
  });

  app.get('/service_at_locations', {
    schema: { tags, summary: 'Services at locations', querystring: ServiceAtLocationsQuery, response: { 200: Any, 400: ProblemSchema } },
    handler: async (req, reply) => {
      const q = req.query;
      const conds = [sql`true`];
      // Filters on the service go through the service search; the rest are on the place.
      if (q.search || q.taxonomy_term_id || q.taxonomy_id || q.organization_id) {
        const f = { q: q.search, termIds: q.taxonomy_term_id ? [q.taxonomy_term_id] : undefined, taxonomyId: q.taxonomy_id, organizationId: q.organization_id };
        const ids = (await searchServices(db(), { ...f, limit: 1_000_000, offset: 0 })).hits.map((h) => h.id);
        conds.push(sql`x.service_id = ANY(${arrayParam(ids, 'uuid')})`);
      }
      if (q.modified_after) conds.push(sql`EXISTS (SELECT 1 FROM directory_services ms WHERE ms.id = x.service_id AND ms.updated_at >= ${q.modified_after})`);
      const at = await nearPoint(db(), q);
      if (at) {
        const point = sql`ll_to_earth(${at.latitude}, ${at.longitude})`;
        const radius = at.radiusKm * 1000;
        conds.push(sql`EXISTS (SELECT 1 FROM directory_locations l WHERE l.id = x.location_id AND l.latitude IS NOT NULL AND l.longitude IS NOT NULL
          AND earth_box(${point}, ${radius}) @> ll_to_earth(l.latitude, l.longitude) AND earth_distance(${point}, ll_to_earth(l.latitude, l.longitude)) <= ${radius})`);
      }
      const where = sql.join(conds, sql` AND `);
      return listing(reply, q, async (offset, limit) => {
        const found = await rowsOf<{ id: string }>(db(), sql`SELECT x.id FROM directory_service_at_locations x WHERE ${where} ORDER BY x.id LIMIT ${limit} OFFSET ${offset}`);
        const [{ n }] = await rowsOf<{ n: number }>(db(), sql`SELECT count(*)::int AS n FROM directory_service_at_locations x WHERE ${where}`);
        return { contents: await hsdsServiceAtLocations(db(), found.map((r) => r.id), !!q.full), total: n };
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
      const where = q.search ? sql`WHERE rt_fold(t.name) LIKE '%' || rt_fold(${q.search}) || '%'` : sql``;
      return listing(reply, q, async (offset, limit) => {
        const found = await rowsOf<Record<string, unknown>>(db(), sql`SELECT t.* FROM directory_taxonomies t ${where} ORDER BY t.name, t.id LIMIT ${limit} OFFSET ${offset}`);
        const [{ n }] = await rowsOf<{ n: number }>(db(), sql`SELECT count(*)::int AS n FROM directory_taxonomies t ${where}`);
        return { contents: found.map((t) => Object.fromEntries(Object.entries(t).filter(([, v]) => v !== null))), total: n };
      });
    },
  });

  app.get('/taxonomies/:id', {
    schema: { tags, summary: 'A taxonomy', params: z.object({ id: uuid }), querystring: NoQuery, response: { 200: Any, 400: ProblemSchema, 404: ProblemSchema } },
    handler: async (req) => {
      const [t] = await rowsOf<Record<string, unknown>>(db(), sql`SELECT * FROM directory_taxonomies WHERE id = ${req.params.id}`);
      if (!t) throw Errors.notFound('Taxonomy');
      return Object.fromEntries(Object.entries(t).filter(([, v]) => v !== null));
    },
  });

  app.get('/taxonomy_terms', {
    schema: { tags, summary: 'Taxonomy terms', querystring: TaxonomyTermsQuery, response: { 200: Any, 400: ProblemSchema } },
    handler: async (req, reply) => {
      const q = req.query;
      const conds = [sql`true`];
      if (q.search) conds.push(sql`rt_fold(t.name || ' ' || coalesce(t.translations #>> '{fr,name}', '')) LIKE '%' || rt_fold(${q.search}) || '%'`);
      if (q.taxonomy_id) conds.push(sql`t.taxonomy_id = ${q.taxonomy_id}`);
      if (q.parent_id) conds.push(sql`t.parent_id = ${q.parent_id}`);
      if (q.top_only) conds.push(sql`t.parent_id IS NULL`);
      const where = sql.join(conds, sql` AND `);
      return listing(reply, q, async (offset, limit) => {
        const found = await rowsOf<{ id: string }>(db(), sql`SELECT t.id FROM directory_taxonomy_terms t WHERE ${where} ORDER BY t.code NULLS LAST, t.name, t.id LIMIT ${limit} OFFSET ${offset}`);
        const [{ n }] = await rowsOf<{ n: number }>(db(), sql`SELECT count(*)::int AS n FROM directory_taxonomy_terms t WHERE ${where}`);
        return { contents: await hsdsTaxonomyTerms(db(), found.map((r) => r.id)), total: n };
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
