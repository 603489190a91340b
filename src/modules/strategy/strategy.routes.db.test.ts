import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { extractText, getDocumentProxy } from 'unpdf';
import { createTestApp, demo, type Agent, type TestApp } from '../../../test/helpers/test-app';
import { rowsOf } from '../../core/db/database';
import { DURHAM_PLAN_TITLE, LIP_TEMPLATE_NAME } from './strategy.seeds';
import { strategyCli } from './strategy.cli';
import { makeActionPlan, makeMeasure, makePlan, makeReportCard, makeSkeleton, makeTocNode } from './strategy.factory';

let t: TestApp;
let coordinator: Agent;
let member: Agent;
let staff: Agent;
let admin: Agent;
let ldipc: string;
let otherCollab: string;

beforeAll(async () => {
  t = await createTestApp();
  [coordinator, member, staff, admin] = [await t.login(demo.coordinator), await t.login(demo.member), await t.login(demo.staff), await t.login(demo.admin)];
  ldipc = (await rowsOf<{ id: string }>(t.database.db, sql`SELECT id FROM collaboratives WHERE short_name = 'LDIPC'`))[0].id;
  // A second collaborative (test fixture; the collaboratives module has no create route yet).
  otherCollab = (await rowsOf<{ id: string }>(t.database.db, sql`INSERT INTO collaboratives (name, short_name, type) VALUES ('Test Peel LIP', 'PEEL', 'lip_partnership_council') RETURNING id`))[0].id;
});
afterAll(async () => t?.close());

async function newPlan(agent: Agent, overrides: Record<string, unknown> = {}) {
  const res = await agent.post('/api/v1/strategy/plans', { collaborativeId: ldipc, title: 'Test strategy', startYear: 2025, endYear: 2027, ...overrides });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
async function add(agent: Agent, planId: string, kind: string, parentId: string | null, title: string) {
  const res = await agent.post(`/api/v1/strategy/plans/${planId}/elements`, { kind, parentId, title });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}
async function skeleton(planId: string) {
  const theme = await add(coordinator, planId, 'theme', null, 'Service enhancement');
  const goal = await add(coordinator, planId, 'goal', theme, 'Newcomers reach services');
  const strategy = await add(coordinator, planId, 'strategy', goal, 'Coordinated intake');
  const action = await add(coordinator, planId, 'action', strategy, 'Common intake form');
  return { theme, goal, strategy, action };
}

describe('permission boundaries', () => {
  it('walks the ladder: 401 anonymous, 404 outsider, 403 member writes, 201 coordinator', async () => {
    expect((await t.anonymous.get('/api/v1/strategy/plans')).statusCode).toBe(401);
    const plan = await newPlan(coordinator);
    expect((await t.anonymous.get(`/api/v1/strategy/plans/${plan.id}`)).statusCode).toBe(401);
    expect((await staff.get(`/api/v1/strategy/plans/${plan.id}`)).statusCode).toBe(404);
    expect((await staff.get('/api/v1/strategy/plans')).json().items.some((p: { id: string }) => p.id === plan.id)).toBe(false);
    const read = await member.get(`/api/v1/strategy/plans/${plan.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().actions['strategy.plan.update']).toBe(false);
    const write = await member.post(`/api/v1/strategy/plans/${plan.id}/elements`, { kind: 'theme', title: 'Nope' });
    expect(write.statusCode).toBe(403);
    expect((await member.post('/api/v1/strategy/plans', { collaborativeId: ldipc, title: 'x', startYear: 2025, endYear: 2026 })).statusCode).toBe(403);
    expect((await coordinator.post('/api/v1/strategy/plans', { collaborativeId: otherCollab, title: 'x', startYear: 2025, endYear: 2026 })).statusCode).toBe(403);
    expect((await admin.get(`/api/v1/strategy/plans/${plan.id}`)).json().actions['strategy.plan.update']).toBe(true);
  });

  it('names the field for bad input', async () => {
    const res = await coordinator.post('/api/v1/strategy/plans', { collaborativeId: ldipc, title: 'x', startYear: 2027, endYear: 2025 });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.json().errors[0].field).toBe('endYear');
  });
});

describe('every strategy endpoint', () => {
  const fieldsOf = (res: { json(): { errors?: { field: string }[] } }) => (res.json().errors ?? []).map((e) => e.field);
  let f: { plan: string; action: string; goal: string; measure: string; actionPlan: string; item: string; card: string; node: string; node2: string; evidence: string; template: string };

  beforeAll(async () => {
    const db = t.database.db;
    const plan = await makePlan(db, ldipc);
    const { goal, action } = await makeSkeleton(db, plan);
    const measure = await makeMeasure(db, plan, goal);
    const { actionPlanId, itemId } = await makeActionPlan(db, plan, 2025, action);
    const card = await makeReportCard(db, plan, 2025);
    const [node, node2] = [await makeTocNode(db, plan), await makeTocNode(db, plan, 'outcome')];
    const [{ id: evidence }] = await rowsOf<{ id: string }>(db, sql`INSERT INTO strategy_evidence (element_id, kind, ref_id, label) VALUES (${goal}, 'document', NULL, 'Test') RETURNING id`);
    const [{ id: template }] = await rowsOf<{ id: string }>(db, sql`SELECT id FROM strategy_templates WHERE name = ${LIP_TEMPLATE_NAME}`);
    f = { plan, action, goal, measure, actionPlan: actionPlanId, item: itemId, card, node, node2, evidence, template };
  });

  /** [method, url, a valid body (for the 403 walk)] for every write. */
  const writes = (): [string, string, unknown][] => [
    ['POST', '/api/v1/strategy/plans', { collaborativeId: ldipc, title: 'x', startYear: 2025, endYear: 2026 }],
    ['PATCH', `/api/v1/strategy/plans/${f.plan}`, { title: 'y', version: 1 }],
    ['POST', `/api/v1/strategy/plans/${f.plan}/new-version`, undefined],
    ['POST', `/api/v1/strategy/plans/${f.plan}/elements`, { kind: 'theme', title: 'Nope' }],
    ['PATCH', `/api/v1/strategy/elements/${f.action}`, { title: 'Nope', version: 1 }],
    ['DELETE', `/api/v1/strategy/elements/${f.action}?version=1`, undefined],
    ['POST', `/api/v1/strategy/elements/${f.goal}/evidence`, { kind: 'document', label: 'Nope' }],
    ['DELETE', `/api/v1/strategy/evidence/${f.evidence}`, undefined],
    ['POST', `/api/v1/strategy/plans/${f.plan}/measures`, { elementId: f.goal, kind: 'population', name: 'Nope', unit: 'percent', direction: 'higher_is_better', frequency: 'annual' }],
    ['PATCH', `/api/v1/strategy/measures/${f.measure}`, { name: 'Nope', version: 1 }],
    ['PUT', `/api/v1/strategy/measures/${f.measure}/targets/2026`, { value: 50 }],
    ['PUT', `/api/v1/strategy/measures/${f.measure}/values/2025`, { value: 50 }],
    ['POST', `/api/v1/strategy/plans/${f.plan}/action-plans`, { year: 2026 }],
    ['POST', `/api/v1/strategy/action-plans/${f.actionPlan}/items`, { actionId: f.action }],
    ['PATCH', `/api/v1/strategy/action-plan-items/${f.item}`, { status: 'in_progress', version: 1 }],
    ['POST', `/api/v1/strategy/action-plan-items/${f.item}/notes`, { note: 'Nope' }],
    ['POST', `/api/v1/strategy/plans/${f.plan}/import`, { csv: 'type,ref\n', dryRun: true }],
    ['POST', `/api/v1/strategy/plans/${f.plan}/report-cards`, { year: 2026 }],
    ['PATCH', `/api/v1/strategy/report-cards/${f.card}`, { highlights: 'Nope', version: 1 }],
    ['POST', `/api/v1/strategy/report-cards/${f.card}/publish`, { version: 1 }],
    ['POST', `/api/v1/strategy/report-cards/${f.card}/new-version`, undefined],
    ['POST', `/api/v1/strategy/plans/${f.plan}/template`, { name: 'Nope template' }],
    ['POST', `/api/v1/strategy/templates/${f.template}/clone`, { collaborativeId: ldipc, title: 'Nope', startYear: 2025, endYear: 2026 }],
    ['POST', `/api/v1/strategy/plans/${f.plan}/theory-of-change/nodes`, { kind: 'precondition', label: 'Nope' }],
    ['DELETE', `/api/v1/strategy/plans/${f.plan}/theory-of-change/nodes/${f.node}`, undefined],
    ['POST', `/api/v1/strategy/plans/${f.plan}/theory-of-change/edges`, { from: f.node, to: f.node2 }],
    ['DELETE', `/api/v1/strategy/plans/${f.plan}/theory-of-change/edges?from=${f.node}&to=${f.node2}`, undefined],
  ];
  const reads = () => [
    '/api/v1/strategy/plans', `/api/v1/strategy/plans/${f.plan}`, `/api/v1/strategy/elements/${f.action}/history`, `/api/v1/strategy/measures/${f.measure}`,
    `/api/v1/strategy/plans/${f.plan}/action-plans`, `/api/v1/strategy/action-plans/${f.actionPlan}`, `/api/v1/strategy/plans/${f.plan}/update-sheet.csv`,
    `/api/v1/strategy/plans/${f.plan}/scorecard`, `/api/v1/strategy/plans/${f.plan}/report-cards`, `/api/v1/strategy/report-cards/${f.card}`,
    `/api/v1/strategy/report-cards/${f.card}/pdf`, '/api/v1/strategy/templates', `/api/v1/strategy/templates/${f.template}/comparison`,
    `/api/v1/strategy/plans/${f.plan}/theory-of-change`,
  ];

  it('refuses anonymous callers (401), except the public links (404 for a plan not shared)', async () => {
    for (const url of reads()) expect((await t.anonymous.get(url)).statusCode, url).toBe(401);
    for (const [method, url, payload] of writes()) {
      const res = await t.anonymous.request({ method: method as 'POST', url, payload: payload as never });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
    }
    for (const url of [`/api/v1/strategy/public/plans/${f.plan}/scorecard`, `/api/v1/strategy/public/report-cards/${f.card}`, `/api/v1/strategy/public/report-cards/${f.card}/pdf`]) {
      expect((await t.anonymous.get(url)).statusCode, url).toBe(404);
    }
  });

  it('names the field at fault (400) on every endpoint', async () => {
    const cases: [string, string, unknown, string][] = [
      ['GET', '/api/v1/strategy/plans?collaborativeId=nope', undefined, 'collaborativeId'],
      ['POST', '/api/v1/strategy/plans', { collaborativeId: ldipc, title: '', startYear: 2025, endYear: 2026 }, 'title'],
      ['GET', '/api/v1/strategy/plans/nope', undefined, 'id'],
      ['PATCH', `/api/v1/strategy/plans/${f.plan}`, { status: 'done', version: 1 }, 'status'],
      ['POST', '/api/v1/strategy/plans/nope/new-version', undefined, 'id'],
      ['POST', `/api/v1/strategy/plans/${f.plan}/elements`, { kind: 'chapter', title: 'x' }, 'kind'],
      ['PATCH', `/api/v1/strategy/elements/${f.action}`, { title: 'x' }, 'version'],
      ['DELETE', `/api/v1/strategy/elements/${f.action}`, undefined, 'version'],
      ['GET', '/api/v1/strategy/elements/nope/history', undefined, 'id'],
      ['POST', `/api/v1/strategy/elements/${f.goal}/evidence`, { kind: 'rumour', label: 'x' }, 'kind'],
      ['DELETE', '/api/v1/strategy/evidence/nope', undefined, 'id'],
      ['POST', `/api/v1/strategy/plans/${f.plan}/measures`, { elementId: f.goal, kind: 'population', name: 'x', unit: 'furlongs', direction: 'higher_is_better', frequency: 'annual' }, 'unit'],
      ['GET', '/api/v1/strategy/measures/nope', undefined, 'id'],
      ['PATCH', `/api/v1/strategy/measures/${f.measure}`, { name: 'x' }, 'version'],
      ['PUT', `/api/v1/strategy/measures/${f.measure}/targets/2026`, { value: 'high' }, 'value'],
      ['PUT', `/api/v1/strategy/measures/${f.measure}/values/2025`, {}, 'value'],
      ['GET', '/api/v1/strategy/plans/nope/action-plans', undefined, 'id'],
      ['POST', `/api/v1/strategy/plans/${f.plan}/action-plans`, { year: 'next' }, 'year'],
      ['GET', '/api/v1/strategy/action-plans/nope', undefined, 'id'],
      ['POST', `/api/v1/strategy/action-plans/${f.actionPlan}/items`, { actionId: 'nope' }, 'actionId'],
      ['PATCH', `/api/v1/strategy/action-plan-items/${f.item}`, { status: 'finished', version: 1 }, 'status'],
      ['POST', `/api/v1/strategy/action-plan-items/${f.item}/notes`, { note: '' }, 'note'],
      ['POST', `/api/v1/strategy/plans/${f.plan}/import`, {}, 'csv'],
      ['GET', '/api/v1/strategy/plans/nope/update-sheet.csv', undefined, 'id'],
      ['GET', `/api/v1/strategy/plans/${f.plan}/scorecard?themeId=nope`, undefined, 'themeId'],
      ['GET', '/api/v1/strategy/public/plans/nope/scorecard', undefined, 'id'],
      ['GET', '/api/v1/strategy/plans/nope/report-cards', undefined, 'id'],
      ['POST', `/api/v1/strategy/plans/${f.plan}/report-cards`, { year: 'last' }, 'year'],
      ['GET', '/api/v1/strategy/report-cards/nope', undefined, 'id'],
      ['PATCH', `/api/v1/strategy/report-cards/${f.card}`, { highlights: 'x' }, 'version'],
      ['POST', `/api/v1/strategy/report-cards/${f.card}/publish`, {}, 'version'],
      ['POST', '/api/v1/strategy/report-cards/nope/new-version', undefined, 'id'],
      ['GET', `/api/v1/strategy/report-cards/${f.card}/pdf?lang=de`, undefined, 'lang'],
      ['GET', '/api/v1/strategy/public/report-cards/nope', undefined, 'id'],
      ['GET', '/api/v1/strategy/public/report-cards/nope/pdf', undefined, 'id'],
      ['POST', `/api/v1/strategy/plans/${f.plan}/template`, { name: '' }, 'name'],
      ['POST', `/api/v1/strategy/templates/${f.template}/clone`, { collaborativeId: 'nope', title: 'x', startYear: 2025, endYear: 2026 }, 'collaborativeId'],
      ['GET', '/api/v1/strategy/templates/nope/comparison', undefined, 'id'],
      ['GET', '/api/v1/strategy/plans/nope/theory-of-change', undefined, 'id'],
      ['POST', `/api/v1/strategy/plans/${f.plan}/theory-of-change/nodes`, { kind: 'wish', label: 'x' }, 'kind'],
      ['DELETE', `/api/v1/strategy/plans/${f.plan}/theory-of-change/nodes/nope`, undefined, 'nodeId'],
      ['POST', `/api/v1/strategy/plans/${f.plan}/theory-of-change/edges`, { from: f.node }, 'to'],
      ['DELETE', `/api/v1/strategy/plans/${f.plan}/theory-of-change/edges?from=${f.node}`, undefined, 'to'],
    ];
    for (const [method, url, payload, field] of cases) {
      const res = await coordinator.request({ method: method as 'POST', url, payload: payload as never });
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(400);
      expect(fieldsOf(res), `${method} ${url}`).toContain(field);
    }
  });

  it('refuses a member every write (403) and lets them read (200); hides the plan from an outsider (404)', async () => {
    for (const [method, url, payload] of writes()) {
      if (url === '/api/v1/strategy/plans' || url.includes('/clone')) continue; // creating: member of the collaborative, not its coordinator
      const res = await member.request({ method: method as 'POST', url, payload: payload as never });
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(403);
    }
    expect((await member.post('/api/v1/strategy/plans', { collaborativeId: ldipc, title: 'x', startYear: 2025, endYear: 2026 })).statusCode).toBe(403);
    expect((await member.post(`/api/v1/strategy/templates/${f.template}/clone`, { collaborativeId: ldipc, title: 'x', startYear: 2025, endYear: 2026 })).statusCode).toBe(403);
    for (const url of reads()) expect((await member.get(url)).statusCode, url).toBe(200);
    expect((await staff.get(`/api/v1/strategy/plans/${f.plan}`)).statusCode).toBe(404);
    const read = await member.get(`/api/v1/strategy/plans/${f.plan}`);
    expect(read.json().actions).toEqual({ 'strategy.plan.update': false, 'strategy.plan.newVersion': false });
  });
});

describe('plans: freezing, history and versions', () => {
  it('freezes themes and goals once adopted; strategies and actions stay editable with history', async () => {
    const plan = await newPlan(coordinator);
    const { theme, goal, strategy } = await skeleton(plan.id);
    const adopted = await coordinator.patch(`/api/v1/strategy/plans/${plan.id}`, { version: plan.version, status: 'adopted' });
    expect(adopted.statusCode, adopted.body).toBe(200);
    expect(adopted.json().elements.find((e: { id: string }) => e.id === goal).frozen).toBe(true);
    expect(adopted.json().actions).toEqual({ 'strategy.plan.update': true, 'strategy.plan.newVersion': true });
    expect((await member.get(`/api/v1/strategy/plans/${plan.id}`)).json().actions).toEqual({ 'strategy.plan.update': false, 'strategy.plan.newVersion': false });

    const editGoal = await coordinator.patch(`/api/v1/strategy/elements/${goal}`, { version: 1, title: 'Changed' });
    expect(editGoal.statusCode).toBe(409);
    expect(editGoal.json().code).toBe('strategy.frozen');
    expect((await coordinator.post(`/api/v1/strategy/plans/${plan.id}/elements`, { kind: 'theme', title: 'Late theme' })).json().code).toBe('strategy.frozen');
    expect((await coordinator.post(`/api/v1/strategy/plans/${plan.id}/elements`, { kind: 'goal', parentId: theme, title: 'Late goal' })).statusCode).toBe(409);

    const edit = await coordinator.patch(`/api/v1/strategy/elements/${strategy}`, { version: 1, title: 'Coordinated intake and warm referral' });
    expect(edit.statusCode, edit.body).toBe(200);
    expect((await coordinator.patch(`/api/v1/strategy/elements/${strategy}`, { version: 1, title: 'stale' })).statusCode).toBe(409);
    const hist = (await member.get(`/api/v1/strategy/elements/${strategy}/history`)).json().items;
    expect(hist.map((h: { change: string }) => h.change)).toEqual(['update', 'create']);
    expect(hist[0]).toMatchObject({ actorLabel: demo.coordinator, before: { title: 'Coordinated intake' }, after: { title: 'Coordinated intake and warm referral' } });

    const back = await coordinator.patch(`/api/v1/strategy/plans/${plan.id}`, { version: adopted.json().version, status: 'draft' });
    expect(back.statusCode).toBe(400);
    expect(back.json().errors[0].field).toBe('status');

    const v2 = await coordinator.post(`/api/v1/strategy/plans/${plan.id}/new-version`);
    expect(v2.statusCode, v2.body).toBe(201);
    expect(v2.json()).toMatchObject({ status: 'draft', planVersion: 2, previousVersionId: plan.id });
    const newGoal = v2.json().elements.find((e: { kind: string }) => e.kind === 'goal');
    expect(newGoal.frozen).toBe(false);
    expect((await coordinator.patch(`/api/v1/strategy/elements/${newGoal.id}`, { version: newGoal.version, title: 'Goal, reworded in v2' })).statusCode).toBe(200);
    // The adopted version did not change.
    expect((await member.get(`/api/v1/strategy/plans/${plan.id}`)).json().elements.find((e: { id: string }) => e.id === goal).title).toBe('Newcomers reach services');
  });

  it('keeps the hierarchy: a goal needs a theme, an action a strategy', async () => {
    const plan = await newPlan(coordinator);
    const theme = await add(coordinator, plan.id, 'theme', null, 'T');
    const res = await coordinator.post(`/api/v1/strategy/plans/${plan.id}/elements`, { kind: 'action', parentId: theme, title: 'A' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ field: 'parentId' });
  });

  it('links evidence to the collaborative\'s own engagement records, and refuses anyone else\'s', async () => {
    const plan = await newPlan(coordinator);
    const theme = await add(coordinator, plan.id, 'theme', null, 'T');
    const engagement = await coordinator.post(`/api/v1/collaboratives/${ldipc}/engagements`, { title: 'Town hall, March', heldOn: '2026-03-10', method: 'town_hall', participantCount: 60, themes: ['Welcoming'] });
    expect(engagement.statusCode, engagement.body).toBe(201);
    expect((await coordinator.post(`/api/v1/strategy/elements/${theme}/evidence`, { kind: 'engagement', refId: engagement.json().id, label: 'Town hall, March' })).statusCode).toBe(201);
    const unknown = await coordinator.post(`/api/v1/strategy/elements/${theme}/evidence`, { kind: 'engagement', refId: '7b1c1f5e-1d2e-4f3a-9b8c-0d1e2f3a4b5c', label: 'Not ours' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].field).toBe('refId');
    const bad = await coordinator.post(`/api/v1/strategy/elements/${theme}/evidence`, { kind: 'url', refId: 'ftp://x', label: 'x' });
    expect(bad.json().errors[0].field).toBe('refId');
    const plan2 = (await member.get(`/api/v1/strategy/plans/${plan.id}`)).json();
    expect(plan2.elements[0].evidence).toEqual([expect.objectContaining({ kind: 'engagement', label: 'Town hall, March' })]);
  });
});

describe('measures', () => {
  it('draws a population indicator from the community data repository, and refuses a link in another unit', async () => {
    const plan = await newPlan(coordinator);
    const { goal } = await skeleton(plan.id);
    const { findIndicators } = await import('../data/data.api');
    const population = (await findIndicators(t.database.db, null, { q: 'population', limit: 100 })).find((i) => i.code === 'population.total')!;
    const durham = (await rowsOf<{ id: string }>(t.database.db, sql`SELECT id FROM geographies WHERE code = '3518'`))[0].id;
    const res = await coordinator.post(`/api/v1/strategy/plans/${plan.id}/measures`, { elementId: goal, kind: 'population', name: 'Population of Durham', unit: 'count', direction: 'higher_is_better', frequency: 'annual', indicatorId: population.id, geographyId: durham });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().repositoryValues).toEqual(expect.arrayContaining([{ period: '2016', value: 645862 }, { period: '2021', value: 696992 }]));
    const wrongUnit = await coordinator.post(`/api/v1/strategy/plans/${plan.id}/measures`, { elementId: goal, kind: 'population', name: 'Share', unit: 'percent', direction: 'higher_is_better', indicatorId: population.id, geographyId: durham });
    expect(wrongUnit.statusCode).toBe(400);
    expect(wrongUnit.json().errors[0].field).toBe('indicatorId');
  });

  it('computes status and trend, refuses targets outside the horizon and values of the wrong unit type, and warns when outputs only', async () => {
    const plan = await newPlan(coordinator);
    const { goal, strategy } = await skeleton(plan.id);
    const out = await coordinator.post(`/api/v1/strategy/plans/${plan.id}/measures`, { elementId: strategy, kind: 'performance', rbaType: 'how_much', name: 'Referrals', unit: 'count', direction: 'higher_is_better', baselineValue: 100, baselinePeriod: '2024' });
    expect(out.statusCode, out.body).toBe(201);
    const m = out.json();
    let p = (await member.get(`/api/v1/strategy/plans/${plan.id}`)).json();
    expect(p.warnings.outputOnly).toBe(true);

    const outside = await coordinator.put(`/api/v1/strategy/measures/${m.id}/targets/2030`, { value: 300 });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().errors[0]).toMatchObject({ field: 'period', message: expect.stringContaining('2025–2027') });
    expect((await coordinator.put(`/api/v1/strategy/measures/${m.id}/targets/2025-Q1`, { value: 300 })).json().errors[0].field).toBe('period');
    const frac = await coordinator.put(`/api/v1/strategy/measures/${m.id}/values/2025`, { value: 12.5 });
    expect(frac.statusCode).toBe(400);
    expect(frac.json().errors[0]).toMatchObject({ field: 'value', message: expect.stringMatching(/whole number/) });

    await coordinator.put(`/api/v1/strategy/measures/${m.id}/targets/2025`, { value: 150 });
    await coordinator.put(`/api/v1/strategy/measures/${m.id}/targets/2026`, { value: 200 });
    const v = await coordinator.put(`/api/v1/strategy/measures/${m.id}/values/2025`, { value: 160, source: 'Intake logs' });
    expect(v.statusCode, v.body).toBe(200);
    expect(v.json()).toMatchObject({ status: 'met', trend: 'improving', latest: { period: '2025', value: 160 } });
    expect(v.json().values[0]).toMatchObject({ source: 'Intake logs', recordedBy: demo.coordinator });
    const curve = v.json().curve;
    expect(curve.find((r: { period: string }) => r.period === '2024')).toMatchObject({ baseline: 100, forecast: 100 });
    expect(curve.find((r: { period: string }) => r.period === '2026')).toMatchObject({ target: 200, forecast: 100, actual: null });
    const v2 = await coordinator.put(`/api/v1/strategy/measures/${m.id}/values/2026`, { value: 170 });
    expect(v2.json().status).toBe('progressing');

    const pct = await coordinator.post(`/api/v1/strategy/plans/${plan.id}/measures`, { elementId: goal, kind: 'population', name: 'Unmet needs', unit: 'percent', direction: 'lower_is_better' });
    expect(pct.statusCode).toBe(201);
    expect((await coordinator.put(`/api/v1/strategy/measures/${pct.json().id}/values/2025`, { value: 140 })).json().errors[0].field).toBe('value');
    const wrongKind = await coordinator.post(`/api/v1/strategy/plans/${plan.id}/measures`, { elementId: goal, kind: 'performance', rbaType: 'better_off', name: 'x', unit: 'percent', direction: 'higher_is_better' });
    expect(wrongKind.json().errors[0].field).toBe('elementId');

    await coordinator.post(`/api/v1/strategy/plans/${plan.id}/measures`, { elementId: strategy, kind: 'performance', rbaType: 'better_off', name: 'Need met', unit: 'percent', direction: 'higher_is_better' });
    p = (await member.get(`/api/v1/strategy/plans/${plan.id}`)).json();
    expect(p.warnings).toEqual({ outputOnly: false, noBetterOff: false });
    expect((await member.put(`/api/v1/strategy/measures/${m.id}/values/2025`, { value: 1 })).statusCode).toBe(403);
  });
});

describe('action plans', () => {
  it('selects actions of the plan, refuses an action of another collaborative, flags overdue, keeps a note timeline', async () => {
    const plan = await newPlan(coordinator);
    const { action, strategy } = await skeleton(plan.id);
    const ap = await coordinator.post(`/api/v1/strategy/plans/${plan.id}/action-plans`, { year: 2026 });
    expect(ap.statusCode, ap.body).toBe(201);
    expect((await coordinator.post(`/api/v1/strategy/plans/${plan.id}/action-plans`, { year: 2031 })).json().errors[0].field).toBe('year');

    const other = (await admin.post('/api/v1/strategy/plans', { collaborativeId: otherCollab, title: 'Peel plan', startYear: 2025, endYear: 2027 })).json();
    const ot = await add(admin, other.id, 'theme', null, 'T');
    const og = await add(admin, other.id, 'goal', ot, 'G');
    const os = await add(admin, other.id, 'strategy', og, 'S');
    const oa = await add(admin, other.id, 'action', os, 'Peel action');
    const foreign = await coordinator.post(`/api/v1/strategy/action-plans/${ap.json().id}/items`, { actionId: oa });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().errors[0]).toEqual({ field: 'actionId', message: "This action belongs to another collaborative's plan" });
    expect((await coordinator.post(`/api/v1/strategy/action-plans/${ap.json().id}/items`, { actionId: strategy })).json().errors[0].field).toBe('actionId');

    const orgs = (await admin.get('/api/v1/organizations?perPage=2')).json().items.map((o: { id: string }) => o.id);
    const added = await coordinator.post(`/api/v1/strategy/action-plans/${ap.json().id}/items`, { actionId: action, champion: 'Jane', partnerOrganizationIds: orgs, startDate: '2026-01-01', dueDate: '2026-02-01', status: 'in_progress', percentComplete: 20, adoptedByPartners: true });
    expect(added.statusCode, added.body).toBe(201);
    const item = added.json().items[0];
    const again = await coordinator.post(`/api/v1/strategy/action-plans/${ap.json().id}/items`, { actionId: action });
    expect(again.statusCode).toBe(409);
    expect(again.json().errors[0].field).toBe('actionId');
    expect(item).toMatchObject({ overdue: true, adoptedByPartners: true, partnerNames: expect.any(Array) });
    expect(item.partnerNames).toHaveLength(2);
    const noted = await coordinator.post(`/api/v1/strategy/action-plan-items/${item.id}/notes`, { note: 'Form drafted', status: 'completed' });
    expect(noted.statusCode, noted.body).toBe(201);
    expect(noted.json().items[0]).toMatchObject({ status: 'completed', percentComplete: 100, overdue: false, notes: [expect.objectContaining({ note: 'Form drafted', authorLabel: demo.coordinator })] });
    const badDates = await coordinator.patch(`/api/v1/strategy/action-plan-items/${item.id}`, { version: noted.json().items[0].version, dueDate: '2025-12-01' });
    expect(badDates.json().errors[0].field).toBe('dueDate');
  });
});

describe('bulk update from CSV', () => {
  it('dry-runs, names the row at fault, and applies all rows in one go', async () => {
    const plan = (await member.get('/api/v1/strategy/plans')).json().items.find((p: { title: string }) => p.title === DURHAM_PLAN_TITLE);
    const csv = [
      'type,ref,year,status,percent_complete,note,period,value,source,notes',
      'action,Standardized coordinated intake and referral across organizations,2026,,,,,,,',
      'measure,Referrals made through coordinated intake,,,,,2026,12.5,,',
    ].join('\n');
    const bad = await coordinator.post(`/api/v1/strategy/plans/${plan.id}/import`, { csv, dryRun: false });
    expect(bad.statusCode).toBe(200);
    expect(bad.json().applied).toBe(false);
    expect(bad.json().errors).toEqual([
      { row: 2, field: 'ref', message: 'No such action in the action plan' },
      { row: 3, field: 'value', message: 'A count is a whole number, 0 or more' },
    ]);

    const good = [
      'type,ref,year,status,percent_complete,note,period,value,source,notes',
      'action,"Standardized, coordinated intake and referral across organizations",2026,in_progress,70,Pilot running at two sites,,,,',
      'measure,Referrals made through coordinated intake,,,,,2026,650,Intake logs,',
    ].join('\n');
    const dry = (await coordinator.post(`/api/v1/strategy/plans/${plan.id}/import`, { csv: good, dryRun: true })).json();
    expect(dry).toMatchObject({ dryRun: true, applied: false, errors: [] });
    expect(dry.changes.map((c: { row: number; field: string; after: string }) => [c.row, c.field, c.after])).toEqual([[2, 'percent_complete', '70'], [2, 'note', 'Pilot running at two sites'], [3, 'value 2026', '650']]);
    let full = (await member.get(`/api/v1/strategy/plans/${plan.id}`)).json();
    expect(full.measures.find((m: { name: string }) => m.name === 'Referrals made through coordinated intake').values.some((v: { period: string }) => v.period === '2026')).toBe(false);

    const applied = (await coordinator.post(`/api/v1/strategy/plans/${plan.id}/import`, { csv: good, dryRun: false })).json();
    expect(applied.applied).toBe(true);
    full = (await member.get(`/api/v1/strategy/plans/${plan.id}`)).json();
    expect(full.measures.find((m: { name: string }) => m.name === 'Referrals made through coordinated intake').values.find((v: { period: string }) => v.period === '2026')).toMatchObject({ value: 650, source: 'Intake logs' });
    const aps = (await member.get(`/api/v1/strategy/plans/${plan.id}/action-plans`)).json().items;
    const ap = (await member.get(`/api/v1/strategy/action-plans/${aps[0].id}`)).json();
    expect(ap.items.find((i: { actionTitle: string }) => i.actionTitle.startsWith('Standardized')).percentComplete).toBe(70);
    expect((await member.post(`/api/v1/strategy/plans/${plan.id}/import`, { csv: good })).statusCode).toBe(403);
    const unknownCol = (await coordinator.post(`/api/v1/strategy/plans/${plan.id}/import`, { csv: 'type,ref,colour\n', dryRun: true })).json();
    expect(unknownCol.errors[0]).toMatchObject({ row: 1, field: 'colour' });
    const sheet = await coordinator.get(`/api/v1/strategy/plans/${plan.id}/update-sheet.csv`);
    expect(sheet.headers['content-type']).toMatch(/text\/csv/);
    expect(sheet.body.split('\n')[0]).toBe('type,ref,year,status,percent_complete,note,period,value,source,notes');
  });
});

describe('scorecard and report cards', () => {
  it('shows the demo scorecard, publicly only when shared, filtered by theme', async () => {
    const plan = (await member.get('/api/v1/strategy/plans')).json().items.find((p: { title: string }) => p.title === DURHAM_PLAN_TITLE);
    const sc = (await member.get(`/api/v1/strategy/plans/${plan.id}/scorecard`)).json();
    expect(sc.themes.map((x: { title: string }) => x.title)).toEqual(['Inclusivity awareness', 'Service enhancement', 'Collaborative infrastructure']);
    expect(sc.goals.flatMap((g: { measures: unknown[] }) => g.measures)).toHaveLength(8);
    const filtered = (await member.get(`/api/v1/strategy/plans/${plan.id}/scorecard?themeId=${sc.themes[1].id}`)).json();
    expect(filtered.goals).toHaveLength(1);
    const pub = await t.anonymous.get(`/api/v1/strategy/public/plans/${plan.id}/scorecard`);
    expect(pub.statusCode).toBe(200);
    const draft = await newPlan(coordinator);
    expect((await t.anonymous.get(`/api/v1/strategy/public/plans/${draft.id}/scorecard`)).statusCode).toBe(404);
  });

  it('publishes a report card that later edits do not change, as PDF in English and French', async () => {
    const plan = (await member.get('/api/v1/strategy/plans')).json().items.find((p: { title: string }) => p.title === DURHAM_PLAN_TITLE);
    const created = await coordinator.post(`/api/v1/strategy/plans/${plan.id}/report-cards`, { year: 2026, highlights: 'The 2026 resource book reached 42 organizations.', highlightsFr: 'Le répertoire 2026 a rejoint 42 organismes.', nextYear: 'Open the information centre.' });
    expect(created.statusCode, created.body).toBe(201);
    const card = created.json();
    expect(card.status).toBe('draft');
    const published = await coordinator.post(`/api/v1/strategy/report-cards/${card.id}/publish`, { version: card.version });
    expect(published.statusCode, published.body).toBe(200);
    const before = published.json().content;
    const intake = before.measures.find((m: { name: string }) => m.name === 'Warm referrals followed up within one week');

    // Later data edits: a new 2026 value, a renamed action.
    const full = (await member.get(`/api/v1/strategy/plans/${plan.id}`)).json();
    const m = full.measures.find((x: { name: string }) => x.name === 'Warm referrals followed up within one week');
    await coordinator.put(`/api/v1/strategy/measures/${m.id}/values/2026`, { value: 99 });
    const after = (await member.get(`/api/v1/strategy/report-cards/${card.id}`)).json();
    expect(after.content).toEqual(before);
    expect(after.content.measures.find((x: { name: string }) => x.name === m.name).actual).toBe(intake.actual);
    const edit = await coordinator.patch(`/api/v1/strategy/report-cards/${card.id}`, { version: after.version, highlights: 'rewritten' });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().code).toBe('strategy.report_card_published');
    // Even a direct UPDATE is refused by the database.
    await expect(t.database.db.execute(sql`UPDATE strategy_report_cards SET highlights = 'x' WHERE id = ${card.id}`)).rejects.toThrow();

    const v2 = await coordinator.post(`/api/v1/strategy/report-cards/${card.id}/new-version`);
    expect(v2.statusCode, v2.body).toBe(201);
    expect(v2.json()).toMatchObject({ reportVersion: 2, status: 'draft' });
    expect(v2.json().content.measures.find((x: { name: string }) => x.name === m.name).actual).toBe(99);

    const pdf = await member.request({ method: 'GET', url: `/api/v1/strategy/report-cards/${card.id}/pdf?lang=en` });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf.rawPayload)), { mergePages: true });
    expect(text).toContain('Annual report card 2026');
    expect(text).toContain(DURHAM_PLAN_TITLE);
    expect(text).toContain('The 2026 resource book reached 42 organizations.');
    expect(text).toContain('Bolster the Durham Immigration Portal');
    expect(text).toContain('Warm referrals followed up within one week');
    expect(text).not.toContain('rewritten');
    const fr = await t.anonymous.request({ method: 'GET', url: `/api/v1/strategy/public/report-cards/${card.id}/pdf?lang=fr` });
    expect(fr.statusCode).toBe(200);
    const frText = (await extractText(await getDocumentProxy(new Uint8Array(fr.rawPayload)), { mergePages: true })).text;
    expect(frText).toContain('Bulletin annuel 2026');
    expect(frText).toContain('Le répertoire 2026 a rejoint 42 organismes.');
    expect(frText).toContain('Stratégie locale d’établissement de Durham');
    expect((await t.anonymous.get(`/api/v1/strategy/public/report-cards/${v2.json().id}`)).statusCode).toBe(404);
  });
});

describe('templates and comparison', () => {
  it('clones the LIP template into two collaboratives and compares them on the same measures', async () => {
    const tpl = (await member.get('/api/v1/strategy/templates')).json().items.find((x: { name: string }) => x.name === LIP_TEMPLATE_NAME);
    expect(tpl.measureCount).toBe(5);
    const a = await coordinator.post(`/api/v1/strategy/templates/${tpl.id}/clone`, { collaborativeId: ldipc, title: 'Durham from template', startYear: 2026, endYear: 2028 });
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json().elements.filter((e: { kind: string }) => e.kind === 'theme').map((e: { title: string }) => e.title)).toContain('Improve access to the labour market');
    expect(a.json().templateId).toBe(tpl.id);
    expect((await coordinator.post(`/api/v1/strategy/templates/${tpl.id}/clone`, { collaborativeId: otherCollab, title: 'x', startYear: 2026, endYear: 2028 })).statusCode).toBe(403);
    const b = await admin.post(`/api/v1/strategy/templates/${tpl.id}/clone`, { collaborativeId: otherCollab, title: 'Peel from template', startYear: 2026, endYear: 2028 });
    expect(b.statusCode).toBe(201);
    const ma = a.json().measures.find((m: { templateKey: string }) => m.templateKey === 'lip-m2');
    const mb = b.json().measures.find((m: { templateKey: string }) => m.templateKey === 'lip-m2');
    await coordinator.put(`/api/v1/strategy/measures/${ma.id}/values/2026`, { value: 300 });
    await admin.put(`/api/v1/strategy/measures/${mb.id}/values/2026`, { value: 180 });
    const cmp = (await admin.get(`/api/v1/strategy/templates/${tpl.id}/comparison`)).json();
    // The demo's knowledge-exchange network cloned the template for four other LIPs too.
    const ours = (cmp.plans as { id: string; title: string }[]).filter((p) => p.title.endsWith(' from template'));
    expect(ours.map((p) => p.title).sort()).toEqual(['Durham from template', 'Peel from template']);
    const row = cmp.measures.find((m: { templateKey: string }) => m.templateKey === 'lip-m2');
    const oursIds = new Set(ours.map((p) => p.id));
    expect(row.cells.filter((c: { planId: string }) => oursIds.has(c.planId)).map((c: { latest: { value: number } }) => c.latest?.value).sort()).toEqual([180, 300]);
    // The LDIPC coordinator sees only plans they may read.
    expect((await coordinator.get(`/api/v1/strategy/templates/${tpl.id}/comparison`)).json().plans.map((p: { title: string }) => p.title)).toEqual(['Durham from template']);

    const published = await coordinator.post(`/api/v1/strategy/plans/${a.json().id}/template`, { name: 'Durham variant' });
    expect(published.statusCode, published.body).toBe(201);
    expect(published.json().measureCount).toBe(5);
  });
});

describe('theory of change', () => {
  it('stores the graph and refuses circular links', async () => {
    const plan = await newPlan(coordinator, { longTermOutcome: 'Newcomers thrive' });
    const { action } = await skeleton(plan.id);
    const node = async (kind: string, label: string, elementId?: string) => {
      const res = await coordinator.post(`/api/v1/strategy/plans/${plan.id}/theory-of-change/nodes`, { kind, label, elementId });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().nodes.find((n: { label: string }) => n.label === label).id as string;
    };
    const outcome = await node('outcome', 'Newcomers thrive');
    const pre = await node('precondition', 'Agencies share intake');
    const act = await node('action', 'Common intake form', action);
    expect((await coordinator.post(`/api/v1/strategy/plans/${plan.id}/theory-of-change/edges`, { from: act, to: pre })).statusCode).toBe(201);
    expect((await coordinator.post(`/api/v1/strategy/plans/${plan.id}/theory-of-change/edges`, { from: pre, to: outcome })).statusCode).toBe(201);
    const circle = await coordinator.post(`/api/v1/strategy/plans/${plan.id}/theory-of-change/edges`, { from: outcome, to: act });
    expect(circle.statusCode).toBe(400);
    expect(circle.json().errors[0]).toMatchObject({ field: 'to', message: expect.stringMatching(/circle/) });
    const toc = (await member.get(`/api/v1/strategy/plans/${plan.id}/theory-of-change`)).json();
    expect(toc.edges).toHaveLength(2);
    expect(toc.longTermOutcome).toBe('Newcomers thrive');
  });
});

describe('CLI and OpenAPI', () => {
  it('runs the CSV bulk update from the command line, dry run first', async () => {
    const plan = (await member.get('/api/v1/strategy/plans')).json().items.find((p: { title: string }) => p.title === DURHAM_PLAN_TITLE);
    const lines: string[] = [];
    const ctx = { database: t.database, log: (m: string) => lines.push(m), progress: { start: () => undefined, tick: () => undefined, stop: () => undefined } } as never;
    const csv = 'type,ref,period,value\nmeasure,Intercultural gatherings held,2026,14\n';
    const run = strategyCli.commands['strategy.import'].run as unknown as (c: never, a: unknown) => Promise<string>;
    expect(await run(ctx, { planId: plan.id, csv, dryRun: true })).toBe('Dry run: 1 change(s) would be applied. Nothing was saved.');
    expect(lines[0]).toContain('Intercultural gatherings held');
    expect(await run(ctx, { planId: plan.id, csv, dryRun: false })).toBe('Applied 1 change(s).');
    expect(await run(ctx, { planId: plan.id, csv: 'type,ref,period,value\nmeasure,Nope,2026,1\n', dryRun: false })).toBe('1 error(s); nothing was saved.');
    const full = (await member.get(`/api/v1/strategy/plans/${plan.id}`)).json();
    expect(full.measures.find((m: { name: string }) => m.name === 'Intercultural gatherings held').values.find((v: { period: string }) => v.period === '2026').value).toBe(14);
  });

  it('documents the routes in /openapi.json', async () => {
    const doc = (await t.anonymous.get('/openapi.json')).json();
    for (const p of ['/api/v1/strategy/plans', '/api/v1/strategy/plans/{id}/import', '/api/v1/strategy/report-cards/{id}/publish', '/api/v1/strategy/public/plans/{id}/scorecard']) expect(Object.keys(doc.paths)).toContain(p);
  });
});
