import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, demo, type Agent, type TestApp } from '../../../test/helpers/test-app';
import { makeNotification } from './notifications.factory';

let t: TestApp;
let staff: Agent, viewer: Agent;
let staffId: string, viewerId: string;
const BAD = '00000000-0000-4000-8000-000000000000';
const fieldsOf = (res: { json(): { errors?: { field: string }[] } }) => (res.json().errors ?? []).map((e) => e.field);

beforeAll(async () => {
  t = await createTestApp();
  [staff, viewer] = await Promise.all([t.login(demo.staff), t.login(demo.viewer)]);
  const ids = await t.database.query<{ id: string; email: string }>('SELECT id, email FROM users WHERE email = ANY ($1)', [[demo.staff, demo.viewer]]);
  staffId = ids.find((r) => r.email === demo.staff)!.id;
  viewerId = ids.find((r) => r.email === demo.viewer)!.id;
  await t.database.query('DELETE FROM notifications');
  for (let i = 0; i < 3; i++) await makeNotification(t.database.db, staffId);
  await makeNotification(t.database.db, viewerId, { kind: 'referral_status', params: { organization: 'Partner', status: 'accepted' }, link: '/intake' });
});
afterAll(() => t.close());

describe('every notifications endpoint', () => {
  it('refuses anonymous callers (401)', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/notifications'], ['GET', '/api/v1/notifications/unread-count'], ['POST', `/api/v1/notifications/${BAD}/read`],
      ['POST', '/api/v1/notifications/read-all'], ['GET', '/api/v1/notifications/settings'], ['PUT', '/api/v1/notifications/settings'],
    ] as const) {
      const res = await t.anonymous.request({ method, url, payload: method === 'GET' ? undefined : {} });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
    }
  });

  it('names the field at fault (400)', async () => {
    expect(fieldsOf(await staff.get('/api/v1/notifications?limit=0'))).toEqual(['limit']);
    expect(fieldsOf(await staff.get('/api/v1/notifications?before=yesterday'))).toEqual(['before']);
    expect(fieldsOf(await staff.post('/api/v1/notifications/nope/read', {}))).toEqual(['id']);
    expect(fieldsOf(await staff.post('/api/v1/notifications/read-all', { before: 'soon' }))).toEqual(['before']);
    expect(fieldsOf(await staff.put('/api/v1/notifications/settings', { emailEnabled: 'yes' }))).toEqual(['emailEnabled']);
    const res = await staff.put('/api/v1/notifications/settings', {});
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('refuses a write without the session’s CSRF token (403), and hides other people’s notices (404)', async () => {
    const [theirs] = (await viewer.get('/api/v1/notifications')).json().items;
    const noCsrf = await staff.request({ method: 'POST', url: '/api/v1/notifications/read-all', payload: {}, headers: { 'x-csrf-token': '' } });
    expect(noCsrf.statusCode).toBe(403);
    expect((await staff.post(`/api/v1/notifications/${theirs.id}/read`, {})).statusCode).toBe(404);
    expect((await viewer.get('/api/v1/notifications/unread-count')).json().unread).toBe(1);
  });

  it('lists my notices newest first with the unread count, marks one and then all read (200)', async () => {
    const list = (await staff.get('/api/v1/notifications')).json();
    expect(list.items).toHaveLength(3);
    expect(list.unread).toBe(3);
    expect(list.items[0]).toMatchObject({ kind: 'decision_recorded', read: false, actions: { 'notification.markRead': true } });
    const one = await staff.post(`/api/v1/notifications/${list.items[0].id}/read`, {});
    expect(one.statusCode).toBe(200);
    expect(one.json().read).toBe(true);
    expect((await staff.get('/api/v1/notifications/unread-count')).json()).toEqual({ unread: 2 });
    expect((await staff.get('/api/v1/notifications?unread=true')).json().items).toHaveLength(2);
    const all = await staff.post('/api/v1/notifications/read-all', {});
    expect(all.json()).toEqual({ marked: 2, unread: 0 });
    expect((await viewer.get('/api/v1/notifications/unread-count')).json().unread).toBe(1); // only mine
  });

  it('keeps my e-mail choice (200)', async () => {
    expect((await staff.get('/api/v1/notifications/settings')).json()).toEqual({ emailEnabled: true, emailAvailable: false, version: 0 });
    const off = await staff.put('/api/v1/notifications/settings', { emailEnabled: false });
    expect(off.statusCode).toBe(200);
    expect(off.json()).toMatchObject({ emailEnabled: false, version: 1 });
    expect((await staff.get('/api/v1/notifications/settings')).json().emailEnabled).toBe(false);
    expect((await viewer.get('/api/v1/notifications/settings')).json().emailEnabled).toBe(true);
  });
});
