import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../src/core/db/database';
import { createTestApp, demo, type Agent, type TestApp } from './helpers/test-app';

/** The Region of Durham leads the LDIPC: its viewer reads the council's plans, and changes none. */
let t: TestApp;
let viewer: Agent;
let staff: Agent;
let coordinator: Agent;
let ldipc: string;

beforeAll(async () => {
  t = await createTestApp();
  [viewer, staff, coordinator] = [await t.login(demo.viewer), await t.login(demo.staff), await t.login(demo.coordinator)];
  ldipc = (await rowsOf<{ id: string }>(t.database.db, sql`SELECT id FROM collaboratives WHERE short_name = 'LDIPC'`))[0].id;
});
afterAll(async () => t?.close());

describe('plans read by the lead organization', () => {
  it('lists and opens the lead organization’s collaborative plans for its viewer, read-only', async () => {
    const created = await coordinator.post('/api/v1/strategy/plans', { collaborativeId: ldipc, title: 'Lead-read test plan', startYear: 2026, endYear: 2028 });
    expect(created.statusCode, created.body).toBe(201);
    const plan = created.json();

    const list = await viewer.get('/api/v1/strategy/plans');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((p: { id: string }) => p.id)).toContain(plan.id);
    const read = await viewer.get(`/api/v1/strategy/plans/${plan.id}`);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().actions['strategy.plan.update']).toBe(false);
    expect((await viewer.get(`/api/v1/strategy/plans/${plan.id}/action-plans`)).statusCode).toBe(200);

    const write = await viewer.post(`/api/v1/strategy/plans/${plan.id}/elements`, { kind: 'theme', title: 'Not allowed' });
    expect(write.statusCode).toBe(403);
  });

  it('still hides the plans from staff of another organization', async () => {
    const list = await staff.get('/api/v1/strategy/plans');
    const plans = list.json().items as { collaborativeId: string; id: string }[];
    expect(plans.filter((p) => p.collaborativeId === ldipc)).toEqual([]);
    const any = (await coordinator.get('/api/v1/strategy/plans')).json().items[0];
    expect((await staff.get(`/api/v1/strategy/plans/${any.id}`)).statusCode).toBe(404);
  });
});
