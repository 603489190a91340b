import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, demo, type Agent, type TestApp } from '../../../test/helpers/test-app';
import { rowsOf } from '../../core/db/database';
import { useKeyDirectory } from './exchange.files';
import { NETWORK_NAME } from './exchange.seeds';

let t: TestApp;
let admin: Agent, coordinator: Agent, member: Agent, viewer: Agent, steward: Agent, outsider: Agent;
let networkId: string, templateId: string, outsiderCollab: string, keyDir: string;
const BAD = '00000000-0000-4000-8000-000000000000';
const PASSWORD = 'an outsider password 42';

beforeAll(async () => {
  keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-exchange-key-'));
  useKeyDirectory(keyDir);
  t = await createTestApp();
  [admin, coordinator, member, viewer, steward] = await Promise.all([t.login(demo.admin), t.login(demo.coordinator), t.login(demo.member), t.login(demo.viewer), t.login(demo.orgAdmin)]);
  networkId = (await admin.get('/api/v1/exchange/networks')).json().items.find((n: { name: { en: string } }) => n.name.en === NETWORK_NAME).id;
  const tr = await admin.get(`/api/v1/exchange/networks/${networkId}/templates`);
  templateId = tr.json().items[0].id;
  // The attacker: coordinator of a collaborative that is not in the network.
  const c = await admin.post('/api/v1/collaboratives', { name: 'Outside Partnership (test)', type: 'planning_table', scope: 'local' });
  expect(c.statusCode, c.body).toBe(201);
  outsiderCollab = c.json().id;
  const u = await admin.post('/api/v1/users', { email: 'outsider@test.example', name: 'Outsider', password: PASSWORD, roles: [{ role: 'coordinator', scopeType: 'collaborative', scopeId: outsiderCollab }] });
  expect(u.statusCode, u.body).toBe(201);
  outsider = await t.login('outsider@test.example', PASSWORD);
});
afterAll(async () => {
  await t.close();
  useKeyDirectory(undefined);
  fs.rmSync(keyDir, { recursive: true, force: true });
});

const fieldsOf = (res: { json(): { errors?: { field: string }[] } }) => (res.json().errors ?? []).map((e) => e.field);
const liveGrantIds = async () => (await admin.get(`/api/v1/exchange/networks/${networkId}/grants`)).json().items.filter((g: { live: boolean }) => g.live);
type Panel = { collaborativeName: string; communityType: string; points: { period: string; value: number | null; display: string; suppressed: boolean }[] };
type Ind = { code: string; scale: { min: number; max: number }; panels: Panel[] };
const compare = async (agent: Agent, q = '') => (await agent.get(`/api/v1/exchange/networks/${networkId}/comparison${q}`)).json() as { indicators: Ind[]; notSharing: { name: string }[]; facets: { communityType: Record<string, number> } };

describe('every exchange endpoint', () => {
  it('refuses anonymous callers (401)', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/exchange/networks'], ['POST', '/api/v1/exchange/networks'], ['GET', `/api/v1/exchange/networks/${BAD}`], ['POST', `/api/v1/exchange/networks/${BAD}/members`], ['POST', `/api/v1/exchange/networks/${BAD}/members/${BAD}/remove`],
      ['GET', `/api/v1/exchange/networks/${BAD}/grants`], ['POST', `/api/v1/exchange/networks/${BAD}/grants`], ['POST', `/api/v1/exchange/grants/${BAD}/revoke`],
      ['GET', `/api/v1/exchange/networks/${BAD}/comparison`], ['GET', `/api/v1/exchange/networks/${BAD}/steward`], ['GET', `/api/v1/exchange/networks/${BAD}/templates`],
      ['POST', `/api/v1/exchange/networks/${BAD}/templates`], ['POST', `/api/v1/exchange/templates/${BAD}/versions`], ['POST', `/api/v1/exchange/templates/${BAD}/adoptions`],
      ['GET', '/api/v1/exchange/notices'], ['GET', '/api/v1/exchange/practices'], ['POST', '/api/v1/exchange/practices'], ['GET', `/api/v1/exchange/practices/${BAD}`],
      ['POST', `/api/v1/exchange/practices/${BAD}/adapt`], ['GET', `/api/v1/exchange/networks/${BAD}/export`], ['POST', '/api/v1/exchange/import'],
    ] as const) {
      const res = await t.anonymous.request({ method, url, payload: method === 'GET' ? undefined : {} });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
    }
  });

  it('names the field at fault (400)', async () => {
    expect(fieldsOf(await admin.post('/api/v1/exchange/networks', { name: '' }))).toEqual(['name']);
    expect(fieldsOf(await admin.post(`/api/v1/exchange/networks/${networkId}/members`, { collaborativeId: 'x', communityType: 'suburban' })).sort()).toEqual(['collaborativeId', 'communityType']);
    expect(fieldsOf(await coordinator.post(`/api/v1/exchange/networks/${networkId}/grants`, { collaborativeId: BAD, kind: 'dataset', validUntil: 'soon' })).sort()).toEqual(['kind', 'validUntil']);
    expect(fieldsOf(await coordinator.post(`/api/v1/exchange/grants/${BAD}/revoke`, { reason: '' }))).toEqual(['reason']);
    expect(fieldsOf(await admin.post(`/api/v1/exchange/networks/${networkId}/members/x/remove`, { reason: 'r' }))).toEqual(['collaborativeId']);
    expect(fieldsOf(await admin.post(`/api/v1/exchange/networks/${networkId}/members/${BAD}/remove`, { reason: '' }))).toEqual(['reason']);
    expect(fieldsOf(await admin.get(`/api/v1/exchange/networks/${networkId}/comparison?communityType=suburban`))).toEqual(['communityType']);
    expect(fieldsOf(await steward.get(`/api/v1/exchange/networks/${networkId}/steward?period=last`))).toEqual(['period']);
    expect(fieldsOf(await steward.post(`/api/v1/exchange/templates/${templateId}/versions`, { content: {}, changeNote: '' }))).toEqual(['changeNote']);
    expect(fieldsOf(await coordinator.post(`/api/v1/exchange/templates/${templateId}/adoptions`, { collaborativeId: BAD, versionNumber: 0 }))).toEqual(['versionNumber']);
    expect(fieldsOf(await coordinator.post('/api/v1/exchange/practices', { titleEn: '', problemEn: 'p', doneEn: 'd', communityType: 'urban', needDomain: 'nowhere' })).sort()).toEqual(['needDomain', 'titleEn']);
    expect(fieldsOf(await coordinator.get('/api/v1/exchange/practices?welcomingCharacteristic=weather'))).toEqual(['welcomingCharacteristic']);
    expect(fieldsOf(await coordinator.post(`/api/v1/exchange/practices/${BAD}/adapt`, { planId: 'x' }))).toEqual(['planId']);
    expect(fieldsOf(await admin.post('/api/v1/exchange/import', { networkId, file: { format: 'other' } })).length).toBeGreaterThan(0);
  });

  it('refuses what a role may not do (403) and lets members read (200)', async () => {
    const [hipcGrant] = (await liveGrantIds()).filter((g: { collaborativeName: string }) => g.collaborativeName.startsWith('Hamilton'));
    const durham = (await coordinator.get(`/api/v1/exchange/networks/${networkId}`)).json().members.find((m: { mine: boolean }) => m.mine).collaborativeId;
    for (const [agent, method, url, payload] of [
      [coordinator, 'POST', '/api/v1/exchange/networks', { name: 'Mine' }],
      [coordinator, 'POST', `/api/v1/exchange/networks/${networkId}/members`, { collaborativeId: outsiderCollab, communityType: 'urban' }],
      [coordinator, 'POST', `/api/v1/exchange/networks/${networkId}/members/${durham}/remove`, { reason: 'not yours' }],
      [member, 'POST', `/api/v1/exchange/networks/${networkId}/grants`, { collaborativeId: durham, indicatorId: BAD }],
      [coordinator, 'POST', `/api/v1/exchange/grants/${hipcGrant.id}/revoke`, { reason: 'not ours' }],
      [coordinator, 'GET', `/api/v1/exchange/networks/${networkId}/steward`, undefined],
      [coordinator, 'POST', `/api/v1/exchange/templates/${templateId}/versions`, { content: {}, changeNote: 'x' }],
      [member, 'POST', `/api/v1/exchange/templates/${templateId}/adoptions`, { collaborativeId: durham, versionNumber: 1 }],
      [viewer, 'POST', '/api/v1/exchange/practices', { titleEn: 'T', problemEn: 'p', doneEn: 'd', communityType: 'urban', needDomain: 'housing' }],
      [coordinator, 'GET', `/api/v1/exchange/networks/${networkId}/export`, undefined],
    ] as const) {
      const res = await agent.request({ method, url, payload: payload as never });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
    for (const url of [`/api/v1/exchange/networks/${networkId}`, `/api/v1/exchange/networks/${networkId}/grants`, `/api/v1/exchange/networks/${networkId}/comparison`, `/api/v1/exchange/networks/${networkId}/templates`, '/api/v1/exchange/notices', '/api/v1/exchange/practices']) {
      expect((await member.get(url)).statusCode, url).toBe(200);
    }
  });
});

describe('share grants are enforced in the query', () => {
  it('a collaborative outside the network sees nothing, on every route', async () => {
    const grants = await liveGrantIds();
    expect((await outsider.get('/api/v1/exchange/networks')).json().items).toEqual([]);
    for (const [method, url, payload] of [
      ['GET', `/api/v1/exchange/networks/${networkId}`, undefined],
      ['GET', `/api/v1/exchange/networks/${networkId}/grants`, undefined],
      ['GET', `/api/v1/exchange/networks/${networkId}/comparison`, undefined],
      ['GET', `/api/v1/exchange/networks/${networkId}/comparison?communityType=rural`, undefined],
      ['GET', `/api/v1/exchange/networks/${networkId}/steward`, undefined],
      ['GET', `/api/v1/exchange/networks/${networkId}/templates`, undefined],
      ['GET', `/api/v1/exchange/networks/${networkId}/export`, undefined],
      ['POST', `/api/v1/exchange/networks/${networkId}/members`, { collaborativeId: outsiderCollab, communityType: 'urban' }],
      ['POST', `/api/v1/exchange/networks/${networkId}/members/${outsiderCollab}/remove`, { reason: 'attack' }],
      ['POST', `/api/v1/exchange/networks/${networkId}/grants`, { collaborativeId: outsiderCollab, indicatorId: BAD }],
      ['POST', `/api/v1/exchange/grants/${grants[0].id}/revoke`, { reason: 'attack' }],
      ['POST', `/api/v1/exchange/templates/${templateId}/versions`, { content: {}, changeNote: 'attack' }],
      ['POST', `/api/v1/exchange/templates/${templateId}/adoptions`, { collaborativeId: outsiderCollab, versionNumber: 1 }],
      ['POST', '/api/v1/exchange/import', { networkId, file: { format: 'roundtable-exchange/1', payload: {}, signature: { alg: 'Ed25519', keyId: 'x', publicKey: 'x', value: 'x' } } }],
    ] as const) {
      const res = await outsider.request({ method, url, payload: payload as never });
      expect([404, 422], `${method} ${url}`).toContain(res.statusCode);
      expect(res.body, `${method} ${url}`).not.toMatch(/Hamilton|Huron|Kingston|exchange\.newcomers/);
    }
    expect((await outsider.get('/api/v1/exchange/notices')).json().items).toEqual([]);
  });

  it('shows each member what the others shared, in small multiples on one scale, with small counts suppressed', async () => {
    const c = await compare(member);
    const served = c.indicators.find((i) => i.code === 'exchange.newcomers-served')!;
    expect(served.panels.map((p) => p.collaborativeName).sort()).toEqual(['Durham Region Local Diversity and Immigration Partnership Council', 'Hamilton Immigration Partnership Council', 'Huron County Immigration Partnership', 'Kingston Immigration Partnership']);
    expect(served.scale).toEqual({ min: 0, max: 4415 });
    const huron = served.panels.find((p) => p.collaborativeName.startsWith('Huron'))!;
    expect(huron.points.find((p) => p.period === '2021')).toMatchObject({ value: null, display: '<5', suppressed: true });
    // Kingston kept its employment rate; Toronto West shared nothing at all.
    const employed = c.indicators.find((i) => i.code === 'exchange.employment-rate')!;
    expect(employed.panels.map((p) => p.collaborativeName)).not.toContain('Kingston Immigration Partnership');
    expect(c.notSharing.map((m) => m.name)).toEqual(['Toronto West Local Immigration Partnership']);
    expect(c.facets.communityType).toEqual({ urban: 3, rural: 1 });
    const rural = await compare(member, '?communityType=rural');
    expect(rural.indicators.flatMap((i) => i.panels.map((p) => p.communityType))).toEqual(['rural', 'rural']);
  });

  it('a grant is one item, recorded (who, when, until when), and revoking it hides the values at once', async () => {
    const mine = (await coordinator.get(`/api/v1/exchange/networks/${networkId}/grants`)).json().items.filter((g: { collaborativeName: string; live: boolean }) => g.collaborativeName.startsWith('Durham') && g.live);
    const employment = mine.find((g: { itemName: { en: string } }) => g.itemName.en.startsWith('Employment'));
    expect(employment).toMatchObject({ kind: 'indicator', validUntil: null, actions: { 'exchange.grant.revoke': true } });
    const r = await coordinator.post(`/api/v1/exchange/grants/${employment.id}/revoke`, { reason: 'Council asked to review the figures first' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ live: false, revokedBy: 'Demo LIP Coordinator (LDIPC)', revokeReason: 'Council asked to review the figures first' });
    const after = (await compare(steward)).indicators.find((i) => i.code === 'exchange.employment-rate')!;
    expect(after.panels.map((p) => p.collaborativeName)).not.toContain('Durham Region Local Diversity and Immigration Partnership Council');
    expect((await coordinator.post(`/api/v1/exchange/grants/${employment.id}/revoke`, { reason: 'again' })).statusCode).toBe(409);
    // Share it again, until a date; a lapsed grant shows nothing either.
    const again = await coordinator.post(`/api/v1/exchange/networks/${networkId}/grants`, { collaborativeId: employment.collaborativeId, indicatorId: employment.itemId, validUntil: '2099-12-31' });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json()).toMatchObject({ validUntil: '2099-12-31', live: true, grantedBy: 'Demo LIP Coordinator (LDIPC)' });
    expect((await coordinator.post(`/api/v1/exchange/networks/${networkId}/grants`, { collaborativeId: employment.collaborativeId, indicatorId: employment.itemId })).statusCode).toBe(409);
    await t.database.db.execute(sql`UPDATE exchange_share_grants SET valid_until = current_date - 1 WHERE id = ${again.json().id}`);
    const lapsed = (await compare(member)).indicators.find((i) => i.code === 'exchange.employment-rate')!;
    expect(lapsed.panels.map((p) => p.collaborativeName)).not.toContain('Durham Region Local Diversity and Immigration Partnership Council');
  });

  it("refuses to share for a collaborative outside the network or without a catchment", async () => {
    const [{ id: indicatorId }] = await rowsOf<{ id: string }>(t.database.db, sql`SELECT id FROM data_indicators WHERE code = 'exchange.newcomers-served'`);
    const res = await admin.post(`/api/v1/exchange/networks/${networkId}/grants`, { collaborativeId: outsiderCollab, indicatorId });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual(['collaborativeId']);
  });
});

describe("the steward's view", () => {
  it('shows who reported, freshness, and sums only over members that consented', async () => {
    const res = await steward.get(`/api/v1/exchange/networks/${networkId}/steward?period=2024`);
    expect(res.statusCode, res.body).toBe(200);
    const v = res.json();
    expect(v.members).toHaveLength(5);
    expect(v.members.find((m: { name: string }) => m.name.startsWith('Toronto')).reported).toBe(false);
    expect(v.members.find((m: { name: string }) => m.name.startsWith('Kingston')).reported).toBe(true);
    expect(v.members.every((m: { freshness: unknown }) => m.freshness !== null)).toBe(true);
    const served = v.aggregates.find((a: { name: { en: string } }) => a.name.en.startsWith('Newcomers'));
    // Durham, Hamilton and Huron County consented; Kingston did not.
    expect(served).toMatchObject({ contributors: 3, total: 2655 + 4302 + 52 });
  });
});

describe('common templates', () => {
  it('shows the adoption grid: who uses which version, what they changed, who is behind', async () => {
    const [tpl] = (await member.get(`/api/v1/exchange/networks/${networkId}/templates`)).json().items;
    expect(tpl.latest).toBe(2);
    const row = (name: string) => tpl.grid.find((g: { name: string }) => g.name.startsWith(name));
    expect(row('Kingston')).toMatchObject({ versionNumber: 1, behind: 1 });
    expect(row('Huron')).toMatchObject({ versionNumber: 1, behind: 1, adaptations: [{ op: 'drop', item: 'lip-m2' }] });
    expect(row('Hamilton')).toMatchObject({ versionNumber: 2, behind: 0, adaptations: [{ op: 'rename', item: 'lip-m5' }] });
    expect(row('Toronto')).toMatchObject({ versionNumber: null });
  });

  it('a new version tells each adopter what changed', async () => {
    const [tpl] = (await steward.get(`/api/v1/exchange/networks/${networkId}/templates`)).json().items;
    const content = { ...tpl.versions[1].content, sections: tpl.versions[1].content.sections.filter((s: { key: string }) => s.key !== 'highlights') };
    const res = await steward.post(`/api/v1/exchange/templates/${templateId}/versions`, { content, changeNote: 'Highlights move into results' });
    expect(res.statusCode, res.body).toBe(201);
    const notices = (await coordinator.get('/api/v1/exchange/notices')).json().items;
    expect(notices[0]).toMatchObject({ versionNumber: 3, changes: { removed: ['section:highlights (Highlights of the year)'], note: 'Highlights move into results' } });
    const durham = (await coordinator.get(`/api/v1/exchange/networks/${networkId}`)).json().members.find((m: { mine: boolean }) => m.mine).collaborativeId;
    const bad = await coordinator.post(`/api/v1/exchange/templates/${templateId}/adoptions`, { collaborativeId: durham, versionNumber: 3, adaptations: [{ op: 'drop', item: 'nothing-like-it', reason: 'x' }] });
    expect(fieldsOf(bad)).toEqual(['adaptations.0.item']);
    const ok = await coordinator.post(`/api/v1/exchange/templates/${templateId}/adoptions`, { collaborativeId: durham, versionNumber: 3, adaptations: [{ op: 'rename', item: 'lip-m2', to: 'Referrals through Durham coordinated intake', reason: 'Local name' }] });
    expect(ok.statusCode, ok.body).toBe(200);
  });
});

describe('the practice library', () => {
  it('finds practices by full text in English and French, with facets', async () => {
    const en = (await viewer.get('/api/v1/exchange/practices?q=consultation')).json();
    expect(en.items.map((p: { title: { en: string } }) => p.title.en)).toContain('A year-long public consultation with open assemblies');
    const fr = (await viewer.get(`/api/v1/exchange/practices?q=${encodeURIComponent('assemblées publiques')}`)).json();
    expect(fr.items.length).toBeGreaterThan(0);
    const all = (await viewer.get('/api/v1/exchange/practices')).json();
    expect(all.items).toHaveLength(12);
    expect(all.facets.communityType).toEqual({ urban: 8, rural: 2, neighbourhood: 2 });
    const rural = (await viewer.get('/api/v1/exchange/practices?communityType=rural&needDomain=employment')).json();
    expect(rural.items.map((p: { place: string }) => p.place)).toEqual(['Huron County']);
    expect(rural.facets.communityType.urban).toBeGreaterThan(0);
  });

  it('adapts a practice into a plan as a draft action linked to its source; its author sees who adapted it', async () => {
    const practice = (await coordinator.get('/api/v1/exchange/practices')).json().items.find((p: { authorName: string }) => p.authorName?.startsWith('Durham'));
    const [{ id: planId }] = await rowsOf<{ id: string }>(t.database.db, sql`SELECT p.id FROM strategy_plans p JOIN collaboratives c ON c.id = p.collaborative_id WHERE c.short_name = 'LDIPC' LIMIT 1`);
    expect((await viewer.post(`/api/v1/exchange/practices/${practice.id}/adapt`, { planId })).statusCode).toBe(403);
    expect((await outsider.post(`/api/v1/exchange/practices/${practice.id}/adapt`, { planId })).statusCode).toBe(403);
    const res = await coordinator.post(`/api/v1/exchange/practices/${practice.id}/adapt`, { planId });
    expect(res.statusCode, res.body).toBe(201);
    const plan = (await coordinator.get(`/api/v1/strategy/plans/${planId}`)).json();
    const action = plan.elements.find((e: { id: string }) => e.id === res.json().elementId);
    expect(action).toMatchObject({ kind: 'action', title: practice.title.en });
    expect(action.evidence[0].label).toContain(practice.id);
    expect(res.json().practice.adaptations).toEqual([expect.objectContaining({ planId, collaborativeName: 'Durham Region Local Diversity and Immigration Partnership Council' })]);
    // Someone who is not of the authoring collaborative sees the count, not who.
    const seen = (await outsider.get(`/api/v1/exchange/practices/${practice.id}`)).json();
    expect(seen).toMatchObject({ adaptationCount: 1, adaptations: [] });
  });
});

describe('editing a practice, with its revisions and evidence links', () => {
  type Evidence = { kind: string; ref: string; label: string; href: string | null };
  type Shown = { title: { en: string; fr: string | null }; problem: { en: string; fr: string | null }; done: { en: string; fr: string | null }; results: { en: string | null; fr: string | null }; byWhom: string | null; forWhom: string | null; place: string | null; resources: string | null; evidence: Evidence[]; communityType: string; needDomain: string; welcomingCharacteristic: string | null; populationTags: string[]; version: number };
  const bodyOf = (p: Shown, over: Record<string, unknown> = {}) => ({
    titleEn: p.title.en, titleFr: p.title.fr, problemEn: p.problem.en, problemFr: p.problem.fr, doneEn: p.done.en, doneFr: p.done.fr, byWhom: p.byWhom, forWhom: p.forWhom,
    place: p.place, resources: p.resources, resultsEn: p.results.en, resultsFr: p.results.fr, evidence: p.evidence.map((e: Evidence) => ({ kind: e.kind, ref: e.ref, label: e.label })),
    communityType: p.communityType, needDomain: p.needDomain, welcomingCharacteristic: p.welcomingCharacteristic, populationTags: p.populationTags, version: p.version, ...over,
  });

  it('lists what the author may link to: indicators, published report cards and documents of their collaboratives only', async () => {
    const [{ id: planId }] = await rowsOf<{ id: string }>(t.database.db, sql`SELECT p.id FROM strategy_plans p JOIN collaboratives c ON c.id = p.collaborative_id WHERE c.short_name = 'LDIPC' LIMIT 1`);
    await t.database.db.execute(sql`INSERT INTO strategy_report_cards (plan_id, year, status, published_at, published_by) VALUES (${planId}, 2024, 'published', now(), 'test')`);
    const mine = (await coordinator.get('/api/v1/exchange/evidence-options')).json();
    expect(mine.indicators.length).toBeGreaterThan(0);
    expect(mine.reportCards).toEqual([expect.objectContaining({ href: expect.stringMatching(new RegExp(`^/strategy/plans/${planId}/report-cards/`)) })]);
    expect(mine.documents.length).toBeGreaterThan(0);
    expect(mine.documents.every((d: { href: string }) => d.href.startsWith('/collaboratives/'))).toBe(true);
    const theirs = (await outsider.get('/api/v1/exchange/evidence-options')).json();
    expect(theirs.reportCards).toEqual([]);
    expect(theirs.documents).toEqual([]);
    expect((await t.anonymous.request({ method: 'GET', url: '/api/v1/exchange/evidence-options' })).statusCode).toBe(401);
  });

  it('lets the author edit, keeps who changed what and when, shows adapters what changed since, and refuses others (403)', async () => {
    const practice = (await coordinator.get('/api/v1/exchange/practices')).json().items.find((p: { authorName: string }) => p.authorName?.startsWith('Durham'));
    expect(practice.actions['exchange.practice.edit']).toBe(true);
    expect(practice.revisions).toEqual([]);
    const [{ id: planId }] = await rowsOf<{ id: string }>(t.database.db, sql`SELECT p.id FROM strategy_plans p JOIN collaboratives c ON c.id = p.collaborative_id WHERE c.short_name = 'LDIPC' LIMIT 1`);
    expect((await coordinator.post(`/api/v1/exchange/practices/${practice.id}/adapt`, { planId })).statusCode).toBe(201);
    const current = (await coordinator.get(`/api/v1/exchange/practices/${practice.id}`)).json();

    // Not the author, not a coordinator of its collaborative: 403, and nothing changed.
    for (const agent of [member, viewer, outsider]) {
      expect((await agent.get(`/api/v1/exchange/practices/${practice.id}`)).json().actions['exchange.practice.edit']).toBe(false);
      const res = await agent.request({ method: 'PUT', url: `/api/v1/exchange/practices/${practice.id}`, payload: bodyOf(current, { resultsEn: 'Taken over' }) });
      expect(res.statusCode, res.body).toBe(403);
    }
    expect((await t.anonymous.request({ method: 'PUT', url: `/api/v1/exchange/practices/${practice.id}`, payload: bodyOf(current) })).statusCode).toBe(401);

    const options = (await coordinator.get('/api/v1/exchange/evidence-options')).json();
    const indicator = options.indicators.find((i: { label: { en: string } }) => i.label.en.startsWith('Newcomers served'));
    const [card] = options.reportCards;
    const [doc] = options.documents;
    const evidence = [
      { kind: 'indicator', ref: indicator.ref, label: 'Newcomers served, 2019–2024' },
      { kind: 'report_card', ref: card.ref, label: 'Report card 2024' },
      { kind: 'document', ref: doc.ref, label: 'Terms of reference' },
      { kind: 'url', ref: 'https://example.org/evaluation', label: 'The evaluation' },
    ];
    const res = await coordinator.request({ method: 'PUT', url: `/api/v1/exchange/practices/${practice.id}`, payload: bodyOf(current, { resultsEn: 'Two in three members now report against the plan.', evidence, note: 'Added results and evidence' }) });
    expect(res.statusCode, res.body).toBe(200);
    const edited = res.json();
    expect(edited.version).toBe(current.version + 1);
    expect(edited.evidence).toEqual([
      { ...evidence[0], href: indicator.href }, { ...evidence[1], href: card.href }, { ...evidence[2], href: doc.href }, { ...evidence[3], href: 'https://example.org/evaluation' },
    ]);
    expect(edited.revisions).toEqual([
      expect.objectContaining({ number: 1, changedBy: 'Demo LIP Coordinator (LDIPC)', note: 'Added results and evidence', changes: [
        { field: 'resultsEn', before: current.results.en, after: 'Two in three members now report against the plan.' },
        { field: 'evidence', before: [], after: evidence },
      ] }),
    ]);
    expect(edited.adaptations.length).toBeGreaterThan(0);
    for (const a of edited.adaptations) expect(a).toMatchObject({ planId, changedSince: ['resultsEn', 'evidence'] });
    // Every reader sees the history; the page shows the links.
    const seen = (await outsider.get(`/api/v1/exchange/practices/${practice.id}`)).json();
    expect(seen.revisions.map((r: { number: number }) => r.number)).toEqual([1]);
    expect(seen.evidence.map((e: Evidence) => e.kind)).toEqual(['indicator', 'report_card', 'document', 'url']);

    // Read at an older version: 409; nothing changed: no revision.
    expect((await coordinator.request({ method: 'PUT', url: `/api/v1/exchange/practices/${practice.id}`, payload: bodyOf(current, { resultsEn: 'Late' }) })).statusCode).toBe(409);
    const same = await coordinator.request({ method: 'PUT', url: `/api/v1/exchange/practices/${practice.id}`, payload: bodyOf(edited) });
    expect(same.statusCode, same.body).toBe(200);
    expect(same.json()).toMatchObject({ version: edited.version, revisions: [expect.objectContaining({ number: 1 })] });

    // Links the editor may not see, and links that are not web addresses, are named by field.
    const bad = await coordinator.request({ method: 'PUT', url: `/api/v1/exchange/practices/${practice.id}`, payload: bodyOf(edited, { evidence: [...evidence, { kind: 'document', ref: BAD, label: 'Someone else' }, { kind: 'url', ref: 'javascript:alert(1)', label: 'x' }] }) });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toEqual(['evidence.5.ref']);
    const hidden = await coordinator.request({ method: 'PUT', url: `/api/v1/exchange/practices/${practice.id}`, payload: bodyOf(edited, { evidence: [...evidence, { kind: 'document', ref: BAD, label: 'Someone else' }] }) });
    expect(hidden.statusCode).toBe(400);
    expect(fieldsOf(hidden)).toEqual(['evidence.4.ref']);
    const outsiderWrites = await outsider.post('/api/v1/exchange/practices', { titleEn: 'Borrowing their documents', problemEn: 'p', doneEn: 'd', communityType: 'urban', needDomain: 'housing', authorCollaborativeId: outsiderCollab, evidence: [{ kind: 'document', ref: doc.ref, label: 'Not mine' }] });
    expect(outsiderWrites.statusCode).toBe(400);
    expect(fieldsOf(outsiderWrites)).toEqual(['evidence.0.ref']);

    // A revision is a record: the database refuses to change it.
    const refused = await t.database.db.execute(sql`UPDATE exchange_practice_revisions SET note = 'rewritten' WHERE practice_id = ${practice.id}`).then(() => null, (e: Error & { cause?: Error }) => e);
    expect(String(refused?.cause?.message ?? refused?.message)).toMatch(/cannot be changed/);
  });
});

describe('across instances', () => {
  it('exports a signed file, imports it elsewhere keeping the source, and a round trip loses nothing', async () => {
    const key = await t.app.inject({ method: 'GET', url: '/.well-known/roundtable-exchange-key' });
    expect(key.statusCode).toBe(200);
    const exp = await steward.get(`/api/v1/exchange/networks/${networkId}/export`);
    expect(exp.statusCode, exp.body).toBe(200);
    const file = exp.json();
    expect(file.signature).toMatchObject({ alg: 'Ed25519', keyId: key.json().keyId, publicKey: key.json().publicKey });
    const other = (await admin.post('/api/v1/exchange/networks', { name: 'Receiving network (test)', stewardUserId: null })).json();
    const imp = await admin.post('/api/v1/exchange/import', { networkId: other.id, file, trustedPublicKey: key.json().publicKey });
    expect(imp.statusCode, imp.body).toBe(200);
    expect(imp.json()).toMatchObject({ sourceInstance: `roundtable:${key.json().keyId}`, templates: 3, practices: 12, values: file.payload.values.length });
    // Evidence links travel with their practice (kind, id and label; where they open is each instance's own).
    const linked = file.payload.practices.find((x: { evidence: unknown[] }) => x.evidence.length === 4);
    expect(linked.evidence.map((e: { kind: string }) => e.kind)).toEqual(['indicator', 'report_card', 'document', 'url']);
    expect(linked.evidence.every((e: Record<string, unknown>) => Object.keys(e).sort().join() === 'kind,label,ref')).toBe(true);
    const back = (await admin.get(`/api/v1/exchange/networks/${other.id}/export`)).json().payload;
    expect(back.practices.find((x: { sourceId: string }) => x.sourceId === linked.sourceId).evidence).toEqual(linked.evidence);
    const importedLinked = (await admin.get('/api/v1/exchange/practices')).json().items.find((x: { sourceInstance: string | null; title: { en: string } }) => x.sourceInstance && x.title.en === linked.titleEn);
    expect(importedLinked.evidence.map((e: { href: string | null }) => e.href)).toEqual([null, null, null, 'https://example.org/evaluation']);
    expect(importedLinked.actions['exchange.practice.edit']).toBe(false);
    const strip = (p: typeof back) => ({
      templates: p.templates.map((x: { source: string }) => ({ ...x, source: undefined })),
      practices: p.practices.filter((x: { source: string }) => x.source === `roundtable:${key.json().keyId}`).map((x: Record<string, unknown>) => ({ ...x, sourceId: undefined })),
    });
    expect(strip(back).templates).toEqual(strip(file.payload).templates);
    expect(new Set(back.practices.map((x: { sourceId: string }) => x.sourceId))).toEqual(new Set(file.payload.practices.map((x: { sourceId: string }) => x.sourceId)));
    for (const p of file.payload.practices) expect(back.practices).toContainEqual(p);
    const shown = (await admin.get(`/api/v1/exchange/networks/${other.id}/comparison`)).json();
    expect(shown.imported).toHaveLength(file.payload.values.length);
    expect(shown.imported.find((v: { display: string }) => v.display === '<5')).toBeTruthy();
  });

  it('refuses a tampered file with a clear error, and a file signed by a key you do not trust', async () => {
    const file = (await steward.get(`/api/v1/exchange/networks/${networkId}/export`)).json();
    file.payload.values[0].value = 999999;
    const res = await admin.post('/api/v1/exchange/import', { networkId, file });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'exchange.signature_invalid', title: expect.stringContaining('changed after it was signed') });
    const clean = (await steward.get(`/api/v1/exchange/networks/${networkId}/export`)).json();
    const { publicKey } = (await import('node:crypto')).generateKeyPairSync('ed25519');
    const other = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const res2 = await admin.post('/api/v1/exchange/import', { networkId, file: clean, trustedPublicKey: other });
    expect(res2.statusCode).toBe(422);
    expect(fieldsOf(res2)).toEqual(['trustedPublicKey']);
  });
});

describe('removing a member', () => {
  it("takes the collaborative out and revokes its live grants there, with the reason", async () => {
    const created = await admin.post('/api/v1/exchange/networks', { name: 'Removal test network' });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    const durham = (await coordinator.get(`/api/v1/exchange/networks/${networkId}`)).json().members.find((m: { mine: boolean }) => m.mine).collaborativeId;
    const shared = (await coordinator.get(`/api/v1/exchange/networks/${networkId}/grants`)).json().items.find((x: { collaborativeId: string; kind: string }) => x.collaborativeId === durham && x.kind === 'indicator');
    expect((await admin.post(`/api/v1/exchange/networks/${id}/members`, { collaborativeId: durham, communityType: 'urban' })).statusCode).toBe(200);
    const g = await coordinator.post(`/api/v1/exchange/networks/${id}/grants`, { collaborativeId: durham, indicatorId: shared.itemId });
    expect(g.statusCode, g.body).toBe(201);
    const res = await admin.post(`/api/v1/exchange/networks/${id}/members/${durham}/remove`, { reason: 'Left the region' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().members).toEqual([]);
    expect((await admin.post(`/api/v1/exchange/networks/${id}/members/${durham}/remove`, { reason: 'again' })).statusCode).toBe(404);
    expect((await coordinator.get(`/api/v1/exchange/networks/${id}`)).statusCode).toBe(404);
    // Joining again does not bring the old grant back: it stays revoked, with the reason.
    expect((await admin.post(`/api/v1/exchange/networks/${id}/members`, { collaborativeId: durham, communityType: 'urban' })).statusCode).toBe(200);
    const grants = (await coordinator.get(`/api/v1/exchange/networks/${id}/grants`)).json().items;
    expect(grants.map((x: { live: boolean; revokeReason: string | null }) => [x.live, x.revokeReason])).toEqual([[false, 'Left the region']]);
  });
});
