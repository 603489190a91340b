import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { ProblemSchema } from '../../core/http/problem.schema';
import { Errors } from '../../core/http/errors';
import { text, uuid } from '../../shared/contracts';
import { rowsOf, type Db } from '../../core/db/database';
import { hsdsOrganizationItems, hsdsOrganizations, hsdsServiceAtLocations, hsdsServices, hsdsTaxonomyTerms } from './directory.hsds';
import { locate, searchServices } from './directory.search';

/**
 * The HSDA read API (Open Referral's HSDS API), public, under /hsds. Responses validate
 * against the compiled HSDS 3.0 schemas; the paging envelope is HSDA's Page.
 */
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const paging = {
  page: z.coerce.number().int().min(1).max(100000).default(1),
  per_page: z.coerce.number().int().min(1).max(500).default(50),
};
const ServicesQuery = z.object({
  search: text(200).optional(),
  taxonomy_term_id: uuid.optional(),
  taxonomy_id: uuid.optional(),
  organization_id: uuid.optional(),
  modified_after: z.coerce.date().optional(),
  minimal: bool.optional(),
  full: bool.optional(),
  postcode: text(10).optional(),
  proximity: z.coerce.number().min(1).max(500_000).optional().describe('Metres from the centre of postcode'),
  ...paging,
});
const Any = z.any();

/** The registry holds every organization on the platform; the public API lists only those that publish services. */
const publishes = sql`EXISTS (SELECT 1 FROM directory_services ps WHERE ps.organization_id = o.id)`;

function page(contents: unknown[], total: number, pageNumber: number, perPage: number) {
  const totalPages = Math.max(1, Math.ceil(total / perPage));
  return { total_items: total, total_pages: totalPages, page_number: pageNumber, size: contents.length, first_page: pageNumber === 1, last_page: pageNumber >= totalPages, empty: contents.length === 0, contents };
}


export async function hsdsRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['HSDS 3.0 (HSDA)'];
  const db = () => root.database.db;

  app.get('/', { schema: { tags, summary: 'About this HSDS API', response: { 200: Any } } }, async () => ({
    version: '3.0',
    profile: 'https://openreferral.org',
    openapi_url: '/openapi.json',
    endpoints: ['/services', '/organizations', '/service_at_locations', '/taxonomies', '/taxonomy_terms'],
  }));

  app.get('/services', {
    schema: { tags, summary: 'Services (one-to-one fields; full=true for nested)', querystring: ServicesQuery, response: { 200: Any, 400: ProblemSchema } },
    handler: async (req) => {
      const q = req.query;
      let near;
      if (q.proximity && !q.postcode) throw Errors.validation([{ field: 'postcode', message: 'proximity needs a postcode' }]);
      if (q.postcode) {
        const at = await locate(db(), q.postcode);
        if (!at) throw Errors.validation([{ field: 'postcode', message: 'Unknown postcode' }]);
        near = { latitude: at.latitude, longitude: at.longitude, radiusKm: (q.proximity ?? 10_000) / 1000 };
      }
      const { hits, total } = await searchServices(db(), {
        q: q.search,
        termIds: q.taxonomy_term_id ? [q.taxonomy_term_id] : undefined,
        taxonomyId: q.taxonomy_id,
        organizationId: q.organization_id,
        modifiedAfter: q.modified_after,
        near,
        limit: q.per_page,
        offset: (q.page - 1) * q.per_page,
      });
      const ids = hits.map((h) => h.id);
      if (q.minimal) {
        const list = await rowsOf<{ id: string; last_modified: string }>(db(), sql`SELECT id, updated_at AS last_modified FROM directory_services WHERE id = ANY(string_to_array(${ids.join(',')}, ',')::uuid[])`);
        const byId = new Map(list.map((r) => [r.id, r]));
        return page(ids.map((id) => ({ id, last_modified: new Date(byId.get(id)!.last_modified).toISOString() })), total, q.page, q.per_page);
      }
      return page(await hsdsServices(db(), ids, !!q.full), total, q.page, q.per_page);
    },
  });

  app.get('/services/:id', {
    schema: { tags, summary: 'A fully nested service', params: z.object({ id: uuid }), response: { 200: Any, 404: ProblemSchema } },
    handler: async (req) => {
      const [svc] = await hsdsServices(db(), [req.params.id], true);
      if (!svc) throw Errors.notFound('Service');
      return svc;
    },
  });

  app.get('/organizations', {
    schema: { tags, summary: 'Organizations', querystring: z.object({ search: text(200).optional(), full_service: bool.optional(), full: bool.optional(), ...paging }), response: { 200: Any } },
    handler: async (req) => {
      const q = req.query;
      const where = q.search ? sql`AND o.search_text LIKE '%' || rt_fold(${q.search}) || '%'` : sql``;
      const found = await rowsOf<{ id: string; total: number }>(db(), sql`SELECT o.id, count(*) OVER ()::int AS total FROM organizations o WHERE ${publishes} ${where} ORDER BY lower(o.legal_name), o.id LIMIT ${q.per_page} OFFSET ${(q.page - 1) * q.per_page}`);
      const ids = found.map((r) => r.id);
      const contents = q.full || q.full_service ? await hsdsOrganizations(db(), ids, q.full_service ? 'full' : 'list') : await hsdsOrganizationItems(db(), ids);
      return page(contents, found[0]?.total ?? 0, q.page, q.per_page);
    },
  });

  app.get('/organizations/:id', {
    schema: { tags, summary: 'A fully nested organization', params: z.object({ id: uuid }), querystring: z.object({ full_service: bool.optional() }), response: { 200: Any, 404: ProblemSchema } },
    handler: async (req) => {
      const [visible] = await rowsOf<{ id: string }>(db(), sql`SELECT o.id FROM organizations o WHERE o.id = ${req.params.id} AND ${publishes}`);
      const [org] = visible ? await hsdsOrganizations(db(), [visible.id], req.query.full_service ? 'full' : 'list') : [];
      if (!org) throw Errors.notFound('Organization');
      return org;
    },
  });

  app.get('/service_at_locations', {
    schema: {
      tags,
      summary: 'Services at locations',
      querystring: z.object({ search: text(200).optional(), taxonomy_term_id: uuid.optional(), organization_id: uuid.optional(), full: bool.optional(), ...paging }),
      response: { 200: Any },
    },
    handler: async (req) => {
      const q = req.query;
      // Only a filter needs the service search; an unfiltered listing pages the table directly.
      const filtered = !!(q.search || q.taxonomy_term_id || q.organization_id);
      const serviceIds = filtered
        ? (await searchServices(db(), { q: q.search, termIds: q.taxonomy_term_id ? [q.taxonomy_term_id] : undefined, organizationId: q.organization_id, limit: 100_000, offset: 0 })).hits.map((h) => h.id)
        : [];
      const found = await rowsOf<{ id: string; total: number }>(
        db(),
        sql`SELECT x.id, count(*) OVER ()::int AS total FROM directory_service_at_locations x
            ${filtered ? sql`WHERE x.service_id = ANY(string_to_array(${serviceIds.join(',')}, ',')::uuid[])` : sql``}
            ORDER BY x.id LIMIT ${q.per_page} OFFSET ${(q.page - 1) * q.per_page}`,
      );
      return page(await hsdsServiceAtLocations(db(), found.map((r) => r.id), !!q.full), found[0]?.total ?? 0, q.page, q.per_page);
    },
  });

  app.get('/service_at_locations/:id', {
    schema: { tags, summary: 'A fully nested service at location', params: z.object({ id: uuid }), response: { 200: Any, 404: ProblemSchema } },
    handler: async (req) => {
      const [sal] = await hsdsServiceAtLocations(db(), [req.params.id], true);
      if (!sal) throw Errors.notFound('Service at location');
      return sal;
    },
  });

  app.get('/taxonomies', {
    schema: { tags, summary: 'Taxonomies', querystring: z.object({ search: text(200).optional(), ...paging }), response: { 200: Any } },
    handler: async (req) => {
      const q = req.query;
      const found = await rowsOf<Record<string, unknown> & { total: number }>(
        db(),
        sql`SELECT t.*, count(*) OVER ()::int AS total FROM directory_taxonomies t ${q.search ? sql`WHERE rt_fold(t.name) LIKE '%' || rt_fold(${q.search}) || '%'` : sql``}
            ORDER BY t.name LIMIT ${q.per_page} OFFSET ${(q.page - 1) * q.per_page}`,
      );
      const contents = found.map(({ total: _t, ...t }) => Object.fromEntries(Object.entries(t).filter(([, v]) => v !== null)));
      return page(contents, found[0]?.total ?? 0, q.page, q.per_page);
    },
  });

  app.get('/taxonomies/:id', {
    schema: { tags, summary: 'A taxonomy', params: z.object({ id: uuid }), response: { 200: Any, 404: ProblemSchema } },
    handler: async (req) => {
      const [t] = await rowsOf<Record<string, unknown>>(db(), sql`SELECT * FROM directory_taxonomies WHERE id = ${req.params.id}`);
      if (!t) throw Errors.notFound('Taxonomy');
      return Object.fromEntries(Object.entries(t).filter(([, v]) => v !== null));
    },
  });

  app.get('/taxonomy_terms', {
    schema: {
      tags,
      summary: 'Taxonomy terms',
      querystring: z.object({ search: text(200).optional(), taxonomy_id: uuid.optional(), parent_id: uuid.optional(), top_only: bool.optional(), ...paging }),
      response: { 200: Any },
    },
    handler: async (req) => {
      const q = req.query;
      const conds = [sql`true`];
      if (q.search) conds.push(sql`rt_fold(t.name || ' ' || coalesce(t.translations #>> '{fr,name}', '')) LIKE '%' || rt_fold(${q.search}) || '%'`);
      if (q.taxonomy_id) conds.push(sql`t.taxonomy_id = ${q.taxonomy_id}`);
      if (q.parent_id) conds.push(sql`t.parent_id = ${q.parent_id}`);
      if (q.top_only) conds.push(sql`t.parent_id IS NULL`);
      const found = await rowsOf<{ id: string; total: number }>(
        db(),
        sql`SELECT t.id, count(*) OVER ()::int AS total FROM directory_taxonomy_terms t WHERE ${sql.join(conds, sql` AND `)} ORDER BY t.code NULLS LAST, t.name LIMIT ${q.per_page} OFFSET ${(q.page - 1) * q.per_page}`,
      );
      return page(await hsdsTaxonomyTerms(db(), found.map((r) => r.id)), found[0]?.total ?? 0, q.page, q.per_page);
    },
  });

  app.get('/taxonomy_terms/:id', {
    schema: { tags, summary: 'A taxonomy term', params: z.object({ id: uuid }), response: { 200: Any, 404: ProblemSchema } },
    handler: async (req) => {
      const [t] = await hsdsTaxonomyTerms(db(), [req.params.id]);
      if (!t) throw Errors.notFound('Taxonomy term');
      return t;
    },
  });
}
