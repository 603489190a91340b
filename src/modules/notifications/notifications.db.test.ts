/**
 * Each notice kind, given by the command that causes it: the referral loop (received, each
 * step, the loop closed), follow-ups due and cleared on close, action items assigned (meeting
 * and strategy), decisions recorded. No notice carries a client's personal data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, demo, type Agent, type TestApp } from '../../../test/helpers/test-app';
import { DEMO_PARTNER } from '../intake/intake.seeds';
import { sweepFollowUps } from '../intake/intake.follow-ups';

let t: TestApp;
let staff: Agent, partner: Agent, coordinator: Agent, member: Agent, orgAdmin: Agent;
let nlc: string, nlcService: string;
const users: Record<string, string> = {};
const SECRET_NAME = 'Qwertyuio Fictional-Notifee';
const SECRET_REASON = 'Needs work after a hard winter ZZQ';

interface Notice { id: string; kind: string; params: Record<string, string>; link: string; read: boolean }

async function notices(agent: Agent): Promise<Notice[]> {
  const res = await agent.get('/api/v1/notifications?limit=200');
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}
const about = (list: Notice[], id: string) => list.filter((n) => n.link.endsWith(id));

beforeAll(async () => {
  t = await createTestApp();
  [staff, partner, coordinator, member, orgAdmin] = await Promise.all([t.login(demo.staff), t.login(DEMO_PARTNER), t.login(demo.coordinator), t.login(demo.member), t.login(demo.orgAdmin)]);
  for (const r of await t.database.query<{ id: string; email: string }>('SELECT id, email FROM users')) users[r.email] = r.id;
  [{ id: nlc }] = await t.database.query<{ id: string }>("SELECT id FROM organizations WHERE legal_name = 'Northern Lights Canada – Employment Services'");
  [{ id: nlcService }] = await t.database.query<{ id: string }>('SELECT id FROM directory_services WHERE organization_id = $1 ORDER BY name LIMIT 1', [nlc]);
}, 120_000);
afterAll(async () => t?.close());

async function sendReferral() {
  const c = await staff.post('/api/v1/intake/clients', { name: SECRET_NAME, birthDate: '1991-03-04', confirmNotDuplicate: true, consent: { method: 'signed_on_screen', organizationIds: [nlc] } });
  expect(c.statusCode, c.body).toBe(201);
  const r = await staff.post('/api/v1/intake/referrals', { clientId: c.json().id, serviceId: nlcService, reason: SECRET_REASON, urgency: 'routine' });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: string; version: number };
}
async function step(agent: Agent, id: string, body: Record<string, unknown>) {
  const res = await agent.post(`/api/v1/intake/referrals/${id}/transitions`, body);
  expect(res.statusCode, res.body).toBe(200);
}

describe('the referral loop', () => {
  it('tells the receiving organization of a new referral, and the sender of each step and of the loop closing', async () => {
    const r = await sendReferral();
    const incoming = about(await notices(partner), r.id);
    expect(incoming.map((n) => n.kind)).toEqual(['referral_received']);
    expect(incoming[0].params.organization).toBeTruthy();
    expect(about(await notices(staff), r.id)).toEqual([]); // not told what you did yourself

    await step(partner, r.id, { to: 'received' });
    await step(partner, r.id, { to: 'accepted' });
    await step(partner, r.id, { to: 'in-progress' });
    await step(partner, r.id, { to: 'completed', outcome: 'service_received' });
    const mine = about(await notices(staff), r.id);
    expect(mine.map((n) => [n.kind, n.params.status])).toEqual([
      ['referral_closed', 'completed'],
      ['referral_status', 'in-progress'],
      ['referral_status', 'accepted'],
      ['referral_status', 'received'],
    ]);
    expect(mine[0].params.organization).toContain('Northern Lights');
    expect(mine[0].link).toBe(`/intake/referrals/${r.id}`);
  });

  it('puts no client personal data in any notice', async () => {
    const rows = await t.database.query<{ params: unknown; link: string }>('SELECT params, link FROM notifications');
    const text = JSON.stringify(rows);
    expect(text).not.toContain('Notifee');
    expect(text).not.toContain('ZZQ');
  });

  it('tells the receiver when the sender cancels', async () => {
    const r = await sendReferral();
    await step(staff, r.id, { to: 'cancelled', reason: 'Found another service' });
    expect(about(await notices(partner), r.id).map((n) => n.kind)).toEqual(['referral_cancelled', 'referral_received']);
  });
});

describe('follow-ups due', () => {
  it('reminds the sender once when the follow-up comes due, and clears the reminder when the referral closes', async () => {
    const r = await sendReferral();
    await t.database.query("UPDATE intake_referrals SET follow_up_due_at = now() - interval '1 hour' WHERE id = $1", [r.id]);
    expect(await sweepFollowUps(t.database)).toBeGreaterThanOrEqual(1);
    expect(await sweepFollowUps(t.database)).toBe(0);
    const due = about(await notices(staff), r.id).filter((n) => n.kind === 'referral_follow_up_due');
    expect(due).toHaveLength(1);
    expect(due[0].params.organization).toContain('Northern Lights');
    const worklist = (await staff.get('/api/v1/intake/worklist')).json();
    expect(worklist.overdueFollowUps.map((x: { id: string }) => x.id)).toContain(r.id);

    await step(partner, r.id, { to: 'received' });
    await step(partner, r.id, { to: 'rejected', reason: 'No places this season' });
    expect(about(await notices(staff), r.id).filter((n) => n.kind === 'referral_follow_up_due')).toEqual([]);
    const after = (await staff.get('/api/v1/intake/worklist')).json();
    expect(after.overdueFollowUps.map((x: { id: string }) => x.id)).not.toContain(r.id);
    const view = (await staff.get(`/api/v1/intake/referrals/${r.id}`)).json();
    expect(view.overdue).toBe(false);
    expect(await sweepFollowUps(t.database)).toBe(0); // a closed referral is never reminded again
  });
});

describe('collaboratives', () => {
  let ldipc: string;
  beforeAll(async () => {
    ldipc = ((await coordinator.get('/api/v1/collaboratives')).json().items as { id: string; shortName: string }[]).find((c) => c.shortName === 'LDIPC')!.id;
  });

  it('tells the owner of a meeting action item it was assigned to them', async () => {
    const [{ id: ownerMemberId }] = await t.database.query<{ id: string }>('SELECT id FROM collaboratives_members WHERE collaborative_id = $1 AND user_id = $2', [ldipc, users[demo.member]]);
    const res = await coordinator.post(`/api/v1/collaboratives/${ldipc}/action-items`, { title: 'Draft the newcomer welcome guide', ownerMemberId, dueOn: '2030-05-01' });
    expect(res.statusCode, res.body).toBe(201);
    const n = (await notices(member)).find((x) => x.kind === 'action_item_assigned' && x.params.title === 'Draft the newcomer welcome guide');
    expect(n).toMatchObject({ link: '/collaboratives/my-tasks', read: false });
    expect(n!.params.place).toBeTruthy();
  });

  it('tells the active members of a collaborative when a decision is recorded', async () => {
    const base = `/api/v1/collaboratives/${ldipc}`;
    const created = await coordinator.post(`${base}/meetings`, { title: 'Notice council', startsAt: '2030-07-08T18:00:00-04:00', endsAt: '2030-07-08T20:00:00-04:00' });
    expect(created.statusCode, created.body).toBe(201);
    const meetingId = created.json().items[0].id;
    let m = (await coordinator.get(`${base}/meetings/${meetingId}`)).json();
    await coordinator.put(`${base}/meetings/${meetingId}/agenda`, { version: m.version, items: [{ title: 'Adopt the welcome guide', kind: 'decision' }] });
    m = (await coordinator.get(`${base}/meetings/${meetingId}`)).json();
    const voting = m.attendance.filter((a: { voting: boolean }) => a.voting);
    await coordinator.put(`${base}/meetings/${meetingId}/attendance`, { entries: voting.map((a: { memberId: string }) => ({ memberId: a.memberId, status: 'present' })) });
    const d = await coordinator.post(`${base}/meetings/${meetingId}/decisions`, { agendaItemId: m.agenda[0].id, motion: 'Adopt the welcome guide', method: 'consensus' });
    expect(d.statusCode, d.body).toBe(201);
    const n = (await notices(member)).find((x) => x.kind === 'decision_recorded' && x.link.endsWith(meetingId));
    expect(n?.params).toMatchObject({ meeting: 'Notice council', result: 'carried' });
    expect(n!.params.collaborative).toBeTruthy();
  });
});

describe('strategy', () => {
  it('tells the administrators of an action’s champion organization', async () => {
    const [{ id: collab }] = await t.database.query<{ id: string }>("SELECT id FROM collaboratives WHERE short_name = 'LDIPC'");
    const [{ organization_id: championOrg }] = await t.database.query<{ organization_id: string }>('SELECT organization_id FROM users WHERE id = $1', [users[demo.orgAdmin]]);
    const plan = (await coordinator.post('/api/v1/strategy/plans', { collaborativeId: collab, title: 'Notice plan', startYear: 2025, endYear: 2027 })).json();
    let parent: string | null = null;
    for (const kind of ['theme', 'goal', 'strategy', 'action']) {
      const res = await coordinator.post(`/api/v1/strategy/plans/${plan.id}/elements`, { kind, parentId: parent, title: kind === 'action' ? 'Host a job fair' : `A ${kind}` });
      expect(res.statusCode, res.body).toBe(201);
      parent = res.json().id;
    }
    const ap = (await coordinator.post(`/api/v1/strategy/plans/${plan.id}/action-plans`, { year: 2026 })).json();
    const added = await coordinator.post(`/api/v1/strategy/action-plans/${ap.id}/items`, { actionId: parent, championOrganizationId: championOrg });
    expect(added.statusCode, added.body).toBe(201);
    const n = (await notices(orgAdmin)).find((x) => x.kind === 'action_item_assigned' && x.params.title === 'Host a job fair');
    expect(n?.link).toBe(`/strategy/plans/${plan.id}/action-plans/${ap.id}`);
  });
});
