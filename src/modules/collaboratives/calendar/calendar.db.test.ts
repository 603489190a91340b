import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { createTestApp, demo, type Agent, type TestApp } from '../../../../test/helpers/test-app';

/**
 * Calendars read by a real iCalendar parser (ical.js), across the weeks Ontario changes its
 * clocks: a monthly second-Wednesday 18:00 series stays at 18:00 on Wednesdays.
 */
let t: TestApp;
let coordinator: Agent;
let member: Agent;
let staff: Agent;
let collaborativeId: string;
const base = () => `/api/v1/collaboratives/${collaborativeId}`;

beforeAll(async () => {
  t = await createTestApp();
  [coordinator, member, staff] = await Promise.all([t.login(demo.coordinator), t.login(demo.member), t.login(demo.staff)]);
  const list = (await coordinator.get('/api/v1/collaboratives')).json().items as { id: string; shortName: string }[];
  collaborativeId = list.find((c) => c.shortName === 'LDIPC')!.id;
});
afterAll(async () => {
  await t?.close();
});

interface Occurrence {
  uid: string;
  localHour: number;
  localMinute: number;
  weekday: number; // ical.js: 1 = Sunday … 4 = Wednesday
  utc: string;
  status: string | null;
  sequence: number;
}

/** Every occurrence of every event in the calendar, expanded by ical.js (RRULE, EXDATE, VTIMEZONE). */
function expand(text: string): Occurrence[] {
  const cal = new ICAL.Component(ICAL.parse(text));
  for (const tz of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  const out: Occurrence[] = [];
  for (const v of cal.getAllSubcomponents('vevent')) {
    const ev = new ICAL.Event(v);
    const it = ev.iterator();
    for (let next = it.next(), n = 0; next && n < 100; next = it.next(), n++) {
      out.push({
        uid: ev.uid,
        localHour: next.hour,
        localMinute: next.minute,
        weekday: next.dayOfWeek(),
        utc: next.toJSDate().toISOString(),
        status: (v.getFirstPropertyValue('status') as string | null) ?? null,
        sequence: ev.sequence,
      });
    }
  }
  return out.sort((a, b) => a.utc.localeCompare(b.utc));
}

async function subscribe(agent: Agent): Promise<{ id: string; path: string }> {
  const res = await agent.post(`${base()}/calendar-links`);
  expect(res.statusCode).toBe(201);
  const { id, url } = res.json();
  return { id, path: new URL(url).pathname };
}

async function feed(path: string) {
  return t.app.inject({ method: 'GET', url: path });
}

describe('recurring meetings on Toronto time', () => {
  let series: { id: string; startsAt: string; seriesId: string }[];
  const ours = (o: Occurrence) => o.uid === `series-${series[0].seriesId}@roundtable`;
  let link: { id: string; path: string };

  it('creates a second-Wednesday 18:00 series that keeps 18:00 across the March change to daylight time', async () => {
    const res = await coordinator.post(`${base()}/meetings`, {
      title: 'DST council',
      startsAt: '2027-01-13T18:00:00-05:00',
      endsAt: '2027-01-13T20:00:00-05:00',
      location: 'Whitby',
      recurrence: 'FREQ=MONTHLY;BYDAY=2WE;COUNT=6',
    });
    expect(res.statusCode).toBe(201);
    series = res.json().items;
    // 2027-03-14 is the change: March's meeting is on EST (23:00 UTC), April's on EDT (22:00 UTC).
    expect(series.map((m) => m.startsAt)).toEqual([
      '2027-01-13T23:00:00.000Z',
      '2027-02-10T23:00:00.000Z',
      '2027-03-10T23:00:00.000Z',
      '2027-04-14T22:00:00.000Z',
      '2027-05-12T22:00:00.000Z',
      '2027-06-09T22:00:00.000Z',
    ]);
  });

  it('at 20:00 keeps its first meeting and stays on Wednesdays (the evening is the next day in UTC)', async () => {
    const res = await coordinator.post(`${base()}/meetings`, {
      title: 'Late council',
      startsAt: '2027-10-13T20:00:00-04:00',
      endsAt: '2027-10-13T21:30:00-04:00',
      recurrence: 'FREQ=MONTHLY;BYDAY=2WE;COUNT=3',
    });
    expect(res.statusCode).toBe(201);
    const starts = res.json().items.map((m: { startsAt: string }) => m.startsAt);
    // 2027-11-07 ends daylight time: November's 20:00 is 01:00 UTC the next day.
    expect(starts).toEqual(['2027-10-14T00:00:00.000Z', '2027-11-11T01:00:00.000Z', '2027-12-09T01:00:00.000Z']);
  });

  it('exports a series as one VEVENT with RRULE and VTIMEZONE that a parser expands to the same meetings', async () => {
    link = await subscribe(member);
    const res = await feed(link.path);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/calendar');
    const text = res.body;
    expect(text).toContain('BEGIN:VTIMEZONE');
    expect(text).toMatch(/RRULE:FREQ=MONTHLY;BYDAY=2WE;COUNT=6/);
    const dst = expand(text).filter(ours);
    expect(dst.map((o) => o.utc)).toEqual(series.map((m) => m.startsAt));
    expect(new Set(dst.map((o) => `${o.weekday} ${o.localHour}:${o.localMinute}`))).toEqual(new Set(['4 18:0']));
  });

  it('a cancelled occurrence leaves the series by EXDATE; its own .ics says CANCELLED with a higher SEQUENCE', async () => {
    const march = series[2];
    const before = (await coordinator.get(`${base()}/meetings/${march.id}`)).json();
    const res = await coordinator.patch(`${base()}/meetings/${march.id}`, { version: before.version, status: 'cancelled' });
    expect(res.statusCode).toBe(200);

    const ics = await coordinator.get(`${base()}/meetings/${march.id}/meeting.ics`);
    expect(ics.statusCode).toBe(200);
    const [single] = expand(ics.body);
    expect(single.status).toBe('CANCELLED');
    expect(single.sequence).toBe(1);
    expect(single.localHour).toBe(18);

    const text = (await feed(link.path)).body;
    expect(text).toMatch(/EXDATE;TZID=America\/Toronto:20270310T180000/);
    const dst = expand(text).filter(ours);
    expect(dst.map((o) => o.utc)).not.toContain(march.startsAt);
    expect(dst).toHaveLength(5);
    expect(dst[0].sequence).toBe(1);
  });

  it('a moved occurrence leaves the series and appears on its own at the new time; SEQUENCE grows again', async () => {
    const may = series[4];
    const before = (await coordinator.get(`${base()}/meetings/${may.id}`)).json();
    const res = await coordinator.patch(`${base()}/meetings/${may.id}`, { version: before.version, startsAt: '2027-05-13T18:30:00-04:00', endsAt: '2027-05-13T20:30:00-04:00' });
    expect(res.statusCode).toBe(200);
    const all = expand((await feed(link.path)).body).filter((o) => o.utc >= '2027-01-01' && o.utc < '2027-07-01');
    const own = all.filter((o) => o.uid === `${may.id}@roundtable`);
    expect(own).toHaveLength(1);
    expect(own[0]).toMatchObject({ localHour: 18, localMinute: 30, weekday: 5, sequence: 1 });
    const inSeries = all.filter(ours);
    expect(inSeries.map((o) => o.utc)).not.toContain(may.startsAt);
    expect(inSeries).toHaveLength(4);
    expect(inSeries[0].sequence).toBe(2);
  });

  it('a change of minutes only does not move SEQUENCE', async () => {
    const june = series[5];
    const before = (await coordinator.get(`${base()}/meetings/${june.id}`)).json();
    await coordinator.patch(`${base()}/meetings/${june.id}`, { version: before.version, minutes: 'Notes' });
    const [single] = expand((await coordinator.get(`${base()}/meetings/${june.id}/meeting.ics`)).body);
    expect(single.sequence).toBe(0);
  });
});

describe('calendar subscription links', () => {
  it('are for members only; the secret is shown once and the list never carries it', async () => {
    expect((await staff.post(`${base()}/calendar-links`)).statusCode).toBe(403);
    expect((await t.anonymous.post(`${base()}/calendar-links`)).statusCode).toBe(401);
    const link = await subscribe(member);
    const list = (await member.get(`${base()}/calendar-links`)).json();
    expect(list.items.map((l: { id: string }) => l.id)).toContain(link.id);
    expect(JSON.stringify(list)).not.toContain(link.path.slice('/calendar/'.length, -4));
  });

  it('a new link replaces the old one; a revoked link and a made-up one get the same 404', async () => {
    const first = await subscribe(member);
    const second = await subscribe(member);
    expect((await feed(first.path)).statusCode).toBe(404);
    expect((await feed(second.path)).statusCode).toBe(200);
    expect((await feed('/calendar/not-a-real-secret-at-all-0000000.ics')).statusCode).toBe(404);
    expect((await feed('/calendar/short.ics')).statusCode).toBe(404);
  });

  it('someone else cannot revoke a member’s link; the member and a manager can', async () => {
    const link = await subscribe(member);
    const del = (agent: Agent, id: string) => agent.request({ method: 'DELETE', url: `${base()}/calendar-links/${id}` });
    expect((await del(staff, link.id)).statusCode).toBe(404);
    expect((await del(coordinator, link.id)).statusCode).toBe(200);
    expect((await feed(link.path)).statusCode).toBe(404);
    const mine = await subscribe(member);
    expect((await del(member, mine.id)).statusCode).toBe(200);
    expect((await feed(mine.path)).statusCode).toBe(404);
    const audit = await t.database.query<{ action: string }>(`SELECT action FROM audit_events WHERE entity_type = 'collaborative_calendar_link' ORDER BY id`);
    expect(audit.map((a) => a.action)).toContain('collaborative.calendar_link.revoke');
  });
});
