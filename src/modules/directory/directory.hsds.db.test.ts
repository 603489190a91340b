import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app';
import { assertHsds } from '../../../test/helpers/hsds-schemas';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const get = async (url: string) => {
  const res = await t.app.inject({ method: 'GET', url });
  expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
  return res.json();
};

describe('HSDS API (public, HSDA paging)', () => {
  it('pages services and every item validates against service_list.json', async () => {
    const page = await get('/hsds/services?per_page=10');
    expect(page).toMatchObject({ total_items: 22, page_number: 1, size: 10, first_page: true, last_page: false, empty: false, total_pages: 3 });
    for (const s of page.contents) assertHsds('service_list', s);
    const last = await get('/hsds/services?per_page=10&page=3');
    expect(last).toMatchObject({ size: 2, last_page: true });
  });

  it('serves fully nested services that validate against service.json', async () => {
    const page = await get('/hsds/services?per_page=50&full=true');
    expect(page.contents).toHaveLength(22);
    for (const s of page.contents) assertHsds('service', s);
    const food = page.contents.find((s: { name: string }) => s.name === 'Emergency food bank');
    const one = await get(`/hsds/services/${food.id}`);
    assertHsds('service', one);
    expect(one.organization.name).toBe('Durham Region Unemployed Help Centre');
    expect(one.service_at_locations[0].location.geography_code).toBe('3518013');
    expect(one.service_at_locations[0].schedules[0]).toMatchObject({ freq: 'WEEKLY', byday: 'MO,WE,FR', opens_at: '10:00:00' });
    expect(one.cost_options[0]).toMatchObject({ amount: 0, option: 'Free' });
    expect(one.capacities[0]).toMatchObject({ available: 35, maximum: 120, unit: { name: 'hampers this week' } });
    expect(one.attributes.map((a: { taxonomy_term: { code: string } }) => a.taxonomy_term.code)).toEqual(['food.bank']);
    expect(one.translations.fr.name).toBe('Banque alimentaire d’urgence');
  });

  it('filters by search, taxonomy term, taxonomy, organization, modified_after, and postcode proximity', async () => {
    const search = await get('/hsds/services?search=food%20bank');
    expect(search.contents[0].name).toBe('Emergency food bank');
    const terms = await get('/hsds/taxonomy_terms?search=language%20classes');
    const term = terms.contents[0];
    const byTerm = await get(`/hsds/services?taxonomy_term_id=${term.id}`);
    expect(byTerm.contents.map((s: { name: string }) => s.name).sort()).toEqual(['ESL classes for adults', 'Enhanced Language Training (ELT)', 'LINC and ESL classes', 'LINC classes']);
    const parent = await get(`/hsds/services?taxonomy_term_id=${term.parent_id}`);
    expect(parent.total_items).toBeGreaterThan(byTerm.total_items);
    const ircc = (await get('/hsds/taxonomies?search=IRCC')).contents[0];
    expect((await get(`/hsds/services?taxonomy_id=${ircc.id}`)).total_items).toBeGreaterThan(10);
    const org = search.contents[0].organization_id;
    expect((await get(`/hsds/services?organization_id=${org}`)).total_items).toBe(2);
    expect((await get('/hsds/services?modified_after=2999-01-01')).total_items).toBe(0);
    const near = await get('/hsds/services?postcode=L1S%202B9&proximity=2000');
    expect(near.total_items).toBeGreaterThan(0);
    for (const s of near.contents) expect(['Community Development Council Durham', 'Northern Lights Canada – Employment Services']).toContain(s.organization.name);
    const minimal = await get('/hsds/services?minimal=true&per_page=500');
    expect(Object.keys(minimal.contents[0]).sort()).toEqual(['id', 'last_modified']);
    const bad = await t.app.inject({ method: 'GET', url: '/hsds/services?taxonomy_term_id=nope' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('taxonomy_term_id');
  });

  it('serves organizations and services at locations that validate', async () => {
    const orgs = await get('/hsds/organizations?per_page=100');
    expect(orgs.total_items).toBeGreaterThanOrEqual(9);
    for (const o of orgs.contents) assertHsds('organization_list', o);
    const cdcd = orgs.contents.find((o: { name: string }) => o.name === 'Community Development Council Durham');
    const full = await get(`/hsds/organizations/${cdcd.id}?full_service=true`);
    assertHsds('organization', full);
    expect(full.services.length).toBe(5);
    expect(full.phones[0].number).toBe('905-686-2661');
    const sals = await get('/hsds/service_at_locations?per_page=100');
    for (const s of sals.contents) assertHsds('service_at_location_list', s);
    const cdcdSals = await get(`/hsds/service_at_locations?organization_id=${cdcd.id}&per_page=100`);
    expect(cdcdSals.total_items).toBe(5);
    expect(cdcdSals.total_items).toBeLessThan(sals.total_items);
    const one = await get(`/hsds/service_at_locations/${sals.contents[0].id}`);
    assertHsds('service_at_location', one);
    expect(one.location.id).toBe(sals.contents[0].location_id);
  });

  it('uses validators that do reject a non-conforming record', () => {
    expect(() => assertHsds('service', { id: 'not-a-uuid', name: 'x' })).toThrow(/does not validate/);
    expect(() => assertHsds('service_list', { id: '8eed2821-2962-597a-9c17-06eb34f007a7', name: 'x', status: 'active', minimum_age: null })).toThrow(/minimum_age/);
  });

  it('answers 404 as problem+json for an unknown id', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/hsds/services/00000000-0000-4000-8000-000000000000' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });
});
