import { arrayParam } from '../../core/db/params';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, demo, type Agent, type TestApp } from '../../../test/helpers/test-app';
import { rowsOf } from '../../core/db/database';
import { makeCandidate } from './mapping.factory';

let t: TestApp;
let admin: Agent, viewer: Agent, orgAdmin: Agent;
let durhamId: string;
const BAD = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  t = await createTestApp();
  [admin, viewer, orgAdmin] = await Promise.all([t.login(demo.admin), t.login(demo.viewer), t.login(demo.orgAdmin)]);
  [{ id: durhamId }] = await rowsOf<{ id: string }>(t.database.db, sql`SELECT id FROM geographies WHERE code = '3518'`);
});
afterAll(() => t.close());

const fieldsOf = (res: { json(): { errors?: { field: string }[] } }) => (res.json().errors ?? []).map((e) => e.field);

describe('every mapping endpoint', () => {
  it('refuses anonymous callers (401) except the public snapshot', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/mapping/inventory'], ['POST', '/api/v1/mapping/tables'], ['PATCH', `/api/v1/mapping/tables/${BAD}`], ['POST', '/api/v1/mapping/tables/import'],
      ['GET', `/api/v1/mapping/coverage?regionId=${BAD}`], ['GET', `/api/v1/mapping/coverage.csv?regionId=${BAD}`], ['GET', '/api/v1/mapping/candidates'],
      ['POST', '/api/v1/mapping/candidates/generate'], ['POST', `/api/v1/mapping/candidates/${BAD}/label`], ['POST', `/api/v1/mapping/candidates/${BAD}/follow-ups`],
      ['GET', '/api/v1/mapping/snapshots'], ['POST', '/api/v1/mapping/snapshots'], ['GET', `/api/v1/mapping/snapshots/compare?a=${BAD}&b=${BAD}`],
      ['GET', `/api/v1/mapping/snapshots/${BAD}`], ['GET', `/api/v1/mapping/snapshots/${BAD}/csv`], ['GET', `/api/v1/mapping/snapshots/${BAD}/pdf`], ['PUT', `/api/v1/mapping/snapshots/${BAD}/public`],
      ['GET', `/api/v1/mapping/front-line/collaboratives/${BAD}`], ['GET', '/api/v1/mapping/feed'], ['POST', '/api/v1/mapping/feed/refresh'], ['PUT', '/api/v1/mapping/feed/schedule'],
    ] as const) {
      const res = await t.anonymous.request({ method, url, payload: method === 'GET' ? undefined : {} });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
    }
    expect((await t.anonymous.get(`/api/v1/mapping/public/snapshots/${BAD}`)).statusCode).toBe(404);
  });

  it('names the field at fault (400)', async () => {
    expect(fieldsOf(await admin.get('/api/v1/mapping/coverage?regionId=nope'))).toContain('regionId');
    expect(fieldsOf(await admin.post('/api/v1/mapping/tables', { name: '', kind: 'club' })).sort()).toEqual(['kind', 'name']);
    expect(fieldsOf(await admin.post('/api/v1/mapping/tables', { name: 'X', kind: 'network', memberOrganizationIds: [BAD] }))).toEqual(['memberOrganizationIds.0']);
    expect(fieldsOf(await admin.post('/api/v1/mapping/candidates/generate', { regionId: 'x' }))).toContain('regionId');
    expect(fieldsOf(await admin.post(`/api/v1/mapping/candidates/${BAD}/label`, { label: 'verdict', rationale: '', version: 1 })).sort()).toEqual(['label', 'rationale']);
    expect(fieldsOf(await admin.post('/api/v1/mapping/snapshots', { title: '', regionId: durhamId }))).toEqual(['title']);
    expect(fieldsOf(await admin.put(`/api/v1/mapping/snapshots/${BAD}/public`, { isPublic: 'yes' }))).toEqual(['isPublic']);
    expect(fieldsOf(await admin.put('/api/v1/mapping/feed/schedule', { hours: -1 }))).toEqual(['hours']);
    expect(fieldsOf(await admin.get('/api/v1/mapping/snapshots/compare?a=1'))).toEqual(expect.arrayContaining(['a', 'b']));
    expect((await admin.get(`/api/v1/mapping/coverage?regionId=${BAD}`)).statusCode).toBe(404);
  });

  it('refuses viewers every write (403) and lets them read (200)', async () => {
    const [q] = (await viewer.get('/api/v1/mapping/candidates')).json().items;
    const [snap] = (await viewer.get('/api/v1/mapping/snapshots')).json().items;
    const inv = (await viewer.get('/api/v1/mapping/inventory')).json();
    const table = inv.tables.find((x: { version: number | null }) => x.version !== null);
    for (const [method, url, payload] of [
      ['POST', '/api/v1/mapping/tables', { name: 'Viewer table', kind: 'network' }],
      ['PATCH', `/api/v1/mapping/tables/${table.id}`, { funder: 'x', version: table.version }],
      ['POST', '/api/v1/mapping/tables/import', { csv: 'name,kind\nA,network\n' }],
      ['POST', '/api/v1/mapping/candidates/generate', { regionId: durhamId }],
      ['POST', `/api/v1/mapping/candidates/${q.id}/label`, { label: 'to_discuss', rationale: 'r', version: q.version }],
      ['POST', `/api/v1/mapping/candidates/${q.id}/follow-ups`, { kind: 'meeting_agenda', targetId: BAD }],
      ['POST', '/api/v1/mapping/snapshots', { title: 'T', regionId: durhamId }],
      ['PUT', `/api/v1/mapping/snapshots/${snap.id}/public`, { isPublic: false }],
      ['POST', '/api/v1/mapping/feed/refresh', undefined],
      ['PUT', '/api/v1/mapping/feed/schedule', { hours: 1 }],
    ] as const) {
      const res = await viewer.request({ method, url, payload: payload as never });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
    for (const url of ['/api/v1/mapping/inventory', `/api/v1/mapping/coverage?regionId=${durhamId}`, '/api/v1/mapping/candidates', '/api/v1/mapping/snapshots', `/api/v1/mapping/snapshots/${snap.id}`, '/api/v1/mapping/feed']) {
      expect((await viewer.get(url)).statusCode, url).toBe(200);
    }
    expect(table.actions['mapping.table.update']).toBe(false);
    expect(q.actions['mapping.candidate.label']).toBe(false);
  });
});

describe('inventory', () => {
  it('lists the Durham moving trains: the LDIPC with its profile, the seeded networks, who sits where, and overlapping mandates', async () => {
    const inv = (await viewer.get('/api/v1/mapping/inventory')).json();
    const ldipc = inv.tables.find((x: { name: string }) => x.name.includes('Local Diversity and Immigration Partnership Council'));
    expect(ldipc.source).toBe('roundtable');
    expect(ldipc.domains).toContain('settlement');
    expect(ldipc.memberOrganizationIds.length).toBeGreaterThan(3);
    expect(inv.tables.some((x: { name: string }) => x.name.startsWith('Children’s Planning Table'))).toBe(true);
    expect(inv.tables.length).toBeGreaterThanOrEqual(9);
    const cdcd = inv.organizations.find((o: { name: string }) => o.name === 'Community Development Council Durham');
    const expected = inv.tables.filter((x: { memberOrganizationIds: string[] }) => x.memberOrganizationIds.includes(cdcd.id)).length;
    expect(cdcd.tableCount).toBe(expected);
    expect(cdcd.tableCount).toBeGreaterThanOrEqual(4);
    const poverty = inv.tables.find((x: { name: string }) => x.name === 'Durham Poverty Reduction Network');
    const pmsa = inv.tables.find((x: { name: string }) => x.name.startsWith('Provincial-Municipal'));
    const pair = inv.overlaps.find((o: { a: string; b: string }) => [o.a, o.b].sort().join() === [poverty.id, pmsa.id].sort().join());
    expect(pair.sharedDomains).toEqual(['income']);
    expect(pair.sharedPlaces).toBe(9); // Durham and its 8 municipalities
  });

  it('adds, edits (409 when stale) and imports tables by CSV, all or nothing', async () => {
    const [{ id: orgId }] = await rowsOf<{ id: string }>(t.database.db, sql`SELECT id FROM organizations WHERE legal_name = 'Community Development Council Durham'`);
    const created = await orgAdmin.post('/api/v1/mapping/tables', { name: 'Ajax Food Security Table', kind: 'planning_table', domains: ['food'], geographyIds: [durhamId], memberOrganizationIds: [orgId] });
    expect(created.statusCode).toBe(201);
    const row = created.json();
    expect((await orgAdmin.post('/api/v1/mapping/tables', { name: 'ajax food security table', kind: 'network' })).statusCode).toBe(409);
    const ok = await orgAdmin.patch(`/api/v1/mapping/tables/${row.id}`, { funder: 'Town of Ajax', version: row.version });
    expect(ok.json()).toMatchObject({ funder: 'Town of Ajax', version: 2, memberOrganizationIds: [orgId] });
    const stale = await orgAdmin.patch(`/api/v1/mapping/tables/${row.id}`, { funder: 'Someone else', version: row.version });
    expect(stale.statusCode).toBe(409);
    const audit = await rowsOf(t.database.db, sql`SELECT action FROM audit_events WHERE entity_id = ${row.id} ORDER BY occurred_at`);
    expect(audit.map((a) => a.action)).toEqual(['mapping.table.create', 'mapping.table.update']);

    const bad = await orgAdmin.post('/api/v1/mapping/tables/import', { csv: 'name,kind,places,members\nGood Table,network,Ajax,Community Development Council Durham\nBad Table,network,Atlantis,Nobody Inc\n' });
    expect(bad.json().errors.map((e: { line: number; field: string }) => `${e.line}:${e.field}`)).toEqual(['3:places', '3:members']);
    expect((await viewer.get('/api/v1/mapping/inventory')).json().tables.some((x: { name: string }) => x.name === 'Good Table')).toBe(false);
    const good = await orgAdmin.post('/api/v1/mapping/tables/import', { csv: 'name,kind,domains,places,members\n"Good Table, East",network,housing;food,Ajax;Pickering,Community Development Council Durham\n' });
    expect(good.json()).toMatchObject({ created: 1, updated: 0, errors: [] });
    const again = await orgAdmin.post('/api/v1/mapping/tables/import', { csv: 'name,kind,domains\n"Good Table, East",network,housing\n' });
    expect(again.json()).toMatchObject({ created: 0, updated: 1 });
  });
});

describe('coverage', () => {
  it('covers Durham’s 8 municipalities across at least 12 need domains, with rates per 10,000', async () => {
    const res = await viewer.get(`/api/v1/mapping/coverage?regionId=${durhamId}`);
    expect(res.statusCode).toBe(200);
    const c = res.json();
    expect(c.places).toHaveLength(8);
    expect(c.domains.length).toBeGreaterThanOrEqual(12);
    expect(c.cells).toHaveLength(c.places.length * c.domains.length);
    const withPop = c.places.filter((p: { population: number | null }) => p.population);
    expect(withPop.length).toBe(8);
    const cell = c.cells.find((x: { services: number }) => x.services > 0);
    const pop = c.places.find((p: { id: string }) => p.id === cell.geographyId).population;
    expect(cell.servicesPer10k).toBe(Math.round((cell.services * 100000) / pop) / 10);
    const csv = await viewer.get(`/api/v1/mapping/coverage.csv?regionId=${durhamId}&lang=fr`);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body.split('\n')[0]).toBe('domain,domain_name,place,services,organizations,free,in_french,other_languages,evenings_weekends,open_to_all,full,services_per_10k,needs,unmet_needs,unmet_per_10k');
    expect(csv.body.trim().split('\n')).toHaveLength(c.cells.length + 1);
  });

  it('takes another count as the denominator of the rates, and refuses what is not a count', async () => {
    const list = (await viewer.get('/api/v1/mapping/denominators')).json().items as { id: string; code: string }[];
    expect(list[0].code).toBe('population.total');
    const base = (await viewer.get(`/api/v1/mapping/coverage?regionId=${durhamId}`)).json();
    expect(base.denominator.code).toBe('population.total');
    // An indicator that is not a count (a percentage) is refused, naming the field.
    const [pct] = await rowsOf<{ id: string }>(t.database.db, sql`SELECT id FROM data_indicators WHERE unit = 'percent' LIMIT 1`);
    expect(fieldsOf(await viewer.get(`/api/v1/mapping/coverage?regionId=${durhamId}&denominatorId=${pct.id}`))).toEqual(['denominatorId']);
    expect(fieldsOf(await viewer.get(`/api/v1/mapping/coverage?regionId=${durhamId}&denominatorId=${BAD}`))).toEqual(['denominatorId']);
    // Another count: rates follow its values (here, twice the population gives half the rate).
    const [{ id: doubled }] = await rowsOf<{ id: string }>(t.database.db, sql`
      INSERT INTO data_indicators (code, name_en, name_fr, unit, direction, domain, frequency) VALUES ('test.double_population', 'Twice the population', 'Deux fois la population', 'count', 'neutral', 'population', 'census') RETURNING id`);
    await rowsOf(t.database.db, sql`
      INSERT INTO data_observations (indicator_id, geography_id, period, period_start, disaggregation_key, value, status)
      SELECT ${doubled}, o.geography_id, o.period, o.period_start, o.disaggregation_key, o.value * 2, o.status FROM data_observations o JOIN data_indicators i ON i.id = o.indicator_id
      WHERE i.code = 'population.total' AND o.disaggregation_key = '' AND o.collaborative_id IS NULL AND o.geography_id = ANY(${arrayParam(base.places.map((p: { id: string }) => p.id), 'uuid')})`);
    const other = (await viewer.get(`/api/v1/mapping/coverage?regionId=${durhamId}&denominatorId=${doubled}`)).json();
    expect(other.denominator.code).toBe('test.double_population');
    const cell = base.cells.find((c: { services: number }) => c.services >= 3);
    const same = other.cells.find((c: { domain: string; geographyId: string }) => c.domain === cell.domain && c.geographyId === cell.geographyId);
    expect(same.servicesPer10k).toBeCloseTo(cell.servicesPer10k / 2, 0);
  });

  it('counts what the services offer: fees, languages, hours, eligibility and capacity', async () => {
    type Cell = { domain: string; geographyId: string; services: number; free: number; inFrench: number; otherLanguages: number; eveningsWeekends: number; openToAll: number; full: number };
    const read = async () => (await viewer.get(`/api/v1/mapping/coverage?regionId=${durhamId}`)).json().cells as Cell[];
    const before = await read();
    const target = before.find((x) => x.services === 1)!;
    expect(target).toBeDefined();
    // The one service of that cell: make it free, French and Arabic, open Saturdays, for adults only, and full.
    const [svc] = await rowsOf<{ id: string }>(t.database.db, sql`
      SELECT s.service_id AS id FROM directory_service_search s JOIN directory_services sv ON sv.id = s.service_id AND sv.status = 'active'
      JOIN directory_taxonomy_terms tt ON tt.id = ANY(s.term_ids) AND tt.code = ${target.domain} AND tt.parent_id IS NULL
      WHERE ${target.geographyId}::uuid = ANY(s.geography_ids) OR EXISTS (SELECT 1 FROM geographies g WHERE g.id = ${target.geographyId}::uuid AND g.parent_id = ANY(s.geography_ids)) LIMIT 1`);
    await rowsOf(t.database.db, sql`UPDATE directory_service_search SET is_free = true, language_codes = ARRAY['en', 'fr', 'ar'] WHERE service_id = ${svc.id}`);
    await rowsOf(t.database.db, sql`UPDATE directory_services SET minimum_age = 18 WHERE id = ${svc.id}`);
    await rowsOf(t.database.db, sql`INSERT INTO directory_schedules (id, service_id, freq, byday, opens_at, closes_at) VALUES (gen_random_uuid(), ${svc.id}, 'WEEKLY', 'SA', '10:00', '14:00')`);
    const [unit] = await rowsOf<{ id: string }>(t.database.db, sql`INSERT INTO directory_units (id, name) VALUES (gen_random_uuid(), 'beds') RETURNING id`);
    await rowsOf(t.database.db, sql`INSERT INTO directory_service_capacities (id, service_id, unit_id, available, maximum) VALUES (gen_random_uuid(), ${svc.id}, ${unit.id}, 0, 12)`);
    await rowsOf(t.database.db, sql`UPDATE directory_service_capacities SET available = 0 WHERE service_id = ${svc.id}`);
    const after = (await read()).find((x) => x.domain === target.domain && x.geographyId === target.geographyId)!;
    expect(after).toMatchObject({ services: 1, free: 1, inFrench: 1, otherLanguages: 1, eveningsWeekends: 1, openToAll: 0, full: 1 });
    await rowsOf(t.database.db, sql`UPDATE directory_service_capacities SET available = 3 WHERE service_id = ${svc.id}`);
    expect((await read()).find((x) => x.domain === target.domain && x.geographyId === target.geographyId)!.full).toBe(0);
  });
});

describe('deciding ahead of readers', () => {
  it('decides the coverage of every region with front-line figures after a refresh, so the first reader finds it decided', async () => {
    const { warmCoverage } = await import('./mapping.coverage.service');
    const { keptDecisions } = await import('./mapping.disclosure');
    const { systemActor } = await import('../../core/accounts/actor');
    const before = keptDecisions();
    expect(await warmCoverage(t.database, systemActor('test'))).toBe(1); // Durham
    const after = keptDecisions();
    expect(after).toBeGreaterThanOrEqual(before);
    // a reader of the same region and window now reuses the decision instead of solving again
    await viewer.get(`/api/v1/mapping/coverage?regionId=${durhamId}`);
    expect(keptDecisions()).toBe(after);
  });
});

describe('review queue', () => {
  it('asks questions once, takes answers with a rationale, refuses a label of the other kind, and hands answers on', async () => {
    const first = (await admin.post('/api/v1/mapping/candidates/generate', { regionId: durhamId })).json();
    expect(first.gaps + first.overlaps).toBe(0); // the demo seed asked them already
    expect(first.askedBefore).toBeGreaterThan(0);
    const open = (await admin.get(`/api/v1/mapping/candidates?regionId=${durhamId}&status=open&kind=gap`)).json().items;
    expect(open.length).toBeGreaterThan(0);
    const q = open[0];
    expect(q.status).toBe('open');
    expect(q.actions['mapping.candidate.label']).toBe(true);
    const wrongKind = await admin.post(`/api/v1/mapping/candidates/${q.id}/label`, { label: 'duplicate', rationale: 'r', version: q.version });
    expect(fieldsOf(wrongKind)).toEqual(['label']);
    const early = await admin.post(`/api/v1/mapping/candidates/${q.id}/follow-ups`, { kind: 'meeting_agenda', targetId: BAD });
    expect(early.statusCode).toBe(409);
    const labelled = await admin.post(`/api/v1/mapping/candidates/${q.id}/label`, { label: 'gap_confirmed', rationale: 'Checked with the settlement workers.', version: q.version });
    expect(labelled.json()).toMatchObject({ status: 'labelled', label: 'gap_confirmed', rationale: 'Checked with the settlement workers.', version: q.version + 1 });
    expect((await admin.post(`/api/v1/mapping/candidates/${q.id}/label`, { label: 'not_a_gap', rationale: 'late', version: q.version })).statusCode).toBe(409);
    expect(fieldsOf(await admin.post(`/api/v1/mapping/candidates/${q.id}/follow-ups`, { kind: 'meeting_agenda', targetId: BAD }))).toEqual(['targetId']);
    const [{ id: collabId }] = await rowsOf<{ id: string }>(t.database.db, sql`SELECT id FROM collaboratives ORDER BY name LIMIT 1`);
    const handed = await admin.post(`/api/v1/mapping/candidates/${q.id}/follow-ups`, { kind: 'meeting_agenda', targetId: collabId, note: 'Put on the next agenda' });
    expect(handed.statusCode).toBe(200);
    expect(handed.json().followUps[0]).toMatchObject({ kind: 'meeting_agenda', targetId: collabId, label: 'gap_confirmed', evidence: q.evidence });
    // The collaborative's next meeting (if one is coming) now has the question on its agenda.
    const created = handed.json().followUps[0].created as { meetingId: string; agendaItemId: string } | null;
    const [next] = await rowsOf<{ id: string }>(t.database.db, sql`SELECT id FROM collaboratives_meetings WHERE collaborative_id = ${collabId} AND ends_at >= now() AND status <> 'cancelled' ORDER BY starts_at LIMIT 1`);
    if (next) {
      expect(created?.meetingId).toBe(next.id);
      const [item] = await rowsOf<{ title: string; kind: string }>(t.database.db, sql`SELECT title, kind FROM collaboratives_agenda_items WHERE id = ${created!.agendaItemId}`);
      expect(item).toMatchObject({ kind: 'discussion' });
      expect(item.title).toMatch(/^Service map: Is this a gap\? .+ \(answered: gap confirmed\)$/);
    } else expect(created).toBeNull();
    // Handed to a plan: a draft action appears in it, linked back to the review queue.
    const [{ id: planId }] = await rowsOf<{ id: string }>(t.database.db, sql`SELECT id FROM strategy_plans ORDER BY created_at LIMIT 1`);
    const toPlan = await admin.post(`/api/v1/mapping/candidates/${q.id}/follow-ups`, { kind: 'strategy_action', targetId: planId, note: 'Draft an action' });
    expect(toPlan.statusCode).toBe(200);
    const elementId = toPlan.json().followUps[1].created.elementId as string;
    const [action] = await rowsOf<{ kind: string; title: string }>(t.database.db, sql`SELECT kind, title FROM strategy_elements WHERE id = ${elementId}`);
    expect(action).toMatchObject({ kind: 'action' });
    // Someone who does not coordinate the collaborative cannot put things on its agenda.
    expect((await viewer.post(`/api/v1/mapping/candidates/${q.id}/follow-ups`, { kind: 'meeting_agenda', targetId: collabId })).statusCode).toBe(403);
    // Planners who may use mapping (its own policy lets them through) but do not coordinate the
    // target collaborative are stopped by the hand-off's coordinator check: 403, nothing handed on.
    const coordinator = await t.login(demo.coordinator);
    const [{ id: notTheirs }] = await rowsOf<{ id: string }>(t.database.db, sql`SELECT c.id FROM collaboratives c WHERE NOT EXISTS (SELECT 1 FROM role_assignments r JOIN users u ON u.id = r.user_id WHERE u.email = ${demo.coordinator} AND r.scope_id = c.id) ORDER BY c.name LIMIT 1`);
    const agendaBefore = await rowsOf(t.database.db, sql`SELECT id FROM collaboratives_agenda_items`);
    for (const [who, agent, target] of [['an organization admin', orgAdmin, collabId], ["another collaborative's coordinator", coordinator, notTheirs]] as const) {
      const seen = (await agent.get(`/api/v1/mapping/candidates?regionId=${durhamId}&kind=gap`)).json().items.find((x: { id: string }) => x.id === q.id);
      expect(seen.actions['mapping.candidate.followUp'], who).toBe(true);
      const res = await agent.post(`/api/v1/mapping/candidates/${q.id}/follow-ups`, { kind: 'meeting_agenda', targetId: target, note: 'Not mine to place' });
      expect(res.statusCode, `${who}: ${res.body}`).toBe(403);
      expect(res.json(), who).toMatchObject({ code: 'forbidden', detail: 'collaborative.agenda.update' });
    }
    expect(await rowsOf(t.database.db, sql`SELECT id FROM collaboratives_agenda_items`)).toHaveLength(agendaBefore.length);
    expect((await admin.get(`/api/v1/mapping/candidates?regionId=${durhamId}&kind=gap`)).json().items.find((x: { id: string }) => x.id === q.id).followUps).toHaveLength(2);
    const audit = await rowsOf(t.database.db, sql`SELECT action FROM audit_events WHERE entity_id = ${q.id} ORDER BY occurred_at`);
    expect(audit.map((a) => a.action)).toEqual(['mapping.candidate.label', 'mapping.candidate.follow_up', 'mapping.candidate.follow_up']);
  });

  it('keeps a label consistent with its kind in the database itself', async () => {
    const id = await makeCandidate(t.database.db, durhamId, { kind: 'overlap' });
    await expect(rowsOf(t.database.db, sql`UPDATE mapping_candidates SET status = 'labelled', label = 'gap_confirmed', rationale = 'x' WHERE id = ${id}`)).rejects.toThrow();
    await expect(rowsOf(t.database.db, sql`UPDATE mapping_candidates SET status = 'labelled', label = 'duplicate' WHERE id = ${id}`)).rejects.toThrow();
  });
});

describe('snapshots', () => {
  it('publishes only labelled findings, never changes when the data does, and compares side by side', async () => {
    const a = (await admin.post('/api/v1/mapping/snapshots', { title: 'Before', regionId: durhamId })).json();
    expect(a.findings.length).toBeGreaterThan(0);
    const labelled = (await admin.get(`/api/v1/mapping/candidates?regionId=${durhamId}&status=labelled`)).json().items;
    expect(a.findings).toHaveLength(labelled.length);
    expect(a.findings.every((f: { rationale: string }) => f.rationale.length > 0)).toBe(true);
    // the data changes: every directory service of Durham closes
    await rowsOf(t.database.db, sql`UPDATE directory_services SET status = 'inactive'`);
    const again = (await admin.get(`/api/v1/mapping/snapshots/${a.id}`)).json();
    expect(again.figures).toEqual(a.figures);
    const b = (await admin.post('/api/v1/mapping/snapshots', { title: 'After', regionId: durhamId })).json();
    expect(b.figures.cells.every((c: { services: number }) => c.services === 0)).toBe(true);
    const cmp = (await admin.get(`/api/v1/mapping/snapshots/compare?a=${a.id}&b=${b.id}`)).json();
    const changed = a.figures.cells.filter((c: { services: number }) => c.services > 0).length;
    expect(cmp.changes.cells).toHaveLength(changed);
    expect(cmp.changes.cells[0].services[1]).toBe(0);
    await rowsOf(t.database.db, sql`UPDATE directory_services SET status = 'active'`);
    // the table refuses edits and deletes whoever asks; only the public switch moves
    const refusal = (q: ReturnType<typeof sql>) => rowsOf(t.database.db, q).then(() => 'accepted', (e: Error & { cause?: Error }) => e.cause?.message ?? e.message);
    expect(await refusal(sql`UPDATE mapping_snapshots SET figures = '{}'::jsonb WHERE id = ${a.id}`)).toMatch(/immutable/);
    expect(await refusal(sql`UPDATE mapping_snapshots SET title = 'Edited' WHERE id = ${a.id}`)).toMatch(/immutable/);
    expect(await refusal(sql`DELETE FROM mapping_snapshots WHERE id = ${a.id}`)).toMatch(/immutable/);
    expect((await t.anonymous.get(`/api/v1/mapping/public/snapshots/${a.id}`)).statusCode).toBe(404);
    const shared = await admin.put(`/api/v1/mapping/snapshots/${a.id}/public`, { isPublic: true });
    expect(shared.json().isPublic).toBe(true);
    const pub = await t.anonymous.get(`/api/v1/mapping/public/snapshots/${a.id}`);
    expect(pub.statusCode).toBe(200);
    expect(pub.json().figures).toEqual(a.figures);
    const pdf = await t.anonymous.get(`/api/v1/mapping/public/snapshots/${a.id}/pdf?lang=fr`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await admin.get(`/api/v1/mapping/snapshots/${a.id}/csv`)).statusCode).toBe(200);
  });
});

describe('privacy', () => {
  it('lets no client identifier and no count under 5 reach a map, snapshot, export, front-line panel or public page', async () => {
    // The demo front line is small: the raw counts include cells of 1 to 4 that must not show
    // (its referrals, refused and waitlisted by place and need), and cells of 5 that may.
    const raw = await rowsOf<{ n: number }>(t.database.db, sql`
      SELECT count(*)::int AS n FROM intake_referrals r WHERE r.municipality_id IS NOT NULL AND r.status IN ('rejected', 'on-hold') GROUP BY r.municipality_id, split_part(r.need_code, '.', 1), r.status`);
    expect(raw.some((r) => r.n >= 1 && r.n <= 4)).toBe(true);
    const needs = await rowsOf<{ n: number }>(t.database.db, sql`
      SELECT count(*)::int AS n FROM intake_assessments a CROSS JOIN jsonb_array_elements(a.needs) n WHERE a.municipality_id IS NOT NULL GROUP BY a.municipality_id, split_part(n->>'needCode', '.', 1)`);
    expect(needs.some((r) => r.n >= 5)).toBe(true);
    const clientIds = (await rowsOf<{ id: string }>(t.database.db, sql`SELECT id FROM intake_clients`)).map((r) => r.id);
    const referralIds = (await rowsOf<{ id: string }>(t.database.db, sql`SELECT id FROM intake_referrals`)).map((r) => r.id);
    expect(clientIds.length).toBeGreaterThan(0);

    const snap = (await admin.post('/api/v1/mapping/snapshots', { title: 'Privacy check', regionId: durhamId })).json();
    await admin.put(`/api/v1/mapping/snapshots/${snap.id}/public`, { isPublic: true });
    const [{ id: ldipc }] = await rowsOf<{ id: string }>(t.database.db, sql`SELECT id FROM collaboratives WHERE short_name = 'LDIPC'`);
    const outputs = [
      (await viewer.get(`/api/v1/mapping/coverage?regionId=${durhamId}`)).body,
      (await viewer.get(`/api/v1/mapping/coverage.csv?regionId=${durhamId}`)).body,
      (await viewer.get(`/api/v1/mapping/snapshots/${snap.id}`)).body,
      (await viewer.get(`/api/v1/mapping/snapshots/${snap.id}/csv`)).body,
      (await t.anonymous.get(`/api/v1/mapping/public/snapshots/${snap.id}`)).body,
      (await viewer.get(`/api/v1/mapping/front-line/collaboratives/${ldipc}`)).body,
      (await viewer.get('/api/v1/mapping/candidates')).body,
    ];
    for (const out of outputs) {
      for (const id of [...clientIds, ...referralIds]) expect(out).not.toContain(id);
    }
    const people = (cells: { needs: number | null; unmet: number | null; display: { needs: string; unmet: string } }[]) => {
      for (const c of cells) {
        for (const v of [c.needs, c.unmet]) if (v !== null) expect(v === 0 || v >= 5).toBe(true);
        for (const d of [c.display.needs, c.display.unmet]) expect(d === '<5' || d === 'x' || Number(d) === 0 || Number(d) >= 5).toBe(true);
      }
    };
    people(JSON.parse(outputs[0]).cells);
    people(JSON.parse(outputs[2]).figures.cells);
    people(JSON.parse(outputs[4]).figures.cells);
    people(JSON.parse(outputs[5]).rows);
    // and the demo shows some front-line figures: needs identified of 5 or more
    expect(JSON.parse(outputs[0]).cells.some((c: { needs: number | null }) => c.needs !== null && c.needs >= 5)).toBe(true);
    expect(JSON.parse(outputs[5]).rows.some((c: { needs: number | null }) => c.needs !== null && c.needs >= 5)).toBe(true);
    for (const csv of [outputs[1], outputs[3]]) {
      for (const line of csv.trim().split('\n').slice(1)) {
        const cols = line.split(',');
        for (const v of cols.slice(-3, -1)) expect(v === '<5' || v === 'x' || Number(v) === 0 || Number(v) >= 5, line).toBe(true);
      }
    }
    // the PDF is drawn from the same stored figures
    const pdf = await t.anonymous.get(`/api/v1/mapping/public/snapshots/${snap.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
  });
});

describe('front line', () => {
  it('refreshes the feed into the data repository on demand and keeps the schedule setting', async () => {
    const res = await admin.post('/api/v1/mapping/feed/refresh');
    expect(res.statusCode).toBe(200);
    expect(res.json().result).toMatch(/Published \d+ rows/);
    const s = (await admin.get('/api/v1/mapping/feed')).json();
    expect(s.feedRefreshHours).toBe(24);
    expect(s.feedRefreshedAt).not.toBeNull();
    expect((await admin.put('/api/v1/mapping/feed/schedule', { hours: 6 })).json().feedRefreshHours).toBe(6);
    const [{ n }] = await rowsOf<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM data_indicators WHERE code LIKE 'nwd.%'`);
    expect(n).toBe(4);
  });
});
