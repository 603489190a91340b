/**
 * The endpoints moved into meetings/ and the repositories (issue 19): each walks 401 (no
 * session), 400 naming the exact field, 403 (a member is not a coordinator), and 200/201.
 * And the agenda hand-off of other modules (appendToNextAgenda) and the agenda editor
 * (saveAgenda) keep one meeting version between them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, subDays } from 'date-fns';
import { createTestApp, demo, type Agent, type TestApp } from '../../../../test/helpers/test-app';
import { systemActor } from '../../../core/accounts/actor';
import { appendToNextAgenda } from '../collaboratives.api';
import { saveAgenda } from './agenda.service';

let t: TestApp;
let coordinator: Agent;
let member: Agent;
let ldipc: { id: string };
let meetingId: string;
const base = () => `/api/v1/collaboratives/${ldipc.id}`;
type Res = { statusCode: number; json(): { errors?: { field: string }[] } };
const fields = (res: Res) => (res.json().errors ?? []).map((e) => e.field);

/** 401 anonymous, 400 naming `field` for `bad`, 403 for a plain member, then the coordinator's answer. */
async function walk(method: 'post' | 'put' | 'patch', url: string, bad: unknown, field: string, good: () => unknown, okStatus: number) {
  const anon = await t.anonymous[method](url, good());
  expect(anon.statusCode).toBe(401);
  const invalid = await coordinator[method](url, bad);
  expect(invalid.statusCode).toBe(400);
  expect(invalid.headers['content-type']).toContain('application/problem+json');
  expect(fields(invalid)).toContain(field);
  const forbidden = await member[method](url, good());
  expect(forbidden.statusCode).toBe(403);
  const ok = await coordinator[method](url, good());
  expect(ok.statusCode).toBe(okStatus);
  return ok;
}

beforeAll(async () => {
  t = await createTestApp();
  [coordinator, member] = await Promise.all([t.login(demo.coordinator), t.login(demo.member)]);
  const list = (await coordinator.get('/api/v1/collaboratives')).json().items as { id: string; shortName: string }[];
  ldipc = list.find((c) => c.shortName === 'LDIPC')!;
});
afterAll(async () => {
  await t?.close();
});

describe('meeting endpoints walk 401, 400 with the field, 403 and 200', () => {
  it('schedules a meeting', async () => {
    const ok = await walk(
      'post',
      `${base()}/meetings`,
      { title: 'Walk', startsAt: '2031-02-01T18:00:00-05:00', endsAt: '2031-02-01T17:00:00-05:00' },
      'endsAt',
      () => ({ title: 'Walk council', startsAt: '2031-02-01T18:00:00-05:00', endsAt: '2031-02-01T20:00:00-05:00' }),
      201,
    );
    meetingId = (ok.json() as unknown as { items: { id: string }[] }).items[0].id;
  });
  it('reads a meeting: 401 anonymous, 200 for a member, with attendance', async () => {
    expect((await t.anonymous.get(`${base()}/meetings/${meetingId}`)).statusCode).toBe(401);
    const m = await member.get(`${base()}/meetings/${meetingId}`);
    expect(m.statusCode).toBe(200);
    expect(m.json().attendance.length).toBeGreaterThan(0);
  });
  it('edits a meeting', async () => {
    const version = () => ({ version: 0 });
    let v = (await coordinator.get(`${base()}/meetings/${meetingId}`)).json().version as number;
    const anon = await t.anonymous.patch(`${base()}/meetings/${meetingId}`, { version: v, location: 'Oshawa' });
    expect(anon.statusCode).toBe(401);
    const bad = await coordinator.patch(`${base()}/meetings/${meetingId}`, { ...version(), location: 'Oshawa', status: 'postponed' });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad)).toContain('status');
    expect((await member.patch(`${base()}/meetings/${meetingId}`, { version: v, location: 'Oshawa' })).statusCode).toBe(403);
    const ok = await coordinator.patch(`${base()}/meetings/${meetingId}`, { version: v, location: 'Oshawa' });
    expect(ok.statusCode).toBe(200);
    v = ok.json().version;
    expect((await coordinator.get(`${base()}/meetings/${meetingId}`)).json()).toMatchObject({ version: v, location: 'Oshawa' });
  });
  it('replaces the agenda', async () => {
    const current = () => ({ version: version, items: [{ title: 'Adopt the plan', kind: 'decision' }, { title: 'Updates', kind: 'information' }] });
    const version = (await coordinator.get(`${base()}/meetings/${meetingId}`)).json().version as number;
    const ok = await walk('put', `${base()}/meetings/${meetingId}/agenda`, { version, items: [{ title: 'X', kind: 'vote' }] }, 'items.0.kind', current, 200);
    expect(ok.json()).toMatchObject({ version: version + 1 });
    const m = (await coordinator.get(`${base()}/meetings/${meetingId}`)).json();
    expect(m.agenda.map((a: { title: string; position: number }) => [a.position, a.title])).toEqual([
      [1, 'Adopt the plan'],
      [2, 'Updates'],
    ]);
  });
  it('records attendance', async () => {
    const m = (await coordinator.get(`${base()}/meetings/${meetingId}`)).json();
    const entries = m.attendance.map((a: { memberId: string }) => ({ memberId: a.memberId, status: 'present' }));
    await walk('put', `${base()}/meetings/${meetingId}/attendance`, { entries: [{ memberId: 'not-an-id', status: 'present' }] }, 'entries.0.memberId', () => ({ entries }), 200);
    const after = (await coordinator.get(`${base()}/meetings/${meetingId}`)).json();
    expect(after.attendance.every((a: { status: string }) => a.status === 'present')).toBe(true);
    expect(after.quorum.met).toBe(true);
    // Recording again replaces, not duplicates.
    const again = await coordinator.put(`${base()}/meetings/${meetingId}/attendance`, { entries: [{ memberId: entries[0].memberId, status: 'regrets' }] });
    expect(again.statusCode).toBe(200);
    const third = (await coordinator.get(`${base()}/meetings/${meetingId}`)).json();
    expect(third.attendance.find((a: { memberId: string }) => a.memberId === entries[0].memberId).status).toBe('regrets');
    expect(third.attendance).toHaveLength(after.attendance.length);
  });
  it('records a decision', async () => {
    const m = (await coordinator.get(`${base()}/meetings/${meetingId}`)).json();
    const item = m.agenda.find((a: { kind: string }) => a.kind === 'decision');
    const ok = await walk('post', `${base()}/meetings/${meetingId}/decisions`, { motion: 'Adopt', method: 'consensus' }, 'agendaItemId', () => ({ agendaItemId: item.id, motion: 'Adopt the plan', method: 'consensus' }), 201);
    expect(ok.json()).toMatchObject({ result: 'carried', agendaItemId: item.id });
    const after = (await coordinator.get(`${base()}/meetings/${meetingId}`)).json();
    expect(after.decisions.map((d: { motion: string }) => d.motion)).toEqual(['Adopt the plan']);
  });
  it('assigns and updates an action item', async () => {
    const owner = (await coordinator.get(`${base()}/members`)).json().items[0].id as string;
    const ok = await walk('post', `${base()}/action-items`, { title: 'Draft', ownerMemberId: '00000000-0000-4000-8000-000000000000', dueOn: '2031-03-01' }, 'ownerMemberId', () => ({ title: 'Draft the plan', ownerMemberId: owner, dueOn: '2031-03-01', meetingId }), 201);
    const item = ok.json() as unknown as { id: string; version: number };
    const m = (await coordinator.get(`${base()}/meetings/${meetingId}`)).json();
    expect(m.actionItems.map((a: { id: string }) => a.id)).toContain(item.id);
    const url = `${base()}/action-items/${item.id}`;
    expect((await t.anonymous.patch(url, { version: item.version, title: 'x' })).statusCode).toBe(401);
    const bad = await coordinator.patch(url, { version: item.version, dueOn: '2031-02-30' });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad)).toContain('dueOn');
    expect((await member.patch(url, { version: item.version, title: 'Reworded' })).statusCode).toBe(403);
    const done = await coordinator.patch(url, { version: item.version, status: 'done' });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', version: item.version + 1 });
  });
  it('lists action items, overdue ones by the query', async () => {
    expect((await t.anonymous.get(`${base()}/action-items?overdue=true`)).statusCode).toBe(401);
    const bad = await coordinator.get(`${base()}/action-items?status=late`);
    expect(bad.statusCode).toBe(400);
    expect(fields(bad)).toContain('status');
    const res = await coordinator.get(`${base()}/action-items?overdue=true`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { status: string; overdue: boolean }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.status === 'open' && i.overdue)).toBe(true);
  });
});

describe('other endpoints moved onto repositories', () => {
  it('records an engagement', async () => {
    await walk('post', `${base()}/engagements`, { title: 'Forum', heldOn: '2026-13-01', method: 'town_hall' }, 'heldOn', () => ({ title: 'Newcomer forum', heldOn: '2026-05-01', method: 'town_hall' }), 201);
    const list = (await member.get(`${base()}/engagements`)).json().items.map((e: { title: string }) => e.title);
    expect(list).toContain('Newcomer forum');
  });
  it('reads the membership agreement: 401 anonymous, 403 outside, 200 for a member', async () => {
    expect((await t.anonymous.get(`${base()}/agreement`)).statusCode).toBe(401);
    const staff = await t.login(demo.staff);
    expect((await staff.get(`${base()}/agreement`)).statusCode).toBe(403);
    const ok = await member.get(`${base()}/agreement`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toHaveProperty('text');
  });
  it('shows non-members only published documents and only their approved version (filtered in the query)', async () => {
    const created = await walk('post', `${base()}/documents`, { kind: 'manifesto', title: 'X', body: 'x' }, 'kind', () => ({ kind: 'policy', title: 'Draft policy', body: 'First draft' }), 201);
    const docId = (created.json() as unknown as { id: string }).id;
    const staff = await t.login(demo.staff);
    const asMember = (await member.get(`${base()}/documents`)).json().items as { id: string; versions: unknown[] }[];
    expect(asMember.map((d) => d.id)).toContain(docId);
    const asOutsider = (await staff.get(`${base()}/documents`)).json().items as { id: string; current: unknown; versions: { status: string }[] }[];
    expect(asOutsider.map((d) => d.id)).not.toContain(docId);
    expect(asOutsider.length).toBeGreaterThan(0);
    for (const d of asOutsider) {
      expect(d.current).not.toBeNull();
      expect(d.versions.map((v) => v.status)).toEqual(['approved']);
    }
    expect((await staff.get(`${base()}/documents/${docId}`)).statusCode).toBe(404);
  });
});

describe('the agenda hand-off and the agenda editor share the meeting version', () => {
  it('an item handed on bumps the version: an editor at the old version gets 409 with it; at the new one keeps it', async () => {
    // The next meeting not over, by start: one that began three days ago and ends tomorrow comes first.
    const soon = subDays(new Date(), 3);
    const end = addDays(new Date(), 1);
    const created = await coordinator.post(`${base()}/meetings`, { title: 'Next council', startsAt: soon.toISOString(), endsAt: end.toISOString() });
    expect(created.statusCode).toBe(201);
    const nextId = created.json().items[0].id as string;
    const before = (await coordinator.get(`${base()}/meetings/${nextId}`)).json();
    const v1 = (await coordinator.put(`${base()}/meetings/${nextId}/agenda`, { version: before.version, items: [{ title: 'Welcome', kind: 'information' }] })).json().version as number;
    expect(v1).toBe(before.version + 1);

    const handed = await t.database.db.transaction((tx) => appendToNextAgenda(tx, ldipc.id, 'Service map: is this a gap?'));
    expect(handed).toMatchObject({ meetingId: nextId, meetingTitle: 'Next council' });
    const after = (await coordinator.get(`${base()}/meetings/${nextId}`)).json();
    expect(after.version).toBe(v1 + 1);
    expect(after.agenda.map((a: { position: number; title: string; kind: string }) => [a.position, a.title, a.kind])).toEqual([
      [1, 'Welcome', 'information'],
      [2, 'Service map: is this a gap?', 'discussion'],
    ]);
    expect(after.agenda[1].id).toBe(handed!.agendaItemId);

    // The editor still at v1 would drop the handed-on item: refused, and told of it.
    const actor = systemActor('test');
    await expect(saveAgenda(t.database, actor, {}, ldipc.id, nextId, { version: v1, items: [{ id: after.agenda[0].id, title: 'Welcome', kind: 'information' }] })).rejects.toMatchObject({ status: 409 });
    const stale = await coordinator.put(`${base()}/meetings/${nextId}/agenda`, { version: v1, items: [{ id: after.agenda[0].id, title: 'Welcome', kind: 'information' }] });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current.agenda.map((a: { title: string }) => a.title)).toEqual(['Welcome', 'Service map: is this a gap?']);
    expect((await coordinator.get(`${base()}/meetings/${nextId}`)).json().version).toBe(v1 + 1);

    // At the current version the editor reorders and adds; the handed-on item keeps its id.
    const saved = await saveAgenda(t.database, actor, {}, ldipc.id, nextId, {
      version: v1 + 1,
      items: [
        { id: handed!.agendaItemId, title: 'Service map: is this a gap?', kind: 'discussion' },
        { id: after.agenda[0].id, title: 'Welcome', kind: 'information' },
        { title: 'Adopt the response', kind: 'decision' },
      ],
    });
    expect(saved).toBe(v1 + 2);
    const final = (await coordinator.get(`${base()}/meetings/${nextId}`)).json();
    expect(final.version).toBe(v1 + 2);
    expect(final.agenda.map((a: { id: string; position: number }) => [a.position, a.id === handed!.agendaItemId])).toEqual([
      [1, true],
      [2, false],
      [3, false],
    ]);

    // A second hand-off appends after the last position and bumps again.
    const second = await t.database.db.transaction((tx) => appendToNextAgenda(tx, ldipc.id, 'Assessment: results'));
    const last = (await coordinator.get(`${base()}/meetings/${nextId}`)).json();
    expect(last.version).toBe(v1 + 3);
    expect(last.agenda.at(-1)).toMatchObject({ id: second!.agendaItemId, position: 4, kind: 'discussion' });
  });
});
