import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app';
import { assertHsds, hsdsSchemaDir } from '../../../test/helpers/hsds-schemas';

/**
 * HSDA conformance: walks every endpoint and every query parameter of the published HSDA
 * OpenAPI description and validates each answer against the HSDS 3.0 schemas.
 */
let t: TestApp;
const ids: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestApp();
  const one = async (q: string) => (await t.database.query<{ id: string }>(q))[0].id;
  ids.service = await one(`SELECT id FROM directory_services WHERE name = 'Emergency food bank'`);
  ids.organization = await one(`SELECT organization_id AS id FROM directory_services WHERE name = 'Emergency food bank'`);
  ids.service_at_location = await one(`SELECT id FROM directory_service_at_locations ORDER BY id LIMIT 1`);
  ids.taxonomy = await one(`SELECT id FROM directory_taxonomies ORDER BY name LIMIT 1`);
  ids.taxonomy_term = await one(`SELECT t.id FROM directory_taxonomy_terms t WHERE EXISTS (SELECT 1 FROM directory_taxonomy_terms c WHERE c.parent_id = t.id) ORDER BY t.code LIMIT 1`);
});
afterAll(() => t.close());

const openapi = JSON.parse(fs.readFileSync(path.join(hsdsSchemaDir, 'openapi.json'), 'utf8'));
type Param = { name: string; in: string };
const paramsOf = (op: { parameters?: ({ $ref: string } | Param)[] }): Param[] =>
  (op.parameters ?? []).map((p) => ('$ref' in p ? openapi.components.parameters[p.$ref.split('/').pop()!] : p));

// Object schemas (taxonomy, taxonomy_term) refer to each other by file name.
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
for (const f of fs.readdirSync(hsdsSchemaDir).filter((f) => f.endsWith('.json') && f !== 'openapi.json')) {
  ajv.addSchema({ ...JSON.parse(fs.readFileSync(path.join(hsdsSchemaDir, f), 'utf8')), $id: f });
}
function assertObject(name: string, value: unknown) {
  const v = ajv.getSchema(`${name}.json`)!;
  if (!v(value)) throw new Error(`${name} does not validate: ${ajv.errorsText(v.errors)}`);
}

const value = (endpoint: string, p: string): string => {
  switch (p) {
    case 'search':
      return endpoint.startsWith('/taxonom') ? 'a' : 'food';
    case 'page':
      return '1';
    case 'per_page':
      return '5';
    case 'format':
      return 'ndjson';
    case 'taxonomy_term_id':
    case 'parent_id':
      return ids.taxonomy_term;
    case 'taxonomy_id':
      return ids.taxonomy;
    case 'organization_id':
      return ids.organization;
    case 'modified_after':
      return '2000-01-01T00:00:00Z';
    case 'postcode':
      return 'L1S 2B9';
    case 'proximity':
      return '20000';
    default:
      return 'true'; // minimal, full, full_service, top_only
  }
};

/** Validates one item of a list endpoint, or one record. */
function validateItem(endpoint: string, item: Record<string, unknown>, query: Record<string, string>) {
  const full = query.full === 'true' || query.full_service === 'true';
  if (endpoint.startsWith('/services')) {
    if (query.minimal === 'true') expect(Object.keys(item).sort()).toEqual(['id', 'last_modified']);
    else assertHsds(full || endpoint.includes('{id}') ? 'service' : 'service_list', item);
  } else if (endpoint.startsWith('/organizations')) assertHsds(full || endpoint.includes('{id}') ? 'organization' : 'organization_list', item);
  else if (endpoint.startsWith('/service_at_locations')) assertHsds(full || endpoint.includes('{id}') ? 'service_at_location' : 'service_at_location_list', item);
  else if (endpoint.startsWith('/taxonomy_terms')) assertObject('taxonomy_term', item);
  else if (endpoint.startsWith('/taxonomies')) assertObject('taxonomy', item);
}

async function call(endpoint: string, query: Record<string, string>) {
  const url = `/hsds${endpoint.replace('{id}', ids[endpoint.split('/')[1].replace(/ies$/, 'y').replace(/s$/, '')])}`;
  const qs = new URLSearchParams(query).toString();
  const res = await t.anonymous.get(`${url}${qs ? `?${qs}` : ''}`);
  expect(res.statusCode, `${url}?${qs}: ${res.body.slice(0, 300)}`).toBe(200);
  return res;
}

const endpoints = Object.entries(openapi.paths as Record<string, { get: { parameters?: never[] } }>).filter(([p]) => p !== '/');

describe('HSDA conformance: every endpoint and every parameter', () => {
  for (const [endpoint, item] of endpoints) {
    const params = paramsOf(item.get).filter((p) => p.in === 'query');
    const isList = !endpoint.includes('{id}');

    it(`${endpoint}: plain, and each parameter alone`, { timeout: 120_000 }, async () => {
      const cases: Record<string, string>[] = [{}];
      for (const p of params) {
        const q: Record<string, string> = { [p.name]: value(endpoint, p.name) };
        if (p.name === 'proximity') q.postcode = value(endpoint, 'postcode');
        cases.push(q);
      }
      for (const query of cases) {
        const res = await call(endpoint, query);
        if (query.format === 'ndjson') {
          expect(res.headers['content-type']).toMatch(/application\/x-ndjson/);
          const lines = res.body.split('\n').filter(Boolean).map((l) => JSON.parse(l));
          const all = (await call(endpoint, {})).json().total_items;
          expect(lines).toHaveLength(all);
          for (const l of lines) validateItem(endpoint, l, query);
          continue;
        }
        const body = res.json();
        if (isList) {
          expect(body).toEqual(expect.objectContaining({ total_items: expect.any(Number), total_pages: expect.any(Number), page_number: expect.any(Number), size: body.contents.length, contents: expect.any(Array) }));
          for (const c of body.contents) validateItem(endpoint, c, query);
        } else validateItem(endpoint, body, query);
      }
    });

    it(`${endpoint}: refuses a parameter it does not know with 400`, async () => {
      const res = await t.anonymous.get(`/hsds${endpoint.replace('{id}', '00000000-0000-4000-8000-000000000000')}?no_such_parameter=1`);
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    });

    if (isList) {
      it(`${endpoint}: paging totals are right on every page, and past the last`, async () => {
        const first = (await call(endpoint, { per_page: '2' })).json();
        const total = first.total_items;
        const pages = Math.max(1, Math.ceil(total / 2));
        expect(first.total_pages).toBe(pages);
        const seen = new Set<string>();
        for (let p = 1; p <= pages + 1; p++) {
          const body = (await call(endpoint, { per_page: '2', page: String(p) })).json();
          expect(body).toMatchObject({ total_items: total, total_pages: pages, page_number: p, first_page: p === 1, last_page: p >= pages, empty: p > pages });
          for (const c of body.contents) seen.add(c.id);
        }
        expect(seen.size).toBe(total);
      });
    }
  }

  it('filters services at locations by taxonomy, modification date and distance', async () => {
    const all = (await call('/service_at_locations', {})).json().total_items;
    const byTaxonomy = (await call('/service_at_locations', { taxonomy_id: ids.taxonomy })).json().total_items;
    expect(byTaxonomy).toBeLessThanOrEqual(all);
    expect((await call('/service_at_locations', { modified_after: '2999-01-01T00:00:00Z' })).json().total_items).toBe(0);
    const near = (await call('/service_at_locations', { postcode: 'L1S 2B9', proximity: '2000' })).json();
    expect(near.total_items).toBeGreaterThan(0);
    expect(near.total_items).toBeLessThan(all);
    const term = (await call('/service_at_locations', { taxonomy_term_id: ids.taxonomy_term })).json().total_items;
    expect(term).toBeLessThan(all);
    expect((await t.anonymous.get('/hsds/service_at_locations?proximity=100')).statusCode).toBe(400);
  });

  it('serves the phone extension as a number', async () => {
    const phone = { id: '0000f0e0-0000-4000-8000-000000000001', service_id: ids.service };
    await t.database.query(`INSERT INTO directory_phones (id, service_id, number, extension, type) VALUES ('${phone.id}', '${phone.service_id}', '905-555-0199', 42, 'voice')`);
    const res = await t.anonymous.get(`/hsds/services/${phone.service_id}`);
    const s = res.json();
    expect(s.phones.find((p: { id: string }) => p.id === phone.id).extension).toBe(42);
    assertHsds('service', s);
  });

  it('/hsds/ points at an absolute URL of an HSDA OpenAPI description with typed schemas served here', async () => {
    const root = (await t.anonymous.get('/hsds/')).json();
    expect(root.openapi_url).toMatch(/^https?:\/\/[^/]+\/hsds\/openapi\.json$/);
    const doc = (await t.anonymous.get(new URL(root.openapi_url).pathname)).json();
    expect(doc.servers[0].url).toMatch(/^https?:\/\/[^/]+\/hsds$/);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/services', '/services/{id}', '/organizations', '/service_at_locations', '/taxonomies', '/taxonomy_terms']));
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"(http[^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(5);
    for (const ref of new Set(refs)) {
      const res = await t.anonymous.get(new URL(ref).pathname);
      expect(res.statusCode, ref).toBe(200);
      expect(res.json().type ?? res.json().properties).toBeTruthy();
    }
  });
});
